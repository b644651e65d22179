"""`review`: the page (and statement, PDF or DOCX) a director needs, to send by e-mail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from rechtmakers.cli.app import app, guarded, is_quiet
from rechtmakers.source_names import DEFAULT_DIR


@app.command()
def review(
    party: str = typer.Option(..., "--partij", "-p", help="Kenmerk van de partij die moet "
                              "goedkeuren, zoals de-schoor."),
    path: Path = typer.Argument(None, metavar="PAD", help="De overeenkomst (map). Standaard: "
                                f"de enige onder {DEFAULT_DIR}/.", show_default=False),
    out: Path = typer.Option(..., "--out", "-o", metavar="MAP", help="De map waarin de pagina "
                             "en wat erbij hoort komen."),
    deadline: str = typer.Option(None, "--uiterlijk", metavar="DATUM", help="Uiterste datum "
                                 "voor het akkoord of de opmerkingen, zoals 2027-01-18; de "
                                 "pagina noemt hem in woorden.", show_default=False),
    contact: str = typer.Option(None, "--contact", metavar="WIE", help="Wie de bestuurder kan "
                                "vragen: het e-mailadres van een vertegenwoordiger, of "
                                "\"Naam <adres>\". Standaard: de (eerste) vertegenwoordiger "
                                "van de penvoerder.", show_default=False),
) -> None:
    """Maak voor één partij een pagina om per e-mail te sturen aan haar bestuurder: wat er
    gevraagd wordt, uiterlijk wanneer, wie te vragen, wat er veranderde en waarom, en wie al
    tekende.

    Status ter-ondertekening: met de akkoordverklaring (<overeenkomst>-<partij>-akkoord.txt) en
    de PDF van deze versie, en alleen de manieren van akkoord geven die voor deze partij nu
    kunnen tellen (een ondertekende PDF als vertrouwd/ een certificaat heeft dat telt; een
    SSH-handtekening als een vertegenwoordiger een sleutel heeft die telt; anders git). Kan
    geen manier tellen zonder hulp van de beheerder, dan zegt de pagina dat, en review
    waarschuwt. Status concept: een pagina ter bespreking met het Word-bestand om met
    bijgehouden wijzigingen terug te sturen (rechtmakers inlezen); geen akkoordverklaring.

    Exitcode 0: geschreven (ook met een waarschuwing). 1: de overeenkomst is niet te lezen of
    de partij bestaat niet. 2: verkeerd aangeroepen, of de map is niet te schrijven.
    """
    from rechtmakers.cli.signoff import one_root
    from rechtmakers.signoff.review import ReviewRequest
    from rechtmakers.signoff.review import review as write_review

    with guarded():
        request = ReviewRequest(party, out, _date(deadline), contact)
        result = write_review(one_root(path), request)
    for warning in result.warnings:
        typer.echo(f"rechtmakers: let op: {warning}", err=True)
    if is_quiet():
        return
    written = [p for p in (result.page, result.statement, result.pdf, result.docx) if p]
    typer.echo(f"Geschreven ({result.kind}): {', '.join(str(p) for p in written)}.")
    typer.echo("Stuur de pagina met de bestanden erbij naar een vertegenwoordiger van de "
               "partij.")


def _date(text: str | None) -> dt.date | None:
    from rechtmakers.errors import UsageError

    if text is None:
        return None
    value = text.strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value[:20], pattern).date()
        except ValueError:
            continue
    raise UsageError(f"--uiterlijk {value[:40]!r} is geen datum. Schrijf hem als 2027-01-18 "
                     "(jaar-maand-dag) of 18-01-2027.")

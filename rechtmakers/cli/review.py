"""`review`: the page and approval statement a representative needs to approve without git."""

from __future__ import annotations

from pathlib import Path

import typer

from rechtmakers.cli.app import app, guarded


@app.command()
def review(
    party: str = typer.Option(..., "--partij", "-p", help="Kenmerk van de partij die moet "
                              "goedkeuren, zoals de-schoor."),
    path: Path = typer.Argument(None, metavar="PAD", help="De overeenkomst (map). Standaard: "
                                "de enige onder agreements/.", show_default=False),
    out: Path = typer.Option(..., "--out", "-o", metavar="MAP", help="De map waarin de pagina, "
                             "de akkoordverklaring en de PDF komen."),
) -> None:
    """Maak voor één partij een pagina om per e-mail te sturen en de akkoordverklaring om te
    tekenen, zodat een vertegenwoordiger zonder git akkoord kan geven.

    De pagina (HTML, op zichzelf staand) toont wat er veranderde sinds de partij tekende, de
    tekst, wie al tekende, versie en digest, en hoe u akkoord geeft. De verklaring
    (<overeenkomst>-<partij>-akkoord.txt) tekent een vertegenwoordiger met ssh-keygen -Y sign
    -n rechtmakers-akkoord; de beheerder legt de .sig vast met rechtmakers sign --bewijs. Of de
    vertegenwoordiger ondertekent de PDF van deze versie (<overeenkomst>-versie-<versie>.pdf)
    met zijn gewone programma en stuurt hem terug; ook die legt de beheerder vast met --bewijs.
    Exitcode 0: geschreven. 1: de overeenkomst is niet te lezen of de partij bestaat niet. 2:
    verkeerd aangeroepen.
    """
    from rechtmakers.cli.signoff import one_root
    from rechtmakers.signoff.review import review as write_review

    with guarded():
        result = write_review(one_root(path), party, out)
    pdf = f" en {result.pdf}" if result.pdf else ""
    typer.echo(f"Geschreven: {result.page}, {result.statement}{pdf}.")
    typer.echo(f"Stuur ze naar een vertegenwoordiger; die tekent met: ssh-keygen -Y sign -f "
               f"~/.ssh/id_ed25519 -n rechtmakers-akkoord {result.statement.name}")
    if result.pdf:
        typer.echo(f"Of die ondertekent {result.pdf.name} met zijn gewone programma; leg de "
                   "teruggestuurde PDF vast met rechtmakers sign --bewijs.")

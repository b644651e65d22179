"""`rechtmakers init`: scaffold a new agreement, by questions on a terminal or by flags."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from rechtmakers.cli.app import app, echo_error, guarded, is_quiet
from rechtmakers.source_names import DEFAULT_DIR

if TYPE_CHECKING:
    from rechtmakers.scaffold import PartySpec


@app.command()
def init(
    folder: Path = typer.Argument(..., metavar="MAP", show_default=False, help=(
        "Map van de nieuwe overeenkomst. De mapnaam wordt het kenmerk, zoals "
        f"{DEFAULT_DIR}/positief-gezond-almere.")),
    title: str = typer.Option(None, "--titel", "-t", show_default=False,
                              help="Titel van de overeenkomst."),
    parties: list[str] = typer.Option(None, "--partij", "-p", show_default=False, help=(
        'Een partij als kenmerk:Naam:soort, zoals "de-schoor:De Schoor:welzijn". Herhaal de '
        "optie voor elke partij.")),
    lead: str = typer.Option(None, "--penvoerder", show_default=False, help=(
        "Kenmerk van de partij die de pen voert. Standaard: de eerste partij.")),
    schemas: Path = typer.Option(None, "--schemas", show_default=False, help=(
        "Map met de JSON-schema's waar de modelines naar wijzen. Standaard: schemas/ van de "
        "repository, anders de schema's van rechtmakers zelf.")),
    ask: bool = typer.Option(None, "--vragen/--geen-vragen", show_default=False, help=(
        "Vraag titel en partijen. Standaard: alleen in een terminal, en niet als --titel of "
        "--partij is gegeven.")),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Niets tonen als het lukt."),
) -> None:
    """Maak een nieuwe overeenkomst met de artikelen die zij nodig heeft, klaar om in te vullen.

    Wat nog ontbreekt staat er als [nog invullen: …]; rechtmakers validate toont die plekken als
    waarschuwing. Een bestaande overeenkomst wordt nooit overschreven (exitcode 2).
    """
    from rechtmakers.scaffold import Scaffold, create_agreement, find_schema_dir, parse_party

    with guarded():
        specs = [parse_party(text) for text in parties or []]
        answer: str | None = title
        if ask if ask is not None else (sys.stdin.isatty() and not title and not specs):
            answer, specs = _questions(title, specs)
        written = create_agreement(folder, Scaffold(title=answer or None, parties=tuple(specs),
                                                    lead=lead), schemas)
    if quiet or is_quiet():
        return
    typer.echo(f"Nieuwe overeenkomst in {folder}: {len(written)} bestanden.")
    typer.echo(f"Vul de plekken met [nog invullen] in. `rechtmakers validate {folder}` toont "
               "waar ze staan.")
    if schemas is None and find_schema_dir(folder.resolve().parent) is None:
        typer.echo("Let op: de modelines wijzen naar de schema's in deze installatie van "
                   "rechtmakers. Voor modelines die op elke computer werken: draai eerst "
                   "`rechtmakers schema` in de hoofdmap van de repository.")


def _questions(title: str | None, specs: list[PartySpec]) -> tuple[str | None, list[PartySpec]]:
    """Ask for what flags did not give: the title, then the parties one by one."""
    if not title:
        title = typer.prompt("Titel van de overeenkomst (leeg: later invullen)", default="",
                             show_default=False).strip()
    if not specs:
        typer.echo("Partijen: geef ze een voor een. Laat de naam leeg als je klaar bent.")
        while (spec := _ask_party(len(specs) + 1, {s.id for s in specs})) is not None:
            specs.append(spec)
    return title, specs


def _ask_party(number: int, taken: set[str]) -> PartySpec | None:
    from rechtmakers.errors import UsageError
    from rechtmakers.scaffold import PARTY_KINDS, party, slugify

    name = typer.prompt(f"Naam van partij {number}", default="", show_default=False).strip()
    if not name:
        return None

    def unique_id(party_id: str) -> PartySpec:
        if party_id in taken:
            raise UsageError(f"Er is al een partij met kenmerk {party_id}.")
        return party(party_id, name, "overig")

    party_id = _ask_until_valid("  Kenmerk", slugify(name), unique_id).id
    return _ask_until_valid(f"  Soort ({', '.join(PARTY_KINDS)})", "overig",
                            lambda kind: party(party_id, name, kind))


def _ask_until_valid(question: str, default: str, make: Callable[[str], PartySpec]) -> PartySpec:
    """Ask again, with the Dutch reason, until make accepts the answer."""
    from rechtmakers.errors import UsageError

    while True:
        try:
            return make(typer.prompt(question, default=default).strip())
        except UsageError as exc:
            echo_error(str(exc))

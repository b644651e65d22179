"""`rechtmakers inlezen`: a partner's returned Word review back into the YAML source."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from rechtmakers.cli.app import app, guarded
from rechtmakers.source_names import DEFAULT_DIR


class Format(StrEnum):
    tekst = "tekst"
    json = "json"


@app.command()
def inlezen(
    review: Path = typer.Argument(..., metavar="REVIEW", help="Het DOCX-bestand (.docx) dat een "
                                  "partner terugstuurde, met of zonder bijgehouden "
                                  "wijzigingen en opmerkingen.", show_default=False),
    path: Path = typer.Argument(None, metavar="PAD", help="De overeenkomst (map). Standaard: "
                                f"de overeenkomst in {DEFAULT_DIR}/ met het kenmerk uit de DOCX.",
                                show_default=False),
    fmt: Format = typer.Option(Format.tekst, "--format", "-f", help="Uitvoer: tekst of json."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Toon wat er zou veranderen, maar "
                                 "schrijf niets."),
) -> None:
    """Lees een Word-review terug in de YAML: de wijzigingen in de bron, de opmerkingen per
    artikel en lid. Er wordt nooit gecommit; bekijk het resultaat met git diff.

    Exitcode 0: toegepast, of niets toe te passen. 1: conflicten, of wijzigingen die niet
    toegepast konden worden. 2: geen DOCX, niet door rechtmakers gemaakt, of van een versie
    die niet bekend is (er is dan niets geschreven).
    """
    from rechtmakers.inlezen import read_back
    from rechtmakers.inlezen.report import as_json, as_text

    with guarded():
        outcome = read_back(review, path, Path.cwd(), dry_run=dry_run)
    sys.stdout.write(as_json(outcome) if fmt is Format.json else as_text(outcome))
    sys.stdout.flush()
    raise typer.Exit(outcome.exit_code)

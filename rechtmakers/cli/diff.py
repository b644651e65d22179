"""`rechtmakers diff`: what changed between two versions, per article and word by word."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

from rechtmakers.cli.app import app, guarded, report_written


class Format(StrEnum):
    tekst = "tekst"
    md = "md"
    html = "html"
    json = "json"
    docx = "docx"
    pdf = "pdf"


@app.command()
def diff(
    args: list[str] = typer.Argument(None, metavar="OUD NIEUW PAD", help="Twee git-revisies "
                                     "(commit, tag, branch; zonder NIEUW: de werkmap; zonder "
                                     "beide: HEAD tegen de werkmap) en het pad van een "
                                     "overeenkomst; of twee mappen met een overeenkomst.",
                                     show_default=False),
    fmt: Format = typer.Option(Format.tekst, "--format", "-f", help="Uitvoer: tekst, md "
                               "(voor een pull request), html (redline-pagina), json, docx "
                               "(Word met bijgehouden wijzigingen) of pdf (redline op papier)."),
    out: Path = typer.Option(None, "--out", "-o", help="Schrijf naar dit bestand in plaats van "
                             "naar de standaarduitvoer (verplicht voor docx en pdf).",
                             show_default=False),
) -> None:
    """Toon wat er veranderd is tussen twee versies: per artikel en woord voor woord.

    Exitcode 0: vergeleken. 1: een van de versies is niet te lezen. 2: verkeerd aangeroepen,
    bijvoorbeeld een revisie die niet bestaat.
    """
    from rechtmakers.diff.output import (
        BINARY,
        ViewOptions,
        render_view,
        write_file_atomically,
    )
    from rechtmakers.diff.sources import load_comparison, parse_arguments
    from rechtmakers.errors import UsageError

    with guarded():
        if fmt.value in BINARY and out is None:
            raise UsageError(f"Geef met --out het bestand voor de {fmt.value.upper()}, "
                             f"bijvoorbeeld --out wijzigingen.{fmt.value}.")
        cwd = Path.cwd()
        # The DOCX redline compares the laid-out documents itself: no word edits needed.
        result = load_comparison(parse_arguments(args or [], cwd), cwd,
                                 words=fmt.value != "docx", attribute=fmt.value == "docx")
        options = ViewOptions(color=out is None and _color(), width=_width())
        data = render_view("terminal" if fmt is Format.tekst else fmt.value, result, options)
        if out is not None:
            write_file_atomically(out, data)
    if out is not None:
        report_written([out])
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()


def _color() -> bool:
    """Color only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _width() -> int:
    try:
        return max(60, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError):
        return 100

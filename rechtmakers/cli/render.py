"""`rechtmakers render`: agreements into readable Dutch documents, written atomically."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from rechtmakers.cli.app import app, echo_error, guarded, report_written
from rechtmakers.source_names import DEFAULT_DIR


@app.command()
def render(
    paths: list[Path] = typer.Argument(None, metavar="PAD", help="Overeenkomsten (mappen) of "
                                       f"een map met overeenkomsten. Standaard: {DEFAULT_DIR}/.",
                                       show_default=False),
    formats: str = typer.Option("md,html", "--format", "-f", help="Formaten, gescheiden door "
                                "komma's: md, html, docx, pdf (ook: markdown, word)."),
    out: Path = typer.Option(Path("build"), "--out", "-o", help="Map voor de documenten; elke "
                             "overeenkomst krijgt een eigen map <id>/ daarin."),
    toelichting: bool = typer.Option(False, "--toelichting", help="Editie voor reviewers: met "
                                     "de toelichting bij elk artikel."),
    templates: Path = typer.Option(None, "--templates", help="Map met een eigen huisstijl: "
                                   "sjablonen die de meegeleverde vervangen.",
                                   show_default=False),
    force: bool = typer.Option(False, "--force", help="Ook weergeven als de overeenkomst "
                               "fouten heeft."),
) -> None:
    """Maak leesbare documenten van overeenkomsten: Markdown, HTML, DOCX en PDF.

    Exitcode 0: geschreven. 1: de overeenkomst heeft fouten (er is niets geschreven; met
    --force wel). 2: verkeerd aangeroepen.
    """
    from rechtmakers.checks import RULES
    from rechtmakers.cli.formats import canonical_formats
    from rechtmakers.config import load_config
    from rechtmakers.render import RenderOptions, parse_formats, render_all
    from rechtmakers.render.output import write_atomically
    from rechtmakers.render.templating import check_house_style
    from rechtmakers.reporters import HumanReporter
    from rechtmakers.signoff.documented import signed_texts
    from rechtmakers.signoff.probe import waiting_parties
    from rechtmakers.validate import find_agreements, validate_agreement

    with guarded():
        wanted = ",".join(canonical_formats(formats)) or formats
        options = RenderOptions(parse_formats(wanted), toelichting, templates, signed_texts)
        check_house_style(templates)
        roots = find_agreements(paths or [])
        config = load_config(Path.cwd(), rules=RULES)
        reports = [validate_agreement(root, config, errors_only=True, signoffs=waiting_parties)
                   for root in roots]
    failed = [report for report in reports if report.errors]
    if failed:
        HumanReporter(sys.stderr, quiet=True).report(failed)
        if not force:
            echo_error("Niets weergegeven: los eerst de fouten op, of geef --force.")
            raise typer.Exit(1)
        echo_error("Let op: weergegeven ondanks fouten (--force).")
    with guarded():
        files = render_all((report.agreement for report in reports), options)
        written = write_atomically(out, files)
    report_written(written)

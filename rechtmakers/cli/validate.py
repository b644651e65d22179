"""`rechtmakers validate`: check agreements and report every finding at file:line:col."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from rechtmakers.cli.app import app, guarded, is_quiet, progress
from rechtmakers.source_names import DEFAULT_DIR

if TYPE_CHECKING:  # the type only: the command imports diff when it runs with --since
    from rechtmakers.diff.since import SinceRevision


class Format(StrEnum):
    tekst = "tekst"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command()
def validate(
    paths: list[Path] = typer.Argument(None, metavar="PAD", help="Overeenkomsten (mappen) "
                                       f"of een map met overeenkomsten. Standaard: {DEFAULT_DIR}/.",
                                       show_default=False),
    fmt: Format = typer.Option(Format.tekst, "--format", "-f", help="Uitvoer: tekst "
                               "(leesbaar), json, github (annotaties in GitHub Actions) of sarif "
                               "(code scanning)."),
    strict: bool = typer.Option(False, "--strict", help="Ook waarschuwingen laten falen "
                                "(exitcode 1)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Alleen meldingen tonen, geen "
                               "samenvatting als alles goed is."),
    since: str | None = typer.Option(None, "--since", metavar="REV", help="Vergelijk met "
                                     "git-revisie REV en waarschuw als een gewijzigd artikel of "
                                     "de gewijzigde overeenkomst geen hogere versie kreeg "
                                     "(V001, V002).", show_default=False),
) -> None:
    """Controleer overeenkomsten: schema, verwijzingen, domeinregels en taal.

    Exitcode 0: geen fouten. 1: de overeenkomst heeft fouten (of waarschuwingen, met --strict).
    2: verkeerd aangeroepen.
    """
    from rechtmakers.checks import RULES
    from rechtmakers.config import load_config
    from rechtmakers.reporters import REPORTERS
    from rechtmakers.signoff.probe import waiting_parties
    from rechtmakers.validate import find_agreements, validate_agreement

    with guarded():
        roots = find_agreements(paths or [])
        config = load_config(Path.cwd(), rules=RULES)
        reports = [validate_agreement(root, config, signoffs=waiting_parties,
                                      since="" if since is None else since,
                                      since_probe=_since_probe(root, since))
                   for root in progress(roots, "Overeenkomsten controleren")]
    REPORTERS[fmt.value](sys.stdout, quiet=quiet or is_quiet()).report(reports)
    failed = any(r.errors or (strict and r.warnings) for r in reports)
    raise typer.Exit(1 if failed else 0)


def _since_probe(root: Path, rev: str | None) -> SinceRevision | None:
    """The agreement at --since REV, for the version rules; None without --since."""
    if rev is None:
        return None
    from rechtmakers.agreement import IncompleteAgreement
    from rechtmakers.diff.since import SinceRevision
    from rechtmakers.versions import Versions

    try:
        previous = Versions.open(root).at(rev)
    except IncompleteAgreement:
        # A version at REV that does not load holds nothing sound to compare against: the
        # --since rules stay silent, as for a folder that held no agreement then.
        previous = None
    return SinceRevision(previous, rev)

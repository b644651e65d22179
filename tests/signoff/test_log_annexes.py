"""`log` shows a changed annex, and a changed annex makes a sign-off stale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rechtmakers.signoff.history import agreement_log
from rechtmakers.signoff.status import agreement_status

from .conftest import JOOST, Identity, commit_all, edit
from .test_status import sign

Cli = Callable[..., Any]
PLAN = "bijlagen/transformatieplan.md"


def test_log_shows_a_changed_annex(git_repo: Path, agreement: Path) -> None:
    edit(agreement / PLAN, "in twee stadsdelen", "in drie stadsdelen")
    commit_all(git_repo, "Drie wijken")
    (agreement / "bijlagen" / "begroting.pdf").write_bytes(b"%PDF-1.4\n")
    commit_all(git_repo, "Begroting")
    entries = agreement_log(agreement)
    assert [[e.text for e in entry.events] for entry in entries[:2]] == [
        ["bijlage bijlagen/begroting.pdf toegevoegd"],
        ["bijlage bijlagen/transformatieplan.md gewijzigd"]]
    assert all(e.binding for entry in entries[:2] for e in entry.events)


def test_a_changed_annex_makes_a_signoff_stale(git_repo: Path, agreement: Path, cli: Cli,
                                               be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    assert _state(agreement, "de-schoor") == "signed"
    edit(agreement / PLAN, "in twee stadsdelen", "in drie stadsdelen")
    commit_all(git_repo, "Drie wijken")
    assert _state(agreement, "de-schoor") != "signed"


def _state(agreement: Path, party: str) -> str:
    status = agreement_status(agreement)
    return next(p.state for p in status.parties if p.party.id == party)

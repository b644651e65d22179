"""The agreement as it was at the last commit: what V001 and V002 hold the typed text against."""

from __future__ import annotations

from pathlib import Path

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.errors import RechtmakersError
from rechtmakers.versions import Versions


def last_commit(root: Path) -> CompleteAgreement | None:
    """The agreement folder root at HEAD; None outside git, before the first commit, or when
    that version does not load (there is nothing sound to compare with)."""
    try:
        return Versions.open(root).at("HEAD")
    except RechtmakersError:
        return None

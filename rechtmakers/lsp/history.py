"""The agreement as it was at the last commit: what V001 and V002 hold the typed text against."""

from __future__ import annotations

from pathlib import Path

from rechtmakers import gitrepo
from rechtmakers.agreement import META_FILE, Agreement, load_agreement
from rechtmakers.errors import RechtmakersError


def last_commit(root: Path) -> Agreement | None:
    """The agreement folder root at HEAD; None outside git, before the first commit, or when
    that version does not load (there is nothing sound to compare with)."""
    try:
        repo = gitrepo.open_repo(root)
        sha = gitrepo.resolve_revision(repo, "HEAD")
        files = gitrepo.files_at(repo, sha, gitrepo.repo_relative(repo, root))
    except (RechtmakersError, OSError):
        return None
    if META_FILE not in files:
        return None
    agreement, problems = load_agreement(root, files=files)
    return None if problems else agreement

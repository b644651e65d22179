"""The git repository and running git in it: where the repository is, which commit a revision
names, and the one function through which every git command of rechtmakers runs.

Git is spoken to through its plumbing commands, a few processes per command and never one per
commit or file (see rechtmakers/git/__init__.py).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.errors import UsageError, os_reason

__all__ = ["CommitId", "Repo", "cache_dir", "head_commit", "open_repo", "repo_relative",
           "resolve_revision", "run"]


@dataclass(frozen=True)
class Repo:
    """A git repository with a working tree: where it is, and where its .git is."""

    work_tree: Path
    git_path: Path

    @property
    def working_tree_dir(self) -> str:
        return str(self.work_tree)

    @property
    def git_dir(self) -> str:
        return str(self.git_path)


def open_repo(path: Path) -> Repo:
    """The git repository that holds path (a file or a folder in it)."""
    start = path if path.is_dir() else path.parent
    try:
        done = subprocess.run(["git", "-C", str(start), "rev-parse", "--show-toplevel",
                               "--absolute-git-dir"], capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"Git is niet te starten ({os_reason(exc)}). Is git "
                         "geïnstalleerd?") from exc
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if done.returncode != 0 or len(lines) != 2:
        raise UsageError(f"{path} staat niet in een git-repository met een werkmap. "
                         "Ondertekenen, vergelijken en de geschiedenis werken alleen in git "
                         "(git init).")
    return Repo(Path(lines[0]).resolve(), Path(lines[1]))


def repo_relative(repo: Repo, path: Path) -> str:
    """The posix path of path inside repo's working tree ("" for the top)."""
    try:
        rel = path.resolve().relative_to(repo.work_tree)
    except ValueError:
        raise UsageError(f"{path} ligt buiten de git-repository {repo.work_tree}.") from None
    return rel.as_posix() if rel.parts else ""


class CommitId(str):
    """A full commit sha that git has already resolved: passing one back as a revision costs
    no `git rev-parse`."""

    __slots__ = ()


def resolve_revision(repo: Repo, rev: str) -> str:
    """The full sha of the commit that rev names."""
    if isinstance(rev, CommitId):
        return rev
    if not rev or rev.startswith("-"):
        raise UsageError(f"De revisie {rev} bestaat niet.")
    try:
        out = run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{rev}^{{commit}}")
    except UsageError:
        raise UsageError(f"De revisie {rev} bestaat niet.") from None
    return CommitId(out.decode().strip())


def run(repo: Repo, *args: str, stdin: bytes | None = None,
        env: dict[str, str] | None = None) -> bytes:
    """Run one git command in repo's working tree; a Dutch UsageError with git's words if it
    fails."""
    command = ["git", *args]
    try:
        done = subprocess.run(command, cwd=repo.work_tree, input=stdin, capture_output=True,
                              env={**os.environ, **env} if env else None, check=False)
    except OSError as exc:
        raise UsageError(f"Git is niet te starten ({os_reason(exc)}). Is git "
                         "geïnstalleerd?") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git {args[0]} is mislukt: {said or 'geen uitleg van git'}")
    return done.stdout


def head_commit(repo: Repo) -> str:
    """The sha of HEAD; a UsageError in a repository without commits."""
    try:
        return CommitId(run(repo, "rev-parse", "--verify", "HEAD^{commit}").decode().strip())
    except UsageError:
        raise UsageError("De repository heeft nog geen commit. Leg de overeenkomst eerst vast "
                         "(git add en git commit).") from None


def cache_dir(repo: Repo) -> Path:
    """Where rechtmakers may keep caches of this repository: a folder inside its .git."""
    return repo.git_path / "rechtmakers"

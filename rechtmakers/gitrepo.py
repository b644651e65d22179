"""Every git call of rechtmakers: the one module that imports GitPython."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import git
from git import Repo

from rechtmakers.errors import UsageError

__all__ = ["Repo", "files_at", "materialize", "open_repo", "repo_relative", "resolve_revision"]

_BLOB_MODES = frozenset({0o100644, 0o100755})


def open_repo(path: Path) -> Repo:
    """The git repository that holds path (a file or a folder in it)."""
    start = path if path.is_dir() else path.parent
    try:
        return Repo(start.resolve(), search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"{path} staat niet in een git-repository. Ondertekenen, vergelijken en "
                     "de geschiedenis werken alleen in git (git init).") from None


def repo_relative(repo: Repo, path: Path) -> str:
    """The posix path of path inside repo's working tree ("" for the top)."""
    top = Path(_work_tree(repo)).resolve()
    try:
        rel = path.resolve().relative_to(top)
    except ValueError:
        raise UsageError(f"{path} ligt buiten de git-repository {top}.") from None
    return rel.as_posix() if rel.parts else ""


def resolve_revision(repo: Repo, rev: str) -> str:
    """The full sha of the commit that rev names."""
    if not rev or rev.startswith("-"):
        raise UsageError(f"De revisie {rev} bestaat niet.")
    try:
        return str(repo.git.rev_parse("--verify", "--quiet", "--end-of-options",
                                      f"{rev}^{{commit}}"))
    except git.GitCommandError:
        raise UsageError(f"De revisie {rev} bestaat niet.") from None


def files_at(repo: Repo, rev: str, subdir: str) -> dict[str, bytes]:
    """Every file under subdir at revision rev, by path relative to subdir.

    Reads through GitPython's tree objects, whose blob contents come from one persistent
    `git cat-file --batch` process: no process per file. Symbolic links and submodules are
    skipped (they are never part of an agreement). A subdir that does not exist gives {}.
    """
    tree = repo.commit(resolve_revision(repo, rev)).tree
    prefix = _clean_subdir(subdir)
    if prefix:
        try:
            tree = tree / prefix
        except KeyError:
            return {}
        if tree.type != "tree":
            return {}
    return {
        blob.path[len(prefix) + 1:] if prefix else blob.path: blob.data_stream.read()
        for blob in tree.traverse()
        if blob.type == "blob" and blob.mode in _BLOB_MODES
    }


def materialize(repo: Repo, rev: str, subdir: str, target: Path) -> Path:
    """Write the files under subdir at rev into target, so that a past version can be loaded."""
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    for rel, data in files_at(repo, rev, subdir).items():
        path = (root / rel).resolve()
        if root not in path.parents:
            continue  # git never stores such a path; refuse rather than write outside target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return target


def _clean_subdir(subdir: str) -> str:
    parts = [p for p in PurePosixPath(subdir.replace("\\", "/")).parts if p not in ("", ".")]
    if ".." in parts or (parts and parts[0] == "/"):
        raise UsageError(f"{subdir} is geen map binnen de repository.")
    return "/".join(parts)


def _work_tree(repo: Repo) -> str:
    if repo.working_tree_dir is None:
        raise UsageError("Deze git-repository heeft geen werkmap (bare repository).")
    return str(repo.working_tree_dir)

"""Writing commits and tags, and what writing needs to know first: who commits, whether git
signs, and whether the working tree has changes or an unfinished merge.

A commit is built in a temporary index, so whatever the user staged or changed stays exactly
as it was.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from rechtmakers.errors import UsageError
from rechtmakers.git import repo as gitrepo
from rechtmakers.git.repo import Repo, head_commit

__all__ = ["commit_file", "commit_files", "committer", "create_tag", "operation_in_progress",
           "signs_commits", "uncommitted"]


def committer(repo: Repo) -> tuple[str, str]:
    """The name and e-mail address git will put in the next commit as committer."""
    ident = gitrepo.run(repo, "var", "GIT_COMMITTER_IDENT").decode("utf-8", "replace")
    match = re.match(r"(.*?) <([^>]*)>", ident)
    if match is None:
        raise UsageError("Git kent uw naam en e-mailadres niet. Stel ze in met git config "
                         "user.name en git config user.email.")
    return match.group(1).strip(), match.group(2).strip()


def operation_in_progress(repo: Repo) -> str | None:
    """The name of an unfinished merge, rebase, cherry-pick or revert, or None."""
    git_dir = repo.git_path
    for marker, name in (("MERGE_HEAD", "merge"), ("rebase-merge", "rebase"),
                         ("rebase-apply", "rebase"), ("CHERRY_PICK_HEAD", "cherry-pick"),
                         ("REVERT_HEAD", "revert")):
        if (git_dir / marker).exists():
            return name
    return None


def uncommitted(repo: Repo, subdir: str) -> list[tuple[str, str]]:
    """(status, path) of every file under subdir that differs from HEAD, untracked and
    ignored files included: all of them would make the working tree differ from the commit."""
    out = gitrepo.run(repo, "-c", "core.quotepath=off", "status", "--porcelain=v1", "-z",
                      "--untracked-files=all", "--ignored=matching", "--", subdir or ".")
    entries: list[tuple[str, str]] = []
    tokens = iter(out.decode("utf-8", "replace").split("\0"))
    for token in tokens:
        if len(token) < 4:
            continue
        entries.append((token[:2], token[3:]))
        if token[0] in "RC":
            next(tokens, None)  # the source path of a rename or copy
    return entries


def signs_commits(repo: Repo) -> bool:
    """Whether git signs new commits here (commit.gpgsign)."""
    return _config_bool(repo, "commit.gpgsign")


def commit_file(repo: Repo, rel: str, data: bytes, message: str) -> str:
    """Commit one file with this content on top of HEAD, and nothing else; then write it."""
    return commit_files(repo, {rel: data}, message)


def commit_files(repo: Repo, files: dict[str, bytes], message: str,
                 check: Callable[[str], None] | None = None) -> str:
    """Commit these files with this content on top of HEAD, and nothing else; then write them.

    The commit is built in a temporary index, so whatever the user staged or changed stays
    exactly as it was. check (if given) sees the new commit before anything points at it and
    may refuse it by raising: HEAD has not moved then. HEAD moves only if nobody moved it
    meanwhile; then the user's index learns these paths and the files are written (never
    through a symbolic link), so they show up as unchanged. Signed when commit.gpgsign says so.
    The caller has made sure the paths have no changes of their own.
    """
    old = head_commit(repo)
    _refuse_locked_index(repo)
    for rel in files:
        _refuse_symlinks(repo, rel)
    blobs = {rel: gitrepo.run(repo, "hash-object", "-w", "--stdin", stdin=data).decode().strip()
             for rel, data in files.items()}
    new = _commit_tree(repo, old, _tree_with(repo, old, blobs), message)
    if check is not None:
        check(new)
    try:
        gitrepo.run(repo, "update-ref", "-m", f"rechtmakers: {message.splitlines()[0]}", "HEAD",
                    new, old)
    except UsageError:
        raise UsageError("HEAD is intussen door iets anders veranderd; er is niets vastgelegd. "
                         "Probeer het opnieuw.") from None
    for rel, data in files.items():
        _write_no_follow(repo, rel, data)
        _add_to_index(repo, rel, blobs[rel])
    return new


def _refuse_symlinks(repo: Repo, rel: str) -> None:
    """Refuse a path whose folders or file in the working tree are symbolic links."""
    path = repo.work_tree
    for part in PurePosixPath(rel).parts:
        path = path / part
        if path.is_symlink():
            raise UsageError(f"{path} is een symbolische koppeling; rechtmakers schrijft daar "
                             "niet doorheen. Er is niets vastgelegd.")


def _write_no_follow(repo: Repo, rel: str, data: bytes) -> None:
    _refuse_symlinks(repo, rel)
    path = repo.work_tree / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _tree_with(repo: Repo, commit: str, blobs: dict[str, str]) -> str:
    """The tree of commit with each path set to its blob, built in a throw-away index."""
    with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        gitrepo.run(repo, "read-tree", commit, env=env)
        entries = "".join(f"100644 {blob}\t{rel}\0" for rel, blob in blobs.items())
        gitrepo.run(repo, "update-index", "--add", "-z", "--index-info", stdin=entries.encode(),
                    env=env)
        return gitrepo.run(repo, "write-tree", env=env).decode().strip()


def _commit_tree(repo: Repo, parent: str, tree: str, message: str) -> str:
    sign = ["-S"] if _config_bool(repo, "commit.gpgsign") else []
    try:
        return gitrepo.run(repo, "commit-tree", tree, "-p", parent, *sign, "-F", "-",
                           stdin=message.encode("utf-8")).decode().strip()
    except UsageError as exc:
        raise UsageError(f"De commit kon niet gemaakt of ondertekend worden; er is niets "
                         f"vastgelegd. {exc}") from None


def _refuse_locked_index(repo: Repo) -> None:
    if (repo.git_path / "index.lock").exists():
        raise UsageError("Een ander git-proces is bezig (.git/index.lock bestaat). Wacht tot het "
                         "klaar is en probeer het opnieuw; er is niets vastgelegd.")


def _add_to_index(repo: Repo, rel: str, blob: str) -> None:
    """Tell the user's index about the committed file, waiting a little for another git."""
    for attempt in range(10):
        try:
            gitrepo.run(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{rel}")
            return
        except UsageError:
            if attempt == 9:
                raise UsageError(f"De commit is gemaakt, maar de index kon niet bijgewerkt "
                                 f"worden (een ander git-proces was bezig). Herstel dat met: "
                                 f"git restore --staged -- {rel}") from None
            time.sleep(0.2)


def _config_bool(repo: Repo, key: str) -> bool:
    try:
        return gitrepo.run(repo, "config", "--type=bool", "--get", key).strip() == b"true"
    except UsageError:
        return False  # not set


def create_tag(repo: Repo, name: str, commit: str, message: str) -> None:
    """An annotated tag (signed when tag.gpgsign says so); refuses to move an existing one."""
    gitrepo.run(repo, "check-ref-format", f"refs/tags/{name}")
    gitrepo.run(repo, "tag", "-a", "-F", "-", "--", name, commit, stdin=message.encode("utf-8"))

"""Reading history: the commits that changed a folder or one file (each from one `git log`), the
ancestry graph, a commit's author, and the tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from rechtmakers.git import repo as gitrepo
from rechtmakers.git.repo import Repo, resolve_revision

__all__ = ["Change", "Commit", "FileVersion", "GraphCommit", "ancestry", "commit_author",
           "file_history", "history", "tag_messages", "tags"]


@dataclass(frozen=True)
class Change:
    """One file a commit added (A), modified (M) or deleted (D), with its blob before and after."""

    status: str
    path: str
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class Commit:
    """A commit of the history scan, newest first, with its changes under the scanned folder."""

    sha: str
    author: str
    author_email: str
    committer: str
    committer_email: str
    date: str
    subject: str
    changes: tuple[Change, ...]


_FIELDS = ("%H", "%an", "%ae", "%cn", "%ce", "%aI", "%s")


_NULL_BLOB = "0" * 40


def history(repo: Repo, subdir: str, rev: str = "HEAD") -> list[Commit]:
    """Every commit that changed something under subdir, newest first, from one `git log`.

    Newest by ancestry (--topo-order): no commit comes before one of its children, whatever
    the dates say (anyone can set them). Merges show no changes of their own: each change is
    seen on the commit that made it.
    """
    sha = resolve_revision(repo, rev)
    fmt = "%x1e" + "%x1f".join(_FIELDS)
    out = gitrepo.run(repo, "-c", "core.quotepath=off", "log", "--topo-order", "-z", "--raw",
                      "--no-abbrev", "--no-renames", f"--format={fmt}", sha, "--",
                      subdir or ".")
    prefix = f"{subdir.rstrip('/')}/" if subdir else ""
    return [_parse_commit(chunk, prefix)
            for chunk in out.decode("utf-8", "replace").split("\x1e") if chunk.strip("\0\n")]


def _parse_commit(chunk: str, prefix: str) -> Commit:
    header, _, rest = chunk.partition("\0")
    fields = header.split("\x1f")
    changes: list[Change] = []
    tokens = rest.lstrip("\n").split("\0")
    for meta, path in zip(tokens[::2], tokens[1::2], strict=False):
        parts = meta.lstrip("\n:").split(" ")
        if len(parts) < 5 or not path.startswith(prefix):
            continue
        old, new, status = parts[2], parts[3], parts[4][:1]
        changes.append(Change(status, path[len(prefix):], None if old == _NULL_BLOB else old,
                              None if new == _NULL_BLOB else new))
    sha, author, author_email, name, email, date, subject = (fields + [""] * 7)[:7]
    return Commit(sha, author, author_email, name, email, date, subject, tuple(changes))


@dataclass(frozen=True)
class FileVersion:
    """One commit that changed one file: its blob before and after."""

    sha: str
    author_email: str
    old_blob: str | None
    new_blob: str | None


def file_history(repo: Repo, path: str, rev: str = "HEAD") -> list[FileVersion]:
    """Every commit that changed the file path, oldest first, parents before children
    (topological order), from one `git log`. Merges show no change of their own."""
    sha = resolve_revision(repo, rev)
    out = gitrepo.run(repo, "-c", "core.quotepath=off", "log", "-z", "--raw", "--no-abbrev",
                      "--no-renames", "--topo-order", "--reverse", "--format=%x1e%H%x1f%ae", sha,
                      "--", path)
    found: list[FileVersion] = []
    for chunk in out.decode("utf-8", "replace").split("\x1e"):
        if not chunk.strip("\0\n"):
            continue
        commit = _parse_commit(chunk, "")
        for change in commit.changes:
            if change.path == path:
                # _parse_commit names the second field "author"; here it is the e-mail address
                found.append(FileVersion(commit.sha, commit.author, change.old_blob,
                                         change.new_blob))
    return found


@dataclass(frozen=True)
class GraphCommit:
    """One commit of the ancestry graph: its parents and its author."""

    sha: str
    parents: tuple[str, ...]
    author: str
    author_email: str


def ancestry(repo: Repo, rev: str = "HEAD") -> list[GraphCommit]:
    """Every commit reachable from rev, parents before children, from one `git log` without a
    path: full history, no simplification; dates never decide anything here."""
    out = gitrepo.run(repo, "log", "--topo-order", "--reverse",
                      "--format=%H%x1f%P%x1f%an%x1f%ae%x1e", resolve_revision(repo, rev), "--")
    found: list[GraphCommit] = []
    for chunk in out.decode("utf-8", "replace").split("\x1e"):
        fields = chunk.strip("\n").split("\x1f")
        if len(fields) == 4:
            found.append(GraphCommit(fields[0], tuple(fields[1].split()), fields[2], fields[3]))
    return found


def commit_author(repo: Repo, rev: str) -> tuple[str, str]:
    """The author's name and date (strict ISO 8601) of the commit that rev names."""
    out = gitrepo.run(repo, "log", "-1", "--format=%an%x1f%aI", resolve_revision(repo, rev), "--")
    name, _, date = out.decode("utf-8", "replace").strip().partition("\x1f")
    return name, date


def tags(repo: Repo, prefix: str) -> dict[str, str]:
    """Tag name → the commit it points at, for every tag that starts with prefix."""
    out = gitrepo.run(repo, "for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00"
                      "%(*objectname)", f"refs/tags/{prefix}").decode("utf-8", "replace")
    found: dict[str, str] = {}
    for line in out.splitlines():
        name, target, peeled = line.split("\0")
        found[name] = peeled or target
    return found


def tag_messages(repo: Repo, prefix: str) -> dict[str, tuple[str, str]]:
    """Tag name → (the commit it points at, its message; "" for a lightweight tag), for every
    tag that starts with prefix."""
    out = gitrepo.run(repo, "for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00"
                      "%(*objectname)%00%(objecttype)%00%(contents)%1e", f"refs/tags/{prefix}")
    found: dict[str, tuple[str, str]] = {}
    for record in out.decode("utf-8", "replace").split("\x1e"):
        fields = record.lstrip("\n").split("\0")
        if len(fields) == 5:  # a lightweight tag's "contents" are its commit's: not a message
            name, target, peeled, kind, message = fields
            found[name] = (peeled or target, message if kind == "tag" else "")
    return found

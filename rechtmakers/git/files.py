"""Reading files at a revision: the files of a folder as a commit has them, blob and tree
objects in bulk (one `git cat-file --batch` for many), and content keys that say two commits
hold the same files without reading them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from rechtmakers.errors import UsageError
from rechtmakers.git import repo as gitrepo
from rechtmakers.git.repo import Repo, resolve_revision

__all__ = ["blob_ids", "content_key", "content_keys", "files_at", "materialize", "object_ids",
           "read_blobs", "read_trees"]


_BLOB_MODES = frozenset({"100644", "100755"})


def files_at(repo: Repo, rev: str, subdir: str) -> dict[str, bytes]:
    """Every file under subdir at revision rev, by path relative to subdir.

    One `git ls-tree -r` and one `git cat-file --batch`: no process per file. Symbolic links
    and submodules are skipped (never part of an agreement). A subdir that does not exist
    gives {}.
    """
    ids = blob_ids(repo, rev, subdir)
    contents = read_blobs(repo, ids.values())
    return {rel: contents[sha] for rel, sha in ids.items() if sha in contents}


def blob_ids(repo: Repo, rev: str, subdir: str) -> dict[str, str]:
    """Path (relative to subdir) → blob sha of each file under subdir at rev: no contents read."""
    prefix = _clean_subdir(subdir)
    out = gitrepo.run(repo, "-c", "core.quotepath=off", "ls-tree", "-r", "-z", "--full-tree",
                      resolve_revision(repo, rev), "--", prefix or ".")
    start = len(prefix) + 1 if prefix else 0
    found: dict[str, str] = {}
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split(" ")
        if len(parts) == 3 and parts[0] in _BLOB_MODES and (not prefix or
                                                             path.startswith(f"{prefix}/")):
            found[path[start:]] = parts[2]
    return found


def content_key(repo: Repo, rev: str, subdir: str, skip: str) -> str:
    """An id of everything under subdir at rev except the entry skip: equal ids, equal files."""
    prefix = _clean_subdir(subdir)
    out = gitrepo.run(repo, "ls-tree", "-z", "--full-tree", resolve_revision(repo, rev), "--",
                      f"{prefix}/" if prefix else ".")
    entries = [e for e in out.decode("utf-8", "surrogateescape").split("\0")
               if e and not e.endswith(f"/{skip}") and e.partition("\t")[2] != skip]
    return "|".join(entries)


def content_keys(repo: Repo, commits: Iterable[str], subdir: str, skip: str) -> dict[str, str]:
    """content_key for many commits from one `git cat-file --batch`: the tree of subdir at
    each commit, without the entry skip."""
    wanted = list(dict.fromkeys(commits))
    if not wanted:
        return {}
    prefix = _clean_subdir(subdir)
    names = [f"{c}:{prefix}" if prefix else f"{c}^{{tree}}" for c in wanted]
    objects = _cat_batch(repo, names)
    return {commit: _tree_key(data, skip) if kind == b"tree" else ""
            for commit, (kind, data) in zip(wanted, objects, strict=True)}


def _tree_key(data: bytes, skip: str) -> str:
    """The entries of a raw tree object except skip, as one string."""
    entries: list[str] = []
    pos = 0
    skip_name = skip.encode()
    while pos < len(data):
        nul = data.index(b"\0", pos)
        mode, _, name = data[pos:nul].partition(b" ")
        sha = data[nul + 1:nul + 21]
        pos = nul + 21
        if name != skip_name:
            entries.append(f"{mode.decode()} {sha.hex()} {name.decode('utf-8', 'replace')}")
    return "|".join(entries)


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


def object_ids(repo: Repo, names: list[str]) -> list[str | None]:
    """The object id each name ("<commit>:<path>") stands for, None where there is none, from
    one `git cat-file --batch-check`."""
    if not names:
        return []
    out = gitrepo.run(repo, "cat-file", "--batch-check=%(objectname) %(objecttype)",
                      stdin="".join(f"{n}\n" for n in names).encode())
    lines = out.decode("utf-8", "replace").splitlines()
    return [line.split(" ")[0] if line.endswith((" blob", " tree")) else None
            for line in lines[:len(names)]]


def read_trees(repo: Repo, ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """The blob entries (name → blob id) of many tree objects, from one `git cat-file`."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, dict[str, str]] = {}
    for tree, (kind, data) in zip(wanted, _cat_batch(repo, wanted) if wanted else [],
                                  strict=True):
        if kind == b"tree":
            found[tree] = _tree_blobs(data)
    return found


def _tree_blobs(data: bytes) -> dict[str, str]:
    entries: dict[str, str] = {}
    pos = 0
    while pos < len(data):
        nul = data.index(b"\0", pos)
        mode, _, name = data[pos:nul].partition(b" ")
        if mode.decode() in _BLOB_MODES:
            entries[name.decode("utf-8", "replace")] = data[nul + 1:nul + 21].hex()
        pos = nul + 21
    return entries


def read_blobs(repo: Repo, shas: Iterable[str]) -> dict[str, bytes]:
    """The contents of many blobs from one `git cat-file --batch` process."""
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return {}
    objects = _cat_batch(repo, wanted)
    # An object that is not in this repository ("<sha> missing") is left out.
    return {sha: data for sha, (kind, data) in zip(wanted, objects, strict=True) if kind}


def _cat_batch(repo: Repo, names: list[str]) -> list[tuple[bytes, bytes]]:
    """(type, contents) of each named object from one `git cat-file --batch`, in order;
    (b"", b"") for a name git does not know."""
    out = gitrepo.run(repo, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
    objects: list[tuple[bytes, bytes]] = []
    pos = 0
    for _ in names:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) != 3:
            objects.append((b"", b""))
            continue
        size = int(header[2])
        objects.append((header[1], out[pos:pos + size]))
        pos += size + 1
    return objects

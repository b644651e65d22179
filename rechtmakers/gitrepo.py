"""Every git call of rechtmakers.

Git is spoken to through its plumbing commands, a few processes per command and never one per
commit or file. No git library: importing GitPython alone cost about 0.4 s, most of the 0.5 s
that `status` and `log` may take.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from rechtmakers.errors import UsageError, os_reason

__all__ = [
    "Change", "Commit", "CommitId", "FileVersion", "GraphCommit", "Repo", "Signature",
    "ancestry", "blob_ids", "cache_dir", "object_ids", "read_trees",
    "commit_author", "commit_file", "commit_files", "committer", "content_key",
    "content_keys", "create_tag", "file_history", "files_at", "head_commit", "history",
    "materialize", "open_repo", "operation_in_progress", "read_blobs", "repo_relative",
    "resolve_revision", "signatures", "signs_commits", "split_signed_commit", "tags", "uncommitted",
]

_BLOB_MODES = frozenset({"100644", "100755"})


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
        out = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options",
                   f"{rev}^{{commit}}")
    except UsageError:
        raise UsageError(f"De revisie {rev} bestaat niet.") from None
    return CommitId(out.decode().strip())


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
    out = _git(repo, "-c", "core.quotepath=off", "ls-tree", "-r", "-z", "--full-tree",
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
    out = _git(repo, "ls-tree", "-z", "--full-tree", resolve_revision(repo, rev), "--",
               f"{prefix}/" if prefix else ".")
    entries = [e for e in out.decode("utf-8", "surrogateescape").split("\0")
               if e and not e.endswith(f"/{skip}") and e.partition("\t")[2] != skip]
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


# --- plumbing -----------------------------------------------------------------------------------

def _git(repo: Repo, *args: str, stdin: bytes | None = None,
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
        return CommitId(_git(repo, "rev-parse", "--verify", "HEAD^{commit}").decode().strip())
    except UsageError:
        raise UsageError("De repository heeft nog geen commit. Leg de overeenkomst eerst vast "
                         "(git add en git commit).") from None


def committer(repo: Repo) -> tuple[str, str]:
    """The name and e-mail address git will put in the next commit as committer."""
    ident = _git(repo, "var", "GIT_COMMITTER_IDENT").decode("utf-8", "replace")
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
    out = _git(repo, "-c", "core.quotepath=off", "status", "--porcelain=v1", "-z",
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
    blobs = {rel: _git(repo, "hash-object", "-w", "--stdin", stdin=data).decode().strip()
             for rel, data in files.items()}
    new = _commit_tree(repo, old, _tree_with(repo, old, blobs), message)
    if check is not None:
        check(new)
    try:
        _git(repo, "update-ref", "-m", f"rechtmakers: {message.splitlines()[0]}", "HEAD", new,
             old)
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
        _git(repo, "read-tree", commit, env=env)
        entries = "".join(f"100644 {blob}\t{rel}\0" for rel, blob in blobs.items())
        _git(repo, "update-index", "--add", "-z", "--index-info", stdin=entries.encode(),
             env=env)
        return _git(repo, "write-tree", env=env).decode().strip()


def _commit_tree(repo: Repo, parent: str, tree: str, message: str) -> str:
    sign = ["-S"] if _config_bool(repo, "commit.gpgsign") else []
    try:
        return _git(repo, "commit-tree", tree, "-p", parent, *sign, "-F", "-",
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
            _git(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{rel}")
            return
        except UsageError:
            if attempt == 9:
                raise UsageError(f"De commit is gemaakt, maar de index kon niet bijgewerkt "
                                 f"worden (een ander git-proces was bezig). Herstel dat met: "
                                 f"git restore --staged -- {rel}") from None
            time.sleep(0.2)


def signs_commits(repo: Repo) -> bool:
    """Whether git signs new commits here (commit.gpgsign)."""
    return _config_bool(repo, "commit.gpgsign")


def _config_bool(repo: Repo, key: str) -> bool:
    try:
        return _git(repo, "config", "--type=bool", "--get", key).strip() == b"true"
    except UsageError:
        return False  # not set


def create_tag(repo: Repo, name: str, commit: str, message: str) -> None:
    """An annotated tag (signed when tag.gpgsign says so); refuses to move an existing one."""
    _git(repo, "check-ref-format", f"refs/tags/{name}")
    _git(repo, "tag", "-a", "-F", "-", "--", name, commit, stdin=message.encode("utf-8"))


def tags(repo: Repo, prefix: str) -> dict[str, str]:
    """Tag name → the commit it points at, for every tag that starts with prefix."""
    out = _git(repo, "for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00"
               "%(*objectname)", f"refs/tags/{prefix}").decode("utf-8", "replace")
    found: dict[str, str] = {}
    for line in out.splitlines():
        name, target, peeled = line.split("\0")
        found[name] = peeled or target
    return found


def tag_messages(repo: Repo, prefix: str) -> dict[str, tuple[str, str]]:
    """Tag name → (the commit it points at, its message; "" for a lightweight tag), for every
    tag that starts with prefix."""
    out = _git(repo, "for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00"
               "%(*objectname)%00%(objecttype)%00%(contents)%1e", f"refs/tags/{prefix}")
    found: dict[str, tuple[str, str]] = {}
    for record in out.decode("utf-8", "replace").split("\x1e"):
        fields = record.lstrip("\n").split("\0")
        if len(fields) == 5:  # a lightweight tag's "contents" are its commit's: not a message
            name, target, peeled, kind, message = fields
            found[name] = (peeled or target, message if kind == "tag" else "")
    return found


# --- history in one pass ------------------------------------------------------------------------

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

    Merges show no changes of their own: each change is seen on the commit that made it.
    """
    sha = resolve_revision(repo, rev)
    fmt = "%x1e" + "%x1f".join(_FIELDS)
    out = _git(repo, "-c", "core.quotepath=off", "log", "-z", "--raw", "--no-abbrev",
               "--no-renames", f"--format={fmt}", sha, "--", subdir or ".")
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
    out = _git(repo, "-c", "core.quotepath=off", "log", "-z", "--raw", "--no-abbrev",
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
    out = _git(repo, "log", "--topo-order", "--reverse", "--format=%H%x1f%P%x1f%an%x1f%ae%x1e",
               resolve_revision(repo, rev), "--")
    found: list[GraphCommit] = []
    for chunk in out.decode("utf-8", "replace").split("\x1e"):
        fields = chunk.strip("\n").split("\x1f")
        if len(fields) == 4:
            found.append(GraphCommit(fields[0], tuple(fields[1].split()), fields[2], fields[3]))
    return found


def object_ids(repo: Repo, names: list[str]) -> list[str | None]:
    """The object id each name ("<commit>:<path>") stands for, None where there is none, from
    one `git cat-file --batch-check`."""
    if not names:
        return []
    out = _git(repo, "cat-file", "--batch-check=%(objectname) %(objecttype)",
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
    out = _git(repo, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
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


# --- signatures ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signature:
    """What git says about a commit's signature (see `git log --format=%G?`).

    state: G good, U good but of unknown validity, B bad, X/Y expired signature/key,
    R revoked key, E cannot be checked (missing key or program), N no signature.
    """

    state: str
    signer: str
    key: str
    fingerprint: str
    primary_fingerprint: str

    @property
    def good(self) -> bool:
        return self.state in ("G", "U")


def signatures(repo: Repo, commits: Iterable[str], allowed_signers: Path) -> dict[str, Signature]:
    """The signature of each commit, checked by git in one `git log` process: SSH signatures
    against the allowed-signers file, GPG signatures against the user's keyring."""
    wanted = list(dict.fromkeys(commits))
    if not wanted:
        return {}
    fmt = "%x1e%H%x1f%G?%x1f%GS%x1f%GK%x1f%GF%x1f%GP"
    out = _git(repo, "-c", f"gpg.ssh.allowedSignersFile={allowed_signers}", "log",
               "--no-walk=unsorted", f"--format={fmt}", *wanted, "--")
    found: dict[str, Signature] = {}
    for chunk in out.decode("utf-8", "replace").split("\x1e"):
        fields = chunk.strip("\n").split("\x1f")
        if len(fields) == 6:
            found[fields[0]] = Signature(*fields[1:])
    return found


def split_signed_commit(raw: bytes) -> tuple[bytes, bytes | None]:
    """A commit object as (the payload its signature covers, the signature), the way git
    reads it: the gpgsig header and its continuation lines are the signature, the rest is
    signed. (None for an unsigned commit; ValueError for a signature of a SHA-256 repository,
    which only git reads.)"""
    header, sep, message = raw.partition(b"\n\n")
    if b"\ngpgsig-sha256 " in header:
        raise ValueError("a SHA-256 repository's signature: let git check it")
    kept: list[bytes] = []
    signature: list[bytes] = []
    in_signature = False
    for line in header.split(b"\n"):
        if line.startswith(b"gpgsig ") and not signature:
            in_signature = True
            signature.append(line[len(b"gpgsig "):])
        elif in_signature and line.startswith(b" "):
            signature.append(line[1:])
        else:
            in_signature = False
            kept.append(line)
    if not signature:
        return raw, None
    return b"\n".join(kept) + sep + message, b"\n".join(signature) + b"\n"


def commit_author(repo: Repo, rev: str) -> tuple[str, str]:
    """The author's name and date (strict ISO 8601) of the commit that rev names."""
    out = _git(repo, "log", "-1", "--format=%an%x1f%aI", resolve_revision(repo, rev), "--")
    name, _, date = out.decode("utf-8", "replace").strip().partition("\x1f")
    return name, date


def cache_dir(repo: Repo) -> Path:
    """Where rechtmakers may keep caches of this repository: a folder inside its .git."""
    return repo.git_path / "rechtmakers"

"""The versions of one agreement: the working tree, the agreement at a revision, and the version
with a given content digest. Every feature that needs a past version reads it here.

API (root is the agreement folder; a past version is read without `ondertekeningen/`, since
sign-offs are about a version, not part of it, and always through the gate of agreement.py):

    working(root)                    -> CompleteAgreement  (IncompleteAgreement if it has problems)
    versions = Versions.open(root, cached=True)       # UsageError outside a git repository
    versions.repo, versions.subdir, versions.root     # gitrepo.Repo, folder in the repo, folder
    versions.history(rev="HEAD")     -> list[githistory.Commit]  (commits touching the folder)
    versions.files_at(rev)           -> dict[str, bytes]  (path in the folder -> bytes)
    versions.at(rev, label=None)     -> CompleteAgreement | None
        None: the folder held no agreement at rev; IncompleteAgreement: it did not load.
    versions.digest_at(commit)       -> str | None   (None: no complete agreement there)
    versions.past(commits=None, limit=None) -> Iterator[PastVersion]
        each distinct content once, newest first (commits: history() by default); limit caps
        the contents read afresh (a digest in the cache costs nothing).
    versions.with_digest(digest, commits=None, limit=None) -> PastVersion | None
    versions.save()                  # write the digest cache (<git-dir>/rechtmakers/); idempotent

Digests are kept by content key (the tree of the folder without ondertekeningen/): in memory for
the process and on disk per repository, so a commit whose content was seen before, under any
sha, is never loaded again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.agreement import (
    META_FILE,
    SIGNOFFS_DIR,
    WORKING_TREE,
    CompleteAgreement,
    IncompleteAgreement,
    load_complete,
)
from rechtmakers.cache import JsonCache
from rechtmakers.digest import content_digest
from rechtmakers.errors import RechtmakersError
from rechtmakers.git import files as gitfiles
from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo

__all__ = ["WORKING_TREE", "PastVersion", "Versions", "working"]

CACHE_FILE = "inhoud-digests.json"
_MAX_ENTRIES = 100_000
# The code a digest depends on: a change to any of these files starts a fresh cache.
_SOURCES = ("model.py", "digest.py", "document/canonical.py", "document/clause.py",
            "document/tree.py", "load.py", "yaml_compose.py", "agreement.py", "annex_files.py",
            "versions.py")
_NO_DIGEST = ""  # cached for a content that is no complete agreement


def working(root: Path) -> CompleteAgreement:
    """The agreement in the working tree, complete, or IncompleteAgreement naming a problem."""
    return load_complete(root, label=WORKING_TREE)


@dataclass(frozen=True)
class PastVersion:
    """One committed content of the agreement: the newest commit that has it, and its digest."""

    commit: str
    agreement: CompleteAgreement
    digest: str


class _DigestCache(JsonCache):
    """Content digest by content key (hashed)."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, CACHE_FILE, "digests", _SOURCES, max_entries=_MAX_ENTRIES)

    def get(self, key: str) -> str | None:
        value = self.entries.get(_hash(key))
        return value if isinstance(value, str) else None

    def put(self, key: str, digest: str) -> None:
        self.entries[_hash(key)] = digest
        self.dirty = True


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


class Versions:
    """The committed versions of the agreement in root (see the module's API)."""

    def __init__(self, repo: gitrepo.Repo, subdir: str, root: Path, *,
                 cached: bool = True) -> None:
        self.repo, self.subdir, self.root = repo, subdir, root
        self._cache = _DigestCache(gitrepo.cache_dir(repo) if cached else None)
        self._keys: dict[str, str] = {}  # commit -> content key ("" when no folder there)

    @classmethod
    def open(cls, root: Path, *, cached: bool = True) -> Versions:
        """The versions of the agreement folder root; UsageError when it is not in git."""
        repo = gitrepo.open_repo(root)
        return cls(repo, gitrepo.repo_relative(repo, root), root, cached=cached)

    def history(self, rev: str = "HEAD") -> list[githistory.Commit]:
        return githistory.history(self.repo, self.subdir, rev)

    def files_at(self, rev: str) -> dict[str, bytes]:
        """The agreement's files at rev (path in the folder -> bytes), without sign-offs."""
        return {rel: data for rel, data in gitfiles.files_at(self.repo, rev, self.subdir).items()
                if not rel.startswith(f"{SIGNOFFS_DIR}/")}

    def at(self, rev: str, label: str | None = None) -> CompleteAgreement | None:
        """The agreement at rev through the gate; None when the folder held none then."""
        files = self.files_at(rev)
        if META_FILE not in files:
            return None
        return load_complete(self.root, files, label=label or rev)

    def digest_at(self, commit: str) -> str | None:
        """The content digest at commit (None: no complete agreement there), cached."""
        key = self._key(commit)
        if not key:
            return None
        known = self._cache.get(key)
        if known is None:
            past = self._load(commit, key)
            known = past.digest if past else _NO_DIGEST
        return known or None

    def past(self, commits: Iterable[str] | None = None, limit: int | None = None
             ) -> Iterator[PastVersion]:
        """Each distinct complete content among commits (default: history()), newest first.

        limit caps how many contents are read (a version costs a full load); None: all.
        """
        wanted = [c.sha for c in self.history()] if commits is None else list(commits)
        self._prime(wanted)
        seen: set[str] = set()
        for commit in wanted:
            key = self._keys.get(commit, "")
            if not key or key in seen:
                continue
            seen.add(key)
            if limit is not None and len(seen) > limit:
                return
            past = self._load(commit, key)
            if past is not None:
                yield past

    def with_digest(self, digest: str, commits: Iterable[str] | None = None,
                    limit: int | None = None) -> PastVersion | None:
        """The newest committed version whose content digest is digest, or None.

        A content whose digest is cached is not read unless it matches, so a repeated search
        loads one version; limit caps the contents read afresh.
        """
        wanted = [c.sha for c in self.history()] if commits is None else list(commits)
        self._prime(wanted)
        seen: set[str] = set()
        fresh = 0
        for commit in wanted:
            key = self._keys.get(commit, "")
            if not key or key in seen:
                continue
            seen.add(key)
            known = self._cache.get(key)
            if known is not None and known != digest:
                continue
            if known is None:
                fresh += 1
                if limit is not None and fresh > limit:
                    return None
            past = self._load(commit, key)
            if past is not None and past.digest == digest:
                return past
        return None

    def save(self) -> None:
        self._cache.save()

    def _prime(self, commits: list[str]) -> None:
        missing = [c for c in commits if c not in self._keys]
        if missing:
            self._keys.update(gitfiles.content_keys(self.repo, missing, self.subdir,
                                                   skip=SIGNOFFS_DIR))

    def _key(self, commit: str) -> str:
        self._prime([commit])
        return self._keys.get(commit, "")

    def _load(self, commit: str, key: str) -> PastVersion | None:
        """The complete agreement at commit with its digest; None (and cached so) when the
        content holds no complete agreement: such a version was never signable."""
        try:
            agreement = self.at(gitrepo.CommitId(commit))
            digest = content_digest(agreement) if agreement is not None else _NO_DIGEST
        except (IncompleteAgreement, RechtmakersError):
            agreement, digest = None, _NO_DIGEST
        self._cache.put(key, digest)
        if agreement is None or not digest:
            return None
        return PastVersion(commit, agreement, digest)

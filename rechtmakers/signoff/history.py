"""`log`: the history of an agreement or one article, from one pass over git history."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rechtmakers import gitrepo
from rechtmakers.agreement import (
    ARTICLES_DIR,
    META_FILE,
    PARTIES_FILE,
    SIGNOFFS_DIR,
    TERMS_FILE,
)
from rechtmakers.load import LoadRefusal
from rechtmakers.model import AgreementMeta, Article, PartiesFile, TermsFile
from rechtmakers.signoff.changes import (
    Event,
    article_events,
    collapse_creation,
    meta_events,
    parties_events,
    terms_events,
)
from rechtmakers.signoff.records import RecordError, SignOff, parse_record, read_blob

_MODELS: dict[str, type[BaseModel]] = {META_FILE: AgreementMeta, PARTIES_FILE: PartiesFile,
                                       TERMS_FILE: TermsFile}


@dataclass(frozen=True)
class Entry:
    """One commit of the history with what it did to the agreement."""

    commit: gitrepo.Commit
    events: tuple[Event, ...]
    tags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        commit = self.commit
        return {"commit": commit.sha, "date": commit.date, "author": commit.author,
                "author_email": commit.author_email, "subject": commit.subject,
                "tags": list(self.tags), "events": [e.as_dict() for e in self.events]}


def agreement_log(root: Path, article: str | None = None) -> list[Entry]:
    """Newest first: every commit that changed the agreement (or the article, or signed it)."""
    repo = gitrepo.open_repo(root)
    subdir = gitrepo.repo_relative(repo, root)
    gitrepo.head_commit(repo)
    commits = gitrepo.history(repo, subdir)
    relevant = [(c, [ch for ch in c.changes if _wanted(ch.path, article)]) for c in commits]
    parties_blob = _newest_blob(commits, PARTIES_FILE)
    wanted = [sha for _, changes in relevant for ch in changes
              for sha in (ch.old_blob, ch.new_blob) if sha]
    blobs = gitrepo.read_blobs(repo, [*wanted, *([parties_blob] if parties_blob else [])])
    tags = _tags_by_commit(gitrepo.tags(repo, root.name))
    with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
        reader = _BlobReader(blobs, root, Path(tmp))
        parties = reader.model(parties_blob, PARTIES_FILE, PartiesFile)
        reader.names = {p.id: p.name for p in parties.parties} if parties else {}
        entries = [Entry(c, tuple(collapse_creation([e for ch in changes
                                                      for e in _events(ch, reader)])),
                         tags.get(c.sha, ())) for c, changes in relevant]
    return [e for e in entries if e.events or e.tags]


def _wanted(path: str, article: str | None) -> bool:
    if path.startswith(f"{SIGNOFFS_DIR}/"):
        return True
    if article is not None:
        return path == f"{ARTICLES_DIR}/{article}.yaml"
    return path in _MODELS or (path.startswith(f"{ARTICLES_DIR}/") and path.count("/") == 1)


def _newest_blob(commits: list[gitrepo.Commit], path: str) -> str | None:
    """The blob of path as the newest commit that changed it left it."""
    for commit in commits:
        for change in commit.changes:
            if change.path == path:
                return change.new_blob
    return None


def _tags_by_commit(tags: dict[str, str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for name, commit in sorted(tags.items()):
        found[commit] = (*found.get(commit, ()), name)
    return found


class _BlobReader:
    """Blob contents parsed once each into models (None when unreadable)."""

    def __init__(self, blobs: dict[str, bytes], root: Path, scratch: Path) -> None:
        self.blobs, self.root, self.scratch = blobs, root, scratch
        self.cache: dict[tuple[str, type[BaseModel]], BaseModel | None] = {}
        self.errors: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def model(self, sha: str | None, rel: str, kind: type[BaseModel]) -> Any:
        if sha is None:
            return None
        if (sha, kind) not in self.cache:
            self.cache[(sha, kind)] = self._parse(sha, rel, kind)
        return self.cache[(sha, kind)]

    def _parse(self, sha: str, rel: str, kind: type[BaseModel]) -> BaseModel | None:
        try:
            source = read_blob(self.blobs.get(sha, b""), self.root / rel, self.scratch)
            return kind.model_validate(source.data)
        except (LoadRefusal, ValidationError):
            self.errors[sha] = f"{rel} is in deze versie niet te lezen"
            return None

    def record(self, sha: str, rel: str) -> SignOff | str:
        try:
            return parse_record(self.blobs.get(sha, b""), self.root / rel, self.scratch)
        except RecordError as exc:
            return str(exc)


def _events(change: gitrepo.Change, reader: _BlobReader) -> list[Event]:
    path = change.path
    if path.startswith(f"{SIGNOFFS_DIR}/"):
        return _signoff_events(change, reader)
    if path.startswith(f"{ARTICLES_DIR}/"):
        article_id = path.removeprefix(f"{ARTICLES_DIR}/").removesuffix(".yaml")
        return _model_events(change, reader, Article,
                             lambda old, new: article_events(article_id, old, new))
    describe: dict[str, Callable[[Any, Any], list[Event]]] = {
        META_FILE: meta_events, PARTIES_FILE: parties_events, TERMS_FILE: terms_events}
    return _model_events(change, reader, _MODELS[path], describe[path])


def _model_events(change: gitrepo.Change, reader: _BlobReader, kind: type[BaseModel],
                  describe: Callable[[Any, Any], list[Event]]) -> list[Event]:
    old = reader.model(change.old_blob, change.path, kind)
    new = reader.model(change.new_blob, change.path, kind)
    broken = [reader.errors[s] for s in (change.new_blob,) if s in reader.errors]
    if broken:
        return [Event("fout", f"{broken[0]} (geen geldige YAML of geen geldig schema)")]
    if change.old_blob and old is None and new is not None:
        return [Event("herstel", f"{change.path} weer leesbaar gemaakt")]
    return describe(old, new)


def _signoff_events(change: gitrepo.Change, reader: _BlobReader) -> list[Event]:
    party_id = change.path.removeprefix(f"{SIGNOFFS_DIR}/").removesuffix(".yaml")
    if change.new_blob is None:
        return [Event("ondertekening", f"ondertekening van {party_id} verwijderd")]
    record = reader.record(change.new_blob, change.path)
    if isinstance(record, str):
        return [Event("fout", f"ondertekening van {party_id} is niet te lezen: {record}")]
    signer = record.signer
    note = f" — \"{record.note}\"" if record.note else ""
    party = reader.names.get(record.party, record.party)
    return [Event("ondertekening", f"ondertekend namens {party} door {signer.name} "
                  f"({signer.function}), versie {record.version}, digest "
                  f"{record.digest[:12]}{note}")]

"""`log`: the history of an agreement or one article, from one pass over git history.

One `git log --raw` names every changed file with its blob ids; one `git cat-file --batch`
reads the versions not summarized before; summaries are kept by blob id (content never changes
under an id) in the repository's git folder, so a second run parses nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from rechtmakers.errors import UsageError
from rechtmakers.git import files as gitfiles
from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo
from rechtmakers.json_value import JsonObject
from rechtmakers.signoff.cache import SummaryCache
from rechtmakers.signoff.changes import (
    Event,
    EventKind,
    FileKind,
    Summary,
    article_events,
    collapse_creation,
    meta_events,
    parties_events,
    terms_events,
)
from rechtmakers.source_names import (  # not from agreement: a warm `log` needs no model
    ANNEXES_DIR,
    ARTICLES_DIR,
    META_FILE,
    PARTIES_FILE,
    SIGNOFFS_DIR,
    TERMS_FILE,
)
from rechtmakers.vocabulary import Status

FINAL: Status = "vastgesteld"
SEAL_TRAILER = "Vastgesteld-met: rechtmakers vaststellen"  # in the message of its tag
_DIGEST_LINE = re.compile(r"Digest: [0-9a-f]{64}")

_KIND_OF_FILE = {META_FILE: FileKind.META, PARTIES_FILE: FileKind.PARTIES,
                 TERMS_FILE: FileKind.TERMS}


@dataclass(frozen=True)
class Entry:
    """One commit of the history with what it did to the agreement."""

    commit: githistory.Commit
    events: tuple[Event, ...]
    tags: tuple[str, ...] = ()
    sealed: tuple[str, ...] = ()  # the tags among them that mark this version vastgesteld

    def as_dict(self) -> JsonObject:
        commit = self.commit
        return {"commit": commit.sha, "date": commit.date, "author": commit.author,
                "author_email": commit.author_email, "subject": commit.subject,
                "tags": list(self.tags), "vastgesteld": list(self.sealed),
                "events": [e.as_dict() for e in self.events]}


def agreement_log(root: Path, article: str | None = None) -> list[Entry]:
    """Newest first: every commit that changed the agreement (or the article, or signed it)."""
    repo = gitrepo.open_repo(root)
    subdir = gitrepo.repo_relative(repo, root)
    gitrepo.head_commit(repo)
    commits = githistory.history(repo, subdir)
    relevant = _relevant(root, commits, article)
    cache = SummaryCache(gitrepo.cache_dir(repo))
    wanted: list[tuple[FileKind, str, str]] = [
        (kind, ch.path, sha) for _, changes in relevant for ch in changes
        for kind in [_kind(ch.path, article)] if kind is not None and kind is not FileKind.ANNEX
        for sha in (ch.old_blob, ch.new_blob) if sha]
    parties = _newest_blob(commits, PARTIES_FILE)
    if parties:
        wanted.append((FileKind.PARTIES, PARTIES_FILE, parties))
    tags = _Tags(repo, subdir, root.name)
    wanted += tags.wanted()
    _summarize_missing(repo, root, cache, wanted)
    names = {p[0]: p[1] for p in cache.get(FileKind.PARTIES, parties).get("partijen", [])}
    by_commit, sealed = tags.by_commit(), tags.sealed(cache)
    entries = [Entry(c, tuple(collapse_creation([e for ch in changes
                                                  for e in _events(ch, cache, names)])),
                     by_commit.get(c.sha, ()),
                     tuple(t for t in by_commit.get(c.sha, ()) if t in sealed))
               for c, changes in relevant]
    cache.save()
    return [e for e in entries if e.events or e.tags]


def _relevant(root: Path, commits: list[githistory.Commit], article: str | None
              ) -> list[tuple[githistory.Commit, list[githistory.Change]]]:
    """Each commit with the changes the log (of this article) looks at."""
    relevant = [(c, [ch for ch in c.changes if _kind(ch.path, article)]) for c in commits]
    if article is not None and not any(_kind(ch.path, article) is FileKind.ARTICLE
                                       for _, changes in relevant for ch in changes):
        raise UsageError(f"Het artikel {article} komt niet voor in de geschiedenis van "
                         f"{root.name}. Artikelen nu: {', '.join(_article_ids(root))}.")
    return relevant


class _Tags:
    """The agreement's tags, and which of them mark a version vastgesteld: made by
    vaststellen, on a commit whose overeenkomst.yaml says vastgesteld."""

    def __init__(self, repo: gitrepo.Repo, subdir: str, name: str) -> None:
        self.tagged = githistory.tag_messages(repo, f"{name}/")
        self.metas = {commit: gitfiles.blob_ids(repo, commit, subdir).get(META_FILE)
                      for commit in {commit for commit, _ in self.tagged.values()}}

    def wanted(self) -> list[tuple[FileKind, str, str]]:
        """The overeenkomst.yaml versions to summarize (for their status)."""
        return [(FileKind.META, META_FILE, blob) for blob in self.metas.values() if blob]

    def by_commit(self) -> dict[str, tuple[str, ...]]:
        return _tags_by_commit({name: commit for name, (commit, _) in self.tagged.items()})

    def sealed(self, cache: SummaryCache) -> set[str]:
        return {name for name, (commit, message) in self.tagged.items()
                if made_by_vaststellen(message)
                and _status_at(cache, self.metas.get(commit)) == FINAL}


def made_by_vaststellen(message: str) -> bool:
    """Whether a tag message is one `vaststellen` writes: its trailer, or (tags made before the
    trailer existed) its first line "…: vastgesteld" with the digest it fixed."""
    lines = message.splitlines()
    if SEAL_TRAILER in (line.strip() for line in lines):
        return True
    return bool(lines) and lines[0].endswith(": vastgesteld") and any(
        _DIGEST_LINE.fullmatch(line.strip()) for line in lines[1:8])


def _status_at(cache: SummaryCache, blob: str | None) -> str | None:
    """The status in overeenkomst.yaml as this blob holds it; None when unknown or unreadable."""
    if blob is None:
        return None
    status = cache.get(FileKind.META, blob).get("status")
    return status if isinstance(status, str) else None


def _article_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / ARTICLES_DIR).glob("*.yaml"))


def _kind(path: str, article: str | None) -> FileKind | None:
    """What kind of file path is, if the log (of this article) looks at it."""
    if path.startswith(f"{SIGNOFFS_DIR}/"):
        # ondertekeningen/<partij>.yaml, or one file per signer in ondertekeningen/<partij>/
        return FileKind.SIGNOFF if path.endswith(".yaml") and path.count("/") in (1, 2) \
            else None
    if path.startswith(f"{ARTICLES_DIR}/") and path.count("/") == 1:
        return FileKind.ARTICLE if article is None or path == f"{ARTICLES_DIR}/{article}.yaml" \
            else None
    if path.startswith(f"{ANNEXES_DIR}/"):
        return FileKind.ANNEX if article is None else None
    return _KIND_OF_FILE.get(path) if article is None else None


def _summarize_missing(repo: gitrepo.Repo, root: Path, cache: SummaryCache,
                       wanted: list[tuple[FileKind, str, str]]) -> None:
    """Read and summarize, in one cat-file pass, the versions the cache does not know yet."""
    missing = {(kind, path, sha) for kind, path, sha in wanted if not cache.has(kind, sha)}
    if not missing:
        return
    from rechtmakers.signoff.records import scratch_dir  # these import the model: only now
    from rechtmakers.signoff.summaries import summarize_blob

    blobs = gitfiles.read_blobs(repo, (sha for _, _, sha in missing))
    with scratch_dir() as tmp:
        for kind, path, sha in sorted(missing):
            if not cache.has(kind, sha):
                cache.put(kind, sha, summarize_blob(kind, blobs.get(sha, b""), root / path, tmp))


def _newest_blob(commits: list[githistory.Commit], path: str) -> str | None:
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


def _events(change: githistory.Change, cache: SummaryCache, names: dict[str, str]) -> list[Event]:
    kind = _kind(change.path, None)
    if kind is None:  # not a file of the agreement that the log looks at
        return []
    if kind is FileKind.ANNEX:  # its bytes are signed; what changed in them, diff shows
        what = ("toegevoegd" if not change.old_blob else "verwijderd" if not change.new_blob
                else "gewijzigd")
        event = EventKind.ANNEX_NEW if what == "toegevoegd" else EventKind.ANNEX
        return [Event(event, f"bijlage {change.path} {what}", binding=True)]
    old = cache.get(kind, change.old_blob) if change.old_blob else None
    new = cache.get(kind, change.new_blob) if change.new_blob else None
    if kind is FileKind.SIGNOFF:
        return _signoff_events(change.path, new, names)
    if new is not None and "fout" in new:
        return [Event(EventKind.UNREADABLE,
                      f"{change.path} is in deze versie niet te lezen: {new['fout']}")]
    if old is not None and "fout" in old:
        return [Event(EventKind.READABLE, f"{change.path} is weer leesbaar")]
    match kind:
        case FileKind.ARTICLE:
            article_id = change.path.removeprefix(f"{ARTICLES_DIR}/").removesuffix(".yaml")
            return article_events(article_id, old, new)
        case FileKind.META:
            return meta_events(old, new)
        case FileKind.PARTIES:
            return parties_events(old, new)
        case FileKind.TERMS:
            return terms_events(old, new)
        case _:
            assert_never(kind)


def _signoff_events(path: str, new: Summary | None, names: dict[str, str]) -> list[Event]:
    party_id = path.removeprefix(f"{SIGNOFFS_DIR}/").removesuffix(".yaml").split("/")[0]
    if new is None:
        return [Event(EventKind.SIGNOFF, f"ondertekening van {party_id} verwijderd")]
    if "fout" in new:
        return [Event(EventKind.UNREADABLE,
                      f"ondertekening van {party_id} is niet te lezen: {new['fout']}")]
    record = new["record"]
    signer = record["ondertekenaar"]
    note = f" — \"{record['opmerking']}\"" if record.get("opmerking") else ""
    party = names.get(record["partij"], record["partij"])
    evidence = record.get("bewijs")
    how = f", bewijs {evidence['soort']}" if isinstance(evidence, dict) else ""
    return [Event(EventKind.SIGNOFF, f"ondertekend namens {party} door {signer['naam']} "
                  f"({signer['functie']}), versie {record['versie']}, digest "
                  f"{record['digest'][:12]}{how}{note}")]

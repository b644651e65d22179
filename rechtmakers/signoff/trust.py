"""The trust rule: which sign-offs count. Used alike by `status`, `verify`, `vaststellen`,
`sign`, validate's rule G001 and the rendered documents.

Authority (who represents a party, with which keys and `bevoegdheid`; the penvoerder, the
beheerders, `ondertekening` and `vertrouwd/`) counts as the signed history made it count: a
trusted state per commit, walked along ancestry from the root (lineage.py, authorise.py). The
record rule (rule.py) then judges each record at HEAD against the authority at HEAD, and the
party verdict (verdict.py) counts what holds. Every git call is batched.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from rechtmakers.agreement import SIGNOFFS_DIR, CompleteAgreement, IncompleteAgreement
from rechtmakers.errors import UsageError
from rechtmakers.git import files as gitfiles
from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo
from rechtmakers.signoff.anchors import CommittedAnchors
from rechtmakers.signoff.commits import allowed_signers_text, commit_signatures
from rechtmakers.signoff.evidence import ResultCache
from rechtmakers.signoff.lineage import walk_history
from rechtmakers.signoff.records import record_party, record_paths_on_disk
from rechtmakers.signoff.report import KeyState, PartyTrust, RecordCheck, TrustReport
from rechtmakers.signoff.rule import RuleContext, Written, check_record
from rechtmakers.signoff.timing import VersionMoments
from rechtmakers.signoff.trusted import TrustedAuthority
from rechtmakers.signoff.verdict import party_state
from rechtmakers.source_names import META_FILE, PARTIES_FILE
from rechtmakers.versions import Versions

__all__ = ["KeyState", "PartyTrust", "RecordCheck", "TrustReport", "evaluate"]


def evaluate(root: Path, agreement: CompleteAgreement, digest: str, *, cached: bool = True
             ) -> TrustReport:
    """Apply the rule to every party of agreement (as read from the working tree) for digest.

    Records and authority are read from git at HEAD; a record only in the working tree counts
    for nobody. Outside git nothing counts. cached=False checks all evidence again (verify).
    """
    try:
        versions = Versions.open(root, cached=cached)
        head = gitrepo.head_commit(versions.repo)
    except UsageError as exc:
        return _without_git(root, agreement, digest, str(exc))
    cache = ResultCache(gitrepo.cache_dir(versions.repo) if cached else None)
    with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
        report = _evaluate(versions, head, agreement, digest, cache, Path(tmp))
    cache.save()
    versions.save()
    return report


def _without_git(root: Path, agreement: CompleteAgreement, digest: str, why: str
                 ) -> TrustReport:
    checks = [RecordCheck(rel, record_party(rel) or "", None, False,
                          reason="niet vastgelegd in git; zonder git is er geen bewijs",
                          committed=False) for rel in record_paths_on_disk(root)]
    parties = tuple(party_state(p, [c for c in checks if c.party_id == p.id], (), digest)
                    for p in agreement.parties)
    strays = tuple(c for c in checks if c.party_id not in agreement.party_map)
    return TrustReport(agreement, digest, parties, strays, (why,))


def _evaluate(versions: Versions, head: str, agreement: CompleteAgreement, digest: str,
              cache: ResultCache, scratch: Path) -> TrustReport:
    repo, subdir, root = versions.repo, versions.subdir, versions.root
    head_ids = gitfiles.blob_ids(repo, head, subdir)
    contents = gitfiles.read_blobs(repo, head_ids.values())
    head_files = {rel: contents[sha] for rel, sha in head_ids.items() if sha in contents}
    at_head, head_note = _agreement_at_head(versions, head, agreement)
    listed = {**agreement.party_map, **at_head.party_map}
    authority = TrustedAuthority(walk_history(repo, subdir, head, root, scratch,
                                                       cache.path is not None), listed)
    trusted = {pid: authority.party(party) for pid, party in listed.items()}
    written = _written_records(repo, subdir, head, head_ids)
    context = _context(versions, head_files, at_head, authority, written, cache, scratch)
    checks = [check_record(item, trusted.get(record_party(item.rel) or ""), context)
              for item in written]
    committed = {w.rel for w in written}
    checks += [RecordCheck(rel, record_party(rel) or "", None, False,
                           reason=f"{rel} is nog niet vastgelegd in git en telt niet",
                           committed=False)
               for rel in sorted(set(record_paths_on_disk(root)) - committed)]
    notes = [*head_note, *_notes(root, committed, head_files, authority)]
    states = tuple(party_state(trusted[p.id], [c for c in checks if c.party_id == p.id],
                               authority.states(p.id), digest, authority.notes(p.id),
                               authority.keys_of(p.id))
                   for p in agreement.parties)
    strays = tuple(c for c in checks if c.party_id not in agreement.party_map)
    root_of = authority.root
    rejected = tuple(r.as_dict() for r in authority.state.rejections) if authority.state else ()
    return TrustReport(agreement, digest, states, strays, tuple(notes),
                       root_of.as_dict() if root_of else None, rejected,
                       tuple(sorted(authority.anchor_blobs().items())))


def _context(versions: Versions, head_files: dict[str, bytes], at_head: CompleteAgreement,
             authority: TrustedAuthority, written: list[Written], cache: ResultCache,
             scratch: Path) -> RuleContext:
    """What the record rule judges against, with every writing commit's signature."""
    repo = versions.repo
    allowed = scratch / "allowed_signers_records"
    allowed.write_text(allowed_signers_text(
        {(k.email, k.fingerprint): (k.kind, k.public) for pid in authority.listed
         for k in authority.keys_of(pid)}), encoding="utf-8")
    commits = [w.commit.sha for w in written if w.commit]
    signatures = commit_signatures(repo, commits, allowed)
    next(versions.past(commits, limit=0), None)  # the content keys of all, in one git call
    anchors = CommittedAnchors(repo, head_files, authority.anchor_blobs())
    return RuleContext(head_files, at_head, at_head.meta.title, authority, signatures,
                       versions, cache, anchors, VersionMoments(versions))


def _notes(root: Path, committed: set[str], head_files: dict[str, bytes],
           authority: TrustedAuthority) -> list[str]:
    """Records changed since they were committed; agreement-wide authority changes that do
    not count; versions of the authority files that could not be read."""
    notes = [f"{rel} is gewijzigd of verwijderd sinds het is vastgelegd; de vastgelegde "
             "versie geldt" for rel in sorted(committed)
             if not (root / rel).is_file() or (root / rel).read_bytes() != head_files.get(rel)]
    notes += [r.text() for r in authority.rejections("")]
    notes += [f"{PARTIES_FILE} of {META_FILE} is in commit {c[:12]} niet te lezen; die "
              "versie is overgeslagen en de volgende leesbare is vergeleken met de vorige"
              for c in authority.skipped()]
    return notes


def _agreement_at_head(versions: Versions, head: str, agreement: CompleteAgreement
                       ) -> tuple[CompleteAgreement, list[str]]:
    """The agreement at HEAD, whose parties the rule reads; the working tree's when HEAD holds
    none yet, or (said in a note) when the version at HEAD does not load."""
    try:
        at_head = versions.at(gitrepo.CommitId(head), label="HEAD")
    except IncompleteAgreement as exc:
        return agreement, [f"{exc} Tot dan gelden de partijen en regels van de werkmap"]
    return (at_head if at_head is not None and at_head.parties else agreement), []


def _written_records(repo: gitrepo.Repo, subdir: str, head: str, head_ids: dict[str, str]
                     ) -> list[Written]:
    """Each record at HEAD with the newest commit that wrote exactly its content there."""
    rels = sorted(rel for rel in head_ids if record_party(rel) is not None)
    if not rels:
        return []
    folder = f"{subdir}/{SIGNOFFS_DIR}" if subdir else SIGNOFFS_DIR
    ids = {rel.removeprefix(f"{SIGNOFFS_DIR}/"): blob for rel, blob in head_ids.items()}
    history = githistory.history(repo, folder, head)
    writer: dict[tuple[str, str], githistory.Commit] = {}
    for commit in reversed(history):  # oldest first, so that the newest writer stays
        for change in commit.changes:
            if change.new_blob:
                writer[(change.path, change.new_blob)] = commit
    found = []
    for rel in rels:
        inner = rel.removeprefix(f"{SIGNOFFS_DIR}/")
        blob = ids.get(inner, "")
        found.append(Written(rel, blob, writer.get((inner, blob))))
    return found

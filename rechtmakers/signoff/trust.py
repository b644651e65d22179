"""The trust rule: which sign-offs count. Used alike by `status`, `verify`, `vaststellen`,
`sign`, validate's rule G001 and the rendered documents.

A record counts only when its evidence holds:
- it carries detached evidence (a signature under the approval statement, or a signed PDF)
  made with a key that counts for one of the party's representatives, and names that
  representative; or
- the commit that wrote exactly this record was made (author e-mail) by the representative it
  names, and, where that representative has a key, is signed with a key that counts for them;
  a party without any key signs by git identity alone (kind `git`), unless the agreement
  demands a key (`ondertekening: {bewijs: sleutel}`).

Keys count from history, not from the working tree: the first keys of a party count from the
commit that introduced them; any later change of a party's keys counts only when that commit
is signed by a key that already counted for the party or for the penvoerder. Every git call is
batched: one `git log` per history, one `git cat-file --batch`, one signature check.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from rechtmakers import gitrepo
from rechtmakers.agreement import (
    PARTIES_FILE,
    SIGNOFFS_DIR,
    CompleteAgreement,
    IncompleteAgreement,
)
from rechtmakers.digest import DIGEST_FORM
from rechtmakers.errors import RechtmakersError, UsageError
from rechtmakers.load import LoadRefusal, read_yaml_bytes
from rechtmakers.model import PartiesFile, Party
from rechtmakers.signoff.anchors import Anchors, CommittedAnchors
from rechtmakers.signoff.commits import (
    KeyId,
    allowed_signers_text,
    commit_signatures,
    signed_by,
)
from rechtmakers.signoff.evidence import (
    EvidenceContext,
    ResultCache,
    TrustedKey,
    needs_anchors,
    verify_evidence,
)
from rechtmakers.signoff.keys import parse_key
from rechtmakers.signoff.kinds import PartyState, ProofKind
from rechtmakers.signoff.records import (
    RecordError,
    SignOff,
    form_refusal,
    parse_record,
    record_party,
    record_paths_on_disk,
    signer_slug,
)
from rechtmakers.signoff.statement import build_statement, party_label, statement_fields
from rechtmakers.versions import Versions

# A commit signed by a key of this kind ("ssh" or "gpg", as keys.parse_key reads them).
COMMIT_KINDS = {"ssh": ProofKind.SSH_COMMIT, "gpg": ProofKind.GPG_COMMIT}
_SIGNATURE_STATES = {
    "B": "de handtekening onder de commit klopt niet (de commit is veranderd)",
    "X": "de handtekening onder de commit is verlopen",
    "Y": "de sleutel waarmee de commit getekend is, is verlopen",
    "R": "de sleutel waarmee de commit getekend is, is ingetrokken",
    "E": "de handtekening onder de commit is niet te controleren (ontbreekt de sleutel of gpg?)",
    "N": "de commit is niet ondertekend",
}


@dataclass(frozen=True)
class KeyState:
    """One key of a party: whether it counts, and why (Dutch)."""

    party_id: str
    email: str
    fingerprint: str
    kind: str
    trusted: bool
    source: str
    listed: bool  # in partijen.yaml at HEAD

    def as_dict(self) -> dict[str, object]:
        return {"representative": self.email, "fingerprint": self.fingerprint,
                "kind": self.kind, "trusted": self.trusted, "source": self.source,
                "listed": self.listed}


@dataclass(frozen=True)
class RecordCheck:
    """One record and what the rule made of it."""

    path: str  # relative to the agreement folder
    party_id: str
    record: SignOff | None
    counts: bool
    kind: ProofKind | None = None  # None: no evidence read, or a kind rechtmakers does not know
    reason: str | None = None
    commit: str | None = None
    key: str | None = None
    committed: bool = True

    @property
    def crypto(self) -> bool:
        return self.kind is not None and self.kind.cryptographic

    def as_dict(self) -> dict[str, object]:
        record = self.record
        return {
            "path": self.path,
            "counts": self.counts,
            "evidence": self.kind,
            "name": record.signer.name if record else None,
            "email": record.signer.email if record else None,
            "function": record.signer.function if record else None,
            "version": record.version if record else None,
            "digest": record.digest if record else None,
            "date": record.signed_at.isoformat() if record else None,
            "commit": self.commit,
            "key": self.key,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class PartyTrust:
    """A party's state under the rule: signed, partial, stale, invalid or missing."""

    party: Party
    state: PartyState
    needed: int
    signers: tuple[RecordCheck, ...]  # counting records for the current digest, one a signer
    records: tuple[RecordCheck, ...]
    keys: tuple[KeyState, ...]
    reason: str | None = None
    trusted: tuple[TrustedKey, ...] = ()

    def has_key(self, email: str) -> bool:
        """Whether this representative has a key: one that counts, or one listed now."""
        mail = email.casefold()
        return any(k.email == mail and (k.trusted or k.listed) for k in self.keys)

    def keys_of(self, email: str) -> tuple[TrustedKey, ...]:
        return tuple(k for k in self.trusted if k.email == email.casefold())

    @property
    def evidence(self) -> tuple[ProofKind, ...]:
        return tuple(sorted({r.kind for r in self.signers if r.kind}))

    @property
    def without_crypto(self) -> bool:
        return any(r.kind is ProofKind.GIT for r in self.signers)


@dataclass(frozen=True)
class TrustReport:
    """The rule applied to every party of an agreement, for one digest."""

    agreement: CompleteAgreement
    digest: str
    parties: tuple[PartyTrust, ...]
    strays: tuple[RecordCheck, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return bool(self.parties) and all(p.state == "signed" for p in self.parties)


# --- keys from history --------------------------------------------------------------------------

@dataclass
class KeyHistory:
    """The keys that count per party after walking partijen.yaml's history."""

    trusted: dict[str, dict[KeyId, TrustedKey]] = field(default_factory=dict)
    rejected: dict[str, dict[KeyId, tuple[str, str]]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    listed: dict[str, dict[KeyId, tuple[str, str]]] = field(default_factory=dict)

    def keys_of(self, party_id: str, email: str | None = None) -> tuple[TrustedKey, ...]:
        found = self.trusted.get(party_id, {})
        return tuple(k for (mail, _), k in sorted(found.items())
                     if email is None or mail == email.casefold())

    def has_key(self, party_id: str, email: str) -> bool:
        """Whether this representative has a key: one that counts, or one listed now."""
        mail = email.casefold()
        return bool(self.keys_of(party_id, email)) or any(
            m == mail for m, _ in self.listed.get(party_id, {}))

    def party_has_keys(self, party_id: str) -> bool:
        """Whether any representative of the party has a key (counting, or listed now)."""
        return bool(self.trusted.get(party_id)) or bool(self.listed.get(party_id))

    def states(self, party_id: str) -> tuple[KeyState, ...]:
        listed = self.listed.get(party_id, {})
        out = [KeyState(party_id, k.email, k.fingerprint, k.kind, True, k.source, kid in listed)
               for kid, k in sorted(self.trusted.get(party_id, {}).items())]
        out += [KeyState(party_id, kid[0], kid[1], kind, False, reason, kid in listed)
                for kid, (kind, reason) in sorted(self.rejected.get(party_id, {}).items())]
        return tuple(out)


def _party_keys(party: Party) -> dict[KeyId, tuple[str, str]]:
    """(e-mail, fingerprint) → (kind, public) of every readable key of the party."""
    found: dict[KeyId, tuple[str, str]] = {}
    for representative in party.representatives:
        key = parse_key(representative)
        if key is not None:
            found[(representative.email.casefold(), key.fingerprint)] = (key.kind, key.public)
    return found


def _keys_in(data: bytes | None, path: Path) -> dict[str, dict[KeyId, tuple[str, str]]] | None:
    """Per party, the keys in one version of partijen.yaml; None when it cannot be read."""
    if data is None:
        return {}
    try:
        parties = PartiesFile.model_validate(read_yaml_bytes(data, path).data)
    except (LoadRefusal, ValidationError):
        return None
    return {party.id: _party_keys(party) for party in parties.parties}


def key_history(repo: gitrepo.Repo, subdir: str, head: str, root: Path, lead: str,
                listed: Mapping[str, Party], scratch: Path) -> KeyHistory:
    """Walk partijen.yaml oldest first and decide, per change of a party's keys, whether it
    counts (first keys, or signed by a key that already counted for the party or the
    penvoerder)."""
    path = f"{subdir}/{PARTIES_FILE}" if subdir else PARTIES_FILE
    versions = gitrepo.file_history(repo, path, head)
    blobs = gitrepo.read_blobs(repo, {b for v in versions for b in (v.old_blob, v.new_blob)
                                      if b})
    parsed = {sha: _keys_in(data, root / PARTIES_FILE) for sha, data in blobs.items()}
    every: dict[KeyId, tuple[str, str]] = {}
    for keys in parsed.values():
        for party_keys in (keys or {}).values():
            every.update(party_keys)
    for party in listed.values():
        every.update(_party_keys(party))
    allowed = scratch / "allowed_signers_git"
    allowed.write_text(allowed_signers_text(every), encoding="utf-8")
    signatures = commit_signatures(repo, [v.sha for v in versions], allowed)
    history = KeyHistory()
    for version in versions:
        old = parsed.get(version.old_blob or "", {}) if version.old_blob else {}
        new = parsed.get(version.new_blob or "", {}) if version.new_blob else {}
        if old is None or new is None:
            continue  # an unreadable version changes nothing; the next readable one compares
        _apply(history, version.sha, old, new, signatures.get(version.sha), lead)
    history.listed = {pid: _party_keys(party) for pid, party in listed.items()}
    for pid, now in history.listed.items():
        trusted = history.trusted.get(pid, {})
        for kid, (kind, _) in now.items():
            if kid not in trusted and kid not in history.rejected.get(pid, {}):
                history.rejected.setdefault(pid, {})[kid] = (kind, (
                    "staat in partijen.yaml, maar geen commit die hem invoerde is te herleiden "
                    "tot een vertrouwde sleutel; telt niet"))
    return history


def _apply(history: KeyHistory, sha: str, old: Mapping[str, Mapping[KeyId, tuple[str, str]]],
           new: Mapping[str, Mapping[KeyId, tuple[str, str]]],
           signature: gitrepo.Signature | None, lead: str) -> None:
    short = sha[:12]
    for pid in sorted(set(old) | set(new)):
        before, after = old.get(pid, {}), new.get(pid, {})
        if set(before) == set(after):
            continue
        added = {k: after[k] for k in set(after) - set(before)}
        removed = set(before) - set(after)
        trusted = history.trusted.setdefault(pid, {})
        by = signed_by(signature, [*trusted.values(),
                                    *history.trusted.get(lead, {}).values()])
        if by is not None:
            for kid in removed:
                trusted.pop(kid, None)
            for kid, (kind, public) in added.items():
                trusted[kid] = TrustedKey(kid[0], kind, kid[1], public, (
                    f"ingevoerd in commit {short}, ondertekend met de sleutel van {by.email}"))
                history.rejected.get(pid, {}).pop(kid, None)
        elif not trusted:
            for kid, (kind, public) in added.items():
                trusted[kid] = TrustedKey(kid[0], kind, kid[1], public,
                                          f"eerste sleutel, ingevoerd in commit {short}")
                history.rejected.get(pid, {}).pop(kid, None)
        else:
            for kid, (kind, _) in added.items():
                history.rejected.setdefault(pid, {})[kid] = (kind, (
                    f"ingevoerd in commit {short}, die niet ondertekend is met een sleutel die "
                    f"al telde voor {pid} of voor de penvoerder; telt niet"))
            for kid in sorted(removed & set(trusted)):
                history.notes.setdefault(pid, []).append(
                    f"de sleutel {kid[1]} van {kid[0]} is in commit {short} weggehaald zonder "
                    "handtekening van een vertrouwde sleutel; hij telt nog")


# --- records ------------------------------------------------------------------------------------

@dataclass
class _Written:
    rel: str
    blob: str
    commit: gitrepo.Commit | None


def evaluate(root: Path, agreement: CompleteAgreement, digest: str, *, cached: bool = True
             ) -> TrustReport:
    """Apply the rule to every party of agreement (as read from the working tree) for digest.

    Records and keys are read from git at HEAD; a record only in the working tree counts for
    nobody. Outside git nothing counts. cached=False checks all evidence again (verify).
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
    parties = tuple(_party_state(p, [c for c in checks if c.party_id == p.id], (), digest)
                    for p in agreement.parties)
    strays = tuple(c for c in checks if c.party_id not in agreement.party_map)
    return TrustReport(agreement, digest, parties, strays, (why,))


def _evaluate(versions: Versions, head: str, agreement: CompleteAgreement, digest: str,
              cache: ResultCache, scratch: Path) -> TrustReport:
    repo, subdir, root = versions.repo, versions.subdir, versions.root
    head_ids = gitrepo.blob_ids(repo, head, subdir)
    contents = gitrepo.read_blobs(repo, head_ids.values())
    head_files = {rel: contents[sha] for rel, sha in head_ids.items() if sha in contents}
    at_head, head_note = _agreement_at_head(versions, head, agreement)
    parties = {**agreement.party_map, **at_head.party_map}
    lead = at_head.meta.lead
    keys = key_history(repo, subdir, head, root, lead, at_head.party_map, scratch)
    written = _written_records(repo, subdir, head, head_ids)
    commits = [w.commit.sha for w in written if w.commit]
    allowed = scratch / "allowed_signers_records"
    allowed.write_text(allowed_signers_text(
        {(k.email, k.fingerprint): (k.kind, k.public) for party in keys.trusted.values()
         for k in party.values()}), encoding="utf-8")
    signatures = commit_signatures(repo, commits, allowed)
    demand_key = bool(at_head.meta.signing and at_head.meta.signing.evidence == "sleutel")
    title = at_head.meta.title
    anchors = CommittedAnchors(repo, subdir, head_files, keys.keys_of(lead))
    checks: list[RecordCheck] = []
    for item in written:
        party = parties.get(record_party(item.rel) or "")
        checks.append(_check(item, head_files, party, at_head, title, keys, signatures,
                             versions, cache, demand_key, anchors))
    on_disk = {rel for rel in record_paths_on_disk(root)}
    committed = {w.rel for w in written}
    for rel in sorted(on_disk - committed):
        checks.append(RecordCheck(rel, record_party(rel) or "", None, False,
                                  reason=f"{rel} is nog niet vastgelegd in git en telt niet",
                                  committed=False))
    notes = [*head_note, *(f"{rel} is gewijzigd of verwijderd sinds het is vastgelegd; de "
                           "vastgelegde versie geldt" for rel in sorted(committed)
                           if not (root / rel).is_file()
                           or (root / rel).read_bytes() != head_files.get(rel))]
    states = tuple(_party_state(p, [c for c in checks if c.party_id == p.id],
                                keys.states(p.id), digest, keys.notes.get(p.id, []),
                                keys.keys_of(p.id))
                   for p in (at_head.party_map.get(p.id, p) for p in agreement.parties))
    strays = tuple(c for c in checks if c.party_id not in agreement.party_map)
    return TrustReport(agreement, digest, states, strays, tuple(notes))


def _agreement_at_head(versions: Versions, head: str, agreement: CompleteAgreement
                       ) -> tuple[CompleteAgreement, list[str]]:
    """The agreement at HEAD, whose parties, keys and signing rules the rule reads; the working
    tree's when HEAD holds none yet, or (said in a note) when the version at HEAD does not load."""
    try:
        at_head = versions.at(gitrepo.CommitId(head), label="HEAD")
    except IncompleteAgreement as exc:
        return agreement, [f"{exc} Tot dan gelden de partijen en regels van de werkmap"]
    return (at_head if at_head is not None and at_head.parties else agreement), []


def _written_records(repo: gitrepo.Repo, subdir: str, head: str, head_ids: dict[str, str]
                     ) -> list[_Written]:
    """Each record at HEAD with the newest commit that wrote exactly its content there."""
    rels = sorted(rel for rel in head_ids if record_party(rel) is not None)
    if not rels:
        return []
    folder = f"{subdir}/{SIGNOFFS_DIR}" if subdir else SIGNOFFS_DIR
    ids = {rel.removeprefix(f"{SIGNOFFS_DIR}/"): blob for rel, blob in head_ids.items()}
    history = gitrepo.history(repo, folder, head)
    writer: dict[tuple[str, str], gitrepo.Commit] = {}
    for commit in reversed(history):  # oldest first, so that the newest writer stays
        for change in commit.changes:
            if change.new_blob:
                writer[(change.path, change.new_blob)] = commit
    found = []
    for rel in rels:
        inner = rel.removeprefix(f"{SIGNOFFS_DIR}/")
        blob = ids.get(inner, "")
        found.append(_Written(rel, blob, writer.get((inner, blob))))
    return found


def _check(item: _Written, files: dict[str, bytes], party: Party | None,
           agreement: CompleteAgreement, title: str, keys: KeyHistory,
           signatures: dict[str, gitrepo.Signature], versions: Versions, cache: ResultCache,
           demand_key: bool, anchors: CommittedAnchors) -> RecordCheck:
    party_id = record_party(item.rel) or ""
    commit = item.commit.sha if item.commit else None

    def refuse(reason: str, record: SignOff | None = None, kind: str | None = None,
               key: str | None = None) -> RecordCheck:
        return RecordCheck(item.rel, party_id, record, False, ProofKind.named(kind), reason,
                           commit, key)

    try:
        record = parse_record(files[item.rel], agreement.root / item.rel)
    except RecordError as exc:
        return refuse(str(exc))
    if party is None:
        return refuse(f"{item.rel} hoort bij geen partij in partijen.yaml", record)
    if record.party != party.id:
        return refuse(f"{item.rel} noemt partij {record.party}, niet {party.id}", record)
    if record.agreement != agreement.id:
        return refuse(f"{item.rel} hoort bij de overeenkomst {record.agreement}, niet bij "
                      f"{agreement.id}", record)
    if item.rel.count("/") == 2 and item.rel.rsplit("/", 1)[1] != (
            f"{signer_slug(record.signer.email)}.yaml"):
        return refuse(f"{item.rel} noemt {record.signer.email} als ondertekenaar; dat past "
                      "niet bij de bestandsnaam", record)
    signer = record.signer.email.casefold()
    if not any(r.email.casefold() == signer for r in party.representatives):
        return refuse(f"{record.signer.email} is geen vertegenwoordiger van {party.name}",
                      record)
    outdated = form_refusal(record, DIGEST_FORM)  # never judged under another form
    if outdated is not None:
        return refuse(outdated, record)
    if record.evidence is not None:
        return _check_detached(item, files, party, agreement, title, keys, record, cache,
                               refuse, anchors)
    if item.commit is None:
        return refuse(f"de commit die {item.rel} schreef is niet te vinden", record)
    author = item.commit.author_email.casefold()
    if author != signer:
        representative = any(r.email.casefold() == author for r in party.representatives)
        return refuse(f"vastgelegd door {item.commit.author_email}, " + (
            f"niet door de ondertekenaar {record.signer.email}" if representative else
            f"geen vertegenwoordiger van {party.name}"), record)
    kind: ProofKind = ProofKind.GIT
    key: str | None = None
    if keys.has_key(party.id, signer):
        trusted = keys.keys_of(party.id, signer)
        signature = signatures.get(item.commit.sha)
        by = signed_by(signature, list(trusted))
        if by is None:
            return refuse(_signature_problem(signature, trusted, record.signer.email), record)
        kind, key = COMMIT_KINDS[by.kind], by.fingerprint
    elif demand_key:
        return refuse(f"deze overeenkomst vraagt een sleutel (ondertekening: bewijs: sleutel), "
                      f"en {record.signer.email} heeft er geen in partijen.yaml", record, "git")
    elif keys.party_has_keys(party.id):
        return refuse(f"{party.name} heeft sleutels in partijen.yaml, dus alleen een "
                      f"ondertekening met cryptografisch bewijs telt, en {record.signer.email} "
                      "heeft geen sleutel", record, "git")
    actual = versions.digest_at(item.commit.sha)
    if actual != record.digest:
        shown = actual[:12] if actual else "niet te lezen"
        return refuse(f"de digest in het record ({record.digest[:12]}) is niet die van de "
                      f"inhoud bij commit {item.commit.sha[:12]} ({shown})", record, kind, key)
    return RecordCheck(item.rel, party_id, record, True, kind, None, commit, key)


def _signature_problem(signature: gitrepo.Signature | None, trusted: tuple[TrustedKey, ...],
                       email: str) -> str:
    if not trusted:
        return (f"{email} heeft in partijen.yaml een sleutel die niet telt (zie de sleutels); "
                "de ondertekening is dus niet te bewijzen")
    if signature is None or not signature.good:
        state = signature.state if signature else "E"
        return _SIGNATURE_STATES.get(state, _SIGNATURE_STATES["E"]) + (
            f", terwijl {email} een sleutel heeft")
    return (f"de commit is getekend met sleutel {signature.fingerprint or signature.key}, niet "
            f"met een sleutel die telt voor {email}")


def _check_detached(item: _Written, files: dict[str, bytes], party: Party,
                    agreement: CompleteAgreement, title: str, keys: KeyHistory, record: SignOff,
                    cache: ResultCache, refuse: Callable[..., RecordCheck],
                    anchors: CommittedAnchors) -> RecordCheck:
    assert record.evidence is not None
    folder = item.rel.rsplit("/", 1)[0]
    evidence_rel = f"{folder}/{record.evidence.file}"
    data = files.get(evidence_rel)
    if data is None:
        return refuse(f"het bewijs {evidence_rel} ontbreekt", record,
                                     record.evidence.kind)
    statement_rel = f"{item.rel.removesuffix('.yaml')}.akkoord.txt"
    statement = files.get(statement_rel) or build_statement(
        agreement.id, title, record.version, record.digest, party.id, party_label(party))
    named = statement_fields(statement)
    if (named.get("Digest"), named.get("Kenmerk partij"), named.get("Overeenkomst")) != (
            record.digest, party.id, agreement.id):
        return refuse(f"{statement_rel} is niet de akkoordverklaring van dit record (andere "
                        "digest, partij of overeenkomst)", record, record.evidence.kind)
    trusted = Anchors(())
    if needs_anchors(record.evidence.kind):
        try:
            trusted = anchors.get()
        except RechtmakersError as exc:
            return refuse(str(exc), record, record.evidence.kind)
    context = EvidenceContext(agreement.id, title, record.version, record.digest, party,
                              keys.keys_of(party.id), statement, trusted.certificates)
    outcome = verify_evidence(record.evidence.kind, data, context, cache)
    commit = item.commit.sha if item.commit else None
    if not outcome.ok:
        reason = "; ".join([outcome.reason or "het bewijs klopt niet", *trusted.notes])
        return refuse(reason, record, outcome.kind, outcome.key)
    signers = [e.casefold() for e in (outcome.signers or (outcome.signer_email or "",))]
    if record.signer.email.casefold() not in signers:  # a PDF may carry several
        return refuse(f"het bewijs is gezet door {outcome.signer_email}, maar het record "
                        f"noemt {record.signer.email}", record, outcome.kind, outcome.key)
    return RecordCheck(item.rel, party.id, record, True, ProofKind.named(outcome.kind), None,
                       commit, outcome.key)


def _party_state(party: Party, checks: list[RecordCheck], keys: tuple[KeyState, ...],
                 digest: str, notes: list[str] | None = None,
                 trusted: tuple[TrustedKey, ...] = ()) -> PartyTrust:
    needed = party.signers_needed
    current: dict[str, RecordCheck] = {}
    for check in checks:
        if check.counts and check.record and check.record.digest == digest:
            current.setdefault(check.record.signer.email.casefold(), check)
    signers = tuple(current[k] for k in sorted(current))
    older = [c for c in checks if c.counts and c.record and c.record.digest != digest]
    refused = [c for c in checks if not c.counts]
    reason: str | None = None
    if len(signers) >= needed:
        state = PartyState.SIGNED
    elif signers:
        state = PartyState.PARTIAL
        reason = f"{len(signers)} van {needed} ondertekenaars"
    elif older:
        state = PartyState.STALE
    elif refused:
        state = PartyState.INVALID
    else:
        state = PartyState.MISSING
    problems = [c.reason for c in refused if c.reason]
    extra = [*(notes or []), *problems]
    if extra and state != "signed":
        reason = "; ".join([reason, *extra] if reason else extra)
    elif extra:
        reason = "; ".join(extra)
    return PartyTrust(party, state, needed, signers, tuple(checks), keys, reason, trusted)

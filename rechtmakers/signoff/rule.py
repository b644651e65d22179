"""The record rule: whether one sign-off record counts, and why not.

A record counts only when its evidence holds:
- it carries detached evidence (a signature under the approval statement, or a signed PDF)
  made with a key that counts for one of the party's representatives, and names that
  representative; or
- the commit that wrote exactly this record was made (author e-mail) by the representative it
  names, and, where that representative has a key, is signed with a key that counts for them;
  a party without any key signs by git identity alone (kind `git`), unless the agreement
  demands a key (`ondertekening: {bewijs: sleutel}`).
Who represents a party, and with which keys, is the authority that counts at HEAD
(trusted.py), never what partijen.yaml says there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.digest import DIGEST_FORM
from rechtmakers.errors import RechtmakersError
from rechtmakers.git import history as githistory
from rechtmakers.git import signatures as gitsignatures
from rechtmakers.git.signatures import SignatureState
from rechtmakers.model import Party
from rechtmakers.signoff.anchors import Anchors, CommittedAnchors
from rechtmakers.signoff.commits import signed_by
from rechtmakers.signoff.editions import signing_editions
from rechtmakers.signoff.evidence import (
    MAX_EVIDENCE_BYTES,
    EvidenceContext,
    ResultCache,
    TrustedKey,
    verify_evidence,
)
from rechtmakers.signoff.kinds import DetachedKind, ProofKind, UnknownKind
from rechtmakers.signoff.records import (
    RecordError,
    SignOff,
    form_refusal,
    parse_record,
    record_party,
    signer_slug,
)
from rechtmakers.signoff.report import RecordCheck
from rechtmakers.signoff.statement import build_statement, party_label, statement_fields
from rechtmakers.signoff.timing import VersionMoments
from rechtmakers.signoff.trusted import TrustedAuthority
from rechtmakers.source_names import PARTIES_FILE
from rechtmakers.versions import Versions


@dataclass
class Written:
    rel: str
    blob: str
    commit: githistory.Commit | None


@dataclass(frozen=True)
class RuleContext:
    """What every record is judged against: HEAD's files, the authority and the evidence."""

    files: dict[str, bytes]
    agreement: CompleteAgreement
    title: str
    authority: TrustedAuthority
    signatures: dict[str, gitsignatures.Signature]
    versions: Versions
    cache: ResultCache
    anchors: CommittedAnchors
    moments: VersionMoments


class Refused(Exception):
    """A record that does not count: the RecordCheck that says why."""

    def __init__(self, check: RecordCheck) -> None:
        super().__init__(check.reason)
        self.check = check


def check_record(item: Written, party: Party | None, context: RuleContext) -> RecordCheck:
    """Whether the record at item counts for party (as it counts under the authority)."""
    try:
        record = _identified(item, party, context)
        assert party is not None
        if record.evidence is not None:
            return _check_detached(item, party, record, context)
        return _check_commit(item, party, record, context)
    except Refused as refused:
        return refused.check


def _refuse(item: Written, reason: str, record: SignOff | None = None,
            kind: ProofKind | None = None, key: str | None = None) -> Refused:
    return Refused(RecordCheck(item.rel, record_party(item.rel) or "", record, False, kind,
                               reason,
                               item.commit.sha if item.commit else None, key))


def _identified(item: Written, party: Party | None, context: RuleContext) -> SignOff:
    """The record, when it names this party, agreement and one of its representatives."""
    agreement = context.agreement
    try:
        record = parse_record(context.files[item.rel], agreement.root / item.rel)
    except RecordError as exc:
        raise _refuse(item, str(exc)) from None
    if party is None:
        raise _refuse(item, f"{item.rel} hoort bij geen partij in {PARTIES_FILE}", record)
    if record.party != party.id:
        raise _refuse(item, f"{item.rel} noemt partij {record.party}, niet {party.id}", record)
    if record.agreement != agreement.id:
        raise _refuse(item, f"{item.rel} hoort bij de overeenkomst {record.agreement}, niet "
                      f"bij {agreement.id}", record)
    if item.rel.count("/") == 2 and item.rel.rsplit("/", 1)[1] != (
            f"{signer_slug(record.signer.email)}.yaml"):
        raise _refuse(item, f"{item.rel} noemt {record.signer.email} als ondertekenaar; dat "
                      "past niet bij de bestandsnaam", record)
    signer = record.signer.email.casefold()
    if not any(r.email.casefold() == signer for r in party.representatives):
        raise _refuse(item, f"{record.signer.email} is geen vertegenwoordiger van {party.name} "
                      "(volgens het gezag dat telt)", record)
    outdated = form_refusal(record, DIGEST_FORM)  # never judged under another form
    if outdated is not None:
        raise _refuse(item, outdated, record)
    if context.authority.blocked(party.id, signer):
        raise _refuse(item, f"de gegevens van {record.signer.email} zijn op twee takken "
                      "verschillend gewijzigd; tot een beheerder dat opnieuw vastlegt, telt "
                      "geen ondertekening van deze vertegenwoordiger", record)
    return record


def _check_commit(item: Written, party: Party, record: SignOff, context: RuleContext
                  ) -> RecordCheck:
    """A record whose evidence is the commit that wrote it."""
    if item.commit is None:
        raise _refuse(item, f"de commit die {item.rel} schreef is niet te vinden", record)
    signer = record.signer.email.casefold()
    author = item.commit.author_email.casefold()
    if author != signer:
        representative = any(r.email.casefold() == author for r in party.representatives)
        raise _refuse(item, f"vastgelegd door {item.commit.author_email}, " + (
            f"niet door de ondertekenaar {record.signer.email}" if representative else
            f"geen vertegenwoordiger van {party.name}"), record)
    kind, key = _commit_evidence(item, item.commit, party, record, context.authority,
                                 context.signatures)
    actual = context.versions.digest_at(item.commit.sha)
    if actual != record.digest:
        shown = actual[:12] if actual else "niet te lezen"
        raise _refuse(item, f"de digest in het record ({record.digest[:12]}) is niet die van "
                      f"de inhoud bij commit {item.commit.sha[:12]} ({shown})", record, kind,
                      key)
    return RecordCheck(item.rel, party.id, record, True, kind, None, item.commit.sha, key)


def _commit_evidence(item: Written, commit: githistory.Commit, party: Party, record: SignOff,
                     authority: TrustedAuthority, signatures: dict[str, gitsignatures.Signature]
                     ) -> tuple[ProofKind, str | None]:
    """(kind, key) of the commit's evidence for this signer; Refused when it has none."""
    signer = record.signer.email
    if authority.has_key(party.id, signer):
        trusted = authority.keys_of(party.id, signer)
        signature = signatures.get(commit.sha)
        by = signed_by(signature, trusted)
        if by is None:
            raise _refuse(item, _signature_problem(signature, trusted, signer), record)
        return by.kind.commit_proof, by.fingerprint
    if authority.demands_key():
        raise _refuse(item, "deze overeenkomst vraagt een sleutel (ondertekening: bewijs: "
                      f"sleutel), en {signer} heeft er geen in {PARTIES_FILE}", record,
                      ProofKind.GIT)
    if authority.party_has_keys(party.id):
        raise _refuse(item, f"{party.name} heeft sleutels in {PARTIES_FILE}, dus alleen een "
                      f"ondertekening met cryptografisch bewijs telt, en {signer} heeft geen "
                      "sleutel", record, ProofKind.GIT)
    return ProofKind.GIT, None


def _signature_problem(signature: gitsignatures.Signature | None, trusted: tuple[TrustedKey, ...],
                       email: str) -> str:
    if not trusted:
        return (f"{email} heeft in {PARTIES_FILE} een sleutel die niet telt (zie de sleutels); "
                "de ondertekening is dus niet te bewijzen")
    if signature is None or not signature.good:
        # No word from git about the commit: its signature cannot be checked.
        problem = (_signature_words(signature.state, signature.letter) if signature
                   else _signature_words(SignatureState.NOT_CHECKABLE, ""))
        return f"{problem}, terwijl {email} een sleutel heeft"
    return (f"de commit is getekend met sleutel {signature.fingerprint or signature.key}, niet "
            f"met een sleutel die telt voor {email}")


def _signature_words(state: SignatureState, letter: str) -> str:
    """What a signature git does not call good means, in Dutch."""
    match state:
        case SignatureState.GOOD | SignatureState.GOOD_UNKNOWN_VALIDITY:
            return "de handtekening onder de commit is goed"
        case SignatureState.BAD:
            return "de handtekening onder de commit klopt niet (de commit is veranderd)"
        case SignatureState.EXPIRED_SIGNATURE:
            return "de handtekening onder de commit is verlopen"
        case SignatureState.EXPIRED_KEY:
            return "de sleutel waarmee de commit getekend is, is verlopen"
        case SignatureState.REVOKED_KEY:
            return "de sleutel waarmee de commit getekend is, is ingetrokken"
        case SignatureState.NOT_CHECKABLE:
            return ("de handtekening onder de commit is niet te controleren (ontbreekt de "
                    "sleutel of gpg?)")
        case SignatureState.UNSIGNED:
            return "de commit is niet ondertekend"
        case SignatureState.UNDOCUMENTED:
            return f"git meldt een onbekende staat van de handtekening onder de commit ({letter})"
        case _:
            assert_never(state)


def _check_detached(item: Written, party: Party, record: SignOff, context: RuleContext
                    ) -> RecordCheck:
    assert record.evidence is not None
    try:
        detached = DetachedKind.parse(record.evidence.kind)
    except UnknownKind as exc:
        raise _refuse(item, str(exc), record) from None
    kind = detached.proof
    agreement = context.agreement
    evidence_rel = f"{item.rel.rsplit('/', 1)[0]}/{record.evidence.file}"
    data = context.files.get(evidence_rel)
    if data is None:
        raise _refuse(item, f"het bewijs {evidence_rel} ontbreekt", record, kind)
    if len(data) > MAX_EVIDENCE_BYTES:
        raise _refuse(item, f"het bewijs {evidence_rel} is groter dan "
                      f"{MAX_EVIDENCE_BYTES // (1024 * 1024)} MB", record, kind)
    statement_rel = f"{item.rel.removesuffix('.yaml')}.akkoord.txt"
    statement = context.files.get(statement_rel) or build_statement(
        agreement.id, context.title, record.version, record.digest, party.id,
        party_label(party))
    named = statement_fields(statement)
    if (named.get("Digest"), named.get("Kenmerk partij"), named.get("Overeenkomst")) != (
            record.digest, party.id, agreement.id):
        raise _refuse(item, f"{statement_rel} is niet de akkoordverklaring van dit record "
                      "(andere digest, partij of overeenkomst)", record, kind)
    trusted = Anchors(())
    if detached.needs_anchors:
        try:
            trusted = context.anchors.get()
        except RechtmakersError as exc:
            raise _refuse(item, str(exc), record, kind) from None
    evidence = EvidenceContext(agreement.id, context.title, record.version, record.digest,
                               party, context.authority.keys_of(party.id), statement,
                               trusted.certificates,
                               editions=signing_editions(agreement.root))
    outcome = verify_evidence(detached, data, evidence, context.cache)
    if not outcome.ok:
        reason = "; ".join([outcome.reason or "het bewijs klopt niet", *trusted.notes])
        raise _refuse(item, reason, record, kind, outcome.key)
    signers = [e.casefold() for e in (outcome.signers or (outcome.signer_email or "",))]
    if record.signer.email.casefold() not in signers:  # a PDF may carry several
        raise _refuse(item, f"het bewijs is gezet door {outcome.signer_email}, maar het record "
                      f"noemt {record.signer.email}", record, kind, outcome.key)
    late = detached.needs_anchors and context.moments.refusal(
        data, trusted.certificates, record.signer.email, record.digest)
    if late:
        raise _refuse(item, late, record, kind, outcome.key)
    commit = item.commit.sha if item.commit else None
    return RecordCheck(item.rel, party.id, record, True, kind, None, commit, outcome.key)

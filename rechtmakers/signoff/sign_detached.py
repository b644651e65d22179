"""`sign --bewijs`: detached evidence (a signature under the approval statement, or a signed
PDF) that a maintainer records for a representative; checked before anything is written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.errors import AgreementError, UsageError, os_reason
from rechtmakers.git import commit as gitcommit
from rechtmakers.git import files as gitfiles
from rechtmakers.git import repo as gitrepo
from rechtmakers.model import Representative
from rechtmakers.signoff.anchors import Anchors, CommittedAnchors
from rechtmakers.signoff.editions import signing_editions
from rechtmakers.signoff.evidence import (
    MAX_EVIDENCE_BYTES,
    EvidenceContext,
    EvidenceKind,
    EvidenceResult,
    kind_for_file,
    known_suffixes,
)
from rechtmakers.signoff.kinds import DetachedKind
from rechtmakers.signoff.records import dump_record, record_rel, signer_slug
from rechtmakers.signoff.signing import (
    SignResult,
    already,
    commit_message,
    make_record,
    refuse_long_name,
    refuse_occupied,
)
from rechtmakers.signoff.sshsig import verify_sshsig
from rechtmakers.signoff.statement import (
    NAMESPACE,
    build_statement,
    party_label,
    statement_fields,
)
from rechtmakers.signoff.trust import PartyTrust, TrustReport
from rechtmakers.source_names import TRUST_DIR
from rechtmakers.versions import Versions

_HISTORY_TRIES = 40  # contents of the past tried to name the version of a stale signature


def sign_detached(repo: gitrepo.Repo, subdir: str, root: Path,
                   agreement: CompleteAgreement, report: TrustReport, standing: PartyTrust,
                   digest: str, note: str | None, evidence: Path) -> SignResult:
    party = standing.party
    kind = kind_for_file(evidence.name)
    if kind is None:
        hint = (" Dit is de akkoordverklaring zelf: geef de handtekening op, het .sig-bestand "
                "dat ssh-keygen -Y sign ernaast maakte." if evidence.name.endswith(".txt")
                else "")
        raise UsageError(f"{evidence.name} is geen bewijs dat rechtmakers kent; verwacht een "
                         f"bestand op {' of '.join(known_suffixes())}.{hint}")
    data = _read_evidence(evidence)
    meta = agreement.meta
    assert meta is not None
    anchors = _anchors(repo, subdir, report, kind.kind)
    context = EvidenceContext(agreement.id, meta.title, meta.version, digest, party,
                              standing.trusted, build_statement(
                                  agreement.id, meta.title, meta.version, digest, party.id,
                                  party_label(party)), anchors.certificates,
                              editions=signing_editions(root))
    result = kind.verify(data, context)
    if not result.ok:
        notes = f" Let op: {'; '.join(anchors.notes)}." if anchors.notes else ""
        raise AgreementError(_refusal(repo, subdir, root, evidence, data, kind, context,
                                      result) + notes)
    _recheck_with_ssh_keygen(kind, data, context, result)
    representative = _evidence_signer(standing, result, root)
    if representative is None:
        raise AgreementError(f"Het bewijs is gezet door {result.signer_email}, geen "
                             f"vertegenwoordiger van {party.name}. Er is niets vastgelegd.")
    refuse_long_name(party.id, representative.email)
    done = already(standing, representative, root)
    if done:
        return done
    slug = signer_slug(representative.email)
    suffix = kind.suffixes[0]
    record = make_record(agreement, party, representative, digest, note,
                     {"soort": kind.kind.value, "bestand": f"{slug}{suffix}"})
    rel = record_rel(party.id, representative.email)
    folder = rel.rsplit("/", 1)[0]
    prefix = f"{subdir}/" if subdir else ""
    files = {f"{prefix}{rel}": dump_record(record).encode("utf-8"),
             f"{prefix}{folder}/{slug}{suffix}": data,
             f"{prefix}{folder}/{slug}.akkoord.txt": context.statement}
    refuse_occupied(repo, files)
    commit = gitcommit.commit_files(repo, files, commit_message(agreement, party, record))
    return SignResult(record, party, commit, root / rel, kind.kind.proof)


def _anchors(repo: gitrepo.Repo, subdir: str, report: TrustReport, kind: DetachedKind
             ) -> Anchors:
    """The agreement's trust anchors that count, as the trust rule reads them (the versions
    of vertrouwd/ that the trusted history made count), for a kind that needs them."""
    if not kind.needs_anchors:
        return Anchors(())
    folder = f"{subdir}/{TRUST_DIR}" if subdir else TRUST_DIR
    files = {f"{TRUST_DIR}/{rel}": d for rel, d in gitfiles.files_at(repo, "HEAD", folder).items()}
    try:
        return CommittedAnchors(repo, files, dict(report.anchor_blobs)).get()
    except AgreementError as exc:
        raise AgreementError(f"{exc} Er is niets vastgelegd.") from None


def _evidence_signer(standing: PartyTrust, result: EvidenceResult, root: Path
                     ) -> Representative | None:
    """The representative the evidence proves; of several (one PDF signed by two directors),
    the first who has not signed this content yet."""
    emails = [e.casefold() for e in (result.signers or (result.signer_email or "",))]
    found = [r for e in emails for r in standing.party.representatives
             if r.email.casefold() == e]
    return next((r for r in found if already(standing, r, root) is None),
                found[0] if found else None)


def _recheck_with_ssh_keygen(kind: EvidenceKind, data: bytes, context: EvidenceContext,
                             result: EvidenceResult) -> None:
    """Before recording, let ssh-keygen itself confirm an SSH signature checked in process."""
    if kind.kind is not DetachedKind.SSH_DETACHED:
        return
    key = next((k for k in context.keys if k.fingerprint == result.key), None)
    if key is None or not verify_sshsig(data, context.statement, key.email, key.public,
                                        NAMESPACE, in_process=False):
        raise AgreementError("ssh-keygen keurt de handtekening af. Er is niets vastgelegd.")


def _read_evidence(path: Path) -> bytes:
    """The evidence file's bytes: a regular file (a link to one is followed), read up to the
    cap and no further, whatever size it reports (a link to /dev/zero reports none)."""
    try:
        # O_NONBLOCK: a pipe or device is refused after fstat, not waited on when opened.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise UsageError(f"{path} is niet te lezen ({os_reason(exc)}).") from None
    try:
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise UsageError(f"{path} is geen gewoon bestand (maar een map, apparaat of "
                                 "pijp); geef het bestand met het bewijs.")
            data = stream.read(MAX_EVIDENCE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"{path} is niet te lezen ({os_reason(exc)}).") from None
    if len(data) > MAX_EVIDENCE_BYTES:
        raise AgreementError(f"{path} is te groot voor bewijs (meer dan "
                             f"{_size(MAX_EVIDENCE_BYTES)}). Er is niets vastgelegd.")
    return data


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{count // 1024} kB"


def _refusal(repo: gitrepo.Repo, subdir: str, root: Path, evidence: Path, data: bytes,
             kind: EvidenceKind, context: EvidenceContext, result: EvidenceResult) -> str:
    """Why the evidence is refused; for a signature over another version's statement, which
    version that was."""
    tail = " Er is niets vastgelegd."
    if result.key is None or result.signer_email is None:
        return f"Het bewijs telt niet: {result.reason}{tail}"
    for statement in _candidate_statements(repo, subdir, root, evidence, context):
        fields = statement_fields(statement)
        if fields.get("Digest") == context.digest:
            continue
        old = EvidenceContext(context.agreement_id, fields.get("Titel", ""),
                              fields.get("Versie", ""), fields.get("Digest", ""),
                              context.party, context.keys, statement, context.anchors,
                              editions=context.editions)
        if kind.verify(data, old).ok:
            what = ("PDF van deze versie ondertekenen (rechtmakers render --format pdf of "
                    "rechtmakers review)" if kind.kind.needs_anchors else
                    "akkoordverklaring van deze versie tekenen (rechtmakers review)")
            return (f"Het bewijs hoort bij een andere versie: het akkoord is gegeven voor "
                    f"versie {fields.get('Versie', '?')} (digest "
                    f"{fields.get('Digest', '')[:12]}), niet voor de huidige versie "
                    f"{context.version} (digest {context.digest[:12]}). Laat de "
                    f"{what}.{tail}")
    return f"Het bewijs telt niet: {result.reason}{tail}"


def _candidate_statements(repo: gitrepo.Repo, subdir: str, root: Path, evidence: Path,
                          context: EvidenceContext) -> list[bytes]:
    """The statement file beside the evidence, then the statements of past contents."""
    found: list[bytes] = []
    beside = evidence.with_name(evidence.name[:-len(evidence.suffix)])
    if beside.is_file() and beside.stat().st_size < 64 * 1024:
        found.append(beside.read_bytes())
    party = context.party
    versions = Versions(repo, subdir, root)
    for past in versions.past(limit=_HISTORY_TRIES):
        if past.digest != context.digest:
            meta = past.agreement.meta
            found.append(build_statement(past.agreement.id, meta.title, meta.version,
                                         past.digest, party.id, party_label(party)))
    versions.save()
    return found

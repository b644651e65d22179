"""Who signed, for the rendered documents: per party the signers whose sign-off counts for
exactly this content, with the date and the kind of evidence. Outside git, or when nothing
can be read, there is nothing to say and the documents keep their blank signature lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rechtmakers.agreement import SIGNOFFS_DIR
from rechtmakers.errors import RechtmakersError
from rechtmakers.signoff.kinds import ProofKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from rechtmakers.agreement import Agreement
    from rechtmakers.signoff.trust import RecordCheck, TrustReport



@dataclass(frozen=True, slots=True)
class SignedBy:
    """One signer whose sign-off counts for this content."""

    email: str
    name: str
    function: str
    date: str  # ISO 8601 day
    evidence: ProofKind
    cryptographic: bool

    @property
    def evidence_text(self) -> str:
        return self.evidence.words.document


def signed_parties(agreement: Agreement, digest: str) -> dict[str, tuple[SignedBy, ...]]:
    """Party id → the signers that count for this digest; {} outside git."""
    report = _report(agreement, digest)
    return {} if report is None else signers_in(report)


def _report(agreement: Agreement, digest: str) -> TrustReport | None:
    from rechtmakers.git import files as gitfiles
    from rechtmakers.git import repo as gitrepo
    from rechtmakers.signoff.records import record_party  # its models load only inside git

    try:
        repo = gitrepo.open_repo(agreement.root)
        folder = "/".join(p for p in (gitrepo.repo_relative(repo, agreement.root), SIGNOFFS_DIR)
                          if p)
        at_head = gitfiles.blob_ids(repo, "HEAD", folder)
    except RechtmakersError:
        return None
    if not any(record_party(f"{SIGNOFFS_DIR}/{rel}") for rel in at_head):
        # Only a record committed at HEAD can count (trust.evaluate): with none there is
        # nobody to name, and the history need not be walked to say so.
        return None
    from rechtmakers.agreement import WORKING_TREE, gate
    from rechtmakers.signoff.trust import evaluate

    try:  # a digest was taken, so the agreement read whole; the gate says so to the types
        return evaluate(agreement.root, gate(agreement, (), WORKING_TREE), digest)
    except RechtmakersError:
        return None


def signers_in(report: TrustReport, keep: Callable[[RecordCheck], bool] | None = None
               ) -> dict[str, tuple[SignedBy, ...]]:
    """Party id → the signers of report that count (and that keep keeps: inlezen asks which
    had signed when an older commit was rendered)."""
    found: dict[str, tuple[SignedBy, ...]] = {}
    for party in report.parties:
        signers = []
        for check in party.signers:
            record = check.record
            if record is None or check.kind is None or (keep is not None and not keep(check)):
                continue
            signers.append(SignedBy(record.signer.email, record.signer.name,
                                    record.signer.function, record.signed_at.date().isoformat(),
                                    check.kind, check.crypto))
        if signers:
            found[party.party.id] = tuple(signers)
    return found


def signed_texts(agreement: Agreement, digest: str) -> dict[str, dict[str, str]]:
    """Party id → signer e-mail (lower case) → "21 januari 2026; bewijs: …", for the
    signature blocks of the rendered documents; {} outside git."""
    return texts_of(signed_parties(agreement, digest))


def texts_of(signed: dict[str, tuple[SignedBy, ...]]) -> dict[str, dict[str, str]]:
    """The signature-block texts of these signers, as signed_texts gives them."""
    from rechtmakers.document.labels import long_date

    return {party_id: {s.email.casefold(): f"{long_date(dt.date.fromisoformat(s.date))}; "
                                           f"bewijs: {s.evidence_text}" for s in signers}
            for party_id, signers in signed.items()}

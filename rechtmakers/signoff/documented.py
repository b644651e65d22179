"""Who signed, for the rendered documents: per party the signers whose sign-off counts for
exactly this content, with the date and the kind of evidence. Outside git, or when nothing
can be read, there is nothing to say and the documents keep their blank signature lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rechtmakers.errors import RechtmakersError

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement

EVIDENCE_WORDS = {
    "git": "vastgelegd in git, zonder cryptografisch bewijs",
    "ssh-commit": "met een SSH-sleutel ondertekende commit",
    "gpg-commit": "met een GPG-sleutel ondertekende commit",
    "ssh-detached": "SSH-handtekening onder de akkoordverklaring",
    "pdf": "ondertekende PDF",
}


@dataclass(frozen=True, slots=True)
class SignedBy:
    """One signer whose sign-off counts for this content."""

    email: str
    name: str
    function: str
    date: str  # ISO 8601 day
    evidence: str  # git, ssh-commit, gpg-commit, ssh-detached, pdf
    cryptographic: bool

    @property
    def evidence_text(self) -> str:
        return EVIDENCE_WORDS.get(self.evidence, self.evidence)


def signed_parties(agreement: Agreement, digest: str) -> dict[str, tuple[SignedBy, ...]]:
    """Party id → the signers that count for this digest; {} outside git."""
    from rechtmakers import gitrepo

    try:
        gitrepo.open_repo(agreement.root)
    except RechtmakersError:
        return {}
    from rechtmakers.agreement import WORKING_TREE, gate
    from rechtmakers.signoff.trust import evaluate

    try:  # a digest was taken, so the agreement read whole; the gate says so to the types
        report = evaluate(agreement.root, gate(agreement, (), WORKING_TREE), digest)
    except RechtmakersError:
        return {}
    found: dict[str, tuple[SignedBy, ...]] = {}
    for party in report.parties:
        signers = []
        for check in party.signers:
            record = check.record
            if record is None or check.kind is None:
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
    from rechtmakers.document.labels import long_date

    texts: dict[str, dict[str, str]] = {}
    for party_id, signers in signed_parties(agreement, digest).items():
        texts[party_id] = {
            s.email.casefold(): f"{long_date(dt.date.fromisoformat(s.date))}; bewijs: "
                                f"{s.evidence_text}" for s in signers}
    return texts

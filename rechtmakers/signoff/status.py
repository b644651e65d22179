"""Per party: signed this exact content (enough representatives, with evidence that holds),
partly, an earlier content, only with records that do not count, or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.digest import content_digest
from rechtmakers.json_value import JsonObject
from rechtmakers.signoff.kinds import PartyState
from rechtmakers.signoff.trust import PartyTrust, TrustReport, evaluate
from rechtmakers.versions import working


@dataclass(frozen=True)
class AgreementStatus:
    """The sign-off state of one agreement's current content under the trust rule."""

    agreement: CompleteAgreement
    digest: str
    report: TrustReport

    @property
    def parties(self) -> tuple[PartyTrust, ...]:
        return self.report.parties

    @property
    def complete(self) -> bool:
        """Volledig ondertekend: every party signed exactly this content, and it counts."""
        return self.report.complete

    def count(self, state: PartyState) -> int:
        return sum(1 for p in self.parties if p.state is state)

    def as_dict(self) -> JsonObject:
        meta = self.agreement.meta
        return {
            "agreement": self.agreement.id,
            "title": meta.title,
            "version": meta.version,
            "digest": self.digest,
            "complete": self.complete,
            "required_evidence": meta.required_evidence,
            "parties": [party_dict(p) for p in self.parties],
            "strays": [c.as_dict() for c in self.report.strays],
            "notes": list(self.report.notes),
            "root": self.report.root,
            "authority_not_counted": list(self.report.authority),
        }


def party_dict(item: PartyTrust) -> JsonObject:
    return {
        "id": item.party.id,
        "name": item.party.name,
        "state": item.state,
        "needed": item.needed,
        "signed": len(item.signers),
        "evidence": list(item.evidence),
        "cryptographic": bool(item.signers) and not item.without_crypto,
        "signers": [c.as_dict() for c in item.signers],
        "reason": item.reason,
        "records": [c.as_dict() for c in item.records],
        "keys": [k.as_dict() for k in item.keys],
    }


def agreement_status(root: Path, *, cached: bool = True) -> AgreementStatus:
    """Apply the trust rule to every party for the digest of root's current content
    (cached=False: check every piece of evidence again, reusing nothing)."""
    agreement = working(root)
    digest = content_digest(agreement)
    return AgreementStatus(agreement, digest, evaluate(root, agreement, digest, cached=cached))

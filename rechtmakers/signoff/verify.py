"""`verify`: every sign-off record and every key, checked offline by the trust rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rechtmakers.errors import AgreementError
from rechtmakers.signoff.kinds import ProofKind
from rechtmakers.signoff.records import SignOff
from rechtmakers.signoff.status import AgreementStatus, agreement_status
from rechtmakers.signoff.trust import KeyState, RecordCheck
from rechtmakers.source_names import PARTIES_FILE


@dataclass
class Verdict:
    """One record: whether its evidence holds, which commit and key, and what is wrong."""

    party_id: str
    path: str = ""
    commit: str | None = None
    record: SignOff | None = None
    key: str | None = None
    kind: ProofKind | None = None
    current: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class Verification:
    """The status under the rule, a verdict per record, and the keys that do not count."""

    status: AgreementStatus
    verdicts: list[Verdict]
    keys: list[KeyState]

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.verdicts) and not self.bad_keys

    @property
    def bad_keys(self) -> list[KeyState]:
        return [k for k in self.keys if not k.trusted and k.listed]


def verify_agreement(root: Path, party_id: str | None = None) -> Verification:
    """Check every record (or those of one party) and every key of the agreement."""
    status = agreement_status(root, cached=False)  # verify reuses no earlier result
    if party_id is not None and party_id not in status.agreement.party_map:
        raise AgreementError(f"De partij {party_id} staat niet in {PARTIES_FILE}.")
    verdicts: list[Verdict] = []
    keys: list[KeyState] = []
    for party in status.parties:
        if party_id is not None and party.party.id != party_id:
            continue
        keys.extend(party.keys)
        verdicts.extend(_verdict(check, status.digest) for check in party.records)
        if not party.records and party_id is not None:
            verdicts.append(Verdict(party.party.id, reasons=[
                "er is geen ondertekening van deze partij."]))
    if party_id is None:
        verdicts.extend(_verdict(check, status.digest) for check in status.report.strays)
    return Verification(status, verdicts, keys)


def verify(root: Path, party_id: str | None = None) -> list[Verdict]:
    """One verdict per record at HEAD and per record not yet committed."""
    return verify_agreement(root, party_id).verdicts


def _verdict(check: RecordCheck, digest: str) -> Verdict:
    record = check.record
    reasons = [] if check.counts else [f"{check.reason or 'telt niet'}."]
    return Verdict(check.party_id, check.path, check.commit, record, check.key, check.kind,
                   bool(record and record.digest == digest), reasons)

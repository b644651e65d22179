"""Which party signed the current content, which signed an earlier one, which not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rechtmakers.agreement import Agreement, load_agreement
from rechtmakers.digest import content_digest
from rechtmakers.errors import AgreementError
from rechtmakers.model import Party
from rechtmakers.signoff.records import RecordError, SignOff, read_records, record_rel

State = Literal["signed", "stale", "missing"]


@dataclass(frozen=True)
class PartyStatus:
    """One party: its state, the record it has (if readable) and why a record did not count."""

    party: Party
    state: State
    record: SignOff | None = None
    problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        record = self.record
        return {
            "id": self.party.id,
            "status": self.state,
            "versie": record.version if record else None,
            "signed_by": record.signer.name if record else None,
            "date": record.signed_at.isoformat() if record else None,
            **({"problem": self.problem} if self.problem else {}),
        }


@dataclass(frozen=True)
class AgreementStatus:
    """The sign-off state of one agreement's current content."""

    agreement: Agreement
    digest: str
    parties: tuple[PartyStatus, ...]
    strays: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Volledig ondertekend: every party signed exactly this content."""
        return bool(self.parties) and all(p.state == "signed" for p in self.parties)

    def count(self, state: State) -> int:
        return sum(1 for p in self.parties if p.state == state)

    def as_dict(self) -> dict[str, Any]:
        meta = self.agreement.meta
        return {
            "agreement": self.agreement.id,
            "versie": meta.version if meta else None,
            "digest": self.digest,
            "complete": self.complete,
            "parties": [p.as_dict() for p in self.parties],
        }


def load_clean(root: Path) -> Agreement:
    """The agreement in root, or an AgreementError when it cannot be read without problems."""
    agreement, problems = load_agreement(root)
    if problems:
        first = problems[0][1]
        raise AgreementError(f"{root}: de overeenkomst heeft {len(problems)} fout(en), zoals "
                             f"{first.location}: {first.message} Los die eerst op "
                             "(rechtmakers validate).")
    return agreement


def agreement_status(root: Path) -> AgreementStatus:
    """Compare every record in root's working tree with the digest of root's content."""
    agreement = load_clean(root)
    digest = content_digest(agreement)
    records = read_records(root)
    parties = tuple(party_status(agreement, party, records.get(party.id), digest)
                    for party in agreement.parties)
    strays = tuple(sorted(set(records) - set(agreement.party_map)))
    return AgreementStatus(agreement, digest, parties, strays)


def party_status(agreement: Agreement, party: Party, found: SignOff | RecordError | None,
                 digest: str) -> PartyStatus:
    """The state of one party given its record (or the error reading it)."""
    if found is None:
        return PartyStatus(party, "missing")
    if isinstance(found, RecordError):
        return PartyStatus(party, "missing", problem=str(found))
    problem = record_problem(found, agreement, party.id)
    if problem:
        return PartyStatus(party, "missing", problem=problem)
    return PartyStatus(party, "signed" if found.digest == digest else "stale", found)


def record_problem(record: SignOff, agreement: Agreement, party_id: str) -> str | None:
    """Why a well-formed record still does not count for this party of this agreement."""
    rel = record_rel(party_id)
    if record.party != party_id:
        return f"{rel} noemt partij {record.party}, niet {party_id}."
    if record.agreement != agreement.id:
        return f"{rel} hoort bij de overeenkomst {record.agreement}, niet bij {agreement.id}."
    return None

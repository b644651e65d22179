"""What the trust rule found: per record, per key, per party, and for the agreement."""

from __future__ import annotations

from dataclasses import dataclass

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.json_value import JsonObject
from rechtmakers.model import Party
from rechtmakers.signoff.evidence import TrustedKey
from rechtmakers.signoff.kinds import KeyKind, PartyState, ProofKind
from rechtmakers.signoff.records import SignOff


@dataclass(frozen=True)
class KeyState:
    """One key of a party: whether it counts, and why (Dutch)."""

    party_id: str
    email: str
    fingerprint: str
    kind: KeyKind
    trusted: bool
    source: str
    listed: bool  # in partijen.yaml at HEAD

    def as_dict(self) -> JsonObject:
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

    def as_dict(self) -> JsonObject:
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
    root: dict[str, str] | None = None  # the first commit that holds the agreement
    authority: tuple[dict[str, str], ...] = ()  # changes of authority that do not count
    anchor_blobs: tuple[tuple[str, str], ...] = ()  # vertrouwd/<name> and blob that count

    @property
    def complete(self) -> bool:
        return bool(self.parties) and all(p.state is PartyState.SIGNED for p in self.parties)

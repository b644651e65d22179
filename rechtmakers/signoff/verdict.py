"""The party verdict: signed, partial, stale, invalid or missing, from its records."""

from __future__ import annotations

from rechtmakers.model import Party
from rechtmakers.signoff.evidence import TrustedKey
from rechtmakers.signoff.kinds import PartyState, ProofKind
from rechtmakers.signoff.report import KeyState, PartyTrust, RecordCheck


def party_state(party: Party, checks: list[RecordCheck], keys: tuple[KeyState, ...],
                digest: str, notes: list[str] | None = None,
                trusted: tuple[TrustedKey, ...] = ()) -> PartyTrust:
    """The party's state for digest; party is the party as its authority counts."""
    needed = party.signers_needed
    signers = distinct_signers(checks, digest)
    state = _state(signers, needed, checks, digest)
    extra = [*(notes or []), *(c.reason for c in checks if not c.counts and c.reason)]
    if state is PartyState.PARTIAL:
        extra.insert(0, f"{len(signers)} van {needed} ondertekenaars")
    reason = "; ".join(extra) if extra else None
    return PartyTrust(party, state, needed, signers, tuple(checks), keys, reason, trusted)


_OWN_KEY = frozenset({ProofKind.SSH_COMMIT, ProofKind.GPG_COMMIT, ProofKind.SSH_DETACHED})


def distinct_signers(checks: list[RecordCheck], digest: str) -> tuple[RecordCheck, ...]:
    """The counting records for digest, one per representative and one per key: a person
    who holds two representatives' keys still signs once."""
    by_email: dict[str, RecordCheck] = {}
    keys: set[str] = set()
    for check in checks:
        if not (check.counts and check.record and check.record.digest == digest):
            continue
        email = check.record.signer.email.casefold()
        own = check.key if check.kind in _OWN_KEY else None  # a PDF names its first signer
        if email in by_email or (own is not None and own in keys):
            continue
        by_email[email] = check
        if own is not None:
            keys.add(own)
    return tuple(by_email[k] for k in sorted(by_email))


def _state(signers: tuple[RecordCheck, ...], needed: int, checks: list[RecordCheck],
           digest: str) -> PartyState:
    if len(signers) >= needed:
        return PartyState.SIGNED
    if signers:
        return PartyState.PARTIAL
    if any(c.counts and c.record and c.record.digest != digest for c in checks):
        return PartyState.STALE
    return PartyState.INVALID if any(not c.counts for c in checks) else PartyState.MISSING

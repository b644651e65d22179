"""The party verdict: signed, partial, stale, invalid or missing, from its records."""

from __future__ import annotations

from rechtmakers.model import Party
from rechtmakers.signoff.evidence import TrustedKey
from rechtmakers.signoff.report import KeyState, PartyTrust, RecordCheck


def party_state(party: Party, checks: list[RecordCheck], keys: tuple[KeyState, ...],
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
        state = "signed"
    elif signers:
        state = "partial"
        reason = f"{len(signers)} van {needed} ondertekenaars"
    elif older:
        state = "stale"
    elif refused:
        state = "invalid"
    else:
        state = "missing"
    problems = [c.reason for c in refused if c.reason]
    extra = [*(notes or []), *problems]
    if extra and state != "signed":
        reason = "; ".join([reason, *extra] if reason else extra)
    elif extra:
        reason = "; ".join(extra)
    return PartyTrust(party, state, needed, signers, tuple(checks), keys, reason, trusted)

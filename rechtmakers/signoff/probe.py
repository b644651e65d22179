"""The trust rule as validate's rule G001 asks for it (checks.base.SignoffProbe).

Light to import: the trust rule itself is read only when a rule asks (an agreement whose status
is vastgesteld), so `render` and `validate` of a draft do not pay for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.signoff.kinds import PartyState


def waiting_parties(agreement: CompleteAgreement, digest: str) -> Sequence[str]:
    """Each party that did not sign exactly this content, as "id (why, in Dutch)"."""
    from rechtmakers.signoff.trust import evaluate

    report = evaluate(agreement.root, agreement, digest)
    return [f"{p.party.id} ({p.state.words.waiting})" for p in report.parties
            if p.state is not PartyState.SIGNED]

"""Who may change authority: one change, judged against the trusted state at the parent.

- A party's representatives and `bevoegdheid` change with evidence of that party (one of its
  representatives) or of a beheerder; the agreement's penvoerder, `ondertekening`, beheerders
  and `vertrouwd/` only with a beheerder's evidence.
- Evidence is a good signature by a key that counts, or, for someone without a key that
  counts, the commit's author identity (zonder cryptografisch bewijs; never where the
  agreement demands a key).
- Trust never grows along a chain: where a party's (or the beheerders') keys came in with
  cryptographic proof, only evidence with cryptographic proof changes them; a key that came in
  without it gives none.
- One person never meets joint authority alone: where a party needs two or more signers, a
  representative changes only her own entry (her own key, her name) and may raise what the
  party needs; everything else (adding or removing a representative, another's key, lowering
  `bevoegdheid`) takes a beheerder who is not a representative of that party.
"""

from __future__ import annotations

from dataclasses import dataclass

from rechtmakers.signoff.authority import (
    ADMIN,
    AUTHORITY,
    REP,
    FactKey,
    Grant,
    Proof,
    TrustedState,
    rep_key,
    strictness,
)
from rechtmakers.source_names import META_FILE


@dataclass(frozen=True)
class Evidence:
    """What a commit carries: its author and, for a good signature, the key that made it."""

    commit: str
    author: str  # e-mail address, casefolded
    fingerprints: tuple[str, ...] = ()  # of a good signature: the key (and its primary key)


@dataclass(frozen=True)
class Actor:
    """Someone the evidence proves, in the roles they have at the parent."""

    email: str
    proof: Proof  # CRYPTO or IDENTITY
    fingerprint: str | None
    parties: frozenset[str]
    admin: bool


def actors(state: TrustedState, evidence: Evidence) -> list[Actor]:
    """Everyone the commit's evidence proves, at the trusted state of its parent."""
    keyed: dict[str, Actor] = {}
    keyless: set[str] = set()
    admins = state.admins()
    for key, fact in state.facts.items():
        if key[0] not in (REP, ADMIN) or fact.value is None or fact.blocked:
            continue
        email = key[2] if key[0] == REP else key[1]
        found = rep_key(fact)
        if found is None:
            keyless.add(email)
        elif found[1] in evidence.fingerprints and email not in keyed:
            proof = Proof.CRYPTO if fact.grant.proof.cryptographic else Proof.IDENTITY
            keyed[email] = Actor(email, proof, found[1], _parties(state, email),
                                 email in admins)
    found_actors = list(keyed.values())
    author = evidence.author
    has_key = any(rep_key(f) for k, f in state.facts.items()
                  if k[0] in (REP, ADMIN) and (k[2] if k[0] == REP else k[1]) == author
                  and f.value is not None)
    if not found_actors and author in keyless and not has_key and not state.demands_key():
        found_actors.append(Actor(author, Proof.IDENTITY, None, _parties(state, author),
                                  author in admins))
    return found_actors


def _parties(state: TrustedState, email: str) -> frozenset[str]:
    return frozenset(k[1] for k, f in state.facts.items()
                     if k[0] == REP and k[2] == email and f.value is not None and not f.blocked)


def authorise(state: TrustedState, key: FactKey, old: str | None, new: str | None,
              evidence: Evidence, found: list[Actor]) -> Grant | str:
    """The grant for this change when the evidence authorises it, else why not (Dutch)."""
    if key[0] in (REP, AUTHORITY):
        return _party_change(state, key, old, new, evidence, found)
    return _wide_change(state, evidence, found)


def _party_change(state: TrustedState, key: FactKey, old: str | None, new: str | None,
                  evidence: Evidence, found: list[Actor]) -> Grant | str:
    party = key[1]
    reps = state.reps(party)
    joint = state.needed(party) >= 2
    crypto = state.crypto_established(reps)
    why = _nobody(evidence, f"van {party} of van een beheerder")
    for actor in found:
        allowed = _may(actor, key, old, new, party, joint, bool(reps))
        if allowed is not True:
            why = allowed or why
            continue
        if crypto and not actor.proof.cryptographic:
            why = (f"de sleutels van {party} kwamen met cryptografisch bewijs; bewijs zonder "
                   "dat (een git-identiteit, of een sleutel die zonder dat bewijs is "
                   "ingevoerd) verandert ze niet")
            continue
        return Grant(evidence.commit, actor.email, actor.proof, actor.fingerprint, party)
    return why


def _may(actor: Actor, key: FactKey, old: str | None, new: str | None, party: str,
         joint: bool, exists: bool) -> bool | str:
    """True when this actor may make this change to the party; else a reason or ''."""
    member = party in actor.parties
    if not joint:
        return member or actor.admin
    own = key[0] == REP and key[2] == actor.email and old is not None and new is not None
    raise_only = key[0] == AUTHORITY and strictness(new) >= strictness(old)
    if member and (own or raise_only):
        return True
    if actor.admin and not member:
        return True
    if member:
        return (f"{party} tekent gezamenlijk; zo'n wijziging door {actor.email}, een eigen "
                "vertegenwoordiger, vraagt een beheerder die zelf geen vertegenwoordiger van "
                f"{party} is")
    return "" if exists else f"{party} is nieuw; een nieuwe partij voert een beheerder in"


def _wide_change(state: TrustedState, evidence: Evidence, found: list[Actor]) -> Grant | str:
    admins = state.admins()
    crypto = state.crypto_established(admins)
    why = _nobody(evidence, "van een beheerder (de vertegenwoordigers van de penvoerder, of "
                  f"de beheerders in {META_FILE})")
    for actor in found:
        if not actor.admin:
            continue
        if crypto and not actor.proof.cryptographic:
            why = ("de sleutels van de beheerders kwamen met cryptografisch bewijs; bewijs "
                   "zonder dat verandert het gezag over de overeenkomst niet")
            continue
        return Grant(evidence.commit, actor.email, actor.proof, actor.fingerprint, "")
    return why


def _nobody(evidence: Evidence, whose: str) -> str:
    signed = ("ondertekend met een sleutel die daar niet telt" if evidence.fingerprints
              else "niet ondertekend")
    return (f"de commit is {signed}, en de auteur {evidence.author or '(onbekend)'} geeft geen "
            f"bewijs {whose}")

"""Authority as facts: who represents a party (names, e-mails, keys, basis), `bevoegdheid`, the
penvoerder, the administrators, `ondertekening` and the certificates in `vertrouwd/`.

One version of the authority files is a View: a flat map from a fact's key to its value, so
that two versions compare fact by fact. The trusted state (TrustedState) holds, per fact, the
value that counts and the Grant that made it count: the root, or a commit with evidence judged
at its parent. What did not count is kept as a Rejection (which commit, what, why).
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from rechtmakers.model import Party
from rechtmakers.signoff.keys import ParsedKey, parse_key_text
from rechtmakers.source_names import TRUST_DIR

FactKey = tuple[str, ...]
REP, AUTHORITY, LEAD, EVIDENCE, ADMIN, ANCHOR = ("rep", "bevoegdheid", "penvoerder", "bewijs",
                                                 "beheerder", "anker")


class Proof(enum.Enum):
    """How a fact came to count, with its Dutch words."""

    ROOT = "uit de wortel van vertrouwen"
    CRYPTO = "met cryptografisch bewijs"
    IDENTITY = "zonder cryptografisch bewijs"

    @property
    def cryptographic(self) -> bool:
        return self is not Proof.IDENTITY


@dataclass(frozen=True)
class Grant:
    """Why a fact counts: the commit, the person and (for a signature) the key that made it."""

    commit: str
    by: str  # e-mail address, casefolded
    proof: Proof
    fingerprint: str | None = None
    scope: str = ""  # the party whose authority the evidence came from, or "" for beheer

    def describe(self) -> str:
        if self.proof is Proof.ROOT:
            return f"in de wortel (commit {self.commit[:12]})"
        how = (f"ondertekend met de sleutel van {self.by}" if self.fingerprint
               else f"door {self.by}, zonder cryptografisch bewijs")
        return f"ingevoerd in commit {self.commit[:12]}, {how}"


@dataclass(frozen=True)
class Fact:
    """The value that counts for one fact (None: removed), and its grant. blocked: changed
    differently on two branches; a beheerder must decide (it authorises and signs nothing)."""

    value: str | None
    grant: Grant
    blocked: bool = False


@dataclass(frozen=True)
class Rejection:
    """A change of authority that does not count."""

    commit: str
    scope: str  # party id, or "" for the agreement as a whole
    what: str
    why: str
    key: FactKey = ()

    def text(self) -> str:
        return f"commit {self.commit[:12]} {self.what}; telt niet: {self.why}"

    def as_dict(self) -> dict[str, str]:
        return {"commit": self.commit, "partij": self.scope, "wat": self.what,
                "waarom": self.why}


View = Mapping[FactKey, str]


@dataclass(frozen=True)
class TrustedState:
    """The authority that counts at one commit, the last readable view and what was refused."""

    facts: Mapping[FactKey, Fact]
    view: View
    root: str
    root_author: str
    rejections: tuple[Rejection, ...] = ()
    skipped: tuple[str, ...] = ()  # commits whose authority files could not be read

    def value(self, key: FactKey) -> str | None:
        fact = self.facts.get(key)
        return fact.value if fact else None

    def reps(self, party_id: str) -> dict[str, Fact]:
        """e-mail → fact of each representative of the party that counts."""
        return {k[2]: f for k, f in self.facts.items()
                if k[0] == REP and k[1] == party_id and f.value is not None}

    def lead(self) -> str:
        return self.value((LEAD,)) or ""

    def admins(self) -> dict[str, Fact]:
        """The administrators: the penvoerder's representatives and the beheerders named in
        overeenkomst.yaml."""
        named = {k[1]: f for k, f in self.facts.items() if k[0] == ADMIN and f.value is not None}
        return {**self.reps(self.lead()), **named}

    def demands_key(self) -> bool:
        return self.value((EVIDENCE,)) == "sleutel"

    def needed(self, party_id: str) -> int:
        return needed(self.value((AUTHORITY, party_id)), len(self.reps(party_id)))

    def crypto_established(self, facts: Mapping[str, Fact]) -> bool:
        """Whether any key among these facts came in with cryptographic proof."""
        return any(rep_key(f) is not None and f.grant.proof.cryptographic and not f.blocked
                   for f in facts.values())


def needed(authority: str | None, count: int) -> int:
    """How many distinct representatives must sign, from a `bevoegdheid` value."""
    if authority in (None, "alleen"):
        return 1
    if authority == "gezamenlijk":
        return max(count, 1)
    try:
        return max(1, min(int(authority), count))
    except ValueError:
        return max(count, 1)


def strictness(authority: str | None) -> int:
    """A `bevoegdheid` value's weight: the stricter value wins a dispute."""
    if authority in (None, "alleen"):
        return 1
    if authority == "gezamenlijk":
        return 1_000_000
    return int(authority) if authority.isdigit() else 1_000_000


# --- values ---------------------------------------------------------------------------------

def rep_value(representative: BaseModel) -> str:
    """A representative as one comparable value: every field, keyed by its YAML name."""
    data = representative.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def rep_key(fact: Fact) -> ParsedKey | None:
    """(kind, fingerprint, public) of the key in a representative's or beheerder's fact."""
    if fact.blocked or fact.value is None:
        return None
    return _key_in(fact.value)


@functools.lru_cache(maxsize=4096)
def _key_in(value: str) -> ParsedKey | None:
    data = json.loads(value)
    key = data.get("sleutel") if isinstance(data, dict) else None
    return parse_key_text(key) if isinstance(key, str) else None


def authority_value(party: Party) -> str:
    authority = party.authority
    return authority if isinstance(authority, str) else str(authority.joint)


def fact_name(key: FactKey) -> str:
    """A fact's name in Dutch."""
    names = {REP: "de vertegenwoordigers van", AUTHORITY: "de bevoegdheid van",
             ADMIN: "de beheerder", ANCHOR: f"{TRUST_DIR}/"}
    if key[0] in names:
        return f"{names[key[0]]} {key[1]}".replace("/ ", "/")
    return "de penvoerder" if key[0] == LEAD else "ondertekening: bewijs"


def describe_change(key: FactKey, old: str | None, new: str | None) -> str:
    """What a change did, in Dutch."""
    verb = "voegde toe" if old is None else "haalde weg" if new is None else "wijzigde"
    if key[0] == REP:
        return f"{verb}: vertegenwoordiger {key[2]} van {key[1]}"
    if key[0] == AUTHORITY:
        return f"{verb}: bevoegdheid van {key[1]} ({old or 'alleen'} → {new or 'alleen'})"
    if key[0] == ADMIN:
        return f"{verb}: beheerder {key[1]}"
    if key[0] == ANCHOR:
        return f"{verb}: {TRUST_DIR}/{key[1]}"
    if key[0] == LEAD:
        return f"{verb}: penvoerder ({old or '-'} → {new or '-'})"
    return f"{verb}: ondertekening: bewijs ({old or 'git'} → {new or 'git'})"

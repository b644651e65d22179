"""The authority that counts at HEAD, as the record rule asks for it: per party the
representatives, their keys and `bevoegdheid`; for the agreement its demanded evidence and
trust anchors; what did not count, and the root."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from rechtmakers.model import Authority, JointAuthority, Party, Representative
from rechtmakers.signoff.authority import ANCHOR, AUTHORITY, Fact, Rejection, TrustedState, rep_key
from rechtmakers.signoff.evidence import TrustedKey
from rechtmakers.signoff.keys import parse_key
from rechtmakers.signoff.kinds import KeyKind
from rechtmakers.signoff.lineage import Walk
from rechtmakers.signoff.report import KeyState
from rechtmakers.source_names import PARTIES_FILE


@dataclass(frozen=True)
class Root:
    """The first commit that holds the agreement: its authority is the root of trust."""

    commit: str
    author: str

    def as_dict(self) -> dict[str, str]:
        return {"commit": self.commit, "author": self.author}


class TrustedAuthority:
    """The trusted state at HEAD, and the authority files as HEAD lists them."""

    def __init__(self, walk: Walk, listed: Mapping[str, Party]) -> None:
        self.state: TrustedState | None = walk.state
        self.roots = tuple(Root(c, a) for c, a in walk.roots)
        self.listed = listed

    @property
    def root(self) -> Root | None:
        state = self.state
        return Root(state.root, state.root_author) if state else None

    def party(self, listed: Party) -> Party:
        """The party as it counts: its trusted representatives and bevoegdheid."""
        state = self.state
        if state is None:
            return listed.model_copy(update={"representatives": ()})
        reps = tuple(_representative(f) for _, f in sorted(state.reps(listed.id).items()))
        value = state.value((AUTHORITY, listed.id)) or "alleen"
        authority: Authority = (value if value in ("alleen", "gezamenlijk")  # type: ignore[assignment]
                                else JointAuthority.model_validate({"gezamenlijk": int(value)}))
        return listed.model_copy(update={"representatives": reps, "authority": authority})

    def blocked(self, party_id: str, email: str) -> bool:
        state = self.state
        fact = state.reps(party_id).get(email.casefold()) if state else None
        return bool(fact and fact.blocked)

    def keys_of(self, party_id: str, email: str | None = None) -> tuple[TrustedKey, ...]:
        state = self.state
        if state is None:
            return ()
        found = []
        for mail, fact in sorted(state.reps(party_id).items()):
            key = rep_key(fact)
            if key and (email is None or mail == email.casefold()):
                found.append(TrustedKey(mail, key[0], key[1], key[2], fact.grant.describe()))
        return tuple(found)

    def _listed_keys(self, party_id: str) -> dict[tuple[str, str], KeyKind]:
        party = self.listed.get(party_id)
        found: dict[tuple[str, str], KeyKind] = {}
        for rep in party.representatives if party else ():
            key = parse_key(rep)
            if key is not None:
                found[(rep.email.casefold(), key.fingerprint)] = key.kind
        return found

    def has_key(self, party_id: str, email: str) -> bool:
        """Whether this representative has a key: one that counts, or one listed now."""
        mail = email.casefold()
        return bool(self.keys_of(party_id, email)) or any(
            m == mail for m, _ in self._listed_keys(party_id)) or self.blocked(party_id, mail)

    def party_has_keys(self, party_id: str) -> bool:
        return bool(self.keys_of(party_id)) or bool(self._listed_keys(party_id))

    def states(self, party_id: str) -> tuple[KeyState, ...]:
        listed = self._listed_keys(party_id)
        trusted = {(k.email, k.fingerprint): k for k in self.keys_of(party_id)}
        out = [KeyState(party_id, k.email, k.fingerprint, k.kind, True, k.source,
                        kid in listed) for kid, k in sorted(trusted.items())]
        out += [KeyState(party_id, kid[0], kid[1], kind, False, self._why(party_id, kid[0]),
                         True) for kid, kind in sorted(listed.items()) if kid not in trusted]
        return tuple(out)

    def _why(self, party_id: str, email: str) -> str:
        """Why a key listed at HEAD does not count: the last change of it that did not."""
        found = [r for r in self.rejections(party_id) if r.key == ("rep", party_id, email)]
        if not found:
            return (f"staat in {PARTIES_FILE}, maar geen commit met gezag voerde hem in; telt "
                    "niet")
        last = found[-1]
        return f"ingevoerd in commit {last.commit[:12]}; telt niet: {last.why}"

    def rejections(self, scope: str) -> tuple[Rejection, ...]:
        state = self.state
        return tuple(r for r in state.rejections if r.scope == scope) if state else ()

    def notes(self, party_id: str) -> list[str]:
        return [r.text() for r in self.rejections(party_id)]

    def skipped(self) -> tuple[str, ...]:
        return self.state.skipped if self.state else ()

    def demands_key(self) -> bool:
        return bool(self.state and self.state.demands_key())

    def anchor_blobs(self) -> dict[str, str]:
        """vertrouwd/<name> → blob id of each certificate file that counts."""
        state = self.state
        if state is None:
            return {}
        return {k[1]: f.value for k, f in state.facts.items()
                if k[0] == ANCHOR and f.value is not None and not f.blocked}

    def lead(self) -> str:
        return self.state.lead() if self.state else ""


def _representative(fact: Fact) -> Representative:
    data = json.loads(fact.value or "{}")
    if fact.blocked:
        data.pop("sleutel", None)
    return Representative.model_validate(data)

"""The words of sign-off: a party's state under the trust rule and the kind of evidence a
sign-off has, as enums carrying their Dutch words (one table each, every member in it).

The values are the English words of the JSON output and the records (`soort:`), so a member
compares equal to its string: `state == "signed"`, `ProofKind("pdf")`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class StateWords(NamedTuple):
    label: str  # the status table: "verouderd"
    summary: str  # "N partijen tekenden deze inhoud; 1 gedeeltelijk, 2 een eerdere"
    waiting: str  # validate G001: "de-schoor (tekende nog niet)"
    short: str  # vaststellen and the review page: "ggd-flevoland (nog niet)"
    standing: str  # the review page's "wie tekende": "tekende een eerdere versie"


class PartyState(StrEnum):
    """A party under the trust rule: signed this content, partly, an earlier content, only with
    records that do not count, or not at all."""

    SIGNED = "signed"
    PARTIAL = "partial"
    STALE = "stale"
    INVALID = "invalid"
    MISSING = "missing"

    @property
    def words(self) -> StateWords:
        return _STATE_WORDS[self]


_STATE_WORDS: dict[PartyState, StateWords] = {
    PartyState.SIGNED: StateWords("getekend", "getekend", "getekend", "getekend", "getekend"),
    PartyState.PARTIAL: StateWords("gedeeltelijk", "gedeeltelijk", "gedeeltelijk getekend",
                                   "gedeeltelijk", "gedeeltelijk getekend"),
    PartyState.STALE: StateWords("verouderd", "een eerdere", "tekende een eerdere inhoud",
                                 "tekende een eerdere versie", "tekende een eerdere versie"),
    PartyState.INVALID: StateWords("telt niet", "met een ondertekening die niet telt",
                                   "ondertekening telt niet", "ondertekening telt niet",
                                   "ondertekening telt (nog) niet"),
    PartyState.MISSING: StateWords("ontbreekt", "nog niet", "tekende nog niet", "nog niet",
                                 "nog niet getekend"),
}


class ProofWords(NamedTuple):
    cli: str  # status and verify: "SSH-ondertekende commit"
    document: str  # the rendered agreement: "met een SSH-sleutel ondertekende commit"


class ProofKind(StrEnum):
    """What a sign-off that counts rests on: the signer's git identity, a signed commit, a
    detached SSH signature under the approval statement, or a signed PDF."""

    GIT = "git"
    SSH_COMMIT = "ssh-commit"
    GPG_COMMIT = "gpg-commit"
    SSH_DETACHED = "ssh-detached"
    PDF = "pdf"

    @property
    def words(self) -> ProofWords:
        return _PROOF_WORDS[self]

    @property
    def cryptographic(self) -> bool:
        return self is not ProofKind.GIT

    @classmethod
    def named(cls, kind: str | None) -> ProofKind | None:
        """The kind a record or plugin names; None for none or one rechtmakers does not know
        (such a record is refused, and says so in its reason)."""
        try:
            return cls(kind) if kind is not None else None
        except ValueError:
            return None


_PROOF_WORDS: dict[ProofKind, ProofWords] = {
    ProofKind.GIT: ProofWords("git-identiteit, zonder cryptografisch bewijs",
                              "vastgelegd in git, zonder cryptografisch bewijs"),
    ProofKind.SSH_COMMIT: ProofWords("SSH-ondertekende commit",
                                     "met een SSH-sleutel ondertekende commit"),
    ProofKind.GPG_COMMIT: ProofWords("GPG-ondertekende commit",
                                     "met een GPG-sleutel ondertekende commit"),
    ProofKind.SSH_DETACHED: ProofWords("SSH-handtekening onder de akkoordverklaring",
                                       "SSH-handtekening onder de akkoordverklaring"),
    ProofKind.PDF: ProofWords("ondertekende PDF", "ondertekende PDF"),
}

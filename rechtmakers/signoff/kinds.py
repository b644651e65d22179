"""The words of sign-off: a party's state under the trust rule, the kind of evidence a
sign-off has, the kind of detached evidence a record names and the kind of a representative's
key, as enums carrying their Dutch words (one table each, every member in it).

The values are the English words of the JSON output and the records (`soort:`), so a member
is written as its string: `state == "signed"` in JSON, `soort: pdf` in a record. Text from a
file becomes a member only through `DetachedKind.parse` (a Dutch refusal for a kind
rechtmakers does not know); a key's kind only through `signoff.keys.parse_key_text`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple, assert_never


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

    @property
    def by_certificate(self) -> bool:
        """Whether the key of such a sign-off is a certificate's subject (a signed PDF), not a
        key's fingerprint."""
        return self is ProofKind.PDF


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


class KeyKind(StrEnum):
    """The kind of a representative's `sleutel` in partijen.yaml, as the JSON output names it.
    A commit signed with it is evidence of the kind in `commit_proof` (whose Dutch words the
    status and the documents show)."""

    SSH = "ssh"
    GPG = "gpg"

    @property
    def commit_proof(self) -> ProofKind:
        return _COMMIT_PROOF[self]


_COMMIT_PROOF: dict[KeyKind, ProofKind] = {
    KeyKind.SSH: ProofKind.SSH_COMMIT,
    KeyKind.GPG: ProofKind.GPG_COMMIT,
}


class UnknownKind(ValueError):
    """A record names a kind of evidence rechtmakers does not know; the message is Dutch."""


class DetachedKind(StrEnum):
    """Detached evidence beside a record (`bewijs: {soort: …}`): a signature under the approval
    statement, or a signed PDF. Its Dutch words are those of its `proof`."""

    SSH_DETACHED = "ssh-detached"
    PDF = "pdf"

    @property
    def proof(self) -> ProofKind:
        return _DETACHED_PROOF[self]

    @property
    def words(self) -> ProofWords:
        return self.proof.words

    @property
    def needs_anchors(self) -> bool:
        """Whether this kind verifies certificates against the agreement's trust anchors."""
        match self:
            case DetachedKind.PDF:
                return True
            case DetachedKind.SSH_DETACHED:
                return False
            case _:
                assert_never(self)

    @classmethod
    def parse(cls, text: str) -> DetachedKind:
        """The kind a record names (`soort:`), or UnknownKind with a Dutch reason."""
        try:
            return cls(text)
        except ValueError:
            known = " of ".join(kind.value for kind in cls)
            raise UnknownKind(f"onbekende soort bewijs: {text} (rechtmakers kent {known})"
                              ) from None


class ReviewKind(StrEnum):
    """What the review page asks, by the status of the agreement; the value is its Dutch word
    (the page's heading)."""

    APPROVAL = "ter goedkeuring"
    DISCUSSION = "ter bespreking"
    SEALED = "vastgesteld"


_DETACHED_PROOF: dict[DetachedKind, ProofKind] = {
    DetachedKind.SSH_DETACHED: ProofKind.SSH_DETACHED,
    DetachedKind.PDF: ProofKind.PDF,
}

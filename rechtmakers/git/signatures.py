"""Commit signatures: what git says about them, and a signed commit split into the payload and
its signature.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rechtmakers.git import repo as gitrepo
from rechtmakers.git.repo import Repo

__all__ = ["Signature", "SignatureState", "signatures", "split_signed_commit"]


class SignatureState(StrEnum):
    """What git says of a commit's signature: the letter of `git log --format=%G?`."""

    GOOD = "G"
    GOOD_UNKNOWN_VALIDITY = "U"  # good, by a key of unknown validity (GPG's web of trust)
    BAD = "B"
    EXPIRED_SIGNATURE = "X"
    EXPIRED_KEY = "Y"
    REVOKED_KEY = "R"
    NOT_CHECKABLE = "E"  # the key or the program is missing
    UNSIGNED = "N"
    UNDOCUMENTED = "?"  # a letter git does not document: never good

    @classmethod
    def of(cls, letter: str) -> SignatureState:
        try:
            return cls(letter)
        except ValueError:
            return cls.UNDOCUMENTED

    @property
    def good(self) -> bool:
        return self in (SignatureState.GOOD, SignatureState.GOOD_UNKNOWN_VALIDITY)


@dataclass(frozen=True)
class Signature:
    """What git says about a commit's signature: its state, and who signed with which key.
    letter is the state as git printed it (it differs from state's value only for
    UNDOCUMENTED)."""

    state: SignatureState
    signer: str
    key: str
    fingerprint: str
    primary_fingerprint: str
    letter: str = ""

    @property
    def good(self) -> bool:
        return self.state.good


def signatures(repo: Repo, commits: Iterable[str], allowed_signers: Path) -> dict[str, Signature]:
    """The signature of each commit, checked by git in one `git log` process: SSH signatures
    against the allowed-signers file, GPG signatures against the user's keyring."""
    wanted = list(dict.fromkeys(commits))
    if not wanted:
        return {}
    fmt = "%x1e%H%x1f%G?%x1f%GS%x1f%GK%x1f%GF%x1f%GP"
    out = gitrepo.run(repo, "-c", f"gpg.ssh.allowedSignersFile={allowed_signers}", "log",
                      "--no-walk=unsorted", f"--format={fmt}", *wanted, "--")
    found: dict[str, Signature] = {}
    for chunk in out.decode("utf-8", "replace").split("\x1e"):
        fields = chunk.strip("\n").split("\x1f")
        if len(fields) == 6:
            sha, letter, signer, key, fingerprint, primary = fields
            found[sha] = Signature(SignatureState.of(letter), signer, key, fingerprint,
                                   primary, letter)
    return found


def split_signed_commit(raw: bytes) -> tuple[bytes, bytes | None]:
    """A commit object as (the payload its signature covers, the signature), the way git
    reads it: the gpgsig header and its continuation lines are the signature, the rest is
    signed. (None for an unsigned commit; ValueError for a signature of a SHA-256 repository,
    which only git reads.)"""
    header, sep, message = raw.partition(b"\n\n")
    if b"\ngpgsig-sha256 " in header:
        raise ValueError("a SHA-256 repository's signature: let git check it")
    kept: list[bytes] = []
    signature: list[bytes] = []
    in_signature = False
    for line in header.split(b"\n"):
        if line.startswith(b"gpgsig ") and not signature:
            in_signature = True
            signature.append(line[len(b"gpgsig "):])
        elif in_signature and line.startswith(b" "):
            signature.append(line[1:])
        else:
            in_signature = False
            kept.append(line)
    if not signature:
        return raw, None
    return b"\n".join(kept) + sep + message, b"\n".join(signature) + b"\n"

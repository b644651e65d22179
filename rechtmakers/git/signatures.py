"""Commit signatures: what git says about them, and a signed commit split into the payload and
its signature.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.git import repo as gitrepo
from rechtmakers.git.repo import Repo

__all__ = ["Signature", "signatures", "split_signed_commit"]


@dataclass(frozen=True)
class Signature:
    """What git says about a commit's signature (see `git log --format=%G?`).

    state: G good, U good but of unknown validity, B bad, X/Y expired signature/key,
    R revoked key, E cannot be checked (missing key or program), N no signature.
    """

    state: str
    signer: str
    key: str
    fingerprint: str
    primary_fingerprint: str

    @property
    def good(self) -> bool:
        return self.state in ("G", "U")


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
            found[fields[0]] = Signature(*fields[1:])
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

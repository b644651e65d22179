"""Representatives' keys from partijen.yaml: SSH public keys and GPG fingerprints."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from rechtmakers.model import Party, Representative

_SSH_TYPES = re.compile(r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+@openssh\.com)$")
_GPG = re.compile(r"^(0x)?[0-9A-Fa-f]{40}$|^(0x)?[0-9A-Fa-f]{64}$")


@dataclass(frozen=True)
class Key:
    """One representative's key, as git reports it: an SSH "SHA256:…" or a GPG fingerprint."""

    representative: Representative
    kind: str  # "ssh" or "gpg"
    fingerprint: str
    public: str = ""  # "keytype base64" for SSH keys


def party_keys(party: Party) -> list[Key]:
    """Every usable key of the party's representatives; a sleutel we cannot read is skipped."""
    keys = []
    for representative in party.representatives:
        key = parse_key(representative)
        if key is not None:
            keys.append(key)
    return keys


def parse_key(representative: Representative) -> Key | None:
    found = parse_key_text(representative.key or "")
    return Key(representative, *found) if found else None


def parse_key_text(key: str) -> tuple[str, str, str] | None:
    """(kind, fingerprint, public) of a sleutel: an SSH public key or a GPG fingerprint."""
    text = key.strip()
    parts = text.split()
    if len(parts) >= 2 and _SSH_TYPES.match(parts[0]):
        try:
            blob = base64.b64decode(parts[1], validate=True)
        except (binascii.Error, ValueError):
            return None
        digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
        return "ssh", f"SHA256:{digest}", f"{parts[0]} {parts[1]}"
    compact = text.replace(" ", "")
    if _GPG.match(compact):
        return "gpg", compact.removeprefix("0x").upper(), ""
    return None


def allowed_signers(parties: list[Party]) -> str:
    """An allowed-signers file for `git verify-commit`: each SSH key with its owner's e-mail."""
    lines = []
    for party in parties:
        for key in party_keys(party):
            if key.kind == "ssh":
                lines.append(f'{key.representative.email} namespaces="git" {key.public}')
    return "\n".join(lines) + "\n"

"""Representatives' keys from partijen.yaml: SSH public keys and GPG fingerprints."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import NamedTuple

from rechtmakers.model import Representative
from rechtmakers.signoff.kinds import KeyKind

_SSH_TYPES = re.compile(r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+@openssh\.com)$")
_GPG = re.compile(r"^(0x)?[0-9A-Fa-f]{40}$|^(0x)?[0-9A-Fa-f]{64}$")


@dataclass(frozen=True)
class Key:
    """One representative's key, as git reports it: an SSH "SHA256:…" or a GPG fingerprint."""

    representative: Representative
    kind: KeyKind
    fingerprint: str
    public: str = ""  # "keytype base64" for SSH keys


class ParsedKey(NamedTuple):
    """A sleutel as read: its kind, the fingerprint git reports, and the public key."""

    kind: KeyKind
    fingerprint: str
    public: str  # "keytype base64" for SSH keys, "" for GPG


def parse_key(representative: Representative) -> Key | None:
    found = parse_key_text(representative.key or "")
    return Key(representative, *found) if found else None


def parse_key_text(key: str) -> ParsedKey | None:
    """(kind, fingerprint, public) of a sleutel: an SSH public key or a GPG fingerprint."""
    text = key.strip()
    parts = text.split()
    if len(parts) >= 2 and _SSH_TYPES.match(parts[0]):
        try:
            blob = base64.b64decode(parts[1], validate=True)
        except (binascii.Error, ValueError):
            return None
        digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
        return ParsedKey(KeyKind.SSH, f"SHA256:{digest}", f"{parts[0]} {parts[1]}")
    compact = text.replace(" ", "")
    if _GPG.match(compact):
        return ParsedKey(KeyKind.GPG, compact.removeprefix("0x").upper(), "")
    return None


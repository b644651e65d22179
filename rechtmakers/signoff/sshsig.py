"""SSH signatures (`ssh-keygen -Y sign`): read the armoured file, and verify it with
`ssh-keygen -Y verify` against one allowed signer. The only module that runs ssh-keygen."""

from __future__ import annotations

import base64
import binascii
import hashlib
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.errors import UsageError, os_reason

_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"
MAX_SIGNATURE_BYTES = 64 * 1024


@dataclass(frozen=True)
class SshSig:
    """What an SSH signature file says about itself (nothing here is verified yet)."""

    public: str  # "ssh-ed25519 AAAA…"
    fingerprint: str  # "SHA256:…"
    namespace: str
    reserved: bytes = b""
    hash_algorithm: str = ""
    signature: bytes = b""  # string(type) string(blob)


class SigError(ValueError):
    """The file is no SSH signature; the message is Dutch."""


def parse_sshsig(data: bytes) -> SshSig:
    """The public key and namespace inside an armoured SSH signature."""
    if len(data) > MAX_SIGNATURE_BYTES:
        raise SigError("het bestand is te groot voor een SSH-handtekening")
    text = data.decode("ascii", "replace").strip()
    if not text.startswith(_BEGIN) or not text.endswith(_END):
        raise SigError("het bestand is geen SSH-handtekening (-----BEGIN SSH SIGNATURE-----)")
    body = "".join(text[len(_BEGIN):-len(_END)].split())
    try:
        blob = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise SigError("de SSH-handtekening is beschadigd (geen geldige base64)") from None
    reader = _Reader(blob)
    if reader.take(6) != b"SSHSIG":
        raise SigError("de SSH-handtekening is beschadigd (geen SSHSIG)")
    reader.take(4)  # version
    key = reader.string()
    namespace = reader.string().decode("utf-8", "replace")
    reserved = reader.string()
    hash_algorithm = reader.string().decode("ascii", "replace")
    signature = reader.string()
    key_type = _Reader(key).string().decode("ascii", "replace")
    fingerprint = base64.b64encode(hashlib.sha256(key).digest()).decode().rstrip("=")
    return SshSig(f"{key_type} {base64.b64encode(key).decode()}", f"SHA256:{fingerprint}",
                  namespace, reserved, hash_algorithm, signature)


def verify_in_process(sig: SshSig, message: bytes, namespace: str) -> bool | None:
    """Check an Ed25519 SSH signature without starting ssh-keygen: True or False, or None
    when this process cannot (another key type, or no `cryptography`): ask ssh-keygen then.

    The signed data is, as OpenSSH's PROTOCOL.sshsig says: "SSHSIG", then as SSH strings
    the namespace, the reserved field, the hash algorithm and the hash of the message."""
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        return None
    kind, _, body = sig.public.partition(" ")
    if kind != "ssh-ed25519" or sig.namespace != namespace:
        return None if kind != "ssh-ed25519" else False
    hashes = {"sha512": hashlib.sha512, "sha256": hashlib.sha256}
    if sig.hash_algorithm not in hashes:
        return False
    try:
        key = _Reader(base64.b64decode(body))
        key.string()
        raw_key = key.string()
        blob = _Reader(sig.signature)
        if blob.string() != b"ssh-ed25519":
            return False
        raw_sig = blob.string()
        public = Ed25519PublicKey.from_public_bytes(raw_key)
    except (SigError, ValueError, binascii.Error):
        return False
    signed = b"SSHSIG" + b"".join(_ssh_string(part) for part in (
        namespace.encode(), sig.reserved, sig.hash_algorithm.encode(),
        hashes[sig.hash_algorithm](message).digest()))
    try:
        public.verify(raw_sig, signed)
    except InvalidSignature:
        return False
    return True


def _ssh_string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            raise SigError("de SSH-handtekening is beschadigd (te kort)")
        chunk = self.data[self.pos:self.pos + count]
        self.pos += count
        return chunk

    def string(self) -> bytes:
        return self.take(int.from_bytes(self.take(4), "big"))


def verify_sshsig(signature: bytes, message: bytes, principal: str, public: str,
                  namespace: str, *, in_process: bool = True) -> bool:
    """Whether signature is a good signature over message by the key public, in namespace
    (in this process for Ed25519 when allowed, otherwise with `ssh-keygen -Y verify`)."""
    if in_process:
        try:
            sig = parse_sshsig(signature)
        except SigError:
            return False
        if sig.public.split(" ")[:2] != public.split(" ")[:2]:
            return False
        quick = verify_in_process(sig, message, namespace)
        if quick is not None:
            return quick
    with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
        allowed = Path(tmp) / "allowed_signers"
        allowed.write_text(f'"{_quote(principal)}" namespaces="{namespace}" {public}\n',
                           encoding="utf-8")
        sig_file = Path(tmp) / "bewijs.sig"
        sig_file.write_bytes(signature)
        try:
            done = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I",
                                   principal, "-n", namespace, "-s", str(sig_file)], input=message,
                                  capture_output=True, check=False, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else "duurde te lang"
            raise UsageError(f"ssh-keygen is niet te starten ({reason}). Is OpenSSH "
                             "geïnstalleerd?") from exc
    return done.returncode == 0


def _quote(principal: str) -> str:
    return principal.replace('"', "").replace("\n", " ")

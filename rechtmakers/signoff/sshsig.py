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
    key_type = _Reader(key).string().decode("ascii", "replace")
    fingerprint = base64.b64encode(hashlib.sha256(key).digest()).decode().rstrip("=")
    return SshSig(f"{key_type} {base64.b64encode(key).decode()}", f"SHA256:{fingerprint}",
                  namespace)


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
                  namespace: str) -> bool:
    """Whether signature is a good signature over message by the key public, in namespace."""
    with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
        allowed = Path(tmp) / "allowed_signers"
        allowed.write_text(f'"{_quote(principal)}" namespaces="{namespace}" {public}\n',
                           encoding="utf-8")
        sig = Path(tmp) / "bewijs.sig"
        sig.write_bytes(signature)
        try:
            done = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I",
                                   principal, "-n", namespace, "-s", str(sig)], input=message,
                                  capture_output=True, check=False, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else "duurde te lang"
            raise UsageError(f"ssh-keygen is niet te starten ({reason}). Is OpenSSH "
                             "geïnstalleerd?") from exc
    return done.returncode == 0


def _quote(principal: str) -> str:
    return principal.replace('"', "").replace("\n", " ")

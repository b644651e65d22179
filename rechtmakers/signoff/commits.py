"""Which key signed a commit: signatures of many commits at once, and the allowed-signers file
git needs for SSH. Used by the key history, the records and the trust anchors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import assert_never

from rechtmakers.git import files as gitfiles
from rechtmakers.git import repo as gitrepo
from rechtmakers.git import signatures as gitsignatures
from rechtmakers.git.signatures import SignatureState
from rechtmakers.signoff.evidence import TrustedKey
from rechtmakers.signoff.kinds import KeyKind
from rechtmakers.signoff.sshsig import SigError, parse_sshsig, verify_in_process

KeyId = tuple[str, str]  # (e-mail address casefolded, fingerprint)


def commit_signatures(repo: gitrepo.Repo, commits: Sequence[str], allowed: Path
                      ) -> dict[str, gitsignatures.Signature]:
    """The signature of each commit: SSH Ed25519 signatures checked in this process (against
    the key inside the signature; the rule then asks whether that key counts), the rest by
    git in one batch (GPG against the keyring, SSH against the allowed-signers file)."""
    wanted = list(dict.fromkeys(commits))
    raw = gitfiles.read_blobs(repo, wanted)
    found: dict[str, gitsignatures.Signature] = {}
    rest: list[str] = []
    for sha in wanted:
        try:
            payload, signature = gitsignatures.split_signed_commit(raw.get(sha, b""))
        except ValueError:
            rest.append(sha)
            continue
        if signature is None:
            found[sha] = gitsignatures.Signature(SignatureState.UNSIGNED, "", "", "", "")
            continue
        if not signature.startswith(b"-----BEGIN SSH SIGNATURE-----"):
            rest.append(sha)
            continue
        try:
            sig = parse_sshsig(signature)
        except SigError:
            found[sha] = gitsignatures.Signature(SignatureState.BAD, "", "", "", "")
            continue
        good = verify_in_process(sig, payload, "git")
        if good is None:
            rest.append(sha)
        else:
            state = SignatureState.GOOD if good else SignatureState.BAD
            found[sha] = gitsignatures.Signature(state, "", sig.fingerprint,
                                           sig.fingerprint, "")
    if rest:
        found.update(gitsignatures.signatures(repo, rest, allowed))
    return found


def allowed_signers_text(keys: Mapping[KeyId, tuple[KeyKind, str]]) -> str:
    """git's allowed-signers file for the SSH keys among keys (GPG keys are in the keyring)."""
    lines = [f'"{mail}" namespaces="git" {public}' for (mail, _), (kind, public)
             in sorted(keys.items()) if kind is KeyKind.SSH and public]
    return "\n".join(lines) + "\n"


def fingerprints(signature: gitsignatures.Signature | None) -> tuple[str, ...]:
    """The fingerprints a good signature names (an SSH key; a GPG key and its primary), as
    keys.parse_key writes them."""
    if signature is None or not signature.good:
        return ()
    found = [signature.fingerprint, signature.fingerprint.upper(),
             signature.primary_fingerprint.upper()]
    return tuple(dict.fromkeys(f for f in found if f))


def signed_by(signature: gitsignatures.Signature | None, keys: Sequence[TrustedKey]
              ) -> TrustedKey | None:
    """The key among keys that made this good signature, or None."""
    if signature is None or not signature.good:
        return None
    return next((key for key in keys if _made(key, signature)), None)


def _made(key: TrustedKey, signature: gitsignatures.Signature) -> bool:
    """Whether key made this good signature: an SSH key by its fingerprint, a GPG key by its
    own or its primary key's."""
    match key.kind:
        case KeyKind.SSH:
            return key.fingerprint == signature.fingerprint
        case KeyKind.GPG:
            return key.fingerprint in (signature.fingerprint.upper(),
                                       signature.primary_fingerprint.upper())
        case _:
            assert_never(key.kind)

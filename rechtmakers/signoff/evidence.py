"""Kinds of detached sign-off evidence, and one path to verify any of them.

A kind (a DetachedKind: `ssh-detached` here; `pdf` in signoff/pdf_evidence.py) verifies
evidence bytes against an EvidenceContext: the approval statement for one digest and party,
and the keys that count for that party (trusted from history by trust.py). Results are kept
by a hash of everything they depend on, so evidence is checked once. See
/work/notes/evidence-interface.md.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Protocol

from rechtmakers.cache import JsonCache
from rechtmakers.model import Party
from rechtmakers.signoff.kinds import DetachedKind, KeyKind
from rechtmakers.signoff.pdf_origin import Editions
from rechtmakers.signoff.sshsig import SigError, parse_sshsig, verify_sshsig
from rechtmakers.signoff.statement import NAMESPACE, statement_fields

CACHE_FILE = "bewijs-controles.json"
# The most evidence a sign-off may carry, read or committed: a PDF signed by every party's
# representatives is a few megabytes.
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
_CACHE_VERSION = "1"
_MAX_ENTRIES = 100_000


@dataclass(frozen=True)
class TrustedKey:
    """A key that counts for a party: whose it is, and where its trust comes from."""

    email: str
    kind: KeyKind
    fingerprint: str
    public: str = ""
    source: str = ""


@dataclass(frozen=True)
class EvidenceContext:
    """What evidence must be bound to: this statement (for this digest), by one of these keys."""

    agreement_id: str
    title: str
    version: str
    digest: str
    party: Party
    keys: tuple[TrustedKey, ...]
    statement: bytes
    anchors: tuple[bytes, ...] = ()  # DER certificates from vertrouwd/ at HEAD (PDF evidence)
    # digest → fresh signing editions of the version with that digest (PDF evidence); not part
    # of a cached result's key: a version's edition is fixed by its content.
    editions: Editions | None = field(default=None, compare=False)


@dataclass(frozen=True)
class EvidenceResult:
    """The outcome: ok with the representative whose key made it, or a Dutch reason."""

    ok: bool
    kind: DetachedKind
    signer_email: str | None = None
    key: str | None = None
    reason: str | None = None
    signed_digest: str | None = None
    signers: tuple[str, ...] = ()  # every representative it proves, when more than one can


class EvidenceKind(Protocol):
    """One kind of detached evidence."""

    kind: DetachedKind
    suffixes: tuple[str, ...]

    def verify(self, evidence: bytes, context: EvidenceContext) -> EvidenceResult: ...


_KINDS: dict[DetachedKind, EvidenceKind] = {}
_PLUGINS_LOADED: list[bool] = []


def register(kind: EvidenceKind) -> None:
    """Make a kind of evidence known (by its name and its file suffixes)."""
    _KINDS[kind.kind] = kind


def _load_plugins() -> None:
    if _PLUGINS_LOADED:
        return
    _PLUGINS_LOADED.append(True)
    try:
        importlib.import_module("rechtmakers.signoff.pdf_evidence")  # registers itself
    except ImportError:
        pass


def kind_named(kind: DetachedKind) -> EvidenceKind | None:
    """The verifier of this kind; None when its plugin could not be loaded."""
    _load_plugins()
    return _KINDS.get(kind)


def kind_for_file(name: str) -> EvidenceKind | None:
    """The kind that accepts a file with this name (by its suffix)."""
    _load_plugins()
    lowered = name.casefold()
    for kind in _KINDS.values():
        if any(lowered.endswith(suffix) for suffix in kind.suffixes):
            return kind
    return None


def known_suffixes() -> list[str]:
    _load_plugins()
    return sorted({suffix for kind in _KINDS.values() for suffix in kind.suffixes})


# The code a cached result depends on: a change to any of these files starts a fresh cache.
_SOURCES = ("model.py", "digest.py", "document/canonical.py", "document/clause.py",
            "document/tree.py", "load.py", "yaml_compose.py", "agreement.py", "annex_files.py",
            "signoff/evidence.py",
            "signoff/sshsig.py", "signoff/statement.py", "signoff/pdf_evidence.py",
            "signoff/pdf_signatures.py", "signoff/pdf_fields.py", "signoff/pdf_origin.py",
            "signoff/editions.py", "render/pdf.py", "render/pdfmeta.py", "render/pdflinks.py",
            "templates/overeenkomst.typ", "document/build.py", "document/labels.py")


class ResultCache(JsonCache):
    """Evidence results by a hash of kind, evidence, statement, digest and keys; thrown away
    when the code they depend on changes."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, CACHE_FILE, "controles", _SOURCES, max_entries=_MAX_ENTRIES,
                         salt=(_CACHE_VERSION,), sort_keys=True)

    @staticmethod
    def key(kind: DetachedKind, evidence: bytes, context: EvidenceContext) -> str:
        h = hashlib.sha256()
        for part in (kind.encode(), evidence, context.statement, context.digest.encode(),
                     context.party.id.encode(), b"".join(context.anchors),
                     "\n".join(r.email for r in context.party.representatives).encode(),
                     json.dumps([asdict(k) for k in context.keys], sort_keys=True).encode()):
            h.update(hashlib.sha256(part).digest())
        return h.hexdigest()

    def get(self, key: str) -> EvidenceResult | None:
        entry = self.entries.get(key)
        if not isinstance(entry, dict):
            return None
        kind = entry.get("kind")
        if not isinstance(kind, str) or kind not in _KIND_VALUES:
            return None  # not written by this version: checked afresh
        try:
            result = EvidenceResult(**entry)
        except TypeError:
            return None
        signers = result.signers
        return replace(result, kind=DetachedKind(kind),
                       signers=tuple(signers) if isinstance(signers, list) else signers)

    def put(self, key: str, result: EvidenceResult) -> None:
        self.entries[key] = asdict(result)
        self.dirty = True


_KIND_VALUES = frozenset(kind.value for kind in DetachedKind)


def verify_evidence(kind: DetachedKind, evidence: bytes, context: EvidenceContext,
                    cache: ResultCache | None = None) -> EvidenceResult:
    """Verify evidence of this kind (once: a cached result is reused)."""
    verifier = kind_named(kind)
    if verifier is None:
        return EvidenceResult(False, kind, reason=f"onbekende soort bewijs: {kind}.")
    key = ResultCache.key(kind, evidence, context) if cache is not None else ""
    if cache is not None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    result = verifier.verify(evidence, context)
    if cache is not None:
        cache.put(key, result)
    return result


class SshDetached:
    """`ssh-keygen -Y sign -n rechtmakers-akkoord` over the approval statement."""

    kind = DetachedKind.SSH_DETACHED
    suffixes: tuple[str, ...] = (".sig",)

    def verify(self, evidence: bytes, context: EvidenceContext) -> EvidenceResult:
        try:
            sig = parse_sshsig(evidence)
        except SigError as exc:
            return EvidenceResult(False, self.kind, reason=f"{exc}.")
        if sig.namespace != NAMESPACE:
            what = (" (een git-handtekening onder een commit is geen akkoord)"
                    if sig.namespace == "git" else "")
            return EvidenceResult(False, self.kind, reason=(
                f"de handtekening is gezet voor '{sig.namespace}', niet voor '{NAMESPACE}'"
                f"{what}. Teken de akkoordverklaring met -n {NAMESPACE}."))
        key = next((k for k in context.keys if k.kind is KeyKind.SSH
                    and k.fingerprint == sig.fingerprint), None)
        if key is None:
            return EvidenceResult(False, self.kind, key=sig.fingerprint, reason=(
                f"getekend met sleutel {sig.fingerprint}, die niet telt voor een "
                f"vertegenwoordiger van {context.party.name}."))
        if not verify_sshsig(evidence, context.statement, key.email, key.public, NAMESPACE):
            return EvidenceResult(False, self.kind, key.email, key.fingerprint, reason=(
                "de handtekening klopt niet met de akkoordverklaring voor versie "
                f"{context.version} (digest {context.digest[:12]}): beschadigd, of gezet "
                "onder een verklaring voor andere inhoud."))
        signed = statement_fields(context.statement).get("Digest")
        return EvidenceResult(True, self.kind, key.email, key.fingerprint, signed_digest=signed)


register(SshDetached())

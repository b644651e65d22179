"""A signed PDF as sign-off evidence: which PAdES signatures in it count for a party, and why not.

A signature counts for a party when pyHanko finds it intact over a whole revision; when that
signed revision names the current content digest in its metadata; when the PDF is our signing
edition of that version, with nothing but further signatures after it (pdf_origin.py); when
the certificate chains to a trust anchor of the agreement
(`vertrouwd/*.pem`) and was valid at signing time; and when the
certificate's e-mail address is that of one of the party's representatives.

Only the agreement's own anchors count, never the machine's store of website roots: the answer
must not depend on the computer that verifies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rechtmakers.cache import JsonCache
from rechtmakers.errors import AgreementError
from rechtmakers.model import Party, Representative
from rechtmakers.signoff.evidence import EvidenceContext, EvidenceResult, register
from rechtmakers.signoff.kinds import DetachedKind
from rechtmakers.signoff.pdf_origin import Edition, Editions, origin_problem
from rechtmakers.signoff.pdf_signatures import PdfUnreadable, SignatureFacts, SignedPdf
from rechtmakers.source_names import TRUST_DIR

CACHE_FILE = "pdf-bewijs.json"
_CERT_SUFFIXES = (".pem", ".crt", ".cer")
_CLOCK_SKEW = dt.timedelta(days=1)
_MAX_CACHE = 10_000
# The code the facts depend on: a change to either file starts a fresh cache.
_SOURCES = ("signoff/pdf_signatures.py", "signoff/pdf_evidence.py", "signoff/pdf_origin.py",
            "signoff/pdf_fields.py")
_OPEN: dict[str, SignedPdf] = {}
VersionOf = Callable[[str], str | None]  # content digest → the version that had it, if known
_UNKNOWN_ISSUER = ("NO_CERTIFICATE_CHAIN_FOUND", "CERTIFICATE_CHAIN_GENERAL_FAILURE", "")


@dataclass(frozen=True)
class SignatureCheck:
    """One signature judged for one party: the representative it belongs to, and what is wrong."""

    facts: SignatureFacts
    representative: Representative | None
    reasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.representative is not None and not self.reasons


@dataclass(frozen=True)
class PdfCheck:
    """A PDF judged for one party: every signature, and why it proves nothing if it does not."""

    sha256: str
    signatures: tuple[SignatureCheck, ...]
    reason: str | None
    signed_digest: str | None = None  # the digest a representative signed, if they all agree

    @property
    def ok(self) -> bool:
        return self.reason is None

    @property
    def accepted(self) -> tuple[SignatureCheck, ...]:
        return tuple(s for s in self.signatures if s.ok)


def check_pdf(data: bytes, digest: str, party: Party, anchors: Sequence[bytes], *,
              editions: Editions | None, cache: FactsCache | None = None,
              version_of: VersionOf | None = None, now: dt.datetime | None = None) -> PdfCheck:
    """Judge the PDF's signatures for party against the current content digest. editions gives
    the fresh signing editions of the version a digest names (pdf_origin): a signature counts
    only on our PDF of that version, with nothing but signatures after it. Without editions
    (no repository to render the version from) no signature counts."""
    sha = hashlib.sha256(data).hexdigest()
    facts = signature_facts(data, anchors, lambda f: _representative(f, party) is not None,
                            cache, sha)
    if isinstance(facts, str):
        return PdfCheck(sha, (), f"De PDF telt niet als bewijs: {facts}.")
    moment = now or dt.datetime.now(dt.UTC)
    checks = tuple(judge(f, digest, party, moment, version_of) for f in facts)
    origin = _Origin(data, editions)
    checks = tuple(origin.judge(c) if c.ok else c for c in checks)
    own = [c for c in checks if c.representative is not None]
    signed = {c.facts.digest for c in own if c.facts.digest}
    return PdfCheck(sha, checks, _refusal(checks, own, party),
                    signed.pop() if len(signed) == 1 else None)


class _Origin:
    """Whether the PDF is our PDF of the version a signature names: once per signed revision."""

    def __init__(self, data: bytes, editions: Editions | None) -> None:
        self.data, self.editions = data, editions
        self.found: dict[tuple[str, int], str | None] = {}
        self.made: dict[str, list[Edition]] = {}

    def judge(self, check: SignatureCheck) -> SignatureCheck:
        facts = check.facts
        if facts.digest is None:
            return check
        key = (facts.digest, facts.signed_end)
        if key not in self.found:
            self.found[key] = self._problem(facts.digest, facts.signed_end)
        problem = self.found[key]
        return replace(check, reasons=(problem,)) if problem else check

    def _problem(self, digest: str, signed_end: int) -> str | None:
        if self.editions is None:
            return ("de PDF is niet te vergelijken met de versie die hij noemt (daarvoor is de "
                    "repository nodig)")
        if digest not in self.made:
            self.made[digest] = list(self.editions(digest))
        return origin_problem(self.data, signed_end, self.made[digest])


def signature_facts(data: bytes, anchors: Sequence[bytes],
                    wanted: Callable[[SignatureFacts], bool], cache: FactsCache | None = None,
                    sha: str | None = None) -> list[SignatureFacts] | str:
    """Every signature's certificate, and the full check of the signatures wanted; from the
    cache where this PDF was read before with these anchors. A Dutch reason instead when the
    file is no readable PDF."""
    key = f"{sha or hashlib.sha256(data).hexdigest()}:{anchors_id(anchors)}"
    known = cache.get(key) if cache is not None and key in cache.entries else None
    if known is not None and (isinstance(known, str) or not _to_check(known, wanted)):
        return known
    facts: list[SignatureFacts] | str
    try:
        pdf = _open(data, key)
    except PdfUnreadable as exc:
        facts = str(exc)
    else:
        facts = list(known or pdf.signers())
        for i in _to_check(facts, wanted):
            if i in _to_check(facts, wanted):  # a good one of this signer may just have come
                facts[i] = pdf.check(i, anchors)
    if cache is not None:
        cache.put(key, facts)
    return facts


def _to_check(facts: Sequence[SignatureFacts], wanted: Callable[[SignatureFacts], bool]
              ) -> list[int]:
    """The signatures still to check: wanted, unchecked, and by a signer (e-mail addresses)
    without a good signature checked already. A PDF signed 100 times by one director needs one
    check, not 100: the work is bounded by the signers, not by the signatures."""
    good = {f.emails for f in facts if f.checked and not f.error and f.intact
            and f.covers_revision and f.trusted}
    return [i for i, f in enumerate(facts)
            if wanted(f) and not f.checked and f.emails not in good]


def _open(data: bytes, key: str) -> SignedPdf:
    """The PDF, kept open for the next party in this process: pyHanko's work on a PDF's
    revisions is shared by the checks of all its signatures."""
    pdf = _OPEN.get(key)
    if pdf is None or pdf.data != data:
        pdf = SignedPdf(data)
        _OPEN.clear()  # one PDF at a time: status reads them one after another
        _OPEN[key] = pdf
    return pdf


def judge(facts: SignatureFacts, digest: str, party: Party, now: dt.datetime,
          version_of: VersionOf | None = None) -> SignatureCheck:
    """Every reason why this one signature does not count for party (none: it counts)."""
    representative = _representative(facts, party)
    if facts.error:
        return SignatureCheck(facts, representative, (facts.error,))
    if representative is None:  # whatever else holds, it is no sign-off of this party
        return SignatureCheck(facts, None, (_person(facts, party),))
    broken = _integrity(facts)
    if broken:  # nothing else that the signature says can be believed
        return SignatureCheck(facts, representative, (broken,))
    reasons = [r for r in (_version(facts, digest, version_of), _time(facts, now),
                           _trust(facts)) if r]
    return SignatureCheck(facts, representative, tuple(reasons))


def _representative(facts: SignatureFacts, party: Party) -> Representative | None:
    for representative in party.representatives:
        if representative.email.strip().casefold() in facts.emails:
            return representative
    return None


def _integrity(facts: SignatureFacts) -> str | None:
    if not facts.intact:
        return ("de PDF is na het ondertekenen veranderd: de handtekening past niet meer bij "
                "de inhoud")
    if not facts.covers_revision:
        return "de handtekening dekt niet de hele ondertekende PDF"
    return None  # what came after the signature: pdf_origin, for the PDF as a whole


def _version(facts: SignatureFacts, digest: str,
             version_of: VersionOf | None) -> str | None:
    if facts.digests_found > 1:
        return "de ondertekende PDF noemt meer dan één digest in zijn metadata"
    if facts.digest is None:
        return ("de ondertekende PDF noemt geen digest (sha256:…) in zijn metadata: alleen een PDF "
                "van rechtmakers render --format pdf kan ondertekend worden")
    if facts.digest == digest:
        return None
    version = version_of(facts.digest) if version_of else None
    which = f"versie {version}" if version else "een versie die niet in de geschiedenis staat"
    return (f"de ondertekende PDF is van een andere inhoud: {which} (digest "
            f"{facts.digest[:12]}…), niet van de huidige (digest {digest[:12]}…). Laat de PDF "
            "van de huidige versie ondertekenen")


def _time(facts: SignatureFacts, now: dt.datetime) -> str | None:
    signed = _parse(facts.signing_time)
    if signed is None:
        return "de handtekening noemt geen tijdstip van ondertekenen"
    if signed > now + _CLOCK_SKEW:
        return f"het tijdstip van ondertekenen ({_date(signed)}) ligt in de toekomst"
    return None


def _trust(facts: SignatureFacts) -> str | None:
    signed, start, end = (_parse(facts.signing_time), _parse(facts.not_before),
                          _parse(facts.not_after))
    if facts.trusted or signed is None:
        return None
    if end is not None and signed > end:
        return (f"het certificaat was verlopen toen er getekend werd ({_date(signed)}; geldig "
                f"tot {_date(end)})")
    if start is not None and signed < start:
        return (f"het certificaat was nog niet geldig toen er getekend werd ({_date(signed)}; "
                f"geldig vanaf {_date(start)})")
    if facts.trust_problem == "REVOKED":
        return "het certificaat is ingetrokken"
    if facts.trust_problem in _UNKNOWN_ISSUER:
        return (f"het certificaat ({facts.subject}) komt niet van een uitgever die deze "
                f"overeenkomst vertrouwt (de certificaten in {TRUST_DIR}/)")
    return f"het certificaat is niet te vertrouwen ({facts.trust_problem})"


def _person(facts: SignatureFacts, party: Party) -> str:
    who = ", ".join(facts.emails) or "geen e-mailadres"
    allowed = ", ".join(r.email for r in party.representatives)
    return (f"het certificaat is van {facts.subject or 'onbekend'} ({who}), geen "
            f"vertegenwoordiger van {party.name}: alleen {allowed} mag namens deze partij "
            "tekenen (het e-mailadres in het certificaat telt, niet de naam)")


def _refusal(checks: Sequence[SignatureCheck], own: Sequence[SignatureCheck],
             party: Party) -> str | None:
    if any(c.ok for c in own):
        return None
    if not checks:
        return ("De PDF bevat geen handtekening. Laat een vertegenwoordiger van "
                f"{party.name} de PDF ondertekenen met zijn certificaat (PAdES).")
    if not own:
        reasons = "\n".join(f"  - {_signature_name(c)}: {c.reasons[-1]}" for c in checks)
        return (f"Geen handtekening in de PDF is van een vertegenwoordiger van {party.name}:\n"
                f"{reasons}")
    lines = "\n".join(f"  - {_signature_name(c)}: {'; '.join(c.reasons)}" for c in own)
    return f"De handtekening in de PDF telt niet voor {party.name}:\n{lines}"


def _signature_name(check: SignatureCheck) -> str:
    facts = check.facts
    who = check.representative.email if check.representative else ", ".join(facts.emails)
    return f"handtekening {facts.field or '?'} ({who or facts.subject or 'onbekend'})"


def _parse(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%d-%m-%Y %H:%M UTC")


# Trust anchors ---------------------------------------------------------------------------------

def trust_anchors(files: Mapping[str, bytes]) -> list[bytes]:
    """DER certificates from vertrouwd/*.pem (also .crt, .cer) of a {relative path: bytes} map,
    as git.files.files_at gives it; a file that holds no PEM certificate is refused."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    anchors: list[bytes] = []
    for rel in sorted(files):
        if not is_anchor_file(rel):
            continue
        try:
            certificates = x509.load_pem_x509_certificates(files[rel])
        except ValueError:
            raise AgreementError(f"{rel}: dit bestand bevat geen leesbaar certificaat in "
                                 "PEM-vorm (-----BEGIN CERTIFICATE-----).") from None
        anchors += [c.public_bytes(Encoding.DER) for c in certificates]
    return anchors


def is_anchor_file(rel: str) -> bool:
    """Whether rel (relative to the agreement) is a certificate file in vertrouwd/."""
    parts = rel.split("/")
    return len(parts) == 2 and parts[0] == TRUST_DIR and rel.lower().endswith(_CERT_SUFFIXES)


def anchors_id(anchors: Sequence[bytes]) -> str:
    """One id for a set of anchors: the facts of a PDF depend on which anchors were trusted."""
    return hashlib.sha256(b"".join(sorted(hashlib.sha256(a).digest() for a in anchors))
                          ).hexdigest()[:16]


# Cache -----------------------------------------------------------------------------------------

class FactsCache(JsonCache):
    """Signature facts by (PDF hash, anchors) in <git-dir>/rechtmakers/: a PDF is read once.

    A hash names exactly one file and the facts do not depend on the day they are read (the
    certificate is checked at signing time), so an entry never goes stale; the file is thrown
    away when rechtmakers changes. Losing it only costs time.
    """

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, CACHE_FILE, "pdf", _SOURCES, max_entries=_MAX_CACHE,
                         sort_keys=True)

    def get(self, key: str) -> list[SignatureFacts] | str:
        value = self.entries[key]
        if isinstance(value, str):
            return value
        return [SignatureFacts.from_dict(item) for item in value]

    def put(self, key: str, facts: list[SignatureFacts] | str) -> None:
        self.entries[key] = facts if isinstance(facts, str) else [f.as_dict() for f in facts]
        self.dirty = True


# Evidence kind ---------------------------------------------------------------------------------

class PdfEvidence:
    """`sign --bewijs ONDERTEKEND.pdf`: the rendered PDF, signed (PAdES) by a representative."""

    kind = DetachedKind.PDF
    suffixes: tuple[str, ...] = (".pdf",)

    def verify(self, evidence: bytes, context: EvidenceContext) -> EvidenceResult:
        """Bound to context.digest by the digest in the signed revision's metadata; the signer
        is the representative whose e-mail address the certificate carries."""
        check = check_pdf(evidence, context.digest, context.party, context.anchors,
                          editions=context.editions, cache=_MEMORY)
        if check.ok:
            signers = tuple(dict.fromkeys(s.representative.email for s in check.accepted
                                          if s.representative is not None))
            return EvidenceResult(True, self.kind, signers[0], check.accepted[0].facts.subject,
                                  signed_digest=check.signed_digest, signers=signers)
        own = [s for s in check.signatures if s.representative is not None]
        stale = bool(check.signed_digest and check.signed_digest != context.digest)
        if stale and own and own[0].representative is not None:
            # Named signer and key: sign looks up which version the PDF is of.
            return EvidenceResult(False, self.kind, own[0].representative.email,
                                  own[0].facts.subject, reason=_lower(check.reason),
                                  signed_digest=check.signed_digest)
        return EvidenceResult(False, self.kind, reason=_lower(check.reason),
                              signed_digest=check.signed_digest)


def _lower(reason: str | None) -> str:
    """A refusal as a clause after "Het bewijs telt niet: "."""
    text = reason or "de PDF telt niet als bewijs"
    return text[:1].lower() + text[1:]


_MEMORY = FactsCache(None)  # facts of the PDFs read in this process
register(PdfEvidence())

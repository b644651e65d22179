"""What the PAdES signatures in a PDF say, read with pyHanko: one set of plain facts each.

pyHanko does all the cryptography and PDF structure analysis; this module only asks it and
writes down the answers, so that they can be judged (pdf_evidence.py) and kept in a cache.
pyHanko is imported on first use: a warm `status` that finds every answer cached never pays
for it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Any
from xml.etree import ElementTree

from rechtmakers.signoff.pdf_fields import (
    FieldsUnreadable,
    FoundSignature,
    signature_fields,
    signer_certificate,
)

# pyHanko reports oddities of a PDF through logging; they are ours to judge, not to print.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False
# pyHanko 0.38 imports cryptography's DSA types, which cryptography 51 deprecates; we never use
# DSA, and a user must never see a Python warning. Named narrowly: only that message, only there.
warnings.filterwarnings(
    "ignore", message="DSA is deprecated", category=UserWarning, module=r"pyhanko\."
)

_DC = "{http://purl.org/dc/elements/1.1/}"
_PDF = "{http://ns.adobe.com/pdf/1.3/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_HEX = frozenset("0123456789abcdef")
# The most signatures a PDF may carry: every party's representatives, many times over.
MAX_SIGNATURES = 500
# The most XMP we read: a rendered agreement's metadata is a few kilobytes.
_MAX_XMP = 1 << 20


class PdfUnreadable(Exception):
    """The bytes are not a PDF that pyHanko can read; the message is Dutch."""


@dataclass(frozen=True)
class SignatureFacts:
    """One signature as pyHanko found it: no judgement, so it can be cached by the PDF's hash."""

    field: str
    checked: bool = False  # False: only the certificate was read, the signature not checked
    error: str = ""  # Dutch, when the signature could not be checked at all
    intact: bool = False  # the signed bytes are unchanged and the signature is genuine
    covers_revision: bool = False  # the signature covers a whole revision of the file
    modification: str = ""  # pyHanko's ModificationLevel, by name: "" (pdf_origin judges that)
    digest: str | None = None  # the content digest named in the signed revision's metadata
    digests_found: int = 0  # how many different digests that metadata named
    signing_time: str = ""  # ISO 8601, as the signer's software reports it
    trusted: bool = False  # the certificate chains to a trust anchor, valid at signing time
    trust_problem: str = ""  # pyHanko's AdES sub-indication when not trusted
    subject: str = ""
    emails: tuple[str, ...] = ()
    not_before: str = ""
    not_after: str = ""
    fingerprint: str = ""  # SHA-256 of the signer's certificate (DER), lower-case hex
    signed_end: int = 0  # where the signed revision ends: the file up to here was signed

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["emails"] = list(self.emails)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SignatureFacts:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["emails"] = tuple(values.get("emails", ()))
        return cls(**values)


class SignedPdf:
    """A PDF opened once: who signed it is cheap to read; checking a signature is not (the
    changes after it are compared object by object), so that is done only where asked."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._signers: list[SignatureFacts] | None = None
        self._reader: Any = None
        self._fields: dict[str, Any] = {}
        try:
            self.found = signature_fields(data)
        except FieldsUnreadable as exc:
            raise PdfUnreadable(f"het bestand is geen leesbare PDF ({exc})") from None
        if len(self.found) > MAX_SIGNATURES:
            raise PdfUnreadable(f"de PDF heeft {len(self.found)} handtekeningen; meer dan "
                                f"{MAX_SIGNATURES} neemt rechtmakers niet aan")

    @property
    def signatures(self) -> list[FoundSignature]:
        return self.found

    def signers(self) -> list[SignatureFacts]:
        """Per signature (document timestamps are none) its field and certificate, unchecked."""
        if self._signers is None:
            self._signers = self._read_signers()
        return self._signers

    def _read_signers(self) -> list[SignatureFacts]:
        found = []
        for signature in self.found:
            try:
                facts = certificate_facts(signer_certificate(signature.contents))
                found.append(SignatureFacts(field=signature.name, signed_end=signature.signed_end,
                                            **facts))
            except Exception as exc:  # no certificate to speak of
                found.append(SignatureFacts(field=signature.name, checked=True, error=(
                    f"de handtekening bevat geen leesbaar certificaat ({_short(exc)})")))
        return found

    def check(self, index: int, anchors: Sequence[bytes]) -> SignatureFacts:
        """All facts of one signature; anchors are DER certificates it must chain to. pyHanko
        reads and validates this one signature only."""
        from pyhanko.keys import load_certs_from_pemder_data

        unchecked = self.signers()[index]
        if unchecked.error:
            return unchecked
        roots = [cert for der in anchors for cert in load_certs_from_pemder_data(der)]
        try:
            return _check(self.data, self._embedded(self.found[index].name), roots, unchecked)
        except Exception as exc:  # a malformed signature is a refusal, never a traceback
            return replace(unchecked, checked=True, error=(
                f"de handtekening is niet te controleren ({_short(exc)})"))

    def _embedded(self, name: str) -> Any:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.fields import enumerate_sig_fields
        from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

        if self._reader is None:
            self._reader = PdfFileReader(io.BytesIO(self.data))
            # Once: every signature field by its full name, without reading its value.
            self._fields = {fq_name: field_ref for fq_name, _value, field_ref
                            in enumerate_sig_fields(self._reader)}
        if name not in self._fields:
            raise ValueError(f"pyHanko vindt het veld {name} niet")
        return EmbeddedPdfSignature(self._reader, self._fields[name], name)


def _check(data: bytes, signature: Any, roots: list[Any],
           unchecked: SignatureFacts) -> SignatureFacts:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    when = signature.self_reported_timestamp
    # The certificate must have been valid when it signed, not today: a director's
    # certificate may expire long before the agreement does.
    context = ValidationContext(trust_roots=roots, moment=when, allow_fetching=False,
                                revocation_mode="soft-fail")
    usage = KeyUsageConstraints(key_usage={"non_repudiation", "digital_signature"})
    # pyHanko checks the signature and what it covers; what came after it is judged by
    # pdf_origin (only signatures may follow), once per PDF: pyHanko's own comparison of every
    # later revision, for every signature, made a PDF of 120 signatures take minutes.
    status = validate_pdf_signature(signature, context, key_usage_settings=usage,
                                    skip_diff=True)
    covered = status.coverage in (SignatureCoverageLevel.ENTIRE_REVISION,
                                  SignatureCoverageLevel.ENTIRE_FILE)
    digests = revision_digests(_signed_revision(data, signature)) if covered else []
    level, problem = status.modification_level, status.trust_problem_indic
    return replace(
        unchecked,
        checked=True,
        intact=bool(status.intact and status.valid),
        covers_revision=covered,
        modification=level.name if level is not None else "",
        signed_end=_signed_end(signature),
        digest=digests[0] if len(digests) == 1 else None,
        digests_found=len(digests),
        signing_time=when.isoformat() if when is not None else "",
        trusted=bool(status.trusted) and when is not None,
        trust_problem=getattr(problem, "name", "") if not status.trusted else "",
    )


def certificate_facts(der: bytes) -> dict[str, Any]:
    """Subject, e-mail addresses (subject emailAddress and SAN rfc822Name) and validity."""
    from cryptography import x509
    from cryptography.x509.oid import ExtensionOID, NameOID

    cert = x509.load_der_x509_certificate(der)
    emails = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)]
    try:
        san = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
        if isinstance(san.value, x509.SubjectAlternativeName):
            emails += san.value.get_values_for_type(x509.RFC822Name)
    except x509.ExtensionNotFound:
        pass
    unique = sorted({e.strip().casefold() for e in emails if e.strip()})
    # In the order the certificate lists them, as PDF readers show it: CN first.
    subject = ", ".join(rdn.rfc4514_string({NameOID.EMAIL_ADDRESS: "E"})
                        for rdn in cert.subject.rdns)
    return {"subject": subject, "emails": tuple(unique),
            "not_before": cert.not_valid_before_utc.isoformat(),
            "not_after": cert.not_valid_after_utc.isoformat(),
            "fingerprint": hashlib.sha256(der).hexdigest()}


def _signed_revision(data: bytes, signature: Any) -> bytes:
    """The file exactly as it was signed: everything up to the end of the signed byte range."""
    return data[:_signed_end(signature)]


def _signed_end(signature: Any) -> int:
    _, _, start, length = (int(n) for n in signature.byte_range)
    return start + length


def revision_digests(revision: bytes) -> list[str]:
    """The content digests (hex) that a PDF names as `sha256:<digest>` in its metadata.

    Where rechtmakers puts it (issue 11): XMP dc:identifier, else a whole keyword of XMP
    pdf:Keywords or of the Info dictionary's /Keywords. A redline's `oud:sha256:…` keywords
    are no whole `sha256:` keyword, so a redline never passes for a version.
    """
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(revision)) as pdf:
            stream = pdf.Root.get("/Metadata")
            xmp = stream.read_bytes()[:_MAX_XMP] if isinstance(stream, pikepdf.Stream) else b""
            info = pdf.trailer.get("/Info")
            words = info.get("/Keywords") if info is not None else None
            keywords = str(words) if words is not None else ""
    except Exception:  # unreadable metadata names no digest; the judgement says so
        return []
    found = _xmp_digests(xmp) if xmp else ([], [])
    identifiers, xmp_keywords = found
    if identifiers:
        return sorted(set(identifiers))
    return sorted(set(xmp_keywords) | set(_keyword_digests(keywords)))


def _xmp_digests(xmp: bytes) -> tuple[list[str], list[str]]:
    """Digests in dc:identifier, and in pdf:Keywords (as element or as attribute)."""
    try:
        tree = ElementTree.fromstring(xmp.strip(b"\0 \r\n\t"))
    except ElementTree.ParseError:
        return [], []
    identifiers: list[str] = []
    keywords: list[str] = []
    for element in tree.iter():
        if element.tag == f"{_DC}identifier":
            identifiers += _digest_tokens(" ".join(element.itertext()))
        elif element.tag == f"{_PDF}Keywords":
            keywords += _keyword_digests(" ".join(element.itertext()))
        if element.tag == f"{_RDF}Description":
            identifiers += _digest_tokens(element.get(f"{_DC}identifier", ""))
            keywords += _keyword_digests(element.get(f"{_PDF}Keywords", ""))
    return identifiers, keywords


def _keyword_digests(keywords: str) -> list[str]:
    tokens = keywords.replace(";", ",").split(",")
    return [d for token in tokens for d in _digest_tokens(token)]


def _digest_tokens(text: str) -> list[str]:
    """[hex] when text is exactly one `sha256:<64 lower-case hex>`, else []."""
    value = text.strip()
    if value.startswith("sha256:") and len(value) == 71 and set(value[7:]) <= _HEX:
        return [value[7:]]
    return []


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "…"

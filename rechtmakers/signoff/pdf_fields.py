"""The signatures of a PDF found quickly: its signature fields read with pikepdf (a C++ parser).

pyHanko reads every signature of a file in pure Python, hex string by hex string: for a PDF of
120 signatures that alone took seconds. Here the fields are found once with pikepdf, the signer's
certificate is taken from each signature's CMS with asn1crypto, and pyHanko is asked to validate
only the signatures that matter (pdf_signatures.SignedPdf.check). Nothing here validates.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The signature kinds pyHanko validates as regular signatures; a document timestamp is none.
_SUBFILTERS = frozenset({"/adbe.pkcs7.detached", "/adbe.pkcs7.sha1", "/ETSI.CAdES.detached"})
_MAX_DEPTH = 16


class FieldsUnreadable(Exception):
    """No PDF pikepdf can read (the message is pikepdf's, short)."""


@dataclass(frozen=True)
class FoundSignature:
    """A filled signature field: its full name, the CMS bytes, and where its signed revision
    ends (signatures sort by it: the order they were made in)."""

    name: str
    contents: bytes
    signed_end: int


def signature_fields(data: bytes) -> list[FoundSignature]:
    """Every regular signature in the PDF's form, in the order they were made."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            form = pdf.Root.get("/AcroForm")
            fields = form.get("/Fields") if form is not None else None
            found = list(_walk(fields, "", set(), 0)) if fields is not None else []
    except pikepdf.PdfError as exc:
        raise FieldsUnreadable(" ".join(str(exc).split())[:160]) from None
    return sorted(found, key=lambda f: f.signed_end)


def _walk(fields: Any, prefix: str, seen: set[tuple[int, int]], depth: int
          ) -> Iterator[FoundSignature]:
    if depth > _MAX_DEPTH or not hasattr(fields, "__iter__"):
        return
    for item in fields:
        if not hasattr(item, "get"):
            continue
        if item.objgen != (0, 0):
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        title = str(item.get("/T", ""))
        name = f"{prefix}.{title}" if prefix and title else (title or prefix)
        kids = item.get("/Kids")
        if kids is not None and any(hasattr(k, "get") and "/T" in k for k in kids):
            yield from _walk(kids, name, seen, depth + 1)
            continue
        found = _signature(item, name)
        if found is not None:
            yield found


def _signature(item: Any, name: str) -> FoundSignature | None:
    value = item.get("/V")
    if str(item.get("/FT", "")) != "/Sig" or value is None or not hasattr(value, "get"):
        return None
    if str(value.get("/SubFilter", "")) not in _SUBFILTERS or "/Contents" not in value:
        return None
    byte_range = value.get("/ByteRange")
    try:
        start, length = int(byte_range[2]), int(byte_range[3])
    except (TypeError, IndexError, ValueError):
        return None
    return FoundSignature(name, bytes(value["/Contents"]), start + length)


def signer_certificate(contents: bytes) -> bytes:
    """The DER certificate of the signer of a CMS signature: the one its signer info names
    (ValueError when there is none)."""
    from asn1crypto import cms  # type: ignore[import-untyped]

    try:
        # The hex string is padded with zeros after the DER: strict=False ignores them (a DER
        # that itself ends in a zero byte must keep it).
        signed = cms.ContentInfo.load(contents, strict=False)["content"]
        info = signed["signer_infos"][0]
        sid = info["sid"]
        for choice in signed["certificates"] or []:
            cert = choice.chosen
            if choice.name != "certificate":
                continue
            if sid.name == "issuer_and_serial_number":
                # The serial first (an int), then the issuer as DER bytes: asn1crypto's own
                # comparison of names prepares every string and took seconds for 120 signatures.
                if (cert.serial_number == sid.chosen["serial_number"].native
                        and cert.issuer.dump() == sid.chosen["issuer"].dump()):
                    return bytes(cert.dump())
            elif cert.key_identifier == sid.chosen.native:
                return bytes(cert.dump())
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"geen leesbare handtekening ({type(exc).__name__})") from None
    raise ValueError("het certificaat van de ondertekenaar ontbreekt")

"""The PDF view: WeasyPrint from the HTML when installed, else LibreOffice from the DOCX.

Both engines stamp the time of the run into the PDF; those stamps are set to the agreement's
date (same length, so the cross-reference offsets stay valid) to keep the bytes stable.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rechtmakers.errors import UsageError
from rechtmakers.render.tree import Document

SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_TIMEOUT = 300
MISSING_ENGINE = (
    "Voor PDF is een PDF-programma nodig, maar er is er geen gevonden. Installeer WeasyPrint "
    "(pip install 'rechtmakers[pdf]') of LibreOffice (bijvoorbeeld: apt-get install "
    "libreoffice-writer, zodat het commando soffice werkt). Of laat pdf weg uit --format."
)


@dataclass(frozen=True)
class Engine:
    """A PDF engine: its name, the format it starts from, and the conversion."""

    name: str
    source: str
    run: Callable[[bytes, Document], bytes]

    def convert(self, data: bytes, document: Document) -> bytes:
        try:
            pdf = self.run(data, document)
        except UsageError:
            raise
        except Exception as exc:  # noqa: BLE001 — a failing engine is reported, not a traceback
            raise UsageError(f"{self.name} kon geen PDF maken ({type(exc).__name__}: {exc}). "
                             "Probeer het andere PDF-programma, of laat pdf weg uit --format."
                             ) from exc
        return stable_pdf(pdf, document)


def find_engine() -> Engine:
    """WeasyPrint if it imports, else LibreOffice if soffice is on PATH, else a usage error."""
    if _weasyprint() is not None:
        return Engine("WeasyPrint", "html", _weasyprint_pdf)
    soffice = next((found for name in SOFFICE_NAMES if (found := shutil.which(name))), None)
    if soffice:
        return Engine("LibreOffice", "docx", lambda data, doc: _libreoffice_pdf(soffice, data))
    raise UsageError(MISSING_ENGINE)


def _weasyprint() -> Any:
    try:
        weasyprint = importlib.import_module("weasyprint")
    except (ImportError, OSError):  # OSError: installed, but its system libraries are missing
        return None
    return weasyprint


def _weasyprint_pdf(html: bytes, document: Document) -> bytes:
    weasyprint = _weasyprint()
    identifier = hashlib.sha256(html).hexdigest()[:32].encode("ascii")
    pdf: bytes = weasyprint.HTML(string=html.decode("utf-8")).write_pdf(
        pdf_identifier=identifier)
    return pdf


def _libreoffice_pdf(soffice: str, docx: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="rechtmakers-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx)
        profile = (folder / "profiel").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False,
                           env={**os.environ, "HOME": str(folder)})
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UsageError(f"LibreOffice kon geen PDF maken: {exc}.") from exc
        result = folder / "document.pdf"
        if not result.is_file():
            raise UsageError("LibreOffice kon geen PDF maken (soffice --convert-to pdf gaf geen "
                             "bestand). Controleer de installatie van LibreOffice.")
        return result.read_bytes()


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:[0-9+\-Z']+)\)")
_XMP_DATE = re.compile(rb"<(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)>([^<]+)</\1>")
_UUID = re.compile(rb"uuid:[0-9a-fA-F-]{36}")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def stable_pdf(pdf: bytes, document: Document) -> bytes:
    """Run-dependent stamps replaced by values from the document, each of the same length."""
    day = document.date.replace("-", "")
    seed = hashlib.sha256(f"{document.digest} {document.edition}".encode()).hexdigest()

    def pdf_date(match: re.Match[bytes]) -> bytes:
        value = _fit(f"D:{day}000000+00'00'".encode(), len(match.group(2)))
        return b"/%s(%s)" % (match.group(1), value)

    def xmp_date(match: re.Match[bytes]) -> bytes:
        value = _fit(f"{document.date}T00:00:00+00:00".encode(), len(match.group(2)))
        return b"<%s>%s</%s>" % (match.group(1), value, match.group(1))

    def uuid(match: re.Match[bytes]) -> bytes:
        hexed = seed[:32]
        return f"uuid:{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}" \
            .encode()

    def pdf_id(match: re.Match[bytes]) -> bytes:
        first = seed[:len(match.group(1))].upper().encode()
        return match.group(0).replace(match.group(1), first).replace(match.group(2), first)

    def checksum(match: re.Match[bytes]) -> bytes:
        return match.group(0).replace(match.group(1), seed[-len(match.group(1)):].upper().encode())

    for pattern, replace in ((_PDF_DATE, pdf_date), (_XMP_DATE, xmp_date), (_UUID, uuid),
                             (_ID, pdf_id), (_CHECKSUM, checksum)):
        pdf = pattern.sub(replace, pdf)
    return pdf


def _fit(value: bytes, length: int) -> bytes:
    """value cut or padded with spaces to length, so that byte offsets do not move."""
    return value[:length].ljust(length, b" ")

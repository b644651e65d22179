"""A returned DOCX opened with care: a regular file of bounded size, its core properties and
footers read (the digest, the edition, the redline marker) before its body is parsed."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from rechtmakers.errors import UsageError, os_reason

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DIGEST = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")
_FOOTER = re.compile(r"word/footer\d{1,3}\.xml")
MAX_PART = 50_000_000  # bytes of one unpacked part we are willing to read
REDLINE_CATEGORY = "rechtmakers-vergelijking"  # diff --format docx sets it, and this footer
REDLINE_FOOTER = "WIJZIGINGEN — NIET TER ONDERTEKENING"
MAX_FILE = 100_000_000  # bytes of a DOCX we are willing to read
_MAX_FOOTER = 1_000_000


def read_file(path: Path) -> bytes:
    """The bytes of a DOCX file: only a regular file, at most MAX_FILE bytes read."""
    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UsageError(f"{path} is geen gewoon bestand. Geef het DOCX-bestand zelf.")
            data = handle.read(MAX_FILE + 1)
    except OSError as exc:
        raise UsageError(f"{path} is niet te lezen ({os_reason(exc)}).") from None
    if len(data) > MAX_FILE:
        raise UsageError(f"{path} is groter dan {MAX_FILE // 1_000_000} MB; zo groot is een "
                         "review van een overeenkomst niet.")
    return data


@dataclass
class Package:
    """A DOCX opened, its properties read; the body is parsed only when asked (read_review)."""

    name: str
    zip: zipfile.ZipFile
    properties: dict[str, str]

    @property
    def digest(self) -> str | None:
        """The digest rechtmakers wrote in the properties (identifier, else the description)."""
        ident = self.properties.get("identifier", "")
        if ident.startswith("sha256:") and _DIGEST.fullmatch(ident[7:]):
            return ident[7:]
        found = _DIGEST.search(self.properties.get("description", "")[:10_000])
        return found.group() if found else None

    @property
    def is_redline(self) -> bool:
        """Made by `diff --format docx`: its category says so, or its footer does."""
        if self.properties.get("category") == REDLINE_CATEGORY:
            return True
        footers = [n for n in self.zip.namelist() if _FOOTER.fullmatch(n)][:50]
        return any(REDLINE_FOOTER in _text_of(optional_part(self.zip, n, _MAX_FOOTER))
                   for n in footers)


def open_docx(data: bytes, name: str) -> Package:
    """The package and its core properties; UsageError (exit 2) when it is not a DOCX."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
        package.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UsageError(f"{name} is geen DOCX-bestand (een Word-document). Sla het in Word op "
                         "als .docx en probeer het opnieuw.") from exc
    return Package(name, package, _properties(package))


class XmlError(Exception):
    pass


def parse_xml(data: bytes) -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise XmlError(str(exc)) from None


def read_part(package: zipfile.ZipFile, name: str, limit: int = MAX_PART) -> bytes:
    """One part, never more than limit bytes unpacked (whatever its header claims)."""
    info = package.getinfo(name)
    if info.file_size > limit:
        raise ValueError("te groot")
    with package.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError("te groot")
    return data


def optional_part(package: zipfile.ZipFile, name: str, limit: int = MAX_PART) -> bytes | None:
    try:
        return read_part(package, name, limit)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile):
        return None


def _text_of(part: bytes | None) -> str:
    """The words of a small part such as a footer; "" when it cannot be read."""
    if part is None:
        return ""
    try:
        root = parse_xml(part)
    except XmlError:
        return ""
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


def _properties(package: zipfile.ZipFile) -> dict[str, str]:
    core = optional_part(package, "docProps/core.xml")
    if core is None:
        return {}
    try:
        root = parse_xml(core)
    except XmlError:
        return {}
    wanted = {f"{_DC}identifier": "identifier", f"{_DC}description": "description",
              f"{_CP}keywords": "keywords", f"{_CP}category": "category",
              f"{_CP}version": "version", f"{_DC}title": "title",
              f"{_CP}lastModifiedBy": "last_modified_by"}
    return {wanted[child.tag]: (child.text or "").strip() for child in root
            if child.tag in wanted}

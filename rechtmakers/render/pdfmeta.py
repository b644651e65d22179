"""The version's digest in the PDF's XMP metadata as dc:identifier, written into Typst's output.

Typst writes the title, language, keywords and dates into XMP but has no field for an
identifier. A signed PDF is matched to its version by `dc:identifier` = `sha256:<digest>`, so
it is added here: into the uncompressed XMP stream after dc:title, with the stream's /Length,
the cross-reference offsets behind it and startxref moved by the bytes added. Dublin Core is
one of the schemas PDF/A predefines, so the file stays PDF/A without an extension schema.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from rechtmakers.errors import UsageError

_METADATA = re.compile(rb"\n(\d{1,10}) 0 obj\n<</Length (\d{1,10})/Type/Metadata/Subtype/XML>>"
                       rb"\nstream\n")
_STARTXREF = re.compile(rb"startxref\n(\d{1,10})\n%%EOF\s*\Z")
_SUBSECTION = re.compile(rb"(\d{1,10}) (\d{1,10})\r?\n")
ENTRY = 20
UNEXPECTED = ("De PDF van Typst heeft een onverwachte vorm (XMP-metadata of kruisverwijzingen), "
              "dus de digest kan er niet in. Gebruik de Typst-versie uit pyproject.toml.")


def add_identifier(pdf: bytes, identifier: str) -> bytes:
    """pdf with <dc:identifier>identifier</dc:identifier> in its XMP; offsets kept valid."""
    found = list(_METADATA.finditer(pdf))
    if len(found) != 1:
        raise UsageError(UNEXPECTED)
    match = found[0]
    length = int(match.group(2))
    start = match.end()
    anchor = pdf.find(b"</dc:title>", start, start + length)
    if anchor < 0:
        raise UsageError(UNEXPECTED)
    anchor += len(b"</dc:title>")
    added = f"<dc:identifier>{escape(identifier)}</dc:identifier>".encode()
    head = pdf[:match.start(2)] + str(length + len(added)).encode() + pdf[match.end(2):anchor]
    shift = len(head) + len(added) - anchor
    result = head + added + pdf[anchor:]
    return _move_xref(result, after=match.start(2), shift=shift)


def _move_xref(pdf: bytes, *, after: int, shift: int) -> bytes:
    """The cross-reference table and startxref with every offset beyond after moved by shift."""
    tail = _STARTXREF.search(pdf, max(0, len(pdf) - 64))
    if tail is None:
        raise UsageError(UNEXPECTED)
    xref = int(tail.group(1))
    xref_at = xref + shift if xref > after else xref
    if pdf[xref_at:xref_at + 5] != b"xref\n":
        raise UsageError(UNEXPECTED)
    table = bytearray(pdf[xref_at:tail.start()])
    pos = 5
    while not table.startswith(b"trailer", pos):
        sub = _SUBSECTION.match(table, pos)
        if sub is None:
            raise UsageError(UNEXPECTED)
        pos = sub.end()
        for _ in range(int(sub.group(2))):
            entry = table[pos:pos + ENTRY]
            offset = int(entry[:10])
            if entry[17:18] == b"n" and offset > after:
                table[pos:pos + 10] = b"%010d" % (offset + shift)
            pos += ENTRY
    return (pdf[:xref_at] + bytes(table) + pdf[tail.start():tail.start(1)] + b"%d" % xref_at
            + pdf[tail.end(1):])

"""Hostile reviews built from a real rendered DOCX (its properties, so its digest, kept): used by
the tests and by benchmarks/bench_inlezen_hostile.py."""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def replace_parts(docx: bytes, parts: dict[str, bytes]) -> bytes:
    """The package with these parts replaced or added (comments wired in when added)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    names = source.namelist()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            data = parts.get(name, source.read(name))
            if name == "[Content_Types].xml" and "word/comments.xml" in parts:
                data = data.replace(b"</Types>", f'<Override PartName="/word/comments.xml" '
                                    f'ContentType="{_COMMENTS_TYPE}"/></Types>'.encode())
            if name == "word/_rels/document.xml.rels" and "word/comments.xml" in parts:
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdOpm" '
                                    f'Type="{_COMMENTS_REL}" Target="comments.xml"/>'
                                    "</Relationships>".encode())
            target.writestr(name, data)
        for name, data in parts.items():
            if name not in names:
                target.writestr(name, data)
    return out.getvalue()


def many_long_comments(docx: bytes, comments: int = 10_000, span: int = 1_000_000) -> bytes:
    """comments comments, each over the same paragraph of span characters."""
    starts = "".join(f'<w:commentRangeStart w:id="{i}"/>' for i in range(comments))
    ends = "".join(f'<w:commentRangeEnd w:id="{i}"/>' for i in range(comments))
    body = (f'<w:document xmlns:w="{W_NS}"><w:body><w:p>{starts}<w:r><w:t>{"a" * span}</w:t>'
            f"</w:r>{ends}</w:p></w:body></w:document>")
    notes = "".join(f'<w:comment w:id="{i}" w:author="Iemand" w:date="2026-03-01T10:00:00Z">'
                    f"<w:p><w:r><w:t>Opmerking {i}</w:t></w:r></w:p></w:comment>"
                    for i in range(comments))
    return replace_parts(docx, {
        "word/document.xml": body.encode(),
        "word/comments.xml": f'<w:comments xmlns:w="{W_NS}">{notes}</w:comments>'.encode()})


def many_empty_paragraphs(docx: bytes, count: int = 5_000_000) -> bytes:
    body = f'<w:document xmlns:w="{W_NS}"><w:body>' + "<w:p/>" * count + "</w:body></w:document>"
    return replace_parts(docx, {"word/document.xml": body.encode()})


def without_digest(docx: bytes, paragraphs: int = 5_000_000) -> bytes:
    """A stranger's document: no digest in its properties, and a body not worth parsing."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    core = source.read("docProps/core.xml").decode()
    start, end = core.index("<dc:identifier>"), core.index("</dc:identifier>")
    core = core[:start] + core[end + len("</dc:identifier>"):]
    start, end = core.index("<dc:description>"), core.index("</dc:description>")
    core = core[:start] + core[end + len("</dc:description>"):]
    return replace_parts(many_empty_paragraphs(docx, paragraphs),
                         {"docProps/core.xml": core.encode()})

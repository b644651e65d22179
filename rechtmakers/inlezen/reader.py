"""A returned DOCX read as text: tracked changes accepted, bookmarks, comments and who did what.

Insertions (w:ins, w:moveTo) count as present, deletions (w:del, w:moveFrom) as absent, and a
paragraph whose mark was deleted runs on into the next one, as "accept all" would make it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import Any

from rechtmakers.errors import UsageError
from rechtmakers.inlezen.package import (
    Package,
    W,
    XmlError,
    open_docx,
    optional_part,
    parse_xml,
    read_part,
)

MAX_ELEMENTS = 4_000_000  # tags in the body: counted before it is parsed
MAX_PARAS = 400_000
MAX_COMMENTS = 20_000
MAX_QUOTE = 2_000  # characters of commented text kept per comment
MAX_COMMENT = 20_000  # characters of a comment's own text

_SKIP = frozenset(f"{W}{tag}" for tag in ("pPr", "rPr", "instrText", "delText", "txbxContent",
                                          "drawing", "pict", "object", "footnoteReference",
                                          "endnoteReference", "sdtPr", "sdtEndPr", "tblPr",
                                          "trPr", "tcPr", "tblGrid"))
_GONE = frozenset((f"{W}del", f"{W}moveFrom"))
_ADDED = frozenset((f"{W}ins", f"{W}moveTo"))
_BREAKS = frozenset((f"{W}br", f"{W}cr"))
_T, _TAB, _NB_HYPHEN = f"{W}t", f"{W}tab", f"{W}noBreakHyphen"
_BOOKMARK, _COMMENT_START = f"{W}bookmarkStart", f"{W}commentRangeStart"
_COMMENT_END, _COMMENT_REFERENCE = f"{W}commentRangeEnd", f"{W}commentReference"
_MARKERS = frozenset((_BOOKMARK, _COMMENT_START, _COMMENT_END, _COMMENT_REFERENCE))
# Descendants that need the careful walk: deleted text, and text that is not the paragraph's.
_INVOLVED = (f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{W}drawing", f"{W}pict",
             f"{W}object", f"{W}sdtPr", f"{W}instrText", f"{W}footnoteReference",
             f"{W}endnoteReference")
_WANTED = (_T, _TAB, f"{W}br", f"{W}cr", _NB_HYPHEN, f"{W}ins", f"{W}moveTo", *_MARKERS)
_FIELD_CHAR, _INSTRUCTION = f"{W}fldChar", f"{W}instrText"
_SDT_GALLERY = f"{W}sdtPr/{W}docPartObj/{W}docPartGallery"
_CONTAINERS = frozenset((f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent",
                         f"{W}customXml", f"{W}smartTag"))


@dataclass
class Para:
    """One paragraph as it reads with all changes accepted."""

    text: str
    bookmarks: list[str] = field(default_factory=list)
    authors: list[tuple[str, str]] = field(default_factory=list)  # (author, date) of changes
    contents: bool = False  # an entry of a table of contents (a TOC field's result)


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    date: str
    text: str
    para: int  # the paragraph where the commented text starts
    quote: str


@dataclass
class Review:
    """What a DOCX holds for us: its properties, paragraphs and comments."""

    properties: dict[str, str]
    paras: list[Para]
    comments: list[Comment]


def read_review(data: bytes | Package, name: str = "") -> Review:
    """The review in a DOCX (its bytes, or the package opened); UsageError (exit 2) when it
    is not a DOCX or larger than a review can be."""
    package = data if isinstance(data, Package) else open_docx(data, name)
    name = package.name
    try:
        document = read_part(package.zip, "word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UsageError(f"{name} is geen DOCX-bestand (een Word-document), of de tekst is "
                         "groter dan een review kan zijn.") from exc
    if document.count(b"<") > MAX_ELEMENTS:
        limit = f"{MAX_ELEMENTS:,}".replace(",", ".")
        raise UsageError(f"{name} is te groot voor een review: meer dan {limit} XML-elementen "
                         "in de tekst.")
    comments_xml = optional_part(package.zip, "word/comments.xml")
    try:
        root = parse_xml(document)
        reader = _BodyReader()
        body = root.find(f"{W}body")
        if body is not None:
            reader.container(body)
        reader.finish()
        notes = _comment_texts(parse_xml(comments_xml)) if comments_xml else {}
    except XmlError as exc:
        raise UsageError(f"{name} is geen geldig DOCX-bestand: de tekst is niet te lezen "
                         f"({exc}).") from exc
    except _TooLarge as exc:
        raise UsageError(f"{name} is te groot voor een review: meer dan {exc}.") from exc
    return Review(package.properties, reader.paras, reader.comments(notes))


def read_body_xml(body_xml: str) -> list[Para]:
    """The paragraphs of body XML as the renderer writes it (for the base version)."""
    root = parse_xml(('<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                   'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships">{body_xml}</w:body>').encode())
    reader = _BodyReader()
    reader.container(root)
    reader.finish()
    return reader.paras


class _TooLarge(Exception):
    """What there is more of than a review can hold: "400.000 alinea's"."""


def _comment_texts(root: Any) -> dict[str, tuple[str, str, str]]:
    """Comment id → (author, date, text)."""
    notes: dict[str, tuple[str, str, str]] = {}
    for comment in root.iter(f"{W}comment"):
        if len(notes) >= MAX_COMMENTS:
            raise _TooLarge(f"{MAX_COMMENTS:,} opmerkingen".replace(",", "."))
        paras = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")]
        date = comment.get(f"{W}date", "")
        notes[comment.get(f"{W}id", "")] = (comment.get(f"{W}author", ""),
                                            "" if date.startswith("0-") else date,
                                            "\n".join(paras).strip()[:MAX_COMMENT])
    return notes


class _BodyReader:
    """Walks the body once, building paragraphs and noting where comments start and end."""

    def __init__(self) -> None:
        self.paras: list[Para] = []
        self.parts: list[str] = []
        self.current = Para("")
        self.offset = 0  # characters in finished paragraphs, one separator each
        self.length = 0  # characters in self.parts
        self.starts: dict[str, tuple[int, int]] = {}  # comment id → (paragraph, global offset)
        self.ends: dict[str, int] = {}
        self.texts: list[str] = []
        self.fields: list[str] = []  # instructions of the fields open here, innermost last
        self.contents_block = 0  # depth of content controls that hold a table of contents

    def container(self, element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}sdt":
                gallery = child.find(_SDT_GALLERY)
                toc = gallery is not None and gallery.get(f"{W}val", "").startswith(
                    "Table of Contents")
                self.contents_block += toc
                self.container(child)
                self.contents_block -= toc
            elif tag in _CONTAINERS:
                self.container(child)

    def _in_contents(self) -> bool:
        return self.contents_block > 0 or any(
            f.lstrip().upper().startswith("TOC") for f in self.fields)

    def _follow_fields(self, element: Any) -> bool:
        """Track the fields this paragraph opens and closes (the writer's TOC is a field whose
        result is its entries); True when any of it lies in a table of contents."""
        inside = self._in_contents()
        for child in element.iter(_FIELD_CHAR, _INSTRUCTION):
            if child.tag == _INSTRUCTION:
                if self.fields:
                    self.fields[-1] += child.text or ""
                continue
            kind = child.get(f"{W}fldCharType")
            if kind == "begin" and len(self.fields) < 64:
                self.fields.append("")
            elif kind == "end" and self.fields:
                self.fields.pop()
            inside = inside or self._in_contents()
        return inside

    def paragraph(self, element: Any) -> None:
        mark_deleted = False
        if self._follow_fields(element):
            self.current.contents = True
        ppr = element.find(f"{W}pPr")
        if ppr is not None:
            rpr = ppr.find(f"{W}rPr")
            if rpr is not None:
                for change in rpr:
                    if change.tag in _GONE or change.tag in _ADDED:
                        self._author(change)
                    if change.tag in _GONE:
                        mark_deleted = True
        if next(element.iter(*_INVOLVED), None) is None:
            self.plain(element)
        else:
            self.inline(element, present=True)
        if not mark_deleted:
            self.end_paragraph()

    def plain(self, element: Any) -> None:
        """A paragraph without deletions, text boxes or nested paragraphs: its words in one
        filtered pass (the usual case, and several times faster than walking every node)."""
        for child in element.iter(*_WANTED):
            tag = child.tag
            if tag == _T:
                self._add(child.text or "")
            elif tag == _TAB:
                if child.get(f"{W}pos") is None:  # not a tab stop of the paragraph's layout
                    self._add("\t")
            elif tag in _BREAKS:
                if child.get(f"{W}type") not in ("page", "column"):
                    self._add("\n")
            elif tag == _NB_HYPHEN:
                self._add("\u2011")
            elif tag in _ADDED:
                self._author(child)
            else:
                self._marker(child)

    def inline(self, element: Any, present: bool) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == f"{W}t":
                if present:
                    self._add(child.text or "")
            elif tag == f"{W}tab":
                if present:
                    self._add("\t")
            elif tag in _BREAKS:
                if present and child.get(f"{W}type") not in ("page", "column"):
                    self._add("\n")
            elif tag == f"{W}noBreakHyphen":
                if present:
                    self._add("\u2011")
            elif tag in _GONE:
                self._author(child)
                self.inline(child, present=False)
            elif tag in _ADDED:
                self._author(child)
                self.inline(child, present)
            elif tag in _MARKERS:
                self._marker(child)
            elif tag == f"{W}p":
                self.paragraph(child)
            else:
                self.inline(child, present)

    def _marker(self, child: Any) -> None:
        """A bookmark or the start, end or reference of a comment."""
        tag = child.tag
        if tag == _BOOKMARK:
            name = child.get(f"{W}name")
            if name:
                self.current.bookmarks.append(name)
        elif tag == _COMMENT_START:
            self.starts.setdefault(child.get(f"{W}id", ""), (len(self.paras), self._at()))
        elif tag == _COMMENT_END:
            self.ends[child.get(f"{W}id", "")] = self._at()
        elif tag == _COMMENT_REFERENCE:
            cid = child.get(f"{W}id", "")
            self.starts.setdefault(cid, (len(self.paras), self._at()))
            self.ends.setdefault(cid, self._at())

    def _author(self, change: Any) -> None:
        author = change.get(f"{W}author", "")
        date = change.get(f"{W}date", "")
        entry = (author, "" if date.startswith("0-") else date)
        if author and entry not in self.current.authors:
            self.current.authors.append(entry)

    def _at(self) -> int:
        return self.offset + self.length

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def end_paragraph(self) -> None:
        if len(self.paras) >= MAX_PARAS:
            raise _TooLarge(f"{MAX_PARAS:,} alinea's".replace(",", "."))
        text = "".join(self.parts)
        self.current.text = text
        self.paras.append(self.current)
        self.texts.append(text)
        self.offset += len(text) + 1
        self.parts = []
        self.length = 0
        self.current = Para("")

    def finish(self) -> None:
        if self.parts or self.current.bookmarks:
            self.end_paragraph()

    def comments(self, notes: dict[str, tuple[str, str, str]]) -> list[Comment]:
        whole = "\n".join(self.texts)
        found = []
        for cid, (author, date, text) in notes.items():
            para, start = self.starts.get(cid, (len(self.paras) - 1, len(whole)))
            end = max(self.ends.get(cid, start), start)
            quote = whole[start:min(end, start + MAX_QUOTE)].strip()
            found.append(Comment(cid, author, date, text, min(para, len(self.paras) - 1),
                                 quote))
        found.sort(key=lambda c: (c.para, c.id))
        return found

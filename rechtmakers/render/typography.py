"""Dutch typography at drawing time: the straight quotes and apostrophes a jurist types become
‘ ’ “ ” and ’ in every document drawn (Markdown, HTML, PDF, Word, and the redlines).

The source stays as typed and the digest reads the model, not this: typeset() is applied to the
document tree just before it is drawn. Code (inline or a block), link addresses, anchors, ids,
dates, digests and file names are never touched. Linear in the text.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any, TypeVar

from rechtmakers.document.tree import Code, CodeBlock, Document

# Fields that are data, not words a reader reads as prose.
_LITERAL = frozenset({"id", "anchor", "href", "digest", "date", "effective", "until", "file",
                      "sha256", "email", "kvk", "status", "kind", "method", "number", "was"})
_OPENS_AFTER = frozenset(" \t\n([{\u00a0/–—-")
_APOSTROPHE = "\u2019"

T = TypeVar("T")


def typeset(document: Document) -> Document:
    """The document with curly quotes and apostrophes in every text a reader reads."""
    if _LAST and _LAST[0][0] is document:
        return _LAST[0][1]  # each view of one render (md, html, pdf, docx) asks: walked once
    result: Document = _walk(document)
    _LAST[:] = [(document, result)]
    return result


_LAST: list[tuple[Document, Document]] = []


def _walk(value: T) -> T:
    if isinstance(value, str):
        return curly(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_walk(item) for item in value)  # type: ignore[return-value]
    names = _FIELDS.get(type(value))
    if names is None:
        names = _FIELDS[type(value)] = _prose_fields(type(value))
    if not names:
        return value
    changes: dict[str, Any] = {}
    for name in names:
        old = getattr(value, name)
        new = _walk(old)
        if new is not old and new != old:
            changes[name] = new
    # only a dataclass has prose fields, so value is one here
    return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]


_FIELDS: dict[type, tuple[str, ...]] = {}  # one entry per class of the document model


def _prose_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type that hold words a reader reads; () for code, and for what
    is no dataclass (numbers, dates, enums)."""
    if issubclass(kind, (Code, CodeBlock)) or not dataclasses.is_dataclass(kind):
        return ()
    return tuple(field.name for field in dataclasses.fields(kind)
                 if field.name not in _LITERAL and field.init)


@lru_cache(maxsize=65536)
def curly(text: str) -> str:
    """"‘t Is collega's "werk"" → "’t Is collega’s “werk”": an apostrophe inside or before a
    word (’s, ’t) is ’; a quote after a space or an opening bracket opens, any other closes."""
    if "'" not in text and '"' not in text:
        return text
    out: list[str] = []
    previous = " "
    for i, char in enumerate(text):
        following = text[i + 1] if i + 1 < len(text) else " "
        if char == '"':
            out.append("\u201c" if previous in _OPENS_AFTER else "\u201d")
        elif char == "'":
            out.append(_single(previous, following, text, i))
        else:
            out.append(char)
        previous = char
    return "".join(out)


def _single(previous: str, following: str, text: str, i: int) -> str:
    if previous.isalnum():
        return _APOSTROPHE  # collega's, regio's, zo'n
    if previous in _OPENS_AFTER:
        # ’s-Hertogenbosch, ’t, ’n: an elision, not an opening quote
        word = text[i + 1:i + 3]
        if word[:1] in ("s", "t", "n") and (len(word) < 2 or not word[1].isalpha()):
            return _APOSTROPHE
        return "\u2018" if following.strip() else _APOSTROPHE
    return _APOSTROPHE

"""Markdown that the documents would draw otherwise than a reader of the YAML expects.

Clause text is read twice: by a person in the YAML file, and by the renderers through
markdown-it. Where the two differ, what is signed is not what was read. This module finds those
places in one text, with the character offset where each begins; checks/markdown.py reports
them. Plain prose (clause.fast_blocks) has none of them and is not parsed at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rechtmakers.document.clause import fast_blocks, markup_heavy

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


class Construct(Enum):
    """A kind of Markdown the renderers draw unlike the YAML reads; the value is its code."""

    INDENTED_CODE = "M001"
    SETEXT_HEADING = "M002"
    RAW_HTML = "M003"
    REFERENCE_DEFINITION = "M004"


@dataclass(frozen=True)
class Found:
    """One construct, at a character offset of the text; `what` shows the source briefly."""

    construct: Construct
    offset: int
    what: str = ""


@dataclass(frozen=True)
class DecodedChar:
    """A character that an entity (&shy;, &#x202E;) puts in the text: at offset, as written."""

    char: str
    offset: int
    written: str


_REF_LINE = re.compile(r"^[ \t>*+\-\d.)]*\[([^\]\n]{1,999})\]:", re.MULTILINE)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _parsers() -> tuple[MarkdownIt, MarkdownIt]:
    """The renderers' parser (raw HTML off) that keeps entities apart from the text around
    them (text_join off, which changes no tree), and one with raw HTML on, to find it."""
    from markdown_it import MarkdownIt

    plain = MarkdownIt("commonmark", {"html": False}).disable("text_join")
    plain.validateLink = lambda url: True  # type: ignore[method-assign]
    return plain, MarkdownIt("commonmark", {"html": True})


def needs_look(text: str) -> bool:
    """Whether text can hold any construct or entity: not plain prose, not drawn as written."""
    return fast_blocks(text) is None and not markup_heavy(text)


@lru_cache(maxsize=4096)
def constructs(text: str) -> tuple[Found, ...]:
    """Indented code, setext headings, raw HTML and link reference definitions in text (kept
    per text: each Markdown rule asks)."""
    if not needs_look(text):
        return ()
    plain, with_html = _parsers()
    env: dict[str, Any] = {}
    tokens = plain.parse(text, env)
    starts = _line_starts(text)
    found: list[Found] = []
    for token in tokens:
        line = token.map[0] if token.map else 0
        if token.type == "code_block":
            found.append(Found(Construct.INDENTED_CODE, _first_char(text, starts, line)))
        elif token.type == "heading_open" and token.markup in ("=", "-"):
            underline = token.map[1] - 1 if token.map else line
            found.append(Found(Construct.SETEXT_HEADING, _first_char(text, starts, underline)))
    if "<" in text:
        found += _html(with_html.parse(text), text, starts)
    references = env.get("references") or {}
    if references:
        found += _definitions(text, set(references))
    return tuple(sorted(found, key=lambda f: f.offset))


def decoded_entities(text: str) -> list[DecodedChar]:
    """Every character that an entity or numeric reference decodes to, where the renderers
    decode it (not in code, not after a backslash)."""
    if "&" not in text or not needs_look(text):
        return []
    plain, _ = _parsers()
    found: list[DecodedChar] = []
    position = 0
    for token in plain.parse(text):
        for child in token.children or ():
            if child.type == "text_special" and child.info == "entity":
                at = text.find(child.markup, position)
                if at < 0:
                    continue
                position = at + len(child.markup)
                found.extend(DecodedChar(char, at, child.markup) for char in child.content)
    return found


def invisible(char: str) -> bool:
    """A character with no glyph of its own: controls, format characters (bidi, zero-width,
    soft hyphen), line and paragraph separators, and the Hangul fillers."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in _FILLERS


_FILLERS = frozenset("\u034f\u115f\u1160\u3164\uffa0")


def _html(tokens: list[Token], text: str, starts: list[int]) -> list[Found]:
    found = []
    position = 0
    for token in tokens:
        if token.type == "html_block":
            line = token.map[0] if token.map else 0
            found.append(Found(Construct.RAW_HTML, _first_char(text, starts, line),
                               token.content.strip().split("\n", 1)[0]))
        for child in token.children or ():
            if child.type == "html_inline":
                at = text.find(child.content, position)
                position = at + len(child.content) if at >= 0 else position
                found.append(Found(Construct.RAW_HTML, max(at, 0), child.content))
    return found


def _definitions(text: str, labels: set[str]) -> list[Found]:
    """Where each definition markdown-it took stands: the first line `[label]:` naming it."""
    found = []
    for match in _REF_LINE.finditer(text):
        label = _SPACES.sub(" ", match.group(1).strip()).lower().upper()  # as markdown-it keys
        if label in labels:
            labels.discard(label)
            found.append(Found(Construct.REFERENCE_DEFINITION, match.start(1) - 1,
                               f"[{match.group(1)}]"))
    if labels and not found:  # a definition this scan cannot place: at the text's start
        found.append(Found(Construct.REFERENCE_DEFINITION, 0, f"[{sorted(labels)[0]}]"))
    return found


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _first_char(text: str, starts: list[int], line: int) -> int:
    """The offset of the first non-blank character of a line (0-based)."""
    start = starts[min(line, len(starts) - 1)]
    end = text.find("\n", start)
    chunk = text[start: end if end >= 0 else len(text)]
    return start + len(chunk) - len(chunk.lstrip())

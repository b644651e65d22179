"""Words and Dutch sentences of a Markdown clause text, with character offsets.

A text is first *marked*: Markdown block structure (blank lines, list items, headings, quotes)
becomes a boundary character ``\\x01`` and the markup itself becomes spaces, so the marked text
has the same length as the original and every offset stays valid. Tokens are then the
white-space separated chunks of the marked text (``str.split``, much faster than a regular
expression); punctuation stays attached to a token until :func:`normalise` strips it.

Sentences end at a block boundary or at a token that ends with ``.``, ``!``, ``?`` or ``…``,
except after an abbreviation (``o.a.``, ``bijv.``, ``art.``, ``d.w.z.``, an initial ``J.``).
Numbers (``1.200``, ``3.1``, ``€ 1.200,50``) never end a sentence halfway because their dots
are inside the token. A colon closing a line before a list ends the sentence with the list.

A reference (``[[artikel]]``, ``[[artikel.lid]]``, ``@partij``) and a URL are one neutral word
of one syllable: the reader sees a short known label ("artikel 3", a party's name) there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

BOUNDARY = "\x01"
_BLOCK_RE = re.compile(
    r"\n(?=[ \t]*\n)"  # a blank line follows
    r"|\n[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,3}[.)])[ \t]"  # a list item
    r"|\n[ \t]*\#{1,6}[ \t][^\n]*\n?"  # a heading line
    r"|\n[ \t]*>"  # a block quote
)
_MARKUP_CHARS = "#>-*+.)0123456789"
# Stripped from both ends of a token: punctuation, quotes, brackets, emphasis, currency.
_OUTER = ".,;:!?*_()\"'“”‘’«»<>…€$%#/&=+~|`{}-–—\x01"
_CLOSERS = "\"'”’)]*_\x01"
_OPENERS = "(\"'“‘*_["
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.){2,}")
_ABBREVIATIONS = frozenset(
    "bijv art artt enz etc nr nrs blz evt incl excl resp ca mr dr drs ir ing prof mevr dhr "
    "jl vgl zgn mln mld mrd jr sr tel afd alg ong vs cf jan feb mrt apr jun jul aug sep "
    "sept okt nov dec bv".split()
)
_FINAL_ABBREVIATIONS = frozenset({"enz", "etc", "e.d", "e.a", "o.i.d", "e.v"})


def mark_blocks(text: str) -> str:
    """The text with Markdown blocks turned into boundaries; same length as text."""
    return _BLOCK_RE.sub(_mark, "\n" + text)[1:]


def _mark(match: re.Match[str]) -> str:
    found = match.group()
    marked = _MARKED.get(found)
    if marked is None:
        body = found[1:]
        if body.lstrip(" \t").startswith("#"):
            return BOUNDARY + _mark_heading(body)
        marked = BOUNDARY + "".join(" " if char in _MARKUP_CHARS else char for char in body)
        if len(_MARKED) < 1024:
            _MARKED[found] = marked
    return marked


_MARKED: dict[str, str] = {}  # list markers and blank lines repeat: remember their marking


def _mark_heading(line: str) -> str:
    """Blank the hashes; the line break after a heading ends its sentence."""
    stripped = line.lstrip(" \t")
    hashes = len(stripped) - len(stripped.lstrip("#"))
    body = " " * (len(line) - len(stripped) + hashes) + stripped[hashes:]
    return body[:-1] + BOUNDARY if body.endswith("\n") else body


def normalise(token: str) -> str:
    """The lower-case word in a token ("" for pure markup); references keep their brackets."""
    word = token.strip(_OUTER)
    if "[" in word or "]" in word:
        word = _strip_brackets(token)
    return word.lower()


def _strip_brackets(token: str) -> str:
    start = token.find("[[")
    if start >= 0 and "]]" in token[start:]:
        return token[start:token.index("]]", start) + 2]
    return token.split("](")[0].strip(_OUTER + "[]")  # a Markdown link: keep its text


def ends_sentence(token: str) -> bool:
    """True when a token closes its sentence: a boundary, or terminal punctuation."""
    if token.endswith(BOUNDARY):
        return True
    core = token.rstrip(_CLOSERS)
    if not core or core[-1] not in ".!?…":
        return False
    if core[-1] != "." or core.endswith(".."):
        return True
    word = core[:-1].lstrip(_OPENERS)
    lower = word.lower()
    if lower in _FINAL_ABBREVIATIONS:
        return True
    if lower in _ABBREVIATIONS or _DOTTED_RE.fullmatch(lower + "."):
        return False
    return not (len(word) == 1 and word.isupper())  # an initial: "J. de Vries"


def is_reference(word: str) -> bool:
    """True for a normalised [[artikel]], [[artikel.lid]], @partij or URL: a neutral word."""
    return word[:1] in ("[", "@") or word.startswith(("http://", "https://", "www."))


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a range of token indices: tokens[first:stop]."""

    first: int
    stop: int


# A token ends at white space, and after boundary characters: the boundary that closes a
# heading replaces its line break and so touches the first word of the next line.
_TOKEN_RE = re.compile(r"[^\s\x01]*\x01+|[^\s\x01]+")


def tokenize(text: str, marked: str) -> list[str]:
    """The tokens of a marked text; str.split is enough unless a heading closed a line."""
    if "#" in text:
        return _TOKEN_RE.findall(marked)
    return marked.split()


class Offsets:
    """Character spans of the tokens of a marked text, found lazily from the start."""

    def __init__(self, marked: str) -> None:
        self._marked = marked
        self._matches: Iterator[re.Match[str]] = _TOKEN_RE.finditer(marked)
        self._spans: list[tuple[int, int]] = []

    def token(self, index: int) -> tuple[int, int]:
        """(start, end) of the whole token at index, punctuation included."""
        spans = self._spans
        while len(spans) <= index:
            spans.append(next(self._matches).span())
        return spans[index]

    def word(self, index: int) -> tuple[int, int]:
        """(start, end) of the word in the token at index, without outer punctuation."""
        start, end = self.token(index)
        raw = self._marked[start:end]
        if normalise(raw).startswith("[["):
            inner = raw.find("[[")
            return start + inner, start + raw.index("]]", inner) + 2
        lead = len(raw) - len(raw.lstrip(_OUTER))
        trail = len(raw) - len(raw.rstrip(_OUTER))
        if lead + trail >= len(raw):
            return start, end
        return start + lead, end - trail

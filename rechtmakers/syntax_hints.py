"""From where libyaml gave up back to where the jurist made the mistake.

libyaml reports the place where it could no longer continue: often the line after the mistake,
or the end of the file. The functions here look at the source around that mark and recognise
the usual mistakes in the terms of the person who made them: a key without its colon, a quote
that opens and never closes, a line of a text block that is not indented, a list item without
its dash, text that starts with a character YAML reserves, and ": " inside plain text.

Only called after a parse error, so nothing here costs time on a valid file. Every scan is a
single pass over the lines before the mark.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

QUOTE_OR_BLOCK = "Zet de hele tekst tussen aanhalingstekens, of schrijf achter de sleutel | en " \
    "zet de tekst ingesprongen op de regels eronder."

# What YAML makes of a plain text that starts with one of its reserved characters.
INDICATORS = {
    "*": "een verwijzing naar een anker (alias)",
    "&": "een anker",
    "!": "een YAML-tag",
    "%": "een aanwijzing voor YAML",
    "@": "een teken dat YAML voor later reserveert",
    "`": "een teken dat YAML voor later reserveert",
}

# The keys of the agreement files: a line that starts with one of them is a key, whatever
# stands around it.
KEYS = frozenset({
    "id", "titel", "onderwerp", "versie", "tekst", "leden", "toelichting", "besluitvorming",
    "conflictdialoog", "inwonerperspectief", "gedrag", "instappen", "wijze", "orgaan",
    "quorum", "stappen", "naam", "wie", "termijn", "waarborgen", "wat", "hoe", "wanneer",
    "helpt", "helpt-niet", "betekent", "status", "datum", "ingangsdatum", "einddatum",
    "penvoerder", "kompas", "overwegingen", "artikelen", "bijlagen", "bestand",
    "ondertekening", "bewijs", "partijen", "soort", "rechtsvorm", "kvk", "vestigingsplaats",
    "adres", "bevoegdheid", "gezamenlijk", "vertegenwoordigers", "functie", "email",
    "sleutel", "begrippen", "term", "betekenis",
})

_BLOCK_HEADER = re.compile(r"(?:^|:[ \t]|^-[ \t]|[ \t]-[ \t])[ \t]*[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$")
_VALUE_START = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[^\s#'\"\-][^:#]*?:[ \t]+)?")
_FIRST_WORD = re.compile(r"[ \t]*([^\s:#]+)")


class Hint(NamedTuple):
    """A diagnosis: the Dutch message and the 1-based place of the mistake."""

    message: str
    line: int
    column: int


def diagnose(text: str, exc: Any) -> Hint | None:
    """The likely mistake behind libyaml's error exc in text, or None when not recognised."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    lines = text.split("\n")
    if "quoted scalar" in context and context_mark is not None:
        return _unclosed_quote(lines, context_mark.line, context_mark.column)
    if "flow " in context and context_mark is not None and (
            "end of stream" in problem or "expected ','" in problem):
        bracket = text[context_mark.index] if context_mark.index < len(text) else "["
        closing = {"[": "]", "{": "}"}.get(bracket, "]")
        return Hint(f"Hier opent een haak ({bracket}) die nergens sluit. Zet de {closing} erbij, "
                    "of zet de tekst tussen aanhalingstekens als de haak bij de tekst hoort.",
                    context_mark.line + 1, context_mark.column + 1)
    if "scanning an alias" in context and context_mark is not None:
        return indicator_hint("*", context_mark.line + 1, context_mark.column + 1)
    if mark is None:
        return None
    char = text[mark.index] if mark.index < len(text) else ""
    if "cannot start any token" in problem and char in INDICATORS:
        return indicator_hint(char, mark.line + 1, mark.column + 1)
    if "mapping values are not allowed" in problem:
        return Hint('Hier staat een dubbele punt met een spatie (": ") midden in de tekst. YAML '
                    'leest dat als het begin van een '
                    f"nieuwe sleutel. {QUOTE_OR_BLOCK}", mark.line + 1, mark.column + 1)
    quote = _first_unclosed_quote(lines, mark.line)
    if quote is not None:
        return quote
    if "expected ':'" in problem and "simple key" in context and context_mark is not None:
        return _line_without_colon(lines, context_mark.line)
    if "expected '-' indicator" in problem and mark.line < len(lines):
        return _item_without_dash(mark.line, _indent(lines[mark.line]) + 1)
    return _indicator_on_line(lines, mark.line)


def indicator_hint(char: str, line: int, column: int) -> Hint:
    """Plain text that starts with a character YAML reserves."""
    return Hint(f"Tekst die begint met {char} leest YAML als {INDICATORS[char]}, niet als "
                f"tekst. {QUOTE_OR_BLOCK}", line, column)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _line_without_colon(lines: list[str], index: int) -> Hint:
    """The line at index stands where YAML expected a key: which mistake is it?"""
    line = lines[index] if index < len(lines) else ""
    indent = _indent(line)
    column = indent + 1
    word_match = _FIRST_WORD.match(line)
    word = word_match.group(1) if word_match else ""
    if word in KEYS and not line[word_match.end():].startswith(":"):  # type: ignore[union-attr]
        return _missing_colon(word, index, column)
    lowest = None  # the lowest indentation between a candidate line and ours
    for j in range(index - 1, -1, -1):
        above = lines[j]
        if _is_blank(above):
            continue
        above_indent = _indent(above)
        header = _BLOCK_HEADER.search(above.strip()) is not None
        if header and (lowest is None or lowest > above_indent) and above_indent >= indent:
            key = _FIRST_WORD.match(above)
            name = key.group(1) if key and key.group(1) != "-" else "de tekst"
            return Hint(f"Deze regel hoort bij de tekst erboven ({name} |), maar springt niet "
                        "in. Laat hem net zo ver inspringen als de regels van die tekst.",
                        index + 1, column)
        if above_indent <= indent:
            if above.lstrip(" ").startswith("-") and above_indent == indent \
                    and not line.lstrip(" ").startswith("-"):
                return _item_without_dash(index, column)
            break
        lowest = above_indent if lowest is None else min(lowest, above_indent)
    return _missing_colon(word, index, column)


def _item_without_dash(index: int, column: int) -> Hint:
    return Hint('Deze regel staat in een lijst, maar begint niet met "- ". Zet er "- " voor, '
                "zoals bij de andere punten van de lijst.", index + 1, column)


def _missing_colon(word: str, index: int, column: int) -> Hint:
    if word and word in KEYS:
        return Hint(f'Na "{word}" ontbreekt de dubbele punt. Schrijf "{word}: " en dan de '
                    "tekst.", index + 1, column)
    return Hint("Op deze regel ontbreekt de dubbele punt na de sleutel, zodat YAML niet weet "
                'waar de tekst bij hoort. Schrijf "sleutel: tekst".', index + 1, column)


def _quote_end(line: str, start: int) -> int:
    """The index of the quote that closes the one at start on this line, or -1."""
    quote = line[start]
    i = start + 1
    while i < len(line):
        char = line[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and line[i + 1: i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def _opening_quote(line: str) -> int:
    """The column where a quoted value opens on this line, or -1."""
    match = _VALUE_START.match(line)
    start = match.end() if match else 0
    if start < len(line) and line[start] in "\"'":
        return start
    return -1


def _unclosed_quote(lines: list[str], index: int, column: int) -> Hint:
    quote = lines[index][column] if column < len(lines[index]) else '"'
    return Hint(f"Hier opent een aanhalingsteken ({quote}) dat nergens sluit. Zet aan het eind "
                f"van de tekst ook een {quote}.", index + 1, column + 1)


def _first_unclosed_quote(lines: list[str], last: int) -> Hint | None:
    """A quote that opens, does not close on its line, and whose next line is a new key: the
    quote then swallows the lines below it until some later quote."""
    for index in range(min(last, len(lines) - 1) + 1):
        line = lines[index]
        if '"' not in line and "'" not in line:
            continue
        start = _opening_quote(line)
        if start < 0 or _quote_end(line, start) >= 0:
            continue
        following = next((lines[j] for j in range(index + 1, len(lines))
                          if not _is_blank(lines[j])), None)
        if following is not None and _indent(following) <= _indent(line):
            return _unclosed_quote(lines, index, start)
    return None


def _indicator_on_line(lines: list[str], index: int) -> Hint | None:
    """A value on this line that starts with a reserved character."""
    if index >= len(lines):
        return None
    line = lines[index]
    match = _VALUE_START.match(line)
    start = match.end() if match else 0
    if start < len(line) and line[start] in INDICATORS:
        return indicator_hint(line[start], index + 1, start + 1)
    return None

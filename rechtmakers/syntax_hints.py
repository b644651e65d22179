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
    return _at_mark(text, lines, problem, context, mark, context_mark)


def _at_mark(text: str, lines: list[str], problem: str, context: str, mark: Any,
             context_mark: Any) -> Hint | None:
    """The mistakes recognised from the place where libyaml stopped."""
    layout = _layout_hint(lines, problem, mark)
    if layout is not None:
        return layout
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


def _first_word(line: str) -> tuple[str, int]:
    """The first word of a line (up to a blank, colon or #) and where it ends."""
    start = len(line) - len(line.lstrip(" \t"))
    end = start
    while end < len(line) and not line[end].isspace() and line[end] not in ":#":
        end += 1
    return line[start:end], end


def _value_start(line: str) -> int:
    """Where the value of a line starts: after its indentation, list dashes and `key: `."""
    pos = len(line) - len(line.lstrip(" \t"))
    while line.startswith("-", pos) and line[pos + 1: pos + 2] in (" ", "\t"):
        pos += 1
        while pos < len(line) and line[pos] in " \t":
            pos += 1
    if pos < len(line) and not line[pos].isspace() and line[pos] not in "#'\"-":
        colon = pos
        while colon < len(line) and line[colon] not in ":#":
            colon += 1
        if line.startswith(":", colon) and line[colon + 1: colon + 2] in (" ", "\t"):
            pos = colon + 1
            while pos < len(line) and line[pos] in " \t":
                pos += 1
    return pos


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
    word, end = _first_word(line)
    if word in KEYS and not line[end:].startswith(":"):
        return _missing_colon(word, index, column)
    lowest = None  # the lowest indentation between a candidate line and ours
    for j in range(index - 1, -1, -1):
        above = lines[j]
        if _is_blank(above):
            continue
        above_indent = _indent(above)
        header = _BLOCK_HEADER.search(above.strip()) is not None
        if header and (lowest is None or lowest > above_indent) and above_indent >= indent:
            key = _first_word(above)[0]
            name = key if key and key != "-" else "de tekst"
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
    start = _value_start(line)
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
    start = _value_start(line)
    if start < len(line) and line[start] in INDICATORS:
        return indicator_hint(line[start], index + 1, start + 1)
    return None


def _layout_hint(lines: list[str], problem: str, mark: Any) -> Hint | None:
    """A quote that closes too early, a list begun on a key's line, a key or a text block
    indented a few spaces off."""
    early = _quote_closed_early(lines, mark.line)
    if early is not None:
        return early
    if "block sequence entries are not allowed" in problem:
        return _dash_after_key(lines, mark.line, mark.column)
    return _misaligned_key(lines, mark.line) or _block_first_line(lines, mark.line)


def _spaces(count: int) -> str:
    return f"{count} spatie" if count == 1 else f"{count} spaties"


def _quote_closed_early(lines: list[str], last: int) -> Hint | None:
    """A quoted text with the same quote inside it (`'Zo'n samenwerking'`): the inner quote
    closes the text, and YAML does not know what the rest is."""
    for index in range(max(0, last - 1), min(last, len(lines) - 1) + 1):
        line = lines[index]
        start = _opening_quote(line)
        if start < 0:
            continue
        close = _quote_end(line, start)
        rest = line[close + 1:].strip() if close >= 0 else ""
        if close < 0 or not rest or rest.startswith("#"):
            continue
        quote = line[start]
        if quote == "'":
            how = ("Schrijf een ' binnen de tekst dubbel ('') of gebruik dubbele "
                   'aanhalingstekens ("…") om de tekst')
        else:
            how = ("Gebruik enkele aanhalingstekens ('…') om de tekst, of zet een \\ voor elk "
                   '" binnen de tekst')
        return Hint(f"Dit aanhalingsteken ({quote}) sluit de tekst al, maar de tekst gaat nog "
                    f"door: een {quote} binnen tekst tussen {quote} kan zo niet. {how}. Zet "
                    "de hele tekst tussen aanhalingstekens van de andere soort, of schrijf "
                    "achter de sleutel | en zet de tekst ingesprongen op de regels eronder.",
                    index + 1, close + 1)
    return None


def _dash_after_key(lines: list[str], index: int, column: int) -> Hint:
    line = lines[index] if index < len(lines) else ""
    word = _first_word(line)[0]
    return Hint(f'Na "{word}: " begint de tekst met "- ". YAML leest dat als een lijst, en '
                "een lijst kan niet op de regel van de sleutel beginnen. Is het tekst, zet de "
                "hele tekst dan tussen aanhalingstekens; is het een lijst, zet elk punt op "
                'een eigen regel eronder, ingesprongen, met "- " ervoor.', index + 1,
                column + 1)


def _key_column(line: str) -> tuple[int, int | None, str]:
    """The column where a line's key (or value) starts after list dashes, the dash column,
    and the key ("" when the line is not `key:`)."""
    lead = _indent(line)
    dash: int | None = None
    pos = lead
    while line.startswith("- ", pos):
        dash = pos if dash is None else dash
        pos += 2
        while pos < len(line) and line[pos] == " ":
            pos += 1
    word, end = _first_word(line[pos:])
    return pos, dash, word if line[pos + end: pos + end + 1] == ":" else ""


def _misaligned_key(lines: list[str], index: int) -> Hint | None:
    """A key a few spaces left or right of the key above it, in the same block: YAML reads it
    as part of the value above, or as the start of something else."""
    if index >= len(lines):
        return None
    column, dash, key = _key_column(lines[index])
    if dash is not None or key not in KEYS or column == 0:
        return None
    above = next((j for j in range(index - 1, -1, -1) if not _is_blank(lines[j])), None)
    if above is None:
        return None
    other, other_dash, other_key = _key_column(lines[above])
    if other_key not in KEYS or other == column or abs(other - column) > 3 \
            or (other_dash is not None and column <= other_dash) \
            or _BLOCK_HEADER.search(lines[above].strip()):
        return None
    for j in range(above, -1, -1):  # a list item above at this column: a dash is missing
        if _is_blank(lines[j]):
            continue
        if _key_column(lines[j])[1] == column:
            return None
        if _indent(lines[j]) < column:
            break
    how = "te ver" if column > other else "te weinig"
    return Hint(f'"{key}" springt {_spaces(abs(column - other))} {how} in: het hoort bij '
                f'hetzelfde blok als "{other_key}" erboven. Laat deze regel inspringen met '
                f'{_spaces(other)}, tot onder "{other_key}".', index + 1, column + 1)


def _block_first_line(lines: list[str], index: int) -> Hint | None:
    """A text block (`tekst: |`) whose first line is indented further than the next: YAML takes
    the first line's indentation as the measure, so the next line ends the text too soon."""
    if index >= len(lines) or _is_blank(lines[index]):
        return None
    indent = _indent(lines[index])
    first: int | None = None
    for j in range(index - 1, -1, -1):
        if _is_blank(lines[j]):
            continue
        if _BLOCK_HEADER.search(lines[j].strip()):
            key_indent = _indent(lines[j])
            if first is None or not key_indent < indent < _indent(lines[first]):
                return None
            word = _first_word(lines[j])[0]
            return Hint(f'De eerste regel van de tekst onder "{word}" springt '
                        f"{_spaces(_indent(lines[first]))} in, de regel eronder (regel "
                        f"{index + 1}) {_spaces(indent)}. YAML neemt de eerste regel als maat. "
                        f"Laat deze regel inspringen met {_spaces(indent)}, net als de rest "
                        "van de tekst.", first + 1, _indent(lines[first]) + 1)
        if _indent(lines[j]) <= indent:
            return None
        first = j
    return None

"""Places in a file as the loader counts them (1-based, characters) and as LSP counts them
(0-based, UTF-16 units), and the range a finding covers."""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field

from lsprotocol import types as lsp

from rechtmakers.load import SourceFile

_WORD = re.compile(r"[\w-]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class Lines:
    """One text's lines, to convert between character offsets, (line, column) and LSP."""

    text: str
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        index = find("\n")
        while index >= 0:
            starts.append(index + 1)
            index = find("\n", index + 1)
        self.starts = starts

    def line(self, number: int) -> str:
        """The text of 0-based line number, without its line end."""
        if number < 0 or number >= len(self.starts):
            return ""
        start = self.starts[number]
        end = self.starts[number + 1] - 1 if number + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def offset(self, position: lsp.Position) -> int:
        """The character offset of an LSP position (UTF-16 units on its line)."""
        line = min(max(position.line, 0), len(self.starts) - 1)
        return self.starts[line] + from_utf16(self.line(line), position.character)

    def position(self, offset: int) -> lsp.Position:
        """The LSP position of a character offset."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self.starts, offset) - 1
        column = offset - self.starts[line]
        return lsp.Position(line, to_utf16(self.line(line), column))

    def at(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column as the loader gives them."""
        line = min(max(line - 1, 0), len(self.starts) - 1)
        return min(self.starts[line] + max(column - 1, 0), len(self.text))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(self.position(start), self.position(max(start, end)))


def to_utf16(line: str, column: int) -> int:
    """Characters → UTF-16 units, for the first column characters of line."""
    head = line[:column]
    if head.isascii():
        return len(head) + max(0, column - len(line))
    return len(head.encode("utf-16-le")) // 2 + max(0, column - len(line))


def from_utf16(line: str, units: int) -> int:
    """UTF-16 units → characters on line."""
    if line.isascii():
        return min(units, len(line))
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(line)


class SpanIndex:
    """The ends of a source's values and keys by where they start: what a finding covers."""

    def __init__(self, source: SourceFile) -> None:
        self.ends: dict[tuple[int, int], int] = {}
        text = source.text
        for start, end, style, key in source.raw_spans.values():
            if key is not None:
                key_end = key.index
                while key_end < len(text) and text[key_end] not in ":\n":
                    key_end += 1
                while key_end > key.index and text[key_end - 1] == " ":
                    key_end -= 1
                self.ends.setdefault((key.line + 1, key.column + 1), key_end)
            stop = end.index
            newline = text.find("\n", start.index, stop)
            if style is None and newline >= 0:
                stop = newline  # a block of keys or items, or a plain text over lines: line one
            self.ends[(start.line + 1, start.column + 1)] = stop


def token_end(line_text: str, column: int) -> int:
    """Where the thing that starts at column (0-based) on a line ends: a [[reference]], an
    @party, a word, or else the rest of the line."""
    rest = line_text[column:]
    if rest.startswith("[["):
        close = rest.find("]]")
        return column + close + 2 if close >= 0 else len(line_text)
    if rest.startswith("@"):
        match = _SLUG.match(rest, 1)
        return column + (match.end() if match else 1)
    match = _WORD.match(rest)
    if match:
        return column + match.end()
    stripped = rest.rstrip()
    return column + len(stripped) if stripped else column + 1


def finding_range(lines: Lines, spans: SpanIndex | None, line: int, column: int) -> lsp.Range:
    """The range a finding at a 1-based line and column covers: the value or key that starts
    there, else the reference or word there, else the rest of the line."""
    start = lines.at(line, column)
    end = spans.ends.get((line, column)) if spans is not None else None
    if end is None or end <= start:
        text = lines.line(line - 1)
        end = start + token_end(text, column - 1) - (column - 1)
    return lines.range(start, end)


_LINES: dict[int, Lines] = {}


def lines_of(source: SourceFile) -> Lines:
    """The lines of a source, counted once per source (forgotten when the source is)."""
    key = id(source)
    lines = _LINES.get(key)
    if lines is None or lines.text is not source.text:
        lines = _LINES[key] = Lines(source.text)
        weakref.finalize(source, _LINES.pop, key, None)
    return lines

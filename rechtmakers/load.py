"""Read YAML with positions, refusing what is unsafe or ambiguous before anything else looks at it.

Events come from libyaml's C parser and are composed here into plain Python values, so that
duplicate keys, anchors, aliases, tags and depth are seen as they pass, every value keeps its
place (`spans`), and nothing is ever constructed from a tag.
"""

from __future__ import annotations

import bisect
import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rechtmakers.errors import os_reason
from rechtmakers.findings import Location
from rechtmakers.visible import char_name
from rechtmakers.yaml_compose import (
    LoadRefusal,
    RawSpan,
    YamlPath,
    compose,
)

MAX_FILE_BYTES = 1_000_000

_LEADING_WS = re.compile(r"^[ \t]*", re.MULTILINE)
# Control characters that libyaml would refuse at 1:1 (or, for a lone CR or NEL, read as a line
# break that our line numbers would not count): refused here, at their place.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|\r(?!\n)")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value stands: 1-based line and column, character offsets, scalar style, key place."""

    line: int
    column: int
    start: int
    end: int
    style: str | None = None
    key_line: int = 0
    key_column: int = 0


@dataclass
class SourceFile:
    """One loaded YAML file: its text, its plain data and the span of every value."""

    path: Path
    text: str
    data: Any
    raw_spans: dict[YamlPath, RawSpan] = field(repr=False)
    # Text values that a ` #` on their own line ends: YAML reads the rest as a comment.
    # YAML path → the character offset of that #.
    cut_by_comment: dict[YamlPath, int] = field(default_factory=dict, repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _aligners: dict[YamlPath, _Aligner | None] = field(default_factory=dict, repr=False)

    def span(self, ypath: YamlPath) -> Span:
        """The span of the value at ypath, or of its nearest ancestor that exists."""
        while ypath not in self.raw_spans and ypath:
            ypath = ypath[:-1]
        raw = self.raw_spans.get(ypath)
        return _span(raw) if raw else Span(1, 1, 0, 0)

    def spans(self) -> Iterator[Span]:
        """Every value's span, in no particular order."""
        return (_span(raw) for raw in self.raw_spans.values())

    def location(self, ypath: YamlPath = (), *, key: bool = False) -> Location:
        """The place of a value (or of its key) in this file."""
        span = self.span(ypath)
        if key and span.key_line:
            return Location(self.path, span.key_line, span.key_column)
        return Location(self.path, span.line, span.column)

    def offset_location(self, ypath: YamlPath, offset: int) -> Location:
        """The place of character `offset` of the string value at ypath."""
        if ypath not in self._aligners:
            value = self.value(ypath) if ypath in self.raw_spans else None
            self._aligners[ypath] = (_Aligner(value, self.text, self.span(ypath))
                                     if isinstance(value, str) else None)
        aligner = self._aligners[ypath]
        if aligner is None:
            return self.location(ypath)
        return self.index_location(aligner.offset(offset))

    def index_location(self, index: int) -> Location:
        """The 1-based line and column of a character offset in the file."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, index) - 1
        return Location(self.path, line + 1, index - self._line_starts[line] + 1)

    def value(self, ypath: YamlPath) -> Any:
        """The plain value at ypath (which must exist)."""
        node = self.data
        for part in ypath:
            node = node[part]
        return node


__all__ = ["MAX_FILE_BYTES", "LoadRefusal", "SourceFile", "Span", "YamlPath", "collector_paused",
           "link_refusal", "read_yaml", "read_yaml_bytes"]


def _span(raw: RawSpan) -> Span:
    start, end, style, key = raw
    return Span(start.line + 1, start.column + 1, start.index, end.index, style,
                key.line + 1 if key else 0, key.column + 1 if key else 0)


class _Aligner:
    """Offsets in one scalar's value mapped to offsets in the file, in one pass however many
    are asked for.

    The non-blank characters of a scalar appear in the source in the same order (folding,
    indentation and quoting only change blanks and delimiters), so walking both side by side
    finds the source offset of any character without re-implementing YAML's scalar rules. The
    walk is done once, leaving a checkpoint every STEP characters; a question walks at most
    STEP characters from the nearest checkpoint.
    """

    STEP = 16

    def __init__(self, value: str, text: str, span: Span) -> None:
        pos = span.start
        if span.style in ("|", ">"):
            pos = text.find("\n", pos, span.end) + 1 or span.start
        elif span.style in ('"', "'"):
            pos += 1
        self.value, self.text, self.end = value, text, span.end
        # (characters of the value walked, next search position, last offset found, stuck)
        self.checkpoints: list[tuple[int, int, int, bool]] = [(0, pos, pos, False)]
        self.indices = [0]

    def offset(self, offset: int) -> int:
        target = min(max(0, offset) + 1, len(self.value))
        while self.indices[-1] < target and not self.checkpoints[-1][3]:
            index, pos, result, _ = self.checkpoints[-1]
            self.checkpoints.append(self._walk(index, pos, result,
                                               min(index + self.STEP, len(self.value))))
            self.indices.append(self.checkpoints[-1][0])
        index, pos, result, stuck = self.checkpoints[bisect.bisect_right(self.indices,
                                                                         target) - 1]
        return result if stuck else self._walk(index, pos, result, target)[2]

    def _walk(self, index: int, pos: int, result: int, stop: int
              ) -> tuple[int, int, int, bool]:
        value, text, end = self.value, self.text, self.end
        while index < stop:
            char = value[index]
            index += 1
            if char.isspace():
                continue
            found = text.find(char, pos, end)
            if found < 0:
                # Not in the file as written: an escape made it; point at the backslash.
                escape = text.find("\\", pos, end)
                return index, pos, escape if escape >= 0 else result, True
            result, pos = found, found + 1
        return index, pos, result, False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an agreement is read and checked.

    Reading makes hundreds of thousands of objects that all stay alive (values, positions) and
    form no cycles; with the collector on, every few hundred of them it walks the whole growing
    heap again, which took a third of the time of validating a large agreement. Plain reference
    counting still frees everything as usual; the collector resumes afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def read_yaml(path: Path) -> SourceFile:
    """Load one YAML file, raising LoadRefusal with a Dutch message for anything we refuse."""
    return read_yaml_bytes(_read_bytes(path), path)


def read_yaml_bytes(raw: bytes, path: Path) -> SourceFile:
    """Load YAML from bytes (a past version from git, say) with the same refusals as a file;
    path is where it lives, for messages only."""
    text = _decode(raw)
    _refuse_tabs(text)
    data, spans, cut = compose(text)
    return SourceFile(path=path, text=text, data=data, raw_spans=spans, cut_by_comment=cut)


def _read_bytes(path: Path) -> bytes:
    try:
        # O_NOFOLLOW: a link is refused when opened, not looked at first and followed later.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        if path.is_symlink():
            raise link_refusal() from exc
        raise LoadRefusal("Y012", f"Het bestand kan niet gelezen worden ({os_reason(exc)}).") \
            from exc
    try:
        with os.fdopen(handle, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise LoadRefusal("Y012", "Dit is geen gewoon bestand (maar een map, apparaat of "
                                  "pijp); een overeenkomst bestaat uit gewone bestanden.")
            size = status.st_size
            if size > MAX_FILE_BYTES:
                raise _too_large(size)
            return stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LoadRefusal("Y012", f"Het bestand kan niet gelezen worden ({os_reason(exc)}).") \
            from exc


def link_refusal() -> LoadRefusal:
    """The refusal of a symbolic link in an agreement: git holds the link, not what it shows."""
    return LoadRefusal("Y013", "Dit is een symbolische link. Een overeenkomst is wat git "
                       "bewaart, en git bewaart van een link alleen waar hij heen wijst, niet "
                       "de tekst: zet het bestand zelf hier neer.")


def _too_large(size: int) -> LoadRefusal:
    return LoadRefusal(
        "Y009",
        f"Het bestand is te groot ({size // 1024} kB; hooguit {MAX_FILE_BYTES // 1000} kB "
        "per bestand). Splits de tekst over meer artikelen.",
    )


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(len(raw))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise LoadRefusal(
            "Y003",
            "Het bestand is geen geldige UTF-8-tekst. Sla het op als UTF-8.",
            line,
            column,
        ) from exc
    control = _RAW_CONTROL.search(text)
    if control is not None:
        raise _control_refusal(text, control.start())
    if not text.strip():
        raise LoadRefusal("Y004", "Het bestand is leeg.")
    return text


def _control_refusal(text: str, index: int) -> LoadRefusal:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    char = text[index]
    if char == "\x00":
        message = "Het bestand bevat een nul-teken; het is geen tekstbestand."
    else:
        message = (f"Hier staat een onzichtbaar stuurteken ({char_name(char)}). Een lezer ziet "
                   "het niet, dus het hoort niet in een overeenkomst: verwijder het.")
    return LoadRefusal("Y003", message, line, column)


def _refuse_tabs(text: str) -> None:
    if "\t" not in text:
        return
    for match in _LEADING_WS.finditer(text):
        tab = match.group().find("\t")
        if tab >= 0:
            line = text.count("\n", 0, match.start()) + 1
            raise LoadRefusal(
                "Y002",
                "Hier wordt met een tab ingesprongen. YAML kent alleen spaties: "
                "vervang de tab door spaties.",
                line,
                tab + 1,
            )

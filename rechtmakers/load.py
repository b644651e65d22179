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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rechtmakers.errors import os_reason
from rechtmakers.findings import Location
from rechtmakers.visible import char_name

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20

YamlPath = tuple[str | int, ...]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
) | {"!"}
# First characters with which a plain scalar may be something other than a string.
_IMPLICIT_FIRST = frozenset(k for k in _resolver.yaml_implicit_resolvers if k)
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


class LoadRefusal(Exception):
    """The file is refused; carries the rule code, a Dutch message and a 1-based position."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


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
    data, spans, cut = _compose(text)
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


_SYNTAX_MESSAGES: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "Hier staat een dubbele punt die YAML niet verwacht. "
     "Zet tekst met een dubbele punt tussen aanhalingstekens."),
    ("could not find expected ':'", "Hier ontbreekt de dubbele punt achter een sleutel."),
    ("cannot start any token", "Dit teken mag hier niet staan. Zet de tekst tussen "
     "aanhalingstekens."),
    ("did not find expected key", "De inspringing klopt hier niet: dit past niet bij de regels "
     "erboven."),
    ("did not find expected '-' indicator", "De inspringing van deze lijst klopt niet."),
    ("did not find expected node content", "Hier ontbreekt een waarde."),
    ("found unexpected end of stream", "Het bestand houdt onverwacht op. Mist er een afsluitend "
     "aanhalingsteken of haakje?"),
    ("found unknown escape character", "Dit teken na een backslash kent YAML niet. Gebruik enkele "
     "aanhalingstekens of laat de backslash weg."),
    ("found undefined tag handle", "Deze YAML-tag is onbekend; tags zijn niet toegestaan."),
    ("expected <document start>", "Na het einde van het document staat nog tekst."),
    ("found unexpected ':'", "Hier staat een dubbele punt die YAML niet verwacht."),
    ("found a tab character", "Hier staat een tab. YAML kent alleen spaties als inspringing."),
    ("control characters are not allowed", "Het bestand bevat een onzichtbaar stuurteken."),
    ("found incompatible YAML document", "Deze YAML-versie wordt niet ondersteund."),
    ("found duplicate", "Deze aanwijzing voor YAML staat er dubbel."),
)


def _syntax_refusal(exc: yaml.YAMLError, text: str = "") -> LoadRefusal:
    """Y001 at the place of the mistake: syntax_hints works back from libyaml's mark to the
    likely cause; libyaml's own message, in Dutch, where it recognises none."""
    from rechtmakers.syntax_hints import diagnose

    hint = diagnose(text, exc) if text else None
    if hint is not None:
        return LoadRefusal("Y001", hint.message, hint.line, hint.column)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", "") or "")
    message = next(
        (dutch for english, dutch in _SYNTAX_MESSAGES if english in problem),
        "De YAML is hier niet geldig. Kijk naar inspringing, dubbele punten en aanhalingstekens.",
    )
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    return LoadRefusal("Y001", message, line, column)


class _Frame:
    """One open mapping or sequence while composing."""

    __slots__ = ("container", "path", "key", "key_mark", "is_map")

    def __init__(self, container: Any, path: YamlPath, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_mark: Any = None
        self.is_map = is_map


# A raw span as the composer records it (libyaml marks, built into a Span only when asked):
# (start mark, end mark, scalar style, key mark or None).
RawSpan = tuple[Any, Any, "str | None", Any]


def _compose(text: str) -> tuple[Any, dict[YamlPath, RawSpan], dict[YamlPath, int]]:
    """Compose libyaml's events into plain values; one flat loop, as this is the hot path."""
    spans: dict[YamlPath, RawSpan] = {}
    cut: dict[YamlPath, int] = {}
    comment_lines = _lines_with_trailing_comment(text) if " #" in text else frozenset()
    root: list[Any] = []
    stack: list[_Frame] = []
    top: _Frame | None = None
    documents = 0
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is scalar_event:
                tag = event.tag
                if event.anchor is not None or (tag is not None and tag not in _PLAIN_TAGS):
                    _refuse_anchor_or_tag(event)
                if top is not None and top.is_map and top.key is None:
                    _take_key(top, event)
                    continue
                value: Any = event.value
                style = event.style or None
                if tag is not None or (style is None and (not value
                                                          or value[0] in _IMPLICIT_FIRST)):
                    value = _scalar_value(event)
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or (event.tag is not None
                                                and event.tag not in _PLAIN_TAGS):
                    _refuse_anchor_or_tag(event)
                if top is not None and top.is_map and top.key is None:
                    raise LoadRefusal("Y011", "Een sleutel moet gewone tekst zijn, geen "
                                      "lijst of blok.", *_pos(event.start_mark))
                if len(stack) >= MAX_DEPTH:
                    raise LoadRefusal("Y008", f"De YAML is hier te diep genest (meer dan "
                                      f"{MAX_DEPTH} niveaus).", *_pos(event.start_mark))
                value = {} if kind is mapping_start else []
                style = None
            if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                if top is None:
                    path: YamlPath = ()
                    root.append(value)
                    key_mark = None
                elif top.is_map:
                    path = (*top.path, top.key)  # type: ignore[arg-type]
                    top.container[top.key] = value
                    key_mark, top.key = top.key_mark, None
                else:
                    path = (*top.path, len(top.container))
                    top.container.append(value)
                    key_mark = None
                spans[path] = (event.start_mark, event.end_mark, style, key_mark)
                if comment_lines and kind is scalar_event \
                        and event.end_mark.line in comment_lines and style != "|" \
                        and style != ">" and isinstance(value, str):
                    comment = _comment_after(text, event.end_mark.index)
                    if comment >= 0:
                        cut[path] = comment
                if kind is not scalar_event:
                    top = _Frame(value, path, kind is mapping_start)
                    stack.append(top)
                continue
            if kind is mapping_end or kind is sequence_end:
                frame = stack.pop()
                old = spans[frame.path]
                spans[frame.path] = (old[0], event.end_mark, None, old[3])
                top = stack[-1] if stack else None
            elif kind is alias_event:
                _refuse_alias(event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadRefusal("Y010", "Het bestand bevat meer dan één YAML-document (---). "
                                      "Eén bestand is één document.", *_pos(event.start_mark))
            elif kind is yaml.StreamEndEvent:
                break
    except yaml.YAMLError as exc:
        raise _syntax_refusal(exc, text) from None
    finally:
        loader.dispose()
    if not root or root[0] is None:
        raise LoadRefusal("Y004", "Het bestand is leeg: er staat alleen commentaar of niets in.")
    return root[0], spans, cut


_TRAILING_COMMENT = re.compile(r"[^\s#][ \t]+#")


def _lines_with_trailing_comment(text: str) -> frozenset[int]:
    """The 0-based numbers of the lines where a comment follows something else: one pass."""
    lines: set[int] = set()
    line, counted = 0, 0
    for match in _TRAILING_COMMENT.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        lines.add(line)
    return frozenset(lines)


def _comment_after(text: str, index: int) -> int:
    """The offset of a comment that follows a scalar ending at index on the same line, or -1."""
    end = text.find("\n", index)
    rest = text[index:end] if end >= 0 else text[index:]
    if "#" not in rest:
        return -1
    stripped = rest.lstrip(" ")
    return index + len(rest) - len(stripped) if stripped.startswith("#") else -1


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _take_key(frame: _Frame, event: Any) -> None:
    key = event.value
    if key in frame.container:
        raise LoadRefusal(
            "Y007",
            f'De sleutel "{key}" staat hier voor de tweede keer. YAML houdt dan stilzwijgend '
            "alleen de laatste: voeg de twee samen of verwijder er één.",
            *_pos(event.start_mark),
        )
    frame.key = key
    frame.key_mark = event.start_mark


def _refuse_alias(event: Any) -> None:
    from rechtmakers.syntax_hints import indicator_hint

    hint = indicator_hint("*", *_pos(event.start_mark))
    raise LoadRefusal("Y006", f"{hint.message} Verwijzingen met * (aliassen) zijn niet "
                      "toegestaan.", hint.line, hint.column)


def _refuse_anchor_or_tag(event: Any) -> None:
    plain = hasattr(event, "value") and not event.style  # a plain scalar, not a collection
    if plain and event.value and event.start_mark.line == event.end_mark.line:
        # `tekst: &Altijd overleggen` or `tekst: !Let op`: text that starts with & or !.
        tag = str(event.tag or "")
        char = "&" if event.anchor is not None else "!"
        if char == "&" or not (tag.startswith("!!") or tag.startswith("tag:")):
            from rechtmakers.syntax_hints import indicator_hint

            hint = indicator_hint(char, *_pos(event.start_mark))
            raise LoadRefusal("Y006" if char == "&" else "Y005", hint.message, hint.line,
                              hint.column)
    if event.anchor is not None:
        raise LoadRefusal("Y006", f'Ankers (&{event.anchor}) zijn niet toegestaan: een '
                          "overeenkomst schrijft elke tekst voluit.", *_pos(event.start_mark))
    shown = str(event.tag).replace("tag:yaml.org,2002:", "!!")
    raise LoadRefusal("Y005", f'De YAML-tag "{shown}" is niet toegestaan. Laat de tag weg: '
                      "een overeenkomst bevat alleen tekst, getallen, lijsten en "
                      "sleutels.", *_pos(event.start_mark))


_ScalarMaker = Callable[[Any, Any], Any]
_BOOL, _INT, _FLOAT = (f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float"))
_YAML11_TAGS = frozenset({_BOOL, _INT, _FLOAT})
_OCTAL_OR_BINARY = re.compile(r"[-+]?0(?:[0-7_]+|b[01_]+)")


def _refuse_yaml11(event: Any, tag: str) -> None:
    """Refuse what only YAML 1.1 reads as a number or yes/no (libyaml is 1.1; YAML 1.2 and
    every reader of the file see text): 1:20 (sexagesimal 80), 017 (octal 15), 1_000, on, yes.
    """
    value: str = event.value
    if tag == _BOOL:
        if value.lower() in ("true", "false"):
            return
        meaning = "ja/nee" + (" (waar)" if value.lower() in ("yes", "on") else " (onwaar)")
        advice = "bedoel je ja of nee, schrijf dan true of false"
    elif ":" in value:
        meaning = f"een zestigtallig getal ({_number(event, tag)})"
        advice = f"bedoel je een getal, schrijf dan {_number(event, tag)}"
    elif "_" in value or (tag == _INT and _OCTAL_OR_BINARY.fullmatch(value)):
        meaning = f"het getal {_number(event, tag)}"
        advice = f"bedoel je dat getal, schrijf dan {_number(event, tag)}"
    else:
        return
    raise LoadRefusal(
        "Y014",
        f'YAML leest {value} hier als {meaning}, niet als wat er staat (een overblijfsel van '
        f'YAML 1.1). Bedoel je tekst, zet die dan tussen aanhalingstekens: "{value}"; '
        f"{advice}.", *_pos(event.start_mark))


def _number(event: Any, tag: str) -> str:
    maker: _ScalarMaker = _constructor.yaml_constructors[tag]
    try:
        return str(maker(_constructor, yaml.ScalarNode(tag, event.value)))
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return "?"


def _scalar_value(event: Any) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if event.style or not event.implicit[0]:
            return value
        resolve = _resolver.resolve
        tag = resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return value
    if tag in _YAML11_TAGS and event.implicit[0]:
        _refuse_yaml11(event, tag)
    maker: _ScalarMaker | None = _constructor.yaml_constructors.get(tag)
    if maker is None:
        return value
    try:
        return maker(_constructor, yaml.ScalarNode(tag, value))
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        # An impossible date such as 2026-13-45: keep the text, the schema will name it.
        return value

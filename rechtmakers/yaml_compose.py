"""libyaml's events composed into plain Python values with the place of each, refusing what is
unsafe or ambiguous as it passes: duplicate keys, anchors, aliases, tags, YAML 1.1 numbers and
too deep nesting. load.py reads a file and hands its text here.

`compose` is the hot path of every validation (each event of each file passes through it): one
loop over the kinds of libyaml event, each handled by one method of _Composer, and each refusal a
helper below. That one call per event was measured: about 6 % of compose's own time on the 3.9 MB
of the 1,000-article benchmark, below the noise of `bench_validate.py`; the scalar, most of the
events, is therefore placed inline rather than through a second call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

MAX_DEPTH = 20

YamlPath = tuple[str | int, ...]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
) | {"!"}
_ALLOWED_TAGS: frozenset[str | None] = _PLAIN_TAGS | {None}  # None: no tag written
# First characters with which a plain scalar may be something other than a string.
_IMPLICIT_FIRST = frozenset(k for k in _resolver.yaml_implicit_resolvers if k)


class LoadRefusal(Exception):
    """The file is refused; carries the rule code, a Dutch message and a 1-based position."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column



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


def syntax_refusal(exc: yaml.YAMLError, text: str = "") -> LoadRefusal:
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


def compose(text: str) -> tuple[Any, dict[YamlPath, RawSpan], dict[YamlPath, int]]:
    """Compose libyaml's events into plain values, with the place of each and the offset of a
    trailing comment after a scalar."""
    composer = _Composer(text)
    scalar_event = yaml.ScalarEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    scalar, start, end = composer.scalar, composer.start, composer.end
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is scalar_event:
                scalar(event)
            elif kind is mapping_start or kind is sequence_start:
                start(event, kind is mapping_start)
            elif kind is mapping_end or kind is sequence_end:
                end(event)
            elif kind is yaml.StreamEndEvent:
                break
            else:
                composer.other(event)
    except yaml.YAMLError as exc:
        raise syntax_refusal(exc, text) from None
    finally:
        loader.dispose()
    root = composer.root
    if not root or root[0] is None:
        raise LoadRefusal("Y004", "Het bestand is leeg: er staat alleen commentaar of niets in.")
    return root[0], composer.spans, composer.cut


class _Composer:
    """What compose has built so far: the values, the open collections and the places."""

    __slots__ = ("text", "spans", "cut", "comment_lines", "root", "stack", "top", "documents")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: dict[YamlPath, RawSpan] = {}
        self.cut: dict[YamlPath, int] = {}
        self.comment_lines = (_lines_with_trailing_comment(text) if " #" in text
                              else frozenset[int]())
        self.root: list[Any] = []
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None
        self.documents = 0

    def scalar(self, event: Any) -> None:
        """A scalar: a key of the open mapping, or a value in its place. (Placed here rather
        than through place(): most events are scalars, and a call per event shows.)"""
        tag = event.tag
        if event.anchor is not None or tag not in _ALLOWED_TAGS:
            _refuse_anchor_or_tag(event)
        top = self.top
        if top is not None and top.is_map and top.key is None:
            if event.value in top.container:
                _refuse_duplicate_key(event)
            top.key, top.key_mark = event.value, event.start_mark
            return
        value: Any = event.value
        style = event.style or None
        if tag is not None or (style is None and (not value or value[0] in _IMPLICIT_FIRST)):
            value = _scalar_value(event)
        key_mark = None
        if top is None:
            path: YamlPath = ()
            self.root.append(value)
        elif top.is_map:
            path = (*top.path, top.key)  # type: ignore[arg-type]
            top.container[top.key] = value
            key_mark, top.key = top.key_mark, None
        else:
            path = (*top.path, len(top.container))
            top.container.append(value)
        self.spans[path] = (event.start_mark, event.end_mark, style, key_mark)
        if self.comment_lines:
            self.cut_comment(event, value, style, path)

    def cut_comment(self, event: Any, value: Any, style: str | None, path: YamlPath) -> None:
        """Note where a comment starts after a one-line text scalar (not a block: | or >)."""
        if event.end_mark.line in self.comment_lines and style != "|" and style != ">" \
                and isinstance(value, str):
            comment = _comment_after(self.text, event.end_mark.index)
            if comment >= 0:
                self.cut[path] = comment

    def start(self, event: Any, is_map: bool) -> None:
        """A mapping or sequence opens: placed now, filled by the events that follow."""
        if event.anchor is not None or event.tag not in _ALLOWED_TAGS:
            _refuse_anchor_or_tag(event)
        top = self.top
        if top is not None and top.is_map and top.key is None:
            raise LoadRefusal("Y011", "Een sleutel moet gewone tekst zijn, geen lijst of blok.",
                              *_pos(event.start_mark))
        if len(self.stack) >= MAX_DEPTH:
            raise LoadRefusal("Y008", f"De YAML is hier te diep genest (meer dan {MAX_DEPTH} "
                              "niveaus).", *_pos(event.start_mark))
        value: dict[str, Any] | list[Any] = {} if is_map else []
        self.top = _Frame(value, self.place(value, event, None), is_map)
        self.stack.append(self.top)

    def place(self, value: Any, event: Any, style: str | None) -> YamlPath:
        """Put value where it belongs (the root, under the pending key, at the end of the
        list) and record its span; its path."""
        top = self.top
        key_mark = None
        if top is None:
            path: YamlPath = ()
            self.root.append(value)
        elif top.is_map:
            path = (*top.path, top.key)  # type: ignore[arg-type]
            top.container[top.key] = value
            key_mark, top.key = top.key_mark, None
        else:
            path = (*top.path, len(top.container))
            top.container.append(value)
        self.spans[path] = (event.start_mark, event.end_mark, style, key_mark)
        return path

    def end(self, event: Any) -> None:
        """A mapping or sequence closes: its span ends here."""
        frame = self.stack.pop()
        old = self.spans[frame.path]
        self.spans[frame.path] = (old[0], event.end_mark, None, old[3])
        self.top = self.stack[-1] if self.stack else None

    def other(self, event: Any) -> None:
        """An alias (refused), a second document (refused), or an event that adds nothing."""
        if type(event) is yaml.AliasEvent:
            _refuse_alias(event)
        elif type(event) is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise LoadRefusal("Y010", "Het bestand bevat meer dan één YAML-document (---). "
                                  "Eén bestand is één document.", *_pos(event.start_mark))


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


def _refuse_duplicate_key(event: Any) -> None:
    raise LoadRefusal(
        "Y007",
        f'De sleutel "{event.value}" staat hier voor de tweede keer. YAML houdt dan '
        "stilzwijgend alleen de laatste: voeg de twee samen of verwijder er één.",
        *_pos(event.start_mark),
    )


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

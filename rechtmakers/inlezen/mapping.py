"""From a changed paragraph back to the source field it shows, keeping the source syntax.

The rendered text of a unit (R) is aligned word by word with its source (S: the fields' YAML
values, with the generated words between them). Words of R that equal words of a field map to
that field; the rest (a reference's "artikel 5", a party's name, a number, a label) is
generated. An edit of the returned text (T) that touches only mapped words is spliced into the
field at the mapped place, so `[[conflictdialoog]]` beside an edit stays as it is; an edit that
touches generated words is reported, never applied.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rechtmakers.diff.myers import Opcode, alignment_opcodes
from rechtmakers.diff.words import tokenize
from rechtmakers.render.docx_body import FieldRef, Part
from rechtmakers.render.typography import curly

# Fields shown as plain words (no Markdown): what a reviewer types goes in unescaped.
PLAIN_FIELDS = frozenset({"titel", "naam", "wie", "termijn", "orgaan", "quorum"})
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


# The writer draws the source's straight quotes as Dutch curly ones (render.typography): a
# rendered ’ is the source's ' and lines up with it.
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _key(token: str) -> str:
    return " " if token.isspace() else token.translate(_STRAIGHT)


def as_typed(text: str) -> str:
    """A reviewer's words with the quotes the drawing would make of straight ones back as
    straight quotes (as the source has them); quotes the drawing would not make stay."""
    straight = text.translate(_STRAIGHT)
    return straight if straight != text and curly(straight) == text else text


@dataclass(frozen=True)
class FieldEdit:
    """One edit of a field's source text: characters start..end become text."""

    field: FieldRef
    start: int
    end: int
    text: str
    before: str  # the rendered words that were there
    after: str


@dataclass(frozen=True)
class Refused:
    """An edit of generated words: shown, not applied."""

    before: str
    after: str


def map_edits(rendered: str, returned: str, parts: Sequence[Part],
              values: dict[FieldRef, str]) -> tuple[list[FieldEdit], list[Refused]]:
    """The edits that turn rendered into returned, as edits of the source fields."""
    r_tokens, t_tokens = tokenize(rendered), tokenize(returned)
    s_tokens: list[str] = []
    owner: list[tuple[FieldRef, int] | None] = []  # per S token: (field, char offset) or None
    ends: dict[FieldRef, int] = {}
    for part in parts:
        if isinstance(part, str):
            found = tokenize(part)
            s_tokens.extend(found)
            owner.extend([None] * len(found))
            continue
        value = values.get(part)
        if value is None:
            continue
        offset = 0
        for token in tokenize(value):
            s_tokens.append(token)
            owner.append((part, offset))
            offset += len(token)
        ends[part] = len(value)
    to_source = _alignment(r_tokens, s_tokens)
    edits: list[FieldEdit] = []
    refused: list[Refused] = []
    script = alignment_opcodes(r_tokens, t_tokens)
    for tag, i1, i2, j1, j2 in _joined(script, r_tokens):
        if tag == "equal":
            continue
        before, after = "".join(r_tokens[i1:i2]), "".join(t_tokens[j1:j2])
        place = _place(i1, i2, to_source, owner, s_tokens, ends)
        if place is None:
            refused.append(Refused(before, after))
            continue
        ref, start, end = place
        typed = as_typed(after)
        text = typed if ref[1][-1] in PLAIN_FIELDS else _MARKDOWN_SPECIAL.sub(r"\\\1", typed)
        edits.append(FieldEdit(ref, start, end, text, before, after))
    return edits, refused


def _joined(script: list[Opcode], r_tokens: list[str]) -> list[Opcode]:
    """Changes separated only by a space become one change: "Komen we er" → "Lukt dat"
    is one edit, not three."""
    joined: list[Opcode] = []
    for op in script:
        tag, i1, i2, j1, j2 = op
        if joined and tag != "equal" and len(joined) >= 2 and joined[-2][0] != "equal":
            gap = joined[-1]
            if gap[0] == "equal" and all(t.isspace() for t in r_tokens[gap[1]:gap[2]]):
                first = joined[-2]
                joined[-2:] = [("replace", first[1], i2, first[3], j2)]
                continue
        joined.append(op)
    return joined


def _alignment(r_tokens: list[str], s_tokens: list[str]) -> list[int | None]:
    """For each rendered token, the source token it is (None: generated or markup)."""
    result: list[int | None] = [None] * len(r_tokens)
    keys_r = [_key(t) for t in r_tokens]
    keys_s = [_key(t) for t in s_tokens]
    for tag, i1, i2, j1, _j2 in alignment_opcodes(keys_r, keys_s):
        if tag == "equal":
            for k in range(i2 - i1):
                result[i1 + k] = j1 + k
    return result


def _place(i1: int, i2: int, to_source: list[int | None],
           owner: list[tuple[FieldRef, int] | None], s_tokens: list[str],
           ends: dict[FieldRef, int]) -> tuple[FieldRef, int, int] | None:
    """The field and character range that rendered tokens i1..i2 come from; for an insertion
    (i1 == i2) the place between its neighbours. None when generated words are involved."""
    if i1 < i2:
        sources = to_source[i1:i2]
        if any(s is None for s in sources):
            return None
        first, last = owner[sources[0]], owner[sources[-1]]  # type: ignore[index]
        if first is None or last is None or first[0] != last[0]:
            return None
        return first[0], first[1], last[1] + len(s_tokens[sources[-1]])  # type: ignore[index]
    before = to_source[i1 - 1] if i1 > 0 else None
    if before is not None and (mine := owner[before]) is not None:
        ref, offset = mine
        end = offset + len(s_tokens[before])
        if not s_tokens[before].isspace() or i1 >= len(to_source) or to_source[i1] is not None:
            return ref, end, end
    after = to_source[i1] if i1 < len(to_source) else None
    if after is not None and (mine := owner[after]) is not None:
        return mine[0], mine[1], mine[1]
    if before is not None and (mine := owner[before]) is not None:
        end = mine[1] + len(s_tokens[before])
        return mine[0], end, end
    if not to_source and len(ends) == 1:  # an empty field that is all the unit shows
        ref = next(iter(ends))
        return ref, ends[ref], ends[ref]
    return None


def apply_edits(value: str, edits: Sequence[FieldEdit]) -> str:
    """The field's text with its edits spliced in (they never overlap: they come from one
    edit script over the rendered words, in order)."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        value = value[:edit.start] + edit.text + value[edit.end:]
    return value

"""Word-level edits between two texts, with tokens that keep every space and punctuation mark."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from rechtmakers.diff.myers import sequence_opcodes

Op = Literal["equal", "delete", "insert"]

# A word, a run of white space, or one other character: every character falls in one of them,
# so joining the tokens gives the text back exactly. The one tokenizer of diff and inlezen.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


class Edit(NamedTuple):
    """A stretch of text: kept (equal), only in the old text (delete) or only in the new
    (insert). A named tuple: a long comparison makes tens of thousands of them."""

    op: Op
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"op": self.op, "text": self.text}


def tokenize(text: str) -> list[str]:
    """Words, runs of white space and single other characters; "".join() rebuilds text."""
    return _TOKEN.findall(text)


def old_text(edits: Iterable[Edit]) -> str:
    """The text before the edits."""
    return "".join(e.text for e in edits if e.op != "insert")


def new_text(edits: Iterable[Edit]) -> str:
    """The text after the edits."""
    return "".join(e.text for e in edits if e.op != "delete")


def is_unchanged(edits: Iterable[Edit]) -> bool:
    return all(e.op == "equal" for e in edits)


def word_edits(old: str, new: str) -> list[Edit]:
    """The edits that turn old into new, word by word."""
    if old == new:
        return [Edit("equal", old)] if old else []
    a, b = tokenize(old), tokenize(new)
    small = _small_change(a, b)
    if small is not None:
        return small
    # Edited: the shortest edit script; rewritten: the longest common stretches.
    codes = sequence_opcodes(a, b)
    raw: list[Edit] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            raw.append(Edit("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Edit("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Edit("insert", "".join(b[j1:j2])))
    merged = coalesce(raw)
    return coalesce(_fold_short_equals(merged)) if len(merged) > 3 else merged


def _small_change(a: list[str], b: list[str]) -> list[Edit] | None:
    """One token (or none) replaced by one token (or none): the common case of a renumbered
    reference ("artikel 4" → "artikel 5"), answered without the general comparison."""
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    suffix = 0
    limit = min(len(a), len(b)) - prefix
    while suffix < limit and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    middle_a, middle_b = a[prefix:len(a) - suffix], b[prefix:len(b) - suffix]
    if len(middle_a) > 1 or len(middle_b) > 1:
        return None
    edits = [Edit("equal", "".join(a[:prefix])), Edit("delete", "".join(middle_a)),
             Edit("insert", "".join(middle_b)), Edit("equal", "".join(a[len(a) - suffix:]))]
    return [edit for edit in edits if edit.text]


# Below this share of words kept, a line was rewritten (another lid in the place of one that
# went), not edited: shown deleted whole and inserted whole, never as a word salad.
KEPT_AT_LEAST = 0.4


def rewritten_or_edited(old: str, new: str) -> list[Edit]:
    """One line's edits: word by word, or, when little of it stayed, the old line deleted and
    the new one inserted."""
    if old == new:
        return [Edit("equal", old)] if old else []
    words_old = [w for w in tokenize(old) if not w.isspace()]
    words_new = [w for w in tokenize(new) if not w.isspace()]
    longest = max(len(words_old), len(words_new))
    if longest and kept(words_old, words_new) / longest < KEPT_AT_LEAST:
        return [edit for edit in (Edit("delete", old), Edit("insert", new)) if edit.text]
    return word_edits(old, new)


def kept(a: Sequence[str], b: Sequence[str]) -> int:
    """How many items of a and b stay in their longest common order."""
    return sum(i2 - i1 for tag, i1, i2, _, _ in sequence_opcodes(a, b) if tag == "equal")


def line_edits(old_lines: Sequence[str], new_lines: Sequence[str]) -> list[Edit]:
    """Edits over texts made of lines (each ending in a newline): whole lines first, then words.

    Aligning lines first keeps the word comparison small, so long texts stay fast, and an
    inserted or removed paragraph shows as one piece.
    """
    if list(old_lines) == list(new_lines):
        return [Edit("equal", "".join(old_lines))] if old_lines else []
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in sequence_opcodes(old_lines, new_lines):
        if tag == "replace" and i2 - i1 == j2 - j1:
            # As many lines on both sides: compare them in pairs, each on its own (faster, and
            # a change stays within its paragraph).
            for before, after in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
                edits.extend(rewritten_or_edited(before, after))
            continue
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            edits.append(Edit("equal", before))
        elif tag == "delete":
            edits.append(Edit("delete", before))
        elif tag == "insert":
            edits.append(Edit("insert", after))
        else:
            edits.extend(word_edits(before, after))
    return coalesce(edits)


def split_lines(edits: Iterable[Edit]) -> list[list[Edit]]:
    """The edits cut at each newline: one list per line, without the newline itself."""
    lines: list[list[Edit]] = [[]]
    for edit in edits:
        parts = edit.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(Edit(edit.op, part))
    if not lines[-1]:
        lines.pop()
    return lines


def _fold_short_equals(edits: list[Edit]) -> list[Edit]:
    """Fold an unchanged stretch between two changes into them when it is no longer than the
    changes on either side: "[-de grote-]{+het kleine+}" reads better than
    "[-de-]{+het+} [-grote-]{+kleine+}" (the semantic clean-up of diff-match-patch)."""
    groups = _as_groups(edits)
    i = 1
    while i < len(groups) - 1:
        equal = groups[i]
        if isinstance(equal, str) and "\n" not in equal and _short_between(groups, i):
            before, after = groups[i - 1], groups[i + 1]
            assert not isinstance(before, str) and not isinstance(after, str)
            groups[i - 1:i + 2] = [(before[0] + equal + after[0], before[1] + equal + after[1])]
            i = max(i - 1, 1)
        else:
            i += 1
    out: list[Edit] = []
    for group in groups:
        if isinstance(group, str):
            out.append(Edit("equal", group))
        else:
            out.extend([Edit("delete", group[0]), Edit("insert", group[1])])
    return out


def _as_groups(edits: list[Edit]) -> list[str | tuple[str, str]]:
    """Equal text as a string, each change as (deleted, inserted)."""
    groups: list[str | tuple[str, str]] = []
    for edit in edits:
        if edit.op == "equal":
            groups.append(edit.text)
        elif groups and not isinstance(groups[-1], str):
            deleted, inserted = groups[-1]
            groups[-1] = (deleted + edit.text, inserted) if edit.op == "delete" else (
                deleted, inserted + edit.text)
        else:
            groups.append((edit.text, "") if edit.op == "delete" else ("", edit.text))
    return groups


def _short_between(groups: list[str | tuple[str, str]], i: int) -> bool:
    before, equal, after = groups[i - 1], groups[i], groups[i + 1]
    if isinstance(before, str) or isinstance(after, str):
        return False
    return len(equal) <= max(map(len, before)) and len(equal) <= max(map(len, after))


def coalesce(edits: Iterable[Edit]) -> list[Edit]:
    """Merge neighbours of the same kind; within each change, deletions before insertions."""
    out: list[Edit] = []
    kept: list[str] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for edit in edits:
        if not edit.text:
            continue
        if edit.op == "equal":
            if deleted or inserted:
                _flush_change(out, deleted, inserted)
            kept.append(edit.text)
            continue
        if kept:
            out.append(Edit("equal", "".join(kept)))
            kept.clear()
        (deleted if edit.op == "delete" else inserted).append(edit.text)
    if deleted or inserted:
        _flush_change(out, deleted, inserted)
    if kept:
        out.append(Edit("equal", "".join(kept)))
    return out


def _flush_change(out: list[Edit], deleted: list[str], inserted: list[str]) -> None:
    if deleted:
        out.append(Edit("delete", "".join(deleted)))
        deleted.clear()
    if inserted:
        out.append(Edit("insert", "".join(inserted)))
        inserted.clear()

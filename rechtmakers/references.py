"""Inline references in clause text: [[artikel]] (or [[bijlage]]), [[artikel.lid]] and @partij."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ARTICLE_REF = re.compile(rf"({_SLUG})(?:\.({_SLUG}))?")
# Both patterns start with a literal, so the regex engine can skip ahead to candidates. A [[
# or ]] that is not part of a whole [[…]] on one line is found too: it is a malformed reference.
_BRACKETS = re.compile(r"\[\[([^\[\]\n]*)\]\]|\[\[|\]\]")
_MENTION = re.compile(r"@(" + _SLUG + r")\b(?!\.\w)|@(?!\w)")

RefKind = Literal["article", "member", "party", "malformed"]


class Reference(NamedTuple):
    """One reference found in a text, with its offsets (a tuple: thousands are made per run)."""

    kind: RefKind
    start: int
    end: int
    raw: str
    article: str = ""
    member: str = ""
    party: str = ""


def find_references(text: str) -> list[Reference]:
    """Every [[…]] and @… in text, in order; what only looks like one is "malformed"."""
    if "[[" not in text and "]]" not in text and "@" not in text:
        return []
    found = _bracketed(text) if "[[" in text or "]]" in text else []
    if "@" not in text:
        return found
    mentions = _mentions(text, [(ref.start, ref.end) for ref in found])
    if not found:
        return mentions
    return sorted(found + mentions, key=lambda ref: ref.start)


def _bracketed(text: str) -> list[Reference]:
    """Every [[…]], [[ and ]] in text, in order."""
    found: list[Reference] = []
    for match in _BRACKETS.finditer(text):
        start, end, raw = match.start(), match.end(), match.group()
        inner = match.group(1)
        target = _ARTICLE_REF.fullmatch(inner) if inner is not None else None
        if target is None:
            found.append(Reference("malformed", start, end, raw))
        elif target.group(2):
            found.append(Reference("member", start, end, raw, target.group(1),
                                   target.group(2)))
        else:
            found.append(Reference("article", start, end, raw, target.group(1)))
    return found


def _mentions(text: str, brackets: list[tuple[int, int]]) -> list[Reference]:
    """Every @partij (and lone @) in text, in order, outside the spans of brackets (sorted) and
    not part of an e-mail address."""
    found: list[Reference] = []
    index = 0
    for match in _MENTION.finditer(text):
        start = match.start()
        while index < len(brackets) and brackets[index][1] <= start:
            index += 1
        if index < len(brackets) and brackets[index][0] <= start:
            continue  # inside [[…]]: part of that reference
        before = text[start - 1] if start else " "
        if before.isalnum() or before in "_@.":
            continue  # an e-mail address
        if match.group(1):
            found.append(Reference("party", start, match.end(), match.group(),
                                   party=match.group(1)))
        else:
            found.append(Reference("malformed", start, start + 1, "@"))
    return found

"""Inline references in clause text: [[artikel]] (or [[bijlage]]), [[artikel.lid]] and @partij."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ARTICLE_REF = re.compile(rf"^({_SLUG})(?:\.({_SLUG}))?$")
# Both patterns start with a literal, so the regex engine can skip ahead to candidates.
_BRACKETS = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_MENTION = re.compile(r"@(" + _SLUG + r")\b(?!\.\w)")

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
    """Every [[…]] and @… in text, in order."""
    if "[[" not in text and "@" not in text:
        return []
    found = []
    if "@" in text:
        for match in _MENTION.finditer(text):
            before = text[match.start() - 1] if match.start() else " "
            if not (before.isalnum() or before in "_@."):  # not an e-mail address
                found.append(Reference("party", match.start(), match.end(), match.group(),
                                       party=match.group(1)))
    if "[[" not in text:
        return found
    for match in _BRACKETS.finditer(text):
        start, end, raw = match.start(), match.end(), match.group()
        target = _ARTICLE_REF.match(match.group(1).strip())
        if target is None:
            found.append(Reference("malformed", start, end, raw))
        elif target.group(2):
            found.append(Reference("member", start, end, raw, target.group(1), target.group(2)))
        else:
            found.append(Reference("article", start, end, raw, target.group(1)))
    return sorted(found, key=lambda ref: ref.start) if "@" in text else found

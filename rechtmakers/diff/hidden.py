"""Binding changes that the rendered words do not show: a link's target, emphasis, another
kind of space, an invisible character, a key that is not printed. Each becomes a Dutch note
("link gewijzigd: … → …", "nadruk verwijderd: …") that every view shows beside the words."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from rechtmakers.diff import text as _words
from rechtmakers.diff.text import plain_words

# The same patterns as the words are read with (diff.text: linear in the text, also for
# thousands of unclosed markers), and a link with its target.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
SPACE_NAMES = {
    " ": "gewone spatie",
    "\u00a0": "vaste spatie (U+00A0)",
    "\u202f": "smalle vaste spatie (U+202F)",
    "\u2007": "cijferspatie (U+2007)",
    "\u2009": "dunne spatie (U+2009)",
    "\u200a": "haarspatie (U+200A)",
    "\u200b": "spatie zonder breedte (U+200B)",
    "\u00ad": "zacht afbreekstreepje (U+00AD)",
    "\u2060": "woordverbinder (U+2060)",
    "\ufeff": "onzichtbare vaste spatie (U+FEFF)",
}
_CONTEXT = 24


def text_notes(old: str, new: str) -> list[str]:
    """What differs between two binding texts (canonical: NFC, blanks collapsed) beyond their
    words: links, emphasis, code, kinds of space and invisible characters."""
    if old == new:
        return []
    notes = _link_notes(old, new)
    notes += _emphasis_notes(old, new)
    notes += _space_notes(old, new)
    return notes


def value_notes(label: str, old: Any, new: Any, words_differ: bool | None = None
                ) -> list[str]:
    """Notes for one changed value (of the readable view of the digest's form: see
    digest.readable_article); a difference the diff's words hide and no other note explains is
    named as such, so no binding change is ever silent.

    words_differ: whether the words the diff shows for this value (read from the source,
    diff.text) differ; by default, whether the plain words of old and new do. A change of the
    parsed structure that the words do not show (a paragraph indented into a code block or a
    list item) becomes "opmaak gewijzigd", with the readable Markdown of both sides.
    """
    if isinstance(old, str) and isinstance(new, str):
        notes = text_notes(old, new)
        same_words = plain_words(old) == plain_words(new)
        if notes or (not same_words if words_differ is None else words_differ):
            return notes
        if same_words:
            return [f"schrijfwijze gewijzigd in {label}: «{_snippet(old, new)}» → "
                    f"«{_snippet(new, old)}»"]
        return [f"opmaak gewijzigd in {label}: «{_lines(_snippet(old, new))}» → "
                f"«{_lines(_snippet(new, old))}»"]
    return [f"{label} gewijzigd: {_shown(old)} → {_shown(new)}"]


def _link_notes(old: str, new: str) -> list[str]:
    if "](" not in old and "](" not in new:
        return []
    before = [(plain_words(m.group(1)), m.group(2)) for m in _LINK.finditer(old)]
    after = [(plain_words(m.group(1)), m.group(2)) for m in _LINK.finditer(new)]
    if before == after:
        return []
    notes: list[str] = []
    if len(before) == len(after):
        for (_, href_old), (text_new, href_new) in zip(before, after, strict=True):
            if href_old != href_new:
                notes.append(f"link gewijzigd: «{text_new}»: {href_old} → {href_new}")
        return notes
    gone, came = Counter(before) - Counter(after), Counter(after) - Counter(before)
    notes += [f"link verwijderd: «{text}» ({href})" for text, href in gone]
    notes += [f"link toegevoegd: «{text}» → {href}" for text, href in came]
    return notes


def _spans(text: str) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    if "*" in text or "_" in text:
        for match in _words._STRONG.finditer(text):
            found["vet", plain_words(match.group(1) or match.group(2))] += 1
        unstrong = _words._STRONG.sub(lambda m: m.group(1) or m.group(2), text)
        for match in _words._EMPHASIS.finditer(unstrong):
            found["cursief", plain_words(match.group(1) or match.group(2))] += 1
    if "`" in text:
        for match in _words._CODE.finditer(text):
            found["code", match.group(1)] += 1
    return found


def _emphasis_notes(old: str, new: str) -> list[str]:
    before, after = _spans(old), _spans(new)
    notes = [f"nadruk verwijderd: «{words}» ({kind})" for kind, words in before - after]
    notes += [f"nadruk toegevoegd: «{words}» ({kind})" for kind, words in after - before]
    return notes


def _special(text: str) -> Counter[str]:
    if text.isascii():
        return Counter()
    return Counter(c for c in text if c in SPACE_NAMES and c != " "
                   or (not c.isascii() and (c.isspace() or unicodedata.category(c) == "Cf")))


def _space_notes(old: str, new: str) -> list[str]:
    before, after = _special(old), _special(new)
    if before == after:
        return []
    start = _first_difference(old, new)
    was, now = old[start:start + 1], new[start:start + 1]
    where = f" bij «{_context(new, start)}»"
    if _is_space(was) and _is_space(now):
        return [f"andere spatie{where}: {_space_name(was)} → {_space_name(now)}"]
    notes = [f"{_space_name(c)} verwijderd{where}" for c in before - after]
    notes += [f"{_space_name(c)} toegevoegd{where}" for c in after - before]
    return notes


def _is_space(char: str) -> bool:
    return bool(char) and (char.isspace() or char in SPACE_NAMES)


def _space_name(char: str) -> str:
    if char in SPACE_NAMES:
        return SPACE_NAMES[char]
    name = unicodedata.name(char, "teken").lower()
    return f"{name} (U+{ord(char):04X})"


def _first_difference(old: str, new: str) -> int:
    i = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        i += 1
    return i


def _context(text: str, at: int) -> str:
    """A few whole words around position at."""
    before = text[max(0, at - _CONTEXT * 2):at].split()
    after = text[at:at + _CONTEXT * 2].split()
    if text[at:at + 1].isspace() or not after:
        words = [*before[-3:], *after[:3]]
    else:
        words = [*before[-3:-1], (before[-1] if before else "") + after[0], *after[1:3]]
    shown = " ".join(w for w in words if w)
    start = len(before) > 3 or at > _CONTEXT * 2
    return ("…" if start else "") + shown + ("…" if len(after) > 3 else "")


def _snippet(text: str, other: str) -> str:
    at = _first_difference(text, other)
    start = max(0, at - _CONTEXT)
    piece = text[start:at + _CONTEXT]
    return ("…" if start else "") + piece + ("…" if at + _CONTEXT < len(text) else "")


def _lines(text: str) -> str:
    """A snippet of readable Markdown on one line: its line breaks as " / "."""
    return " / ".join(text.split("\n"))


def _shown(value: Any) -> str:
    return "—" if value is None else str(value)

"""Characters a reader cannot see: which they are, and text made safe to show on a terminal."""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL and the C1 controls: never part of a text.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi overrides, embeddings and isolates (and the invisible direction marks), which reorder
# what is shown; zero-width characters, which hide inside a word.
BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
HIDDEN = re.compile(f"[{BIDI}{ZERO_WIDTH}]")
# What rule H002 looks for: the above, the soft hyphen, the invisible operators and the
# Mongolian vowel separator. Bidi overrides and isolates are refused wherever they stand.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE = re.compile(f"[{BIDI}{ZERO_WIDTH}\u00ad\u180e\u2061-\u2064]")
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{ZERO_WIDTH}]")


def char_name(char: str) -> str:
    """"U+202E (RIGHT-TO-LEFT OVERRIDE)": a character as a reader can look it up."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} {name}" if name else code


_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BACKSPACE", "\x0b": "VERTICAL TAB",
                  "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE",
                  "\x7f": "DELETE", "\x85": "NEXT LINE", "\x9b": "CONTROL SEQUENCE INTRODUCER"}


def printable(text: str) -> str:
    """The text with every control, bidi and zero-width character shown as an escape such as
    \\x1b or \\u202e, so that data can never move the cursor, retitle a window or reorder what
    a terminal shows. Newlines and tabs stay."""
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_PICTURES = {**{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
             0x7F: 0x2421,
             **{code: 0xFFFD for code in range(0x80, 0xA0)},
             **{ord(c): 0xFFFD for c in "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"},
             **{code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}}


def pictured(text: str) -> str:
    """The text with every control, bidi and zero-width character replaced by one visible
    character (␛ for escape, � for the others): the same length, so styled spans stay put."""
    if not UNSAFE.search(text):
        return text
    return text.translate(_PICTURES)

"""Write a new text into one YAML scalar, in place: the rest of the file stays byte for byte.

The loader's span says where the scalar stands and in which style. A block scalar stays a
block scalar with its header and indentation; a quoted one keeps its quotes; a plain one stays
plain when the new text can be plain, and becomes double-quoted otherwise.
"""

from __future__ import annotations

import json
import re

from rechtmakers.load import Span

_PLAIN_UNSAFE = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: |\s#|[\s:]$|\n|\t")
_BLOCK_PREFIX = re.compile(r" *(?:- +)*(?:[^\s:#\[\]{}'\"][^:#\[\]{}]*: +)?(?:- +)*")
_NOT_STRING = re.compile(r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|"
                         r"No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_.:eE+-]*|\.inf|\.nan|"
                         r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


def splice(text: str, span: Span, value: str) -> str:
    """text with the scalar at span replaced by one that reads as value."""
    start, end = span.start, span.end
    if span.style in ("|", ">") and not value.startswith(" "):
        return _block(text, start, end, value, span.style)
    if "\n" in value.rstrip("\n") and not value.startswith(" ") and _block_allowed(text, start,
                                                                                 end):
        # Several lines read best as a literal block, indented under the key or the dash.
        indent = span.key_column + 1 if span.key_line else span.column - 1
        header = "|" if value.endswith("\n") else "|-"
        lines = value.removesuffix("\n").split("\n")
        body = "\n".join(f"{' ' * indent}{line}" if line.strip() else "" for line in lines)
        return text[:start] + header + "\n" + body + text[end:]
    if span.style == "'" and "\n" not in value:
        return text[:start] + "'" + value.replace("'", "''") + "'" + text[end:]
    if span.style is None and _plain_ok(value):
        return text[:start] + value + text[end:]
    return text[:start] + _double_quoted(value) + text[end:]


def _block_allowed(text: str, start: int, end: int) -> bool:
    """A block scalar may replace this one: it stands in block context (after "key: " or
    "- ", not inside [ ] or { }) and nothing follows it on its last line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end:line_end if line_end >= 0 else len(text)]
    return not rest.strip() and bool(_BLOCK_PREFIX.fullmatch(text[line_start:start]))


def _plain_ok(value: str) -> bool:
    return bool(value) and not _PLAIN_UNSAFE.search(value) and not _NOT_STRING.match(value)


def _double_quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def _block(text: str, start: int, end: int, value: str, style: str) -> str:
    header_end = text.find("\n", start, end)
    if header_end < 0:  # an empty block scalar at the end of the file
        header_end = end
    header = text[start:header_end]
    content = text[header_end + 1:end] if header_end < end else ""
    body = content.rstrip("\n")
    tail = content[len(body):]
    indent = _indent(content, text, start)
    if style == ">" and "\n" in value.rstrip("\n"):
        # Folding would join our lines; a literal block keeps them as written.
        header = "|" + header[1:]
    chomp = header[1:].lstrip("0123456789")[:1]
    lines = value.removesuffix("\n").split("\n") if value else []
    new_body = "\n".join(f"{indent}{line}" if line.strip() else "" for line in lines)
    if not tail and chomp != "-" and value.endswith("\n"):
        tail = "\n"
    return text[:start] + header + "\n" + new_body + tail + text[end:]


def _indent(content: str, text: str, start: int) -> str:
    """The indentation of the block's lines (or two more than its key's line when empty)."""
    for line in content.split("\n"):
        if line.strip():
            return line[:len(line) - len(line.lstrip(" "))]
    line_start = text.rfind("\n", 0, start) + 1
    key_line = text[line_start:start]
    return " " * (len(key_line) - len(key_line.lstrip(" ")) + 2)

"""The schema as the editor needs it: which keys a place allows, their Dutch description, and
the values a key allows."""

from __future__ import annotations

import typing
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from rechtmakers.schema_errors import field_model


def fields_at(model: type[BaseModel], keys: tuple[str, ...]) -> dict[str, FieldInfo] | None:
    """The fields (by Dutch key) of the mapping reached from model through keys."""
    current: type[BaseModel] | None = model
    for key in keys:
        current = field_model(current, key) if current is not None else None
    if current is None:
        return None
    return {info.alias or name: info for name, info in current.model_fields.items()}


def allowed_values(info: FieldInfo) -> list[str]:
    """The values a key allows when it is a fixed list (wijze, onderwerp, status, …)."""
    values: list[str] = []
    _literals(info.annotation, values)
    return values


def _literals(annotation: Any, out: list[str]) -> None:
    origin = get_origin(annotation)
    if origin is Literal:
        out.extend(str(arg) for arg in get_args(annotation))
    elif origin is typing.Annotated:
        _literals(get_args(annotation)[0], out)
    elif origin is not None:
        for arg in get_args(annotation):
            _literals(arg, out)


def describe(info: FieldInfo) -> str:
    """The key's Dutch title and description, as the schema gives them to editors."""
    title = info.title or info.alias or ""
    values = allowed_values(info)
    text = f"**{title}**: {info.description or ''}".rstrip(": ")
    if values:
        text += "\n\nKies uit: " + ", ".join(f"`{v}`" for v in values)
    return text


def _parts(line: str) -> tuple[int, int | None, str]:
    """A line's key column, the column of its list dash (None without one) and its key."""
    lead = len(line) - len(line.lstrip(" "))
    dash: int | None = None
    pos = lead
    while line.startswith("- ", pos) or line[pos:] == "-":
        dash = pos if dash is None else dash
        pos += 1
        while pos < len(line) and line[pos] == " ":
            pos += 1
    end = pos
    while end < len(line) and (line[end].isalnum() or line[end] in "-_"):
        end += 1
    key = line[pos:end] if line.startswith(":", end) else ""
    return pos, dash, key


def keys_above(lines: list[str], index: int, column: int) -> tuple[str, ...]:
    """The keys of the mappings that hold a key at column on line index, found by indentation
    (so that it works on a file that is half typed and does not load)."""
    keys: list[str] = []
    target = column
    for j in range(index - 1, -1, -1):
        line = lines[j]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        content, dash, key = _parts(line)
        if content < target and key:
            keys.insert(0, key)
            target = dash if dash is not None else content
        elif dash is not None and dash < target:
            target = dash
        if target == 0:
            break
    return tuple(keys)


def key_at(line: str, character: int) -> tuple[str, int] | None:
    """The key under the cursor on a line and its column, or None."""
    content, _, key = _parts(line)
    if key and content <= character <= content + len(key):
        return key, content
    return None

"""The shape of what `--format json` writes: a JSON value, checked by mypy where it is built.

Sequence and Mapping (not list and dict) so that a list of records' dicts is a JSON value
too: both are covariant in what they hold. A str enum (PartyState, ProofKind, KeyKind) is a
str, written as its value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

JsonValue: TypeAlias = (
    "str | int | float | bool | None | Sequence[JsonValue] | Mapping[str, JsonValue]")
JsonObject: TypeAlias = "dict[str, JsonValue]"

"""Translate pydantic's validation errors into Dutch findings at the loader's positions."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rechtmakers.findings import Problem
from rechtmakers.load import SourceFile

_TYPE_WORDS: dict[str, str] = {
    "string_type": "tekst",
    "int_type": "een heel getal",
    "int_parsing": "een heel getal",
    "int_from_float": "een heel getal",
    "float_type": "een getal",
    "float_parsing": "een getal",
    "bool_type": "ja of nee",
    "model_type": "een blok met sleutels en waarden",
    "model_attributes_type": "een blok met sleutels en waarden",
    "dict_type": "een blok met sleutels en waarden",
    "tuple_type": "een lijst (regels die met - beginnen)",
    "list_type": "een lijst (regels die met - beginnen)",
    "date_type": "een datum (JJJJ-MM-DD)",
}
_YAML_KINDS: dict[type, str] = {
    str: "tekst",
    int: "een getal",
    float: "een getal",
    bool: "ja/nee",
    dict: "een blok met sleutels",
    list: "een lijst",
    type(None): "niets",
}


# "Bedoelde je …?" compares a word with every allowed one: for the first findings of a file
# only, so that a file of a million unknown keys still reads in linear time.
SUGGESTION_LIMIT = 200
_MAX_GUESS_LENGTH = 100


def translate(exc: ValidationError, source: SourceFile, model: type[BaseModel]
              ) -> list[tuple[str, Problem]]:
    """One Dutch problem per pydantic error, placed where the loader saw the value or key."""
    problems = []
    for i, error in enumerate(exc.errors()):
        loc = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
        code, message, key = _describe(error, loc, model, suggest=i < SUGGESTION_LIMIT)
        location = source.location(loc, key=key) if key else source.location(loc)
        problems.append((code, Problem(location, message)))
    return problems


def _guess(word: str, options: list[str], suggest: bool) -> list[str]:
    if not suggest or len(word) > _MAX_GUESS_LENGTH:
        return []
    return difflib.get_close_matches(word, options, n=1, cutoff=0.6)


def _describe(error: ErrorDetails, loc: tuple[str | int, ...], model: type[BaseModel],
              suggest: bool = True) -> tuple[str, str, bool]:
    kind = error["type"]
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        where = f' in "{loc[-2]}"' if len(loc) >= 2 and isinstance(loc[-2], str) else ""
        return "S001", f'De sleutel "{name}" ontbreekt{where}. Die is verplicht.', False
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        guess = _guess(name, known, suggest)
        hint = f' Bedoelde je "{guess[0]}"?' if guess else (
            f" Toegestaan zijn: {', '.join(known)}." if known else "")
        return "S002", f'De sleutel "{name}" is hier onbekend.{hint}', True
    if kind in ("literal_error", "enum"):
        expected = _literal_values(error)
        value = str(error["input"])
        guess = _guess(value, expected, suggest)
        hint = f' Bedoelde je "{guess[0]}"?' if guess else ""
        return "S004", (f'"{value}" is geen geldige waarde voor {name}.{hint} '
                        f"Kies uit: {', '.join(expected)}."), False
    if kind == "rm_semver":
        return "S005", str(error["msg"]), False
    if kind == "rm_date":
        return "S006", str(error["msg"]), False
    if kind in _TYPE_WORDS:
        got = _YAML_KINDS.get(type(error["input"]), "iets anders")
        where = name or "het bestand"
        return "S003", f"Bij {where} hoort {_TYPE_WORDS[kind]}, maar hier staat {got}." \
            f"{_type_fix(kind, error['input'], name)}", False
    return "S007", _value_message(error, name), False


def _type_fix(kind: str, value: Any, name: str) -> str:
    """How to write a number where text is meant, or a whole number where one is meant."""
    if kind == "string_type" and type(value) in (int, float):
        return (f' YAML leest {value} zonder aanhalingstekens als getal. Zet het tussen '
                f'aanhalingstekens: "{value}".')
    if kind in ("int_from_float", "int_type", "int_parsing") and type(value) is float:
        whole = int(value) + 1 if value >= 1 else 1
        return (f" De versie van een artikel is een heel getal (1, 2, 3 …), dus {value} kan "
                f"niet. Verhoog je de versie, schrijf dan bijvoorbeeld versie: {whole}."
                if name == "versie"
                else f" Schrijf een heel getal zonder punt of komma, zoals {whole}.")
    return ""


def _value_message(error: ErrorDetails, name: str) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind.startswith("rm_"):
        return f"{name}: {error['msg']}"
    if kind == "string_too_short":
        return f"{name} is leeg. Vul hier tekst in."
    if kind == "too_short":
        return f"{name} is leeg. Hier hoort ten minste {ctx.get('min_length', 1)} onderdeel."
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return f"{name} moet ten minste {limit} zijn."
    return f"De waarde van {name} is hier niet geldig."


def _literal_values(error: ErrorDetails) -> list[str]:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _known_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The Dutch keys allowed in the mapping at loc, following the model's fields."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        sub = field_model(current, part)
        if sub is None:
            return []
        current = sub
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


def field_model(model: Any, key: str) -> type[BaseModel] | None:
    """The model of the mapping under key in model (or of its items, for a list)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return _inner_model(info.annotation)
    return None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (tuple, list, typing.Union, types.UnionType) or origin is not None:
        for arg in get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None

"""The building blocks of the source format: patterns, checked scalar types and the frozen base.

model.py builds the file models from these; they live apart so that each module stays short.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

# Patterns are applied with fullmatch and written so that no two unbounded quantifiers compete
# for the same characters: matching time stays linear in the input, whatever it holds.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$"
EMAIL_PATTERN = r"^[^@\s.]+(\.[^@\s.]+)*@[^@\s.]+(\.[^@\s.]+)+$"
KVK_PATTERN = r"^[0-9]{8}$"
MAX_ID_LENGTH = 64  # ids become file names (records, bookmarks): keep them short everywhere
MAX_TITLE_LENGTH = 200

YamlPath = tuple[str | int, ...]


def pattern_check(regex: str, error: str, message: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise PydanticCustomError(error, message, {"value": value})
        return value

    return AfterValidator(check)


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("rm_date", "Een datum zonder tijd: JJJJ-MM-DD.")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError(
        "rm_date", "Dit is geen geldige datum. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld "
        "2026-01-21.")


def nfc(value: Any) -> Any:
    """The same word however the editor composed its accents (coöperatie in NFC or NFD)."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _semver(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(SEMVER_PATTERN, value):
        return value
    raise PydanticCustomError(
        "rm_semver", "De versie is geen geldig versienummer. Schrijf drie getallen met punten, "
        "bijvoorbeeld 1.2.0.")


Slug = Annotated[str, Field(min_length=1, max_length=MAX_ID_LENGTH,
                            json_schema_extra={"pattern": SLUG_PATTERN}), pattern_check(
    SLUG_PATTERN, "rm_slug", "Gebruik alleen kleine letters, cijfers en streepjes, zoals "
    "de-schoor.")]
Text = Annotated[str, Field(min_length=1)]
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE_LENGTH)]
Email = Annotated[str, Field(json_schema_extra={"pattern": EMAIL_PATTERN}), pattern_check(
    EMAIL_PATTERN, "rm_email", "Dit is geen geldig e-mailadres.")]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
SemVer = Annotated[str, Field(json_schema_extra={"pattern": SEMVER_PATTERN}),
                   BeforeValidator(_semver)]


def field(alias: str, title: str, description: str, **kwargs: Any) -> Any:
    """A field with its Dutch key, title and description."""
    return Field(alias=alias, title=title, description=description, **kwargs)


class Base(BaseModel):
    """Frozen, strict about unknown keys, read by alias."""

    model_config = ConfigDict(frozen=True, extra="forbid")

"""Settings of the plain-language rules, read from `[tool.rechtmakers.taal]` or rechtmakers.toml.

The rules' own table is `taal` (or `language`) inside `[tool.rechtmakers]` of the nearest
pyproject.toml, or inside a rechtmakers.toml (which wins when both are in one folder)::

    [tool.rechtmakers]
    uit = ["T004"]                         # rules switched off (also: disabled)
    ernst = { T003 = "fout" }              # fout/waarschuwing/uit (also: severity, error/...)

    [tool.rechtmakers.taal]
    zinslengte = 20                        # T003: a sentence may have this many words
    lettergrepen = 6                       # T006: a word may have this many syllables
    toegestaan = ["zorgverzekeraar"]       # allowed long words and prefixes, never jargon
    jargon = { "teneinde" = "om" }         # extra jargon: word or phrase → plain Dutch

English names work too: max-sentence-words, max-word-syllables, allowed-words, extra-jargon.
A value of the wrong kind raises ConfigError (a ValueError) with a Dutch message naming the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rechtmakers.config import Config
from rechtmakers.config import load_config as load_repository_config
from rechtmakers.errors import UsageError
from rechtmakers.findings import Severity

CODES = ("T001", "T002", "T003", "T004", "T005", "T006", "T007")
DEFAULT_ALLOWED = frozenset({"samenwerking", "welzijn", "zorg", "gezondheid"})
_KEYS = {
    "zinslengte": "max_sentence_words", "max-sentence-words": "max_sentence_words",
    "lettergrepen": "max_word_syllables", "max-word-syllables": "max_word_syllables",
    "toegestaan": "allowed_words", "allowed-words": "allowed_words",
    "jargon": "extra_jargon", "extra-jargon": "extra_jargon",
}


class ConfigError(UsageError, ValueError):
    """The settings of the language rules are wrong; the message says where and how."""


@dataclass(frozen=True)
class LanguageConfig:
    """Thresholds, switched-off rules, severities and word lists of the language rules."""

    max_sentence_words: int = 20
    max_word_syllables: int = 6
    disabled: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict, hash=False)
    extra_jargon: dict[str, str] = field(default_factory=dict, hash=False)
    allowed_words: frozenset[str] = DEFAULT_ALLOWED

    def enabled(self, code: str) -> bool:
        """Is the rule on (not switched off by uit, or ernst = "uit")?"""
        return code not in self.disabled

    def severity_of(self, code: str) -> Severity:
        """The rule's severity: a warning, unless the repository makes it an error."""
        return self.severity.get(code, Severity.WARNING)

    def allows(self, word: str) -> bool:
        """Is a lower-case word allowed, itself or as a compound of an allowed word?"""
        return word.startswith(tuple(self.allowed_words))


def load_config(start_dir: Path) -> LanguageConfig:
    """The language settings that apply in start_dir (the defaults when none are found)."""
    try:
        config = load_repository_config(start_dir, rules=None)
    except UsageError as exc:
        raise ConfigError(str(exc)) from exc
    return from_repository_config(config)


def from_repository_config(config: Config | None) -> LanguageConfig:
    """Turn the repository configuration (its `taal` table) into language settings."""
    if config is None:
        return LanguageConfig()
    where = str(config.source) if config.source else "de instellingen"
    values = _parse_table(config.language, where)
    return LanguageConfig(
        disabled=frozenset(code for code in config.disabled if code in CODES),
        severity={code: value for code, value in config.severity.items() if code in CODES},
        **values,
    )


def _parse_table(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = _KEYS.get(key)
        if name is None:
            known = ", ".join(k for k in _KEYS if "-" not in k or k.startswith("max"))
            raise ConfigError(f"{where}: [taal] kent de instelling '{key}' niet; bekend zijn "
                              f"{known}.")
        values[name] = _PARSERS[name](value, key, where)
    return values


def _positive(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: '{key}' moet een geheel getal groter dan 0 zijn, niet "
                          f"{value!r}.")
    return value


def _words(value: Any, key: str, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: '{key}' moet een lijst van woorden zijn, zoals "
                          "[\"zorgverzekeraar\"].")
    return DEFAULT_ALLOWED | {word.lower() for word in value}


def _jargon(value: Any, key: str, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
            for k, v in value.items()):
        raise ConfigError(f"{where}: '{key}' moet een tabel van jargon naar gewone woorden zijn, "
                          "zoals { \"teneinde\" = \"om\" }.")
    return {k.strip().lower(): v.strip() for k, v in value.items()}


_PARSERS = {
    "max_sentence_words": _positive,
    "max_word_syllables": _positive,
    "allowed_words": _words,
    "extra_jargon": _jargon,
}

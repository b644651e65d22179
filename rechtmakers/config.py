"""Repository configuration: `[tool.rechtmakers]` in pyproject.toml, or a rechtmakers.toml.

Keys:

- `ernst` (or `severity`): a table of rule code → "fout" / "waarschuwing" / "uit"
  ("error" / "warning" / "off"), to raise, lower or switch off a rule;
- `uit` (or `disabled`): a list of rule codes to switch off;
- `taal` (or `language`): the settings of the plain-language rules (see rechtmakers.language).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rechtmakers.errors import UsageError, os_reason

_SEVERITY_WORDS = {"fout": "error", "error": "error", "waarschuwing": "warning",
                   "warning": "warning", "uit": "off", "off": "off"}


@dataclass(frozen=True)
class Config:
    """What a repository changes about the rules."""

    severity: dict[str, str] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    language: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def override(self, code: str) -> str | None:
        """"error", "warning" or "off" where the repository changes a rule, else None."""
        return "off" if code in self.disabled else self.severity.get(code)


class _AnyCode:
    """Every code is known: for a caller that does not read the rule settings."""

    def __contains__(self, code: object) -> bool:
        return True


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest rechtmakers.toml, or pyproject.toml with a [tool.rechtmakers] table."""
    for folder in [start.resolve(), *start.resolve().parents]:
        own = folder / "rechtmakers.toml"
        if own.is_file():
            return own, _read(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            tool = _read(project).get("tool", {})
            if not isinstance(tool, dict):
                raise UsageError(f"{project}: 'tool' is een tabel ([tool]), geen "
                                 f"{_kind(tool)}.")
            table = tool.get("rechtmakers")
            if table is not None and not isinstance(table, dict):
                raise UsageError(f"{project}: [tool.rechtmakers] is een tabel, geen "
                                 f"{_kind(table)}.")
            if isinstance(table, dict):
                return project, table
        if (folder / ".git").exists():
            break
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"De instellingen in {path} zijn niet te lezen: "
                         f"{os_reason(exc)}.") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"De instellingen in {path} zijn geen UTF-8-tekst.") from exc
    except tomllib.TOMLDecodeError as exc:
        place = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f" (regel {place.group(1)}, kolom {place.group(2)})" if place else ""
        raise UsageError(f"De instellingen in {path} zijn geen geldige TOML{where}.") from exc


def _kind(value: object) -> str:
    """What a TOML value is, in Dutch, for a message."""
    if isinstance(value, bool):
        return "ja/nee-waarde"
    if isinstance(value, (int, float)):
        return "getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "lijst"
    return "waarde van een andere soort"


def load_config(start: Path, *, rules: Collection[str] | None) -> Config:
    """Read the configuration that applies in folder start (none found: the defaults).

    rules are the codes a rule may be named by (checks.RULES; config sits below checks, so the
    caller passes them); None for a caller that reads no rule settings (the language config).
    """
    found = find_config_file(start)
    if found is None:
        return Config()
    path, table = found
    known = rules if rules is not None else _AnyCode()

    severity: dict[str, str] = {}
    raw_severity = table.get("ernst", table.get("severity", {}))
    if not isinstance(raw_severity, dict):
        raise UsageError(f"{path}: 'ernst' is een tabel van regelcode naar fout, waarschuwing "
                         "of uit.")
    for code, word in raw_severity.items():
        if code not in known:
            raise UsageError(f"{path}: de regel {code} bestaat niet (zie rechtmakers regels).")
        if str(word).lower() not in _SEVERITY_WORDS:
            raise UsageError(f"{path}: ernst van {code} is '{word}'; kies fout, waarschuwing "
                             "of uit.")
        severity[code] = _SEVERITY_WORDS[str(word).lower()]
    disabled = table.get("uit", table.get("disabled", []))
    if not isinstance(disabled, list) or any(not isinstance(code, str) or code not in known
                                             for code in disabled):
        raise UsageError(f"{path}: 'uit' is een lijst van bestaande regelcodes, zoals ['T003'].")
    language = table.get("taal", table.get("language", {}))
    if not isinstance(language, dict):
        raise UsageError(f"{path}: 'taal' is een tabel met instellingen voor de taalregels.")
    return Config(severity=severity, disabled=frozenset(disabled), language=language,
                  source=path)

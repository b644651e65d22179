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
from rechtmakers.findings import Severity
from rechtmakers.source_names import CONFIG_FILE, PROJECT_FILE

# The rules that guard signing: what is signed is what everyone sees (H001-H003) and a
# vastgesteld agreement was signed by every party (G001). A repository cannot switch them off
# (nor lower an error among them to a warning), in this file or by an inline comment.
SAFETY_RULES = frozenset({"G001", "H001", "H002", "H003"})
_ERROR_SAFETY_RULES = frozenset({"G001", "H001"})  # errors by default: not lowered either

# A word of the ernst table → the severity it sets; None switches the rule off.
_SEVERITY_WORDS: dict[str, Severity | None] = {
    "fout": Severity.ERROR, "error": Severity.ERROR, "waarschuwing": Severity.WARNING,
    "warning": Severity.WARNING, "uit": None, "off": None}


@dataclass(frozen=True)
class Config:
    """What a repository changes about the rules."""

    severity: dict[str, Severity] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()  # switched off: by uit, or ernst = "uit"
    language: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def is_off(self, code: str) -> bool:
        return code in self.disabled

    def override(self, code: str) -> Severity | None:
        """The severity the repository gives a rule that is on, else None (see is_off)."""
        return None if code in self.disabled else self.severity.get(code)

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity of a rule that is on: the repository's, else the rule's own."""
        return self.override(code) or default


class _AnyCode:
    """Every code is known: for a caller that does not read the rule settings."""

    def __contains__(self, code: object) -> bool:
        return True


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest rechtmakers.toml, or pyproject.toml with a [tool.rechtmakers] table."""
    for folder in [start.resolve(), *start.resolve().parents]:
        own = folder / CONFIG_FILE
        if own.is_file():
            return own, _read(own)
        project = folder / PROJECT_FILE
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


def _safety_refusal(path: Path, code: str) -> UsageError:
    """The Dutch refusal, at the line of the file that names the rule."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, start=1) if code in text), 0)
    where = f"{path}:{line}" if line else str(path)
    return UsageError(f"{where}: de regel {code} bewaakt het ondertekenen en is niet uit te "
                      "zetten of af te zwakken (niet hier en niet met een opmerking in de "
                      f"tekst). Haal {code} hier weg.")


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

    severity: dict[str, Severity] = {}
    off: set[str] = set()
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
        chosen = _SEVERITY_WORDS[str(word).lower()]
        if code in SAFETY_RULES and (chosen is None or (chosen is Severity.WARNING
                                                        and code in _ERROR_SAFETY_RULES)):
            raise _safety_refusal(path, code)
        if chosen is None:
            off.add(code)
        else:
            severity[code] = chosen
    disabled = table.get("uit", table.get("disabled", []))
    if not isinstance(disabled, list) or any(not isinstance(code, str) or code not in known
                                             for code in disabled):
        raise UsageError(f"{path}: 'uit' is een lijst van bestaande regelcodes, zoals ['T003'].")
    for code in disabled:
        if code in SAFETY_RULES:
            raise _safety_refusal(path, code)
    language = table.get("taal", table.get("language", {}))
    if not isinstance(language, dict):
        raise UsageError(f"{path}: 'taal' is een tabel met instellingen voor de taalregels.")
    return Config(severity=severity, disabled=frozenset(disabled) | off, language=language,
                  source=path)

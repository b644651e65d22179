"""Findings: what a check says about a place in the source, and where that place is."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path


class Severity(StrEnum):
    """How bad a finding is; the values are what JSON output shows."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def dutch(self) -> str:
        return "fout" if self is Severity.ERROR else "waarschuwing"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A 1-based line and column in a file."""

    file: Path
    line: int = 1
    column: int = 1

    def display_path(self) -> str:
        return display_path(self.file)

    def __str__(self) -> str:
        return f"{self.display_path()}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: a place and a Dutch message; the runner adds code and severity."""

    location: Location
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem stamped with its rule code and severity."""

    code: str
    severity: Severity
    message: str
    location: Location

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (str(loc.file), loc.line, loc.column, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.location.display_path(),
            "line": self.location.line,
            "column": self.location.column,
        }


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory where possible."""
    return _display_path(path, os.getcwd())


@lru_cache(maxsize=256)
def _display_path(path: Path, cwd: str) -> str:
    # Cached: resolving asks the file system, and one file may carry many findings.
    try:
        return str(path.resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return str(path)

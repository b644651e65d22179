"""Summaries of file versions kept by blob id in <git-dir>/rechtmakers/, for a fast `log`.

A blob id names exactly one content, so a summary never goes stale; the file is thrown away
when rechtmakers (or the code that summarizes) changes. Losing it only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import rechtmakers

CACHE_FILE = "log-samenvattingen.json"
MAX_ENTRIES = 200_000
# The code a summary depends on: a change to any of these files starts a fresh cache.
_SOURCES = ("model.py", "digest.py", "load.py", "diff/binding.py", "signoff/summaries.py",
            "signoff/records.py")


def _code_version() -> str:
    package = Path(rechtmakers.__file__).parent
    stamps = [rechtmakers.__version__]
    for name in _SOURCES:
        try:
            stat = (package / name).stat()
            stamps.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            stamps.append(name)
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:16]


class SummaryCache:
    """Summary by (kind, blob id); read once, written back once if anything was added."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / CACHE_FILE if folder else None
        self.version = _code_version()
        self.entries: dict[str, Any] = self._load()
        self.dirty = False

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("versie") != self.version:
            return {}
        entries = data.get("samenvattingen")
        return entries if isinstance(entries, dict) else {}

    def has(self, kind: str, sha: str) -> bool:
        return f"{kind}:{sha}" in self.entries

    def get(self, kind: str, sha: str | None) -> dict[str, Any]:
        if sha is None:
            return {}
        value = self.entries.get(f"{kind}:{sha}")
        return value if isinstance(value, dict) else {}

    def put(self, kind: str, sha: str, summary: dict[str, Any]) -> None:
        self.entries[f"{kind}:{sha}"] = summary
        self.dirty = True

    def save(self) -> None:
        """Write the cache atomically; a folder we may not write in just means no cache."""
        if not self.dirty or self.path is None:
            return
        entries = self.entries if len(self.entries) <= MAX_ENTRIES else {}
        data = json.dumps({"versie": self.version, "samenvattingen": entries},
                          ensure_ascii=False, separators=(",", ":"))
        try:
            self.path.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".samenvattingen-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(tmp, self.path)
        except OSError:
            return
        self.dirty = False

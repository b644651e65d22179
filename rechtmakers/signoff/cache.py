"""The summaries of file versions for `log`, cached in <git-dir>/rechtmakers/ (JsonCache).

Summaries are kept by blob id: a blob id names exactly one content, so a summary never goes
stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rechtmakers.cache import JsonCache
from rechtmakers.signoff.changes import FileKind

CACHE_FILE = "log-samenvattingen.json"
MAX_ENTRIES = 200_000
# The code a summary depends on: a change to any of these files starts a fresh cache.
_SOURCES = ("model.py", "digest.py", "document/canonical.py", "document/clause.py",
            "document/tree.py", "load.py", "yaml_compose.py", "diff/binding.py",
            "signoff/summaries.py", "signoff/records.py")


class SummaryCache(JsonCache):
    """Summary by (kind, blob id); read once, written back once if anything was added."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, CACHE_FILE, "samenvattingen", _SOURCES,
                         max_entries=MAX_ENTRIES)

    def has(self, kind: FileKind, sha: str) -> bool:
        return f"{kind}:{sha}" in self.entries

    def get(self, kind: FileKind, sha: str | None) -> dict[str, Any]:
        if sha is None:
            return {}
        value = self.entries.get(f"{kind}:{sha}")
        return value if isinstance(value, dict) else {}

    def put(self, kind: FileKind, sha: str, summary: dict[str, Any]) -> None:
        self.entries[f"{kind}:{sha}"] = summary
        self.dirty = True

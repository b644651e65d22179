"""Caches of results in <git-dir>/rechtmakers/, and the summaries of file versions for `log`.

Each cache is one JSON file there (JsonCache): read once, written back atomically once if
anything was added, and thrown away when rechtmakers, or the code its results depend on,
changes. Losing one only costs time; a folder we may not write in just means no cache.

Summaries are kept by blob id: a blob id names exactly one content, so a summary never goes
stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import rechtmakers

CACHE_FILE = "log-samenvattingen.json"
MAX_ENTRIES = 200_000
# The code a summary depends on: a change to any of these files starts a fresh cache.
_SOURCES = ("model.py", "digest.py", "load.py", "diff/binding.py", "signoff/summaries.py",
            "signoff/records.py")


def code_version(sources: Sequence[str], *salt: str) -> str:
    """A hash of the rechtmakers version and the size and mtime of these source files (paths
    inside the package), and of any salt: it changes when the code the results depend on does."""
    package = Path(rechtmakers.__file__).parent
    stamps = [*salt, rechtmakers.__version__]
    for name in sources:
        try:
            stat = (package / name).stat()
            stamps.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            stamps.append(name)
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:16]


class JsonCache:
    """Entries in `folder/file_name` under `section`, valid for one code_version(sources).

    Without a folder the cache lives in memory only. Read once; save() writes it back
    atomically (mkstemp + os.replace) only when dirty, and starts afresh past max_entries.
    """

    def __init__(self, folder: Path | None, file_name: str, section: str,
                 sources: Sequence[str], *, max_entries: int, salt: Sequence[str] = (),
                 sort_keys: bool = False) -> None:
        self.path = folder / file_name if folder else None
        self.section = section
        self.max_entries = max_entries
        self.sort_keys = sort_keys
        self.version = code_version(sources, *salt) if folder else ""
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
        entries = data.get(self.section)
        return entries if isinstance(entries, dict) else {}

    def save(self) -> None:
        """Write the cache atomically; a folder we may not write in just means no cache."""
        if not self.dirty or self.path is None:
            return
        entries = self.entries if len(self.entries) <= self.max_entries else {}
        data = json.dumps({"versie": self.version, self.section: entries},
                          ensure_ascii=False, separators=(",", ":"), sort_keys=self.sort_keys)
        try:
            self.path.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.stem}-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(tmp, self.path)
        except OSError:
            return
        self.dirty = False


class SummaryCache(JsonCache):
    """Summary by (kind, blob id); read once, written back once if anything was added."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, CACHE_FILE, "samenvattingen", _SOURCES,
                         max_entries=MAX_ENTRIES)

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

"""Caches of results in <git-dir>/rechtmakers/, one JSON file each (JsonCache).

Each cache is read once, written back atomically once if anything was added, and thrown away
when rechtmakers, or the code its results depend on, changes. Losing one only costs time; a
folder we may not write in just means no cache. Used for the content digests of past versions
(versions.py), evidence results and PDF facts (signoff) and log summaries (signoff.cache).
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

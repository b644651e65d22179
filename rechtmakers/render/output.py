"""Atomic output: files are written in a staging folder first and only then moved into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from rechtmakers.errors import UsageError, os_reason
from rechtmakers.safe_write import check_target

STAGING_PREFIX = ".rechtmakers-render-"


def write_atomically(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write files (relative path → bytes) under out; return the paths written.

    Nothing is written through a link or inside an agreement's source (safe_write).

    Everything is written into a staging folder beside out (same file system), and each file
    is then moved into place with one rename: a reader never sees half a file, a failure
    leaves no partial file behind, and files in out that were not rendered are left alone.
    """
    check_target(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is een bestand, geen map. Kies met --out een map.")
    parent = out.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
    except OSError as exc:
        raise UsageError(f"Kan niet schrijven in {parent}: {os_reason(exc)}.") from exc
    try:
        for rel, data in files.items():
            check_target(out / rel, below=out)
            _write(staging / rel, data)
        return [_move(staging / rel, out / rel) for rel in files]
    except OSError as exc:
        raise UsageError(f"Kan de documenten niet schrijven in {out}: {os_reason(exc)}."
                         ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _move(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    return target

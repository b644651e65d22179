"""Writing output safely: never through a link, never into an agreement's source, never half a file.

A repository is shared, so anything in it may be planted: a committed symbolic link named
build/<id> or schemas/x.json would make a naive writer overwrite a file elsewhere. Every
command that writes (render, diff --out, init, schema) asks `check_target` first and writes
files with `write_file`, which creates a fresh temporary file beside the target (never opening
an existing path, so never following a link) and renames it into place.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from rechtmakers.errors import UsageError, os_reason
from rechtmakers.source_names import META_FILE


def check_target(path: Path, *, below: Path | None = None, source: bool = False) -> None:
    """Refuse to write at path when it passes through a link or lies inside an agreement.

    Checked are the components the working tree (or the command itself) may have put there:
    every component of a relative path, the last component of an absolute one, and with
    `below` (a folder checked already) every component under it. With source (only `inlezen`,
    which writes a partner's edits back into the YAML), path is meant to be a source file of
    the agreement `below`: links are still refused.
    """
    for component in _components(path, below):
        try:
            mode = os.lstat(component).st_mode
        except FileNotFoundError:
            break  # what does not exist yet is created by us, not followed
        except OSError as exc:
            raise UsageError(f"Kan {path} niet controleren: {os_reason(exc)}.") from exc
        if stat.S_ISLNK(mode):
            raise UsageError(f"{path} loopt via een symbolische link ({component}). "
                             "rechtmakers schrijft nooit via een link: die kan naar een bestand "
                             "buiten de repository wijzen. Kies een ander pad of haal de link "
                             "weg.")
    agreement = None if source else agreement_containing(path)
    if agreement is not None:
        raise UsageError(f"{path} ligt in de overeenkomst {agreement}. rechtmakers schrijft "
                         "nooit in de bron van een overeenkomst: kies een plek daarbuiten.")


def _components(path: Path, below: Path | None) -> list[Path]:
    if below is not None:
        rel = path.relative_to(below)
        return [below.joinpath(*rel.parts[: i + 1]) for i in range(len(rel.parts))]
    if path.is_absolute():
        return [path]
    return [Path(*path.parts[: i + 1]) for i in range(len(path.parts)) if path.parts[i] != ".."]


def agreement_containing(path: Path) -> Path | None:
    """The agreement folder that path is (in), or None: the nearest folder above it, itself
    included, that holds an overeenkomst.yaml."""
    absolute = Path(os.path.abspath(path))
    for folder in (absolute, *absolute.parents):
        if (folder / META_FILE).is_file():
            return folder
    return None


def write_file(path: Path, data: bytes, *, below: Path | None = None,
               source: bool = False) -> None:
    """Write data to path atomically, after check_target: a fresh temporary file beside it
    (created, never opened through a link), then one rename over the old file or link. A
    source file keeps its permissions."""
    check_target(path, below=below, source=source)
    if path.is_dir() and not path.is_symlink():
        raise UsageError(f"{path} is een map. Geef een bestandsnaam.")
    folder = Path(os.path.abspath(path)).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise UsageError(f"Kan niet schrijven in {folder}: {os_reason(exc)}.") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes it private; a new file is not, and a rewritten source keeps its mode.
        os.chmod(temporary, _mode(path) if source else 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"Kan {path} niet schrijven: {os_reason(exc)}.") from exc


def _mode(path: Path) -> int:
    try:
        return stat.S_IMODE(os.lstat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""The views by name, and writing one to a file atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.diff.sources import Result
from rechtmakers.errors import UsageError, os_reason


@dataclass(frozen=True)
class ViewOptions:
    """How the terminal view looks: colors (only on a terminal) and the line width."""

    color: bool = False
    width: int = 100


def _terminal(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.terminal import render_terminal

    return render_terminal(result.comparison, color=options.color,
                           width=options.width).encode("utf-8")


def _markdown(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.markdown import render_markdown

    return render_markdown(result.comparison).encode("utf-8")


def _html(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.html import render_html

    return render_html(result.comparison).encode("utf-8")


def _json(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.json import render_json

    return render_json(result.comparison).encode("utf-8")


def _docx(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.docx import render_docx

    return render_docx(result.comparison, author=result.author, date=result.date,
                       attribution=result.attribution)


VIEWS: dict[str, Callable[[Result, ViewOptions], bytes]] = {
    "terminal": _terminal,
    "md": _markdown,
    "html": _html,
    "json": _json,
    "docx": _docx,
}
BINARY = frozenset({"docx"})


def render_view(name: str, result: Result, options: ViewOptions) -> bytes:
    return VIEWS[name](result, options)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file beside it: never half a file."""
    folder = path.absolute().parent
    if path.is_dir():
        raise UsageError(f"{path} is een map. Geef met --out een bestandsnaam.")
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
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a file is not
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"Kan {path} niet schrijven: {os_reason(exc)}.") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

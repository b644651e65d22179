"""The views by name, and writing one to a file atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.diff.sources import Result
from rechtmakers.safe_write import write_file
from rechtmakers.visible import UNSAFE, printable


def json_safe(text: str) -> str:
    """JSON with every control, bidi and zero-width character written as a \\u escape: the
    same data for a tool that reads it, nothing raw for a terminal that shows it (json escapes
    only C0 itself; C1, such as U+009B, would pass)."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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

    # A pull-request comment, or a terminal: a control character from a title (ESC ] 0; …)
    # must never reach it raw.
    return printable(render_markdown(result.comparison)).encode("utf-8")


def _html(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.html import render_html

    return printable(render_html(result.comparison)).encode("utf-8")


def _json(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.json import render_json

    return json_safe(render_json(result.comparison)).encode("utf-8")


def _docx(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.docx import render_docx

    return render_docx(result.comparison, author=result.author, date=result.date,
                       attribution=result.attribution)


def _pdf(result: Result, options: ViewOptions) -> bytes:
    from rechtmakers.diff.pdf import render_pdf

    return render_pdf(result.comparison, date=result.date)


VIEWS: dict[str, Callable[[Result, ViewOptions], bytes]] = {
    "terminal": _terminal,
    "md": _markdown,
    "html": _html,
    "json": _json,
    "docx": _docx,
    "pdf": _pdf,
}
BINARY = frozenset({"docx", "pdf"})


def render_view(name: str, result: Result, options: ViewOptions) -> bytes:
    return VIEWS[name](result, options)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file beside it: never half a file, never through
    a link, never into an agreement's source (see rechtmakers.safe_write)."""
    write_file(path, data)

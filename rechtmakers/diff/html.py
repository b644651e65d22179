"""The HTML view: the redline page. The agreement as `render` draws it (render.html, the same
template), with the comparison's marks in it and a summary on top."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from markupsafe import Markup

from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.present import (
    REDLINE_TAGS,
    Line,
    RedlineView,
    counts,
    meta_views,
    reads_now,
    redline_view,
)
from rechtmakers.diff.words import Edit

SUMMARY = "diff/samenvatting.html.j2"
STYLE = "diff/redline.css"


def redline(line: Line | tuple[Edit, ...]) -> Markup:
    """Template filter: the edits of a line as escaped HTML with <del> and <ins>."""
    edits = line.edits if isinstance(line, Line) else line
    parts = []
    for i, edit in enumerate(edits):
        start, end = REDLINE_TAGS[edit.op]
        if i and edit.op == "insert" and edits[i - 1].op == "delete":
            parts.append("\u2009")
        parts.append(f"{start}{escape(edit.text.rstrip(chr(10)), quote=False)}{end}")
    return Markup("".join(parts))


FILTERS: dict[str, Callable[..., Any]] = {"redline": redline, "words": reads_now}


def render_html(comparison: Comparison, view: RedlineView | None = None) -> str:
    """The redline page (the review page embeds it: keep this signature)."""
    from rechtmakers.render.html import render_html as render_page
    from rechtmakers.render.templating import environment, render_template, template_text

    view = view or redline_view(comparison)
    env = environment(house_style=None, autoescape=True, filters=FILTERS)
    summary = render_template(env, SUMMARY, counts=counts(comparison), view=view,
                              metadata=meta_views(comparison))
    notes = {row.anchor: Markup(render_template(env, "diff/artikel.html.j2", row=row))
             for row in view.rows}
    return render_page(view.document, redline={
        "summary": Markup(summary), "versions": view.versions, "articles": notes,
        "style": Markup(template_text(env, STYLE).rstrip("\n"))})

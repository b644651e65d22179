"""The HTML view: a standalone redline page of the whole agreement, with a summary on top."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from markupsafe import Markup

from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.present import (
    REDLINE_TAGS,
    Line,
    article_view,
    counts,
    lines_of,
    meta_views,
    reads_now,
    title,
    versions,
)
from rechtmakers.diff.words import Edit

TEMPLATE = "diff/redline.html.j2"
STYLE = "diff/redline.css"


def redline(line: Line | tuple[Edit, ...]) -> Markup:
    """Template filter: the edits of a line as escaped HTML with <del> and <ins>."""
    edits = line.edits if isinstance(line, Line) else line
    parts = []
    for edit in edits:
        start, end = REDLINE_TAGS[edit.op]
        parts.append(f"{start}{escape(edit.text.rstrip(chr(10)), quote=False)}{end}")
    return Markup("".join(parts))


FILTERS: dict[str, Callable[..., Any]] = {"redline": redline, "words": reads_now}


def render_html(comparison: Comparison) -> str:
    from rechtmakers.render.templating import environment, render_template, template_text

    env = environment(house_style=None, autoescape=True, filters=FILTERS)
    preamble = comparison.preamble
    views = [article_view(comparison, article) for article in comparison.articles]
    return render_template(
        env, TEMPLATE, style=Markup(template_text(env, STYLE).rstrip("\n")),
        title=title(comparison), old_label=comparison.old_label,
        new_label=comparison.new_label, versions=versions(comparison), counts=counts(comparison),
        metadata=meta_views(comparison),
        changed=[view for view in views if view.kinds],
        explained=[view for view in views if view.explanation],
        preamble={"title": preamble.title, "compass": preamble.compass,
                  "parties": lines_of(preamble.parties),
                  "considerations": lines_of(preamble.considerations),
                  "terms": lines_of(preamble.terms)},
        articles=views)

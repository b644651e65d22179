"""The Markdown view, for a pull-request comment: a summary table, then the changed words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.present import (
    REDLINE_TAGS,
    Line,
    article_nodes,
    changed_views,
    counts,
    explained_views,
    meta_views,
    reads_now,
    title,
    versions,
)
from rechtmakers.render.markdown import MdSafe, escape, finalize

TEMPLATE = "diff/wijzigingen.md.j2"


def redline(line: Line) -> MdSafe:
    """Template filter: one line with <del> and <ins>, every word escaped for Markdown."""
    parts = []
    for i, edit in enumerate(line.edits):
        start, end = REDLINE_TAGS[edit.op]
        parts.append(f"{start}{escape(edit.text, line_start=i == 0)}{end}")
    return MdSafe("".join(parts))


FILTERS: dict[str, Callable[..., Any]] = {"redline": redline, "words": reads_now}


def render_markdown(comparison: Comparison) -> str:
    from rechtmakers.render.templating import environment, render_template

    env = environment(house_style=None, autoescape=False, filters=FILTERS, finalize=finalize)
    nodes = article_nodes(comparison)
    return render_template(
        env, TEMPLATE, title=title(comparison), old_label=comparison.old_label,
        new_label=comparison.new_label, versions=versions(comparison), counts=counts(comparison),
        metadata=meta_views(comparison), articles=changed_views(comparison, nodes),
        explained=explained_views(comparison, nodes))

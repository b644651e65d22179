"""The PDF view: the redline for partners who read on paper, laid out by Typst from JSON data.

Deleted words are struck through and inserted words underlined (readable in black and white;
colour only helps). Every page carries a stamp that names both versions, with their digests.
The comparison reaches the template as data, as in render/pdf.py: never as Typst markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.present import (
    ArticleView,
    Line,
    MetaView,
    article_view,
    counts,
    lines_of,
    meta_views,
    reads_now,
    title,
    versions,
)
from rechtmakers.diff.words import Edit

TEMPLATE = "diff/redline.typ"
OPS = {"equal": "", "delete": "d", "insert": "i"}

Data = dict[str, Any]


def render_pdf(comparison: Comparison, *, date: dt.datetime) -> bytes:
    """The redline as PDF bytes; the same comparison and date give the same bytes."""
    from rechtmakers.render.pdf import as_json, compile_pdf

    day = date.date()
    return compile_pdf(TEMPLATE, as_json(redline_data(comparison, day)), date=day)


def redline_data(comparison: Comparison, date: dt.date) -> Data:
    """Everything the redline template shows, as JSON-ready values."""
    views = [article_view(comparison, article) for article in comparison.articles]
    preamble = comparison.preamble
    old, new = _version(comparison.old), _version(comparison.new)
    return {
        "title": title(comparison), "versions": versions(comparison), "date": date.isoformat(),
        "old": {"label": comparison.old_label, **old},
        "new": {"label": comparison.new_label, **new},
        "keywords": [f"{side}:sha256:{version['digest']}"
                     for side, version in (("oud", old), ("nieuw", new)) if version["digest"]],
        "counts": counts(comparison),
        "metadata": [_meta(view) for view in meta_views(comparison)],
        "changed": [_summary(view) for view in views if view.kinds],
        "explained": [_summary(view) for view in views if view.explanation],
        "preamble": {
            "title": segments(preamble.title), "compass": segments(preamble.compass),
            "parties": _lines(lines_of(preamble.parties)),
            "considerations": _lines(lines_of(preamble.considerations)),
            "terms": _lines(lines_of(preamble.terms)),
        },
        "articles": [_article(view) for view in views],
    }


def segments(line: Line | Iterable[Edit]) -> list[Data]:
    """A line's edits as runs: {t: text} kept, with o "d" deleted or "i" inserted."""
    edits = line.edits if isinstance(line, Line) else line
    out: list[Data] = []
    for edit in edits:
        text = edit.text.rstrip("\n").replace("\n", " ")
        if not text:
            continue
        op = OPS[edit.op]
        if out and out[-1].get("o", "") == op:
            out[-1]["t"] += text
        else:
            out.append({"t": text, "o": op} if op else {"t": text})
    return out


def _lines(lines: Iterable[Line]) -> list[list[Data]]:
    return [segments(line) for line in lines]


def _version(agreement: CompleteAgreement | None) -> Data:
    """The version number and digest of one side; none for a side without an agreement."""
    from rechtmakers.digest import content_digest

    if agreement is None:
        return {"version": None, "digest": None, "short_digest": None}
    meta = agreement.meta
    try:
        digest = content_digest(agreement)
    except Exception:  # noqa: BLE001 — a version that cannot be hashed is still shown
        digest = None
    return {"version": meta.version, "digest": digest,
            "short_digest": digest[:12] if digest else None}


def _meta(view: MetaView) -> Data:
    return {"label": view.label, "what": view.what, "binding": view.binding,
            "lines": _lines(view.changed_lines()) if view.changed_text else [],
            "old": view.old or "—", "new": view.new or "—"}


def _summary(view: ArticleView) -> Data:
    note = f"{view.what}; {view.note}" if view.note else view.what
    return {"anchor": view.anchor, "number": view.number, "heading": view.heading,
            "title": reads_now(view.title), "what": note}


def _article(view: ArticleView) -> Data:
    return {
        "anchor": view.anchor, "heading": view.heading, "title": segments(view.title),
        "was": view.was, "notes": " · ".join(p for p in (view.what, view.note, view.version) if p),
        "state": view.state, "lines": _lines(view.lines),
        "explanation": None if view.explanation is None else _lines(view.explanation),
    }

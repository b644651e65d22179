"""The PDF view: the redline on paper. The agreement as `render` lays it out (render.pdf, the
same Typst template), with the comparison's marks in it and a summary on top: deleted words
struck through, inserted words underlined (readable in black and white; colour only helps).
Every page says it is not for signing and names both versions. The comparison reaches the
template as data, never as Typst markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.present import Line, MetaView, RedlineView, counts, meta_views, redline_view
from rechtmakers.diff.words import Edit
from rechtmakers.render.pdf import APART

OPS = {"equal": None, "delete": "d", "insert": "i"}

Data = dict[str, Any]


def render_pdf(comparison: Comparison, *, date: dt.datetime) -> bytes:
    """The redline as PDF bytes; the same comparison and date give the same bytes."""
    from rechtmakers.render.pdf import render_pdf as render_document

    view = redline_view(comparison)
    return render_document(view.document, redline=redline_data(comparison, view),
                           date=date.date())


def redline_data(comparison: Comparison, view: RedlineView) -> Data:
    """What the template shows of the comparison besides the marked document."""
    return {
        "versions": view.versions, "short": view.short, "old": view.old_name, "new": view.new_name,
        "counts": counts(comparison), "keywords": _keywords(comparison),
        "metadata": [_meta(meta) for meta in meta_views(comparison)],
        "changed": [_row(row.anchor, row.number, row.title, row.description)
                    for row in view.rows],
        "explained": [_row(row.anchor, row.number, row.title, "") for row in view.explained],
        "notes": {row.anchor: "; ".join((row.description, *(f"! {n}" for n in row.hidden)))
                  for row in view.rows},
    }


def _keywords(comparison: Comparison) -> list[str]:
    """"oud:sha256:…", "nieuw:sha256:…": both versions, never mistaken for one version."""
    from rechtmakers.diff.binding import digest_of

    return [f"{side}:sha256:{digest_of(agreement)}"
            for side, agreement in (("oud", comparison.old), ("nieuw", comparison.new))
            if agreement is not None]


def _row(anchor: str, number: str, title: str, what: str) -> Data:
    return {"anchor": anchor, "number": number, "title": title, "what": what}


def segments(line: Line | Iterable[Edit]) -> list[Data]:
    """A line's edits as runs: {t: text} kept, with x "d" deleted or "i" inserted."""
    edits = line.edits if isinstance(line, Line) else line
    out: list[Data] = []
    for edit in edits:
        text = edit.text.rstrip("\n").replace("\n", " ")
        if not text:
            continue
        op = OPS[edit.op]
        if out and out[-1].get("x") == op:
            out[-1]["t"] += text
        else:
            if op == "i" and out and out[-1].get("x") == "d":
                out.append({"t": APART})
            out.append({"t": text, "x": op} if op else {"t": text})
    return out


def _meta(view: MetaView) -> Data:
    return {"label": view.label, "what": view.what, "binding": view.binding,
            "lines": [segments(line) for line in view.changed_lines()]
            if view.changed_text else [],
            "old": view.old or "—", "new": view.new or "—"}

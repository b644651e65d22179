"""The DOCX redline: the rendered document with Word tracked changes, so that accepting all of
them gives, paragraph by paragraph, what `rechtmakers render` makes of the new version, and
rejecting all of them what it made of the old one.

The comparison is the one every view draws (diff.redline, on the document model); render's
own writer (render.docx_body) draws it, so headings, leden, lists, tables and blocks look
exactly as in the rendered document, on the same page with the same styles:

- words only in one version are w:ins or w:del; a paragraph only in one version takes its
  paragraph mark with it, a table row its row mark; accepting or rejecting leaves nothing
  behind;
- a moved article is a tracked move (w:moveFrom at its old place, w:moveTo at its new one);
- a new number of an article or lid, a new version, date or digest in the front, a party or
  signer added or removed: tracked as well;
- every change is attributed to the author and date of the last commit between the two
  versions that touched its article (or the agreement's own files, for the front).

On top comes a summary (formatting, not tracked changes: it reads the same either way). The
footer says "WIJZIGINGEN — NIET TER ONDERTEKENING", and the core property category is
"rechtmakers-vergelijking", by which `inlezen` refuses the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.metadata import MetaChange
from rechtmakers.diff.present import (
    MetaView,
    RedlineView,
    counts,
    meta_view,
    redline_view,
    title,
)
from rechtmakers.document.tree import Break, Document, Inline, Paragraph, Text
from rechtmakers.render.docx_body import FRONT, BodyWriter, write_document
from rechtmakers.render.wordml import BOLD, ITALIC, Track, break_run, text_run, xml_text

__all__ = ["CATEGORY", "FRONT", "render_docx"]

Attribution = Mapping[str, tuple[str, dt.datetime]]
CATEGORY = "rechtmakers-vergelijking"  # core property: a redline, never a document to sign


@dataclass
class Revisions:
    """The w:id series and the author and date of the part being written (render.wordml)."""

    attribution: Attribution
    default: tuple[str, dt.datetime]
    author: str = ""
    date: str = ""
    next: int = 1

    def section(self, key: str) -> None:
        author, date = self.attribution.get(key, self.default)
        self.author = xml_text(author).replace('"', "&quot;")
        self.date = date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def next_id(self) -> int:
        number = self.next
        self.next += 1
        return number

    def attrs(self) -> str:
        return f'w:id="{self.next_id()}" w:author="{self.author}" w:date="{self.date}"'


def render_docx(comparison: Comparison, *, author: str, date: dt.datetime,
                attribution: Attribution | None = None) -> bytes:
    """The redline as DOCX bytes; the same comparison and attribution give the same bytes.

    author and date name the changes no commit is known for (the working tree, two folders).
    """
    from rechtmakers.render.docx import render_docx as render_package

    view = redline_view(comparison, explanations=False, whole_moves=True)
    revisions = Revisions(attribution or {}, (author, date))
    revisions.section(FRONT)
    before, after = view.before, view.after
    whole = Track.DELETED if after is None else (Track.INSERTED if before is None else None)

    def body(writer: BodyWriter, _: Document) -> str:
        summary(writer, comparison, view)
        writer.parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        writer.revisions = revisions
        with writer.all_tracked(whole):
            write_document(writer, view.document, before if whole is None else None)
        return writer.xml()

    package = after or before
    assert package is not None
    return render_package(package, body_of=body, redline=CATEGORY)


def summary(w: BodyWriter, comparison: Comparison, view: RedlineView) -> None:
    """What changed, on top: per article in the words of `log`, then outside the articles."""
    w.para("Title", text_run(f"Wijzigingen in {title(comparison)}"))
    w.para("Subtitle", text_run(view.versions))
    text = counts(comparison)
    w.para("Normal", text_run(f"{text[:1].upper()}{text[1:]}."))
    w.para("Normal", text_run("Hieronder staat de hele overeenkomst zoals ze nu luidt, met de "
                              "wijzigingen als bijgehouden wijzigingen. Alles accepteren geeft "
                              "de nieuwe tekst, alles weigeren de oude.", ITALIC))
    if view.rows:
        w.para("Heading 2", text_run("Artikelen"), keep_next=True)
        w.table(("Artikel", "Titel", "Wijziging"),
                [(_cell(row.number), _cell(row.title),
                  _cell(row.description + "".join(f"\n! {n}" for n in row.hidden)))
                 for row in view.rows])
    if comparison.metadata:
        w.para("Heading 2", text_run("Buiten de artikelen"), keep_next=True)
        for change in comparison.metadata:
            w.para("List Bullet", _meta_runs(change))
    if comparison.explanations:
        w.para("Heading 2", text_run("Toelichting gewijzigd (niet bindend)"), keep_next=True)
        for article in comparison.explanations:
            number = article.number_new or article.number_old
            w.para("List Bullet", text_run(f"Artikel {number} – {article.title}"))


def _cell(text: str) -> tuple[Paragraph, ...]:
    """A table cell; each line of text on a line of its own."""
    inlines: list[Inline] = []
    for i, line in enumerate(text.split("\n")):
        inlines.extend([Break(), Text(line)] if i else [Text(line)])
    return (Paragraph(tuple(inlines)),)


_SHOWN = {"delete": '<w:strike/><w:color w:val="B42318"/>',
          "insert": '<w:color w:val="1A7F37"/><w:u w:val="single"/>', "equal": ""}


def _meta_runs(change: MetaChange) -> str:
    """A change outside the articles: its words struck through and underlined (formatting,
    not tracked changes: the summary reads the same whether changes are accepted or not)."""
    meta: MetaView = meta_view(change)
    runs = text_run(meta.label, BOLD)
    runs += text_run(f" ({meta.what}{'' if meta.binding else ', niet bindend'}): ")
    if meta.changed_text:
        for i, line in enumerate(meta.changed_lines()):
            runs += text_run(" … ") if i else ""
            for k, edit in enumerate(line.edits):
                if k and edit.op == "insert" and line.edits[k - 1].op == "delete":
                    runs += text_run(" ")  # old and new never run together
                runs += text_run(edit.text.rstrip("\n"), _SHOWN[edit.op])
    else:
        runs += text_run(f"{meta.old or '—'} → {meta.new or '—'}")
    for note in meta.hidden:
        runs += break_run() + text_run(f"! {note}", ITALIC)
    return runs

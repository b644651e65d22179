"""The DOCX view: the whole agreement with Word tracked changes (w:ins, w:del), byte-stable.

python-docx gives the package and its styles; the body is WordprocessingML written here, so each
deleted or inserted stretch becomes a real revision with an author and a date that a partner can
accept or reject in Word.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.present import (
    ArticleView,
    Line,
    article_view,
    changed_views,
    counts,
    explained_views,
    lines_of,
    title,
    versions,
)
from rechtmakers.diff.words import Edit, Op, word_edits
from rechtmakers.render.docx import set_dutch, stable_zip
from rechtmakers.render.docx_body import xml_text

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

STYLES = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "note": "Subtitle"}


def render_docx(comparison: Comparison, *, author: str, date: dt.datetime) -> bytes:
    """The redline as DOCX bytes: the same comparison, author and date give the same bytes."""
    from docx import Document as open_docx

    package = open_docx()
    _clear_body(package)
    _properties(package, comparison, author, date)
    set_dutch(package)
    styles = {key: package.styles[name].style_id for key, name in STYLES.items()}
    body = RedlineWriter(author, date, styles).document(comparison)
    buffer = io.BytesIO()
    package.save(buffer)
    return stable_zip(buffer.getvalue(), body)


class RedlineWriter:
    """Writes paragraphs whose runs are kept, inserted (w:ins) or deleted (w:del)."""

    def __init__(self, author: str, date: dt.datetime, styles: dict[str, str]) -> None:
        self.author = xml_text(author)
        self.date = date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.styles = styles
        self.next_id = 1
        self.parts: list[str] = []

    def document(self, comparison: Comparison) -> str:
        self._heading(comparison)
        self._preamble(comparison)
        for article in comparison.articles:
            self._article(article_view(comparison, article))
        return "".join(self.parts)

    def _heading(self, comparison: Comparison) -> None:
        self.para("title", comparison.preamble.title)
        plain = [Edit("equal", f"Wijzigingen {comparison.old_label} → {comparison.new_label} · "
                               f"{versions(comparison)}: {counts(comparison)}.")]
        self.para("note", plain)
        for article in [*changed_views(comparison), *explained_views(comparison)]:
            what = "; ".join(p for p in (article.what, article.note) if p)
            self.para(None, [Edit("equal", f"{article.heading} – {_now(article.title)}: "
                                           f"{what or 'toelichting gewijzigd'}")])

    def _preamble(self, comparison: Comparison) -> None:
        preamble = comparison.preamble
        self.para(None, [Edit("equal", "Ons kompas: "), *preamble.compass])
        for heading, edits in (("Partijen", preamble.parties),
                               ("Overwegingen", preamble.considerations),
                               ("Begrippen", preamble.terms)):
            if edits:
                self.para("h1", [Edit("equal", heading)])
                self.lines(lines_of(edits))

    def _article(self, article: ArticleView) -> None:
        whole = article.state if article.state in ("toegevoegd", "geschrapt") else None
        ops: dict[str, Op] = {"toegevoegd": "insert", "geschrapt": "delete"}
        dash = Edit(ops.get(article.state, "equal"), " – ")
        self.para("h2", [*_number_edits(article), dash, *article.title.edits], whole=whole)
        self.lines(article.lines)
        if article.explanation:
            self.para(None, [Edit("equal", "Toelichting (niet bindend):")])
            self.lines(article.explanation)

    def lines(self, lines: Iterable[Line]) -> None:
        for line in lines:
            state = line.state
            self.para(None, line.edits, whole={"insert": "toegevoegd",
                                               "delete": "geschrapt"}.get(state))

    def para(self, style: str | None, edits: Sequence[Edit], *, whole: str | None = None) -> None:
        """One paragraph; a wholly inserted or deleted one has its paragraph mark tracked too,
        so accepting or rejecting it leaves no empty paragraph behind."""
        props = f'<w:pStyle w:val="{self.styles[style]}"/>' if style else ""
        if whole == "toegevoegd":
            props += f"<w:rPr>{self._mark('ins')}</w:rPr>"
        elif whole == "geschrapt":
            props += f"<w:rPr>{self._mark('del')}</w:rPr>"
        runs = "".join(self.run(edit) for edit in edits if edit.text.strip("\n"))
        self.parts.append(f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>" if props
                          else f"<w:p>{runs}</w:p>")

    def run(self, edit: Edit) -> str:
        text = xml_text(edit.text.rstrip("\n").replace("\n", " "))
        if edit.op == "equal":
            return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        if edit.op == "insert":
            return (f"<w:ins {self._revision()}><w:r><w:t xml:space=\"preserve\">{text}</w:t>"
                    "</w:r></w:ins>")
        return (f"<w:del {self._revision()}><w:r><w:delText xml:space=\"preserve\">{text}"
                "</w:delText></w:r></w:del>")

    def _mark(self, tag: str) -> str:
        return f"<w:{tag} {self._revision()}/>"

    def _revision(self) -> str:
        revision = f'w:id="{self.next_id}" w:author="{self.author}" w:date="{self.date}"'
        self.next_id += 1
        return revision


def _number_edits(article: ArticleView) -> list[Edit]:
    """"Artikel 4" with the old number struck through when it changed."""
    if article.state == "toegevoegd":
        return [Edit("insert", article.heading)]
    if article.state == "geschrapt":
        return [Edit("delete", f"Artikel {article.heading.split()[1]}")]
    if article.was:
        return word_edits(f"Artikel {article.was.split()[-1]}", article.heading)
    return [Edit("equal", article.heading)]


def _now(line: Line) -> str:
    return "".join(e.text for e in line.edits if e.op != "delete").strip() or "".join(
        e.text for e in line.edits).strip()


def _clear_body(package: WordDocument) -> None:
    body = package.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _properties(package: WordDocument, comparison: Comparison, author: str,
                date: dt.datetime) -> None:
    """Fixed core properties: nothing of the moment of rendering ends up in the file."""
    props = package.core_properties
    props.title = f"Wijzigingen: {title(comparison)}"
    props.subject = f"{comparison.old_label} → {comparison.new_label}"
    props.author = props.last_modified_by = author
    props.language = "nl-NL"
    props.revision = 1
    stamp = date.astimezone(dt.UTC).replace(microsecond=0)
    props.created = props.modified = props.last_printed = stamp

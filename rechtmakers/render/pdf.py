"""The PDF view: the document tree as JSON data, laid out by a Typst template (PDF/A-2b, tagged).

Clause text never becomes Typst markup. The tree goes to the template as one JSON value in
`sys.inputs`; the template shows every string as a string, so `#read(…)`, `$…$` or `*…*` in a
clause is printed, never evaluated. Inline Markdown arrives as runs with flags (b: bold,
i: italic, c: code, a: internal anchor, u: web address, d: defined term, n: line break; in a
redline x: "i" inserted or "d" deleted, with a thin space between deleted and inserted words).

Typst ships inside the `typst` wheel with its own fonts; system fonts are ignored and the
timestamp is the agreement's date, so the same tree gives the same bytes on every machine.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, assert_never

from rechtmakers.document.tree import (
    AnnexNode,
    ArticleNode,
    Block,
    Break,
    Code,
    CodeBlock,
    Deleted,
    Document,
    Emphasis,
    Flow,
    Inline,
    Inserted,
    Link,
    ListBlock,
    Mark,
    Member,
    Paragraph,
    PartyNode,
    Quote,
    Ref,
    Rule,
    Strong,
    Subheading,
    TermUse,
    Text,
)
from rechtmakers.errors import UsageError
from rechtmakers.render.pdflinks import resolve_internal_links
from rechtmakers.render.pdfmeta import add_identifier
from rechtmakers.render.typography import typeset

TEMPLATE = "overeenkomst.typ"
INPUT_KEY = "rechtmakers"

Run = dict[str, Any]
Data = dict[str, Any]


def render_pdf(document: Document, house_style: Path | None = None, *,
               redline: Data | None = None, date: dt.date | None = None) -> bytes:
    """The agreement as PDF bytes, stamped on every page with its version and digest; with
    redline (diff.pdf), the redline of a comparison: the document holds its marks, redline the
    summary and both versions' names, and the stamp says it is not for signing."""
    data = document_data(typeset(document))
    data["redline"] = redline
    identifier = None if redline is not None else f"sha256:{document.digest}"
    return compile_pdf(TEMPLATE, as_json(data),
                       date=date or dt.date.fromisoformat(document.date),
                       house_style=house_style, identifier=identifier)


def as_json(data: Mapping[str, Any]) -> str:
    """The data as compact JSON; built before compiling, so the dicts are freed while Typst
    lays out (it needs every byte it can get for a long agreement)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def compile_pdf(name: str, data: str, *, date: dt.date, house_style: Path | None = None,
                identifier: str | None = None) -> bytes:
    """Compile template name (house style first) with data (JSON); the PDF is dated date."""
    import typst

    template = find_template(name, house_style)
    moment = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)
    try:
        pdf: bytes = typst.compile(
            str(template), root=str(template.parent), ignore_system_fonts=True,
            sys_inputs={INPUT_KEY: data},
            # PDF/A-2b: archival, fonts embedded; PDF/UA-1: tagged, accessible.
            pdf_standards=["a-2b", "ua-1"], timestamp=int(moment.timestamp()))
    except typst.TypstError as exc:
        raise UsageError(f"Het sjabloon {template} is niet te gebruiken: "
                         f"{_first_line(exc)}") from exc
    pdf = resolve_internal_links(pdf)
    return add_identifier(pdf, identifier) if identifier else pdf


def find_template(name: str, house_style: Path | None) -> Path:
    """The template file: from the house-style folder when it has one, else the shipped one."""
    from rechtmakers.render.templating import check_house_style, shipped_templates

    check_house_style(house_style)
    for folder in ([house_style] if house_style else []) + [shipped_templates()]:
        candidate = folder / name
        if candidate.is_file():
            return candidate.absolute()
    raise UsageError(f"Het sjabloon {name} ontbreekt.")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:500]


# The tree as data.

def document_data(document: Document) -> Data:
    """Everything the template shows, as JSON-ready values; links only to anchors it places."""
    anchors = defined_anchors(document)
    flow = FlowWriter(anchors)
    return {
        "id": document.id, "title": document.title, "version": document.version,
        "status": document.status, "concept": document.concept, "date": document.date,
        "date_text": document.date_text, "digest": document.digest,
        "short_digest": document.digest[:12], "with_explanations": document.with_explanations,
        "effective_text": document.effective_text, "until_text": document.until_text,
        "term_text": document.term_text,
        "compass": flow.blocks(document.compass),
        "considerations": [flow.blocks(text) for text in document.considerations],
        "operative": flow.blocks(document.operative),
        "parties": [_party(party) for party in document.parties],
        "terms": [{"term": t.term, "anchor": t.anchor, "meaning": flow.blocks(t.meaning)}
                  for t in document.terms],
        "articles": [_article(article, flow) for article in document.articles],
        "signing_clause": list(document.signing_clause),
        "annexes": [_annex(annex, flow) for annex in document.annexes],
    }


def defined_anchors(document: Document) -> frozenset[str]:
    """The anchors the template places: articles, their members, terms and annexes."""
    found = {term.anchor for term in document.terms}
    for article in document.articles:
        found.add(article.anchor)
        found.update(member.anchor for member in article.members)
    found.update(annex.anchor for annex in document.annexes)
    return frozenset(found)


def _party(party: PartyNode) -> Data:
    """The party as the list and the signature block show it: its legal name and the tree's
    details sentence (", gevestigd te …, rechtsgeldig vertegenwoordigd door …"), as md/html."""
    return {
        "id": party.id, "name": party.name, "legal_name": party.legal_name or party.name,
        "kind": party.kind, "lead": party.lead, "details": party.details,
        "signers": [{"name": s.name, "function": s.function, "signed": s.signed}
                    for s in party.signers],
    }


def marked_runs(text: str, mark: Mark | None = None, was: str | None = None) -> list[Run]:
    """A number, heading or name of a part as runs: inserted or deleted with its part, or a
    renumbered one as its old number deleted, then the new one inserted."""
    if mark in (Mark.DELETED, Mark.MOVED_FROM):
        return [{"t": text, "x": "d"}]
    if mark in (Mark.INSERTED, Mark.MOVED_TO):
        return [{"t": text, "x": "i"}]
    if was is not None and was != text:
        return [{"t": was, "x": "d"}, {"t": APART}, {"t": text, "x": "i"}]
    return [{"t": text}]


def mark_flag(mark: Mark | None) -> str | None:
    """A whole part's mark as a run's x flag: "i", "d" or None."""
    if mark in (Mark.DELETED, Mark.MOVED_FROM):
        return "d"
    return "i" if mark in (Mark.INSERTED, Mark.MOVED_TO) else None


# Between deleted and inserted words: a space of its own, undecorated, so they never run
# together on paper nor in the text a PDF reader copies ("besluit voorstel", not
# "besluitvoorstel"); a thin space is lost in that text.
APART = " "


def _heading_runs(article: ArticleNode) -> list[Run]:
    number = str(article.number)
    was = None if article.was is None else str(article.was)
    return [{"t": "Artikel "}, *marked_runs(number, article.mark, was), {"t": " – "},
            *marked_runs(article.title, article.mark, article.title_was)]


def _outline(article: ArticleNode) -> str:
    """A redline article's heading as the outline and bookmarks show it: plain words."""
    if article.mark in (Mark.DELETED, Mark.MOVED_FROM):
        where = "geschrapt" if article.mark is Mark.DELETED else "oude plaats"
        return f"Artikel {article.number} ({where}) – {article.title}"
    if article.was is not None and article.was != article.number:
        return f"{article.heading} (was artikel {article.was})"
    return article.heading


def _member(member: Member, flow: FlowWriter) -> Data:
    return {"number": member.number, "anchor": member.anchor, "body": flow.blocks(member.body),
            "number_runs": marked_runs(member.number, member.mark,
                                       member.was if member.moved_in_article else None),
            "wide": member.moved_in_article}


def _annex(annex: AnnexNode, flow: FlowWriter) -> Data:
    return {"number": annex.number, "anchor": annex.anchor, "heading": annex.heading,
            "heading_runs": marked_runs(annex.heading, annex.mark),
            "title": annex.title, "file": annex.file, "sha256": annex.sha256,
            "body": None if annex.body is None else flow.blocks(annex.body)}


def _article(article: ArticleNode, flow: FlowWriter) -> Data:
    decision = article.decision
    return {
        "number": article.number, "anchor": article.anchor, "heading": article.heading,
        "heading_runs": _heading_runs(article), "outline": _outline(article),
        "topic": article.topic, "body": flow.blocks(article.body),
        "members": [_member(m, flow) for m in article.members],
        "decision": None if decision is None else {
            "method": decision.method, "body": decision.body, "quorum": decision.quorum},
        "steps": [{"name": s.name, "who": s.who, "term": s.term, "x": mark_flag(s.mark),
                   "body": flow.blocks(s.body)} for s in article.steps],
        "safeguards": [{"what": flow.blocks(g.what), "how": flow.blocks(g.how),
                        "when": flow.blocks(g.when)} for g in article.safeguards],
        "helps": flow.items(article.helps), "hinders": flow.items(article.hinders),
        "joining": flow.items(article.joining),
        "explanation": None if article.explanation is None else flow.blocks(article.explanation),
    }


class FlowWriter:
    """Blocks and inlines of the tree as JSON: blocks by kind, inlines as runs with flags."""

    def __init__(self, anchors: frozenset[str]) -> None:
        self.anchors = anchors

    def items(self, flows: Iterable[Flow]) -> list[list[Data]]:
        return [self.blocks(flow) for flow in flows]

    def blocks(self, flow: Sequence[Block]) -> list[Data]:
        return [self.block(block) for block in flow]

    def block(self, block: Block) -> Data:
        if isinstance(block, Paragraph):
            return {"k": "p", "r": self.runs(block.inlines)}
        if isinstance(block, Subheading):
            return {"k": "h", "r": self.runs(block.inlines)}
        if isinstance(block, ListBlock):
            return {"k": "ol" if block.ordered else "ul", "start": block.start,
                    "tight": block.tight, "items": self.items(block.items)}
        if isinstance(block, Quote):
            return {"k": "q", "b": self.blocks(block.blocks)}
        if isinstance(block, CodeBlock):
            return {"k": "code", "t": block.text.rstrip("\n")}
        if isinstance(block, Rule):
            return {"k": "hr"}
        assert_never(block)

    def runs(self, inlines: Sequence[Inline]) -> list[Run]:
        out: list[Run] = []
        self._runs(inlines, {}, out)
        return out

    def _runs(self, inlines: Sequence[Inline], flags: dict[str, Any], out: list[Run]) -> None:
        for i, node in enumerate(inlines):
            if i and isinstance(node, Inserted) and isinstance(inlines[i - 1], Deleted):
                _append(out, APART, {})
            self._run(node, flags, out)

    def _run(self, node: Inline, flags: dict[str, Any], out: list[Run]) -> None:
        if isinstance(node, Text):
            _append(out, node.text.replace("\n", " "), flags)
        elif isinstance(node, Emphasis):
            self._runs(node.children, {**flags, "i": True}, out)
        elif isinstance(node, Strong):
            self._runs(node.children, {**flags, "b": True}, out)
        elif isinstance(node, Code):
            _append(out, node.text, {**flags, "c": True})
        elif isinstance(node, Link):
            self._runs(node.children, {**flags, **self._target(node.href)}, out)
        elif isinstance(node, Ref):
            _append(out, node.label, {**flags, **self._anchor(node.anchor)})
        elif isinstance(node, TermUse):
            _append(out, node.text, {**flags, **self._anchor(node.anchor), "d": True})
        elif isinstance(node, Break):
            out.append({"n": True})
        elif isinstance(node, Inserted):
            self._runs(node.children, {**flags, "x": "i"}, out)
        elif isinstance(node, Deleted):
            self._runs(node.children, {**flags, "x": "d"}, out)
        else:
            assert_never(node)

    def _target(self, href: str) -> dict[str, str]:
        if href.startswith("#"):
            return self._anchor(href[1:])
        return {"u": href}

    def _anchor(self, anchor: str) -> dict[str, str]:
        """A link to an anchor the template places; none to one it does not (Typst would fail)."""
        return {"a": anchor} if anchor in self.anchors else {}


def _append(out: list[Run], text: str, flags: dict[str, Any]) -> None:
    """Add a run; a run with the same flags as the last one is merged into it."""
    if not text:
        return
    last = out[-1] if out else None
    if last is not None and "t" in last and last.keys() == {"t", *flags} \
            and all(last[key] == value for key, value in flags.items()):
        last["t"] += text
        return
    out.append({"t": text, **flags})

"""The body of the DOCX written as WordprocessingML straight from the document tree.

python-docx supplies the package, the styles and the numbering part; writing the paragraphs as
text here is many times faster than one python-docx call per paragraph, and just as valid.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import assert_never
from xml.sax.saxutils import escape as _xml_escape

from rechtmakers.document.tree import (
    ArticleNode,
    Block,
    Break,
    Code,
    CodeBlock,
    Document,
    Emphasis,
    Flow,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Ref,
    Rule,
    Strong,
    Subheading,
    TermUse,
    Text,
)

# Characters that XML 1.0 does not allow; clause text never needs them.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_LEVEL = 2
MAX_BOOKMARK = 40  # Word's limit on a bookmark name

# A source field a paragraph shows: the file in the agreement folder and the YAML path in it.
FieldRef = tuple[str, tuple[str | int, ...]]
# What a group of paragraphs is made of: generated words (str) and source fields, in order.
Part = str | FieldRef


@dataclass(frozen=True, slots=True)
class Unit:
    """Paragraphs start..end-1 of the body (table cells counted) show these parts."""

    start: int
    end: int
    parts: tuple[Part, ...]
    article: str | None
    member: str | None


def xml_text(text: str) -> str:
    return _xml_escape(INVALID_XML.sub("", text))


def bookmark_name(kind: str, *ids: str) -> str:
    """A bookmark name Word accepts (a letter first, letters, digits and _, at most 40) made of
    a kind and source ids: art_doel, lid_besluitvorming__consent; a long one ends in a hash.

    Ids never hold "__", so the double underscore between ids keeps names apart.
    """
    name = "__".join((kind, *(i.replace("-", "_") for i in ids))) if ids else kind
    name = name.replace("__", "_", 1)
    if len(name) <= MAX_BOOKMARK:
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{name[:MAX_BOOKMARK - 9]}_{digest}"


class BodyWriter:
    """Collects the body's paragraphs and tables as XML text."""

    def __init__(self, style: Callable[[str], str], new_list: Callable[[bool, int, int], int],
                 link_id: Callable[[str], str]) -> None:
        self.style = style
        self.new_list = new_list
        self.link_id = link_id
        self.parts: list[str] = []
        self.anchors: dict[str, str] = {}  # HTML anchor (artikel-3-1) → bookmark name
        self.units: list[Unit] = []
        self.count = 0  # paragraphs written, table cells included
        self._bookmarks = 0
        self._open: tuple[int, tuple[Part, ...], str | None, str | None] | None = None

    # Source units: which paragraphs show which source fields (read back by inlezen).

    def open_unit(self, parts: Sequence[Part], article: str | None = None,
                  member: str | None = None) -> None:
        self._open = (self.count, tuple(parts), article, member)

    def close_unit(self) -> None:
        if self._open is not None:
            start, parts, article, member = self._open
            if self.count > start:
                self.units.append(Unit(start, self.count, parts, article, member))
        self._open = None

    def bookmark(self, name: str) -> str:
        """A bookmark start and end around nothing, to put at the start of a paragraph."""
        self._bookmarks += 1
        number = self._bookmarks
        return (f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>'
                f'<w:bookmarkEnd w:id="{number}"/>')

    # Paragraphs and runs.

    def para(self, style: str | None, runs: str, *, num: tuple[int, int] | None = None,
             keep_next: bool = False, page_break: bool = False) -> None:
        props = []
        if style:
            props.append(f'<w:pStyle w:val="{self.style(style)}"/>')
        if keep_next:
            props.append("<w:keepNext/>")
        if page_break:
            props.append("<w:pageBreakBefore/>")
        if num:
            props.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/>'
                         "</w:numPr>")
        ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
        self.parts.append(f"<w:p>{ppr}{runs}</w:p>")
        self.count += 1

    def runs(self, nodes: Sequence[Inline], fmt: str = "") -> str:
        return "".join(self._run(node, fmt) for node in nodes)

    def _run(self, node: Inline, fmt: str) -> str:
        if isinstance(node, Text):
            return text_run(node.text.replace("\n", " "), fmt)
        if isinstance(node, (Ref, TermUse)):
            is_ref = isinstance(node, Ref)
            text = node.label if isinstance(node, Ref) else node.text
            target = self.anchors.get(node.anchor)
            if target is None:
                return text_run(text, fmt)
            look = _REF_LOOK if is_ref else _TERM_LOOK
            return (f'<w:hyperlink w:anchor="{target}" w:history="1">'
                    f"{text_run(text, fmt + look)}</w:hyperlink>")
        if isinstance(node, Break):
            return "<w:r><w:br/></w:r>"
        if isinstance(node, Emphasis):
            return self.runs(node.children, fmt + "<w:i/>")
        if isinstance(node, Strong):
            return self.runs(node.children, "<w:b/>" + fmt)
        if isinstance(node, Code):
            return text_run(node.text, fmt + _CODE_FONT)
        if isinstance(node, Link):
            inner = self.runs(node.children, fmt + _LINK_LOOK)
            return f'<w:hyperlink r:id="{self.link_id(node.href)}">{inner}</w:hyperlink>'
        assert_never(node)

    # Blocks from clause text.

    def flow(self, flow: Flow, *, level: int = 0, style: str = "Normal",
             lead: str = "") -> None:
        """Blocks as paragraphs; lead (runs) goes before the first paragraph's words."""
        for block in flow:
            self.block(block, level=level, style=style, lead=lead)
            lead = ""

    def block(self, block: Block, *, level: int, style: str, lead: str = "") -> None:
        if isinstance(block, Paragraph):
            self.para(style, lead + self.runs(block.inlines))
        elif isinstance(block, Subheading):
            self.para(style, lead + self.runs(block.inlines, "<w:b/>"), keep_next=True)
        elif isinstance(block, ListBlock):
            if lead:
                self.para(style, lead)
            self.list_block(block, level)
        elif isinstance(block, Quote):
            self.flow(block.blocks, level=level, style="Quote", lead=lead)
        elif isinstance(block, CodeBlock):
            lines = block.text.rstrip("\n").split("\n")
            runs = "<w:r><w:br/></w:r>".join(text_run(line, _CODE_FONT) for line in lines)
            self.para(style, lead + runs)
        elif isinstance(block, Rule):
            self.para(style, lead + text_run("⁂"))
        else:
            assert_never(block)

    def list_block(self, block: ListBlock, level: int = 0) -> None:
        level = min(level, MAX_LEVEL)
        num = self.new_list(block.ordered, block.start, level)
        style = _list_style(block.ordered, level)
        for item in block.items:
            self.list_item(item, num, level, style)

    def list_item(self, item: Flow, num: int, level: int, style: str) -> None:
        first = True
        for block in item:
            if first and isinstance(block, Paragraph):
                self.para(style, self.runs(block.inlines), num=(num, level))
            elif isinstance(block, ListBlock):
                self.list_block(block, level + 1)
            else:
                self.block(block, level=level + 1, style="List Continue")
            first = False

    def items(self, flows: Sequence[Flow], *, ordered: bool,
              fields: Sequence[FieldRef] = (), article: str | None = None) -> None:
        """Short texts (helps, joining) as one list; fields names the source of each item."""
        num = self.new_list(ordered, 1, 0)
        style = _list_style(ordered, 0)
        for i, item in enumerate(flows):
            if i < len(fields):
                self.open_unit((fields[i],), article)
            self.list_item(item, num, 0, style)
            self.close_unit()

    # Tables.

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Flow]],
              fields: Sequence[Sequence[FieldRef]] = (), article: str | None = None) -> None:
        """A table; fields, when given, names the source field of each body cell."""
        width = 5000 // max(len(header), 1)
        grid = "".join("<w:gridCol/>" for _ in header)
        head = "".join(self._cell(text_run(h, "<w:b/>"), width) for h in header)
        self.count += len(header)
        cells = []
        for r, row in enumerate(rows):
            cells.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for c, cell in enumerate(row):
                if r < len(fields) and c < len(fields[r]):
                    self.units.append(Unit(self.count, self.count + 1, (fields[r][c],),
                                           article, None))
                cells.append(self._cell(self._cell_runs(cell), width))
                self.count += 1
            cells.append("</w:tr>")
        body = "".join(cells)
        self.parts.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style("Table Grid")}"/>'
            '<w:tblW w:w="5000" w:type="pct"/><w:tblCellMar><w:top w:w="57" w:type="dxa"/>'
            '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/>'
            '<w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" '
            'w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
            f'<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{head}</w:tr>{body}</w:tbl>')
        self.para("Normal", "")

    def _cell(self, runs: str, width: int) -> str:
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="pct"/></w:tcPr>'
                f"<w:p>{runs}</w:p></w:tc>")

    def _cell_runs(self, flow: Flow) -> str:
        runs = []
        for block in flow:
            if isinstance(block, (Paragraph, Subheading)):
                runs.append(self.runs(block.inlines))
            elif isinstance(block, ListBlock):
                runs.extend(self._cell_runs(item) for item in block.items)
            elif isinstance(block, (Quote, CodeBlock, Rule)):
                continue  # a table cell shows its words and lists only
            else:
                assert_never(block)
        return "<w:r><w:br/></w:r>".join(r for r in runs if r)

    def xml(self) -> str:
        return "".join(self.parts)


def text_run(text: str, fmt: str = "") -> str:
    rpr = f"<w:rPr>{fmt}</w:rPr>" if fmt else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def _list_style(ordered: bool, level: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    return base if level == 0 else f"{base} {level + 1}"


_CODE_FONT = '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>'
_LINK_LOOK = '<w:color w:val="0563C1"/><w:u w:val="single"/>'
_REF_LOOK = '<w:color w:val="0563C1"/>'
_TERM_LOOK = '<w:u w:val="dotted"/>'


def write_document(writer: BodyWriter, doc: Document) -> str:
    """The whole document, in reading order, as body XML."""
    writer.anchors.update(link_targets(doc))
    _front(writer, doc)
    for article in doc.articles:
        _article(writer, article)
    _signatures(writer, doc)
    _annexes(writer, doc)
    return writer.xml()


META = "overeenkomst.yaml"
TERMS = "begrippen.yaml"
SIGNING_BOOKMARK = "ondertekening"


def article_bookmark(article_id: str) -> str:
    return bookmark_name("art", article_id)


def member_bookmark(article_id: str, member_id: str) -> str:
    return bookmark_name("lid", article_id, member_id)


def explanation_bookmark(article_id: str) -> str:
    return bookmark_name("toel", article_id)


def annex_bookmark(annex_id: str) -> str:
    return bookmark_name("bijlage", annex_id)


def term_bookmark(anchor: str) -> str:
    return bookmark_name("begrip", anchor.removeprefix("begrip-"))


def link_targets(doc: Document) -> dict[str, str]:
    """HTML anchor → DOCX bookmark, for the articles and leden with an id, terms and annexes."""
    targets = {term.anchor: term_bookmark(term.anchor) for term in doc.terms}
    targets.update((annex.anchor, annex_bookmark(annex.id)) for annex in doc.annexes)
    for article in doc.articles:
        if article.id:
            targets[article.anchor] = article_bookmark(article.id)
            for member in article.members:
                if member.id:
                    targets[member.anchor] = member_bookmark(article.id, member.id)
    return targets


def _front(w: BodyWriter, doc: Document) -> None:
    w.open_unit(((META, ("titel",)),))
    w.para("Title", text_run(doc.title))
    w.close_unit()
    if doc.with_explanations:
        w.para("Normal", text_run("Editie met toelichting. De toelichting is niet bindend; "
                                  "alleen de tekst van de overeenkomst telt.", "<w:i/>"))
    w.para("Subtitle", text_run(f"Versie {doc.version} · {doc.status} · {doc.date_text}"))
    if doc.term_text:
        w.para("Normal", text_run(doc.term_text, "<w:b/>"))
    w.para("Normal", text_run("Vingerafdruk van deze versie (SHA-256-digest): ")
           + text_run(doc.digest, _CODE_FONT))
    w.open_unit(("Ons kompas: ", (META, ("kompas",))))
    w.flow(doc.compass, style="Intense Quote", lead=text_run("Ons kompas: ", "<w:b/>"))
    w.close_unit()
    w.para("Heading 1", text_run("Partijen"), keep_next=True)
    num = w.new_list(True, 1, 0)
    for i, party in enumerate(doc.parties, start=1):
        end = "." if i == len(doc.parties) else ";"
        w.para("List Number", text_run(party.legal_name, "<w:b/>")
               + text_run(f"{party.details}{end}"), num=(num, 0))
    if doc.considerations:
        w.para("Heading 1", text_run("Overwegingen"), keep_next=True)
        w.items(doc.considerations, ordered=True,
                fields=[(META, ("overwegingen", i)) for i in range(len(doc.considerations))])
    if doc.operative:
        w.flow(doc.operative)
    if doc.terms:
        w.para("Heading 1", text_run("Begrippen"), keep_next=True)
        w.para("Normal", text_run("In deze overeenkomst hebben deze woorden een vaste "
                                  "betekenis."))
        for i, term in enumerate(doc.terms):
            w.open_unit((f"{term.term}: ", (TERMS, ("begrippen", i, "betekenis"))))
            w.flow(term.meaning, lead=w.bookmark(term_bookmark(term.anchor))
                   + text_run(f"{term.term}: ", "<w:b/>"))
            w.close_unit()


def _article(w: BodyWriter, article: ArticleNode) -> None:
    aid = article.id
    rel = f"artikelen/{aid}.yaml"
    mark = w.bookmark(article_bookmark(aid)) if aid else ""
    w.open_unit((f"Artikel {article.number} – ", (rel, ("titel",))), aid)
    w.para("Heading 1", mark + text_run(article.heading), keep_next=True)
    w.close_unit()
    w.open_unit(((rel, ("tekst",)),), aid)
    w.flow(article.body)
    w.close_unit()
    if article.decision:
        decision = article.decision
        rows: list[tuple[str, str, str | None]] = [("Wie besluit", decision.body, "orgaan"),
                                                   ("Hoe", decision.method, None)]
        if decision.quorum:
            rows.append(("Wie er moeten zijn", decision.quorum, "quorum"))
        for label, value, key in rows:
            if key:
                w.open_unit((f"{label}: ", (rel, ("besluitvorming", key))), aid)
            w.para("Normal", text_run(f"{label}: ", "<w:b/>") + text_run(value))
            w.close_unit()
    if article.steps:
        w.para("Heading 2", text_run("Stappen"), keep_next=True)
        num = w.new_list(True, 1, 0)
        for i, step in enumerate(article.steps):
            path = ("conflictdialoog", "stappen", i)
            w.open_unit(((rel, (*path, "naam")), "\nWie: ", (rel, (*path, "wie")),
                         " · Termijn: ", (rel, (*path, "termijn"))), aid)
            w.para("List Number", text_run(step.name, "<w:b/>") + "<w:r><w:br/></w:r>"
                   + text_run(f"Wie: {step.who} · Termijn: {step.term}", "<w:i/>"),
                   num=(num, 0), keep_next=True)
            w.close_unit()
            w.open_unit(((rel, (*path, "tekst")),), aid)
            w.flow(step.body, level=1, style="List Continue")
            w.close_unit()
    if article.safeguards:
        w.para("Heading 2", text_run("Waarborgen"), keep_next=True)
        w.table(("Wat", "Hoe", "Wanneer"),
                [(g.what, g.how, g.when) for g in article.safeguards],
                [[(rel, ("inwonerperspectief", "waarborgen", i, key))
                  for key in ("wat", "hoe", "wanneer")] for i in range(len(article.safeguards))],
                aid)
    for title, flows, where in (("Dit helpt", article.helps, ("gedrag", "helpt")),
                               ("Dit helpt niet", article.hinders, ("gedrag", "helpt-niet")),
                               ("Wat instappen betekent", article.joining,
                                ("instappen", "betekent"))):
        if flows:
            w.para("Heading 2", text_run(title), keep_next=True)
            w.items(flows, ordered=False, fields=[(rel, (*where, i)) for i in range(len(flows))],
                    article=aid)
    for i, member in enumerate(article.members):
        mark = w.bookmark(member_bookmark(aid, member.id)) if aid and member.id else ""
        w.open_unit((f"{member.number}\t", (rel, ("leden", i, "tekst"))), aid, member.id)
        w.flow(member.body, style="Lid", lead=mark + text_run(member.number, "<w:b/>")
               + "<w:r><w:tab/></w:r>")
        w.close_unit()
    if article.explanation:
        mark = w.bookmark(explanation_bookmark(aid)) if aid else ""
        w.para("Toelichting", mark + text_run("Toelichting (niet bindend)", "<w:b/>"),
               keep_next=True)
        w.open_unit(((rel, ("toelichting",)),), aid)
        w.flow(article.explanation, style="Toelichting")
        w.close_unit()


def _signatures(w: BodyWriter, doc: Document) -> None:
    w.para("Heading 1", w.bookmark(SIGNING_BOOKMARK) + text_run("Ondertekening"),
           keep_next=True, page_break=True)
    for text in doc.signing_clause:
        w.para("Normal", text_run(text))
    w.para("Normal", text_run("Vingerafdruk (SHA-256-digest) van deze versie: ")
           + text_run(doc.digest, _CODE_FONT))
    line = "_" * 30
    for party in doc.parties:
        w.para("Heading 2", text_run(party.legal_name), keep_next=True)
        for signer in party.signers:
            if signer.signed:
                for label, value in (("Naam", signer.name), ("Functie", signer.function)):
                    w.para("Normal", text_run(f"{label}: ") + text_run(value), keep_next=True)
                w.para("Normal", text_run("Getekend: ") + text_run(signer.signed))
                continue
            for label, value in (("Naam", signer.name), ("Functie", signer.function),
                                 ("Plaats", line), ("Datum", line)):
                w.para("Normal", text_run(f"{label}: ") + text_run(value), keep_next=True)
            w.para("Normal", "<w:r><w:br/></w:r>" + text_run(f"Handtekening: {line}"))


def _annexes(w: BodyWriter, doc: Document) -> None:
    """The list of annexes (files pinned by their SHA-256), then each Markdown annex's text."""
    if not doc.annexes:
        return
    w.para("Heading 1", text_run("Bijlagen"), keep_next=True, page_break=True)
    w.para("Normal", text_run("Deze bijlagen horen bij de overeenkomst. Partijen tekenen ze "
                              "mee."))
    num = w.new_list(False, 1, 0)
    for annex in doc.annexes:
        if annex.body is not None:
            rest = text_run(": de tekst staat hieronder (bestand ") + text_run(
                annex.file, _CODE_FONT) + text_run(").")
        else:
            rest = (text_run(": het bestand ") + text_run(annex.file, _CODE_FONT)
                    + text_run(" met SHA-256 ") + text_run(annex.sha256, _CODE_FONT)
                    + text_run("."))
        w.para("List Bullet", w.bookmark(annex_bookmark(annex.id))
               + text_run(annex.heading, "<w:b/>") + rest, num=(num, 0))
    for annex in doc.annexes:
        if annex.body is not None:
            w.para("Heading 1", text_run(annex.heading), keep_next=True, page_break=True)
            w.flow(annex.body)

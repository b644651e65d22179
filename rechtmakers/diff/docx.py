"""The DOCX redline: the rendered document of the new version with Word tracked changes, so that
accepting all of them gives, paragraph by paragraph, what `rechtmakers render` makes of the new
version, and rejecting all of them what it made of the old one.

Both versions are written by render's own body writer (render.docx_body), so headings, leden,
lists, the tables and blocks of domain articles look exactly as in the rendered document, on the
same A4 page with the same footer. The two bodies are cut into sections (the front, each
article, the signatures) and compared paragraph by paragraph, then word by word:

- a paragraph only in one version is inserted or deleted with its paragraph mark
  (w:pPr/w:rPr/w:ins or w:del), so accepting or rejecting leaves no empty paragraph behind;
- a paragraph in both is compared word by word, with formatting and link target part of each
  word: a new number ("Artikel 4" → "Artikel 5"), removed emphasis or a new link address is a
  tracked change too;
- table rows are inserted or deleted as rows (w:trPr/w:ins or w:del);
- a moved article is a tracked move (w:moveFrom at its old place, w:moveTo at its new place);
- every change is attributed to the author and date of the last commit between the two
  versions that touched its article (or the agreement's own files, for the front).

On top comes a summary: what changed, as a table, marking moves and renumbering that are "niet
inhoudelijk", and the changes the words do not show.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from xml.sax.saxutils import unescape

from rechtmakers.agreement import Agreement
from rechtmakers.diff.compare import ArticleDiff, Comparison, moved_articles, order_of
from rechtmakers.diff.myers import opcodes
from rechtmakers.diff.present import (
    NOT_SUBSTANTIVE,
    MetaView,
    counts,
    heading,
    meta_views,
    number_text,
    title,
    version_text,
    versions,
    what,
)
from rechtmakers.diff.relabel import old_labels
from rechtmakers.diff.words import tokenize
from rechtmakers.document.build import DocumentBuilder
from rechtmakers.document.tree import ArticleNode, Break, Document, Inline, Paragraph, Text
from rechtmakers.render.docx_body import BodyWriter, text_run, write_document, xml_text

FRONT = "\x00voorwerk"  # the section keys that are not article ids
SIGNATURES = "\x00ondertekening"
Attribution = Mapping[str, tuple[str, dt.datetime]]
_MAX_TOKEN_EDITS = 400
_PLACEHOLDER = 1_000_000  # list ids of the old version until they are matched to the new one


def render_docx(comparison: Comparison, *, author: str, date: dt.datetime,
                attribution: Attribution | None = None) -> bytes:
    """The redline as DOCX bytes; the same comparison and attribution give the same bytes.

    author and date name the changes no commit is known for (the working tree, two folders).
    """
    from rechtmakers.diff.binding import digest_of
    from rechtmakers.document.build import build_document
    from rechtmakers.render.docx import render_docx as render_package

    old_doc = None
    plan: dict[str, Labels | None] = {}
    if comparison.old is not None:
        plan = _old_articles(comparison)
        wanted = frozenset(a for a, labels in plan.items() if labels is None)
        old_doc = _PartialBuilder(comparison.old, wanted).build(digest_of(comparison.old))
    redline = Redline(comparison, old_doc, author, date, attribution or {})
    redline.plan = plan
    if comparison.new is None and old_doc is not None:
        # The agreement is gone: everything deleted, in the old document's package.
        redline.new_exists = False
        return render_package(old_doc, body_of=redline.body)
    new_doc = build_document(comparison.latest, digest_of(comparison.latest))
    return render_package(new_doc, body_of=redline.body)


Labels = dict[str, str]  # a reference as the new version reads it → as the old one did


def _old_articles(comparison: Comparison) -> dict[str, Labels | None]:
    """Per old article: None to lay it out again (its source differs, or its references
    cannot be read back from the new layout), else the labels that turn the new layout into
    the old one (see _old_labels; its old number: see _renumbered)."""
    return {a.id: _old_labels(comparison, a) for a in comparison.articles
            if a.number_old is not None}


def _old_labels(comparison: Comparison, article: ArticleDiff) -> Labels | None:
    """For an article whose source is the same in both versions: each reference label that
    reads differently in the old version, new → old; None when the source changed (or moved),
    or when one new label stood for two old ones."""
    if not set(article.kinds) <= {"changed", "renumbered"} or article.binding:
        return None
    old, new = comparison.old, comparison.new
    if old is None or new is None:
        return None
    source = new.articles.get(article.id)
    if source is None or source is not old.articles.get(article.id):
        return None
    if "changed" not in article.kinds:
        return {}
    found = old_labels(source, old, new)
    if any(old is None for old in found.values()):
        return None
    return {new: old for new, old in found.items() if old is not None}


class _PartialBuilder(DocumentBuilder):
    """render's document builder, laying out only some of the articles (each article is laid
    out on its own, so the others are not needed)."""

    def __init__(self, agreement: Agreement, wanted: frozenset[str]) -> None:
        super().__init__(agreement)
        self.wanted = wanted

    def _articles(self) -> tuple[ArticleNode, ...]:
        numbers = self.agreement.numbers
        return tuple(self._article(article, numbers[article.id])
                     for article in self.agreement.ordered_articles()
                     if article.id in self.wanted)


@dataclass
class Block:
    """A paragraph (kind "p") or a table ("tbl") of one rendered version."""

    kind: str
    xml: str
    props: str = ""  # the paragraph's w:pPr content
    atoms: tuple[Atom, ...] = ()
    rows: tuple[str, ...] = ()  # a table's w:tr elements
    head: str = ""  # a table's XML before its first row

    @property
    def text(self) -> str:
        if self.kind == "tbl":
            return " | ".join(_row_text(row) for row in self.rows)
        return "".join(atom.text for atom in self.atoms if atom.kind == "t")

    @property
    def key(self) -> tuple[str, str, str]:
        """What aligns blocks of the two versions: kind, properties (not the list instance)
        and the text with its numbers left out (so "3.4 …" matches "3.3 …")."""
        return (self.kind, _NUM_ID.sub("", self.props), _DIGITS.sub("#", self.text))


@dataclass(frozen=True)
class Atom:
    """A piece of a paragraph: text ("t"), a line break ("br"), a tab ("tab") or a bookmark
    ("bm"), with the run formatting and the hyperlink tag around it."""

    kind: str
    text: str = ""
    fmt: str = ""
    link: str = ""


Token = tuple[str, str, str, str]  # kind, text, fmt, link

_NUM_ID = re.compile(r'<w:numId w:val="\d+"/>')
_NUM_VALUE = re.compile(r'(<w:numId w:val=")(\d+)("/>)')
_DIGITS = re.compile(r"\d+")
_PARAGRAPH = re.compile(r"<w:p>(?:<w:pPr>(.*?)</w:pPr>)?(.*)</w:p>", re.DOTALL)
_RUN_PROPS = re.compile(r"<w:rPr>(.*?)</w:rPr>", re.DOTALL)
_RUN_PART = re.compile(r'<w:t(?: xml:space="preserve")?>(.*?)</w:t>|<w:t/>|<w:(br|tab)/>',
                       re.DOTALL)
_BOOKMARK_ID = re.compile(r' w:id="\d+"')
_ROW = re.compile(r"<w:tr>.*?</w:tr>", re.DOTALL)
_CELL_PARAGRAPH = re.compile(r"(<w:tc>.*?<w:p>)(.*?)(</w:p></w:tc>)", re.DOTALL)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>(.*?)</w:t>", re.DOTALL)


def parse_block(xml: str) -> Block:
    if xml.startswith("<w:tbl>"):
        rows = tuple(_ROW.findall(xml))
        first = xml.find("<w:tr>")
        return Block("tbl", xml, rows=rows, head=xml[:first] if first >= 0 else xml)
    match = _PARAGRAPH.fullmatch(xml)
    if match is None:
        return Block("other", xml)
    return Block("p", xml, match.group(1) or "", tuple(parse_atoms(match.group(2))))


def parse_atoms(content: str, link: str = "") -> Iterator[Atom]:
    """The runs, hyperlinks and bookmarks of a paragraph's content, in order (linear scan)."""
    i = 0
    while i < len(content):
        if content.startswith("<w:r>", i):
            end = content.find("</w:r>", i)
            yield from _run_atoms(content[i + 5:end], link)
            i = end + 6
        elif content.startswith("<w:hyperlink", i):
            open_end = content.find(">", i) + 1
            end = content.find("</w:hyperlink>", open_end)
            yield from parse_atoms(content[open_end:end], content[i:open_end])
            i = end + len("</w:hyperlink>")
        elif content.startswith("<w:bookmark", i):
            end = content.find("/>", i) + 2
            yield Atom("bm", content[i:end])
            i = end
        else:
            end = content.find(">", i) + 1
            if end <= i:
                break
            i = end  # anything else (a proofing mark) is not text


def _run_atoms(run: str, link: str) -> Iterator[Atom]:
    props = _RUN_PROPS.match(run)
    fmt = props.group(1) if props else ""
    for part in _RUN_PART.finditer(run, props.end() if props else 0):
        if part.group(2):
            yield Atom(part.group(2), "", fmt, link)
        elif part.group(1):
            yield Atom("t", unescape(part.group(1)), fmt, link)


def _row_text(row: str) -> str:
    return " ".join(unescape(t) for t in _TEXT.findall(row))


@dataclass
class Revisions:
    """w:id numbers and the author and date of the section being written."""

    author: str = ""
    date: str = ""
    next_id: int = 1

    def attrs(self) -> str:
        number = self.next_id
        self.next_id += 1
        return f'w:id="{number}" w:author="{self.author}" w:date="{self.date}"'


@dataclass
class Lists:
    """Matches the old version's lists to the new version's, section by section, so a deleted
    list item keeps counting in the list it was part of."""

    new_list: Callable[[bool, int, int], int]
    calls: list[tuple[bool, int, int]] = field(default_factory=list)
    new_calls: list[tuple[int, bool, int, int]] = field(default_factory=list)  # pos, ordered…
    ids: list[int] = field(default_factory=list)

    def recording(self, parts: list[str]) -> Callable[[bool, int, int], int]:
        def new_list(ordered: bool, start: int, level: int) -> int:
            num = self.new_list(ordered, start, level)
            self.new_calls.append((len(parts), ordered, level, num))
            return num
        return new_list

    def placeholder(self, parts: list[str]) -> Callable[[bool, int, int], int]:
        self.old_positions: list[int] = []

        def new_list(ordered: bool, start: int, level: int) -> int:
            self.calls.append((ordered, start, level))
            self.old_positions.append(len(parts))
            return _PLACEHOLDER + len(self.calls) - 1
        return new_list


class Redline:
    """Writes the redline body with render's writer; see the module's description."""

    def __init__(self, comparison: Comparison, old_doc: Document | None, author: str,
                 date: dt.datetime, attribution: Attribution) -> None:
        self.comparison = comparison
        self.old_doc = old_doc
        self.default = (author, date)
        self.attribution = attribution
        self.rev = Revisions()
        self.new_exists = True
        self.plan: dict[str, Labels | None] = {}
        self.out: list[str] = []
        self.moves = 0

    # The body.

    def body(self, writer: BodyWriter, new_doc: Document) -> str:
        lists = Lists(writer.new_list)
        writer.new_list = lists.recording(writer.parts)
        if self.new_exists:
            write_document(writer, new_doc)
        new_parts = list(writer.parts)
        new_cut = _cut_points(new_parts, new_doc, order_of(self.comparison.new)) \
            if self.new_exists else [(FRONT, 0)]
        new_sections = _split(new_parts, new_cut)
        old_sections: dict[str, list[str]] = {}
        if self.old_doc is not None:
            old_writer = BodyWriter(writer.style, lambda o, s, lv: 0, writer.link_id)
            old_writer.new_list = lists.placeholder(old_writer.parts)
            write_document(old_writer, self.old_doc)
            laid_out = {a for a, labels in self.plan.items() if labels is None}
            ids = [a for a in order_of(self.comparison.old) if a in laid_out]
            old_cut = _cut_points(old_writer.parts, self.old_doc, ids)
            old_sections = _split(old_writer.parts, old_cut)
            mapping = _match_lists(lists, new_cut, old_cut)
            old_sections = {key: [_renumber(xml, mapping, lists) for xml in parts]
                            for key, parts in old_sections.items()}
            lid = f'<w:pStyle w:val="{writer.style("Lid")}"/>'
            for article in self.comparison.articles:
                if article.id in laid_out or article.number_old is None:
                    continue
                parts = new_sections.get(article.id, [])
                labels = self.plan.get(article.id) or {}
                if labels:
                    parts = [_relabelled(xml, labels) for xml in parts]
                if article.number_old != article.number_new:
                    parts = _renumbered(parts, article.number_new or 0, article.number_old, lid)
                old_sections[article.id] = parts
        writer.new_list = lists.new_list
        self._summary(writer)
        self._document(new_sections, old_sections)
        return "".join(self.out)

    def _document(self, new: dict[str, list[str]], old: dict[str, list[str]]) -> None:
        comparison = self.comparison
        self._attribute(FRONT)
        self._compare(old.get(FRONT, []), new.get(FRONT, []))
        old_order, new_order = order_of(comparison.old), order_of(comparison.new)
        moved = moved_articles(old_order, new_order)
        for article_id, place in _layout(old_order, new_order, moved):
            self._attribute(article_id)
            if place == "from":
                self._move(old.get(article_id, []), "From")
            elif place == "to":
                self._move(new.get(article_id, []), "To")
            else:
                self._compare(old.get(article_id, []), new.get(article_id, []))
        self._attribute(FRONT)
        self._compare(old.get(SIGNATURES, []), new.get(SIGNATURES, []))

    def _attribute(self, key: str) -> None:
        author, date = self.attribution.get(key, self.default)
        self.rev.author = xml_text(author).replace('"', "&quot;")
        self.rev.date = date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    # Comparing sections.

    def _compare(self, old_parts: Sequence[str], new_parts: Sequence[str]) -> None:
        if list(old_parts) == list(new_parts):
            self.out.extend(self._kept(xml) for xml in new_parts)
            return
        if len(old_parts) == len(new_parts) and self._in_place(old_parts, new_parts):
            return  # the common case of a new number or reference: block by block
        # Identical blocks first (cheap), then the stretches between them by their key.
        same = SequenceMatcher(None, old_parts, new_parts, autojunk=False)
        for tag, i1, i2, j1, j2 in same.get_opcodes():
            if tag == "equal":
                self.out.extend(self._kept(xml) for xml in new_parts[j1:j2])
            else:
                self._align(old_parts[i1:i2], new_parts[j1:j2])

    def _in_place(self, old_parts: Sequence[str], new_parts: Sequence[str]) -> bool:
        """Pair blocks by place when every block that differs is still the same block (same
        kind, properties and text but its numbers); write them and say so, else write
        nothing."""
        pairs: list[tuple[Block, Block] | str] = []
        for before, after in zip(old_parts, new_parts, strict=True):
            if before == after:
                pairs.append(after)
                continue
            old, new = parse_block(before), parse_block(after)
            if old.key != new.key:
                return False
            pairs.append((old, new))
        for pair in pairs:
            if isinstance(pair, str):
                self.out.append(self._kept(pair))
            else:
                self._pair(*pair)
        return True

    def _align(self, old_parts: Sequence[str], new_parts: Sequence[str]) -> None:
        old = [parse_block(xml) for xml in old_parts]
        new = [parse_block(xml) for xml in new_parts]
        matcher = SequenceMatcher(None, [b.key for b in old], [b.key for b in new],
                                  autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                    self._pair(before, after)
            else:
                self._replace(old[i1:i2], new[j1:j2])

    def _replace(self, old: Sequence[Block], new: Sequence[Block]) -> None:
        """Blocks that differ: pair those that are alike, in order; the rest go or come."""
        pairs = _alike(old, new)
        i = j = 0
        for a, b in [*pairs, (len(old), len(new))]:
            for block in old[i:a]:
                self._whole(block, "del")
            for block in new[j:b]:
                self._whole(block, "ins")
            if a < len(old) and b < len(new):
                self._pair(old[a], new[b])
            i, j = a + 1, b + 1

    def _pair(self, old: Block, new: Block) -> None:
        if old.xml == new.xml:
            self.out.append(self._kept(new.xml))
        elif old.kind == new.kind == "p" and old.props == new.props:
            marks = "".join(self._bookmark(a.text) for a in new.atoms if a.kind == "bm")
            self.out.append(f"<w:p>{_ppr(new.props)}{marks}{self._atom_runs(old, new)}</w:p>")
        elif old.kind == new.kind == "tbl":
            self._table(old, new)
        else:
            self._whole(old, "del")
            self._whole(new, "ins")

    def _whole(self, block: Block, how: str) -> None:
        """A block only in one version: deleted or inserted, marks and rows included."""
        if block.kind == "tbl":
            rows = [self._whole_row(row, how) for row in block.rows]
            self.out.append(f"{block.head}{''.join(rows)}</w:tbl>")
            return
        if block.kind != "p":
            if how == "ins":
                self.out.append(block.xml)
            return
        tokens = _tokens(block.atoms)
        marks = "" if how == "del" else "".join(self._bookmark(a.text) for a in block.atoms
                                                  if a.kind == "bm")
        runs = self._group(tokens, "delete" if how == "del" else "insert")
        mark = f"<w:rPr><w:{how} {self.rev.attrs()}/></w:rPr>"
        self.out.append(f"<w:p><w:pPr>{block.props}{mark}</w:pPr>{marks}{runs}</w:p>")

    def _move(self, parts: Sequence[str], way: str) -> None:
        """A moved article at its old place (From) or its new place (To)."""
        self.moves += 1
        tag = f"move{way}"
        range_id = self.rev.attrs()
        self.out.append(f'<w:{tag}RangeStart {range_id} w:name="verplaatst{self.moves}"/>')
        for xml in parts:
            block = parse_block(xml)
            if block.kind == "tbl":
                self._whole(block, "del" if way == "From" else "ins")
                continue
            if block.kind != "p":
                continue
            marks = "" if way == "From" else "".join(self._bookmark(a.text)
                                                     for a in block.atoms if a.kind == "bm")
            runs = "".join(_run(kind, text, fmt) for kind, text, fmt, _ in _tokens(block.atoms))
            mark = f"<w:rPr><w:{tag} {self.rev.attrs()}/></w:rPr>"
            wrapped = f"<w:{tag} {self.rev.attrs()}>{runs}</w:{tag}>" if runs else ""
            self.out.append(f"<w:p><w:pPr>{block.props}{mark}</w:pPr>{marks}{wrapped}</w:p>")
        number = range_id.split('"')[1]
        self.out.append(f'<w:{tag}RangeEnd w:id="{number}"/>')

    # Tables.

    def _table(self, old: Block, new: Block) -> None:
        keys_old = [_DIGITS.sub("#", _row_text(r)) for r in old.rows]
        keys_new = [_DIGITS.sub("#", _row_text(r)) for r in new.rows]
        rows: list[str] = []
        matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                rows.extend(self._row(a, b) for a, b in zip(old.rows[i1:i2], new.rows[j1:j2],
                                                            strict=True))
                continue
            rows.extend(self._whole_row(row, "del") for row in old.rows[i1:i2])
            rows.extend(self._whole_row(row, "ins") for row in new.rows[j1:j2])
        self.out.append(f"{new.head}{''.join(rows)}</w:tbl>")

    def _row(self, old: str, new: str) -> str:
        if old == new:
            return self._kept(new)
        old_cells = _CELL_PARAGRAPH.findall(old)
        new_cells = _CELL_PARAGRAPH.findall(new)
        if len(old_cells) != len(new_cells):
            return self._whole_row(old, "del") + self._whole_row(new, "ins")
        cells = iter(zip(old_cells, new_cells, strict=True))

        def cell(match: re.Match[str]) -> str:
            (_, before, _), (_, after, _) = next(cells)
            runs = self._runs(_tokens(tuple(parse_atoms(before))),
                              _tokens(tuple(parse_atoms(after))))
            return f"{match.group(1)}{runs}{match.group(3)}"

        return _CELL_PARAGRAPH.sub(cell, new)

    def _whole_row(self, row: str, how: str) -> str:
        op = "delete" if how == "del" else "insert"

        def cell(match: re.Match[str]) -> str:
            tokens = _tokens(tuple(parse_atoms(match.group(2))))
            return f"{match.group(1)}{self._group(tokens, op)}{match.group(3)}"

        body = _CELL_PARAGRAPH.sub(cell, row)
        mark = f"<w:{how} {self.rev.attrs()}/>"
        if "<w:trPr>" in body:
            return body.replace("</w:trPr>", f"{mark}</w:trPr>", 1)
        return body.replace("<w:tr>", f"<w:tr><w:trPr>{mark}</w:trPr>", 1)

    # Runs.

    def _atom_runs(self, old: Block, new: Block) -> str:
        """The runs of a paragraph in both versions: the pieces alike at its start and end as
        they are (a new number leaves the rest of a lid alone), the middle word by word."""
        a = [x for x in old.atoms if x.kind != "bm"]
        b = [x for x in new.atoms if x.kind != "bm"]
        start = 0
        while start < min(len(a), len(b)) and a[start] == b[start]:
            start += 1
        end = 0
        while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
            end += 1
        middle = self._runs(_tokens(a[start:len(a) - end]), _tokens(b[start:len(b) - end]))
        return (self._group(_whole_tokens(b[:start]), "equal") + middle
                + self._group(_whole_tokens(b[len(b) - end:]), "equal"))

    def _runs(self, old: list[Token], new: list[Token]) -> str:
        """The runs that turn old into new, word by word (formatting and link included)."""
        codes: Sequence[tuple[str, int, int, int, int]] | None = None
        if old and new:
            codes = opcodes(old, new, _MAX_TOKEN_EDITS)  # type: ignore[arg-type]
        if codes is None:  # rewritten rather than edited: the old words go, the new ones come
            codes = [("replace", 0, len(old), 0, len(new))]
        out: list[str] = []
        for tag, i1, i2, j1, j2 in codes:
            if tag == "equal":
                out.append(self._group(new[j1:j2], "equal"))
                continue
            out.append(self._group(old[i1:i2], "delete"))
            out.append(self._group(new[j1:j2], "insert"))
        return "".join(out)

    def _group(self, tokens: Sequence[Token], op: str) -> str:
        """Tokens as runs: one run per stretch of the same formatting and link."""
        out: list[str] = []
        i = 0
        while i < len(tokens):
            _, _, fmt, link = tokens[i]
            j = i
            runs: list[str] = []
            while j < len(tokens) and tokens[j][2] == fmt and tokens[j][3] == link:
                kind, text, _, _ = tokens[j]
                if kind == "t":
                    k = j
                    while k < len(tokens) and tokens[k][0] == "t" and tokens[k][2:] == (fmt, link):
                        k += 1
                    runs.append(_run("t", "".join(t[1] for t in tokens[j:k]), fmt,
                                     deleted=op == "delete"))
                    j = k
                else:
                    runs.append(_run(kind, "", fmt))
                    j += 1
            joined = "".join(runs)
            if op == "insert":
                joined = f"<w:ins {self.rev.attrs()}>{joined}</w:ins>"
            elif op == "delete":
                joined = f"<w:del {self.rev.attrs()}>{joined}</w:del>"
            out.append(f"{link}{joined}</w:hyperlink>" if link else joined)
            i = j
        return "".join(out)

    def _kept(self, xml: str) -> str:
        """An unchanged block of the new version, its bookmarks numbered anew."""
        if "<w:bookmark" not in xml:
            return xml
        return re.sub(r"<w:bookmarkStart [^>]*/>(?:<w:bookmarkEnd [^>]*/>)?",
                      lambda m: self._bookmark(m.group(0)), xml)

    def _bookmark(self, xml: str) -> str:
        """A bookmark (start, or start and end) with a fresh id; an end alone is dropped."""
        if not xml.startswith("<w:bookmarkStart"):
            return ""
        number = self.rev.next_id  # one series of ids for bookmarks, moves and revisions
        self.rev.next_id += 1
        name = re.search(r'w:name="([^"]*)"', xml)
        label = name.group(1) if name else f"b{number}"
        return (f'<w:bookmarkStart w:id="{number}" w:name="{label}"/>'
                f'<w:bookmarkEnd w:id="{number}"/>')

    # The summary on top.

    def _summary(self, writer: BodyWriter) -> None:
        comparison = self.comparison
        w = BodyWriter(writer.style, writer.new_list, writer.link_id)
        w.para("Title", text_run(f"Wijzigingen in {title(comparison)}"))
        w.para("Subtitle", text_run(f"{comparison.old_label} → {comparison.new_label} · "
                                    f"{versions(comparison)}"))
        w.para("Normal", text_run(f"{counts(comparison)[:1].upper()}{counts(comparison)[1:]}."))
        w.para("Normal", text_run("Hieronder staat de hele overeenkomst zoals ze nu luidt, met "
                                  "de wijzigingen als bijgehouden wijzigingen. Alles "
                                  "accepteren geeft de nieuwe tekst, alles weigeren de oude.",
                                  "<w:i/>"))
        # From the comparison itself: laying out every article's words only to name it would
        # cost more than the redline.
        articles = [a for a in comparison.articles if a.kinds]
        if articles:
            w.para("Heading 2", text_run("Artikelen"), keep_next=True)
            w.table(("Artikel", "Titel", "Wijziging"),
                    [(_cell(number_text(a)), _cell(a.title), _cell(_what(a))) for a in articles])
        metadata = meta_views(comparison)
        if metadata:
            w.para("Heading 2", text_run("Buiten de artikelen"), keep_next=True)
            for meta in metadata:
                w.para("List Bullet", _meta_runs(meta))
        explained = comparison.explanations
        if explained:
            w.para("Heading 2", text_run("Toelichting gewijzigd (niet bindend)"),
                   keep_next=True)
            for article in explained:
                w.para("List Bullet", text_run(f"{heading(article)} – {article.title}"))
        self.out.append(w.xml())
        self.out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')


def _cell(text: str) -> tuple[Paragraph, ...]:
    """A table cell; each line of text on a line of its own."""
    inlines: list[Inline] = []
    for i, line in enumerate(text.split("\n")):
        inlines.extend([Break(), Text(line)] if i else [Text(line)])
    return (Paragraph(tuple(inlines)),)


def _what(article: ArticleDiff) -> str:
    """"gewijzigd, vernummerd; versie 1 → 2", then the changes the words do not show."""
    note = "" if article.substantive else NOT_SUBSTANTIVE
    words = "; ".join(p for p in (what(article), note, version_text(article)) if p)
    return words + "".join(f"\n! {note}" for note in article.notes)


_SHOWN = {"delete": '<w:strike/><w:color w:val="B42318"/>',
          "insert": '<w:color w:val="1A7F37"/><w:u w:val="single"/>', "equal": ""}


def _meta_runs(meta: MetaView) -> str:
    """A change outside the articles: its words struck through and underlined (formatting,
    not tracked changes: the summary reads the same whether changes are accepted or not)."""
    runs = text_run(meta.label, "<w:b/>")
    runs += text_run(f" ({meta.what}{'' if meta.binding else ', niet bindend'}): ")
    if meta.changed_text:
        for i, line in enumerate(meta.changed_lines()):
            runs += text_run(" … ") if i else ""
            runs += "".join(text_run(edit.text, _SHOWN[edit.op]) for edit in line.edits)
    else:
        runs += text_run(f"{meta.old or '—'} → {meta.new or '—'}")
    for note in meta.hidden:
        runs += "<w:r><w:br/></w:r>" + text_run(f"! {note}", "<w:i/>")
    return runs


def _ppr(props: str) -> str:
    return f"<w:pPr>{props}</w:pPr>" if props else ""


def _run(kind: str, text: str, fmt: str, *, deleted: bool = False) -> str:
    rpr = f"<w:rPr>{fmt}</w:rPr>" if fmt else ""
    if kind == "br":
        return f"<w:r>{rpr}<w:br/></w:r>"
    if kind == "tab":
        return f"<w:r>{rpr}<w:tab/></w:r>"
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{rpr}<{tag} xml:space="preserve">{xml_text(text)}</{tag}></w:r>'


def _tokens(atoms: Sequence[Atom]) -> list[Token]:
    tokens: list[Token] = []
    for atom in atoms:
        if atom.kind == "t":
            tokens.extend(("t", word, atom.fmt, atom.link) for word in tokenize(atom.text))
        elif atom.kind in ("br", "tab"):
            tokens.append((atom.kind, "", atom.fmt, atom.link))
    return tokens


def _whole_tokens(atoms: Sequence[Atom]) -> list[Token]:
    """Atoms as tokens without cutting their text into words (for unchanged stretches)."""
    return [(atom.kind, atom.text, atom.fmt, atom.link) for atom in atoms
            if atom.kind in ("t", "br", "tab")]


def _alike(old: Sequence[Block], new: Sequence[Block]) -> list[tuple[int, int]]:
    """Pairs (i, j), increasing, of blocks of the same kind and properties whose words are
    alike; as many as there are when both sides have as many blocks."""
    if len(old) == len(new):
        return [(i, i) for i in range(len(old))
                if old[i].kind == new[i].kind and old[i].key[1] == new[i].key[1]]
    if len(old) * len(new) > 400:
        return []
    pairs: list[tuple[int, int]] = []
    start = 0
    for i, block in enumerate(old):
        for j in range(start, len(new)):
            other = new[j]
            if other.kind != block.kind or other.key[1] != block.key[1]:
                continue
            if SequenceMatcher(None, block.text, other.text, autojunk=False).quick_ratio() >= 0.6:
                pairs.append((i, j))
                start = j + 1
                break
    return pairs


def _cut_points(parts: Sequence[str], doc: Document,
                ids: Sequence[str]) -> list[tuple[str, int]]:
    """Where each section starts in the body: the front at 0, each article at its heading,
    the signatures at the first page break after the last article."""
    cuts: list[tuple[str, int]] = [(FRONT, 0)]
    i = 0
    for article, article_id in zip(doc.articles, ids, strict=True):
        heading = xml_text(article.heading)
        while i < len(parts) and not (parts[i].startswith("<w:p>") and heading in parts[i]
                                      and _is_heading(parts[i], heading)):
            i += 1
        cuts.append((article_id, i))
    while i < len(parts) and "<w:pageBreakBefore/>" not in parts[i]:
        i += 1
    cuts.append((SIGNATURES, i))
    return cuts


def _is_heading(xml: str, heading: str) -> bool:
    block = parse_block(xml)
    return block.text == unescape(heading)


def _split(parts: Sequence[str], cuts: Sequence[tuple[str, int]]) -> dict[str, list[str]]:
    ends = [start for _, start in cuts[1:]] + [len(parts)]
    return {key: list(parts[start:end]) for (key, start), end in zip(cuts, ends, strict=True)}





def _section_of(position: int, cuts: Sequence[tuple[str, int]],
                starts: Sequence[int]) -> str:
    """The section a body position lies in (starts: the cuts' positions, ascending)."""
    index = bisect_right(starts, position) - 1
    return cuts[index][0] if index >= 0 else FRONT


def _match_lists(lists: Lists, new_cuts: Sequence[tuple[str, int]],
                 old_cuts: Sequence[tuple[str, int]]) -> dict[int, int]:
    """Placeholder id → the new version's list id in the same section and of the same kind,
    in order; a list the new version lacks gets an instance of its own."""
    available: dict[tuple[str, bool, int], list[int]] = {}
    new_starts = [start for _, start in new_cuts]
    old_starts = [start for _, start in old_cuts]
    for position, ordered, level, num in lists.new_calls:
        section = _section_of(position, new_cuts, new_starts)
        available.setdefault((section, ordered, level), []).append(num)
    mapping: dict[int, int] = {}
    for k, (ordered, start, level) in enumerate(lists.calls):
        key = (_section_of(lists.old_positions[k], old_cuts, old_starts), ordered, level)
        queue = available.get(key)
        mapping[_PLACEHOLDER + k] = queue.pop(0) if queue else lists.new_list(ordered, start,
                                                                              level)
    return mapping


def _renumbered(parts: Sequence[str], new: int, old: int, lid: str) -> list[str]:
    """An article's section as the old version laid it out, when only its number differs:
    the same paragraphs, with the old number in its heading and its leden."""
    member = re.compile(f'(<w:t xml:space="preserve">){new}(\\.\\d+</w:t>)')
    out = []
    for i, xml in enumerate(parts):
        if i == 0:
            xml = xml.replace(f">Artikel {new} – ", f">Artikel {old} – ", 1)
        elif lid in xml:
            xml = member.sub(lambda m: f"{m.group(1)}{old}{m.group(2)}", xml, count=1)
        out.append(xml)
    return out


def _relabelled(xml: str, labels: Labels) -> str:
    """A block of the new layout with its references as the old version read them: a
    reference is a run of its own, so only whole runs holding a label are read back."""
    if "<w:t" not in xml:
        return xml
    for new, old in labels.items():
        xml = xml.replace(f'<w:t xml:space="preserve">{xml_text(new)}</w:t>',
                          f'<w:t xml:space="preserve">{xml_text(old)}</w:t>')
    return xml


def _renumber(xml: str, mapping: dict[int, int], lists: Lists) -> str:
    if "<w:numId" not in xml:
        return xml
    return _NUM_VALUE.sub(lambda m: f"{m.group(1)}{mapping.get(int(m.group(2)), int(m.group(2)))}"
                          f"{m.group(3)}", xml)


def _layout(old_order: Sequence[str], new_order: Sequence[str],
                moved: set[str]) -> list[tuple[str, str]]:
    present = set(new_order) - moved
    after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for article_id in old_order:
        if article_id in present:
            anchor = article_id
        else:
            after.setdefault(anchor, []).append(article_id)

    def old_place(article_id: str) -> tuple[str, str]:
        return (article_id, "from" if article_id in moved else "")

    out = [old_place(a) for a in after.get(None, [])]
    for article_id in new_order:
        out.append((article_id, "to" if article_id in moved else ""))
        out.extend(old_place(a) for a in after.get(article_id, []))
    return out

"""The DOCX body's writer: paragraphs, runs, lists and tables as WordprocessingML, straight
from the document tree (render.docx_body puts the document's parts in order).

python-docx supplies the package, the styles and the numbering part; writing the paragraphs as
text here (through render.wordml) is many times faster than one python-docx call per
paragraph, and just as valid. The same writer draws a redline (diff.docx): the tree's Inserted
and Deleted words become tracked changes, a paragraph wholly inserted or deleted takes its
paragraph mark with it, a table row its row mark, so accepting all changes gives the new
document and rejecting all the old one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import assert_never

from rechtmakers.document.tree import (
    Block,
    Break,
    Code,
    CodeBlock,
    Deleted,
    Emphasis,
    Flow,
    Inline,
    Inserted,
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
from rechtmakers.render.wordml import (
    BOLD,
    CODE_FONT,
    ITALIC,
    LINK_LOOK,
    REF_LOOK,
    TERM_LOOK,
    Revisions,
    Track,
    Tracked,
    break_run,
    text_run,
    xml_text,
)

__all__ = ["BodyWriter", "FieldRef", "Part", "Unit", "flow_track", "list_style", "text_run",
           "whole_track", "xml_text"]

MAX_LEVEL = 2

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


def whole_track(inlines: Sequence[Inline]) -> Track | None:
    """The change of a paragraph whose every word is inside one Inserted or Deleted."""
    if len(inlines) == 1 and isinstance(inlines[0], Inserted):
        return Track.INSERTED
    if len(inlines) == 1 and isinstance(inlines[0], Deleted):
        return Track.DELETED
    return None


def flow_track(flow: Flow) -> Track | None:
    """The change of a flow whose every paragraph is wholly inserted (or deleted)."""
    tracks = {_block_track(block) for block in flow}
    return tracks.pop() if len(tracks) == 1 else None


def _block_track(block: Block) -> Track | None:
    if isinstance(block, (Paragraph, Subheading)):
        return whole_track(block.inlines)
    if isinstance(block, ListBlock):
        tracks = {flow_track(item) for item in block.items}
        return tracks.pop() if len(tracks) == 1 else None
    if isinstance(block, Quote):
        return flow_track(block.blocks)
    return None


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
        # Paragraphs that repeat a unit's fields elsewhere (a title in the contents).
        self.mirrors: list[Unit] = []
        self.count = 0  # paragraphs written, table cells included
        self.revisions: Revisions | None = None  # a redline's (diff.docx)
        self.whole: Track | None = None  # everything written now is this change
        self._bookmarks = 0
        self._open: tuple[int, tuple[Part, ...], str | None, str | None] | None = None
        self._mirror = False

    # Tracked changes (a redline only).

    def tracked(self, track: Track | None) -> Tracked | None:
        """The change to write: the whole part's, else track; None outside a redline."""
        track = self.whole or track
        if track is None or self.revisions is None:
            return None
        return Tracked(track, self.revisions.attrs())

    @contextmanager
    def all_tracked(self, track: Track | None) -> Iterator[None]:
        """Everything written inside is this change (a part only one version has)."""
        before = self.whole
        self.whole = track or before
        try:
            yield
        finally:
            self.whole = before

    @property
    def _moving(self) -> bool:
        """Inside a tracked move, links are left out: LibreOffice does not move a paragraph
        whose moved text is inside a hyperlink, so accepting or rejecting leaves it behind."""
        return self.whole in (Track.MOVED_FROM, Track.MOVED_TO)

    def t(self, text: str, fmt: str = "", track: Track | None = None) -> str:
        """Generated words (a heading, a label): tracked with the part they belong to."""
        return text_run(text, fmt, self.tracked(track))

    def runs_break(self) -> str:
        """A line break among generated words, tracked with its part."""
        return break_run("", self.tracked(None))

    def section(self, key: str) -> None:
        if self.revisions is not None:
            self.revisions.section(key)

    # Source units: which paragraphs show which source fields (read back by inlezen).

    def open_unit(self, parts: Sequence[Part], article: str | None = None,
                  member: str | None = None, *, mirror: bool = False) -> None:
        self._open = (self.count, tuple(parts), article, member)
        self._mirror = mirror

    def close_unit(self) -> None:
        if self._open is not None:
            start, parts, article, member = self._open
            if self.count > start:
                found = self.mirrors if self._mirror else self.units
                found.append(Unit(start, self.count, parts, article, member))
        self._open = None
        self._mirror = False

    def bookmark(self, name: str) -> str:
        """A bookmark start and end around nothing, to put at the start of a paragraph; none in
        text that a redline deletes (its name may stand at the new place too)."""
        if self.whole is not None and self.whole.removes:
            return ""
        self._bookmarks += 1
        # In a redline, bookmarks and changes share one series of ids.
        number = self._bookmarks if self.revisions is None else self.revisions.next_id()
        return (f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>'
                f'<w:bookmarkEnd w:id="{number}"/>')

    # Paragraphs and runs.

    def para(self, style: str | None, runs: str, *, num: tuple[int, int] | None = None,
             keep_next: bool = False, page_break: bool = False,
             track: Track | None = None) -> None:
        """A paragraph; track (or the whole part's change) tracks its paragraph mark."""
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
        mark = self.tracked(track)
        if mark is not None:
            props.append(mark.mark())
        ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
        self.parts.append(f"<w:p>{ppr}{runs}</w:p>")
        self.count += 1

    def runs(self, nodes: Sequence[Inline], fmt: str = "", track: Track | None = None) -> str:
        return "".join(self._run(node, fmt, track) for node in nodes)

    def _run(self, node: Inline, fmt: str, track: Track | None) -> str:
        if isinstance(node, Text):
            return text_run(node.text.replace("\n", " "), fmt, self.tracked(track))
        if isinstance(node, (Ref, TermUse)):
            text = node.label if isinstance(node, Ref) else node.text
            target = self.anchors.get(node.anchor)
            if target is None or self._moving:
                return text_run(text, fmt, self.tracked(track))
            look = REF_LOOK if isinstance(node, Ref) else TERM_LOOK
            return (f'<w:hyperlink w:anchor="{target}" w:history="1">'
                    f"{text_run(text, fmt + look, self.tracked(track))}</w:hyperlink>")
        if isinstance(node, Break):
            return break_run("", self.tracked(track))
        if isinstance(node, Emphasis):
            return self.runs(node.children, fmt + ITALIC, track)
        if isinstance(node, Strong):
            return self.runs(node.children, BOLD + fmt, track)
        if isinstance(node, Code):
            return text_run(node.text, fmt + CODE_FONT, self.tracked(track))
        if isinstance(node, Link):
            inner = self.runs(node.children, fmt + LINK_LOOK, track)
            if self._moving:
                return inner
            return f'<w:hyperlink r:id="{self.link_id(node.href)}">{inner}</w:hyperlink>'
        if isinstance(node, Inserted):
            return self.runs(node.children, fmt, Track.INSERTED)
        if isinstance(node, Deleted):
            return self.runs(node.children, fmt, Track.DELETED)
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
            self.para(style, lead + self.runs(block.inlines),
                      track=whole_track(block.inlines))
        elif isinstance(block, Subheading):
            self.para(style, lead + self.runs(block.inlines, BOLD), keep_next=True,
                      track=whole_track(block.inlines))
        elif isinstance(block, ListBlock):
            if lead:
                self.para(style, lead, track=flow_track((block,)))
            self.list_block(block, level)
        elif isinstance(block, Quote):
            self.flow(block.blocks, level=level, style="Quote", lead=lead)
        elif isinstance(block, CodeBlock):
            lines = block.text.rstrip("\n").split("\n")
            tracked = self.tracked(None)
            runs = break_run("", tracked).join(text_run(line, CODE_FONT, self.tracked(None))
                                               for line in lines)
            self.para(style, lead + runs)
        elif isinstance(block, Rule):
            self.para(style, lead + self.t("⁂"))
        else:
            assert_never(block)

    def list_block(self, block: ListBlock, level: int = 0) -> None:
        level = min(level, MAX_LEVEL)
        num = self.new_list(block.ordered, block.start, level)
        style = list_style(block.ordered, level)
        for item in block.items:
            self.list_item(item, num, level, style)

    def list_item(self, item: Flow, num: int, level: int, style: str) -> None:
        first = True
        for block in item:
            if first and isinstance(block, Paragraph):
                self.para(style, self.runs(block.inlines), num=(num, level),
                          track=whole_track(block.inlines))
            elif isinstance(block, ListBlock):
                self.list_block(block, level + 1)
            else:
                self.block(block, level=level + 1, style="List Continue")
            first = False

    def items(self, flows: Sequence[Flow], *, ordered: bool,
              fields: Sequence[FieldRef] = (), article: str | None = None) -> None:
        """Short texts (helps, joining) as one list; fields names the source of each item."""
        num = self.new_list(ordered, 1, 0)
        style = list_style(ordered, 0)
        for i, item in enumerate(flows):
            if i < len(fields):
                self.open_unit((fields[i],), article)
            self.list_item(item, num, 0, style)
            self.close_unit()

    # Tables.

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Flow]],
              fields: Sequence[Sequence[FieldRef]] = (), article: str | None = None,
              row_tracks: Sequence[Track | None] = ()) -> None:
        """A table; fields, when given, names the source field of each body cell; row_tracks
        (a redline) the change of each row that only one version has."""
        width = 5000 // max(len(header), 1)
        grid = "".join("<w:gridCol/>" for _ in header)
        tracks = set(row_tracks) if len(row_tracks) == len(rows) else set()
        whole = tracks.pop() if len(tracks) == 1 else None  # the whole table is new, or gone
        with self.all_tracked(whole):
            head = "".join(self._cell(self.t(h, BOLD), width) for h in header)
            head_mark = self._row_mark(None)
        self.count += len(header)
        cells = []
        for r, row in enumerate(rows):
            track = row_tracks[r] if r < len(row_tracks) else None
            cells.append(f"<w:tr><w:trPr><w:cantSplit/>{self._row_mark(whole or track)}"
                         "</w:trPr>")
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
            f"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/>{head_mark}</w:trPr>{head}</w:tr>"
            f"{body}</w:tbl>")
        self.para("Normal", "", track=whole)

    def _row_mark(self, track: Track | None) -> str:
        tracked = self.tracked(track)
        if tracked is None:
            return ""
        kind = Track.DELETED if tracked.track.removes else Track.INSERTED
        return f"<w:{kind.value} {tracked.attrs}/>"

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
        return break_run().join(r for r in runs if r)

    def xml(self) -> str:
        return "".join(self.parts)


def list_style(ordered: bool, level: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    return base if level == 0 else f"{base} {level + 1}"

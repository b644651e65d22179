"""The terminal view: deleted words red and struck through, inserted green; or plain markers."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.present import (
    ArticleView,
    Line,
    MetaView,
    article_nodes,
    changed_views,
    counts,
    explained_views,
    meta_views,
    title,
    versions,
)
from rechtmakers.diff.words import Edit
from rechtmakers.visible import pictured

STYLES = {"delete": "red strike", "insert": "green", "equal": ""}
HIDDEN_MARK = "!"  # before a binding change that the words do not show
MARKERS = {"delete": ("[-", "-]"), "insert": ("{+", "+}"), "equal": ("", "")}


def render_terminal(comparison: Comparison, *, color: bool, width: int = 100) -> str:
    """The comparison as text for a terminal; without color, edits read [-weg-]{+erbij+}."""
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False, markup=False, legacy_windows=False)
    for block in _blocks(comparison, color):
        if isinstance(block, Text):
            block.plain = pictured(block.plain)  # same length: the styles stay in place
        console.print(block, soft_wrap=isinstance(block, Text))
    return out.getvalue()


def _blocks(comparison: Comparison, color: bool) -> Iterator[RenderableType]:
    yield Text(f"Wijzigingen in {title(comparison)}", style="bold")
    yield Text(f"{comparison.old_label} → {comparison.new_label} · {versions(comparison)}")
    yield Text(counts(comparison))
    if comparison.metadata:
        yield Text("\nDe overeenkomst zelf", style="bold")
        yield from (_meta_line(meta, color) for meta in meta_views(comparison))
    nodes = article_nodes(comparison)
    articles = changed_views(comparison, nodes)
    if articles:
        yield Text("\nArtikelen", style="bold")
        yield _summary(articles)
    for article in articles:
        if article.shows_detail:
            yield from _article(article, color)
    explained = explained_views(comparison, nodes)
    if explained:
        yield Text("\nToelichting gewijzigd (niet bindend)", style="bold")
    for article in explained:
        yield Text(f"\n{article.heading} – {new_words(article.title.edits)}", style="bold")
        yield from _excerpt(article.explanation or (), color)


def _summary(articles: Sequence[ArticleView]) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    for name in ("Artikel", "Titel", "Wijziging"):
        table.add_column(name, overflow="fold")
    for article in articles:
        what = f"{article.what}; {article.note}" if article.note else article.what
        table.add_row(article.number, pictured(new_words(article.title.edits) or article.id),
                      pictured(what))
    return table


def _meta_line(meta: MetaView, color: bool) -> Text:
    line = Text(f"  {meta.label} ({meta.what}{'' if meta.binding else ', niet bindend'}): ")
    if any(line.state != "equal" for line in meta.edits):
        for i, row in enumerate(meta.edits):
            line.append(" ¶ " if i else "")
            line.append_text(styled(row.edits, color))
    else:
        line.append(f"{meta.old or '—'} → {meta.new or '—'}")
    for note in meta.hidden:
        line.append(f"\n    {HIDDEN_MARK} {note}", style="yellow" if color else "")
    return line


def _article(article: ArticleView, color: bool) -> Iterator[Text]:
    head = Text(f"\n{article.heading} – ", style="bold")
    head.append_text(styled(article.title.edits, color))
    notes = (article.was, article.what, article.note, article.version)
    head.append(f"  · {' · '.join(part for part in notes if part)}", style="dim")
    yield head
    for note in article.hidden:
        yield Text(f"  {HIDDEN_MARK} {note}", style="yellow" if color else "")
    if article.state in ("toegevoegd", "geschrapt"):
        yield from (_indent(styled(line.edits, color)) for line in article.lines)
    else:
        yield from _excerpt(article.lines, color)


def _excerpt(lines: Iterable[Line], color: bool) -> Iterator[Text]:
    """Only the lines that changed, with … where unchanged lines were left out."""
    skipped = False
    for line in lines:
        if line.state == "equal":
            skipped = True
            continue
        if skipped:
            yield Text("  …", style="dim")
            skipped = False
        yield _indent(styled(line.edits, color))


def _indent(text: Text) -> Text:
    return Text("  ").append_text(text)


def new_words(edits: Sequence[Edit]) -> str:
    """The text as it reads after the edits (the old one when nothing is left)."""
    after = "".join(e.text for e in edits if e.op != "delete")
    return after or "".join(e.text for e in edits)


def styled(edits: Sequence[Edit], color: bool) -> Text:
    """Edits as rich text: styled when color, else with [-…-] and {+…+} markers."""
    text = Text()
    for edit in edits:
        if color:
            text.append(edit.text, style=STYLES[edit.op])
        else:
            start, end = MARKERS[edit.op]
            text.append(f"{start}{edit.text}{end}")
    return text

"""What every view of a comparison says, in Dutch: headings, kinds, numbers and the summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rechtmakers.diff.articles import ArticleDiff
from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.metadata import MetaChange
from rechtmakers.diff.words import Edit, split_lines
from rechtmakers.document.tree import ArticleNode, Document, Mark

KIND_WORDS: dict[str, str] = {
    "added": "toegevoegd",
    "removed": "geschrapt",
    "changed": "gewijzigd",
    "moved": "verplaatst",
    "renumbered": "vernummerd",
}
RELABELLED = "verwijzingen bijgewerkt"
NOT_SUBSTANTIVE = "niet inhoudelijk"
LineState = Literal["equal", "insert", "delete", "mixed"]


@dataclass(frozen=True)
class Line:
    """One line of text with its edits."""

    edits: tuple[Edit, ...]

    @property
    def state(self) -> LineState:
        """equal, insert or delete when the whole line is so; mixed otherwise."""
        ops = {edit.op for edit in self.edits}
        if len(ops) == 1:
            only = ops.pop()
            return "equal" if only == "equal" else ("insert" if only == "insert" else "delete")
        return "mixed" if ops else "equal"


@dataclass(frozen=True)
class ArticleView:
    """One article as the views show it."""

    id: str
    anchor: str
    heading: str
    number: str
    was: str | None
    title: Line
    lines: tuple[Line, ...]
    kinds: tuple[str, ...]
    what: str
    note: str
    substantive: bool
    state: str
    explanation: tuple[Line, ...] | None
    version: str | None
    hidden: tuple[str, ...] = ()

    @property
    def notes(self) -> str:
        """"was artikel 3 · gewijzigd, vernummerd · versie 1 → 2"."""
        parts = (self.was, self.what, self.note, self.version)
        return " · ".join(part for part in parts if part)

    @property
    def changed_text(self) -> bool:
        return any(line.state != "equal" for line in (self.title, *self.lines))

    @property
    def shows_detail(self) -> bool:
        """Whether there is more to show than the summary row: words or hidden changes."""
        return self.changed_text or bool(self.hidden)

    def body_excerpt(self) -> list[Line | None]:
        """The changed lines of the body (the title shows in the heading)."""
        return excerpt(self.lines)

    def explanation_excerpt(self) -> list[Line | None]:
        return excerpt(self.explanation or ())


@dataclass(frozen=True)
class MetaView:
    """One change outside the articles."""

    label: str
    what: str
    old: str
    new: str
    edits: tuple[Line, ...]
    binding: bool
    hidden: tuple[str, ...] = ()

    @property
    def changed_text(self) -> bool:
        """Whether there are word edits to show (else: old → new)."""
        return any(line.state != "equal" for line in self.edits)

    def changed_lines(self) -> list[Line]:
        return [line for line in self.edits if line.state != "equal"]


def lines_of(edits: tuple[Edit, ...]) -> tuple[Line, ...]:
    return tuple(Line(tuple(line)) for line in split_lines(edits))


def article_view(comparison: Comparison, article: ArticleDiff,
                 node: ArticleNode | None = None) -> ArticleView:
    """The article with its whole text: drawn from its redline node (diff.redline) when given,
    else from the comparison's own edits (its title the first line)."""
    from rechtmakers.diff.lines import article_rows, explanation_rows, title_row

    if node is not None:
        title = Line(title_row(node))
        body = [Line(row) for row in article_rows(node)]
        explanation = tuple(Line(row) for row in explanation_rows(node)) \
            if article.explanation else None
    else:
        title, *body = lines_of(comparison.document_edits(article)) or (Line(()),)
        explanation = lines_of(article.explanation) if article.explanation else None
    return ArticleView(
        id=article.id, anchor=anchor(article), heading=heading(article),
        number=number_text(article), was=was(article),
        title=title, lines=tuple(body), kinds=article.kinds, what=what(article),
        note="" if article.substantive or not article.kinds else NOT_SUBSTANTIVE,
        substantive=article.substantive, state=state(article),
        explanation=explanation,
        version=version_text(article), hidden=article.notes)


Nodes = dict[str, ArticleNode]


def article_nodes(comparison: Comparison) -> Nodes:
    """Per article id, its redline node where the new version has it (a removed one: where it
    stood); the text views draw these."""
    from rechtmakers.diff.redline import redline_of

    return {node.id: node for node in redline_of(comparison).articles
            if node.mark is not Mark.MOVED_FROM}


def changed_views(comparison: Comparison, nodes: Nodes | None = None) -> list[ArticleView]:
    """The articles with a change of any kind, in document order."""
    nodes = article_nodes(comparison) if nodes is None else nodes
    return [article_view(comparison, a, nodes.get(a.id)) for a in comparison.articles
            if a.kinds]


def explained_views(comparison: Comparison, nodes: Nodes | None = None) -> list[ArticleView]:
    """The articles whose toelichting changed (not binding)."""
    nodes = article_nodes(comparison) if nodes is None else nodes
    return [article_view(comparison, a, nodes.get(a.id)) for a in comparison.explanations]


def anchor(article: ArticleDiff) -> str:
    if article.number_new is None:
        return f"geschrapt-{article.id}"
    return f"artikel-{article.number_new}"


def heading(article: ArticleDiff) -> str:
    """"Artikel 4", or for a removed article "Artikel 9 (geschrapt)"."""
    if article.number_new is None:
        return f"Artikel {article.number_old} (geschrapt)"
    return f"Artikel {article.number_new}"


def was(article: ArticleDiff) -> str | None:
    """"was artikel 3" when the number changed."""
    if article.number_old and article.number_new and article.number_old != article.number_new:
        return f"was artikel {article.number_old}"
    return None


def number_text(article: ArticleDiff) -> str:
    """For a table cell: "4", "4 (was 3)", "nieuw 3" or "9 (geschrapt)"."""
    if article.number_old is None:
        return f"{article.number_new} (nieuw)"
    if article.number_new is None:
        return f"{article.number_old} (geschrapt)"
    if article.number_old != article.number_new:
        return f"{article.number_new} (was {article.number_old})"
    return str(article.number_new)


def what(article: ArticleDiff) -> str:
    """The kinds of change in words: "gewijzigd, verplaatst"."""
    words = [_kind_word(article, kind) for kind in article.kinds]
    if not words and article.explanation:
        words = ["alleen de toelichting"]
    return ", ".join(words)


def _kind_word(article: ArticleDiff, kind: str) -> str:
    if kind != "changed" or article.text_changed:
        return KIND_WORDS[kind]
    return "alleen de versie" if article.binding else RELABELLED


def state(article: ArticleDiff) -> str:
    if "added" in article.kinds:
        return "toegevoegd"
    if "removed" in article.kinds:
        return "geschrapt"
    if article.substantive:
        return "gewijzigd"
    if "moved" in article.kinds:
        return "verplaatst"
    return "vernummerd" if article.kinds else "ongewijzigd"


def version_text(article: ArticleDiff) -> str | None:
    """"versie 1 → 2" when the article's versie changed."""
    if article.version_old and article.version_new and article.version_old != article.version_new:
        return f"versie {article.version_old} → {article.version_new}"
    return None


def meta_views(comparison: Comparison) -> list[MetaView]:
    return [meta_view(change) for change in comparison.metadata]


def meta_view(change: MetaChange) -> MetaView:
    return MetaView(label=change.label, what=KIND_WORDS[change.kind],
                    old=(change.old or "").strip(), new=(change.new or "").strip(),
                    edits=lines_of(change.edits), binding=change.binding, hidden=change.notes)


def counts(comparison: Comparison) -> str:
    """"2 gewijzigd, 1 toegevoegd, 7 vernummerd", or "geen wijzigingen"."""
    tally: Counter[str] = Counter()
    for article in comparison.articles:
        for kind in article.kinds:
            word = KIND_WORDS[kind]
            if kind == "changed" and not article.text_changed:
                word = "met nieuwe versie" if article.binding else f"met {RELABELLED}"
            tally[word] += 1
    order = [*KIND_WORDS.values(), "met nieuwe versie", f"met {RELABELLED}"]
    parts = [f"{tally[word]} {word}" for word in order if tally[word]]
    if comparison.explanations:
        parts.append(f"{len(comparison.explanations)} met gewijzigde toelichting")
    if comparison.metadata:
        count = len(comparison.metadata)
        parts.append(f"{count} {'wijziging' if count == 1 else 'wijzigingen'} buiten de artikelen")
    return ", ".join(parts) if parts else "geen wijzigingen"


def versions(comparison: Comparison) -> str:
    """"versie 1.0.0 → 1.1.0" or "versie 1.0.0"."""
    old = comparison.old.meta.version if comparison.old else None
    new = comparison.new.meta.version if comparison.new else None
    if old is None:
        return f"nieuwe overeenkomst, versie {new}"
    if new is None:
        return f"overeenkomst geschrapt (was versie {old})"
    return f"versie {old}" if old == new else f"versie {old} → {new}"


def title(comparison: Comparison) -> str:
    return comparison.latest.meta.title


def excerpt(lines: Sequence[Line]) -> list[Line | None]:
    """The lines that changed; None stands where unchanged lines were left out."""
    out: list[Line | None] = []
    for line in lines:
        if line.state != "equal":
            out.append(line)
        elif not out or out[-1] is not None:
            out.append(None)
    return out


REDLINE_TAGS = {"delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>"), "equal": ("", "")}


def reads_now(line: Line) -> str:
    """Template filter: the line as it reads now (a wholly deleted line: as it read)."""
    after = "".join(e.text for e in line.edits if e.op != "delete")
    return after or "".join(e.text for e in line.edits)


@dataclass(frozen=True)
class ArticleRow:
    """One changed article in the summary of a redline: where it stands and what changed, in
    the words of `log` (lid added, removed, reworded; renumbered; toelichting only)."""

    anchor: str
    number: str
    title: str
    what: str
    details: tuple[str, ...]
    hidden: tuple[str, ...]
    state: str

    @property
    def description(self) -> str:
        """"gewijzigd: lid verslag toegevoegd, lid snel-besluiten verwijderd"."""
        details = [d for d in self.details if d != self.what]
        return f"{self.what}: {', '.join(details)}" if details else self.what


@dataclass(frozen=True)
class RedlineView:
    """The comparison as every redline draws it: the marked document (diff.redline), both
    versions by name, and per changed article a summary row."""

    document: Document
    before: Document | None  # the two versions' own documents
    after: Document | None
    versions: str  # "versie 1.0.0 (21 januari 2026, vingerafdruk d74cea6fc538) → …"
    short: str  # "versie 1.0.0 → werkversie", for a page's footer
    old_name: str
    new_name: str
    rows: tuple[ArticleRow, ...]
    explained: tuple[ArticleRow, ...]


def redline_view(comparison: Comparison, *, explanations: bool = True,
                 whole_moves: bool = False) -> RedlineView:
    """The comparison as the redlines draw it (the DOCX without the toelichting, as `render`
    makes the document by default, and with moves as Word moves: see compare_documents)."""
    from rechtmakers.diff.binding import digest_of
    from rechtmakers.diff.redline import compare_documents, documents_of
    from rechtmakers.diff.summary import article_details, side_name

    before, after = documents_of(comparison, explanations=explanations)
    document = compare_documents(before, after, whole_moves=whole_moves)
    diffs = {a.id: a for a in comparison.articles}
    rows: list[ArticleRow] = []
    explained: list[ArticleRow] = []
    for node in document.articles:
        article = diffs.get(node.id)
        if article is None or node.mark is Mark.MOVED_FROM:
            continue
        words = what(article)
        if article.kinds and not article.substantive:
            words = f"{words}; {NOT_SUBSTANTIVE}"
        version = version_text(article)
        if version:
            words = f"{words}; {version}"
        row = ArticleRow(node.anchor, number_text(article), article.title, words,
                         tuple(article_details(node)), article.notes, state(article))
        if article.kinds:
            rows.append(row)
        if article.explanation is not None:
            explained.append(row)
    old_name = side_name(comparison.old, comparison.old_label,
                         digest_of(comparison.old) if comparison.old else None)
    new_name = side_name(comparison.new, comparison.new_label,
                         digest_of(comparison.new) if comparison.new else None)
    short = " → ".join(name.split(" (")[0] for name in (old_name, new_name))
    return RedlineView(document, before, after, f"{old_name} → {new_name}", short, old_name,
                       new_name, tuple(rows), tuple(explained))

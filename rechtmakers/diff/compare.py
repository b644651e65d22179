"""Two versions of an agreement in, the list of what changed out: per article and word by word."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rechtmakers.agreement import Agreement
from rechtmakers.diff.annexes import extra_changes
from rechtmakers.diff.metadata import MetaChange, metadata_changes
from rechtmakers.diff.preamble import Preamble, compare_preamble
from rechtmakers.diff.relabel import references_in, relabel_edits
from rechtmakers.diff.text import article_lines, as_written, explanation_lines, resolver
from rechtmakers.diff.words import Edit, is_unchanged, line_edits
from rechtmakers.model import Article

Kind = Literal["added", "removed", "changed", "moved", "renumbered"]
KINDS: tuple[Kind, ...] = ("added", "removed", "changed", "moved", "renumbered")


@dataclass(frozen=True)
class Change:
    """One kind of change to one article; an article with several kinds gives several."""

    article: str
    kind: Kind
    title: str
    number_old: int | None
    number_new: int | None
    substantive: bool
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class ArticleDiff:
    """One article in both versions: where it stands, what kinds of change, and its word edits.

    `edits` cover the whole rendered text (title first, then one line per paragraph, member and
    block entry, each ending in a newline), so the text of either version can be rebuilt; they
    are empty when that text is the same in both (Comparison.document_edits gives it then).
    """

    id: str
    title: str
    number_old: int | None
    number_new: int | None
    kinds: tuple[Kind, ...]
    text_changed: bool
    edits: tuple[Edit, ...]
    explanation: tuple[Edit, ...] | None = None
    version_old: int | None = None
    version_new: int | None = None
    topic_old: str | None = None
    topic_new: str | None = None

    @property
    def substantive(self) -> bool:
        """Whether the binding content changed, not only numbers."""
        return any(_substantive(self, kind) for kind in self.kinds)

    def changes(self) -> list[Change]:
        """One change per kind; the text edits go with added, removed and changed."""
        return [Change(self.id, kind, self.title, self.number_old, self.number_new,
                       _substantive(self, kind), () if kind in ("moved", "renumbered")
                       else self.edits)
                for kind in self.kinds]


@dataclass(frozen=True)
class Comparison:
    """Everything that differs between an old and a new version of one agreement."""

    old: Agreement
    new: Agreement
    articles: tuple[ArticleDiff, ...]
    metadata: tuple[MetaChange, ...]
    preamble: Preamble
    old_label: str = "oud"
    new_label: str = "nieuw"

    @property
    def changes(self) -> list[Change]:
        """Every article change, in document order."""
        return [change for article in self.articles for change in article.changes()]

    @property
    def explanations(self) -> list[ArticleDiff]:
        """Articles whose toelichting changed (not binding, shown apart)."""
        return [article for article in self.articles if article.explanation is not None]

    @property
    def binding_changed(self) -> bool:
        """Whether the binding content differs (what a new version number is for)."""
        return (any(article.substantive for article in self.articles)
                or any(change.binding for change in self.metadata))

    @property
    def is_empty(self) -> bool:
        return not (self.changes or self.metadata or self.explanations)

    def document_edits(self, article: ArticleDiff) -> tuple[Edit, ...]:
        """The article's whole text with its edits, also when nothing in it changed."""
        if article.edits or article.number_new is None:
            return article.edits
        lines = article_lines(self.new.articles[article.id], resolver(self.new),
                              article.number_new)
        return (Edit("equal", "".join(lines)),)


def compare(old: Agreement, new: Agreement, *, old_label: str = "oud",
            new_label: str = "nieuw") -> Comparison:
    """Match articles by id and describe every difference between old and new."""
    moved = moved_articles(old.order, new.order)
    relabelled = Relabelled(old, new)
    articles = tuple(_article_diff(article_id, old, new, article_id in moved, relabelled)
                     for article_id in document_order(old.order, new.order))
    preamble = compare_preamble(old, new)
    metadata = (*metadata_changes(old, new), *extra_changes(old, new))
    return Comparison(old, new, articles, metadata, preamble, old_label, new_label)


def document_order(old_order: Sequence[str], new_order: Sequence[str]) -> list[str]:
    """The new order, with each removed article where it stood: after its old predecessor."""
    present = set(new_order)
    after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for article_id in old_order:
        if article_id in present:
            anchor = article_id
        else:
            after.setdefault(anchor, []).append(article_id)
    order = list(after.get(None, []))
    for article_id in new_order:
        order.append(article_id)
        order.extend(after.get(article_id, []))
    return order


def moved_articles(old_order: Sequence[str], new_order: Sequence[str]) -> set[str]:
    """Articles in both versions whose order relative to the others changed.

    The longest run of common articles that kept their relative order stays put; only the rest
    moved. So inserting or removing an article moves nothing, and moving one article marks
    only that one.
    """
    position = {article_id: i for i, article_id in enumerate(old_order)}
    common = [article_id for article_id in new_order if article_id in position]
    kept = longest_increasing(common, position)
    return {article_id for article_id in common if article_id not in kept}


def longest_increasing(items: Sequence[str], key: dict[str, int]) -> set[str]:
    """The items of a longest subsequence whose keys increase (patience sorting, n log n)."""
    tails: list[int] = []  # key of the smallest tail of a run of each length
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(items)
    for i, item in enumerate(items):
        length = bisect_left(tails, key[item])
        if length == len(tails):
            tails.append(key[item])
            tail_index.append(i)
        else:
            tails[length] = key[item]
            tail_index[length] = i
        previous[i] = tail_index[length - 1] if length else -1
    kept: set[str] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(items[i])
        i = previous[i]
    return kept


class Relabelled:
    """Tells whether an article's references read differently in the new version."""

    def __init__(self, old: Agreement, new: Agreement) -> None:
        ids = set(old.articles) | set(new.articles)
        self.articles = {a for a in ids if old.numbers.get(a) != new.numbers.get(a)
                         or not _same(old.articles.get(a), new.articles.get(a))}
        names = {p.id: p.name for p in old.parties}
        self.parties = {p.id for p in new.parties if names.pop(p.id, None) != p.name} | set(names)

    def __call__(self, article: Article) -> bool:
        """Whether any reference of the article reads differently (or may: see relabel)."""
        return any(self._touches(text) for _, text in article.texts())

    def _touches(self, text: str) -> bool:
        if "[[" not in text and "@" not in text:
            return False
        return any(ref.party in self.parties if ref.kind == "party" else ref.article in
                   self.articles for ref in references_in(text))


def _same(before: Article | None, after: Article | None) -> bool:
    return before is after or before == after


def _article_diff(article_id: str, old: Agreement, new: Agreement, moved: bool,
                  relabelled: Relabelled) -> ArticleDiff:
    before, after = old.articles.get(article_id), new.articles.get(article_id)
    number_old, number_new = old.numbers.get(article_id), new.numbers.get(article_id)
    if before is not None and after is not None and _same(before, after):
        return _same_text(after, old, new, number_old, number_new, moved, relabelled)
    # Members read with the article's current number on both sides: a renumbered article is
    # listed as renumbered, not as a change of every member.
    shown = number_new or number_old
    old_lines = article_lines(before, resolver(old), shown) if before else []
    new_lines = article_lines(after, resolver(new), shown) if after else []
    edits = tuple(line_edits(old_lines, new_lines))
    text_changed = bool(before and after and _text_changed(before, after, old, new))
    kinds = _kinds(before, after, moved, number_old, number_new,
                   text_changed or not is_unchanged(edits))
    either = after or before
    return ArticleDiff(
        id=article_id, title=either.title if either else article_id,
        number_old=number_old, number_new=number_new, kinds=kinds, text_changed=text_changed,
        edits=edits, explanation=_explanation(before, after, old, new),
        version_old=before.version if before else None,
        version_new=after.version if after else None,
        topic_old=before.topic if before else None, topic_new=after.topic if after else None)


def _same_text(article: Article, old: Agreement, new: Agreement, number_old: int | None,
               number_new: int | None, moved: bool, relabelled: Relabelled) -> ArticleDiff:
    """An article with the same source in both: at most its references read differently."""
    edits: tuple[Edit, ...] = ()
    if relabelled(article):
        edits = tuple(relabel_edits(article, old, new, number_new))
    kinds = _kinds(article, article, moved, number_old, number_new, not is_unchanged(edits))
    return ArticleDiff(article.id, article.title, number_old, number_new, kinds, False,
                       () if is_unchanged(edits) else edits, None, article.version,
                       article.version, article.topic, article.topic)


def _kinds(before: Article | None, after: Article | None, moved: bool, number_old: int | None,
           number_new: int | None, changed: bool) -> tuple[Kind, ...]:
    if before is None:
        return ("added",)
    if after is None:
        return ("removed",)
    kinds: list[Kind] = []
    if changed:
        kinds.append("changed")
    if moved:
        kinds.append("moved")
    elif number_old != number_new:
        kinds.append("renumbered")
    return tuple(kinds)


def _text_changed(before: Article, after: Article, old: Agreement, new: Agreement) -> bool:
    """Whether the binding text itself changed, references read as written."""
    if _same(before, after):
        return False
    if before.topic != after.topic:
        return True
    return article_lines(before, as_written, None) != article_lines(after, as_written, None)


def _explanation(before: Article | None, after: Article | None, old: Agreement,
                 new: Agreement) -> tuple[Edit, ...] | None:
    if before is None or after is None or before.explanation == after.explanation:
        return None
    edits = tuple(line_edits(explanation_lines(before, resolver(old)),
                             explanation_lines(after, resolver(new))))
    return None if is_unchanged(edits) else edits


def _substantive(article: ArticleDiff, kind: Kind) -> bool:
    if kind == "renumbered":
        return False
    if kind == "changed":
        return article.text_changed
    return True

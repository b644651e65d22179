"""One article in two versions: where it stands, what kinds of change it has, its word edits,
and whether its change binds. An article whose binding text stayed the same changes at most
in how its references read (a renumbered article it points to, a renamed party)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.diff.article_notes import article_notes
from rechtmakers.diff.binding import article_binding_changed, article_content_changed
from rechtmakers.diff.relabel import reads_differently, references_in, relabel_edits
from rechtmakers.diff.text import article_lines, explanation_lines, resolver
from rechtmakers.diff.words import Edit, is_unchanged, line_edits
from rechtmakers.model import Article

__all__ = ["ArticleDiff", "Change", "Kind", "Relabelled", "Side", "article_diff"]

Kind = Literal["added", "removed", "changed", "moved", "renumbered"]


# One side of a comparison: the version, or None where the agreement is absent (new or gone).
Side = CompleteAgreement | None


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
    binding: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleDiff:
    """One article in both versions: where it stands, what kinds of change, and its word edits.

    `edits` cover the whole rendered text (title first, then one line per paragraph, member and
    block entry, each ending in a newline), so the text of either version can be rebuilt; they
    are empty when that text is the same in both (Comparison.document_edits gives it then).
    `binding` says whether the article's part of the digest changed (see diff.binding);
    `text_changed` whether it did other than by its own versie; `notes` name the binding
    changes its words do not show (a link's target, emphasis, a kind of space).
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
    binding: bool = False
    notes: tuple[str, ...] = ()

    @property
    def substantive(self) -> bool:
        """Whether the article's content changed: not only its place, number or versie."""
        return any(_substantive(self, kind) for kind in self.kinds)

    def changes(self) -> list[Change]:
        """One change per kind; the text edits and notes go with added, removed and changed."""
        return [Change(self.id, kind, self.title, self.number_old, self.number_new,
                       _substantive(self, kind), () if kind in ("moved", "renumbered")
                       else self.edits, _binding(self, kind),
                       self.notes if kind == "changed" else ())
                for kind in self.kinds]


class Relabelled:
    """Tells whether an article's references read differently in the new version."""

    def __init__(self, old: Side, new: Side) -> None:
        self.articles: set[str] = set()
        self.parties: set[str] = set()
        if old is None or new is None:  # nothing is relabelled where nothing stays
            return
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


def article_diff(article_id: str, old: Side, new: Side, moved: bool,
                 relabelled: Relabelled, words: bool = True) -> ArticleDiff:
    """One article in both versions: its place, its kinds of change, its word edits."""
    number_old, before = _in_version(old, article_id)
    number_new, after = _in_version(new, article_id)
    if old is not None and new is not None and before is not None and after is not None \
            and not article_binding_changed(before, after):
        # The same binding text (perhaps spelled in NFD, or wrapped otherwise): at most its
        # references read differently, and its toelichting may have changed.
        return _same_text(before, after, old, new, number_old, number_new, moved, relabelled,
                          words)
    # Members read with the article's current number on both sides: a renumbered article is
    # listed as renumbered, not as a change of every member.
    shown = number_new or number_old
    edits: tuple[Edit, ...] = ()
    if words:
        edits = tuple(line_edits(_lines(before, old, shown), _lines(after, new, shown)))
    text_changed = False
    notes: tuple[str, ...] = ()
    if before is not None and after is not None:
        text_changed = article_content_changed(before, after)
        notes = article_notes(before, after)
    either = after or before
    return ArticleDiff(
        id=article_id, title=either.title if either else article_id,
        number_old=number_old, number_new=number_new,
        kinds=_kinds(before, after, moved, number_old, number_new, True),
        text_changed=text_changed, edits=edits, explanation=_explanation(before, after, old, new),
        version_old=_version(before), version_new=_version(after), binding=True, notes=notes)


def _in_version(side: Side, article_id: str) -> tuple[int | None, Article | None]:
    """The article's number and the article in one version. An article file that the article
    list leaves out is not part of that version."""
    if side is None:
        return None, None
    number = side.numbers.get(article_id)
    return number, side.articles.get(article_id) if number is not None else None


def _lines(article: Article | None, side: Side, shown: int | None) -> list[str]:
    return article_lines(article, resolver(side), shown) if article and side else []


def _version(article: Article | None) -> int | None:
    return article.version if article else None


def _same_text(before: Article, article: Article, old: CompleteAgreement,
               new: CompleteAgreement,
               number_old: int | None, number_new: int | None, moved: bool,
               relabelled: Relabelled, words: bool = True) -> ArticleDiff:
    """An article with the same binding text in both: at most its references read differently
    (and its toelichting, which does not bind, may differ)."""
    edits: tuple[Edit, ...] = ()
    reads_otherwise = False
    if relabelled(article):
        if words:
            edits = tuple(relabel_edits(article, old, new, number_new))
            reads_otherwise = not is_unchanged(edits)
        else:
            reads_otherwise = reads_differently(article, old, new)
    kinds = _kinds(article, article, moved, number_old, number_new, reads_otherwise)
    explanation = None if _same(before, article) else _explanation(before, article, old, new)
    return ArticleDiff(article.id, article.title, number_old, number_new, kinds, False,
                       () if is_unchanged(edits) else edits, explanation, article.version,
                       article.version)


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


def _explanation(before: Article | None, after: Article | None, old: Side,
                 new: Side) -> tuple[Edit, ...] | None:
    if before is None or after is None or old is None or new is None \
            or before.explanation == after.explanation:
        return None
    edits = tuple(line_edits(explanation_lines(before, resolver(old)),
                             explanation_lines(after, resolver(new))))
    return None if is_unchanged(edits) else edits


def _substantive(article: ArticleDiff, kind: Kind) -> bool:
    """Added, removed and a changed content are substantive ("inhoudelijk"); a move, a new
    number, a new versie alone or references that now read differently are not."""
    if kind in ("renumbered", "moved"):
        return False
    if kind == "changed":
        return article.text_changed
    return True


def _binding(article: ArticleDiff, kind: Kind) -> bool:
    """Whether this change is part of what changed the digest: adding, removing or moving an
    article (the order is binding) and any change of its canonical form; not a new number or a
    reference that reads differently."""
    if kind == "renumbered":
        return False
    if kind == "changed":
        return article.binding
    return True

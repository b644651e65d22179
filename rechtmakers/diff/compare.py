"""Two versions of an agreement in, the list of what changed out: per article (diff.articles),
in the metadata and preamble, and whether the digest changed.

The parts: diff.order (where articles stand and which moved), diff.articles (one article in
both versions), diff.article_notes (what an article's words do not show), diff.metadata and
diff.annexes (everything around the articles).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.diff.annexes import extra_changes
from rechtmakers.diff.articles import ArticleDiff, Change, Relabelled, Side, article_diff
from rechtmakers.diff.binding import BindingDelta, binding_delta, party_binding_changed
from rechtmakers.diff.metadata import MetaChange, metadata_changes, party_notes
from rechtmakers.diff.order import document_order, moved_articles, order_of
from rechtmakers.diff.preamble import Preamble, compare_preamble
from rechtmakers.diff.text import article_lines, resolver
from rechtmakers.diff.words import Edit
from rechtmakers.errors import AgreementError

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True)
class Comparison:
    """Everything that differs between an old and a new version of one agreement (a side is
    None where the agreement does not exist in that version)."""

    old: Side
    new: Side
    articles: tuple[ArticleDiff, ...]
    metadata: tuple[MetaChange, ...]
    preamble: Preamble
    old_label: str = "oud"
    new_label: str = "nieuw"
    delta: BindingDelta | None = None

    @property
    def latest(self) -> CompleteAgreement:
        """The newest version that holds the agreement: new, or old where it was removed."""
        latest = self.new or self.old
        if latest is None:  # compare refuses two absent versions
            raise AgreementError("Geen van beide versies bevat de overeenkomst.")
        return latest

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
        """Whether the digest differs: what a new version number and new sign-offs are for.
        Then, and only then, some article change or metadata change is binding."""
        delta = self.delta if self.delta is not None else binding_delta(self.old, self.new)
        return delta.changed

    @property
    def is_empty(self) -> bool:
        return not (self.changes or self.metadata or self.explanations)

    def document_edits(self, article: ArticleDiff) -> tuple[Edit, ...]:
        """The article's whole text with its edits, also when nothing in it changed."""
        if article.edits or article.number_new is None or self.new is None:
            return article.edits
        lines = article_lines(self.new.articles[article.id], resolver(self.new),
                              article.number_new)
        return (Edit("equal", "".join(lines)),)


def compare(old: Side, new: Side, *, old_label: str = "oud",
            new_label: str = "nieuw", words: bool = True) -> Comparison:
    """Match articles by id and describe every difference between old and new.

    Without words, the articles' word edits are left out (every kind, note and binding flag
    is the same): the DOCX redline compares the laid-out documents itself. A side that is None
    (the agreement absent in that version) has no articles, parties or terms; not both.
    """
    if old is None and new is None:
        raise AgreementError("Geen van beide versies bevat de overeenkomst.")
    moved = moved_articles(order_of(old), order_of(new))
    relabelled = Relabelled(old, new)
    articles = tuple(article_diff(article_id, old, new, article_id in moved, relabelled,
                                  words)
                     for article_id in document_order(order_of(old), order_of(new)))
    preamble = compare_preamble(old, new)
    delta = binding_delta(old, new)
    metadata: tuple[MetaChange, ...] = tuple(metadata_changes(old, new))
    if old is not None and new is not None:
        metadata += tuple(_with_notes(change, old, new) for change in extra_changes(old, new)
                          if _binds(change, delta, old, new))
    return Comparison(old, new, articles, metadata, preamble, old_label, new_label, delta)


def _with_notes(change: MetaChange, old: CompleteAgreement, new: CompleteAgreement
                ) -> MetaChange:
    """A legal detail's change with the notes of what its words do not show."""
    if change.field != "rechtspersoon" or change.subject is None:
        return change
    was, now = old.party_map.get(change.subject), new.party_map.get(change.subject)
    if was is None or now is None:
        return change
    notes = party_notes(was, now, ("rechtsvorm", "kvk", "vestigingsplaats", "adres"))
    if change.old != change.new:
        notes = tuple(n for n in notes if not n.startswith("schrijfwijze"))
    return replace(change, notes=notes)


def _binds(change: MetaChange, delta: BindingDelta, old: CompleteAgreement,
           new: CompleteAgreement) -> bool:
    """Whether a change of diff.annexes (dates, legal details, annexes) changed the digest:
    the same date or legal detail spelled otherwise (NFD) is no change."""
    if change.field in ("ingangsdatum", "einddatum"):
        return change.field in delta.meta_keys
    if change.field == "bijlage":
        return "bijlagen" in delta.meta_keys
    if change.field == "rechtspersoon" and change.subject is not None:
        return party_binding_changed(old.party_map.get(change.subject),
                                     new.party_map.get(change.subject))
    return True

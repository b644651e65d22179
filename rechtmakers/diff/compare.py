"""Two versions of an agreement in, the list of what changed out: per article and word by word."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.diff.annexes import extra_changes
from rechtmakers.diff.binding import (
    UNSHOWN_ARTICLE_KEYS,
    BindingDelta,
    article_binding_changed,
    article_content_changed,
    binding_delta,
    canonical_of,
    changed_leaves,
    party_binding_changed,
    readable_of,
)
from rechtmakers.diff.hidden import value_notes
from rechtmakers.diff.metadata import MetaChange, metadata_changes, party_notes
from rechtmakers.diff.preamble import Preamble, compare_preamble
from rechtmakers.diff.relabel import reads_differently, references_in, relabel_edits
from rechtmakers.diff.text import (
    article_lines,
    explanation_lines,
    paragraphs,
    resolver,
    source_words,
)
from rechtmakers.diff.words import Edit, is_unchanged, line_edits
from rechtmakers.errors import AgreementError
from rechtmakers.model import Article

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
    articles = tuple(_article_diff(article_id, old, new, article_id in moved, relabelled,
                                   words)
                     for article_id in document_order(order_of(old), order_of(new)))
    preamble = compare_preamble(old, new)
    delta = binding_delta(old, new)
    metadata: tuple[MetaChange, ...] = tuple(metadata_changes(old, new))
    if old is not None and new is not None:
        metadata += tuple(_with_notes(change, old, new) for change in extra_changes(old, new)
                          if _binds(change, delta, old, new))
    return Comparison(old, new, articles, metadata, preamble, old_label, new_label, delta)


def order_of(side: Side) -> tuple[str, ...]:
    """The article order of a side; none where the agreement is absent."""
    return side.order if side is not None else ()


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


def _article_diff(article_id: str, old: Side, new: Side, moved: bool,
                  relabelled: Relabelled, words: bool = True) -> ArticleDiff:
    # An article file that the article list leaves out is not part of that version.
    number_old = old.numbers.get(article_id) if old is not None else None
    number_new = new.numbers.get(article_id) if new is not None else None
    before = old.articles.get(article_id) if old is not None and number_old is not None else None
    after = new.articles.get(article_id) if new is not None and number_new is not None else None
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
        old_lines = article_lines(before, resolver(old), shown) if before and old else []
        new_lines = article_lines(after, resolver(new), shown) if after and new else []
        edits = tuple(line_edits(old_lines, new_lines))
    both = before is not None and after is not None
    text_changed = both and article_content_changed(before, after)
    notes = _notes(before, after) if before is not None and after is not None else ()
    kinds = _kinds(before, after, moved, number_old, number_new, True)
    either = after or before
    return ArticleDiff(
        id=article_id, title=either.title if either else article_id,
        number_old=number_old, number_new=number_new, kinds=kinds, text_changed=text_changed,
        edits=edits, explanation=_explanation(before, after, old, new),
        version_old=before.version if before else None,
        version_new=after.version if after else None,
        binding=True, notes=notes)


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


_KEY_LABELS = {"id": "kenmerk", "onderwerp": "onderwerp", "titel": "de titel",
               "tekst": "de tekst", "leden": "lid", "versie": "versie"}


def _notes(before: Article, after: Article) -> tuple[str, ...]:
    """The binding changes of an article that its words do not show."""
    notes: list[str] = []
    old_form, new_form = dict(readable_of(before)), dict(readable_of(after))
    notes.extend(_member_notes(old_form.pop("leden", []), new_form.pop("leden", []),
                               before, after))
    if old_form == new_form and not notes and canonical_of(before) != canonical_of(after):
        # The parsed text differs where plain Markdown reads the same (a list made loose).
        notes.append("opmaak van de tekst gewijzigd (alinea's of lijst)")
    for path, was, now in changed_leaves(old_form, new_form):
        if was is None or now is None or path == ("versie",):
            continue  # added or removed parts show in the words; versie in the heading
        label = _path_label(path)
        if path[0] in UNSHOWN_ARTICLE_KEYS or path[-1] == "id":
            notes.append(f"{label} gewijzigd: {was} → {now}")
        else:
            notes.extend(value_notes(label, was, now, source_words(before, path)
                                     != source_words(after, path)))
    return tuple(dict.fromkeys(notes))


def _member_notes(before: list[dict[str, str]], after: list[dict[str, str]],
                  old: Article, new: Article) -> list[str]:
    """Leden matched by id: a changed text's hidden changes; a lid that only got another id."""
    notes: list[str] = []
    old_texts = {m.get("id"): m.get("tekst", "") for m in before}
    old_words = {m.id: paragraphs(m.text) for m in old.members}
    new_ids = [m.get("id") for m in after]
    for number, (member, source) in enumerate(zip(after, new.members, strict=True), start=1):
        was = old_texts.get(member.get("id"))
        if was is not None and was != member.get("tekst"):
            notes.extend(value_notes(f"lid {number}", was, member.get("tekst", ""),
                                     old_words.get(source.id) != paragraphs(source.text)))
    gone = [m for m in before if m.get("id") not in new_ids]
    came = [(n, m) for n, m in enumerate(after, start=1) if m.get("id") not in old_texts]
    for old_member, (number, new_member) in zip(gone, came, strict=False):
        # A lid that got another id, in the place of one that lost it: the id is binding and
        # never printed, and a hidden change of its text (a no-break space) is not in the words.
        was, now = old_member.get("tekst", ""), new_member.get("tekst", "")
        hidden = value_notes(f"lid {number}", was, now) if was != now else []
        if was == now or hidden:  # else another lid took its place, which the words show
            notes.append(f"kenmerk van lid {number} gewijzigd: {old_member.get('id')} → "
                         f"{new_member.get('id')}")
            notes.extend(hidden)
    return notes


def _path_label(path: tuple[str | int, ...]) -> str:
    """("leden", 1, "tekst") → "lid 2 (tekst)"; ("tekst",) → "de tekst"."""
    head = path[0]
    if head == "leden" and len(path) > 2:
        return f"lid {int(path[1]) + 1} ({_KEY_LABELS.get(str(path[2]), path[2])})"
    if len(path) == 1:
        return _KEY_LABELS.get(str(head), str(head))
    parts = [str(p + 1) if isinstance(p, int) else p for p in path]
    return " ".join(parts)


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

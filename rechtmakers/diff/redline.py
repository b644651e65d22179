"""The redline, computed once on the document model: two documents in, one document out, with
every change marked where it is (document.tree's Inserted, Deleted and Mark).

Every view draws this one document with the same code that draws a rendered agreement (HTML,
PDF, DOCX), so a redline looks like what is signed and changes nothing that did not change:
parts equal in both versions come out as the new version's nodes, unmarked.

Parts are matched like articles: articles and leden by id (leden without ids by place), steps
by name, list items, waarborgen rows and blocks by place and likeness. A part only in one
version comes whole, with its number (a removed lid: ~~6.1 …~~); a renumbered one keeps its
old number beside the new (Member.was, ArticleNode.was); a reworded one shows its word edits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.flows import (
    align,
    alike,
    compare_flows,
    compare_items,
    flow_text,
    whole_flow,
)
from rechtmakers.diff.order import layout, moved_articles
from rechtmakers.document.tree import (
    AnnexNode,
    ArticleNode,
    Deleted,
    Document,
    Flow,
    Inserted,
    Mark,
    Member,
    Safeguard,
    Step,
    TermNode,
)

WholeMark = type[Inserted] | type[Deleted]
# Before the anchor of a part at a place the new version does not have (an anchor is unique).
ANCHOR_PREFIX = {Mark.DELETED: "geschrapt", Mark.MOVED_FROM: "verplaatst",
                 Mark.INSERTED: "nieuw", Mark.MOVED_TO: "nieuw"}


def compare_documents(old: Document | None, new: Document | None, *,
                      whole_moves: bool = False) -> Document:
    """The redline document: new's layout with old's differences marked in it. One of the
    two may be None (a new agreement, or one that is gone): then everything is inserted, or
    deleted. A moved article shows at its new place with its edits; with whole_moves (a Word
    move: what is accepted there is the new text) as the new text only."""
    if new is None:
        if old is None:
            raise ValueError("er is niets te vergelijken")
        return _whole_document(old, Deleted, Mark.DELETED)
    if old is None:
        return _whole_document(new, Inserted, Mark.INSERTED)
    return replace(
        new,
        compass=compare_flows(old.compass, new.compass),
        considerations=compare_items(old.considerations, new.considerations),
        operative=compare_flows(old.operative, new.operative),
        terms=_terms(old.terms, new.terms),
        articles=_articles(old.articles, new.articles, whole_moves),
        annexes=_annexes(old.annexes, new.annexes),
    )


def _whole_document(doc: Document, mark: WholeMark, whole: Mark) -> Document:
    return replace(
        doc, compass=whole_flow(doc.compass, mark),
        considerations=tuple(whole_flow(item, mark) for item in doc.considerations),
        operative=whole_flow(doc.operative, mark),
        terms=tuple(replace(t, meaning=whole_flow(t.meaning, mark)) for t in doc.terms),
        articles=tuple(whole_article(a, mark, whole) for a in doc.articles),
        annexes=tuple(_whole_annex(x, mark, whole) for x in doc.annexes))


# Articles.

def _articles(old: Sequence[ArticleNode], new: Sequence[ArticleNode],
              whole_moves: bool) -> tuple[ArticleNode, ...]:
    """New's articles in order, each removed one where it stood, a moved one at both places."""
    old_by_id = {a.id: a for a in old}
    new_by_id = {a.id: a for a in new}
    old_order, new_order = [a.id for a in old], [a.id for a in new]
    moved = moved_articles(old_order, new_order)
    out: list[ArticleNode] = []
    for article_id, place in layout(old_order, new_order, moved):
        before, after = old_by_id.get(article_id), new_by_id.get(article_id)
        if place == "from" and before is not None:
            out.append(whole_article(before, Deleted, Mark.MOVED_FROM))
        elif place == "to" and after is not None and (whole_moves or before is None):
            out.append(whole_article(after, Inserted, Mark.MOVED_TO))
        elif place == "to" and after is not None and before is not None:
            out.append(replace(compare_articles(before, after), mark=Mark.MOVED_TO))
        elif before is not None and after is not None:
            out.append(compare_articles(before, after))
        elif before is not None:
            out.append(whole_article(before, Deleted, Mark.DELETED))
        elif after is not None:
            out.append(whole_article(after, Inserted, Mark.INSERTED))
    return tuple(out)


def compare_articles(old: ArticleNode, new: ArticleNode) -> ArticleNode:
    """One article in both versions: its parts matched, its edits marked."""
    if old == new:
        return new
    explanation: Flow | None = None
    if old.explanation is not None and new.explanation is not None:
        explanation = compare_flows(old.explanation, new.explanation)
    elif new.explanation is not None:
        explanation = whole_flow(new.explanation, Inserted)
    elif old.explanation is not None:
        explanation = whole_flow(old.explanation, Deleted)
    return replace(
        new,
        body=compare_flows(old.body, new.body),
        members=_members(old.members, new.members),
        steps=_steps(old.steps, new.steps),
        safeguards=_safeguards(old.safeguards, new.safeguards),
        helps=compare_items(old.helps, new.helps),
        hinders=compare_items(old.hinders, new.hinders),
        joining=compare_items(old.joining, new.joining),
        explanation=explanation,
        was=old.number if old.number != new.number else None,
        title_was=old.title if old.title != new.title else None,
    )


def whole_article(article: ArticleNode, mark: WholeMark, whole: Mark) -> ArticleNode:
    """An article only one version has (or at one place of a move): all of it marked."""
    anchor = article.anchor if mark is Inserted else f"{ANCHOR_PREFIX[whole]}-{article.anchor}"
    return replace(
        article, anchor=anchor,
        body=whole_flow(article.body, mark),
        members=tuple(_whole_member(m, mark, whole) for m in article.members),
        steps=tuple(replace(s, body=whole_flow(s.body, mark), mark=whole)
                    for s in article.steps),
        safeguards=tuple(_whole_guard(g, mark, whole) for g in article.safeguards),
        helps=tuple(whole_flow(i, mark) for i in article.helps),
        hinders=tuple(whole_flow(i, mark) for i in article.hinders),
        joining=tuple(whole_flow(i, mark) for i in article.joining),
        explanation=None if article.explanation is None else whole_flow(article.explanation,
                                                                        mark),
        mark=whole)


# Leden, steps, rows.

def _members(old: Sequence[Member], new: Sequence[Member]) -> tuple[Member, ...]:
    """Leden matched by id when all have one, else by place and likeness. One that another
    took the place of is deleted whole and the other inserted whole: never a word salad."""
    if tuple(old) == tuple(new):
        return tuple(new)
    by_id = all(m.id for m in old) and all(m.id for m in new)
    old_keys = [m.id if by_id else flow_text(m.body) for m in old]
    new_keys = [m.id if by_id else flow_text(m.body) for m in new]

    def pairs(i: int, j: int) -> bool:
        return not by_id and alike(str(old_keys[i]), str(new_keys[j]))

    out: list[Member] = []
    for i, j in align(old_keys, new_keys, pairs):
        if i is not None and j is not None:
            before, after = old[i], new[j]
            out.append(replace(after, body=compare_flows(before.body, after.body),
                               was=before.number if before.number != after.number else None))
        elif i is not None:
            out.append(_whole_member(old[i], Deleted, Mark.DELETED))
        elif j is not None:
            out.append(_whole_member(new[j], Inserted, Mark.INSERTED))
    return tuple(out)


def _whole_member(member: Member, mark: WholeMark, whole: Mark) -> Member:
    anchor = member.anchor if mark is Inserted else f"{ANCHOR_PREFIX[whole]}-{member.anchor}"
    return replace(member, anchor=anchor, body=whole_flow(member.body, mark), mark=whole)


def _steps(old: Sequence[Step], new: Sequence[Step]) -> tuple[Step, ...]:
    """Steps matched by name; a step with the same name but another who or term comes whole,
    twice (those are short fields: a word edit there reads worse than the two lines)."""
    if tuple(old) == tuple(new):
        return tuple(new)
    out: list[Step] = []
    for i, j in align([s.name for s in old], [s.name for s in new], lambda i, j: False):
        if i is not None and j is not None:
            before, after = old[i], new[j]
            if (before.who, before.term) == (after.who, after.term):
                out.append(replace(after, body=compare_flows(before.body, after.body)))
            else:
                out.append(replace(before, body=whole_flow(before.body, Deleted),
                                   mark=Mark.DELETED))
                out.append(replace(after, body=whole_flow(after.body, Inserted),
                                   mark=Mark.INSERTED))
        elif i is not None:
            out.append(replace(old[i], body=whole_flow(old[i].body, Deleted), mark=Mark.DELETED))
        elif j is not None:
            out.append(replace(new[j], body=whole_flow(new[j].body, Inserted),
                               mark=Mark.INSERTED))
    return tuple(out)


def _guard_text(guard: Safeguard) -> str:
    return " | ".join(flow_text(f) for f in (guard.what, guard.how, guard.when))


def _safeguards(old: Sequence[Safeguard], new: Sequence[Safeguard]) -> tuple[Safeguard, ...]:
    """Waarborgen rows matched by place and likeness, like list items."""
    if tuple(old) == tuple(new):
        return tuple(new)
    old_keys, new_keys = [_guard_text(g) for g in old], [_guard_text(g) for g in new]
    out: list[Safeguard] = []
    for i, j in align(old_keys, new_keys, lambda i, j: alike(old_keys[i], new_keys[j])):
        if i is not None and j is not None:
            a, b = old[i], new[j]
            out.append(replace(b, what=compare_flows(a.what, b.what),
                               how=compare_flows(a.how, b.how),
                               when=compare_flows(a.when, b.when)))
        elif i is not None:
            out.append(_whole_guard(old[i], Deleted, Mark.DELETED))
        elif j is not None:
            out.append(_whole_guard(new[j], Inserted, Mark.INSERTED))
    return tuple(out)


def _whole_guard(guard: Safeguard, mark: WholeMark, whole: Mark) -> Safeguard:
    return Safeguard(whole_flow(guard.what, mark), whole_flow(guard.how, mark),
                     whole_flow(guard.when, mark), whole)


# Terms and annexes.

def _terms(old: Sequence[TermNode], new: Sequence[TermNode]) -> tuple[TermNode, ...]:
    if tuple(old) == tuple(new):
        return tuple(new)
    out: list[TermNode] = []
    for i, j in align([t.term for t in old], [t.term for t in new], lambda i, j: False):
        if i is not None and j is not None:
            out.append(replace(new[j], meaning=compare_flows(old[i].meaning, new[j].meaning)))
        elif i is not None:
            out.append(replace(old[i], anchor=f"geschrapt-{old[i].anchor}",
                               meaning=whole_flow(old[i].meaning, Deleted)))
        elif j is not None:
            out.append(replace(new[j], meaning=whole_flow(new[j].meaning, Inserted)))
    return tuple(out)


def _annexes(old: Sequence[AnnexNode], new: Sequence[AnnexNode]) -> tuple[AnnexNode, ...]:
    if tuple(old) == tuple(new):
        return tuple(new)
    out: list[AnnexNode] = []
    for i, j in align([x.id for x in old], [x.id for x in new], lambda i, j: False):
        if i is not None and j is not None:
            a, b = old[i], new[j]
            if a.body is not None and b.body is not None:
                out.append(replace(b, body=compare_flows(a.body, b.body)))
            elif a == b or a.sha256 == b.sha256:
                out.append(b)
            else:
                out.append(_whole_annex(a, Deleted, Mark.DELETED))
                out.append(_whole_annex(b, Inserted, Mark.INSERTED))
        elif i is not None:
            out.append(_whole_annex(old[i], Deleted, Mark.DELETED))
        elif j is not None:
            out.append(_whole_annex(new[j], Inserted, Mark.INSERTED))
    return tuple(out)


def _whole_annex(annex: AnnexNode, mark: WholeMark, whole: Mark) -> AnnexNode:
    anchor = annex.anchor if mark is Inserted else f"geschrapt-{annex.anchor}"
    body = None if annex.body is None else whole_flow(annex.body, mark)
    return replace(annex, anchor=anchor, body=body, mark=whole)


def documents_of(comparison: Comparison, *, explanations: bool = True) -> tuple[
        Document | None, Document | None]:
    """Both versions laid out by document.build, as `render` lays them out (None: no
    agreement in that version); with or without the toelichting."""
    from rechtmakers.diff.binding import digest_of
    from rechtmakers.document.build import build_document

    def built(agreement: CompleteAgreement | None) -> Document | None:
        if agreement is None:
            return None
        return build_document(agreement, digest_of(agreement), explanations=explanations)

    return built(comparison.old), built(comparison.new)


def redline_of(comparison: Comparison, *, explanations: bool = True) -> Document:
    """The comparison's redline document (with the toelichting: shown apart, not binding)."""
    return compare_documents(*documents_of(comparison, explanations=explanations))


"""Where articles stand in two versions: the order to show them in, and which of them moved."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from rechtmakers.agreement import CompleteAgreement

__all__ = ["document_order", "layout", "longest_increasing", "moved_articles", "order_of"]


def order_of(side: CompleteAgreement | None) -> tuple[str, ...]:
    """The article order of a side; none where the agreement is absent."""
    return side.order if side is not None else ()


def document_order(old_order: Sequence[str], new_order: Sequence[str]) -> list[str]:
    """The new order, with each removed article where it stood: after its old predecessor."""
    return [article_id for article_id, _ in layout(old_order, new_order, set())]


def layout(old_order: Sequence[str], new_order: Sequence[str],
           moved: set[str]) -> list[tuple[str, str]]:
    """(article id, place) in reading order: the new order, each removed article after its old
    predecessor, a moved one at its old place ("from") and its new place ("to")."""
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

"""Edits of an article whose text stayed the same while what it refers to was renumbered."""

from __future__ import annotations

import re
from functools import lru_cache

from rechtmakers.agreement import Agreement
from rechtmakers.diff.text import article_lines, resolver
from rechtmakers.diff.words import Edit, coalesce, line_edits, word_edits
from rechtmakers.model import Article
from rechtmakers.references import Reference, find_references
from rechtmakers.resolve import resolve_reference

# Private-use characters around a reference's index: they survive the text's clean-up. A text
# that holds them itself is compared the slow way.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


def relabel_edits(article: Article, old: Agreement, new: Agreement,
                  number: int | None) -> list[Edit]:
    """The word edits between the article as read in old and in new, when its source is equal.

    The text is laid out once with a mark where each reference stands; only the references
    that read differently become edits. This gives what comparing both renderings would give,
    in a fraction of the time: renumbering one article relabels references all through a long
    agreement.
    """
    if any(_OPEN in text or _CLOSE in text for _, text in article.texts()):
        return line_edits(article_lines(article, resolver(old), number),
                          article_lines(article, resolver(new), number))
    refs: list[Reference] = []

    def mark(text: str) -> str:
        found = references_in(text)
        if not found:
            return text
        parts, last = [], 0
        for ref in found:
            parts.append(text[last:ref.start])
            parts.append(f"{_OPEN}{len(refs)}{_CLOSE}")
            refs.append(ref)
            last = ref.end
        parts.append(text[last:])
        return "".join(parts)

    edits: list[Edit] = []
    for line in article_lines(article, mark, number):
        if _OPEN not in line:
            edits.append(Edit("equal", line))
            continue
        for i, part in enumerate(_MARK.split(line)):
            if i % 2 == 0:
                edits.append(Edit("equal", part))
            else:
                ref = refs[int(part)]
                edits.extend(_label_edits(_label(ref, old), _label(ref, new)))
    return coalesce(edits)


@lru_cache(maxsize=16384)
def references_in(text: str) -> tuple[Reference, ...]:
    """The references of a text; the same texts are read more than once in a comparison."""
    return tuple(find_references(text))


@lru_cache(maxsize=4096)
def _label_edits(old: str, new: str) -> tuple[Edit, ...]:
    """The same few labels ("artikel 4" → "artikel 5") recur all through a renumbering."""
    return tuple(word_edits(old, new))


def reads_differently(article: Article, old: Agreement, new: Agreement) -> bool:
    """Whether any reference of the article (in any of its texts) reads differently in new:
    what relabel_edits would show, without laying the article out."""
    return bool(old_labels(article, old, new))


def old_labels(article: Article, old: Agreement, new: Agreement) -> dict[str, str | None]:
    """Each reference label that reads differently, as new reads it → as old read it (None
    when one new label stood for two old ones), in the texts the article's lines draw: its
    binding texts (Article.texts), as relabel_edits marks them. Not its toelichting, which is
    compared apart and binds nothing."""
    labels: dict[str, str | None] = {}
    for _, value in article.texts():
        if "[[" not in value and "@" not in value:
            continue
        for ref in references_in(value):
            after, before = _label(ref, new), _label(ref, old)
            if after != before:
                labels[after] = before if labels.get(after, before) == before else None
    return labels


def label(ref: Reference, agreement: Agreement) -> str:
    """How a reference reads in this version: "artikel 4", "artikel 4.2", a party's name."""
    return _label(ref, agreement)


def _label(ref: Reference, agreement: Agreement) -> str:
    resolved = resolve_reference(ref, agreement)
    return resolved.label if resolved else ref.raw

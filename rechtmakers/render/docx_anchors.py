"""The DOCX bookmarks of articles, leden, explanations, annexes and terms: the anchors that
links point to and that inlezen reads a returned review back by."""

from __future__ import annotations

from rechtmakers.document.tree import Document, Mark
from rechtmakers.render.wordml import bookmark_name


def article_bookmark(article_id: str) -> str:
    return bookmark_name("art", article_id)


def member_bookmark(article_id: str, member_id: str) -> str:
    return bookmark_name("lid", article_id, member_id)


def explanation_bookmark(article_id: str) -> str:
    return bookmark_name("toel", article_id)


def annex_bookmark(annex_id: str) -> str:
    return bookmark_name("bijlage", annex_id)


def term_bookmark(anchor: str) -> str:
    return bookmark_name("begrip", anchor.removeprefix("begrip-"))


def link_targets(doc: Document) -> dict[str, str]:
    """HTML anchor → DOCX bookmark, for the articles and leden with an id, terms and annexes."""
    targets = {term.anchor: term_bookmark(term.anchor) for term in doc.terms}
    targets.update((annex.anchor, annex_bookmark(annex.id)) for annex in doc.annexes)
    for article in doc.articles:
        if article.id and article.mark not in (Mark.DELETED, Mark.MOVED_FROM):
            targets[article.anchor] = article_bookmark(article.id)
            for member in article.members:
                if member.id and member.mark is not Mark.DELETED:
                    targets[member.anchor] = member_bookmark(article.id, member.id)
    return targets

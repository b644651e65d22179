"""What changed in one article, read off its redline (diff.redline) as `log` names it:
"lid verslag toegevoegd", "lid snel-besluiten verwijderd", "lid 6.2 → 6.1", "alleen de
toelichting"; and both versions by name: "versie 1.0.0 (21 januari 2026, vingerafdruk …)"."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from rechtmakers.agreement import WORKING_TREE, CompleteAgreement
from rechtmakers.document import labels
from rechtmakers.document.tree import ArticleNode, Deleted, Inserted, Mark

WORKING_VERSION = "werkversie (niet vastgelegd)"
SHORT_DIGEST = 12


def side_name(agreement: CompleteAgreement | None, label: str, digest: str | None) -> str:
    """A version as a reader names it: by its version, date and fingerprint; the working
    tree as "werkversie (niet vastgelegd)"; a git revision only when no version is known."""
    if label == WORKING_TREE:
        return WORKING_VERSION
    if agreement is None:
        return f"{label} (geen overeenkomst)" if label else "geen overeenkomst"
    meta = agreement.meta
    print_digest = f", vingerafdruk {digest[:SHORT_DIGEST]}" if digest else ""
    return f"versie {meta.version} ({labels.long_date(meta.date)}{print_digest})"


def has_marks(node: object) -> bool:
    """Whether a part of a redline holds an insertion or deletion anywhere."""
    if isinstance(node, (Inserted, Deleted)):
        return True
    if isinstance(node, tuple):
        return any(has_marks(child) for child in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return any(has_marks(getattr(node, f.name)) for f in dataclasses.fields(node)
                   if f.name not in ("anchor", "id"))
    return False


def _binding_marks(article: ArticleNode) -> bool:
    return has_marks(dataclasses.replace(article, explanation=None))


def article_details(article: ArticleNode) -> list[str]:
    """The changes of one article of a redline, in the words of `log`."""
    if article.mark is not None:
        return []  # added, removed or moved as a whole: its kind says it all
    details: list[str] = []
    if article.title_was is not None:
        details.append("titel gewijzigd")
    if has_marks(article.body):
        details.append("tekst gewijzigd")
    for member in article.members:
        name = member.id or member.number
        if member.mark is Mark.INSERTED:
            details.append(f"lid {name} toegevoegd")
        elif member.mark is Mark.DELETED:
            details.append(f"lid {name} verwijderd")
        else:
            if has_marks(member.body):
                details.append(f"lid {name} gewijzigd")
            if member.moved_in_article:
                details.append(f"lid {member.was} → {member.number}")
    for step in article.steps:
        details.extend(_part(f"stap ‘{step.name}’", step.mark, has_marks(step.body)))
    for n, guard in enumerate(article.safeguards, start=1):
        details.extend(_part(f"waarborg {n}", guard.mark, has_marks(guard)))
    for name, items in (("Dit helpt", article.helps), ("Dit helpt niet", article.hinders),
                        ("Wat instappen betekent", article.joining)):
        if has_marks(items):
            details.append(f"‘{name}’ gewijzigd")
    if has_marks(article.explanation) and not _binding_marks(article):
        details.append("alleen de toelichting")
    elif has_marks(article.explanation):
        details.append("toelichting gewijzigd")
    return details


def _part(name: str, mark: Mark | None, changed: bool) -> Iterable[str]:
    if mark is Mark.INSERTED:
        yield f"{name} toegevoegd"
    elif mark is Mark.DELETED:
        yield f"{name} verwijderd"
    elif changed:
        yield f"{name} gewijzigd"

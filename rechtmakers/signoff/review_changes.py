"""What changed since a party last signed, for a director: per changed article a few plain
bullets, the reasons the history gives (commit messages), whether it binds, and the redline of
that article only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from rechtmakers.agreement import ARTICLES_DIR, CompleteAgreement
from rechtmakers.diff.articles import ArticleDiff
from rechtmakers.diff.compare import Comparison, compare
from rechtmakers.diff.html import redline
from rechtmakers.diff.present import Line, article_view, heading, meta_views
from rechtmakers.errors import RechtmakersError
from rechtmakers.git import history as githistory
from rechtmakers.versions import Versions

MAX_BULLETS = 5  # per article; the rest is counted
MAX_QUOTE = 90  # characters of old or new words quoted in a bullet
MAX_REASONS = 5  # commit messages per article
# Starts only where a number does, so that searching it stays linear on "1.1.1…".
_MEMBER = re.compile(r"(?<!\d)(\d+\.\d+)\s")


@dataclass(frozen=True)
class ArticleChange:
    """One changed article: its heading, plain bullets, reasons, binding, and its redline."""

    anchor: str
    heading: str
    what: str
    binding: bool
    bullets: tuple[str, ...]
    reasons: tuple[str, ...]
    redline: tuple[Markup, ...]  # the article's lines, with <ins> and <del>


@dataclass(frozen=True)
class Changes:
    """Everything that changed from the signed version (its version number) to now."""

    since_version: str
    articles: tuple[ArticleChange, ...]
    other: tuple[str, ...]  # changes outside the articles, in words
    binding: bool


def changes_since(root: Path, agreement: CompleteAgreement, commit: str, version: str
                  ) -> Changes | None:
    """The changes from the agreement at commit to agreement; None when it cannot be read
    (under this release's rules the signed version may no longer read: the page then shows
    the text and the sign-offs, as for a first signature)."""
    label = f"versie {version}"
    try:
        versions = Versions.open(root)
        old = versions.at(commit, label=label)
        if old is None:
            return None
        comparison = compare(old, agreement, old_label=label, new_label="nu")
        reasons = _reasons(versions.history(), commit)
    except RechtmakersError:
        return None
    articles = tuple(_article(comparison, a, reasons) for a in comparison.articles
                     if a.kinds or a.explanation is not None)
    other = tuple(_meta_line(view.label, view.what, view.old, view.new, view.binding)
                  for view in meta_views(comparison))
    return Changes(version, articles, other, comparison.binding_changed)


def _reasons(history: list[githistory.Commit], since: str) -> dict[str, list[str]]:
    """File → the subjects of the commits after since that changed it, oldest first."""
    found: dict[str, list[str]] = {}
    for commit in history:
        if commit.sha == since:
            break
        for change in commit.changes:
            subjects = found.setdefault(change.path, [])
            if commit.subject and commit.subject not in subjects:
                subjects.insert(0, commit.subject)
    return found


def _article(comparison: Comparison, article: ArticleDiff,
             reasons: dict[str, list[str]]) -> ArticleChange:
    view = article_view(comparison, article)
    changed = [line for line in (view.title, *view.lines) if line.state != "equal"]
    bullets = [_bullet(line, line is view.title) for line in changed]
    bullets += list(view.hidden)
    if not bullets and view.explanation is not None:
        bullets.append("Alleen de toelichting is veranderd; die is niet bindend.")
    if not bullets and article.kinds:
        bullets.append(f"Het artikel is {view.what}; de tekst zelf is niet veranderd.")
    if len(bullets) > MAX_BULLETS:
        rest = len(bullets) - (MAX_BULLETS - 1)
        bullets = [*bullets[:MAX_BULLETS - 1], f"En nog {rest} wijziging(en) in dit artikel: "
                   "zie de vergelijking hieronder."]
    title = f"{heading(article)} – {article.title}"
    why = reasons.get(f"{ARTICLES_DIR}/{article.id}.yaml", [])[:MAX_REASONS]
    lines = tuple(redline(line) for line in (view.title, *view.lines))
    return ArticleChange(view.anchor, title, view.what or "toelichting", article.binding,
                         tuple(bullets), tuple(why), lines)


def _bullet(line: Line, is_title: bool) -> str:
    """One changed paragraph in plain words: what it said and what it says now."""
    old = "".join(e.text for e in line.edits if e.op != "insert").strip()
    new = "".join(e.text for e in line.edits if e.op != "delete").strip()
    match = _MEMBER.match(new) or _MEMBER.match(old)
    where = "De titel" if is_title else (f"Lid {match.group(1)}" if match else "Een alinea")
    if line.state == "insert":
        return f"{where} is nieuw: “{_short(new)}”"
    if line.state == "delete":
        return f"{where} vervalt: “{_short(old)}”"
    pairs = _pairs(line)
    shown = "; ".join(f"“{_short(a, 40) or '…'}” wordt “{_short(b, 40) or '(weg)'}”"
                      for a, b in pairs[:2])
    more = f" (en nog {len(pairs) - 2} kleinere wijziging(en))" if len(pairs) > 2 else ""
    return f"{where}: {shown}{more}."


def _pairs(line: Line) -> list[tuple[str, str]]:
    """The changed stretches of a line as (old words, new words)."""
    pairs: list[tuple[str, str]] = []
    old, new = "", ""
    for edit in line.edits:
        if edit.op == "equal" and edit.text.strip():
            if old.strip() or new.strip():
                pairs.append((old.strip(), new.strip()))
            old, new = "", ""
        elif edit.op == "delete":
            old += edit.text
        elif edit.op == "insert":
            new += edit.text
    if old.strip() or new.strip():
        pairs.append((old.strip(), new.strip()))
    return pairs


def _meta_line(label: str, what: str, old: str, new: str, binding: bool) -> str:
    change = f"{_short(old, 60)} → {_short(new, 60)}" if old and new else what
    return f"{label}: {change}{'' if binding else ' (niet bindend)'}"


def _short(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"

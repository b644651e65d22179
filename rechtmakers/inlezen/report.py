"""The report of `rechtmakers inlezen`: Dutch for people, JSON (English keys) for tools."""

from __future__ import annotations

import json
from typing import Any

from rechtmakers.inlezen.outcome import Outcome
from rechtmakers.versions import WORKING_TREE


def as_json(outcome: Outcome) -> str:
    data: dict[str, Any] = {
        "agreement": outcome.agreement,
        "version": outcome.version,
        "digest": outcome.digest,
        "base": outcome.base,
        "reviewers": outcome.reviewers,
        "changes": [{"article": c.article, "member": c.member, "file": c.file,
                     "field": c.field, "author": c.author, "date": c.date,
                     "before": c.before, "after": c.after} for c in outcome.changes],
        "comments": [{"article": c.article, "member": c.member, "author": c.author,
                      "date": c.date, "quote": c.quote, "text": c.text}
                     for c in outcome.comments],
        "not_applied": [{"article": n.article, "member": n.member, "field": n.field,
                         "author": n.author, "before": n.before, "after": n.after,
                         "reason": n.reason} for n in outcome.not_applied],
        "conflicts": [{"article": c.article, "member": c.member, "file": c.file,
                       "field": c.field, "base": c.base, "working": c.working,
                       "review": c.review} for c in outcome.conflicts],
        "written": outcome.written,
        "problems": outcome.problems,
        "dry_run": outcome.dry_run,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


SHORT = 120  # characters: a field this short is shown whole


def _where(article: str | None, member: str | None) -> str:
    if article is None:
        return "voorwerk"
    return f"artikel {article}, lid {member}" if member else f"artikel {article}"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def as_text(outcome: Outcome) -> str:
    base = "de werkmap" if outcome.base == WORKING_TREE else f"commit {outcome.base[:12]}"
    lines = [f"Review van {outcome.agreement}, versie {outcome.version} "
             f"(vingerafdruk {outcome.digest[:12]}, gevonden in {base})."]
    if outcome.reviewers:
        lines.append(f"Reviewers: {', '.join(outcome.reviewers)}.")
    lines += _changes(outcome) + _conflicts(outcome) + _not_applied(outcome)
    lines += _comments(outcome)
    if outcome.problems:
        lines.append("")
        lines.append("Na het inlezen klopt de overeenkomst niet:")
        lines.extend(f"  {problem}" for problem in outcome.problems)
    if not (outcome.changes or outcome.conflicts or outcome.not_applied or outcome.comments):
        lines.append("Geen wijzigingen en geen opmerkingen gevonden.")
    elif outcome.written:
        lines.append("")
        lines.append(f"Geschreven: {', '.join(outcome.written)}. Bekijk het met git diff; er "
                     "is niets gecommit.")
    return "\n".join(lines) + "\n"


def _before_after(before: str, after: str) -> list[str]:
    return ([f"    - {_short(before)}"] if before else []) + \
        ([f"    + {_short(after)}"] if after else [])


def _changes(outcome: Outcome) -> list[str]:
    if not outcome.changes:
        return []
    verb = "Zou wijzigen (--dry-run, niets geschreven)" if outcome.dry_run else "Gewijzigd"
    lines = ["", f"{verb}: {len(outcome.changes)} veld(en)."]
    for change in outcome.changes:
        who = f" — door {change.author}" if change.author else \
            " — zonder bijgehouden wijziging"
        lines.append(f"  {_where(change.article, change.member)}, {change.field}{who}")
        # A short field reads best whole; a long one by its edits.
        edits = ((change.before, change.after),) if len(change.before) <= SHORT \
            else change.edits
        for before, after in edits:
            lines += _before_after(before, after)
    return lines


def _conflicts(outcome: Outcome) -> list[str]:
    if not outcome.conflicts:
        return []
    lines = ["", f"Conflicten: {len(outcome.conflicts)} (niet overschreven; de werkmap is "
             "sinds de basisversie veranderd)."]
    for conflict in outcome.conflicts:
        lines.append(f"  {_where(conflict.article, conflict.member)}, {conflict.field}")
        lines.append(f"    werkmap: {_short(conflict.working or '(bestaat niet meer)')}")
        lines.append(f"    review:  {_short(conflict.review)}")
    return lines


def _not_applied(outcome: Outcome) -> list[str]:
    if not outcome.not_applied:
        return []
    lines = ["", f"Niet toegepast: {len(outcome.not_applied)}."]
    for item in outcome.not_applied:
        lines.append(f"  {_where(item.article, item.member)}: {item.reason}.")
        lines += _before_after(item.before, item.after)
    return lines


def _comments(outcome: Outcome) -> list[str]:
    if not outcome.comments:
        return []
    lines = ["", f"Opmerkingen: {len(outcome.comments)}."]
    for comment in outcome.comments:
        date = f" ({comment.date[:10]})" if comment.date else ""
        lines.append(f"  {_where(comment.article, comment.member)} — "
                     f"{comment.author or 'onbekend'}{date}")
        if comment.quote:
            lines.append(f"    bij: “{_short(comment.quote, 120)}”")
        lines.append(f"    {_short(comment.text, 500)}")
    return lines

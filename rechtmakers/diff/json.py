"""The JSON view: every change as data, for CI and other tools.

Shape (keys in English, texts in Dutch)::

    {
      "agreement": "positief-gezond-almere",
      "old": {"label": "HEAD", "version": "1.0.0"},
      "new": {"label": "werkmap", "version": "1.1.0"},
      "summary": "1 toegevoegd, 1 gewijzigd, …",
      "binding_changed": true,
      "changes": [
        {"article": "besluitvorming", "kind": "changed", "title": "Zo nemen we besluiten",
         "number_old": 3, "number_new": 4, "substantive": true, "binding": true,
         "notes": [],
         "version_old": 1, "version_new": 2,
         "edits": [{"op": "equal", "text": "Zo nemen we besluiten\nWe nemen "},
                   {"op": "delete", "text": "besluit"}, {"op": "insert", "text": "voorstel"},
                   …]},
        {"article": "besluitvorming", "kind": "renumbered", …, "substantive": false,
         "edits": []}
      ],
      "explanations": [{"article": …, "number_old": …, "number_new": …, "edits": […]}],
      "metadata": [{"field": "versie", "kind": "changed", "subject": null, "label": "Versie",
                    "binding": false, "old": "1.0.0", "new": "1.1.0", "edits": []}]
    }

One entry per kind: an article that moved and changed has a "moved" and a "changed" entry, in
document order. `kind` is added, removed, changed, moved or renumbered; moved, renumbered
(and a "changed" that only updated references or the versie) have `substantive: false`.
`binding` is true for the changes that changed the digest (added, removed, moved, and a changed
article whose binding text or versie changed); `binding_changed` is true exactly when the digest
changed. `notes` (and a metadata entry's `notes`) name binding changes the words do not show:
"link gewijzigd: «…»: https://a → https://b", "nadruk verwijderd: «niet» (vet)",
"andere spatie bij «…»: gewone spatie → vaste spatie (U+00A0)".
`edits` cover the article's whole rendered text — title first, then one line per paragraph,
member ("3.1 …") and block entry, each line ending in "\n" — as stretches with `op` equal,
delete or insert: the equal and delete texts joined give the old text, the equal and insert
texts the new one. They are given for added (one insert), removed (one delete) and changed;
moved and renumbered have none. `explanations` lists toelichting changes (not binding) apart.
"""

from __future__ import annotations

import json
from typing import Any

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.diff.articles import ArticleDiff, Change
from rechtmakers.diff.compare import Comparison
from rechtmakers.diff.present import counts


def render_json(comparison: Comparison) -> str:
    # One line: json's C encoder only runs without indent, and tools read it the same.
    return json.dumps(as_data(comparison), ensure_ascii=False) + "\n"


def as_data(comparison: Comparison) -> dict[str, Any]:
    versions = {a.id: a for a in comparison.articles}
    return {
        "agreement": comparison.latest.id,
        "old": _side(comparison.old_label, comparison.old),
        "new": _side(comparison.new_label, comparison.new),
        "summary": counts(comparison),
        "binding_changed": comparison.binding_changed,
        "changes": [_change(change, versions[change.article]) for change in comparison.changes],
        "explanations": [_explanation(article) for article in comparison.explanations],
        "metadata": [change.as_dict() for change in comparison.metadata],
    }


def _side(label: str, version: CompleteAgreement | None) -> dict[str, Any]:
    return {"label": label, "version": version.meta.version if version else None}


def _change(change: Change, article: ArticleDiff) -> dict[str, Any]:
    return {
        "article": change.article,
        "kind": change.kind,
        "title": change.title,
        "number_old": change.number_old,
        "number_new": change.number_new,
        "substantive": change.substantive,
        "binding": change.binding,
        "notes": list(change.notes),
        "version_old": article.version_old,
        "version_new": article.version_new,
        "edits": [edit.as_dict() for edit in change.edits],
    }


def _explanation(article: ArticleDiff) -> dict[str, Any]:
    return {
        "article": article.id,
        "number_old": article.number_old,
        "number_new": article.number_new,
        "edits": [edit.as_dict() for edit in article.explanation or ()],
    }

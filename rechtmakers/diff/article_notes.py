"""The binding changes of an article that its words do not show: a lid that got another id, a
key that is never printed, a list made loose, and (through diff.hidden) a link's target or
another kind of space."""

from __future__ import annotations

from collections.abc import Mapping

from rechtmakers.diff.binding import UNSHOWN_ARTICLE_KEYS, canonical_of, changed_leaves, readable_of
from rechtmakers.diff.hidden import value_notes
from rechtmakers.diff.text import paragraphs, source_words
from rechtmakers.json_value import JsonValue
from rechtmakers.model import Article

__all__ = ["article_notes"]

_KEY_LABELS = {"id": "kenmerk", "onderwerp": "onderwerp", "titel": "de titel",
               "tekst": "de tekst", "leden": "lid", "versie": "versie"}


def article_notes(before: Article, after: Article) -> tuple[str, ...]:
    """The binding changes of an article that its words do not show."""
    notes: list[str] = []
    old_form, new_form = dict(readable_of(before)), dict(readable_of(after))
    notes.extend(_member_notes(_leden(old_form.pop("leden", [])),
                               _leden(new_form.pop("leden", [])), before, after))
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


def _leden(form: JsonValue) -> list[dict[str, str]]:
    """The leden of an article's readable form: each lid's texts (its id, its tekst) by key."""
    if not isinstance(form, list):
        return []
    return [{key: value for key, value in member.items() if isinstance(value, str)}
            for member in form if isinstance(member, Mapping)]


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

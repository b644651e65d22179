"""Changes outside the articles: the agreement's own fields, its parties and its terms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from rechtmakers.agreement import Agreement
from rechtmakers.diff.text import dutch_date, paragraphs, party_line
from rechtmakers.diff.words import Edit, line_edits, word_edits
from rechtmakers.model import AgreementMeta, Party, Representative

MetaKind = Literal["added", "removed", "changed"]

# Field of overeenkomst.yaml → (Dutch label, part of the binding text).
FIELDS: dict[str, tuple[str, bool]] = {
    "titel": ("Titel", True),
    "versie": ("Versie", False),
    "status": ("Status", False),
    "datum": ("Datum", False),
    "penvoerder": ("Penvoerder", True),
    "kompas": ("Kompas", True),
    "overwegingen": ("Overwegingen", True),
}


@dataclass(frozen=True)
class MetaChange:
    """One change outside the articles.

    `field` is the Dutch key (titel, versie, …, partij, vertegenwoordigers, begrip); `subject`
    names the party or term it is about; `binding` says whether it touches the binding text
    (representatives, status, version and date are administration).
    """

    field: str
    kind: MetaKind
    label: str
    old: str | None
    new: str | None
    binding: bool
    subject: str | None = None
    edits: tuple[Edit, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"field": self.field, "kind": self.kind, "subject": self.subject,
                "label": self.label, "binding": self.binding, "old": self.old, "new": self.new,
                "edits": [edit.as_dict() for edit in self.edits]}


def metadata_changes(old: Agreement, new: Agreement) -> Iterator[MetaChange]:
    """Every difference in overeenkomst.yaml (but the article order), parties and terms."""
    if old.meta and new.meta:
        yield from _meta_fields(old.meta, new.meta)
    yield from _parties(old.parties, new.parties)
    yield from _terms(old, new)


def _meta_values(meta: AgreementMeta) -> dict[str, str]:
    return {
        "titel": meta.title, "versie": meta.version, "status": meta.status,
        "datum": dutch_date(meta.date), "penvoerder": meta.lead, "kompas": meta.compass,
        "overwegingen": "\n\n".join(meta.considerations),
    }


def _meta_fields(old: AgreementMeta, new: AgreementMeta) -> Iterator[MetaChange]:
    before, after = _meta_values(old), _meta_values(new)
    for key, (label, binding) in FIELDS.items():
        if before[key] == after[key]:
            continue
        edits = _text_edits(before[key], after[key]) if binding else ()
        yield MetaChange(key, "changed", label, before[key], after[key], binding, None, edits)


def _text_edits(old: str, new: str) -> tuple[Edit, ...]:
    if "\n\n" in old or "\n\n" in new:
        return tuple(line_edits([f"{p}\n" for p in paragraphs(old)],
                                [f"{p}\n" for p in paragraphs(new)]))
    return tuple(word_edits(old, new))


def _parties(old: tuple[Party, ...], new: tuple[Party, ...]) -> Iterator[MetaChange]:
    before = {party.id: party for party in old}
    after = {party.id: party for party in new}
    for party_id in [*before, *(p for p in after if p not in before)]:
        was, now = before.get(party_id), after.get(party_id)
        if was is None and now is not None:
            yield MetaChange("partij", "added", f"Partij {now.name}", None, party_line(now),
                             True, party_id)
        elif now is None and was is not None:
            yield MetaChange("partij", "removed", f"Partij {was.name}", party_line(was), None,
                             True, party_id)
        elif was is not None and now is not None:
            yield from _party_changed(was, now)


def _party_changed(was: Party, now: Party) -> Iterator[MetaChange]:
    if party_line(was) != party_line(now):
        yield MetaChange("partij", "changed", f"Partij {now.name}", party_line(was),
                         party_line(now), True, now.id,
                         tuple(word_edits(party_line(was), party_line(now))))
    if was.representatives != now.representatives:
        old_text, new_text = _people(was.representatives), _people(now.representatives)
        yield MetaChange("vertegenwoordigers", "changed", f"Vertegenwoordigers van {now.name}",
                         old_text, new_text, False, now.id, tuple(word_edits(old_text, new_text)))


def _people(people: tuple[Representative, ...]) -> str:
    return "; ".join(f"{p.name}, {p.function} ({p.email})"
                     + (f", sleutel …{p.key[-8:]}" if p.key else "") for p in people)


def _terms(old: Agreement, new: Agreement) -> Iterator[MetaChange]:
    before = {term.term: term.meaning for term in old.terms}
    after = {term.term: term.meaning for term in new.terms}
    for term in [*before, *(t for t in after if t not in before)]:
        was, now = before.get(term), after.get(term)
        label = f"Begrip “{term}”"
        if was is None:
            yield MetaChange("begrip", "added", label, None, now, True, term)
        elif now is None:
            yield MetaChange("begrip", "removed", label, was, None, True, term)
        elif was != now:
            yield MetaChange("begrip", "changed", label, was, now, True, term,
                             tuple(word_edits(was, now)))

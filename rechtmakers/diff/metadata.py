"""Changes outside the articles: the agreement's own fields, its parties and its terms."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.diff.binding import ORDER_KEY, changed_leaves, meta_keys_changed
from rechtmakers.diff.hidden import value_notes
from rechtmakers.diff.text import paragraphs, party_line
from rechtmakers.diff.words import Edit, line_edits, word_edits
from rechtmakers.digest import canonical_party, normalize_text, readable_meta
from rechtmakers.document.canonical import markdown_form, readable_markdown
from rechtmakers.document.labels import authority, long_date
from rechtmakers.model import AgreementMeta, Party, Representative, Term

MetaKind = Literal["added", "removed", "changed"]

# Field of overeenkomst.yaml → Dutch label. Whether a change binds is not listed here: it binds
# when it changes the digest (diff.binding), so only the status is administration.
FIELDS: dict[str, str] = {
    "id": "Kenmerk",
    "titel": "Titel",
    "versie": "Versie",
    "status": "Status",
    "datum": "Datum",
    "penvoerder": "Penvoerder",
    "kompas": "Kompas",
    "overwegingen": "Overwegingen",
    "afspraakzin": "Afspraakzin",
}
# Reported by diff.annexes (issue 13), when they bind: see compare._binds.
_ELSEWHERE = {"ingangsdatum", "einddatum", "bijlagen"}
_TEXT_FIELDS = ("titel", "kompas", "overwegingen", "afspraakzin")


@dataclass(frozen=True)
class MetaChange:
    """One change outside the articles.

    `field` is the Dutch key (titel, versie, …, partij, vertegenwoordigers, begrip); `subject`
    names the party or term it is about; `binding` says whether it touches the binding text
    (exactly when it changes the digest: representatives and status are administration);
    `notes` name what the words do not show (a link's target, emphasis, a kind of space).
    """

    field: str
    kind: MetaKind
    label: str
    old: str | None
    new: str | None
    binding: bool
    subject: str | None = None
    edits: tuple[Edit, ...] = ()
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"field": self.field, "kind": self.kind, "subject": self.subject,
                "label": self.label, "binding": self.binding, "old": self.old, "new": self.new,
                "edits": [edit.as_dict() for edit in self.edits], "notes": list(self.notes)}


def metadata_changes(old: CompleteAgreement | None, new: CompleteAgreement | None
                     ) -> Iterator[MetaChange]:
    """Every difference in overeenkomst.yaml (but the article order), parties and terms; a
    version that is None (the agreement absent there) has none of them."""
    if old is not None and new is not None:
        yield from _meta_fields(old.meta, new.meta)
    yield from _parties(old.parties if old else (), new.parties if new else ())
    yield from _terms(old.terms if old else (), new.terms if new else ())


def _meta_values(meta: AgreementMeta) -> dict[str, str]:
    return {
        "id": meta.id, "titel": _nfc(meta.title), "versie": meta.version, "status": meta.status,
        "datum": long_date(meta.date),
        "penvoerder": meta.lead, "kompas": _nfc(meta.compass),
        "overwegingen": _nfc("\n\n".join(meta.considerations)),
        "afspraakzin": _nfc(meta.operative or ""),
    }


def _meta_fields(old: AgreementMeta, new: AgreementMeta) -> Iterator[MetaChange]:
    binding = set(meta_keys_changed(old, new))
    before, after = _meta_values(old), _meta_values(new)
    canonical_old, canonical_new = readable_meta(old), readable_meta(new)
    for key, label in FIELDS.items():
        if key == "status":
            if old.status != new.status:
                yield MetaChange(key, "changed", label, old.status, new.status, False)
            continue
        if key not in binding:
            continue  # the same binding value, perhaps spelled otherwise (NFD, wrapping)
        edits = _text_edits(before[key], after[key]) if key in _TEXT_FIELDS else ()
        shown = paragraphs(before[key]) != paragraphs(after[key])  # the words diff shows
        notes = tuple(note for path, was, now in changed_leaves(canonical_old.get(key),
                                                                 canonical_new.get(key))
                      if was is not None and now is not None
                      for note in value_notes(label.lower(), was, now, shown)) \
            if key in _TEXT_FIELDS else ()
        if before[key] == after[key] and not notes:
            notes = tuple(value_notes(label.lower(), canonical_old.get(key),
                                      canonical_new.get(key)))
        kind: MetaKind = "added" if not before[key] else "removed" if not after[key] \
            else "changed"
        yield MetaChange(key, kind, label, before[key] or None, after[key] or None, True, None,
                         edits, notes)
    for key in sorted(binding - set(FIELDS) - {ORDER_KEY} - _ELSEWHERE):
        yield MetaChange(key, "changed", key, str(canonical_old.get(key)),
                         str(canonical_new.get(key)), True)
    if old.articles != new.articles and tuple(dict.fromkeys(old.articles)) == tuple(
            dict.fromkeys(new.articles)):
        yield MetaChange(ORDER_KEY, "changed", "Artikelen (lijst)", ", ".join(old.articles),
                         ", ".join(new.articles), True)


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


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
            yield MetaChange("partij", "added", f"Partij {now.name}", None, legal_line(now),
                             True, party_id)
        elif now is None and was is not None:
            yield MetaChange("partij", "removed", f"Partij {was.name}", legal_line(was), None,
                             True, party_id)
        elif was is not None and now is not None:
            yield from _party_changed(was, now)
    common_old = [p for p in before if p in after]
    common_new = [p for p in after if p in before]
    if common_old != common_new:
        yield MetaChange("partijen", "changed", "Volgorde van de partijen", ", ".join(common_old),
                         ", ".join(common_new), True)


def legal_line(party: Party) -> str:
    """The party as the digest knows it: name, kind and the legal person."""
    parts = [party_line(party)]
    parts += [value for value in (party.legal_form, f"KvK {party.kvk}" if party.kvk else None,
                                  party.seat, party.address) if value]
    return ", ".join(parts)


_WHO = ("id", "naam", "soort")  # the rest of the legal person: diff.annexes (rechtspersoon)


def party_notes(was: Party, now: Party, keys: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The binding changes of a party (its keys, or all) that its words do not show."""
    old_canonical, new_canonical = canonical_party(was), canonical_party(now)
    return tuple(note for path, a, b in changed_leaves(old_canonical, new_canonical)
                 if a is not None and b is not None and (keys is None or path[0] in keys)
                 for note in value_notes(_PARTY_LABELS.get(str(path[0]), str(path[0])), a, b))


def _party_changed(was: Party, now: Party) -> Iterator[MetaChange]:
    old_canonical, new_canonical = canonical_party(was), canonical_party(now)
    if any(old_canonical.get(key) != new_canonical.get(key) for key in _WHO):
        old_line, new_line = party_line(was), party_line(now)
        notes = party_notes(was, now, _WHO)
        if old_line != new_line:
            notes = tuple(n for n in notes if not n.startswith("schrijfwijze"))
        yield MetaChange("partij", "changed", f"Partij {now.name}", old_line, new_line, True,
                         now.id, tuple(word_edits(_nfc(old_line), _nfc(new_line))), notes)
    if was.representatives != now.representatives:
        old_text, new_text = _people(was.representatives), _people(now.representatives)
        yield MetaChange("vertegenwoordigers", "changed", f"Vertegenwoordigers van {now.name}",
                         old_text, new_text, False, now.id, tuple(word_edits(old_text, new_text)))


_PARTY_LABELS = {"id": "kenmerk", "naam": "naam", "soort": "soort", "rechtsvorm": "rechtsvorm",
                 "kvk": "KvK-nummer", "vestigingsplaats": "vestigingsplaats", "adres": "adres"}


def _people(people: tuple[Representative, ...]) -> str:
    return "; ".join(f"{p.name}, {p.function} ({p.email})"
                     + (f", {authority(p)}" if authority(p) else "")
                     + (f", sleutel …{p.key[-8:]}" if p.key else "") for p in people)


def _terms(old: Sequence[Term], new: Sequence[Term]) -> Iterator[MetaChange]:
    before = {normalize_text(term.term): term.meaning for term in old}
    after = {normalize_text(term.term): term.meaning for term in new}
    for term in [*before, *(t for t in after if t not in before)]:
        was, now = before.get(term), after.get(term)
        label = f"Begrip “{term}”"
        if was is None:
            yield MetaChange("begrip", "added", label, None, now, True, term)
        elif now is None:
            yield MetaChange("begrip", "removed", label, was, None, True, term)
        elif markdown_form(was) != markdown_form(now):  # as the digest takes it (form 2)
            notes = tuple(value_notes("de betekenis", readable_markdown(was),
                                      readable_markdown(now),
                                      paragraphs(_nfc(was)) != paragraphs(_nfc(now))))
            yield MetaChange("begrip", "changed", label, was, now, True, term,
                             tuple(word_edits(_nfc(was), _nfc(now))), notes)
    common_old = [t for t in before if t in after]
    common_new = [t for t in after if t in before]
    if common_old != common_new:
        yield MetaChange("begrippen", "changed", "Volgorde van de begrippen",
                         ", ".join(common_old), ", ".join(common_new), True)

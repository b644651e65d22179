"""Binding changes outside the articles that came with issue 13: annexes, the legal details of the
parties (rechtsvorm, KvK-nummer, vestigingsplaats, adres) and the dates the agreement runs.

They are reported as metadata changes, so that every view shows them: a Markdown annex with a
word redline, any other file as "gewijzigd" with its old and new SHA-256.
"""

from __future__ import annotations

from collections.abc import Iterator

from rechtmakers.agreement import AnnexContent, CompleteAgreement
from rechtmakers.diff.metadata import MetaChange, MetaKind
from rechtmakers.diff.text import paragraphs
from rechtmakers.diff.words import line_edits, word_edits
from rechtmakers.document.labels import long_date
from rechtmakers.model import Annex, Party


def extra_changes(old: CompleteAgreement, new: CompleteAgreement) -> Iterator[MetaChange]:
    """Dates, the parties' legal details and the annexes, in that order."""
    yield from date_changes(old, new)
    yield from legal_changes(old, new)
    yield from annex_changes(old, new)


def date_changes(old: CompleteAgreement, new: CompleteAgreement) -> Iterator[MetaChange]:
    for key, label, was, now in (
            ("ingangsdatum", "Ingangsdatum", old.meta.effective, new.meta.effective),
            ("einddatum", "Einddatum", old.meta.until, new.meta.until)):
        if was == now:
            continue
        kind: MetaKind = "added" if was is None else "removed" if now is None else "changed"
        yield MetaChange(key, kind, label, long_date(was) if was else None,
                         long_date(now) if now else None, True)


def legal_line(party: Party) -> str:
    """"stichting, gevestigd te Almere (KvK 99990002), Stationsplein 1": who the party is."""
    parts: list[str] = [party.legal_form or ""]
    if party.seat:
        parts.append(f"gevestigd te {party.seat}")
    if party.kvk:
        parts.append(f"KvK {party.kvk}")
    if party.address:
        parts.append(f"adres {party.address}")
    return ", ".join(p for p in parts if p)


def legal_changes(old: CompleteAgreement, new: CompleteAgreement) -> Iterator[MetaChange]:
    """A party that stays, with other legal details (added and removed parties show them all)."""
    before = old.party_map
    for party in new.parties:
        was = before.get(party.id)
        if was is None:
            continue
        old_line, new_line = legal_line(was), legal_line(party)
        if old_line != new_line:
            yield MetaChange("rechtspersoon", "changed", f"Rechtspersoon {party.name}",
                             old_line or None, new_line or None, True, party.id,
                             tuple(word_edits(old_line, new_line)))


def annex_changes(old: CompleteAgreement, new: CompleteAgreement) -> Iterator[MetaChange]:
    """Every annex added, removed, renamed or with other content, in the new order."""
    before = {annex.id: annex for annex in old.annexes}
    after = {annex.id: annex for annex in new.annexes}
    for annex_id in [*after, *(a for a in before if a not in after)]:
        was, now = before.get(annex_id), after.get(annex_id)
        if now is not None and was is None:
            yield MetaChange("bijlage", "added", _label(new, now), None, _pinned(new, now), True,
                             annex_id)
        elif was is not None and now is None:
            yield MetaChange("bijlage", "removed", _label(old, was), _pinned(old, was), None,
                             True, annex_id)
        elif was is not None and now is not None:
            yield from _annex_changed(old, was, new, now)


def _annex_changed(old: CompleteAgreement, was: Annex, new: CompleteAgreement, now: Annex
                   ) -> Iterator[MetaChange]:
    if was.title != now.title or was.file != now.file:
        yield MetaChange("bijlage", "changed", _label(new, now), f"{was.title} ({was.file})",
                         f"{now.title} ({now.file})", True, now.id,
                         tuple(word_edits(f"{was.title} ({was.file})",
                                          f"{now.title} ({now.file})")))
    before, after = old.annex_content(was), new.annex_content(now)
    if before is None or after is None or before.binding_sha256 == after.binding_sha256:
        return
    if before.text is not None and after.text is not None:
        old_lines = [f"{p}\n" for p in paragraphs(before.text)]
        new_lines = [f"{p}\n" for p in paragraphs(after.text)]
        yield MetaChange("bijlage", "changed", _label(new, now), before.text, after.text, True,
                         now.id, tuple(line_edits(old_lines, new_lines)))
    else:
        yield MetaChange("bijlage", "changed", _label(new, now), _sha(before), _sha(after),
                         True, now.id)


def _label(agreement: CompleteAgreement, annex: Annex) -> str:
    number = agreement.annex_numbers.get(annex.id)
    return f"Bijlage {number} – {annex.title}" if number else f"Bijlage {annex.title}"


def _pinned(agreement: CompleteAgreement, annex: Annex) -> str:
    content = agreement.annex_content(annex)
    return f"{annex.file} ({_sha(content)})" if content else annex.file


def _sha(content: AnnexContent) -> str:
    return f"SHA-256 {content.sha256}"

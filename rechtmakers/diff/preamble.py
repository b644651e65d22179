"""The part of the document before the articles, compared: title, compass, preamble, parties."""

from __future__ import annotations

from dataclasses import dataclass

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.diff.text import party_line, plain_line, resolver
from rechtmakers.diff.words import Edit, line_edits, word_edits


@dataclass(frozen=True)
class Preamble:
    """Word edits of each part before the articles; every text ends in a newline per line."""

    title: tuple[Edit, ...]
    compass: tuple[Edit, ...]
    considerations: tuple[Edit, ...]
    parties: tuple[Edit, ...]
    terms: tuple[Edit, ...]


def compare_preamble(old: CompleteAgreement | None, new: CompleteAgreement | None) -> Preamble:
    before, after = _parts(old), _parts(new)
    return Preamble(
        title=tuple(word_edits(before["title"][0], after["title"][0])),
        compass=tuple(word_edits(before["compass"][0], after["compass"][0])),
        considerations=tuple(line_edits(before["considerations"], after["considerations"])),
        parties=tuple(line_edits(before["parties"], after["parties"])),
        terms=tuple(line_edits(before["terms"], after["terms"])),
    )


def _parts(agreement: CompleteAgreement | None) -> dict[str, list[str]]:
    """The preamble's lines; for an absent version (None), empty ones."""
    if agreement is None:
        return {"title": [""], "compass": [""], "considerations": [], "parties": [],
                "terms": []}
    say = resolver(agreement)
    meta = agreement.meta
    return {
        "title": [plain_line(meta.title)],
        "compass": [plain_line(say(meta.compass))],
        "considerations": [plain_line(say(text)) for text in meta.considerations],
        "parties": [plain_line(party_line(party)) for party in agreement.parties],
        "terms": [plain_line(f"{term.term}: {say(term.meaning)}") for term in agreement.terms],
    }

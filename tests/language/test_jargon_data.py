"""The shipped jargon list: every row parses, and it covers the shared list and contract phrases."""

from __future__ import annotations

from rechtmakers.language.guards import GUARDS
from rechtmakers.language.jargon import KINDS, base_entries, load_lexicon, parse_pattern


def test_every_row_parses() -> None:
    entries = base_entries()
    assert len(entries) >= 150
    for entry, patterns in entries:
        assert entry.kind in KINDS and entry.plain, entry
        assert not entry.guard or entry.guard in GUARDS
        for pattern in patterns:
            parse_pattern(pattern)


def test_contract_phrases_are_listed() -> None:
    names = {entry.jargon for entry, _ in base_entries()}
    for phrase in ["hierna te noemen", "voormeld", "ondergetekenden", "ondergetekende",
                   "onderhavig", "voornoemd", "dienen … te", "ten behoeve van"]:
        assert phrase in names


def test_anchor_is_the_rare_word() -> None:
    assert parse_pattern("in het kader van").anchor == (0, 2)
    assert parse_pattern("doen/doet … toekomen").anchor == (1, 0)
    assert "kader" in load_lexicon().anchors and "in" not in load_lexicon().anchors

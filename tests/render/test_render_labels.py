"""Every value the source format allows has its word in a document: the label maps hold each
value of the model's literal, and nothing else (a document looks a value up, no fallback)."""

from __future__ import annotations

from typing import get_args

import pytest

from rechtmakers.document import labels
from rechtmakers.vocabulary import DecisionMethod, PartyKind, Status


@pytest.mark.parametrize(("words", "values"), [
    (labels.STATUS, Status), (labels.PARTY_KINDS, PartyKind),
    (labels.DECISION_METHODS, DecisionMethod)])
def test_every_value_has_its_word(words: dict[str, str], values: object) -> None:
    assert sorted(words) == sorted(get_args(values))
    assert all(word and word == word.strip() for word in words.values())


def test_the_words_a_reader_sees_where_they_differ_from_the_value() -> None:
    assert labels.PARTY_KINDS["publieke-gezondheid"] == "publieke gezondheid"
    assert labels.DECISION_METHODS["meerderheid"] == "meerderheid van stemmen"
    assert labels.STATUS["ter-ondertekening"] == "Ter ondertekening"

"""Readability of the reference sentences of PLAIN_LANGUAGE.md with our own syllable counts."""

from __future__ import annotations

import pytest

from rechtmakers.language import Counts, readability

# PLAIN_LANGUAGE.md: textstat gives 70.48 for sentence 1; "with correct counts the scores
# become about 17.7, 18.4 and 82.1 for sentences 2–4". Tolerance: 0.5 point.
REFERENCES = [
    ("Wij werken samen aan een nieuw project. Iedere partij betaalt haar eigen kosten.",
     70.5, 69.2),
    ("Onverminderd het bepaalde in artikel 3 zijn partijen gehouden zich jegens elkaar te "
     "onthouden van handelingen die de uitvoering van deze overeenkomst kunnen belemmeren.",
     17.7, None),
    ("Indien een der partijen tekortschiet in de nakoming van haar verplichtingen, is de "
     "wederpartij gerechtigd deze overeenkomst met onmiddellijke ingang te ontbinden.",
     18.4, None),
    ("De gemeente en de stichting werken samen. Zij maken afspraken over geld, tijd en taken. "
     "Elk jaar kijken zij of de afspraken nog goed zijn.", 82.1, None),
]


@pytest.mark.parametrize(("text", "douma", "leesindex"), REFERENCES)
def test_reference_scores(text: str, douma: float, leesindex: float | None) -> None:
    total = readability([text]).total
    assert total.flesch_douma == pytest.approx(douma, abs=0.5)
    if leesindex is not None:
        assert total.leesindex_a == pytest.approx(leesindex, abs=0.5)


def test_counts_of_sentence_two() -> None:
    assert readability([REFERENCES[1][0]]).total == Counts(sentences=1, words=24, syllables=52)


def test_bands() -> None:
    assert readability([REFERENCES[0][0]]).total.douma_band == "tamelijk gemakkelijk"
    assert readability([REFERENCES[2][0]]).total.douma_band == "zeer moeilijk"
    assert readability([REFERENCES[3][0]]).total.leesindex_band == "gemakkelijk"


def test_aggregate_weighs_every_sentence() -> None:
    scores = readability([REFERENCES[0][0], REFERENCES[3][0]])
    assert [c.sentences for c in scores.per_text] == [2, 3]
    assert scores.total == scores.per_text[0] + scores.per_text[1]


def test_references_are_one_short_word() -> None:
    total = readability(["Zie [[besluitvorming.consent]] en @de-schoor."]).total
    assert (total.words, total.syllables) == (4, 4)


def test_empty_text() -> None:
    total = readability([""]).total
    assert (total.sentences, total.flesch_douma) == (0, 0.0)

"""Readability scores: Flesch-Douma and Leesindex A, per text and over a set of texts.

No Dutch formula has a validated cut-off for B1: the bands are guidance, never a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rechtmakers.language.analysis import analyse

_DOUMA_BANDS = ((90, "zeer gemakkelijk"), (80, "gemakkelijk"), (70, "tamelijk gemakkelijk"),
                (60, "normaal"), (45, "tamelijk moeilijk"), (30, "moeilijk"),
                (float("-inf"), "zeer moeilijk"))
_LEESINDEX_BANDS = ((75, "gemakkelijk"), (50, "normaal"), (30, "tamelijk moeilijk"),
                    (float("-inf"), "moeilijk"))


@dataclass(frozen=True)
class Counts:
    """Sentences, words and syllables of a text, and the scores they give."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.sentences + other.sentences, self.words + other.words,
                      self.syllables + other.syllables)

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def flesch_douma(self) -> float:
        """206.835 − 77 · syllables per word − 0.93 · words per sentence."""
        if not self.words:
            return 0.0
        return 206.835 - 77 * self.syllables_per_word - 0.93 * self.words_per_sentence

    @property
    def leesindex_a(self) -> float:
        """Brouwer's Leesindex A: 195 − 66.7 · syllables per word − 2 · words per sentence."""
        if not self.words:
            return 0.0
        return 195 - 66.7 * self.syllables_per_word - 2 * self.words_per_sentence

    @property
    def douma_band(self) -> str:
        """The Dutch label of the Flesch-Douma score, such as "normaal"."""
        return _band(self.flesch_douma, _DOUMA_BANDS)

    @property
    def leesindex_band(self) -> str:
        """The Dutch label of the Leesindex A score."""
        return _band(self.leesindex_a, _LEESINDEX_BANDS)


def _band(score: float, bands: tuple[tuple[float, str], ...]) -> str:
    return next(label for floor, label in bands if score >= floor)


@dataclass(frozen=True)
class Scores:
    """The counts of each text, in order, and of all of them together."""

    per_text: tuple[Counts, ...]
    total: Counts


def count_text(text: str) -> Counts:
    """Sentences, words and syllables of one clause text."""
    analysis = analyse(text)
    return Counts(analysis.sentence_count, sum(analysis.word_counts), sum(analysis.syllables))


def readability(texts: Iterable[str]) -> Scores:
    """Scores per text and over all texts (the total weighs every sentence equally)."""
    per_text = tuple(count_text(text) for text in texts)
    return Scores(per_text, sum(per_text, Counts()))

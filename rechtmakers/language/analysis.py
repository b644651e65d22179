"""One pass over a clause text: tokens, syllables, per-token features and sentences.

Speed matters here (1,000 articles in a fraction of a second), so the work per token is done
by C-level built-ins: ``str.split``, ``map`` over caches that remember every token seen, and
``itertools``. Python code runs per sentence and only where a feature asks a rule to look.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import or_, sub

from rechtmakers.language.jargon import load_lexicon
from rechtmakers.language.passive import AUXILIARIES, is_participle
from rechtmakers.language.syllables import count_syllables
from rechtmakers.language.text import (
    Offsets,
    Sentence,
    ends_sentence,
    is_reference,
    mark_blocks,
    normalise,
    tokenize,
)

# Feature bits of a token that send its sentence to a rule.
AUXILIARY = 1  # a form of worden or zijn
PARTICIPLE = 2  # looks like a past participle
NEGATION = 4  # niet, geen, niemand, nooit, niets, nergens
ANCHOR = 8  # the anchor word of a jargon pattern of the shipped list
NEGATIONS = frozenset({"niet", "geen", "niemand", "nooit", "niets", "nergens"})
_CLOSING_RE = re.compile(r"[.!?…]+")
_PUNCTUATION = ".,;:!?*_()\"“”‘’«»<>…€#-–—\x01'"


class _Words(dict[str, str]):
    """Token → normalised word."""

    def __missing__(self, token: str) -> str:
        value = self[token] = normalise(token)
        return value


class _Syllables(dict[str, int]):
    """Token → syllables: 0 for markup, 1 for numbers and references."""

    def __missing__(self, token: str) -> int:
        word = WORDS[token]
        if not word:
            value = 0
        elif is_reference(word) or not word[0].isalpha():
            value = 1
        else:
            value = count_syllables(token.strip(_PUNCTUATION))
        self[token] = value
        return value


class _Ends(dict[str, bool]):
    """Token → does it close its sentence?"""

    def __missing__(self, token: str) -> bool:
        value = self[token] = ends_sentence(token)
        return value


class _Features(dict[str, int]):
    """Token → feature bits (0 for most tokens)."""

    def __missing__(self, token: str) -> int:
        word = WORDS[token]
        bits = AUXILIARY if word in AUXILIARIES else 0
        if is_participle(word):
            bits |= PARTICIPLE
        if word in NEGATIONS:
            bits |= NEGATION
        if word in load_lexicon().anchors:
            bits |= ANCHOR
        self[token] = bits
        return bits


WORDS = _Words()
SYLLABLES = _Syllables()
ENDS = _Ends()
FEATURES = _Features()


class _Separated(dict[str, bool]):
    """Token → does a , ; or : follow its word?"""

    def __missing__(self, token: str) -> bool:
        value = self[token] = token.rstrip("\"'”’)]*_\x01").endswith((",", ";", ":"))
        return value


SEPARATED = _Separated()


@dataclass
class Analysis:
    """A clause text cut into tokens and sentences; offsets are found when asked for.

    Sentence k holds tokens[stops[k - 1]:stops[k]] (from 0 for the first) and has
    word_counts[k] words; a sentence without words does not count.
    """

    text: str
    marked: str
    tokens: list[str]
    syllables: list[int]
    stops: list[int]
    word_counts: list[int]
    hot: list[int]  # indices of the tokens with feature bits
    hot_bits: int  # the feature bits of all those tokens together
    _offsets: Offsets | None = field(default=None, init=False, repr=False)
    _hot_sentences: dict[int, int] | None = field(default=None, init=False, repr=False)

    @property
    def offsets(self) -> Offsets:
        if self._offsets is None:
            self._offsets = Offsets(self.marked)
        return self._offsets

    @property
    def sentence_count(self) -> int:
        return len(self.word_counts) - self.word_counts.count(0)

    def sentence(self, index: int) -> Sentence:
        """Sentence index as a range of token indices."""
        return Sentence(self.stops[index - 1] if index else 0, self.stops[index])

    def sentence_of(self, token: int) -> int:
        """The index of the sentence that holds a token."""
        return bisect_right(self.stops, token)

    def words(self, sentence: Sentence) -> list[str]:
        """The normalised words of a sentence, markup tokens included as ""."""
        return list(map(WORDS.__getitem__, self.tokens[sentence.first:sentence.stop]))

    def separated(self, sentence: Sentence) -> list[bool]:
        """For each token of the sentence: does a , ; or : follow it?"""
        return list(map(SEPARATED.__getitem__, self.tokens[sentence.first:sentence.stop]))

    def sentences_with(self, bits: int) -> list[int]:
        """Indices of the sentences that have tokens with all these feature bits between them."""
        if self._hot_sentences is None:
            self._hot_sentences = {}
            tokens, stops = self.tokens, self.stops
            for index in self.hot:
                sentence = bisect_right(stops, index)
                self._hot_sentences[sentence] = (self._hot_sentences.get(sentence, 0)
                                                 | FEATURES[tokens[index]])
        return [index for index, found in self._hot_sentences.items() if found & bits == bits]

    def sentence_span(self, index: int) -> tuple[int, int]:
        """Character offsets of a sentence: first word to last, closing punctuation included."""
        sentence = self.sentence(index)
        words = [i for i in range(sentence.first, sentence.stop) if self.syllables[i]]
        start, end = self.span(words[0], words[-1])
        token_end = self.offsets.token(words[-1])[1]
        closing = _CLOSING_RE.match(self.text, end, token_end)
        return start, closing.end() if closing else end

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets from the word of token first to the word of token last."""
        return self.offsets.word(first)[0], self.offsets.word(last)[1]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of a clause text that have words."""
    analysis = analyse(text)
    return [analysis.sentence_span(index) for index, count in enumerate(analysis.word_counts)
            if count]


@functools.lru_cache(maxsize=4096)
def analyse(text: str) -> Analysis:
    """Tokens, syllables, features and sentences of one clause text (cached per text)."""
    marked = mark_blocks(text)
    tokens = tokenize(text, marked)
    count = len(tokens)
    syllables = list(map(SYLLABLES.__getitem__, tokens))
    stops = list(compress(range(1, count + 1), map(ENDS.__getitem__, tokens)))
    if not stops or stops[-1] != count:
        stops.append(count)
    hot = list(compress(range(count), map(FEATURES.__getitem__, tokens)))
    hot_bits = functools.reduce(or_, (FEATURES[tokens[index]] for index in hot), 0)
    return Analysis(text, marked, tokens, syllables, stops, _word_counts(syllables, stops), hot,
                    hot_bits)


def _word_counts(syllables: list[int], stops: list[int]) -> list[int]:
    """Words per sentence: its tokens, less markup tokens (which have no syllables)."""
    if 0 not in syllables:
        return list(map(sub, stops, [0, *stops[:-1]]))
    before = list(accumulate(map(bool, syllables), initial=0))
    starts = [0, *stops[:-1]]
    return [before[stop] - before[start] for start, stop in zip(starts, stops, strict=True)]

"""The plain-language rules T001–T007: pure functions from a clause text to findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rechtmakers.language.analysis import (
    ANCHOR,
    AUXILIARY,
    NEGATION,
    PARTICIPLE,
    WORDS,
    Analysis,
    analyse,
)
from rechtmakers.language.config import LanguageConfig
from rechtmakers.language.jargon import Lexicon, Match, load_lexicon, plain_words
from rechtmakers.language.passive import passive_pairs
from rechtmakers.language.text import Sentence, is_reference

RULES: dict[str, str] = {
    "T001": "Ambtelijke taal: schrijf het gewone woord.",
    "T002": "Een juridisch begrip staat in begrippen uitgelegd.",
    "T003": "Een zin heeft niet meer dan 20 woorden.",
    "T004": "Schrijf actief: zeg wie iets doet.",
    "T005": "Geen dubbele ontkenning.",
    "T006": "Geen lange woorden: splits ze of schrijf ze anders.",
    "T007": "Elk begrip uit begrippen wordt in een artikel gebruikt.",
}
_DEFAULT_CONFIG = LanguageConfig()
_SECOND_NEGATIONS = frozenset({"geen", "niemand", "nooit", "niets", "nergens"})
_SOFTENERS = frozenset({"geheel", "helemaal", "volledig", "erg", "zo", "echt", "heel"})
_NOT_NEGATED_ON = ("ont", "onder", "ons", "onze", "onmiddellijk", "ongeveer", "onlangs",
                   "onderling", "onderweg", "ontzettend")


@dataclass(frozen=True, slots=True)
class LanguageFinding:
    """A rule code, a span of the clause text (character offsets) and a Dutch message."""

    code: str
    start: int
    end: int
    message: str


@dataclass(frozen=True)
class _Context:
    analysis: Analysis
    config: LanguageConfig
    defined: frozenset[str]
    lexicon: Lexicon


Rule = Callable[[_Context], Iterator[LanguageFinding]]


def check_text(text: str, *, defined_terms: frozenset[str] = frozenset(),
               config: LanguageConfig | None = None) -> list[LanguageFinding]:
    """All findings of the enabled rules T001–T006 for one clause text, in text order."""
    config = config or _DEFAULT_CONFIG
    lexicon = load_lexicon(tuple(sorted(config.extra_jargon.items())) if config.extra_jargon
                           else ())
    defined = frozenset(term.lower() for term in defined_terms) if defined_terms else frozenset()
    analysis = analyse(text)
    ctx = _Context(analysis, config, defined, lexicon)
    findings: list[LanguageFinding] = []
    for rule, needs in _TEXT_RULES:
        if needs(ctx):
            findings.extend(rule(ctx))
    if config.disabled or config.severity:
        findings = [finding for finding in findings if config.enabled(finding.code)]
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def _quote(ctx: _Context, first: int, last: int) -> str:
    start, end = ctx.analysis.span(first, last)
    return " ".join(ctx.analysis.text[start:end].split())


def jargon(ctx: _Context) -> Iterator[LanguageFinding]:
    """T001 and T002: words from the jargon list, and legal terms that begrippen lacks."""
    if not (ctx.config.enabled("T001") or ctx.config.enabled("T002")):
        return
    analysis = ctx.analysis
    for index in sorted(_jargon_sentences(ctx)):
        sentence = analysis.sentence(index)
        words = analysis.words(sentence)
        for match in ctx.lexicon.find(words, analysis.separated(sentence)):
            finding = _jargon_finding(ctx, sentence, match)
            if finding:
                yield finding


def _jargon_sentences(ctx: _Context) -> Iterable[int]:
    sentences = set(ctx.analysis.sentences_with(ANCHOR))
    extra = ctx.lexicon.extra_anchors
    if extra:
        for position, token in enumerate(ctx.analysis.tokens):
            if WORDS[token] in extra:
                sentences.add(ctx.analysis.sentence_of(position))
    return sentences


def _jargon_finding(ctx: _Context, sentence: Sentence, match: Match) -> LanguageFinding | None:
    entry = match.entry
    first, last = sentence.first + match.indices[0], sentence.first + match.indices[-1]
    found = _quote(ctx, first, last) if match.contiguous else entry.jargon
    if found.lower() in ctx.config.allowed_words:
        return None
    start, end = ctx.analysis.span(first, last)
    if entry.kind == "T":
        forms = ctx.lexicon.forms[entry] | {found.lower()}
        if not forms.isdisjoint(ctx.defined):
            return None
        return LanguageFinding("T002", start, end, f'"{found}" is een juridisch begrip; leg dit '
                               f"uit in begrippen (in gewone woorden: {plain_words(entry.plain)})")
    if entry.kind == "S":
        return LanguageFinding("T001", start, end, f'"{found}" is een vaste formule; schrijf '
                               f"liever {' of '.join(entry.plain)}")
    return LanguageFinding("T001", start, end, f'"{found}" is ambtelijke taal; schrijf liever '
                           f"{plain_words(entry.plain)}")


def long_sentences(ctx: _Context) -> Iterator[LanguageFinding]:
    """T003: sentences with more words than the configured maximum (20)."""
    limit = ctx.config.max_sentence_words
    analysis = ctx.analysis
    if max(analysis.word_counts, default=0) <= limit:
        return
    for index, count in enumerate(analysis.word_counts):
        if count > limit:
            start, end = analysis.sentence_span(index)
            yield LanguageFinding("T003", start, end, f"Deze zin heeft {count} woorden; houd "
                                  f"zinnen korter dan {limit + 1} woorden en knip hem op")


def passive_voice(ctx: _Context) -> Iterator[LanguageFinding]:
    """T004: a form of worden or zijn with a past participle in one clause."""
    analysis = ctx.analysis
    for index in sorted(analysis.sentences_with(AUXILIARY | PARTICIPLE)):
        sentence = analysis.sentence(index)
        words = analysis.words(sentence)
        for aux, part in passive_pairs(words, analysis.separated(sentence)):
            first, last = sorted((sentence.first + aux, sentence.first + part))
            start, end = analysis.span(first, last)
            phrase = f"{words[aux]} … {words[part]}" if last - first > 1 else (
                f"{words[first - sentence.first]} {words[last - sentence.first]}")
            yield LanguageFinding("T004", start, end, f'"{phrase}" is lijdende vorm; zeg wie het '
                                  'doet (bijvoorbeeld "de stuurgroep besluit" in plaats van '
                                  '"er wordt besloten")')


def double_negation(ctx: _Context) -> Iterator[LanguageFinding]:
    """T005: niet … geen / niemand / nooit / niets / nergens, niet zonder, and niet on- +
    adjective."""
    analysis = ctx.analysis
    for index in sorted(analysis.sentences_with(NEGATION)):
        sentence = analysis.sentence(index)
        words = analysis.words(sentence)
        pair = _negation_pair(words, analysis.separated(sentence))
        if pair:
            first, last = sentence.first + pair[0], sentence.first + pair[1]
            start, end = analysis.span(first, last)
            yield LanguageFinding("T005", start, end, f'Dubbele ontkenning: '
                                  f'"{_quote(ctx, first, last)}"; zeg het positief')


def _negation_pair(words: list[str], separated: list[bool]) -> tuple[int, int] | None:
    """The first "niet" with a second negation in the same clause, or with an on- word."""
    for index, word in enumerate(words):
        if word != "niet":
            continue
        after = index + 1
        while after < len(words) and words[after] in _SOFTENERS:
            after += 1
        if after < len(words) and (words[after] == "zonder"
                                   or _negated_adjective(words[after])):
            return index, after  # "niet zonder toestemming": alleen met toestemming
        partner = _partner(words, separated, index)
        if partner is not None:
            return min(index, partner), max(index, partner)
    return None


def _negated_adjective(word: str) -> bool:
    return word.startswith("on") and len(word) > 6 and not word.startswith(_NOT_NEGATED_ON)


def _partner(words: list[str], separated: list[bool], index: int) -> int | None:
    """Another negation in the clause of words[index] (clauses end at , ; :)."""
    start = index
    while start > 0 and not separated[start - 1]:
        start -= 1
    stop = index
    while stop < len(words) - 1 and not separated[stop]:
        stop += 1
    return next((i for i in range(start, stop + 1) if words[i] in _SECOND_NEGATIONS), None)


def long_words(ctx: _Context) -> Iterator[LanguageFinding]:
    """T006: words of more syllables than the maximum (6), unless allowed."""
    analysis = ctx.analysis
    limit = ctx.config.max_word_syllables
    if max(analysis.syllables, default=0) <= limit:
        return
    for index, count in enumerate(analysis.syllables):
        word = WORDS[analysis.tokens[index]] if count > limit else ""
        if word and not is_reference(word) and not ctx.config.allows(word):
            start, end = analysis.offsets.word(index)
            yield LanguageFinding("T006", start, end, f'"{analysis.text[start:end]}" is een lang '
                                  f"woord ({count} lettergrepen); splits het of schrijf het in "
                                  "meer woorden")


# Each rule with a cheap test of whether the text can hold a finding of it at all.
_TEXT_RULES: tuple[tuple[Rule, Callable[[_Context], bool]], ...] = (
    (jargon, lambda ctx: bool(ctx.analysis.hot_bits & ANCHOR or ctx.lexicon.extra_anchors)),
    (long_sentences,
     lambda ctx: max(ctx.analysis.word_counts, default=0) > ctx.config.max_sentence_words),
    (passive_voice, lambda ctx: ctx.analysis.hot_bits & (AUXILIARY | PARTICIPLE)
     == AUXILIARY | PARTICIPLE),
    (double_negation, lambda ctx: bool(ctx.analysis.hot_bits & NEGATION)),
    (long_words, lambda ctx: max(ctx.analysis.syllables, default=0)
     > ctx.config.max_word_syllables),
)


def unused_terms(terms: Iterable[str], texts: Iterable[str]) -> list[str]:
    """T007: the terms of begrippen that no text uses (an inflection such as -en counts)."""
    terms = list(terms)
    analyses = [analyse(text) for text in texts]
    vocabulary: set[str] = set()
    for analysis in analyses:
        vocabulary.update(map(WORDS.__getitem__, analysis.tokens))
    pending = [term for term in terms if not _word_used(term, vocabulary)]
    if pending:
        everything = " " + " ".join(" ".join(map(WORDS.__getitem__, analysis.tokens))
                                    for analysis in analyses) + " "
        pending = [term for term in pending if not _phrase_used(term, everything)]
    return pending


_INFLECTIONS = ("", "s", "en", "n", "e", "'s", "’s", "es", "er", "ën")


def _word_used(term: str, vocabulary: set[str]) -> bool:
    words = term.lower().split()
    if len(words) != 1:
        return not words  # an empty term is never reported; a phrase is looked up later
    return any(words[0] + ending in vocabulary for ending in _INFLECTIONS)


def _phrase_used(term: str, everything: str) -> bool:
    phrase = " " + " ".join(term.lower().split())
    return any(phrase + ending + " " in everything for ending in _INFLECTIONS)

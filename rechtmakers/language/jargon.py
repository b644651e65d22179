"""The jargon list and its lookup: words and word n-grams found through one rare anchor word.

Each row of ``rechtmakers/data/jargon.csv`` has a ``patterns`` column: patterns separated by
``;``, a pattern being words separated by spaces, ``a/b/c`` for alternatives (inflected forms)
and ``…`` for a gap of up to 20 words in the same sentence (``dient … te``). The ``context``
column names a guard in :mod:`rechtmakers.language.guards` that must accept the match.

Matching never runs a regular expression per entry: every pattern is filed under its rarest
word (its *anchor*, "kader" for "in het kader van"), so a sentence is only looked at where one
of its words is an anchor, and the rest of the pattern is compared word by word around it.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from rechtmakers.language.guards import GUARDS
from rechtmakers.language.text import normalise

GAP = "…"
MAX_GAP = 20
KINDS = {"F": "ambtelijke taal", "S": "vaste formule", "T": "juridisch begrip"}
# Frequent words make poor anchors: they would send almost every sentence to the matcher.
_COMMON = frozenset(
    "de het een en in op met van te ten ter voor aan door bij om of dan als zo tot naar uit "
    "over na per is zijn er dat die deze dit wel niet ook nog al wat hier ander andere komen "
    "doen gaan staan geven maken hebben heeft worden wordt kan kunnen moet moeten zal zullen "
    "mag mogen wil willen".split()
)

Segment = tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Entry:
    """One row of the list: the jargon, the plain alternatives, its kind and when it counts."""

    jargon: str
    plain: tuple[str, ...]
    kind: str
    sources: str
    guard: str = ""

    def names(self) -> frozenset[str]:
        """Lower-case words by which a definition in begrippen covers this entry."""
        return frozenset({self.jargon.lower()})


@dataclass(frozen=True)
class Pattern:
    """Contiguous segments separated by gaps, and where the anchor is: (segment, element)."""

    segments: tuple[Segment, ...]
    anchor: tuple[int, int]

    @property
    def size(self) -> int:
        """The number of words the pattern matches (gaps not counted)."""
        return sum(len(segment) for segment in self.segments)


@dataclass(frozen=True)
class Match:
    """An entry found at these token indices of a sentence (gaps not included)."""

    entry: Entry
    indices: tuple[int, ...]

    @property
    def contiguous(self) -> bool:
        return self.indices[-1] - self.indices[0] == len(self.indices) - 1


class Lexicon:
    """Entries filed by anchor word."""

    def __init__(self, entries: Iterable[tuple[Entry, Sequence[str]]],
                 base: Lexicon | None = None) -> None:
        self.by_anchor: dict[str, list[tuple[Pattern, Entry]]] = {}
        self.forms: dict[Entry, frozenset[str]] = {}
        for entry, patterns in entries:
            compiled = [parse_pattern(text) for text in patterns]
            self.forms[entry] = entry.names() | _single_words(compiled)
            for pattern in compiled:
                segment, element = pattern.anchor
                for word in pattern.segments[segment][element]:
                    self.by_anchor.setdefault(word, []).append((pattern, entry))
        for candidates in self.by_anchor.values():
            candidates.sort(key=lambda item: -item[0].size)
        self.anchors = frozenset(self.by_anchor)
        # Anchors that the shipped list lacks: the analysis does not mark these words.
        self.extra_anchors = self.anchors - base.anchors if base else frozenset()

    def find(self, words: Sequence[str], separated: Sequence[bool]) -> list[Match]:
        """Non-overlapping matches in one sentence of normalised words, longest first."""
        found: list[Match] = []
        for position, word in enumerate(words):
            for pattern, entry in self.by_anchor.get(word, ()):
                indices = _match_at(pattern, words, separated, position)
                if indices and (not entry.guard or GUARDS[entry.guard](words, separated,
                                                                      indices)):
                    found.append(Match(entry, indices))
        return _without_overlap(found)


def _single_words(patterns: list[Pattern]) -> frozenset[str]:
    return frozenset(word for pattern in patterns if pattern.size == 1
                     for word in pattern.segments[0][0])


def parse_pattern(text: str) -> Pattern:
    """Parse "dien/dient … te" into segments of alternatives, and choose the anchor."""
    segments: list[list[frozenset[str]]] = [[]]
    for part in text.split():
        if part in (GAP, "..."):
            segments.append([])
        else:
            segments[-1].append(frozenset(normalise(alt) for alt in part.split("/")))
    if any(not segment for segment in segments):
        raise ValueError(f"Ongeldig jargonpatroon: {text!r}")
    places = [(s, e) for s, segment in enumerate(segments) for e in range(len(segment))]
    anchor = max(places, key=lambda place: _rarity(segments[place[0]][place[1]]))
    return Pattern(tuple(tuple(segment) for segment in segments), anchor)


def _rarity(alternatives: frozenset[str]) -> tuple[bool, int]:
    return (not (alternatives & _COMMON), min(len(word) for word in alternatives))


def _match_at(pattern: Pattern, words: Sequence[str], separated: Sequence[bool],
              position: int) -> tuple[int, ...]:
    """Token indices of the pattern around its anchor at position, or () when it fails."""
    anchor_segment, element = pattern.anchor
    segments = pattern.segments
    start = position - element
    if start < 0 or not _segment_at(segments[anchor_segment], words, separated, start):
        return ()
    indices = list(range(start, start + len(segments[anchor_segment])))
    for segment in reversed(segments[:anchor_segment]):
        end = indices[0] - len(segment)
        tries = range(end, max(-1, end - MAX_GAP - 1), -1)
        found = next((i for i in tries if _segment_at(segment, words, separated, i)), -1)
        if found < 0:
            return ()
        indices[:0] = range(found, found + len(segment))
    for segment in segments[anchor_segment + 1:]:
        begin = indices[-1] + 1
        tries = range(begin, min(len(words) - len(segment), begin + MAX_GAP) + 1)
        found = next((i for i in tries if _segment_at(segment, words, separated, i)), -1)
        if found < 0:
            return ()
        indices.extend(range(found, found + len(segment)))
    return tuple(indices)


def _segment_at(segment: Segment, words: Sequence[str], separated: Sequence[bool],
                start: int) -> bool:
    """The segment's words stand at start, with no , ; or : between them."""
    if start + len(segment) > len(words):
        return False
    for offset, alternatives in enumerate(segment):
        if words[start + offset] not in alternatives:
            return False
        if offset < len(segment) - 1 and separated[start + offset]:
            return False
    return True


def _without_overlap(matches: list[Match]) -> list[Match]:
    taken: set[int] = set()
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (-len(m.indices), m.indices[0])):
        if taken.isdisjoint(match.indices):
            kept.append(match)
            taken.update(match.indices)
    return sorted(kept, key=lambda m: m.indices[0])


def read_entries(text: str) -> list[tuple[Entry, list[str]]]:
    """Parse the CSV list: one (entry, patterns) per row."""
    rows: list[tuple[Entry, list[str]]] = []
    for row in csv.DictReader(io.StringIO(text)):
        guard = (row.get("context") or "").strip()
        if guard and guard not in GUARDS:
            raise ValueError(f"Onbekende context {guard!r} bij {row['jargon']!r}")
        plain = tuple(part.strip() for part in row["plain"].split(";") if part.strip())
        entry = Entry(row["jargon"].strip(), plain, row["kind"].strip(), row["sources"].strip(),
                      guard)
        patterns = [p.strip() for p in (row["patterns"] or row["jargon"]).split(";")]
        rows.append((entry, [p for p in patterns if p]))
    return rows


@functools.cache
def base_entries() -> tuple[tuple[Entry, tuple[str, ...]], ...]:
    """The entries of the list that ships with rechtmakers."""
    text = resources.files("rechtmakers").joinpath("data/jargon.csv").read_text("utf-8")
    return tuple((entry, tuple(patterns)) for entry, patterns in read_entries(text))


@functools.lru_cache(maxsize=16)
def load_lexicon(extra: tuple[tuple[str, str], ...] = ()) -> Lexicon:
    """The shipped list plus extra (jargon, plain) pairs from the configuration."""
    rows: list[tuple[Entry, Sequence[str]]] = list(base_entries())
    if not extra:
        return Lexicon(rows)
    for jargon, plain in extra:
        entry = Entry(jargon, tuple(p.strip() for p in plain.split(";")), "F", "configuratie")
        rows.append((entry, [jargon]))
    return Lexicon(rows, base=load_lexicon())


def plain_words(plain: Sequence[str]) -> str:
    """Quote the plain alternatives: "als"; "over" of "voor"; "dit", "deze" of "die"."""
    quoted = [f'"{word}"' for word in plain]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " of " + quoted[-1]

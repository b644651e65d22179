"""What the jurist points at and where else it stands: articles, leden, parties, terms, annexes.

A target is found under the cursor (a reference in a text, an `id:`, an entry of `artikelen:`,
`penvoerder:`, a `term:` or a defined term in a text); its occurrences are found through the
references each file keeps from reading, so only the places that name it are located in the
file's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rechtmakers.agreement import ARTICLES_DIR, META_FILE, PARTIES_FILE, TERMS_FILE
from rechtmakers.load import SourceFile, YamlPath
from rechtmakers.lsp.engine import Analysis
from rechtmakers.lsp.positions import Lines, lines_of
from rechtmakers.references import find_references


class Kind(StrEnum):
    """What a target is, with the Dutch word a message uses."""

    ARTICLE = "artikel"
    MEMBER = "lid"
    PARTY = "partij"
    TERM = "begrip"
    ANNEX = "bijlage"


@dataclass(frozen=True)
class Target:
    """An article, annex or party by its id, a member by article and id, a term by its words."""

    kind: Kind
    id: str
    article: str = ""  # for a member: the article it belongs to


@dataclass(frozen=True)
class Place:
    """Where a target's name stands in a file: character offsets of the name itself."""

    rel: str
    start: int
    end: int
    definition: bool = False


def article_or_annex(analysis: Analysis, name: str) -> Target:
    """[[name]] names an article, else an annex (articles and annexes share their ids)."""
    agreement = analysis.agreement
    if name in agreement.articles or name in agreement.article_files:
        return Target(Kind.ARTICLE, name)
    if any(annex.id == name for annex in agreement.annexes):
        return Target(Kind.ANNEX, name)
    return Target(Kind.ARTICLE, name)


def source_of(analysis: Analysis, rel: str) -> SourceFile | None:
    read = analysis.reads.get(rel)
    return read.source if read is not None else None


def value_range(source: SourceFile, ypath: YamlPath) -> tuple[int, int] | None:
    """The offsets of a scalar's text (inside its quotes), or None when it is not there."""
    raw = source.raw_spans.get(ypath)
    if raw is None:
        return None
    start, end, style = raw[0].index, raw[1].index, raw[2]
    if style in ('"', "'"):
        return start + 1, end - 1
    return start, end


def _scalar_at(source: SourceFile, offset: int) -> YamlPath | None:
    """The path of the scalar value whose text holds offset."""
    best: YamlPath | None = None
    for ypath, raw in source.raw_spans.items():
        if raw[0].index <= offset <= raw[1].index and not isinstance(_value(source, ypath),
                                                                      (dict, list)):
            if best is None or len(ypath) > len(best):
                best = ypath
    return best


def _value(source: SourceFile, ypath: YamlPath) -> Any:
    try:
        return source.value(ypath)
    except (KeyError, IndexError, TypeError):
        return None


def target_at(analysis: Analysis, rel: str, offset: int, *, whole: bool = False
              ) -> Target | None:
    """What stands at offset in file rel; with whole, a [[artikel.lid]] is the lid wherever
    the cursor stands in it (hover), else only on the lid's id (rename, navigation)."""
    source = source_of(analysis, rel)
    if source is None:
        return None
    lines = lines_of(source)
    position = lines.position(offset)
    line_start = lines.starts[position.line]
    line = lines.line(position.line)
    column = offset - line_start
    for ref in find_references(line):
        if ref.start <= column <= ref.end and ref.kind != "malformed":
            if ref.kind == "party":
                return Target(Kind.PARTY, ref.party)
            split = ref.start + 2 + len(ref.article)
            if ref.kind == "member" and (whole or column > split):
                return Target(Kind.MEMBER, ref.member, ref.article)
            return article_or_annex(analysis, ref.article)
    ypath = _scalar_at(source, offset)
    if ypath is not None:
        found = _structural(analysis, rel, ypath, _value(source, ypath))
        if found is not None:
            return found
    return _term_at(analysis, line, column)


def _structural(analysis: Analysis, rel: str, ypath: YamlPath, value: Any) -> Target | None:
    if not isinstance(value, str):
        return None
    if rel.startswith(f"{ARTICLES_DIR}/"):
        stem = rel[len(ARTICLES_DIR) + 1:-5]
        if ypath == ("id",):
            return Target(Kind.ARTICLE, value)
        if len(ypath) == 3 and ypath[0] == "leden" and ypath[2] == "id":
            return Target(Kind.MEMBER, value, stem)
    elif rel == META_FILE:
        if len(ypath) == 2 and ypath[0] == "artikelen":
            return Target(Kind.ARTICLE, value)
        if len(ypath) == 3 and ypath[0] == "bijlagen" and ypath[2] == "id":
            return article_or_annex(analysis, value)
        if ypath == ("penvoerder",):
            return Target(Kind.PARTY, value)
    elif rel == PARTIES_FILE and len(ypath) == 3 and ypath[2] == "id":
        return Target(Kind.PARTY, value)
    elif rel == TERMS_FILE and len(ypath) == 3 and ypath[2] == "term":
        return Target(Kind.TERM, value)
    return None


def term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w@-]){re.escape(term)}(?![\w-])", re.IGNORECASE)


def _term_at(analysis: Analysis, line: str, column: int) -> Target | None:
    for term in analysis.agreement.terms:
        for match in term_pattern(term.term).finditer(line):
            if match.start() <= column <= match.end():
                return Target(Kind.TERM, term.term)
    return None


def definition(analysis: Analysis, target: Target) -> Place | None:
    """Where target is defined."""
    agreement = analysis.agreement
    if target.kind is Kind.ARTICLE:
        rel = agreement.article_file(target.id)
        return _place(analysis, rel, ("id",), True) or (
            Place(rel, 0, 0, True) if rel in analysis.reads else None)
    if target.kind is Kind.MEMBER:
        article = agreement.articles.get(target.article)
        index = next((i for i, m in enumerate(article.members) if m.id == target.id),
                     None) if article else None
        if index is None:
            return None
        return _place(analysis, agreement.article_file(target.article),
                      ("leden", index, "id"), True)
    if target.kind is Kind.PARTY:
        index = next((i for i, p in enumerate(agreement.parties) if p.id == target.id), None)
        return None if index is None else _place(analysis, PARTIES_FILE,
                                                  ("partijen", index, "id"), True)
    if target.kind is Kind.TERM:
        index = next((i for i, t in enumerate(agreement.terms)
                      if t.term.lower() == target.id.lower()), None)
        return None if index is None else _place(analysis, TERMS_FILE,
                                                  ("begrippen", index, "term"), True)
    index = next((i for i, a in enumerate(agreement.annexes) if a.id == target.id), None)
    return None if index is None else _place(analysis, META_FILE, ("bijlagen", index, "id"),
                                              True)


def _place(analysis: Analysis, rel: str, ypath: YamlPath, definition: bool = False
           ) -> Place | None:
    source = source_of(analysis, rel)
    found = value_range(source, ypath) if source is not None else None
    return Place(rel, found[0], found[1], definition) if found else None


def occurrences(analysis: Analysis, target: Target) -> list[Place]:
    """Every place that names target, its definition first."""
    places: list[Place] = []
    defined = definition(analysis, target)
    if defined is not None:
        places.append(defined)
    places.extend(_structural_uses(analysis, target))
    if target.kind is Kind.TERM:
        places.extend(_term_uses(analysis, target.id))
    else:
        places.extend(_reference_uses(analysis, target))
    return places


def _structural_uses(analysis: Analysis, target: Target) -> Iterator[Place]:
    meta = analysis.agreement.meta
    if meta is None:
        return
    if target.kind is Kind.ARTICLE:
        for i, article_id in enumerate(meta.articles):
            if article_id == target.id and (place := _place(analysis, META_FILE,
                                                            ("artikelen", i))):
                yield place
    elif target.kind is Kind.PARTY and meta.lead == target.id:
        if (place := _place(analysis, META_FILE, ("penvoerder",))) is not None:
            yield place


def _reference_uses(analysis: Analysis, target: Target) -> Iterator[Place]:
    kind = target.kind
    for read in analysis.reads.values():
        source = read.source
        if source is None or not read.refs:
            continue
        lines: Lines | None = None
        for rel, ypath, ref in read.refs:
            if kind is Kind.PARTY:
                if ref.kind != "party" or ref.party != target.id:
                    continue
                skip, length = 1, len(ref.party)
            elif kind is Kind.MEMBER:
                if ref.kind != "member" or ref.member != target.id \
                        or ref.article != target.article:
                    continue
                skip, length = 3 + len(ref.article), len(ref.member)
            else:
                if ref.kind not in ("article", "member") or ref.article != target.id:
                    continue
                skip, length = 2, len(ref.article)
            if lines is None:
                lines = lines_of(source)
            location = source.offset_location(ypath, ref.start)
            start = lines.at(location.line, location.column) + skip
            yield Place(rel, start, start + length)


def _term_uses(analysis: Analysis, term: str) -> Iterator[Place]:
    """The term in every text of every file: clauses, meanings, explanations, blocks."""
    pattern = term_pattern(term)
    lower = term.lower()
    for rel, read in analysis.reads.items():
        source = read.source
        if source is None or lower not in source.text.lower():
            continue
        lines = lines_of(source)
        for ypath in list(source.raw_spans):
            text = _value(source, ypath)
            if not isinstance(text, str) or lower not in text.lower() \
                    or (rel == TERMS_FILE and ypath[-1:] == ("term",)):
                continue
            for match in pattern.finditer(text):
                if text[match.start() - 2: match.start()] == "[[":
                    continue
                location = source.offset_location(ypath, match.start())
                start = lines.at(location.line, location.column)
                if source.text[start:start + len(term)].lower() == lower:
                    yield Place(rel, start, start + len(term))

"""The comparison of a review's paragraphs with its base's, segment by segment (an article, a
lid), and the edits found mapped back to the source fields they came from."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from rechtmakers.agreement import ARTICLES_DIR, CompleteAgreement
from rechtmakers.diff.myers import alignment_opcodes
from rechtmakers.inlezen.base import Base
from rechtmakers.inlezen.mapping import FieldEdit, apply_edits, map_edits
from rechtmakers.inlezen.outcome import Change, CommentOut, Conflict, NotApplied, Outcome
from rechtmakers.inlezen.reader import Para, Review
from rechtmakers.render.docx_body import (
    SIGNING_BOOKMARK,
    FieldRef,
    Unit,
    article_bookmark,
    explanation_bookmark,
    member_bookmark,
)

# Paragraph comparisons (word sets) in one changed stretch before pairing by place: quadratic, so
# bounded; not an edit-script bound (those are in diff.myers).
MAX_PARAGRAPH_PAIRS = 10_000
_ARTICLE_HEADING = re.compile(r"Artikel (\d+)\s*[–-]")
_MEMBER_NUMBER = re.compile(r"(\d+)\.(\d+)\s")
GENERATED = ("de tekst is gegenereerd (een verwijzing, partijnaam, nummer, kop of de "
             "vingerafdruk); pas de bron zelf aan als dit de bedoeling is")

TWICE = ("dezelfde tekst is op twee plaatsen verschillend gewijzigd (de kop en de "
         "inhoudsopgave); kies zelf in de YAML")


def _distinct(edits: list[FieldEdit]) -> list[FieldEdit] | None:
    """The edits once each (a title shows in its heading and in the contents); None when two
    of them change the same words differently."""
    unique = sorted({(e.start, e.end, e.text): e for e in edits}.values(),
                    key=lambda e: (e.start, e.end))
    for first, second in zip(unique, unique[1:], strict=False):
        if second.start < first.end or (second.start == first.end == first.start):
            return None
    return unique


def _value(agreement: CompleteAgreement, ref: FieldRef) -> Any:
    source = agreement.sources.get(ref[0])
    node: Any = source.data if source else None
    for part in ref[1]:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def field_name(ref: FieldRef) -> str:
    """The field as a jurist names it: tekst, titel, conflictdialoog.stappen.1.tekst."""
    path = ref[1]
    if ref[0].startswith(f"{ARTICLES_DIR}/") and len(path) == 3 and path[0] == "leden":
        return str(path[2])
    name = ".".join(str(p) for p in path)
    return name if ref[0].startswith(f"{ARTICLES_DIR}/") else f"{ref[0]}: {name}"


class Reading:
    """One comparison of the returned paragraphs against the base's, segment by segment."""

    def __init__(self, review: Review, base: Base, working: CompleteAgreement,
                 outcome: Outcome) -> None:
        self.review = review
        self.base = base.agreement
        self.working = working
        self.outcome = outcome
        self.base_paras = base.paras
        self.units = base.units
        self.unit_of: dict[int, Unit] = {i: u for u in self.units for i in range(u.start, u.end)}
        self.places = self._places()
        self.by_number = self._numbers()
        self.edits: dict[FieldRef, list[FieldEdit]] = {}
        self.authors: dict[FieldRef, list[tuple[str, str]]] = {}

    def _places(self) -> dict[str, tuple[str | None, str | None]]:
        """Bookmark → (article id, lid id) for every anchor of the base."""
        places: dict[str, tuple[str | None, str | None]] = {SIGNING_BOOKMARK: (None, None)}
        for article_id in self.base.order:
            places[article_bookmark(article_id)] = (article_id, None)
            places[explanation_bookmark(article_id)] = (article_id, None)
            for member in self.base.articles[article_id].members:
                places[member_bookmark(article_id, member.id)] = (article_id, member.id)
        for para in self.base_paras:
            for name in para.bookmarks:
                places.setdefault(name, (None, None))
        return places

    def _numbers(self) -> dict[str, str]:
        """"3" → the bookmark of article 3, "3.2" → that of lid 3.2: the fallback anchors."""
        found = {}
        for article_id, number in self.base.numbers.items():
            found[str(number)] = article_bookmark(article_id)
            for i, member in enumerate(self.base.articles[article_id].members, start=1):
                found[f"{number}.{i}"] = member_bookmark(article_id, member.id)
        return found

    def _segments(self, paras: Sequence[Para], fallback: bool,
                  allowed: set[str] | None = None) -> dict[str, list[int]]:
        """Paragraph indices per anchor ("" before the first), by bookmark or by number.

        With allowed, only those anchors start a segment: the base is cut where the review
        still has anchors, so a bookmark lost in editing merges two segments on both sides.
        """
        present = {name for para in paras for name in para.bookmarks if name in self.places}
        segments: dict[str, list[int]] = {"": []}
        current = ""
        for i, para in enumerate(paras):
            name = next((b for b in reversed(para.bookmarks) if b in self.places
                         and (allowed is None or b in allowed)), None)
            if name is None and fallback and not para.contents:
                name = self._by_number(para.text, present)
            if name is not None and name not in segments:
                current = name
                segments[name] = []
            segments[current].append(i)
        return segments

    def _by_number(self, text: str, present: set[str]) -> str | None:
        if text == "Ondertekening" and SIGNING_BOOKMARK not in present:
            return SIGNING_BOOKMARK
        match = _ARTICLE_HEADING.match(text) or _MEMBER_NUMBER.match(text)
        if match is None:
            return None
        number = ".".join(g for g in match.groups() if g)
        name = self.by_number.get(number)
        return name if name is not None and name not in present else None

    def run(self) -> None:
        review = self.review
        returned_segments = self._segments(review.paras, True)
        base_segments = self._segments(self.base_paras, False, set(returned_segments))
        for name, base_indices in base_segments.items():
            returned = returned_segments.get(name, [])
            self._compare(base_indices, [review.paras[j] for j in returned])
        self._fields()
        segment_of = {j: name for name, js in returned_segments.items() for j in js}
        for comment in review.comments:
            article, member = self.places.get(segment_of.get(comment.para, ""), (None, None))
            self.outcome.comments.append(CommentOut(article, member, comment.author,
                                                    comment.date, comment.quote, comment.text))
        people = {a for para in review.paras for a, _ in para.authors}
        people.update(c.author for c in review.comments if c.author)
        self.outcome.reviewers = sorted(people)

    def _compare(self, base_indices: list[int], returned: list[Para]) -> None:
        base_texts = [self.base_paras[i].text for i in base_indices]
        returned_texts = [p.text for p in returned]
        if base_texts == returned_texts:
            return
        stand_in: dict[int, list[Para]] = {i: [] for i in base_indices}
        ops = alignment_opcodes(base_texts, returned_texts)
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal" or (i2 - i1 == j2 - j1):
                for k in range(i2 - i1):
                    stand_in[base_indices[i1 + k]].append(returned[j1 + k])
                continue
            for k, target in self._pair(base_indices[i1:i2], returned[j1:j2],
                                        base_indices[i1 - 1] if i1 else None,
                                        base_indices[i1] if i1 < len(base_indices) else None):
                stand_in.setdefault(target, []).append(returned[j1 + k])
        seen: set[int] = set()
        for index in base_indices:
            unit = self.unit_of.get(index)
            if unit is None:
                self._generated(index, stand_in.get(index, []))
            elif unit.start not in seen:
                seen.add(unit.start)
                self._unit(unit, [p for i in range(unit.start, unit.end)
                                  for p in stand_in.get(i, [])])

    def _pair(self, bases: list[int], paras: list[Para], previous: int | None,
              following: int | None) -> Iterator[tuple[int, int]]:
        """Returned paragraphs of a changed stretch, each to the base paragraph it most
        resembles (in order); new ones go with the paragraph before them."""
        if len(bases) * len(paras) > MAX_PARAGRAPH_PAIRS:  # a rewritten stretch: pair by place
            fallback = previous if previous is not None else following
            for k in range(len(paras)):
                target = bases[min(k, len(bases) - 1)] if bases else fallback
                if target is not None:
                    yield k, target
            return
        words = [set(self.base_paras[i].text.split()) for i in bases]
        position = 0
        last = previous if previous is not None else (bases[0] if bases else following)
        for k, para in enumerate(paras):
            mine = set(para.text.split())
            best, best_score = None, 0.3
            for n in range(position, len(bases)):
                union = words[n] | mine
                score = len(words[n] & mine) / len(union) if union else 1.0
                if score > best_score:
                    best, best_score = n, score
            if best is not None:
                position = best + 1
                last = bases[best]
                yield k, last
            elif last is not None:
                yield k, last

    def _generated(self, index: int, now: list[Para]) -> None:
        before = self.base_paras[index].text
        after = "\n\n".join(p.text for p in now)
        if before == after:
            return
        article, member = self._place_of(index)
        author = next((a for p in now for a, _ in p.authors), None)
        self.outcome.not_applied.append(NotApplied(article, member, None, before, after,
                                                   GENERATED, author))

    def _place_of(self, index: int) -> tuple[str | None, str | None]:
        for i in range(index, -1, -1):
            name = next((b for b in reversed(self.base_paras[i].bookmarks)
                         if b in self.places), None)
            if name is not None:
                return self.places[name]
        return None, None

    def _unit(self, unit: Unit, now: list[Para]) -> None:
        rendered = "\n\n".join(self.base_paras[i].text for i in range(unit.start, unit.end))
        if rendered == "\n\n".join(p.text for p in now):
            return
        now = self._without_new_members(unit, now)
        returned = "\n\n".join(p.text for p in now)
        authors = [a for p in now for a in p.authors]
        author = authors[0][0] if authors else None
        if not returned.strip():
            what = "het lid" if unit.member else "deze tekst"
            self.outcome.not_applied.append(NotApplied(
                unit.article, unit.member, None, rendered, "",
                f"{what} staat niet meer in de review; verwijder het zelf in de YAML als dat "
                "de bedoeling is", author))
            return
        values = {part: value for part in unit.parts if not isinstance(part, str)
                  and isinstance(value := _value(self.base, part), str)}
        edits, refused = map_edits(rendered, returned, unit.parts, values)
        for edit in edits:
            self.edits.setdefault(edit.field, []).append(edit)
            self.authors.setdefault(edit.field, []).extend(authors)
        shown = next((field_name(p) for p in unit.parts if not isinstance(p, str)), None)
        self.outcome.not_applied.extend(
            NotApplied(unit.article, unit.member, shown, item.before, item.after, GENERATED,
                       author) for item in refused)

    def _without_new_members(self, unit: Unit, now: list[Para]) -> list[Para]:
        """A lid's paragraphs without the new leden typed after it (reported: not applied)."""
        new_members = [p.text for p in now[1:] if _MEMBER_NUMBER.match(p.text)]
        if not (new_members and unit.member):
            return now
        self.outcome.not_applied.append(NotApplied(
            unit.article, unit.member, None, "", "\n\n".join(new_members),
            "een nieuw lid of artikel voegt u zelf toe in de YAML (met een eigen id)"))
        return [p for p in now if p is now[0] or not _MEMBER_NUMBER.match(p.text)]

    def _fields(self) -> None:
        for ref, found in self.edits.items():
            before = _value(self.base, ref)
            if not isinstance(before, str):
                continue
            edits = _distinct(found)
            if edits is None:  # a title edited in two ways (its heading and the contents)
                article, member = self._owner(ref)
                self.outcome.not_applied.append(NotApplied(
                    article, member, field_name(ref), before,
                    " / ".join(e.after for e in found), TWICE))
                continue
            after = apply_edits(before, edits)
            if after == before:
                continue
            article, member = self._owner(ref)
            authors = self.authors.get(ref, [])
            author = authors[0][0] if authors else None
            date = max((d for _, d in authors if d), default=None)
            working_ref = self._working_ref(ref, member)
            working = _value(self.working, working_ref) if working_ref else None
            name = field_name(ref)
            if working != before:
                self.outcome.conflicts.append(Conflict(
                    article, member, ref[0], name, before,
                    working if isinstance(working, str) else None, after))
                continue
            self.outcome.changes.append(Change(
                article, member, working_ref[0] if working_ref else ref[0], name, author, date,
                before, after, tuple((e.before, e.after) for e in edits)))
            if working_ref is not None:
                self.outcome.pending.append((working_ref, after))

    def _owner(self, ref: FieldRef) -> tuple[str | None, str | None]:
        rel, path = ref
        if not rel.startswith(f"{ARTICLES_DIR}/"):
            return None, None
        article_id = rel[len(ARTICLES_DIR) + 1:].removesuffix(".yaml")
        article = self.base.articles.get(article_id)
        if article is not None and len(path) == 3 and path[0] == "leden" \
                and isinstance(path[1], int) and path[1] < len(article.members):
            return article_id, article.members[path[1]].id
        return article_id, None

    def _working_ref(self, ref: FieldRef, member: str | None) -> FieldRef | None:
        """The same field in the working tree: a lid is found by its id, not its place."""
        rel, path = ref
        if member is None or path[:1] != ("leden",):
            return ref
        article_id = rel[len(ARTICLES_DIR) + 1:].removesuffix(".yaml")
        article = self.working.articles.get(article_id)
        if article is None:
            return None
        for i, candidate in enumerate(article.members):
            if candidate.id == member:
                return rel, ("leden", i, *path[2:])
        return None

"""Read a partner's returned DOCX back into the agreement's YAML: find the base, the edits,
their source fields, and write only those fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from rechtmakers.agreement import (
    ARTICLES_DIR,
    META_FILE,
    PARTIES_FILE,
    TERMS_FILE,
    CompleteAgreement,
)
from rechtmakers.errors import UsageError, os_reason
from rechtmakers.inlezen.mapping import FieldEdit, apply_edits, edit_script, map_edits
from rechtmakers.inlezen.reader import Para, Review, read_body_xml, read_review
from rechtmakers.inlezen.splice import splice
from rechtmakers.load import YamlPath
from rechtmakers.render.docx_body import (
    SIGNING_BOOKMARK,
    BodyWriter,
    FieldRef,
    Unit,
    article_bookmark,
    explanation_bookmark,
    member_bookmark,
    write_document,
)
from rechtmakers.safe_write import check_target, write_file
from rechtmakers.versions import WORKING_TREE, Versions, working

MAX_PAIRS = 10_000  # paragraph comparisons in one changed stretch before pairing by place
_ARTICLE_HEADING = re.compile(r"Artikel (\d+)\s*[–-]")
_MEMBER_NUMBER = re.compile(r"(\d+)\.(\d+)\s")
GENERATED = ("de tekst is gegenereerd (een verwijzing, partijnaam, nummer, kop of de "
             "vingerafdruk); pas de bron zelf aan als dit de bedoeling is")


@dataclass(frozen=True)
class Change:
    article: str | None
    member: str | None
    file: str
    field: str
    author: str | None
    date: str | None
    before: str
    after: str
    edits: tuple[tuple[str, str], ...]  # (rendered words before, after) per edit


@dataclass(frozen=True)
class NotApplied:
    article: str | None
    member: str | None
    field: str | None
    before: str
    after: str
    reason: str
    author: str | None = None


@dataclass(frozen=True)
class Conflict:
    article: str | None
    member: str | None
    file: str
    field: str
    base: str
    working: str | None
    review: str


@dataclass(frozen=True)
class CommentOut:
    article: str | None
    member: str | None
    author: str
    date: str
    quote: str
    text: str


@dataclass
class Outcome:
    agreement: str
    version: str
    digest: str
    base: str  # "werkmap" or the commit
    reviewers: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    comments: list[CommentOut] = field(default_factory=list)
    not_applied: list[NotApplied] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # validation errors after writing
    dry_run: bool = False
    pending: list[tuple[FieldRef, str]] = field(default_factory=list, repr=False)

    @property
    def exit_code(self) -> int:
        return 1 if self.conflicts or self.not_applied or self.problems else 0


def read_back(docx: Path, path: Path | None, cwd: Path, *, dry_run: bool = False) -> Outcome:
    """Read the review in docx into the agreement at path (or found from cwd)."""
    try:
        data = docx.read_bytes()
    except OSError as exc:
        raise UsageError(f"{docx} is niet te lezen ({os_reason(exc)}).") from None
    review = read_review(data, str(docx))
    digest = review.digest
    if digest is None:
        raise UsageError(f"{docx} is niet door rechtmakers gemaakt: de vingerafdruk (digest) "
                         "ontbreekt in de documenteigenschappen. Lees alleen een DOCX in die "
                         "met rechtmakers render --format docx is gemaakt.")
    root = _agreement_root(path, cwd, review.properties.get("keywords", ""))
    current = working(root)
    base, label = _find_base(root, current, digest, docx)
    outcome = Outcome(base.meta.id, base.meta.version, digest, label, dry_run=dry_run)
    _Reading(review, base, current, outcome).run()
    if not dry_run:
        _write(root, current, outcome)
    return outcome


def _agreement_root(path: Path | None, cwd: Path, agreement_id: str) -> Path:
    from rechtmakers.validate import find_agreements

    roots = [cwd / p if not p.is_absolute() else p
             for p in find_agreements([path] if path else [], cwd=cwd)]
    if len(roots) == 1:
        return roots[0]
    named = [r for r in roots if r.name == agreement_id]
    if len(named) == 1:
        return named[0]
    raise UsageError(f"Er zijn meerdere overeenkomsten en geen heet {agreement_id or '?'}. "
                     "Geef het pad van de overeenkomst: rechtmakers inlezen REVIEW.docx "
                     "agreements/mijn-overeenkomst")


def _find_base(root: Path, current: CompleteAgreement, digest: str, docx: Path
               ) -> tuple[CompleteAgreement, str]:
    """The version whose digest the DOCX carries: the working tree, or a commit."""
    from rechtmakers.digest import content_digest

    if content_digest(current) == digest:
        return current, WORKING_TREE
    unknown = UsageError(f"{docx} is gemaakt van een versie die hier niet bekend is "
                         f"(vingerafdruk {digest[:12]}): niet de werkmap en geen commit in de "
                         "git-geschiedenis van deze overeenkomst.")
    try:
        versions = Versions.open(root)
        found = versions.with_digest(digest)
    except UsageError:
        raise unknown from None
    versions.save()
    if found is None:
        raise unknown
    return found.agreement, found.commit


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


def _counter() -> Callable[[bool, int, int], int]:
    count = iter(range(1, 1 << 30))
    return lambda ordered, start, level: next(count)


class _Reading:
    """One comparison of the returned paragraphs against the base's, segment by segment."""

    def __init__(self, review: Review, base: CompleteAgreement, working: CompleteAgreement,
                 outcome: Outcome) -> None:
        from rechtmakers.document.build import build_document

        self.review = review
        self.base = base
        self.working = working
        self.outcome = outcome
        explanations = review.properties.get("category") == "editie met toelichting"
        document = build_document(base, outcome.digest, explanations=explanations)
        writer = BodyWriter(lambda style: style, _counter(), lambda href: "rId1")
        self.base_paras = read_body_xml(write_document(writer, document))
        self.units = writer.units
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
            if name is None and fallback:
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
        ops = edit_script(base_texts, returned_texts)
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
        if len(bases) * len(paras) > MAX_PAIRS:  # a rewritten stretch: pair by place
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
        returned = "\n\n".join(p.text for p in now)
        if rendered == returned:
            return
        values = {part: value for part in unit.parts if not isinstance(part, str)
                  and isinstance(value := _value(self.base, part), str)}
        new_members = [p.text for p in now[1:] if _MEMBER_NUMBER.match(p.text)]
        if new_members and unit.member:
            self.outcome.not_applied.append(NotApplied(
                unit.article, unit.member, None, "", "\n\n".join(new_members),
                "een nieuw lid of artikel voegt u zelf toe in de YAML (met een eigen id)"))
            now = [p for p in now if p is now[0] or not _MEMBER_NUMBER.match(p.text)]
            returned = "\n\n".join(p.text for p in now)
        authors = [a for p in now for a in p.authors]
        if not returned.strip():
            what = "het lid" if unit.member else "deze tekst"
            self.outcome.not_applied.append(NotApplied(
                unit.article, unit.member, None, rendered, "",
                f"{what} staat niet meer in de review; verwijder het zelf in de YAML als dat "
                "de bedoeling is", authors[0][0] if authors else None))
            return
        edits, refused = map_edits(rendered, returned, unit.parts, values)
        for edit in edits:
            self.edits.setdefault(edit.field, []).append(edit)
            self.authors.setdefault(edit.field, []).extend(authors)
        author = authors[0][0] if authors else None
        shown = next((field_name(p) for p in unit.parts if not isinstance(p, str)), None)
        for item in refused:
            self.outcome.not_applied.append(NotApplied(unit.article, unit.member, shown,
                                                       item.before, item.after, GENERATED,
                                                       author))

    def _fields(self) -> None:
        for ref, edits in self.edits.items():
            before = _value(self.base, ref)
            if not isinstance(before, str):
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


def _write(root: Path, working: CompleteAgreement, outcome: Outcome) -> None:
    """Splice the changed fields into the working tree's files, check, write, validate."""
    if not outcome.pending:
        return
    by_file: dict[str, list[tuple[YamlPath, str]]] = {}
    for (rel, ypath), value in outcome.pending:
        by_file.setdefault(rel, []).append((ypath, value))
    new_texts: dict[str, str] = {}
    for rel, fields in by_file.items():
        source = working.sources[rel]
        text = source.text
        spans = sorted(((source.span(ypath), value) for ypath, value in fields
                        if ypath in source.raw_spans), key=lambda s: s[0].start, reverse=True)
        for span, value in spans:
            text = splice(text, span, value)
        new_texts[rel] = text
    fresh = [problem for rel, text in new_texts.items()
             for problem in _file_problems(root, rel, text, working)]
    if fresh:
        outcome.problems.extend(fresh)
        outcome.problems.append("Niets geschreven: de nieuwe tekst zou de overeenkomst "
                                "onleesbaar maken.")
        return
    for rel in new_texts:
        check_target(root / rel, below=root, source=True)  # every file before writing one
    for rel, text in sorted(new_texts.items()):
        write_file(root / rel, text.encode("utf-8"), below=root, source=True)
        outcome.written.append(rel)
    _validate(root, outcome)


def _file_problems(root: Path, rel: str, text: str, working: CompleteAgreement) -> list[str]:
    """What reading the new text of one file would refuse, when the old text read well."""
    from pydantic import ValidationError

    from rechtmakers.load import LoadRefusal, read_yaml_bytes
    from rechtmakers.model import AgreementMeta, Article, PartiesFile, TermsFile
    from rechtmakers.schema_errors import translate

    models: dict[str, type[BaseModel]] = {META_FILE: AgreementMeta, PARTIES_FILE: PartiesFile,
                                          TERMS_FILE: TermsFile}
    model = models.get(rel, Article)
    path = root / rel
    try:
        source = read_yaml_bytes(text.encode("utf-8"), path)
    except LoadRefusal as refusal:
        return [f"{path}:{refusal.line}:{refusal.column}: {refusal.message}"]
    try:
        model.model_validate(source.data)
    except ValidationError as exc:
        old = working.sources.get(rel)
        try:
            if old is not None:
                model.model_validate(old.data)
        except ValidationError:
            return []  # it was refused before too: not our doing
        return [f"{problem.location}: {problem.message}"
                for _, problem in translate(exc, source, model)]
    return []


def _validate(root: Path, outcome: Outcome) -> None:
    """Validate what was written; only errors matter here, so rules that can only warn (the
    language rules, say) are skipped: they cost most of the time and change nothing."""
    from dataclasses import replace

    from rechtmakers.checks import RULES
    from rechtmakers.config import load_config
    from rechtmakers.findings import Severity
    from rechtmakers.signoff.probe import waiting_parties
    from rechtmakers.validate import validate_agreement

    config = load_config(root, rules=RULES)
    warnings = {code for code, rule in RULES.items()
                if config.severity_of(code, rule.severity) is Severity.WARNING}
    report = validate_agreement(root, replace(config, disabled=config.disabled | warnings),
                                signoffs=waiting_parties)
    for finding in report.errors:
        outcome.problems.append(f"{finding.location}: {finding.code} {finding.message}")

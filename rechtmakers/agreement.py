"""One agreement folder read into the model, with the problems found while reading it.

Two types, one gate between them:

- `Agreement`: as read, possibly partly (a file refused or off-schema leaves `meta` None or an
  article out); what `load_agreement` returns beside its problems, and what the checks receive.
- `CompleteAgreement`: every file read and fitting the schema, `meta` not optional; what
  everything after validation receives (digest, sign-off, review, diff, inlezen, seal).
- `gate(agreement, problems, label)` is the only way from the first to the second: it raises
  `IncompleteAgreement` (an AgreementError, exit 1) naming the first problem.
  `load_complete(root, files, label)` is load_agreement followed by the gate.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from rechtmakers.annex_files import (
    AnnexContent,
    AnnexIssue,
    annex_files,
    read_annexes,
)
from rechtmakers.errors import AgreementError
from rechtmakers.findings import Location, Problem
from rechtmakers.load import (
    LoadRefusal,
    SourceFile,
    YamlPath,
    link_refusal,
    read_yaml,
    read_yaml_bytes,
)
from rechtmakers.model import (
    AgreementMeta,
    Annex,
    Article,
    Member,
    PartiesFile,
    Party,
    Term,
    TermsFile,
)
from rechtmakers.references import Reference, find_references
from rechtmakers.schema_errors import translate
from rechtmakers.source_names import (
    ANNEXES_DIR,
    ARTICLES_DIR,
    META_FILE,
    PARTIES_FILE,
    SIGNOFFS_DIR,
    TERMS_FILE,
)

WORKING_TREE = "werkmap"  # how the working tree is named as a version, in messages and reports

CodedProblem = tuple[str, Problem]


@dataclass(frozen=True)
class Agreement:
    """An agreement as read: what validated, and the sources to point back into."""

    root: Path
    meta: AgreementMeta | None
    parties: tuple[Party, ...]
    terms: tuple[Term, ...]
    articles: Mapping[str, Article]
    sources: Mapping[str, SourceFile] = field(repr=False)
    article_files: frozenset[str] = frozenset()  # stems in artikelen/, read or refused
    annex_contents: Mapping[str, AnnexContent] = field(default_factory=dict, repr=False)
    annex_issues: tuple[AnnexIssue, ...] = ()
    annex_files: frozenset[str] = frozenset()  # every file under bijlagen/, listed or not
    # Files that exist but were refused or did not fit the schema: their errors are reported,
    # and rules that need every text stay silent rather than report what follows from them.
    unread: frozenset[str] = frozenset()

    @property
    def complete(self) -> bool:
        """Whether every file of the agreement was read and fits the schema."""
        return not self.unread

    @property
    def id(self) -> str:
        return self.meta.id if self.meta else self.root.name

    @cached_property
    def order(self) -> tuple[str, ...]:
        """Article ids in the order that gives their numbers: as listed, existing, once each."""
        listed = self.meta.articles if self.meta else tuple(sorted(self.articles))
        return tuple(dict.fromkeys(a for a in listed if a in self.articles))

    @cached_property
    def numbers(self) -> dict[str, int]:
        """Article id → its number (1-based)."""
        return {article_id: i for i, article_id in enumerate(self.order, start=1)}

    def ordered_articles(self) -> list[Article]:
        return [self.articles[article_id] for article_id in self.order]

    @cached_property
    def party_map(self) -> dict[str, Party]:
        return {party.id: party for party in self.parties}

    @property
    def annexes(self) -> tuple[Annex, ...]:
        return self.meta.annexes if self.meta else ()

    @cached_property
    def annex_numbers(self) -> dict[str, int]:
        """Annex id → its number (1-based, in the order listed; an article id never counts)."""
        numbers: dict[str, int] = {}
        for annex in self.annexes:
            if annex.id not in numbers and annex.id not in self.articles:
                numbers[annex.id] = len(numbers) + 1
        return numbers

    def ordered_annexes(self) -> list[tuple[int, Annex]]:
        """The annexes that get a number, with it, in order."""
        numbers, seen = self.annex_numbers, set()
        result = []
        for annex in self.annexes:
            if annex.id in numbers and annex.id not in seen:
                seen.add(annex.id)
                result.append((numbers[annex.id], annex))
        return result

    def annex_content(self, annex: Annex) -> AnnexContent | None:
        return self.annex_contents.get(annex.file)

    def member_number(self, article_id: str, member_id: str) -> str | None:
        """"3.1" for member consent of article 3, or None when there is no such member."""
        article = self.articles.get(article_id)
        number = self.numbers.get(article_id)
        if article is None or number is None:
            return None
        for i, member in enumerate(article.members, start=1):
            if member.id == member_id:
                return f"{number}.{i}"
        return None

    def member(self, article_id: str, member_id: str) -> Member | None:
        article = self.articles.get(article_id)
        if article is None:
            return None
        return next((m for m in article.members if m.id == member_id), None)

    def article_file(self, article_id: str) -> str:
        return f"{ARTICLES_DIR}/{article_id}.yaml"

    def location(self, rel: str, ypath: YamlPath = (), *, key: bool = False) -> Location:
        """The place of a value in one of this agreement's files."""
        source = self.sources.get(rel)
        if source is None:
            return Location(self.root / rel)
        return source.location(ypath, key=key)

    def offset_location(self, rel: str, ypath: YamlPath, offset: int) -> Location:
        source = self.sources.get(rel)
        if source is None:
            return Location(self.root / rel)
        return source.offset_location(ypath, offset)

    @cached_property
    def references(self) -> list[tuple[str, YamlPath, Reference]]:
        """Every inline reference of the binding texts, with its file and YAML path."""
        return [(rel, ypath, ref) for rel, ypath, text in self.binding_texts()
                for ref in find_references(text)]

    def binding_texts(self) -> Iterator[tuple[str, YamlPath, str]]:
        """Every binding text with its file and YAML path, in document order."""
        if self.meta:
            for ypath, text in self.meta.texts():
                yield META_FILE, ypath, text
        for article_id in self.order:
            rel = self.article_file(article_id)
            for ypath, text in self.articles[article_id].texts():
                yield rel, ypath, text


@dataclass(frozen=True)
class CompleteAgreement(Agreement):
    """An agreement every file of which was read and fits the schema: made only by `gate`."""

    meta: AgreementMeta


class IncompleteAgreement(AgreementError):
    """A version that did not load without problems, where a complete one is needed."""


def gate(agreement: Agreement, problems: Sequence[CodedProblem], label: str
         ) -> CompleteAgreement:
    """The agreement as complete, or IncompleteAgreement naming the first problem.

    label names the version in the message ("werkmap", a revision, a folder): half an
    agreement signed, compared or read back into would mislead, so nothing goes on without it.
    """
    if problems:
        code, first = problems[0]
        more = f" (en nog {len(problems) - 1} andere)" if len(problems) > 1 else ""
        raise IncompleteAgreement(f"De versie {label} is niet te lezen: {first.location}: "
                                  f"{first.message} [{code}]{more}. Herstel dat eerst; "
                                  "rechtmakers validate toont alle meldingen.")
    meta = agreement.meta
    if meta is None or agreement.unread or PARTIES_FILE not in agreement.sources:
        # Without problems only when a caller gates an agreement whose problems it has not got.
        unread = ", ".join(sorted(agreement.unread)) or (PARTIES_FILE if meta else META_FILE)
        raise IncompleteAgreement(f"De versie {label} is niet te lezen: {unread} ontbreekt of "
                                  "past niet in het schema. Herstel dat eerst; rechtmakers "
                                  "validate toont alle meldingen.")
    values = {f.name: getattr(agreement, f.name) for f in fields(Agreement)}
    values["meta"] = meta
    return CompleteAgreement(**values)


def load_complete(root: Path, files: Mapping[str, bytes] | None = None, *,
                  label: str) -> CompleteAgreement:
    """load_agreement through the gate: the version complete, or IncompleteAgreement."""
    agreement, problems = load_agreement(root, files)
    return gate(agreement, problems, label)


__all__ = [
    "ANNEXES_DIR", "ARTICLES_DIR", "META_FILE", "PARTIES_FILE", "SIGNOFFS_DIR", "TERMS_FILE",
    "WORKING_TREE", "Agreement", "AnnexContent", "AnnexIssue", "CodedProblem",
    "CompleteAgreement", "IncompleteAgreement", "annex_files", "gate", "is_agreement_dir",
    "load_agreement", "load_complete", "read_annexes",
]


def is_agreement_dir(path: Path) -> bool:
    return (path / META_FILE).is_file()


def load_agreement(root: Path, files: Mapping[str, bytes] | None = None
                   ) -> tuple[Agreement, list[CodedProblem]]:
    """Read every file of an agreement folder; never raises for bad content.

    With files (path relative to root → bytes, as git.files.files_at gives a past version), the
    agreement is read from memory: root only names the place in messages.
    """
    problems: list[CodedProblem] = []
    sources: dict[str, SourceFile] = {}
    unread: set[str] = set()

    def exists(rel: str) -> bool:
        return rel in files if files is not None else (root / rel).is_file()

    def read(rel: str, model: type[BaseModel], required: bool) -> BaseModel | None:
        path = root / rel
        if not exists(rel):
            if required:
                problems.append(("S008", Problem(Location(path), f"Het bestand {rel} ontbreekt. "
                                                 "Elke overeenkomst heeft er een.")))
            return None
        try:
            source = read_yaml(path) if files is None else read_yaml_bytes(files[rel], path)
        except LoadRefusal as refusal:
            problems.append((refusal.code, Problem(Location(path, refusal.line, refusal.column),
                                                   refusal.message)))
            unread.add(rel)
            return None
        sources[rel] = source
        try:
            return model.model_validate(source.data)
        except ValidationError as exc:
            problems.extend(translate(exc, source, model))
            unread.add(rel)
            return None

    if files is None:
        links = [rel for rel in ("", ARTICLES_DIR) if (root / rel).is_symlink()]
        for rel in links:
            refusal = link_refusal()
            problems.append((refusal.code, Problem(Location(root / rel), refusal.message)))
        if links:
            return _empty(root, sources), problems
    meta = read(META_FILE, AgreementMeta, True)
    parties_file = read(PARTIES_FILE, PartiesFile, True)
    terms_file = read(TERMS_FILE, TermsFile, False)
    articles: dict[str, Article] = {}
    article_paths = _article_paths(root, files)
    for path in article_paths:
        article = read(f"{ARTICLES_DIR}/{path.name}", Article, True)
        if isinstance(article, Article):
            articles[path.stem] = article
    annexes = meta.annexes if isinstance(meta, AgreementMeta) else ()
    contents, issues = read_annexes(root, annexes, files)
    agreement = Agreement(
        root=root,
        meta=meta if isinstance(meta, AgreementMeta) else None,
        parties=parties_file.parties if isinstance(parties_file, PartiesFile) else (),
        terms=terms_file.terms if isinstance(terms_file, TermsFile) else (),
        articles=articles,
        sources=sources,
        article_files=frozenset(path.stem for path in article_paths),
        unread=frozenset(unread),
        annex_contents=contents,
        annex_issues=issues,
        annex_files=annex_files(root, files),
    )
    return agreement, problems


def _empty(root: Path, sources: dict[str, SourceFile]) -> Agreement:
    return Agreement(root=root, meta=None, parties=(), terms=(), articles={}, sources=sources)


def _article_paths(root: Path, files: Mapping[str, bytes] | None) -> list[Path]:
    """The article files, sorted: artikelen/*.yaml on disk or in the file map."""
    if files is None:
        return sorted((root / ARTICLES_DIR).glob("*.yaml"))
    prefix = f"{ARTICLES_DIR}/"
    return sorted(root / rel for rel in files if rel.startswith(prefix)
                  and rel.endswith(".yaml") and "/" not in rel[len(prefix):])

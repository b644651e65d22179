"""The validator, run incrementally: one agreement's files read once, re-read one by one.

The language server keeps every file of an agreement as it was read (its source, its model and
the problems reading it gave). A keystroke re-reads that one file and builds the agreement anew
from the others as they were; the rules then run through validate.check_agreement, the same
engine as `rechtmakers validate`, in three tiers:

- the rules of texts (language, hidden characters, placeholders) run on the changed file alone,
  and their findings are kept per file until that file or the defined terms change;
- the rules between files (ids, references, schema, domain) run on the whole agreement, which
  is cheap because the references of every file are kept too;
- the slow rules between files (unused terms, raised versions) run last, after the findings of
  the file being typed in are out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from rechtmakers.agreement import (
    ARTICLES_DIR,
    META_FILE,
    PARTIES_FILE,
    TERMS_FILE,
    Agreement,
    AnnexContent,
    AnnexIssue,
    CompleteAgreement,
    annex_files,
    read_annexes,
)
from rechtmakers.checks import RULES, Context
from rechtmakers.config import Config
from rechtmakers.diff.since import SinceRevision
from rechtmakers.findings import Finding, Location, Problem
from rechtmakers.load import (
    LoadRefusal,
    SourceFile,
    YamlPath,
    collector_paused,
    read_yaml,
    read_yaml_bytes,
)
from rechtmakers.model import AgreementMeta, Annex, Article, PartiesFile, TermsFile
from rechtmakers.references import Reference, find_references
from rechtmakers.schema_errors import translate
from rechtmakers.signoff.probe import waiting_parties
from rechtmakers.validate import check_agreement

# Rules whose findings in a file depend only on that file's text (and the defined terms).
# A rule added to checks that reads texts one by one belongs here too (tests/lsp check the
# engine gives what validate gives).
LOCAL_RULES = frozenset({"T001", "T002", "T003", "T004", "T005", "T006",
                         "H001", "H002", "H003", "H004", "N001",
                         "M001", "M002", "M003", "M004"})
# Rules between files that take long on a large agreement: run after the others.
SLOW_RULES = frozenset({"T007", "V001", "V002"})
FAST_RULES = frozenset(RULES) - LOCAL_RULES - SLOW_RULES

CodedProblem = tuple[str, Problem]
RefEntry = tuple[str, YamlPath, Reference]
M = TypeVar("M", bound=BaseModel)


class Stale(Exception):
    """Newer text arrived while this analysis ran: it stops, its results are not wanted."""


@dataclass(eq=False)
class FileRead:
    """One file as read: its bytes, its source and model (when they load), its problems."""

    rel: str
    source: SourceFile | None
    model: BaseModel | None
    problems: list[CodedProblem]
    refs: list[RefEntry] = field(default_factory=list)


def model_for(rel: str) -> type[BaseModel] | None:
    """The model of a file of an agreement, by its path inside the folder."""
    if rel == META_FILE:
        return AgreementMeta
    if rel == PARTIES_FILE:
        return PartiesFile
    if rel == TERMS_FILE:
        return TermsFile
    if rel.startswith(f"{ARTICLES_DIR}/") and rel.endswith(".yaml") and rel.count("/") == 1:
        return Article
    return None


def read_file(root: Path, rel: str, data: bytes) -> FileRead:
    """Read one file as load_agreement reads it: the same refusals, the same schema problems."""
    path = root / rel
    try:
        source = read_yaml_bytes(data, path)
    except LoadRefusal as refusal:
        return _refused(rel, refusal, path)
    return from_source(rel, source)


def read_disk_file(root: Path, rel: str) -> FileRead:
    """Read one file from disk, links and size refused as validate refuses them."""
    path = root / rel
    try:
        source = read_yaml(path)
    except LoadRefusal as refusal:
        return _refused(rel, refusal, path)
    return from_source(rel, source)


def _refused(rel: str, refusal: LoadRefusal, path: Path) -> FileRead:
    problem = Problem(Location(path, refusal.line, refusal.column), refusal.message)
    return FileRead(rel, None, None, [(refusal.code, problem)])


def from_source(rel: str, source: SourceFile) -> FileRead:
    """A loaded source through its model: the schema problems as validate words them."""
    model_type = model_for(rel)
    if model_type is None:
        return FileRead(rel, source, None, [])
    try:
        model = model_type.model_validate(source.data)
    except ValidationError as exc:
        return FileRead(rel, source, None, translate(exc, source, model_type))
    read = FileRead(rel, source, model, [])
    if isinstance(model, (Article, AgreementMeta)):
        read.refs = [(rel, ypath, ref) for ypath, text in model.texts()
                     for ref in find_references(text)]
    return read


@dataclass(frozen=True)
class Analysis:
    """One agreement checked: the model as assembled and its findings by file."""

    agreement: Agreement
    findings: Mapping[Path, list[Finding]]
    reads: Mapping[str, FileRead]


@dataclass(frozen=True)
class _Annexes:
    """The listed annexes as last read from disk, and every file in bijlagen/."""

    listed: tuple[Annex, ...]
    contents: dict[str, AnnexContent]
    issues: tuple[AnnexIssue, ...]
    files: frozenset[str]


@dataclass
class AgreementState:
    """Everything kept of one agreement between keystrokes."""

    root: Path
    config: Config = field(default_factory=Config)
    reads: dict[str, FileRead] = field(default_factory=dict)
    disk: dict[str, tuple[int, int]] = field(default_factory=dict)  # rel → (mtime, size)
    open_texts: dict[str, bytes] = field(default_factory=dict)
    local: dict[str, tuple[FileRead, tuple[str, ...], list[Finding]]] = field(
        default_factory=dict)
    slow: list[Finding] = field(default_factory=list)
    previous: CompleteAgreement | None = None
    since: str = ""
    history_read: bool = False  # whether previous is the last commit as last read
    annexes: _Annexes | None = None
    last: Analysis | None = None

    def scan_disk(self) -> None:
        """Find the files of the agreement on disk; read again only those that changed."""
        with collector_paused():
            self._scan_disk()

    def _scan_disk(self) -> None:
        names = [META_FILE, PARTIES_FILE, TERMS_FILE]
        folder = self.root / ARTICLES_DIR
        if folder.is_dir() and not folder.is_symlink():
            names += sorted(f"{ARTICLES_DIR}/{p.name}" for p in folder.glob("*.yaml"))
        seen: dict[str, tuple[int, int]] = {}
        for rel in names:
            try:
                info = (self.root / rel).lstat()
            except OSError:
                continue
            seen[rel] = (info.st_mtime_ns, info.st_size)
        for rel in list(self.reads):
            if rel not in seen and rel not in self.open_texts:
                del self.reads[rel]
        for rel, stamp in seen.items():
            if rel in self.open_texts or (self.disk.get(rel) == stamp and rel in self.reads):
                continue
            self.reads[rel] = read_disk_file(self.root, rel)
        self.disk = seen
        self.annexes = None

    def set_text(self, rel: str, data: bytes | None) -> bool:
        """An editor's text for a file (None: the editor closed it, the disk counts again).
        True when the file reads differently now."""
        if data is None:
            self.open_texts.pop(rel, None)
            self.disk.pop(rel, None)
            self.scan_disk()
            return True
        if self.open_texts.get(rel) == data and rel in self.reads:
            return False
        self.open_texts[rel] = data
        self.reads[rel] = read_file(self.root, rel, data)
        return True

    def analyse(self, check: Callable[[], None] = lambda: None, *, slow: bool = True,
                focus: str | None = None) -> Analysis:
        """Assemble the agreement and run the rules; check() raises Stale to stop early.

        Without slow, the rules of texts run only for focus (the file being typed in) when
        many files wait for them (the first analysis): the others follow with the slow rules.
        """
        with collector_paused():
            agreement = self.assemble()
            check()
            ctx = Context(config=self.config, since=self.since,
                          since_probe=SinceRevision(self.previous, self.since),
                          signoffs=waiting_parties)
            load_problems = [p for read in self.reads.values() for p in read.problems]
            missing = _missing_files(self.root, self.reads)
            findings = check_agreement(agreement, [*load_problems, *missing], ctx,
                                       codes=FAST_RULES)
            findings += self._local_findings(agreement, ctx, check,
                                             None if slow else focus)
            if slow:
                check()
                self.slow = check_agreement(agreement, [], ctx, codes=SLOW_RULES)
            findings += self.slow
        by_file: dict[Path, list[Finding]] = {}
        for finding in sorted(findings, key=lambda f: f.sort_key):
            by_file.setdefault(finding.location.file, []).append(finding)
        self.last = Analysis(agreement, by_file, dict(self.reads))
        return self.last

    def assemble(self) -> Agreement:
        """The agreement from the files as read, as load_agreement would build it."""
        reads = self.reads
        meta = _model(reads.get(META_FILE), AgreementMeta)
        parties = _model(reads.get(PARTIES_FILE), PartiesFile)
        terms = _model(reads.get(TERMS_FILE), TermsFile)
        article_rels = sorted(rel for rel in reads if rel.startswith(f"{ARTICLES_DIR}/"))
        articles: dict[str, Article] = {}
        for rel in article_rels:
            article = _model(reads[rel], Article)
            if article is not None:
                articles[rel[len(ARTICLES_DIR) + 1:-5]] = article
        annexes = self._annexes(meta)
        agreement = Agreement(
            root=self.root, meta=meta, parties=parties.parties if parties else (),
            terms=terms.terms if terms else (), articles=articles,
            sources={rel: read.source for rel, read in reads.items() if read.source},
            article_files=frozenset(rel[len(ARTICLES_DIR) + 1:-5] for rel in article_rels),
            unread=frozenset(rel for rel, read in reads.items() if read.model is None),
            annex_contents=annexes.contents, annex_issues=annexes.issues,
            annex_files=annexes.files)
        # The references of every text, kept per file: the rules between files read them here.
        order = [META_FILE, *(agreement.article_file(a) for a in agreement.order)]
        agreement.__dict__["references"] = [entry for rel in order if rel in reads
                                            for entry in reads[rel].refs]
        return agreement

    def _annexes(self, meta: AgreementMeta | None) -> _Annexes:
        listed = meta.annexes if meta else ()
        if self.annexes is None or self.annexes.listed != listed:
            contents, issues = read_annexes(self.root, listed, None)
            self.annexes = _Annexes(listed, contents, issues, annex_files(self.root, None))
        return self.annexes

    def _local_findings(self, agreement: Agreement, ctx: Context,
                        check: Callable[[], None], focus: str | None) -> list[Finding]:
        """The rules of texts, run per file on the files whose text or terms changed."""
        terms = tuple(term.term for term in agreement.terms) + (str(TERMS_FILE in
                                                                    agreement.unread),)
        stale = [rel for rel, read in self.reads.items()
                 if read.source is not None and (self.local.get(rel) is None
                                                 or self.local[rel][0] is not read
                                                 or self.local[rel][1] != terms)]
        for rel in list(self.local):
            if rel not in self.reads:
                del self.local[rel]
        if len(stale) > 8 and focus is not None:
            stale = [focus] if focus in stale else []
        if len(stale) > 8:  # many (the first analysis): one run over the whole agreement
            found = check_agreement(agreement, [], ctx, codes=LOCAL_RULES)
            by_rel: dict[Path, list[Finding]] = {}
            for finding in found:
                by_rel.setdefault(finding.location.file, []).append(finding)
            for rel in stale:
                self.local[rel] = (self.reads[rel], terms,
                                   by_rel.get(self.root / rel, []))
        else:
            for rel in stale:
                check()
                focused = _focused(agreement, rel, self.reads[rel])
                path = self.root / rel
                found = [f for f in check_agreement(focused, [], ctx, codes=LOCAL_RULES)
                         if f.location.file == path]
                self.local[rel] = (self.reads[rel], terms, found)
        return [f for _, _, found in self.local.values() for f in found]


def _model(read: FileRead | None, kind: type[M]) -> M | None:
    return read.model if read is not None and isinstance(read.model, kind) else None


def _focused(agreement: Agreement, rel: str, read: FileRead) -> Agreement:
    """The agreement as the rules of texts see one file: that file's source and texts only."""
    assert read.source is not None
    meta = agreement.meta
    articles: dict[str, Article] = {}
    if rel.startswith(f"{ARTICLES_DIR}/"):
        stem = Path(rel).stem
        if isinstance(read.model, Article):
            articles[stem] = read.model
        if meta is not None:
            meta = meta.model_copy(update={"articles": (stem,), "compass": "",
                                           "considerations": ()})
    elif rel != META_FILE and meta is not None:
        meta = meta.model_copy(update={"articles": (), "compass": "", "considerations": ()})
    return replace(agreement, meta=meta, articles=articles,
                   sources={rel: read.source}, annex_contents={}, annex_issues=())


def _missing_files(root: Path, reads: Mapping[str, FileRead]) -> Iterable[CodedProblem]:
    for rel in (META_FILE, PARTIES_FILE):
        if rel not in reads:
            yield ("S008", Problem(Location(root / rel), f"Het bestand {rel} ontbreekt. "
                                   "Elke overeenkomst heeft er een."))

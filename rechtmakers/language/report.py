"""The language report of an agreement: scores and findings per article, passages to mark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rechtmakers.findings import Location, Severity
from rechtmakers.language.config import LanguageConfig
from rechtmakers.language.readability import Counts, count_text
from rechtmakers.language.rules import LanguageFinding, check_text, unused_terms
from rechtmakers.source_names import META_FILE, TERMS_FILE

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement
    from rechtmakers.load import YamlPath


@dataclass(frozen=True)
class Located:
    """A language finding with its severity and place in the source."""

    code: str
    severity: Severity
    message: str
    location: Location
    excerpt: str


@dataclass(frozen=True)
class Passage:
    """A piece of a text and the findings that cover it (none: plain text)."""

    text: str
    codes: tuple[str, ...]
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """One text of an article (tekst, a lid, a step …), cut into passages."""

    key: str
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class PartReport:
    """Scores and findings of one article (or of the preamble, number 0)."""

    id: str
    number: int
    title: str
    counts: Counts
    findings: tuple[Located, ...]
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class AgreementReport:
    """Every article's report, the agreement-level findings (T007) and the overall scores."""

    id: str
    title: str
    articles: tuple[PartReport, ...]
    findings: tuple[Located, ...]
    total: Counts


def agreement_report(agreement: Agreement, config: LanguageConfig) -> AgreementReport:
    """Check every binding text of an agreement and score each article."""
    defined = frozenset(term.term for term in agreement.terms)
    reports: list[PartReport] = []
    if agreement.meta:
        reports.append(_part_report(agreement, config, defined, "overeenkomst", 0,
                                    "Kompas en overwegingen", META_FILE,
                                    list(agreement.meta.texts())))
    for number, article in enumerate(agreement.ordered_articles(), start=1):
        reports.append(_part_report(agreement, config, defined, article.id, number,
                                    article.title, agreement.article_file(article.id),
                                    list(article.texts())))
    total = sum((report.counts for report in reports), Counts())
    title = agreement.meta.title if agreement.meta else agreement.id
    return AgreementReport(agreement.id, title, tuple(reports),
                           tuple(_unused(agreement, config)), total)


def _part_report(agreement: Agreement, config: LanguageConfig, defined: frozenset[str],
                 ident: str, number: int, title: str, rel: str,
                 texts: list[tuple[YamlPath, str]]) -> PartReport:
    counts = Counts()
    located: list[Located] = []
    parts: list[Part] = []
    for ypath, text in texts:
        counts += count_text(text)
        findings = check_text(text, defined_terms=defined, config=config)
        located.extend(Located(f.code, config.severity_of(f.code), f.message,
                               agreement.offset_location(rel, ypath, f.start),
                               text[f.start:f.end]) for f in findings)
        parts.append(Part(".".join(str(step) for step in ypath), passages(text, findings)))
    return PartReport(ident, number, title, counts, tuple(located), tuple(parts))


def passages(text: str, findings: list[LanguageFinding]) -> tuple[Passage, ...]:
    """Cut a text at every finding boundary; each piece knows the findings that cover it.

    One sweep over the cuts with the findings that are open there, so many findings in one
    text cost no more than their number (not their number squared)."""
    cuts = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    starting = sorted(range(len(findings)), key=lambda i: findings[i].start)
    open_: dict[int, LanguageFinding] = {}
    pieces: list[Passage] = []
    next_start = 0
    for start, end in zip(cuts, cuts[1:], strict=False):
        while next_start < len(starting) and findings[starting[next_start]].start <= start:
            open_[starting[next_start]] = findings[starting[next_start]]
            next_start += 1
        for i in [i for i, f in open_.items() if f.end <= start]:
            del open_[i]
        covering = [open_[i] for i in sorted(open_)]
        pieces.append(Passage(text[start:end], tuple(f.code for f in covering),
                              tuple(f.message for f in covering)))
    return tuple(piece for piece in pieces if piece.text)


def _unused(agreement: Agreement, config: LanguageConfig) -> list[Located]:
    if not config.enabled("T007"):
        return []
    texts = [text for _, _, text in agreement.binding_texts()]
    unused = set(unused_terms([term.term for term in agreement.terms], texts))
    return [Located("T007", config.severity_of("T007"),
                    f'Het begrip "{term.term}" staat in begrippen, maar geen tekst gebruikt het.',
                    agreement.location(TERMS_FILE, ("begrippen", index, "term")),
                    term.term)
            for index, term in enumerate(agreement.terms) if term.term in unused]

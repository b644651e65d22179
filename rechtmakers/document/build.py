"""Build the document tree from an agreement: numbers, references, terms and Dutch labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rechtmakers.document import labels
from rechtmakers.document.clause import ClauseContext, convert, term_anchors, term_pattern
from rechtmakers.document.tree import (
    AnnexNode,
    ArticleNode,
    DecisionBlock,
    Document,
    Flow,
    Member,
    PartyNode,
    Safeguard,
    Signer,
    Step,
    TermNode,
)
from rechtmakers.errors import AgreementError
from rechtmakers.source_names import META_FILE

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement
    from rechtmakers.model import Article


class DocumentBuilder:
    """Turns one agreement into a Document; defined terms are marked once per article."""

    def __init__(self, agreement: Agreement, *, explanations: bool = False) -> None:
        self.agreement = agreement
        self.explanations = explanations
        self.anchors = self._term_anchors()
        terms = [term.term for term in agreement.terms]
        self.ctx = ClauseContext(agreement, term_pattern(terms), term_anchors(self.anchors))

    def build(self, digest: str) -> Document:
        meta = self.agreement.meta
        if meta is None:
            raise AgreementError(f"{self.agreement.root}: {META_FILE} is niet te lezen, "
                                 "dus er valt niets weer te geven.")
        self.ctx.next_article()
        compass = self.flow(meta.compass)
        considerations = tuple(self.flow(text) for text in meta.considerations)
        return Document(
            id=meta.id, title=meta.title, version=meta.version,
            status=labels.STATUS[meta.status], concept=meta.status == "concept",
            date=meta.date.isoformat(), date_text=labels.long_date(meta.date), digest=digest,
            compass=compass, considerations=considerations, parties=self._parties(meta.lead),
            terms=self._terms(), articles=self._articles(), with_explanations=self.explanations,
            effective=meta.effective.isoformat() if meta.effective else None,
            effective_text=labels.long_date(meta.effective) if meta.effective else None,
            until=meta.until.isoformat() if meta.until else None,
            until_text=labels.long_date(meta.until) if meta.until else None,
            annexes=self._annexes(),
            operative=self.flow(meta.operative or labels.OPERATIVE_CLAUSE),
        )

    def flow(self, text: str) -> Flow:
        return convert(text, self.ctx)

    def _term_anchors(self) -> dict[str, str]:
        anchors: dict[str, str] = {}
        used: set[str] = set()
        for term in self.agreement.terms:
            anchor, n = f"begrip-{labels.slug(term.term)}", 2
            while anchor in used:
                anchor, n = f"begrip-{labels.slug(term.term)}-{n}", n + 1
            used.add(anchor)
            anchors.setdefault(term.term, anchor)
        return anchors

    def _parties(self, lead: str) -> tuple[PartyNode, ...]:
        return tuple(
            PartyNode(party.id, party.name, labels.PARTY_KINDS[party.kind],
                      party.id == lead,
                      tuple(Signer(r.name, r.function, r.email,
                                   authority=labels.authority(r))
                            for r in party.representatives),
                      legal_name=labels.legal_name(party.name, party.legal_form),
                      legal_form=party.legal_form, kvk=party.kvk, seat=party.seat,
                      address=party.address)
            for party in self.agreement.parties)

    def _annexes(self) -> tuple[AnnexNode, ...]:
        """Every numbered annex; a Markdown annex with its text, converted like clause text."""
        nodes = []
        for number, annex in self.agreement.ordered_annexes():
            content = self.agreement.annex_content(annex)
            if content is None:
                raise AgreementError(f"{self.agreement.root}: de bijlage {annex.file} is niet "
                                     "te lezen. Los eerst de fouten op (rechtmakers validate).")
            body = None
            if content.text is not None:
                self.ctx.next_article()
                body = self.flow(content.text)
            nodes.append(AnnexNode(number, f"bijlage-{number}", annex.id, annex.title,
                                   annex.file, content.sha256, body))
        return tuple(nodes)

    def _terms(self) -> tuple[TermNode, ...]:
        self.ctx.mark_terms = False
        try:
            return tuple(TermNode(term.term, self.anchors[term.term], self.flow(term.meaning))
                         for term in self.agreement.terms)
        finally:
            self.ctx.mark_terms = True

    def _articles(self) -> tuple[ArticleNode, ...]:
        # By file name: with --force an article's id may differ from its file (I001).
        articles = self.agreement.articles
        return tuple(self._article(articles[stem], number)
                     for stem, number in self.agreement.numbers.items())

    def _article(self, article: Article, number: int) -> ArticleNode:
        # Built in reading order, so that a defined term is marked where a reader first meets it.
        self.ctx.next_article()
        body = self.flow(article.text)
        steps, safeguards = self._steps(article), self._safeguards(article)
        conduct, joining = article.conduct, article.joining
        helps = tuple(self.flow(t) for t in conduct.helps) if conduct else ()
        hinders = tuple(self.flow(t) for t in conduct.hinders) if conduct else ()
        means = tuple(self.flow(t) for t in joining.means) if joining else ()
        return ArticleNode(
            number=number, anchor=f"artikel-{number}", title=article.title, topic=article.topic,
            body=body, decision=self._decision(article), steps=steps, safeguards=safeguards,
            helps=helps, hinders=hinders, joining=means,
            members=self._members(article, number), explanation=self._explanation(article),
            id=article.id,
        )

    def _members(self, article: Article, number: int) -> tuple[Member, ...]:
        return tuple(Member(f"{number}.{i}", f"artikel-{number}-{i}", self.flow(member.text),
                            member.id)
                     for i, member in enumerate(article.members, start=1))

    def _decision(self, article: Article) -> DecisionBlock | None:
        decision = article.decision
        if decision is None:
            return None
        return DecisionBlock(labels.DECISION_METHODS[decision.method],
                             decision.body, decision.quorum)

    def _steps(self, article: Article) -> tuple[Step, ...]:
        if article.dialogue is None:
            return ()
        return tuple(Step(step.name, step.who, step.term, self.flow(step.text))
                     for step in article.dialogue.steps)

    def _safeguards(self, article: Article) -> tuple[Safeguard, ...]:
        if article.citizen is None:
            return ()
        return tuple(Safeguard(self.flow(g.what), self.flow(g.how), self.flow(g.when))
                     for g in article.citizen.safeguards)

    def _explanation(self, article: Article) -> Flow | None:
        if not self.explanations or not article.explanation:
            return None
        self.ctx.mark_terms = False
        try:
            return self.flow(article.explanation)
        finally:
            self.ctx.mark_terms = True


def build_document(agreement: Agreement, digest: str, *, explanations: bool = False) -> Document:
    """The tree of one agreement; references resolved, defined terms marked, labels in Dutch."""
    return DocumentBuilder(agreement, explanations=explanations).build(digest)

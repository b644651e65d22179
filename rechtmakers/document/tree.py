"""The document tree: what every output format shows, built once from the model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum

# Inline nodes: the words of a paragraph.

@dataclass(frozen=True, slots=True)
class Text:
    """Words as written; "\n" is a soft line break of the source, read as a space."""

    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a web address or e-mail address that passed the safe-scheme check."""

    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Ref:
    """A resolved [[artikel]] or [[artikel.lid]]: "artikel 3", linking to #artikel-3 in HTML."""

    label: str
    anchor: str


@dataclass(frozen=True, slots=True)
class TermUse:
    """A defined term where it is used, linking to the begrippenlijst in HTML."""

    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Break:
    """A hard line break. Soft ones stay in the text as "\n" and read as a space."""


@dataclass(frozen=True, slots=True)
class Inserted:
    """Redline only (diff.redline): words the new version has and the old one had not. A
    document built from an agreement never holds one; only a comparison draws it."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Deleted:
    """Redline only (diff.redline): words the old version had and the new one has not."""

    children: tuple[Inline, ...]


Inline = Text | Emphasis | Strong | Code | Link | Ref | TermUse | Break | Inserted | Deleted


class Mark(Enum):
    """Redline only: a whole part (article, lid, step, row, annex) that one version lacks, or
    that moved; its words are wrapped in Inserted or Deleted as well. value: the Dutch word."""

    INSERTED = "toegevoegd"
    DELETED = "geschrapt"
    MOVED_FROM = "verplaatst (oude plaats)"
    MOVED_TO = "verplaatst"


# Block nodes: paragraphs, lists and the like, from clause text.

@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Subheading:
    """A heading written inside clause text; shown as a bold line, never as a document heading."""

    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    items: tuple[Flow, ...]
    start: int = 1
    tight: bool = True


@dataclass(frozen=True, slots=True)
class Quote:
    blocks: Flow


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str


@dataclass(frozen=True, slots=True)
class Rule:
    pass


Block = Paragraph | Subheading | ListBlock | Quote | CodeBlock | Rule
Flow = tuple[Block, ...]


# The document itself.

@dataclass(frozen=True, slots=True)
class Member:
    number: str
    anchor: str
    body: Flow
    id: str = ""  # the lid's id in the source: a stable anchor (DOCX bookmark)
    was: str | None = None  # redline only: the number it had in the old version
    mark: Mark | None = None  # redline only

    @property
    def moved_in_article(self) -> bool:
        """Redline only: whether its place in the article changed ("6.2" → "6.1"), not only
        the article's number (which the article's heading shows)."""
        return self.was is not None and self.was.rpartition(".")[2] != self.number.rpartition(
            ".")[2]


@dataclass(frozen=True, slots=True)
class DecisionBlock:
    method: str
    body: str
    quorum: str | None


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    who: str
    term: str
    body: Flow
    mark: Mark | None = None  # redline only


@dataclass(frozen=True, slots=True)
class Safeguard:
    what: Flow
    how: Flow
    when: Flow
    mark: Mark | None = None  # redline only


@dataclass(frozen=True, slots=True)
class ArticleNode:
    number: int
    anchor: str
    title: str
    topic: str
    body: Flow
    members: tuple[Member, ...]
    decision: DecisionBlock | None = None
    steps: tuple[Step, ...] = ()
    safeguards: tuple[Safeguard, ...] = ()
    helps: tuple[Flow, ...] = ()
    hinders: tuple[Flow, ...] = ()
    joining: tuple[Flow, ...] = ()
    explanation: Flow | None = None
    id: str = ""  # the article's id in the source: a stable anchor (DOCX bookmark)
    was: int | None = None  # redline only: the number it had in the old version
    title_was: str | None = None  # redline only: its old title, when that differs
    mark: Mark | None = None  # redline only

    @property
    def heading(self) -> str:
        return f"Artikel {self.number} – {self.title}"


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    function: str
    email: str = ""
    signed: str | None = None  # "21 januari 2026; bewijs: …" when this content is signed
    authority: str = ""  # "op grond van een mandaat van …" when not by law or the statutes


def with_sign_offs(document: Document, signed: Mapping[str, Mapping[str, str]]) -> Document:
    """The document with, per signer who signed exactly this content, when and with what
    evidence (party id → e-mail address in lower case → Dutch text)."""
    if not signed:
        return document
    parties = tuple(replace(party, signers=tuple(
        replace(signer, signed=signed.get(party.id, {}).get(signer.email.casefold()))
        for signer in party.signers)) for party in document.parties)
    return replace(document, parties=parties)


@dataclass(frozen=True, slots=True)
class PartyNode:
    """A party as a legal person. name is how the agreement calls it (hierna: …); legal_name
    is its full name with its legal form, as the party list and the signature blocks show it."""

    id: str
    name: str
    kind: str
    lead: bool
    signers: tuple[Signer, ...]
    legal_name: str = ""
    legal_form: str | None = None  # in Dutch words: "stichting", "openbaar lichaam", "bv"
    kvk: str | None = None
    seat: str | None = None
    address: str | None = None

    @property
    def details(self) -> str:
        """What follows the legal name in the party list, as a Dutch agreement reads:
        ", gevestigd te Almere (KvK 99887766), hierna: De Schoor, rechtsgeldig vertegenwoordigd
        door A. Jansen, directeur-bestuurder"; a mandate or power of attorney follows the
        function: ", wethouder, op grond van een mandaat van de burgemeester (…)"."""
        parts = []
        place = f"gevestigd te {self.seat}" if self.seat else ""
        if self.address:
            place = f"{place}, {self.address}" if place else f"adres: {self.address}"
        kvk = f"(KvK\u00a0{self.kvk})" if self.kvk else ""  # never split over two lines
        if place or kvk:
            parts.append(" ".join(p for p in (place, kvk) if p))
        renamed = self.name != (self.legal_name or self.name)
        names = ([self.name] if renamed else []) + (["de penvoerder"] if self.lead else [])
        if names:
            parts.append(("hierna: " if renamed else "hierna ook: ") + " of ".join(names))
        if self.signers:
            people = [f"{s.name}, {s.function}" + (f", {s.authority}" if s.authority else "")
                      for s in self.signers]
            joined = people[0] if len(people) == 1 else (
                f"{', '.join(people[:-1])}, en {people[-1]}")
            parts.append(f"rechtsgeldig vertegenwoordigd door {joined}")
        return "".join(f", {part}" for part in parts)


@dataclass(frozen=True, slots=True)
class AnnexNode:
    """An annex: Markdown ones carry their text as body; others are pinned by their SHA-256."""

    number: int
    anchor: str
    id: str
    title: str
    file: str
    sha256: str
    body: Flow | None
    mark: Mark | None = None  # redline only

    @property
    def label(self) -> str:
        return f"Bijlage {self.number}"

    @property
    def heading(self) -> str:
        return f"{self.label} – {self.title}"


@dataclass(frozen=True, slots=True)
class TermNode:
    term: str
    anchor: str
    meaning: Flow


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    version: str
    status: str
    date: str
    date_text: str
    digest: str
    compass: Flow
    considerations: tuple[Flow, ...]
    parties: tuple[PartyNode, ...]
    terms: tuple[TermNode, ...]
    articles: tuple[ArticleNode, ...]
    with_explanations: bool
    effective: str | None = None  # ISO dates, and as Dutch words ("1 april 2026")
    effective_text: str | None = None
    until: str | None = None
    until_text: str | None = None
    annexes: tuple[AnnexNode, ...] = ()
    operative: Flow = ()  # "Partijen spreken het volgende af:", before article 1
    concept: bool = False  # status concept: the PDF and Word say CONCEPT on every page

    @property
    def edition(self) -> str:
        return "editie met toelichting" if self.with_explanations else "overeenkomst"

    @property
    def term_text(self) -> str | None:
        """"Deze overeenkomst gaat in op 1 april 2026 en loopt tot en met 31 maart 2030."."""
        if self.effective_text and self.until_text:
            return (f"Deze overeenkomst gaat in op {self.effective_text} en loopt tot en met "
                    f"{self.until_text}.")
        if self.effective_text:
            return f"Deze overeenkomst gaat in op {self.effective_text}."
        if self.until_text:
            return f"Deze overeenkomst loopt tot en met {self.until_text}."
        return None

    @property
    def signing_clause(self) -> tuple[str, ...]:
        """The closing clause, before the digest line and the signature blocks."""
        annexes = " en de bijlagen" if self.annexes else ""
        return (
            "Zo afgesproken en getekend.",
            "Partijen mogen elk apart tekenen, op papier of elektronisch. Alle handtekeningen "
            "samen vormen één overeenkomst.",
            f"Elke handtekening geldt voor versie {self.version} van deze overeenkomst"
            f"{annexes}: de versie met de vingerafdruk hieronder. Verandert de tekst of een "
            "bijlage, dan verandert de vingerafdruk, en is er opnieuw een handtekening nodig.",
        )

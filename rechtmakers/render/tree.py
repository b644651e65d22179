"""The document tree: what every output format shows, built once from the model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement


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


Inline = Text | Emphasis | Strong | Code | Link | Ref | TermUse | Break


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


@dataclass(frozen=True, slots=True)
class Safeguard:
    what: Flow
    how: Flow
    when: Flow


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

    @property
    def heading(self) -> str:
        return f"Artikel {self.number} – {self.title}"


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    function: str


@dataclass(frozen=True, slots=True)
class PartyNode:
    id: str
    name: str
    kind: str
    lead: bool
    signers: tuple[Signer, ...]


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

    @property
    def edition(self) -> str:
        return "editie met toelichting" if self.with_explanations else "overeenkomst"


def build_document(agreement: Agreement, digest: str, *, explanations: bool = False) -> Document:
    """The tree of one agreement; references resolved, defined terms marked, labels in Dutch."""
    from rechtmakers.render.build import DocumentBuilder

    return DocumentBuilder(agreement, explanations=explanations).build(digest)

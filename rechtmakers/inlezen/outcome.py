"""What `inlezen` found in a review: the fields changed, the comments, what could not be
applied, and the conflicts with the working tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from rechtmakers.render.docx_body import FieldRef


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

"""What a rule is: a stable code, a default severity, a Dutch summary and a check function."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rechtmakers.config import Config
from rechtmakers.findings import Problem, Severity

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement, CompleteAgreement

Check = Callable[["Agreement", "Context"], Iterable[Problem]]


@dataclass(frozen=True)
class ArticleSince:
    """One article's change since REV, as the diff reports it."""

    id: str
    text_changed: bool  # its binding text changed other than by its own versie
    version_old: int | None
    version_new: int | None


@dataclass(frozen=True)
class Since:
    """What changed since REV (validate --since): what the version rules read."""

    binding_changed: bool  # the digest differs
    old_version: str  # versie of the agreement at REV
    articles: tuple[ArticleSince, ...]


class SinceProbe(Protocol):
    """Compares an agreement with its version at REV (the diff package provides one)."""

    def __call__(self, agreement: CompleteAgreement) -> Since | None:
        """The changes since REV; None when there is nothing sound to compare with."""


class SignoffProbe(Protocol):
    """Applies the trust rule (the signoff package provides one)."""

    def __call__(self, agreement: CompleteAgreement, digest: str) -> Sequence[str]:
        """Each party that did not sign exactly this content, as "id (why, in Dutch)"."""


@dataclass(frozen=True)
class Context:
    """What rules may need besides the agreement: the repository's configuration, for
    validate --since REV the changes since REV, and the sign-off state. What a rule needs from
    a feature package (diff, signoff) arrives through a probe, so checks imports none; a rule
    whose probe is missing does not run."""

    config: Config = field(default_factory=Config)
    since: str = ""
    since_probe: SinceProbe | None = None
    signoffs: SignoffProbe | None = None


@dataclass(frozen=True)
class Rule:
    """One rule: the linter, not the rule, stamps code and severity on what a check yields."""

    code: str
    name: str
    severity: Severity
    summary: str
    check: Check | None = None
    doc: str = field(default="")

    @property
    def explanation(self) -> str:
        """The rule's user documentation: its docstring, or the text given for load rules."""
        if self.doc:
            return self.doc
        return inspect.cleandoc(self.check.__doc__ or "") if self.check else self.summary


def error(code: str, name: str, summary: str, check: Check | None = None, doc: str = "") -> Rule:
    return Rule(code, name, Severity.ERROR, summary, check, doc)


def warning(code: str, name: str, summary: str, check: Check | None = None, doc: str = "") -> Rule:
    return Rule(code, name, Severity.WARNING, summary, check, doc)

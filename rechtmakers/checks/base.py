"""What a rule is: a stable code, a default severity, a Dutch summary and a check function."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rechtmakers.config import Config
from rechtmakers.findings import Problem, Severity

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement

Check = Callable[["Agreement", "Context"], Iterable[Problem]]


@dataclass(frozen=True)
class Context:
    """What rules may need besides the agreement: the repository's configuration, and for
    validate --since REV the agreement as it was at REV."""

    config: Config = field(default_factory=Config)
    previous: Agreement | None = None
    since: str = ""


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

"""Findings as LSP diagnostics: the same code and message as validate, over the value's range,
with a link to the rule's documentation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types as lsp

from rechtmakers import REPOSITORY
from rechtmakers.findings import Finding, Severity
from rechtmakers.lsp.engine import Analysis
from rechtmakers.lsp.positions import Lines, SpanIndex, finding_range

RULES_DOC = f"{REPOSITORY}/blob/main/docs/regels.md"
SOURCE = "rechtmakers"


def rule_link(code: str) -> str:
    """The rule's section in docs/regels.md (GitHub's anchor of `## Y001` is #y001)."""
    return f"{RULES_DOC}#{code.lower()}"


def _severity(severity: Severity) -> lsp.DiagnosticSeverity:
    if severity is Severity.ERROR:
        return lsp.DiagnosticSeverity.Error
    return lsp.DiagnosticSeverity.Warning


def file_text(analysis: Analysis, path: Path, fallback: str) -> str:
    """The text the findings of path were found in: the source as read, else fallback."""
    root = analysis.agreement.root
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        return fallback
    read = analysis.reads.get(rel)
    if read is not None and read.source is not None:
        return read.source.text
    return fallback


def diagnostics_for(analysis: Analysis, path: Path, findings: Sequence[Finding],
                    text: str) -> list[lsp.Diagnostic]:
    """The diagnostics of one file; text is that file as the findings saw it."""
    lines = Lines(text)
    spans: SpanIndex | None = None
    try:
        rel = path.relative_to(analysis.agreement.root).as_posix()
    except ValueError:
        rel = ""
    read = analysis.reads.get(rel)
    if read is not None and read.source is not None and findings:
        spans = SpanIndex(read.source)
    result = []
    for finding in findings:
        loc = finding.location
        result.append(lsp.Diagnostic(
            range=finding_range(lines, spans, loc.line, loc.column),
            message=finding.message,
            severity=_severity(finding.severity),
            code=finding.code,
            code_description=lsp.CodeDescription(href=rule_link(finding.code)),
            source=SOURCE,
        ))
    return result

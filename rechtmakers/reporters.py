"""Reporters: findings into text for people, JSON and SARIF for tools, annotations for CI."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from rechtmakers.findings import Finding, Severity
from rechtmakers.visible import printable

if TYPE_CHECKING:
    from rechtmakers.checks.base import Rule
    from rechtmakers.validate import Report


class Reporter:
    """Writes the findings of one validate run."""

    def __init__(self, out: TextIO, *, quiet: bool = False) -> None:
        self.out = out
        self.quiet = quiet

    def report(self, reports: Sequence[Report]) -> None:
        raise NotImplementedError


class HumanReporter(Reporter):
    """Grouped per file, in Dutch, coloured when the terminal allows it (rich honours NO_COLOR)."""

    def report(self, reports: Sequence[Report]) -> None:
        findings = [f for r in reports for f in r.findings]
        summaries = list(reports) if not self.quiet or findings else []
        if not _may_colour(self.out):
            self.out.write(_plain(findings, summaries))
            return
        from rich.console import Console

        console = Console(file=self.out, highlight=False, soft_wrap=True)
        if console.no_color or console.color_system is None:
            # Without colour, plain lines: rich costs a millisecond a line, and there may be many.
            self.out.write(_plain(findings, summaries))
            return
        from rich.markup import escape

        for file_name, group in groupby(findings, key=lambda f: f.location.display_path()):
            console.print(f"[bold]{escape(printable(file_name))}[/bold]")
            for finding in group:
                style = "red" if finding.severity is Severity.ERROR else "yellow"
                place = f"{finding.location.line}:{finding.location.column}"
                console.print(f"  {place:>7}  [{style}]{finding.severity.dutch:<12}[/{style}] "
                              f"[dim]{finding.code}[/dim]  {escape(printable(finding.message))}")
            console.print()
        for report in summaries:
            mark, text = _summary(report)
            style = "green" if mark == "✓" else "red" if mark == "✗" else "yellow"
            console.print(f"[{style}]{mark}[/{style}] {escape(text)}")


def _may_colour(out: TextIO) -> bool:
    """Whether rich could colour out at all: only on a terminal, or where the environment
    says the output understands colour (rich's FORCE_COLOR and TTY_COMPATIBLE). Elsewhere (CI,
    a pipe, a file) the report is plain text, and rich is not even loaded."""
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return True
    try:
        return out.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _plain(findings: Sequence[Finding], summaries: Sequence[Report]) -> str:
    """The report without colour: per file its name, then one line per finding."""
    parts: list[str] = []
    for file_name, group in groupby(findings, key=lambda f: f.location.display_path()):
        lines = [printable(file_name)]
        for finding in group:
            place = f"{finding.location.line}:{finding.location.column}"
            lines.append(f"  {place:>7}  {finding.severity.dutch:<12} {finding.code}  "
                         f"{printable(finding.message)}")
        parts.append("\n".join(lines) + "\n\n")
    parts += [" ".join(_summary(report)) + "\n" for report in summaries]
    return "".join(parts)


def _summary(report: Report) -> tuple[str, str]:
    """The mark (✓, ✗ or !) and the sentence that end the report of one agreement."""
    errors, warnings = len(report.errors), len(report.warnings)
    name = printable(report.agreement.id)
    if not errors and not warnings:
        return "✓", f"{name}: geen fouten, geen waarschuwingen."
    parts = []
    if errors:
        parts.append(f"{errors} {'fout' if errors == 1 else 'fouten'}")
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return ("✗" if errors else "!"), f"{name}: {' en '.join(parts)}."


class JsonReporter(Reporter):
    """A JSON list of findings, each with code, severity, message, file, line and column."""

    def report(self, reports: Sequence[Report]) -> None:
        data = [f.as_dict() for r in reports for f in r.findings]
        json.dump(data, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: one annotation per finding."""

    def report(self, reports: Sequence[Report]) -> None:
        for report in reports:
            for finding in report.findings:
                self.out.write(github_annotation(finding) + "\n")


def github_annotation(finding: Finding) -> str:
    level = "error" if finding.severity is Severity.ERROR else "warning"
    loc = finding.location
    message = finding.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = loc.display_path().replace(",", "%2C").replace(":", "%3A")
    return (f"::{level} file={path},line={loc.line},col={loc.column},"
            f"title=rechtmakers {finding.code}::{message}")


SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")


class SarifReporter(Reporter):
    """SARIF 2.1.0: one run with every rule and one result per finding (code scanning, IDEs)."""

    def report(self, reports: Sequence[Report]) -> None:
        from rechtmakers import __version__
        from rechtmakers.checks import RULES

        index = {code: i for i, code in enumerate(RULES)}
        driver = {"name": "rechtmakers", "version": __version__, "semanticVersion": __version__,
                  "language": "nl-NL", "rules": [sarif_rule(rule) for rule in RULES.values()]}
        results = [sarif_result(f, index.get(f.code, -1)) for r in reports for f in r.findings]
        log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
            "tool": {"driver": driver}, "language": "nl-NL", "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().resolve().as_uri() + "/"}},
            "invocations": [{"executionSuccessful": True}], "results": results}]}
        json.dump(log, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


def sarif_level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def sarif_rule(rule: Rule) -> dict[str, object]:
    """A SARIF reportingDescriptor: code, name, Dutch summary and documentation."""
    return {"id": rule.code, "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "help": {"text": rule.explanation, "markdown": rule.explanation},
            "defaultConfiguration": {"level": sarif_level(rule.severity)}}


def sarif_result(finding: Finding, rule_index: int) -> dict[str, object]:
    """A SARIF result at the finding's place, relative to the working directory."""
    loc = finding.location
    uri = quote(Path(loc.display_path()).as_posix())
    return {"ruleId": finding.code, "ruleIndex": rule_index,
            "level": sarif_level(finding.severity), "message": {"text": finding.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"},
                "region": {"startLine": loc.line, "startColumn": loc.column}}}]}


REPORTERS: dict[str, type[Reporter]] = {
    "tekst": HumanReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
}

"""The validator: read an agreement, run every registered rule, stamp code and severity."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rechtmakers.agreement import (
    Agreement,
    CodedProblem,
    CompleteAgreement,
    gate,
    is_agreement_dir,
    load_agreement,
)
from rechtmakers.checks import RULES, Context
from rechtmakers.checks.base import SignoffProbe, SinceProbe
from rechtmakers.config import SAFETY_RULES, Config
from rechtmakers.errors import UsageError
from rechtmakers.findings import Finding, Problem, Severity
from rechtmakers.load import SourceFile, collector_paused
from rechtmakers.source_names import DEFAULT_DIR, META_FILE

_SUPPRESS = re.compile(r"#\s*rechtmakers:\s*negeer\s+([A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)")


@dataclass
class Report:
    """The outcome for one agreement: the model as read and its findings, sorted."""

    agreement: Agreement
    findings: list[Finding] = field(default_factory=list)
    load_problems: tuple[CodedProblem, ...] = ()  # what reading found, before any rule ran

    def complete(self, label: str) -> CompleteAgreement:
        """The agreement through the gate: complete, or IncompleteAgreement (agreement.gate)."""
        return gate(self.agreement, self.load_problems, label)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]


def find_agreements(paths: Sequence[Path], *, cwd: Path | None = None) -> list[Path]:
    """Agreement folders named by paths (an agreement, a folder of agreements, or a file in one)."""
    base = cwd or Path.cwd()
    if not paths:
        default = base / DEFAULT_DIR
        inside = next((p for p in (base, *base.parents) if is_agreement_dir(p)), None)
        if not default.is_dir() and inside is not None:
            default = inside  # run from inside an agreement's folder: that agreement
        elif not default.is_dir():
            raise UsageError(f"Geen map {DEFAULT_DIR}/ gevonden in {base}. Geef het pad van een "
                             "overeenkomst op, bijvoorbeeld: rechtmakers validate "
                             f"{DEFAULT_DIR}/mijn-overeenkomst")
        paths = [default]
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"Het pad {path} bestaat niet.")
        found.extend(_agreements_at(path))
    # A linked agreement folder stays a link, so that loading it refuses it (Y013).
    unique = list(dict.fromkeys(p.absolute() if p.is_symlink() else p.resolve() for p in found))
    if not unique:
        raise UsageError(f"Geen overeenkomst gevonden in {', '.join(map(str, paths))}: er is "
                         f"geen map met een {META_FILE}.")
    return [_relative(p, base) for p in unique]


def _agreements_at(path: Path) -> list[Path]:
    if path.is_file():
        for parent in path.resolve().parents:
            if is_agreement_dir(parent):
                return [parent]
        return []
    if is_agreement_dir(path):
        return [path]
    return sorted(p.parent for p in path.glob(f"*/{META_FILE}"))


def _relative(path: Path, base: Path) -> Path:
    try:
        return path.relative_to(base.resolve())
    except ValueError:
        return path


def validate_agreement(root: Path, config: Config | None = None, *, since: str = "",
                       since_probe: SinceProbe | None = None,
                       signoffs: SignoffProbe | None = None,
                       errors_only: bool = False) -> Report:
    """Read and check one agreement folder (against its version at since, when given).

    since_probe (diff.since) and signoffs (signoff.probe) give the rules what they need from
    those feature packages; without one its rules do not run. With errors_only (render asks
    only whether it may render) the rules that can only warn are not run: the language
    analysis is most of a validation's time.
    """
    ctx = Context(config=config or Config(), since=since, since_probe=since_probe,
                  signoffs=signoffs)
    with collector_paused():
        return _validate(root, ctx, errors_only)


def _validate(root: Path, ctx: Context, errors_only: bool) -> Report:
    agreement, problems = load_agreement(root)
    findings = check_agreement(agreement, problems, ctx, errors_only=errors_only)
    return Report(agreement, findings, tuple(problems))


def check_agreement(agreement: Agreement, problems: Iterable[tuple[str, Problem]], ctx: Context,
                    *, errors_only: bool = False, codes: Collection[str] | None = None
                    ) -> list[Finding]:
    """Run the rules on an agreement as read, and stamp them and the reading problems.

    The one engine of validate and the language server: with codes, only those rules run (the
    language server runs the rules of one file's texts on that file alone).
    """
    config = ctx.config
    coded: list[tuple[str, Problem]] = list(problems)
    for rule in RULES.values():
        if rule.check is None or config.is_off(rule.code) or (codes is not None
                                                               and rule.code not in codes):
            continue
        if errors_only and config.severity_of(rule.code, rule.severity) is not Severity.ERROR:
            continue
        coded.extend((rule.code, problem) for problem in rule.check(agreement, ctx))
    findings = [finding for code, problem in coded if (finding := _stamp(code, problem, config))]
    findings = list(_unsuppressed(agreement, findings))
    findings.sort(key=lambda f: f.sort_key)
    return findings


def _stamp(code: str, problem: Problem, config: Config) -> Finding | None:
    if config.is_off(code):
        return None
    rule = RULES.get(code)
    severity = config.severity_of(code, rule.severity if rule else Severity.ERROR)
    return Finding(code, severity, problem.message, problem.location)


def _unsuppressed(agreement: Agreement, findings: Iterable[Finding]) -> Iterable[Finding]:
    """Drop findings named by a `# rechtmakers: negeer CODE` comment on the line above them,
    or above the key whose value holds them (a comment cannot stand inside a text block)."""
    by_path = {source.path: source for source in agreement.sources.values()}
    indexes: dict[Path, _Suppressions] = {}
    for finding in findings:
        source = by_path.get(finding.location.file)
        if source is None:
            yield finding
            continue
        index = indexes.get(source.path)
        if index is None:
            index = indexes[source.path] = _Suppressions(source)
        if finding.code in SAFETY_RULES or not index.covers(finding.location.line,
                                                             finding.code):
            yield finding


class _Suppressions:
    """The suppression comments of one file, indexed once so that each finding costs a lookup."""

    def __init__(self, source: SourceFile) -> None:
        self.above: dict[int, set[str]] = {}  # line number of a comment → codes it names
        if "rechtmakers:" in source.text:
            for number, line in enumerate(source.text.split("\n"), start=1):
                match = _SUPPRESS.search(line) if "rechtmakers:" in line else None
                if match is not None:
                    self.above[number] = set(re.split(r"\s*,\s*", match.group(1)))
        spans: dict[str, list[tuple[int, int]]] = {}
        for span in source.spans() if self.above else ():
            for code in self.above.get(span.key_line - 1, ()) if span.key_line else ():
                end = source.index_location(span.end).line
                spans.setdefault(code, []).append((span.line, end))
        self.starts: dict[str, list[int]] = {}
        self.ends: dict[str, list[int]] = {}
        for code, ranges in spans.items():
            merged: list[tuple[int, int]] = []
            for first, last in sorted(ranges):
                if merged and first <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], last))
                else:
                    merged.append((first, last))
            self.starts[code] = [first for first, _ in merged]
            self.ends[code] = [last for _, last in merged]

    def covers(self, line: int, code: str) -> bool:
        if code in self.above.get(line - 1, ()):
            return True
        starts = self.starts.get(code)
        if not starts:
            return False
        i = bisect.bisect_right(starts, line) - 1
        return i >= 0 and self.ends[code][i] >= line

"""Writing a review's accepted edits into the working tree: spliced into the YAML text, checked
to read back, written through safe_write, then validated."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from rechtmakers.agreement import META_FILE, PARTIES_FILE, TERMS_FILE, CompleteAgreement
from rechtmakers.inlezen.outcome import Outcome
from rechtmakers.inlezen.splice import splice
from rechtmakers.load import YamlPath
from rechtmakers.safe_write import check_target, write_file


def write_changes(root: Path, working: CompleteAgreement, outcome: Outcome) -> None:
    """Splice the changed fields into the working tree's files, check, write, validate."""
    if not outcome.pending:
        return
    by_file: dict[str, list[tuple[YamlPath, str]]] = {}
    for (rel, ypath), value in outcome.pending:
        by_file.setdefault(rel, []).append((ypath, value))
    new_texts: dict[str, str] = {}
    for rel, fields in by_file.items():
        source = working.sources[rel]
        text = source.text
        spans = sorted(((source.span(ypath), value) for ypath, value in fields
                        if ypath in source.raw_spans), key=lambda s: s[0].start, reverse=True)
        for span, value in spans:
            text = splice(text, span, value)
        new_texts[rel] = text
    fresh = [problem for rel, text in new_texts.items()
             for problem in _file_problems(root, rel, text, working)]
    if fresh:
        outcome.problems.extend(fresh)
        outcome.problems.append("Niets geschreven: de nieuwe tekst zou de overeenkomst "
                                "onleesbaar maken.")
        return
    for rel in new_texts:
        check_target(root / rel, below=root, source=True)  # every file before writing one
    for rel, text in sorted(new_texts.items()):
        write_file(root / rel, text.encode("utf-8"), below=root, source=True)
        outcome.written.append(rel)
    _validate(root, outcome)


def _file_problems(root: Path, rel: str, text: str, working: CompleteAgreement) -> list[str]:
    """What reading the new text of one file would refuse, when the old text read well."""
    from pydantic import ValidationError

    from rechtmakers.load import LoadRefusal, read_yaml_bytes
    from rechtmakers.model import AgreementMeta, Article, PartiesFile, TermsFile
    from rechtmakers.schema_errors import translate

    models: dict[str, type[BaseModel]] = {META_FILE: AgreementMeta, PARTIES_FILE: PartiesFile,
                                          TERMS_FILE: TermsFile}
    model = models.get(rel, Article)
    path = root / rel
    try:
        source = read_yaml_bytes(text.encode("utf-8"), path)
    except LoadRefusal as refusal:
        return [f"{path}:{refusal.line}:{refusal.column}: {refusal.message}"]
    try:
        model.model_validate(source.data)
    except ValidationError as exc:
        old = working.sources.get(rel)
        try:
            if old is not None:
                model.model_validate(old.data)
        except ValidationError:
            return []  # it was refused before too: not our doing
        return [f"{problem.location}: {problem.message}"
                for _, problem in translate(exc, source, model)]
    return []


def _validate(root: Path, outcome: Outcome) -> None:
    """Validate what was written; only errors matter here, so rules that can only warn (the
    language rules, say) are skipped: they cost most of the time and change nothing."""
    from dataclasses import replace

    from rechtmakers.checks import RULES
    from rechtmakers.config import load_config
    from rechtmakers.findings import Severity
    from rechtmakers.signoff.probe import waiting_parties
    from rechtmakers.validate import validate_agreement

    config = load_config(root, rules=RULES)
    warnings = {code for code, rule in RULES.items()
                if config.severity_of(code, rule.severity) is Severity.WARNING}
    report = validate_agreement(root, replace(config, disabled=config.disabled | warnings),
                                signoffs=waiting_parties)
    for finding in report.errors:
        outcome.problems.append(f"{finding.location}: {finding.code} {finding.message}")

"""The language rules inside `rechtmakers validate`: file:line:col of a finding, settings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rechtmakers.validate import validate_agreement


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sample_agreement_has_no_language_findings(sample_dir: Path) -> None:
    report = validate_agreement(sample_dir)
    assert [f for f in report.findings if f.code.startswith("T")] == []


def test_finding_points_at_the_word(sample_copy: Path) -> None:
    article = sample_copy / "artikelen" / "doel.yaml"
    replace_text(article, "Dat lukt alleen als zorg", "Dat lukt slechts als zorg")
    report = validate_agreement(sample_copy)
    findings = [f for f in report.findings if f.code == "T001"]
    assert len(findings) == 1
    line = next(i for i, text in enumerate(article.read_text().splitlines(), start=1)
                if "slechts" in text)
    column = article.read_text().splitlines()[line - 1].index("slechts") + 1
    assert (findings[0].location.line, findings[0].location.column) == (line, column)
    assert findings[0].message == '"slechts" is ambtelijke taal; schrijf liever "alleen"'
    assert findings[0].severity.value == "warning"


def test_unused_term_is_reported_in_begrippen(sample_copy: Path) -> None:
    terms = sample_copy / "begrippen.yaml"
    terms.write_text(terms.read_text(encoding="utf-8") + "  - term: wijkkompas\n"
                     "    betekenis: Een kaart van de wijk.\n", encoding="utf-8")
    report = validate_agreement(sample_copy)
    findings = [f for f in report.findings if f.code == "T007"]
    assert [f.location.file.name for f in findings] == ["begrippen.yaml"]
    assert '"wijkkompas"' in findings[0].message


def test_settings_switch_a_rule_off_and_raise_another(sample_copy: Path,
                                                      cli: Callable[..., Any],
                                                      monkeypatch: Any) -> None:
    replace_text(sample_copy / "artikelen" / "doel.yaml", "Dat lukt alleen als zorg",
                 "Dat lukt slechts als zorg")
    (sample_copy.parent.parent / ".git").mkdir()
    (sample_copy.parent.parent / "rechtmakers.toml").write_text(
        '[ernst]\nT001 = "fout"\n', encoding="utf-8")
    monkeypatch.chdir(sample_copy.parent.parent)
    result = cli("validate", "agreements", "--format", "json")
    assert result.exit_code == 1
    assert '"T001"' in result.stdout and '"error"' in result.stdout
    (sample_copy.parent.parent / "rechtmakers.toml").write_text(
        '[taal]\nzinslengte = 5\n', encoding="utf-8")
    result = cli("validate", "agreements", "--format", "json")
    assert result.exit_code == 0
    assert "T003" in result.stdout and json.loads(result.stdout) is not None

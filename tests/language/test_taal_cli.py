"""`rechtmakers taal`: scores and findings per article in text, JSON, Markdown and HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def jargon_copy(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    article = sample_copy / "artikelen" / "doel.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Dat lukt alleen als zorg", "Dat lukt slechts als zorg <b>"),
                       encoding="utf-8")
    (sample_copy.parent.parent / ".git").mkdir()
    monkeypatch.chdir(sample_copy.parent.parent)
    return sample_copy


def test_text_lists_scores_and_findings(cli: Callable[..., Any], jargon_copy: Path) -> None:
    result = cli("taal")
    assert result.exit_code == 0
    assert "Artikel 1 – Waarom we samenwerken: " in result.stdout
    assert "Flesch-Douma " in result.stdout and "," in result.stdout
    assert 'doel.yaml:11:' in result.stdout
    assert 'T001 waarschuwing: "slechts" is ambtelijke taal' in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("Totaal: ")


def test_json(cli: Callable[..., Any], jargon_copy: Path) -> None:
    data = json.loads(cli("taal", "--format", "json").stdout)
    article = next(a for a in data[0]["articles"] if a["id"] == "doel")
    assert article["number"] == 1 and article["sentences"] > 0
    assert article["findings"][0]["code"] == "T001"
    assert article["findings"][0]["passage"] == "slechts"
    assert data[0]["total"]["words"] == sum(a["words"] for a in data[0]["articles"])


def test_markdown_table(cli: Callable[..., Any], jargon_copy: Path) -> None:
    out = cli("taal", "-f", "md").stdout
    assert "| Artikel | Zinnen | Woorden | Flesch-Douma | Leesindex A | Meldingen |" in out
    assert "| 1 Waarom we samenwerken |" in out and "**T001**" in out


def test_html_marks_the_passage_and_escapes_the_text(cli: Callable[..., Any],
                                                     jargon_copy: Path) -> None:
    out = cli("taal", "-f", "html").stdout
    assert '<mark class="T001" title="T001: &#34;slechts&#34; is ambtelijke taal' in out
    assert ">slechts</mark>" in out
    assert "&lt;b&gt;" in out and "<b>" not in out


def test_unknown_path_is_a_usage_error(cli: Callable[..., Any], jargon_copy: Path) -> None:
    result = cli("taal", "nergens")
    assert result.exit_code == 2


def test_unreadable_agreement_is_refused_not_misnumbered(cli: Callable[..., Any],
                                                         sample_copy: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (sample_copy / "artikelen" / "doel.yaml").write_text("id: doel\ntitel: [\n")
    monkeypatch.chdir(sample_copy.parent.parent)
    result = cli("taal")
    assert result.exit_code == 1
    assert "artikelen/doel.yaml:3:1" in result.output
    assert "Artikel 1" not in result.output

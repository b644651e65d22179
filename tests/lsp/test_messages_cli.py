"""Messages of issue 24 outside the editor: validate from inside an agreement's folder, the
command to type again when there are several agreements, and docs/juristen.md agreeing with
T005 and T006."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.language import check_text
from tests.conftest import ROOT

# The sample as these tests were written against it: the sample itself changes with its text.
SAMPLE = Path(__file__).resolve().parent / "data" / "positief-gezond-almere"


def test_validate_from_inside_an_agreement_folder(sample_copy: Path, cli: Callable[..., Any],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for folder in (sample_copy, sample_copy / "artikelen"):
        monkeypatch.chdir(folder)
        result = cli("validate")
        assert "Geen map agreements/" not in result.output
        assert result.exit_code == 0, result.output


def test_outside_any_agreement_the_message_stays(tmp_path: Path, cli: Callable[..., Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("validate")
    assert result.exit_code == 2
    assert "Geen map agreements/" in result.output


@pytest.mark.parametrize(("args", "typed"), [
    (["log"], "rechtmakers log agreements/"),
    (["vaststellen"], "rechtmakers vaststellen agreements/"),
    (["review", "--partij", "ggd-flevoland", "--out", "akkoord.pdf"],
     "rechtmakers review --partij ggd-flevoland --out akkoord.pdf agreements/"),
    (["sign", "--partij", "ggd-flevoland"], "rechtmakers sign --partij ggd-flevoland "
     "agreements/"),
])
def test_several_agreements_suggest_the_command_that_was_run(
        tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
        args: list[str], typed: str) -> None:
    for name in ("een", "twee"):
        shutil.copytree(SAMPLE, tmp_path / "agreements" / name)
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2
    assert typed in result.output, result.output


def _language_section() -> str:
    text = (ROOT / "docs" / "juristen.md").read_text(encoding="utf-8")
    return " ".join(text.split())


def test_juristen_md_double_negation_is_what_t005_flags() -> None:
    docs = _language_section()
    match = re.search(r'\*\*Geen dubbele ontkenning\.\*\* "([^"]+)" wordt "([^"]+)"', docs)
    assert match is not None
    bad, good = match.groups()
    assert [f.code for f in check_text(f"Dit gebeurt {bad.lower()}.")] == ["T005"]
    assert not [f for f in check_text(f"Dit gebeurt {good}.") if f.code == "T005"]


def test_juristen_md_long_words_are_what_t006_flags() -> None:
    docs = _language_section()
    match = re.search(r'\*\*Geen lange woorden\.\*\*[^"]*"([^"]+)" in plaats van "([^"]+)"', docs)
    assert match is not None
    good, bad = match.groups()
    assert "T006" in [f.code for f in check_text(f"Zo regelen we {bad}.")]
    assert "T006" not in [f.code for f in check_text(f"Zo regelen we {good}.")]
    allowed = re.search(r'mogen wel \("([^"]+)"\)', docs)
    assert allowed is not None
    assert "T006" not in [f.code for f in check_text(f"We maken {allowed.group(1)}.")]

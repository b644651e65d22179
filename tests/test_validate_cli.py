"""`rechtmakers validate` as a user meets it: output formats, exit codes, discovery, config."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA / "minimal", tmp_path / "agreements" / "minimal")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def break_reference(workdir: Path) -> None:
    path = workdir / "agreements/minimal/artikelen/doel.yaml"
    path.write_text(path.read_text().replace("[[besluitvorming]]", "[[besluiten]]"))


def test_sample_agreement_is_clean(cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch
                                   ) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("validate", "--format", "json", "--strict")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_default_is_every_agreement_under_agreements(workdir: Path,
                                                     cli: Callable[..., object]) -> None:
    result = cli("validate")
    assert result.exit_code == 0
    assert "minimal: geen fouten, geen waarschuwingen." in result.output


def test_human_output_groups_per_file(workdir: Path, cli: Callable[..., object]) -> None:
    break_reference(workdir)
    result = cli("validate")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "agreements/minimal/artikelen/doel.yaml"
    assert "7:33" in lines[1] and "fout" in lines[1] and "R003" in lines[1]
    assert "[[besluiten]]" in lines[1]
    assert "minimal: 1 fout." in result.output


def test_json_output_shape(workdir: Path, cli: Callable[..., object]) -> None:
    break_reference(workdir)
    result = cli("validate", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.output) == [{
        "code": "R003", "severity": "error",
        "message": 'De verwijzing [[besluiten]] noemt een artikel dat niet bestaat: "besluiten".',
        "file": "agreements/minimal/artikelen/doel.yaml", "line": 7, "column": 33}]


def test_github_annotations(workdir: Path, cli: Callable[..., object]) -> None:
    break_reference(workdir)
    result = cli("validate", "--format", "github")
    assert result.output.startswith(
        "::error file=agreements/minimal/artikelen/doel.yaml,line=7,col=33,"
        "title=rechtmakers R003::De verwijzing [[besluiten]]")


def test_missing_path_is_a_usage_error(workdir: Path, cli: Callable[..., object]) -> None:
    result = cli("validate", "bestaat-niet")
    assert result.exit_code == 2
    assert "bestaat niet" in result.output


def test_no_agreements_folder(tmp_path: Path, cli: Callable[..., object],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("validate")
    assert result.exit_code == 2
    assert "Geen map agreements/" in result.output


def test_file_inside_agreement_validates_that_agreement(workdir: Path,
                                                        cli: Callable[..., object]) -> None:
    result = cli("validate", "agreements/minimal/artikelen/doel.yaml")
    assert result.exit_code == 0
    assert "minimal:" in result.output


def test_severity_override_and_suppression(workdir: Path, cli: Callable[..., object]) -> None:
    break_reference(workdir)
    (workdir / "rechtmakers.toml").write_text('[ernst]\nR003 = "waarschuwing"\n')
    result = cli("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["severity"] == "warning"
    assert cli("validate", "--strict").exit_code == 1


def test_suppression_comment_above_the_key(workdir: Path, cli: Callable[..., object]) -> None:
    break_reference(workdir)
    path = workdir / "agreements/minimal/artikelen/doel.yaml"
    path.write_text(path.read_text().replace("tekst: |", "# rechtmakers: negeer R003\ntekst: |"))
    result = cli("validate", "--format", "json")
    assert result.exit_code == 0, result.output


def test_bad_config_is_a_usage_error(workdir: Path, cli: Callable[..., object]) -> None:
    (workdir / "rechtmakers.toml").write_text('[ernst]\nX999 = "fout"\n')
    result = cli("validate")
    assert result.exit_code == 2
    assert "X999 bestaat niet" in result.output


def test_console_script_runs_without_traceback(workdir: Path) -> None:
    break_reference(workdir)
    (workdir / "agreements/minimal/partijen.yaml").write_bytes(b"partijen: [\xff\n")
    result = subprocess.run([sys.executable, "-m", "rechtmakers", "validate"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "geen geldige UTF-8" in result.stdout


def test_version(cli: Callable[..., object]) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output.startswith("rechtmakers ")


def test_broken_toml_config_is_reported_in_dutch(workdir: Path, cli: Callable[..., object]
                                                 ) -> None:
    (workdir / "rechtmakers.toml").write_text("[ernst\nT003 = 'fout'\n")
    result = cli("validate")
    assert result.exit_code == 2
    assert "geen geldige TOML (regel 1, kolom 7)" in result.output


def test_schema_to_an_impossible_folder(tmp_path: Path, cli: Callable[..., object]) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    result = cli("schema", "--out", str(blocker / "schemas"))
    assert result.exit_code == 2
    assert "een deel van het pad is geen map" in result.output

"""`validate --format sarif`: SARIF 2.1.0 that code scanning and SARIF viewers accept."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from rechtmakers.checks import RULES

DATA = Path(__file__).parent / "data"
MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal"
Cli = Callable[..., Any]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one agreement whose folder name needs escaping in a URI."""
    shutil.copytree(MINIMAL, tmp_path / "agreements" / "minimal")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif(cli: Cli, *args: str) -> tuple[int, dict[str, Any]]:
    result = cli("validate", "--format", "sarif", *args)
    return result.exit_code, json.loads(result.stdout)


def assert_valid(log: dict[str, Any]) -> None:
    schema = json.loads((DATA / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def break_things(workdir: Path) -> None:
    doel = workdir / "agreements/minimal/artikelen/doel.yaml"
    doel.write_text(doel.read_text().replace("[[besluitvorming]]", "[[besluiten]]"))
    meta = workdir / "agreements/minimal/overeenkomst.yaml"
    meta.write_text(meta.read_text().replace("titel:", "titel: '[nog invullen]'\nxtitel:", 1))


def test_clean_run_is_valid_sarif_with_every_rule(workdir: Path, cli: Cli) -> None:
    code, log = sarif(cli)
    assert code == 0
    assert_valid(log)
    run = log["runs"][0]
    assert run["results"] == []
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    d004 = rules[list(RULES).index("D004")]
    assert d004["shortDescription"]["text"] == RULES["D004"].summary
    assert "Fout: `termijn: snel`" in d004["help"]["text"]
    assert d004["defaultConfiguration"]["level"] == "error"


def test_findings_become_results_at_their_place(workdir: Path, cli: Cli) -> None:
    break_things(workdir)
    code, log = sarif(cli)
    assert code == 1
    assert_valid(log)
    run = log["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    r003 = by_rule["R003"]
    assert r003["level"] == "error"
    assert r003["message"]["text"].startswith("De verwijzing [[besluiten]]")
    assert run["tool"]["driver"]["rules"][r003["ruleIndex"]]["id"] == "R003"
    place = r003["locations"][0]["physicalLocation"]
    assert place["artifactLocation"] == {"uri": "agreements/minimal/artikelen/doel.yaml",
                                         "uriBaseId": "SRCROOT"}
    assert place["region"] == {"startLine": 7, "startColumn": 33}
    assert by_rule["N001"]["level"] == "warning"
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base == workdir.resolve().as_uri() + "/"


def test_uris_are_relative_and_escaped(tmp_path: Path, cli: Cli,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(MINIMAL, tmp_path / "mijn map" / "minimal")
    monkeypatch.chdir(tmp_path)
    doel = tmp_path / "mijn map/minimal/artikelen/doel.yaml"
    doel.write_text(doel.read_text().replace("[[besluitvorming]]", "[[besluiten]]"))
    _, log = sarif(cli, "mijn map/minimal")
    assert_valid(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "mijn%20map/minimal/artikelen/doel.yaml"


def test_output_is_deterministic(workdir: Path, cli: Cli) -> None:
    break_things(workdir)
    first = cli("validate", "--format", "sarif").stdout
    assert cli("validate", "--format", "sarif").stdout == first


def test_the_subset_schema_rejects_what_sarif_forbids() -> None:
    """The check has teeth: a wrong version, a result without message, column 0."""
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a.yaml"}, "region": {"startLine": 1,
                                                             "startColumn": 1}}}]}]}]}
    assert_valid(good)
    for broken in (
        {**good, "version": "2.0.0"},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                       "results": [{"ruleId": "R003"}]}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
            {"message": {"text": "m"}, "level": "fout"}]}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
            {"message": {"text": "m"}, "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "a"}, "region": {"startColumn": 0}}}]}]}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            assert_valid(broken)

"""Every broken agreement fails cleanly: exit 1, the expected code at the expected place."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CASES = sorted(p for p in (DATA / "broken").iterdir() if p.is_dir())


def build_case(case: Path, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """The minimal valid agreement with the case's files laid over it."""
    spec = tomllib.loads((case / "case.toml").read_text())
    root = tmp_path / "minimal"
    shutil.copytree(DATA / "minimal", root)
    for rel in spec["remove"]:
        (root / rel).unlink()
    for path in case.rglob("*"):
        if path.is_file() and path.name != "case.toml":
            target = root / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return root, spec


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_agreement(case: Path, tmp_path: Path, cli: Callable[..., object],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    root, spec = build_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "minimal", "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)
    errors = [f for f in findings if f["severity"] == "error"]
    assert {f["code"] for f in errors} == {spec["code"]}, errors
    expected = (spec["code"], f"minimal/{spec['file']}", spec["line"], spec["column"])
    assert expected in [(f["code"], f["file"], f["line"], f["column"]) for f in errors]
    assert all(f["message"] and "Traceback" not in f["message"] for f in findings)


def test_minimal_agreement_is_valid(cli: Callable[..., object],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = cli("validate", "minimal", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []

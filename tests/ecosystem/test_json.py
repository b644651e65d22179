"""Every command's JSON: English keys, the shape of its schema in docs/json/, documented in
docs/json.md."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "json.md"
SCHEMAS = ROOT / "docs" / "json"
MINIMAL = ROOT / "tests" / "data" / "minimal"
Cli = Callable[..., Any]
ENGLISH_ONLY = ("validate", "taal", "diff", "status", "verify", "log", "inlezen")
DUTCH_KEYS = {"versie", "titel", "tekst", "meldingen", "artikelen", "totaal", "nummer",
              "zinnen", "woorden", "partijen", "soort", "bestand", "regel", "kolom"}


def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    return data


def keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys(item)


def schema_properties(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        yield from value.get("properties", {})
        for item in value.values():
            yield from schema_properties(item)
    elif isinstance(value, list):
        for item in value:
            yield from schema_properties(item)


@pytest.fixture
def outputs(git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The JSON of every command, on the sample in a git repository with one change made."""
    monkeypatch.chdir(git_repo)
    sample = git_repo / "agreements" / "positief-gezond-almere"
    shutil.copytree(MINIMAL, git_repo / "kapot")
    doel = git_repo / "kapot" / "artikelen" / "doel.yaml"
    doel.write_text(doel.read_text().replace("goed kan leven", "goed kan leven #1"))
    besluit = sample / "artikelen" / "besluitvorming.yaml"
    besluit.write_text(besluit.read_text().replace("drie werkdagen", "vijf werkdagen"))
    meta = sample / "overeenkomst.yaml"
    meta.write_text(meta.read_text().replace("versie: 1.1.0", "versie: 1.2.0"))
    from rechtmakers.agreement import load_agreement
    from rechtmakers.render import RenderOptions, render_agreement

    agreement, _ = load_agreement(sample)
    docx = next(iter(render_agreement(agreement, RenderOptions(formats=("docx",))).values()))
    (git_repo / "review.docx").write_bytes(docx)
    runs = {
        "validate": cli("validate", "kapot", "agreements", "--format", "json"),
        "taal": cli("taal", "agreements", "--format", "json"),
        "diff": cli("diff", "HEAD", "--format", "json"),
        "status": cli("status", "--format", "json"),
        "verify": cli("verify", "--format", "json"),
        "log": cli("log", "--format", "json"),
        "inlezen": cli("inlezen", "review.docx", "--dry-run", "--format", "json"),
    }
    found = {}
    for name, result in runs.items():
        assert result.exit_code in (0, 1), (name, result.output)
        found[name] = json.loads(result.stdout)
    return found


def test_every_output_matches_its_schema(outputs: dict[str, Any]) -> None:
    for name, data in outputs.items():
        jsonschema.Draft202012Validator.check_schema(schema(name))
        jsonschema.validate(data, schema(name), cls=jsonschema.Draft202012Validator)
    assert outputs["validate"] and outputs["diff"]["changes"] and outputs["log"]["entries"]


def test_keys_are_english(outputs: dict[str, Any]) -> None:
    for name in ENGLISH_ONLY:
        dutch = set(keys(outputs[name])) & DUTCH_KEYS
        assert not dutch, f"{name}: Nederlandse sleutels {dutch}"
        assert all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", k) for k in keys(outputs[name])), name


def test_every_schema_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    names = sorted(p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json"))
    assert names == ["diff", "inlezen", "log", "status", "taal", "validate", "verify"]
    for name in names:
        assert f"## {name}\n" in docs and f"json/{name}.schema.json" in docs, name
        for key in set(schema_properties(schema(name))):
            assert f"`{key}`" in docs, f"docs/json.md beschrijft {name}.{key} niet"

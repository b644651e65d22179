"""The exported JSON Schema: up to date, accepts the sample, agrees with the validator."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from rechtmakers.schema_export import packaged_schema_dir, schema_files
from rechtmakers.validate import validate_agreement

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
SAMPLE = ROOT / "agreements" / "positief-gezond-almere"
KINDS = {"overeenkomst.yaml": "overeenkomst", "partijen.yaml": "partijen",
         "begrippen.yaml": "begrippen"}


class _Yaml12Loader(yaml.SafeLoader):
    """Reads YAML as editors do (YAML 1.2): 2026-01-21 stays text, it is not a date."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def kind_of(path: Path) -> str:
    return "artikel" if path.parent.name == "artikelen" else KINDS[path.name]


def schema_errors(path: Path) -> list[str]:
    """What jsonschema says about one source file, against the checked-in schema."""
    schema = json.loads((SCHEMAS / f"{kind_of(path)}.schema.json").read_text(encoding="utf-8"))
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)  # noqa: S506
    validator = jsonschema.Draft202012Validator(schema,
                                                format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(data)]


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE.rglob("*.yaml") if "ondertekeningen" not in p.parts)


def test_checked_in_schemas_equal_the_export(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("schema", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    exported = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.json")}
    assert exported == schema_files()
    for folder in (SCHEMAS, packaged_schema_dir()):
        checked_in = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.json")}
        assert checked_in == exported, f"{folder} is verouderd: draai `rechtmakers schema " \
            f"--out {folder.relative_to(ROOT)}`"


def test_schemas_are_valid_draft_2020_12() -> None:
    for text in schema_files().values():
        jsonschema.Draft202012Validator.check_schema(json.loads(text))


def test_optional_blocks_are_plain_nullable_types() -> None:
    """No `anyOf` with null: yaml-language-server completes and explains those poorly."""
    def walk(node: Any) -> Iterator[Any]:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for text in schema_files().values():
        for node in walk(json.loads(text)):
            for option in node.get("anyOf", []):
                assert option.get("type") != "null", node


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: str(p.relative_to(SAMPLE)))
def test_every_sample_file_validates(path: Path) -> None:
    assert schema_errors(path) == []


# Schema-level breaks: (file, pattern, replacement). Each must be rejected by both.
BREAKS: dict[str, tuple[str, str, str]] = {
    "missing-key": ("artikelen/doel.yaml", r"(?m)^titel: .*\n", ""),
    "unknown-key": ("artikelen/doel.yaml", r"(?m)^titel:", "title:"),
    "wrong-type-int": ("artikelen/doel.yaml", r"(?m)^versie: 2$", "versie: drie"),
    "wrong-type-list": ("overeenkomst.yaml", r"(?s)overwegingen:\n.*?(?=artikelen:)",
                        "overwegingen: Omdat het moet.\n"),
    "bad-enum-topic": ("artikelen/doel.yaml", r"(?m)^onderwerp: doel$", "onderwerp: missie"),
    "bad-enum-kind": ("partijen.yaml", r"soort: welzijn", "soort: sport"),
    "bad-enum-method": ("artikelen/besluitvorming.yaml", r"wijze: consent", "wijze: stemmen"),
    "bad-semver": ("overeenkomst.yaml", r"(?m)^versie: 1\.1\.0$", "versie: '1.0'"),
    "bad-semver-float": ("overeenkomst.yaml", r"(?m)^versie: 1\.1\.0$", "versie: 1.0"),
    "bad-date-order": ("overeenkomst.yaml", r"(?m)^datum: .*$", "datum: 21-01-2026"),
    "bad-date-day": ("overeenkomst.yaml", r"(?m)^datum: .*$", "datum: 2026-02-30"),
    "bad-slug": ("partijen.yaml", r"id: de-schoor", "id: De Schoor"),
    "bad-email": ("partijen.yaml", r"email: j\.hellendoorn@deschoor\.example",
                  "email: j.hellendoorn"),
    "empty-text": ("artikelen/doel.yaml", r"(?m)^titel: .*$", "titel: ''"),
    "missing-term-meaning": ("begrippen.yaml", r"(?m)^    betekenis: Iemand die in Almere.*\n",
                             ""),
    "unknown-block-key": ("artikelen/besluitvorming.yaml", r"orgaan: de stuurgroep",
                          "orgaan: de stuurgroep\n  stemming: ja"),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_schema_and_validator_both_reject(name: str, sample_copy: Path) -> None:
    rel, pattern, replacement = BREAKS[name]
    path = sample_copy / rel
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"{name}: het patroon staat niet in {rel}"
    path.write_text(text, encoding="utf-8")
    assert schema_errors(path), f"{name}: het schema accepteert dit"
    codes = {f.code for f in validate_agreement(sample_copy).errors
             if f.location.file.resolve() == path.resolve()}
    assert codes & {f"S00{i}" for i in range(1, 8)}, f"{name}: de validator accepteert dit"


def test_schema_and_validator_both_accept_the_sample(tmp_path: Path) -> None:
    target = tmp_path / SAMPLE.name
    shutil.copytree(SAMPLE, target)
    assert validate_agreement(target).errors == []
    assert all(schema_errors(p) == [] for p in sample_files())

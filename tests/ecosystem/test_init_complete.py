"""What `rechtmakers init` scaffolds is sound: the articles a signed agreement needs, each with a
model text and places to fill in; filled in, it validates without errors or warnings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rechtmakers.checks.completeness import SIGNING_TOPICS
from rechtmakers.checks.placeholders import PLACEHOLDER
from rechtmakers.scaffold import ARTICLES
from rechtmakers.validate import validate_agreement

Cli = Callable[..., Any]
NEW = ("financiering", "privacy", "geheimhouding", "aansprakelijkheid", "looptijd", "berichten",
       "geschillen")
FILLER = "We spreken dit samen af."
VALUES = {"titel": "Samen gezond", "naam": "Anna Jansen", "vestigingsplaats": "Almere"}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fill_line(line: str, kvk: list[int]) -> str | None:
    """The line as a jurist fills it in: commented keys taken in, hints removed, values
    written; None when the line goes."""
    match = PLACEHOLDER.search(line)
    if match is None:
        return line
    code, hash_, comment = line.partition("#")
    if hash_ and PLACEHOLDER.search(comment):
        key = re.match(r"\s*(rechtsvorm|kvk):", comment)
        if key and not code.strip():
            kvk[0] += 1
            value = "stichting" if key.group(1) == "rechtsvorm" else f"'{99990000 + kvk[0]}'"
            return f"{code}{key.group(1)}: {value}"
        return code.rstrip() or None
    key = re.match(r"\s*(?:- )?([a-z-]+):", code)
    name = key.group(1) if key else ""
    if name == "functie":
        return f"{code[:code.index(':') + 1]} directeur-bestuurder"
    return PLACEHOLDER.sub(VALUES.get(name, FILLER), line)


def fill(root: Path) -> None:
    kvk = [0]
    for path in sorted(root.rglob("*.yaml")):
        lines = [fill_line(line, kvk) for line in path.read_text(encoding="utf-8").splitlines()]
        path.write_text("".join(f"{line}\n" for line in lines if line is not None),
                        encoding="utf-8")


def test_init_scaffolds_the_articles_a_signed_agreement_needs(cli: Cli, repo: Path) -> None:
    assert cli("init", "agreements/nieuw", "-p", "a:A:zorg").exit_code == 0
    root = repo / "agreements" / "nieuw"
    meta = yaml.safe_load((root / "overeenkomst.yaml").read_text(encoding="utf-8"))
    assert meta["artikelen"] == list(ARTICLES)
    assert set(NEW) <= set(ARTICLES)
    topics = {yaml.safe_load(p.read_text(encoding="utf-8"))["onderwerp"]
              for p in (root / "artikelen").glob("*.yaml")}
    assert set(SIGNING_TOPICS) <= topics
    report = validate_agreement(root)
    assert report.errors == []
    unfilled = {f.location.file.stem for f in report.warnings if f.code == "N001"}
    assert set(NEW) <= unfilled  # every new article has a choice left to make


def test_init_filled_in_validates_clean(cli: Cli, repo: Path) -> None:
    assert cli("init", "agreements/nieuw", "-p", "a:A:zorg", "-p",
               "b:Gemeente Bedum:gemeente").exit_code == 0
    root = repo / "agreements" / "nieuw"
    fill(root)
    assert "nog invullen" not in "".join(p.read_text(encoding="utf-8")
                                         for p in root.rglob("*.yaml"))
    report = validate_agreement(root)
    assert [(f.code, str(f.location)) for f in report.findings] == [
        ("P003", f"agreements/nieuw/partijen.yaml:{line}:9") for line in (
            [i for i, text in enumerate((root / "partijen.yaml").read_text(
                encoding="utf-8").splitlines(), start=1) if "- naam:" in text][1:])]
    # The gemeente's directeur-bestuurder is not its burgemeester: say so, and it is clean.
    parties = root / "partijen.yaml"
    text = parties.read_text(encoding="utf-8")
    head, _, tail = text.rpartition("functie: directeur-bestuurder")
    parties.write_text(head + "functie: burgemeester" + tail, encoding="utf-8")
    assert validate_agreement(root).findings == []
    meta = root / "overeenkomst.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("status: concept",
                                                             "status: ter-ondertekening"),
                    encoding="utf-8")
    assert validate_agreement(root).findings == []
    check = cli("validate", "--strict", "agreements/nieuw")
    assert check.exit_code == 0, check.output

"""`rechtmakers init`: flags, questions, placeholders that validate warns about, no overwriting."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rechtmakers.checks import RULES
from rechtmakers.scaffold import ARTICLES
from rechtmakers.schema_export import packaged_schema_dir
from rechtmakers.validate import validate_agreement

ROOT = Path(__file__).resolve().parents[2]
Cli = Callable[..., Any]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository (a .git folder is enough) as the working directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_flags_make_an_agreement_that_validates(cli: Cli, repo: Path) -> None:
    result = cli("init", "agreements/samen-gezond", "--titel", "Samen gezond",
                 "--partij", "ggd-flevoland:GGD Flevoland:publieke-gezondheid",
                 "-p", "de-schoor:De Schoor:welzijn", "--penvoerder", "de-schoor")
    assert result.exit_code == 0, result.output
    root = repo / "agreements/samen-gezond"
    meta = read(root / "overeenkomst.yaml")
    assert meta["id"] == "samen-gezond"
    assert meta["titel"] == "Samen gezond"
    assert meta["penvoerder"] == "de-schoor"
    assert meta["artikelen"] == list(ARTICLES)
    parties = read(root / "partijen.yaml")["partijen"]
    assert [(p["id"], p["naam"], p["soort"]) for p in parties] == [
        ("ggd-flevoland", "GGD Flevoland", "publieke-gezondheid"),
        ("de-schoor", "De Schoor", "welzijn")]
    assert sorted(p.stem for p in (root / "artikelen").glob("*.yaml")) == sorted(ARTICLES)
    assert "@ggd-flevoland" in read(root / "artikelen/partijen.yaml")["tekst"]
    check = cli("validate", "agreements/samen-gezond")
    assert check.exit_code == 0, check.output


def test_without_flags_every_gap_is_a_placeholder_warning(cli: Cli, repo: Path) -> None:
    assert cli("init", "agreements/nieuw").exit_code == 0  # stdin is no terminal: no questions
    report = validate_agreement(Path("agreements/nieuw"))
    assert report.errors == []
    placeholders = [f for f in report.warnings if f.code == "N001"]
    assert len(placeholders) >= 15
    assert {f.location.file.name for f in placeholders} >= {
        "overeenkomst.yaml", "partijen.yaml", "begrippen.yaml", "doel.yaml"}
    title = next(f for f in placeholders if f.location.file.name == "overeenkomst.yaml")
    assert (title.location.line, title.location.column) == (3, 9)
    assert title.message == "Nog invullen: titel van de overeenkomst."
    assert RULES["N001"].severity.value == "warning"


def test_placeholder_in_a_comment_is_found(cli: Cli, repo: Path) -> None:
    cli("init", "agreements/nieuw", "-p", "a:A:zorg")
    report = validate_agreement(Path("agreements/nieuw"))
    email = next(f for f in report.warnings if f.message == "Nog invullen: e-mailadres.")
    line = (repo / "agreements/nieuw/partijen.yaml").read_text().splitlines()[
        email.location.line - 1]
    assert line[email.location.column - 1:].startswith("[nog invullen: e-mailadres]")


def test_filled_in_agreement_has_no_placeholder_warnings(sample_dir: Path) -> None:
    assert not [f for f in validate_agreement(sample_dir).findings if f.code == "N001"]


def test_questions_on_a_terminal(cli: Cli, repo: Path) -> None:
    answers = "\n".join(["Samen gezond", "GGD Flevoland", "", "publiek", "publieke-gezondheid",
                         "De Schoor", "ggd-flevoland", "", "welzijn", "", ""])
    result = cli("init", "agreements/gevraagd", "--vragen", input=answers)
    assert result.exit_code == 0, result.output
    assert '"publiek" is geen soort partij' in result.stderr
    assert "Er is al een partij met kenmerk ggd-flevoland" in result.stderr
    parties = read(repo / "agreements/gevraagd/partijen.yaml")["partijen"]
    assert [(p["id"], p["soort"]) for p in parties] == [
        ("ggd-flevoland", "publieke-gezondheid"), ("de-schoor", "welzijn")]
    assert read(repo / "agreements/gevraagd/overeenkomst.yaml")["titel"] == "Samen gezond"


def test_empty_answers_leave_placeholders(cli: Cli, repo: Path) -> None:
    result = cli("init", "agreements/leeg", "--vragen", input="\n\n")
    assert result.exit_code == 0, result.output
    assert "nog invullen" in read(repo / "agreements/leeg/overeenkomst.yaml")["titel"]


def test_refuses_to_overwrite_an_agreement(cli: Cli, repo: Path) -> None:
    cli("init", "agreements/bestaand", "--titel", "Eerste")
    meta = repo / "agreements/bestaand/overeenkomst.yaml"
    before = meta.read_bytes()
    result = cli("init", "agreements/bestaand", "--titel", "Tweede")
    assert result.exit_code == 2
    assert "staat al een overeenkomst" in result.stderr
    assert "overschrijft niets" in result.stderr
    assert meta.read_bytes() == before


def test_refuses_a_folder_with_other_files(cli: Cli, repo: Path) -> None:
    (repo / "agreements/vol").mkdir(parents=True)
    (repo / "agreements/vol/notities.txt").write_text("eigen werk")
    result = cli("init", "agreements/vol")
    assert result.exit_code == 2
    assert "geen lege map" in result.stderr
    assert (repo / "agreements/vol/notities.txt").read_text() == "eigen werk"
    assert sorted(p.name for p in (repo / "agreements/vol").iterdir()) == ["notities.txt"]


def test_an_empty_folder_is_used(cli: Cli, repo: Path) -> None:
    (repo / "agreements/leeg").mkdir(parents=True)
    assert cli("init", "agreements/leeg").exit_code == 0
    assert (repo / "agreements/leeg/overeenkomst.yaml").is_file()


@pytest.mark.parametrize("args, message", [
    (["agreements/Mijn Overeenkomst"], "mapnaam"),
    (["agreements/x", "-p", "de-schoor:De Schoor"], "kenmerk:Naam:soort"),
    (["agreements/x", "-p", "De Schoor:De Schoor:welzijn"], "kleine letters"),
    (["agreements/x", "-p", "a:A:sport"], "geen soort partij"),
    (["agreements/x", "-p", "a:A:zorg", "-p", "a:B:zorg"], "twee keer"),
    (["agreements/x", "-p", "a:A:zorg", "--penvoerder", "b"], "penvoerder"),
])
def test_usage_errors_are_dutch_and_write_nothing(cli: Cli, repo: Path, args: list[str],
                                                  message: str) -> None:
    result = cli("init", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (repo / "agreements").exists() or not any((repo / "agreements").iterdir())


def test_written_atomically(cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure half-way leaves neither the agreement nor a temporary folder behind."""
    real = Path.write_text
    calls = []

    def failing(self: Path, *args: Any, **kwargs: Any) -> int:
        calls.append(self)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    result = cli("init", "agreements/half")
    assert result.exit_code == 2
    assert "Kan de overeenkomst niet schrijven" in result.stderr
    assert list((repo / "agreements").iterdir()) == []


def test_modelines_are_relative_to_the_repository_schemas(cli: Cli, repo: Path) -> None:
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    cli("init", "agreements/relatief")
    root = repo / "agreements/relatief"
    first = (root / "overeenkomst.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/overeenkomst.schema.json"
    article = (root / "artikelen/doel.yaml").read_text().splitlines()[0]
    assert article == "# yaml-language-server: $schema=../../../schemas/artikel.schema.json"


def test_modelines_use_the_packaged_schema_outside_a_repository_with_schemas(
        cli: Cli, repo: Path) -> None:
    result = cli("init", "agreements/los")
    assert "rechtmakers schema" in result.stdout  # the tip for portable modelines
    first = (repo / "agreements/los/partijen.yaml").read_text().splitlines()[0]
    uri = first.removeprefix("# yaml-language-server: $schema=")
    assert uri == (packaged_schema_dir() / "partijen.schema.json").resolve().as_uri()


def test_quiet_prints_nothing(cli: Cli, repo: Path) -> None:
    result = cli("init", "agreements/stil", "--quiet")
    assert result.exit_code == 0
    assert result.output == ""

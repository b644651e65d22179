"""Issue 15: no reads or writes through symbolic links, and no writes into an agreement.

A planted link is the attack: a committed `build/<id>` or `schemas/x.json` pointing at a file
outside the repository, or an article that is a link to text git does not hold.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.validate import validate_agreement

DATA = Path(__file__).parent / "data"
Cli = Callable[..., Any]

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt",
                                reason="symbolische links zijn hier niet te maken")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(DATA / "minimal", root / "agreements" / "minimal")
    (root / ".git").mkdir()  # the configuration search stops here
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("niet aankomen\n")
    return path


def codes_at(root: Path) -> list[tuple[str, str]]:
    return [(f.code, f.location.file.name) for f in validate_agreement(root).findings
            if f.code == "Y013"]


def test_a_linked_article_is_refused_at_the_link(repo: Path, victim: Path) -> None:
    agreement = repo / "agreements" / "minimal"
    article = agreement / "artikelen" / "doel.yaml"
    victim.write_text(article.read_text())
    article.unlink()
    article.symlink_to(victim)
    report = validate_agreement(agreement)
    assert codes_at(agreement) == [("Y013", "doel.yaml")]
    finding = next(f for f in report.findings if f.code == "Y013")
    assert "symbolische link" in finding.message and finding.location.line == 1


def test_a_linked_articles_folder_is_refused(repo: Path, tmp_path: Path) -> None:
    agreement = repo / "agreements" / "minimal"
    elsewhere = tmp_path / "elders"
    shutil.move(str(agreement / "artikelen"), elsewhere)
    (agreement / "artikelen").symlink_to(elsewhere, target_is_directory=True)
    assert codes_at(agreement) == [("Y013", "artikelen")]
    assert validate_agreement(agreement).errors


def test_a_linked_agreement_folder_is_refused(repo: Path, tmp_path: Path, cli: Cli) -> None:
    elsewhere = tmp_path / "elders" / "gedeeld"
    shutil.copytree(repo / "agreements" / "minimal", elsewhere)
    (repo / "agreements" / "gedeeld").symlink_to(elsewhere, target_is_directory=True)
    result = cli("validate", "--format", "json")
    assert result.exit_code == 1
    assert '"Y013"' in result.stdout


def test_render_never_writes_through_a_planted_link(repo: Path, cli: Cli,
                                                    tmp_path: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (repo / "build").mkdir()
    (repo / "build" / "minimal").symlink_to(outside, target_is_directory=True)
    result = cli("render")
    assert result.exit_code == 2
    assert "symbolische link" in result.stderr
    assert list(outside.iterdir()) == []


def test_render_refuses_an_out_folder_that_is_a_link(repo: Path, cli: Cli,
                                                     tmp_path: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (repo / "build").symlink_to(outside, target_is_directory=True)
    assert cli("render").exit_code == 2
    assert list(outside.iterdir()) == []


def test_schema_never_writes_through_a_planted_link(repo: Path, cli: Cli,
                                                    victim: Path) -> None:
    (repo / "schemas").mkdir()
    (repo / "schemas" / "artikel.schema.json").symlink_to(victim)
    result = cli("schema")
    assert result.exit_code == 2
    assert victim.read_text() == "niet aankomen\n"


def test_schema_writes_fresh_files(repo: Path, cli: Cli) -> None:
    (repo / "schemas").mkdir()
    (repo / "schemas" / "artikel.schema.json.tmp").symlink_to(repo / "nergens")
    result = cli("schema")
    assert result.exit_code == 0, result.output
    assert not (repo / "nergens").exists()
    assert (repo / "schemas" / "artikel.schema.json").is_file()


def test_diff_out_never_writes_through_a_link(repo: Path, cli: Cli, victim: Path) -> None:
    (repo / "wijzigingen.html").symlink_to(victim)
    agreement = repo / "agreements" / "minimal"
    result = cli("diff", "-f", "html", "--out", "wijzigingen.html", str(agreement),
                 str(agreement))
    assert result.exit_code == 2
    assert victim.read_text() == "niet aankomen\n"


def test_diff_out_through_a_linked_folder_is_refused(repo: Path, cli: Cli,
                                                     tmp_path: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (repo / "uit").symlink_to(outside, target_is_directory=True)
    agreement = repo / "agreements" / "minimal"
    result = cli("diff", "-f", "md", "--out", "uit/w.md", str(agreement), str(agreement))
    assert result.exit_code == 2
    assert list(outside.iterdir()) == []


def test_init_never_writes_inside_an_agreement_or_through_a_link(repo: Path, cli: Cli,
                                                                 tmp_path: Path) -> None:
    inside = cli("init", "agreements/minimal/artikelen/nieuw", "--geen-vragen", "--titel", "X")
    assert inside.exit_code == 2
    assert "bron van een overeenkomst" in inside.stderr
    outside = tmp_path / "buiten"
    outside.mkdir()
    (repo / "agreements" / "link").symlink_to(outside, target_is_directory=True)
    linked = cli("init", "agreements/link", "--geen-vragen", "--titel", "X")
    assert linked.exit_code == 2
    assert list(outside.iterdir()) == []


def test_render_into_a_fresh_folder_still_works(repo: Path, cli: Cli) -> None:
    result = cli("render", "-o", "uit/nieuw")
    assert result.exit_code == 0, result.output
    assert (repo / "uit" / "nieuw" / "minimal" / "minimal.md").is_file()

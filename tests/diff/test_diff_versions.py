"""validate --since REV: V001 and V002 warn when binding text changed but versie did not rise."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

AGREEMENT = Path("agreements/positief-gezond-almere")
BESLUIT = AGREEMENT / "artikelen" / "besluitvorming.yaml"
META = AGREEMENT / "overeenkomst.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def version_findings(cli: Callable[..., Any], *args: str) -> list[tuple[str, str, int]]:
    result = cli("validate", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(f["code"], f["file"], f["line"]) for f in json.loads(result.stdout)
            if f["code"].startswith("V")]


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    return git_repo


def test_changed_text_without_new_versions_warns_twice(repo: Path,
                                                       cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "Een besluit gaat door", "Een voorstel gaat door")
    assert version_findings(cli, "--since", "HEAD") == [
        ("V001", str(BESLUIT), 5), ("V002", str(META), 4)]
    result = cli("validate", "--since", "HEAD")
    assert result.exit_code == 0  # warnings
    assert "Artikel besluitvorming is gewijzigd sinds HEAD, maar de versie is niet verhoogd " \
           "(was 2, nu 2). Maak er versie: 3 van." in result.stdout
    assert cli("validate", "--since", "HEAD", "--strict").exit_code == 1


def test_raised_versions_are_fine(repo: Path, cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "Een besluit gaat door", "Een voorstel gaat door")
    edit(repo / BESLUIT, "versie: 2", "versie: 3")
    edit(repo / META, "versie: 1.1.0", "versie: 1.1.1")
    assert version_findings(cli, "--since", "HEAD") == []


def test_only_the_agreement_version_for_an_added_article(repo: Path,
                                                         cli: Callable[..., Any]) -> None:
    (repo / AGREEMENT / "artikelen" / "leren.yaml").write_text(
        "id: leren\ntitel: Zo leren we\nonderwerp: overig\nversie: 1\ntekst: We leren samen.\n",
        encoding="utf-8")
    edit(repo / META, "  - looptijd\n", "  - looptijd\n  - leren\n")
    assert version_findings(cli, "--since", "HEAD") == [("V002", str(META), 4)]


def test_explanation_and_representatives_are_not_binding(repo: Path,
                                                        cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "Bij consent hoeft niet", "Bij consent hoeft echt niet")
    edit(repo / AGREEMENT / "partijen.yaml", "functie: directeur-bestuurder",
         "functie: bestuurder")
    assert version_findings(cli, "--since", "HEAD") == []


@pytest.mark.parametrize(("old", "new"), [
    ("ook als het niet onze", "ook als het **niet** onze"),  # emphasis: the digest changes
    ("Een besluit gaat door", "Een besluit\u00a0gaat door"),  # another kind of space
])
def test_changes_the_words_do_not_show_need_new_versions(repo: Path, cli: Callable[..., Any],
                                                         old: str, new: str) -> None:
    edit(repo / BESLUIT, old, new)
    assert version_findings(cli, "--since", "HEAD") == [
        ("V001", str(BESLUIT), 5), ("V002", str(META), 4)]


def test_datum_needs_a_new_version_nfd_does_not(repo: Path, cli: Callable[..., Any]) -> None:
    import unicodedata

    path = repo / BESLUIT
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")
                                          .replace("Een besluit", "Eén besluit")),
                    encoding="utf-8")
    edit(repo / META, "datum: 2026-01-21", "datum: 2026-02-01")
    # The article changed (é is new), the datum changed: NFD spelling alone would not count.
    assert version_findings(cli, "--since", "HEAD") == [
        ("V001", str(BESLUIT), 5), ("V002", str(META), 4)]


def test_nfd_spelling_needs_no_new_version(repo: Path, cli: Callable[..., Any]) -> None:
    import unicodedata

    for rel in ("overeenkomst.yaml", "artikelen/partijen.yaml", "artikelen/financiering.yaml"):
        path = repo / AGREEMENT / rel
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFD", text) != text
        path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert version_findings(cli, "--since", "HEAD") == []


def test_without_since_no_version_rules(repo: Path, cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "Een besluit gaat door", "Een voorstel gaat door")
    assert version_findings(cli) == []


def test_agreement_new_since_rev(repo: Path, git_env: dict[str, str],
                                 cli: Callable[..., Any]) -> None:
    subprocess.run(["git", "rm", "-r", "-q", "--cached", "agreements"], cwd=repo, env=git_env,
                   check=True)
    subprocess.run(["git", "commit", "-q", "-m", "leeg"], cwd=repo, env=git_env, check=True)
    assert version_findings(cli, "--since", "HEAD") == []


def test_unknown_revision(repo: Path, cli: Callable[..., Any]) -> None:
    result = cli("validate", "--since", "v9.9.9")
    assert result.exit_code == 2
    assert "De revisie v9.9.9 bestaat niet." in result.stderr


@pytest.mark.parametrize(("old", "new", "raised"), [
    ("1.0.0", "1.0.1", True), ("1.0.0", "1.1.0", True), ("1.9.0", "1.10.0", True),
    ("1.0.0-rc.1", "1.0.0", True), ("1.0.0", "1.0.0", False), ("1.1.0", "1.0.9", False),
    ("1.0.0", "1.0.0-rc.1", False),
])
def test_semantic_version_order(old: str, new: str, raised: bool) -> None:
    from rechtmakers.checks.versions import _semver_key

    assert (_semver_key(new) > _semver_key(old)) is raised

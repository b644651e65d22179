"""`rechtmakers log`: versions, changes and sign-offs, newest first, from one history pass."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.git import repo as gitrepo
from rechtmakers.signoff.history import agreement_log

from .conftest import FATIMA, JOOST, NEXT, SUBDIR, VERSION, Identity, commit_all, edit, git
from .test_status import sign

Cli = Callable[..., Any]
BESLUIT = "artikelen/besluitvorming.yaml"
# What the tests need from the sample, read from it (the sample changes under them).
SAMPLE, _ = load_agreement(Path(__file__).resolve().parents[2] / SUBDIR)
assert SAMPLE is not None
ARTICLE_VERSION = SAMPLE.articles["besluitvorming"].version


@pytest.fixture
def history_repo(git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> Path:
    sign(cli, be, JOOST, "de-schoor", agreement)
    edit(agreement / BESLUIT, "We werken met consent.", "We werken met consensus.")
    edit(agreement / BESLUIT, f"versie: {ARTICLE_VERSION}", f"versie: {ARTICLE_VERSION + 1}")
    edit(agreement / "overeenkomst.yaml", f"versie: {VERSION}", f"versie: {NEXT}")
    commit_all(git_repo, "Consensus")
    edit(agreement / BESLUIT, "Bij consent hoeft", "Bij consent hoeft echt")
    commit_all(git_repo, "Toelichting")
    edit(agreement / "partijen.yaml", "naam: Joost Hellendoorn", "naam: Joost van Hellendoorn")
    commit_all(git_repo, "Nieuwe naam")
    sign(cli, be, FATIMA, "gemeente-almere", agreement)
    return git_repo


def texts(entries: list[Any]) -> list[list[str]]:
    return [[e.text for e in entry.events] for entry in entries]


def test_the_agreement_history(history_repo: Path, agreement: Path) -> None:
    entries = agreement_log(agreement)
    assert [e.commit.subject for e in entries][1:4] == ["Nieuwe naam", "Toelichting", "Consensus"]
    found = texts(entries)
    assert found[0] == ["ondertekend namens Gemeente Almere door Fatima el Amrani (wethouder "
                        f"zorg en welzijn), versie {NEXT}, digest {found[0][0][-12:]}"]
    assert found[1] == ["vertegenwoordigers of sleutels van de-schoor gewijzigd (administratie, "
                        "niet bindend)"]
    assert found[2] == ["artikel besluitvorming: alleen toelichting gewijzigd (niet bindend)"]
    assert found[3] == ["artikel besluitvorming gewijzigd (versie "
                        f"{ARTICLE_VERSION} → {ARTICLE_VERSION + 1}): tekst",
                        f"versie {VERSION} → {NEXT}"]
    assert found[4][0].startswith("ondertekend namens De Schoor door Joost Hellendoorn")
    articles, parties = len(SAMPLE.order), len(SAMPLE.parties)
    assert found[5] == [f"overeenkomst vastgelegd: versie {VERSION}, status concept, "
                        f"{articles} artikelen",
                        f"{articles} artikelbestanden, {parties} partijen, {len(SAMPLE.terms)} "
                        "begrippen en 1 bijlage toegevoegd"]


def test_one_article_with_its_sign_offs(history_repo: Path, agreement: Path, cli: Cli) -> None:
    result = cli("log", "besluitvorming", agreement, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["article"] == "besluitvorming"
    kinds = [[e["kind"] for e in entry["events"]] for entry in data["entries"]]
    assert kinds == [["ondertekening"], ["artikel"], ["artikel"], ["ondertekening"],
                     ["artikel-nieuw"]]
    binding = [e["binding"] for entry in data["entries"] for e in entry["events"]]
    assert binding == [False, False, True, False, True]


def test_members_and_blocks_are_named(git_repo: Path, agreement: Path) -> None:
    edit(agreement / BESLUIT, "minstens een week", "minstens twee weken")
    edit(agreement / BESLUIT, "wijze: consent", "wijze: consensus")
    commit_all(git_repo, "Leden")
    [entry] = agreement_log(agreement, "besluitvorming")[:1]
    assert entry.events[0].text == ("artikel besluitvorming gewijzigd (versie niet verhoogd): "
                                    "lid voorstellen, besluitvorming")


def test_human_output_and_argument_forms(history_repo: Path, agreement: Path, cli: Cli,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli("log", agreement)
    assert result.exit_code == 0, result.output
    assert "✎ ondertekend namens De Schoor door Joost Hellendoorn" in result.output
    assert f"• versie {VERSION} → {NEXT}" in result.output
    monkeypatch.chdir(history_repo)
    assert cli("log").output == result.output
    assert "Toelichting" in cli("log", "besluitvorming").output
    assert cli("log", "a", "b", "c").exit_code == 2


def count_git_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = gitrepo.run

    def counting(repo: Any, *args: str, **kwargs: Any) -> bytes:
        calls.append(next(a for a in args if not a.startswith("-") and "=" not in a))
        return real(repo, *args, **kwargs)

    monkeypatch.setattr(gitrepo, "run", counting)
    return calls


def test_history_is_one_pass(history_repo: Path, agreement: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_git_calls(monkeypatch)
    agreement_log(agreement)
    assert calls.count("log") == 1 and calls.count("cat-file") == 1
    assert len(calls) <= 5


def test_a_second_run_reads_no_blobs_and_says_the_same(history_repo: Path, agreement: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    first = [e.as_dict() for e in agreement_log(agreement)]
    cache = history_repo / ".git" / "rechtmakers" / "log-samenvattingen.json"
    assert cache.is_file()
    calls = count_git_calls(monkeypatch)
    assert [e.as_dict() for e in agreement_log(agreement)] == first
    assert "cat-file" not in calls
    cache.write_text("{kapot")
    assert [e.as_dict() for e in agreement_log(agreement)] == first
    assert git(history_repo, "status", "--porcelain") == ""


def test_file_names_match_the_agreement_module() -> None:
    from rechtmakers import agreement
    from rechtmakers.signoff import history

    for name in ("META_FILE", "PARTIES_FILE", "TERMS_FILE", "ARTICLES_DIR", "SIGNOFFS_DIR",
                 "ANNEXES_DIR"):
        assert getattr(history, name) == getattr(agreement, name)


def test_an_unreadable_past_version_is_reported(git_repo: Path, agreement: Path) -> None:
    (agreement / BESLUIT).write_text("id: [kapot\n")
    commit_all(git_repo, "Kapot")
    [entry] = agreement_log(agreement)[:1]
    assert entry.events[0].kind == "fout"
    assert git(git_repo, "status", "--porcelain") == ""


def test_an_article_without_history_is_a_usage_error(history_repo: Path, agreement: Path,
                                                     cli: Cli) -> None:
    result = cli("log", "besluitvorm", agreement)
    assert result.exit_code == 2
    assert "Het artikel besluitvorm komt niet voor" in result.output
    assert "besluitvorming" in result.output

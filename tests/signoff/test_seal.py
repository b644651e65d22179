"""`rechtmakers vaststellen`: only when everyone signed; one line changed, one commit, one tag."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.errors import AgreementError
from rechtmakers.signoff.seal import set_status
from rechtmakers.signoff.status import agreement_status

from .conftest import JOOST, SUBDIR, VERSION, Identity, edit, git
from .test_status import sign, sign_all

Cli = Callable[..., Any]
TAG = f"positief-gezond-almere/v{VERSION}"


def test_refused_until_all_parties_signed(git_repo: Path, agreement: Path, cli: Cli,
                                          be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    head = git(git_repo, "rev-parse", "HEAD")
    result = cli("vaststellen", agreement)
    assert result.exit_code == 1
    assert "Wacht op: ggd-flevoland (nog niet)" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head
    assert git(git_repo, "tag") == ""


def test_vaststellen_commits_the_status_line_and_tags(git_repo: Path, agreement: Path, cli: Cli,
                                                      be: Identity) -> None:
    edit(agreement / "overeenkomst.yaml", "status: concept", "status: concept  # nog even")
    git(git_repo, "commit", "-qam", "commentaar")
    sign_all(git_repo, agreement, cli, be)
    before = (agreement / "overeenkomst.yaml").read_text()
    signed_head = git(git_repo, "rev-parse", "HEAD")
    result = cli("vaststellen", agreement)
    assert result.exit_code == 0, result.output
    assert f"Vastgesteld: tag positief-gezond-almere/v{VERSION}" in result.output
    after = (agreement / "overeenkomst.yaml").read_text()
    assert after == before.replace("status: concept  # nog even", "status: vastgesteld  # nog even")
    assert git(git_repo, "rev-parse", "HEAD~1") == signed_head
    assert git(git_repo, "show", "--name-only", "--format=", "HEAD") == \
        f"{SUBDIR}/overeenkomst.yaml"
    assert git(git_repo, "status", "--porcelain") == ""
    assert git(git_repo, "cat-file", "-t", f"positief-gezond-almere/v{VERSION}") == "tag"
    assert git(git_repo, "rev-parse", f"positief-gezond-almere/v{VERSION}^{{commit}}") == \
        git(git_repo, "rev-parse", "HEAD")
    message = git(git_repo, "tag", "-l", "--format=%(contents)", TAG)
    assert "- De Schoor (de-schoor): Joost Hellendoorn" in message
    assert agreement_status(agreement).complete  # status is not part of the digest
    again = cli("vaststellen", agreement)
    assert again.exit_code == 0 and "Al vastgesteld" in again.output


def test_log_shows_the_tag(git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    sign_all(git_repo, agreement, cli, be)
    cli("vaststellen", agreement)
    result = cli("log", agreement)
    assert f"◆ vastgesteld: tag positief-gezond-almere/v{VERSION}" in result.output
    assert "status concept → vastgesteld" in result.output


def test_log_shows_a_hand_made_tag_as_a_tag(git_repo: Path, agreement: Path, cli: Cli,
                                            be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    # An annotated tag that reads like vaststellen's, and a lightweight one: the status is
    # still concept, so neither marks the version vastgesteld.
    git(git_repo, "tag", "-a", "-m", f"Positief Gezond, versie {VERSION}: vastgesteld\n\nDigest: "
        + "a" * 64 + "\n\nVastgesteld-met: rechtmakers vaststellen",
        f"positief-gezond-almere/v{VERSION}")
    git(git_repo, "tag", "positief-gezond-almere/handmatig")
    result = cli("log", agreement)
    assert result.exit_code == 0, result.output
    assert "◆ vastgesteld" not in result.output
    assert f"◇ tag {TAG} (niet gemaakt door vaststellen" in result.output
    assert "◇ tag positief-gezond-almere/handmatig" in result.output
    data = cli("log", agreement, "--format", "json")
    entry = next(e for e in json.loads(data.output)["entries"] if e["tags"])
    assert entry["vastgesteld"] == []


def test_log_json_names_the_sealed_tag(git_repo: Path, agreement: Path, cli: Cli,
                                       be: Identity) -> None:
    sign_all(git_repo, agreement, cli, be)
    cli("vaststellen", agreement)
    data = json.loads(cli("log", agreement, "--format", "json").output)
    assert data["entries"][0]["vastgesteld"] == [f"positief-gezond-almere/v{VERSION}"]
    message = git(git_repo, "tag", "-l", "--format=%(contents)", TAG)
    assert "Vastgesteld-met: rechtmakers vaststellen" in message


@pytest.mark.parametrize(("line", "expected"), [
    ("status: concept", "status: vastgesteld"),
    ("status:   'ter-ondertekening'   # zo", "status:   vastgesteld   # zo"),
    ('status: "concept"', "status: vastgesteld"),
])
def test_set_status_changes_only_the_value(line: str, expected: str) -> None:
    text = f"id: x\n{line}\nvoorbeeld:\n  status: blijft\n"
    assert set_status(text, "vastgesteld") == f"id: x\n{expected}\nvoorbeeld:\n  status: blijft\n"


def test_set_status_refuses_what_it_cannot_find() -> None:
    with pytest.raises(AgreementError):
        set_status("id: x\n", "vastgesteld")


def test_refused_while_a_party_is_partial_or_invalid_then_allowed(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    from .conftest import STRANGER, commit_all, write_record

    edit(agreement / "partijen.yaml", "    soort: gemeente\n",
         "    soort: gemeente\n    bevoegdheid: gezamenlijk\n")
    commit_all(git_repo, "Gemeente tekent gezamenlijk")
    sign_all(git_repo, agreement, cli, be)
    head = git(git_repo, "rev-parse", "HEAD")
    partial = cli("vaststellen", agreement)
    assert partial.exit_code == 1
    assert "gemeente-almere (gedeeltelijk: 1 van 2 ondertekenaars)" in partial.output
    brandsma = ("Pieter Brandsma", "p.brandsma@almere.example")
    write_record(agreement, "gemeente-almere", brandsma, function="directeur sociaal domein")
    be(STRANGER)
    commit_all(git_repo, "Brandsma 'tekent'")
    forged = cli("vaststellen", agreement)
    assert forged.exit_code == 1 and "gemeente-almere (gedeeltelijk" in forged.output
    assert git(git_repo, "tag") == ""
    assert git(git_repo, "rev-parse", "HEAD~1") == head
    sign(cli, be, brandsma, "gemeente-almere", agreement)
    result = cli("vaststellen", agreement)
    assert result.exit_code == 0, result.output
    message = git(git_repo, "tag", "-l", "--format=%(contents)", TAG)
    assert "Fatima el Amrani" in message and "Pieter Brandsma" in message

"""`rechtmakers sign`: what it writes and commits, and everything it refuses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rechtmakers.agreement import load_agreement
from rechtmakers.digest import content_digest
from rechtmakers.signoff.records import read_record

from .conftest import FATIMA, JOOST, STRANGER, SUBDIR, Identity, commit_all, edit, git

Cli = Callable[..., Any]
RECORD = f"{SUBDIR}/ondertekeningen/de-schoor/j-hellendoorn-deschoor-example.yaml"


def snapshot(repo: Path) -> tuple[str, str, str, str]:
    """Everything sign must leave alone: HEAD, the index, the working tree's changes."""
    return (git(repo, "rev-parse", "HEAD"), git(repo, "diff", "--cached"), git(repo, "diff"),
            git(repo, "status", "--porcelain", "--untracked-files=all"))


def test_sign_writes_and_commits_only_the_record(git_repo: Path, agreement: Path, cli: Cli,
                                                  be: Identity) -> None:
    be(JOOST)
    before = git(git_repo, "rev-parse", "HEAD")
    result = cli("sign", "--partij", "de-schoor", agreement, "--opmerking", "Akkoord na ALV.")
    assert result.exit_code == 0, result.output
    assert "Getekend: Joost Hellendoorn namens De Schoor, versie 1.1.0" in result.output
    assert git(git_repo, "rev-parse", "HEAD~1") == before
    assert git(git_repo, "show", "--name-only", "--format=", "HEAD") == RECORD
    assert git(git_repo, "status", "--porcelain", "--untracked-files=all") == ""
    record = read_record(git_repo / RECORD)
    agreement_model, _ = load_agreement(agreement)
    assert record.party == "de-schoor" and record.agreement == "positief-gezond-almere"
    assert record.signer.email == JOOST[1] and record.signer.function == "directeur-bestuurder"
    assert record.version == "1.1.0" and record.note == "Akkoord na ALV."
    assert record.digest == content_digest(agreement_model)
    assert record.signed_at.tzinfo is not None


def test_commit_message_is_dutch_with_trailers(git_repo: Path, agreement: Path, cli: Cli,
                                               be: Identity) -> None:
    be(JOOST)
    cli("sign", "--partij", "de-schoor", agreement)
    record = read_record(git_repo / RECORD)
    subject = git(git_repo, "log", "-1", "--format=%s")
    assert subject == "Ondertekening: De Schoor tekent positief-gezond-almere versie 1.1.0"
    trailers = git(git_repo, "log", "-1", "--format=%(trailers:only,unfold)")
    assert trailers.splitlines() == [
        f"Ondertekend-door: {JOOST[0]} <{JOOST[1]}>",
        "Namens: de-schoor",
        "Overeenkomst: positief-gezond-almere",
        "Versie: 1.1.0",
        f"Digest: {record.digest}",
    ]
    assert git(git_repo, "log", "-1", "--format=%ce") == JOOST[1]


def test_staged_and_unstaged_user_files_stay_exactly_as_they_were(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    (git_repo / "README.md").write_text("eerste\n")
    (git_repo / "notities.txt").write_text("een\n")
    commit_all(git_repo, "Bestanden buiten de overeenkomst")
    (git_repo / "README.md").write_text("tweede, gestaged\n")
    git(git_repo, "add", "README.md")
    (git_repo / "README.md").write_text("derde, niet gestaged\n")
    (git_repo / "notities.txt").write_text("twee, niet gestaged\n")
    (git_repo / "nieuw.txt").write_text("gestaged nieuw bestand\n")
    git(git_repo, "add", "nieuw.txt")
    (git_repo / "los.txt").write_text("niet gevolgd\n")
    head, staged, unstaged, porcelain = snapshot(git_repo)
    be(JOOST)
    result = cli("sign", "--partij", "de-schoor", agreement)
    assert result.exit_code == 0, result.output
    assert git(git_repo, "rev-parse", "HEAD~1") == head
    assert git(git_repo, "show", "--name-only", "--format=", "HEAD") == RECORD
    assert git(git_repo, "diff", "--cached") == staged
    assert git(git_repo, "diff") == unstaged
    assert git(git_repo, "status", "--porcelain", "--untracked-files=all") == porcelain
    assert (git_repo / "README.md").read_text() == "derde, niet gestaged\n"
    assert git(git_repo, "show", ":README.md") == "tweede, gestaged"


def refused(git_repo: Path, agreement: Path, cli: Cli, message: str, party: str = "de-schoor"
            ) -> None:
    before = snapshot(git_repo)
    result = cli("sign", "--partij", party, agreement)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert snapshot(git_repo) == before
    assert not (git_repo / RECORD).exists()


def test_a_dirty_tree_is_refused(git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    be(JOOST)
    edit(agreement / "artikelen" / "doel.yaml", "We werken samen", "We werken graag samen")
    refused(git_repo, agreement, cli, "artikelen/doel.yaml (gewijzigd)")


def test_a_staged_change_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                    be: Identity) -> None:
    be(JOOST)
    edit(agreement / "artikelen" / "doel.yaml", "We werken samen", "We werken graag samen")
    git(git_repo, "add", "-A")
    refused(git_repo, agreement, cli, "Niet alles van de overeenkomst is vastgelegd")


def test_an_untracked_article_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                         be: Identity) -> None:
    be(JOOST)
    (agreement / "artikelen" / "extra.yaml").write_text(
        (agreement / "artikelen" / "looptijd.yaml").read_text().replace("id: looptijd",
                                                                         "id: extra"))
    refused(git_repo, agreement, cli, "artikelen/extra.yaml (nieuw)")


def test_an_ignored_article_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                       be: Identity) -> None:
    be(JOOST)
    (git_repo / ".gitignore").write_text("extra.yaml\n")
    commit_all(git_repo, "negeer")
    (agreement / "artikelen" / "extra.yaml").write_text("id: extra\n")
    refused(git_repo, agreement, cli, "genegeerd door git")


def test_a_stranger_is_refused(git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    be(STRANGER)
    refused(git_repo, agreement, cli, "iemand@elders.example")


def test_a_representative_of_another_party_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                                      be: Identity) -> None:
    be(FATIMA)
    refused(git_repo, agreement, cli, "niet het adres van een vertegenwoordiger van De Schoor")


def test_an_unknown_party_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                     be: Identity) -> None:
    be(JOOST)
    refused(git_repo, agreement, cli, "De partij de-schoot staat niet in partijen.yaml",
            party="de-schoot")


def test_validation_errors_are_refused(git_repo: Path, agreement: Path, cli: Cli,
                                       be: Identity) -> None:
    be(JOOST)
    edit(agreement / "artikelen" / "doel.yaml", "[[inwonerperspectief]].",
         "[[bestaat-niet]].")
    commit_all(git_repo, "Kapotte verwijzing")
    refused(git_repo, agreement, cli, "kan niet ondertekend worden")


def test_signing_the_same_content_twice_commits_nothing(git_repo: Path, agreement: Path,
                                                        cli: Cli, be: Identity) -> None:
    be(JOOST)
    cli("sign", "--partij", "de-schoor", agreement)
    head = git(git_repo, "rev-parse", "HEAD")
    result = cli("sign", "--partij", "de-schoor", agreement)
    assert result.exit_code == 0
    assert "al ondertekend" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head


def test_outside_git_is_a_usage_error(sample_copy: Path, cli: Cli, be: Identity) -> None:
    be(JOOST)
    result = cli("sign", "--partij", "de-schoor", sample_copy)
    assert result.exit_code == 2
    assert "git-repository" in result.output


def test_a_busy_index_is_refused_before_anything_happens(git_repo: Path, agreement: Path,
                                                         cli: Cli, be: Identity) -> None:
    be(JOOST)
    lock = git_repo / ".git" / "index.lock"
    lock.write_text("")
    head = git(git_repo, "rev-parse", "HEAD")
    result = cli("sign", "--partij", "de-schoor", agreement)
    lock.unlink()
    assert result.exit_code == 2
    assert "index.lock" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head
    assert not (git_repo / RECORD).exists()


def test_a_signing_failure_commits_and_writes_nothing(git_repo: Path, agreement: Path, cli: Cli,
                                                      be: Identity) -> None:
    be(JOOST)
    git(git_repo, "config", "gpg.format", "ssh")
    git(git_repo, "config", "user.signingkey", str(git_repo / "bestaat-niet"))
    git(git_repo, "config", "commit.gpgsign", "true")
    before = snapshot(git_repo)
    result = cli("sign", "--partij", "de-schoor", agreement)
    assert result.exit_code == 2
    assert "er is niets vastgelegd" in result.output
    assert snapshot(git_repo) == before
    assert not (git_repo / RECORD).exists()


def test_quiet_sign_says_nothing_but_commits(git_repo: Path, agreement: Path, cli: Cli,
                                             be: Identity) -> None:
    be(JOOST)
    result = cli("-q", "sign", "--partij", "de-schoor", agreement)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert git(git_repo, "show", "--name-only", "--format=", "HEAD") == RECORD

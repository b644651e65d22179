"""Reading past versions of an agreement from git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.errors import UsageError
from rechtmakers.git.files import files_at, materialize
from rechtmakers.git.repo import open_repo, repo_relative, resolve_revision

SUBDIR = "agreements/positief-gezond-almere"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_open_repo_finds_enclosing_repository(git_repo: Path) -> None:
    repo = open_repo(git_repo / SUBDIR / "artikelen")
    assert Path(str(repo.working_tree_dir)).resolve() == git_repo.resolve()
    assert repo_relative(repo, git_repo / SUBDIR) == SUBDIR


def test_open_repo_outside_git_is_a_dutch_usage_error(tmp_path: Path, git_env: object) -> None:
    lonely = tmp_path / "los"
    lonely.mkdir()
    with pytest.raises(UsageError, match="niet in een git-repository"):
        open_repo(lonely)


def test_resolve_revision(git_repo: Path) -> None:
    repo = open_repo(git_repo)
    assert resolve_revision(repo, "HEAD") == git(git_repo, "rev-parse", "HEAD")
    assert resolve_revision(repo, "main") == git(git_repo, "rev-parse", "HEAD")
    for bad in ("v9.9.9", "--all", "", "HEAD~5"):
        with pytest.raises(UsageError, match="bestaat niet"):
            resolve_revision(repo, bad)


def test_files_at_reads_a_past_revision(git_repo: Path) -> None:
    first = git(git_repo, "rev-parse", "HEAD")
    doel = git_repo / SUBDIR / "artikelen" / "doel.yaml"
    original = doel.read_bytes()
    doel.write_bytes(original.replace(b"versie: 2", b"versie: 3"))
    git(git_repo, "commit", "-qam", "Doel aangepast")
    repo = open_repo(git_repo)
    past = files_at(repo, first, SUBDIR)
    assert past["artikelen/doel.yaml"] == original
    assert "overeenkomst.yaml" in past and "partijen.yaml" in past
    assert files_at(repo, "HEAD", SUBDIR + "/")["artikelen/doel.yaml"] == doel.read_bytes()
    assert files_at(repo, "HEAD", "agreements/bestaat-niet") == {}
    assert files_at(repo, "HEAD", "")[f"{SUBDIR}/partijen.yaml"]
    assert files_at(repo, "HEAD", "agreements/positief") == {}
    assert files_at(repo, "HEAD", f"{SUBDIR}/partijen.yaml") == {}


def test_materialize_gives_a_loadable_agreement(git_repo: Path, tmp_path: Path) -> None:
    repo = open_repo(git_repo)
    target = materialize(repo, "HEAD", SUBDIR, tmp_path / "oud" / "positief-gezond-almere")
    agreement, problems = load_agreement(target)
    assert problems == []
    assert agreement.id == "positief-gezond-almere"
    assert len(agreement.parties) == 15


def test_commit_author(git_repo: Path) -> None:
    from rechtmakers.git.history import commit_author

    assert commit_author(open_repo(git_repo), "HEAD") == ("Test Auteur",
                                                          "2026-01-21T10:00:00+01:00")

"""The gate between an agreement as read and a complete one, and versions.py: the agreement at a
revision and the version with a digest, in real git repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import rechtmakers.versions as versions_module
from rechtmakers.agreement import (
    CompleteAgreement,
    IncompleteAgreement,
    gate,
    load_agreement,
    load_complete,
)
from rechtmakers.digest import content_digest
from rechtmakers.errors import AgreementError, UsageError
from rechtmakers.versions import CACHE_FILE, Versions, working

SAMPLE_ID = "positief-gezond-almere"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def retitle(root: Path, title: str) -> None:
    meta = root / "overeenkomst.yaml"
    lines = meta.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("titel:"))
    lines[index] = f"titel: {title}"
    meta.write_text("\n".join(lines), encoding="utf-8")


# --- the gate -----------------------------------------------------------------------------------

def test_gate_gives_a_complete_agreement(sample_dir: Path) -> None:
    agreement, problems = load_agreement(sample_dir)
    complete = gate(agreement, problems, "werkmap")
    assert isinstance(complete, CompleteAgreement)
    assert complete.meta == agreement.meta
    assert complete.order == agreement.order
    assert content_digest(complete) == content_digest(agreement)


def test_gate_names_the_first_problem(sample_copy: Path) -> None:
    (sample_copy / "artikelen" / "gedrag.yaml").write_text("titel: [\n", encoding="utf-8")
    (sample_copy / "begrippen.yaml").write_text("begrippen: 3\n", encoding="utf-8")
    agreement, problems = load_agreement(sample_copy)
    assert len(problems) >= 2
    with pytest.raises(IncompleteAgreement) as caught:
        gate(agreement, problems, "werkmap")
    message = str(caught.value)
    assert message.startswith("De versie werkmap is niet te lezen: ")
    assert str(problems[0][1].location) in message
    assert f"[{problems[0][0]}]" in message
    assert f"(en nog {len(problems) - 1} andere)" in message
    assert isinstance(caught.value, AgreementError)  # exit 1, a Dutch message, no traceback


def test_gate_without_the_problems_still_refuses_half_an_agreement(sample_copy: Path) -> None:
    (sample_copy / "partijen.yaml").unlink()
    agreement, problems = load_agreement(sample_copy)
    assert problems  # S008, and the twin below: the gate sees it even without them
    with pytest.raises(IncompleteAgreement, match="partijen.yaml"):
        gate(agreement, (), "werkmap")


def test_working_is_the_gate_over_the_folder(sample_copy: Path) -> None:
    assert working(sample_copy).id == SAMPLE_ID
    (sample_copy / "overeenkomst.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(IncompleteAgreement, match="De versie werkmap is niet te lezen"):
        working(sample_copy)


# --- versions -----------------------------------------------------------------------------------

def test_at_a_revision_through_the_gate(git_repo: Path) -> None:
    root = git_repo / "agreements" / SAMPLE_ID
    first = git(git_repo, "rev-parse", "HEAD")
    retitle(root, "Een nieuwe titel")
    second = commit_all(git_repo, "Nieuwe titel")
    (root / "overeenkomst.yaml").write_text("titel: [\n", encoding="utf-8")
    broken = commit_all(git_repo, "Kapot")
    versions = Versions.open(root)
    old = versions.at(first)
    new = versions.at(second)
    assert old is not None and new is not None
    assert old.meta.title != new.meta.title == "Een nieuwe titel"
    assert old.root == root  # a past version names the working tree's place in messages
    with pytest.raises(IncompleteAgreement, match="De versie HEAD is niet te lezen"):
        versions.at("HEAD")
    with pytest.raises(IncompleteAgreement, match=f"De versie {broken} is niet te lezen"):
        versions.at(broken)
    with pytest.raises(UsageError, match="bestaat niet"):
        versions.at("geen-revisie")


def test_at_a_revision_without_the_agreement_is_none(git_repo: Path) -> None:
    root = git_repo / "agreements" / "nieuw"
    root.mkdir()
    (root / "notities.txt").write_text("nog niets\n", encoding="utf-8")
    commit_all(git_repo, "Map zonder overeenkomst")
    assert Versions.open(root).at("HEAD") is None


def test_past_versions_leave_out_signoffs(git_repo: Path) -> None:
    root = git_repo / "agreements" / SAMPLE_ID
    (root / "ondertekeningen" / "x").mkdir(parents=True)
    (root / "ondertekeningen" / "x" / "a.yaml").write_text("iets: 1\n", encoding="utf-8")
    commit_all(git_repo, "Een record")
    versions = Versions.open(root)
    assert not any(rel.startswith("ondertekeningen/") for rel in versions.files_at("HEAD"))
    commits = [c.sha for c in versions.history()]
    assert len(commits) == 2
    # A sign-off changes no content: both commits are one version.
    assert len(list(versions.past())) == 1


def test_with_digest_finds_the_newest_commit_of_that_content(git_repo: Path) -> None:
    root = git_repo / "agreements" / SAMPLE_ID
    first = git(git_repo, "rev-parse", "HEAD")
    digest = content_digest(load_complete(root, label="werkmap"))
    retitle(root, "Tussenversie")
    commit_all(git_repo, "Tussenversie")
    git(git_repo, "checkout", "-q", first, "--", "agreements")
    back = commit_all(git_repo, "Terug naar de eerste inhoud")
    retitle(root, "Laatste")
    commit_all(git_repo, "Laatste")
    found = Versions.open(root).with_digest(digest)
    assert found is not None
    assert found.commit == back and found.digest == digest
    assert Versions.open(root).with_digest("0" * 64) is None


def test_digests_are_cached_by_content_across_runs(git_repo: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = git_repo / "agreements" / SAMPLE_ID
    for title in ("Twee", "Drie", "Vier"):
        retitle(root, title)
        commit_all(git_repo, title)
    target = content_digest(load_complete(root, label="werkmap"))
    first = git(git_repo, "rev-list", "--max-parents=0", "HEAD")
    wanted = Versions.open(root).digest_at(first)
    assert wanted is not None
    Versions.open(root).save()
    loads: list[str] = []
    real = versions_module.load_complete

    def counting(*args: object, **kwargs: object) -> CompleteAgreement:
        loads.append(str(kwargs.get("label")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(versions_module, "load_complete", counting)
    versions = Versions.open(root)
    assert versions.with_digest(wanted) is not None
    assert len(loads) == 4  # a cold search reads every content once, newest first
    versions.save()
    assert (git_repo / ".git" / "rechtmakers" / CACHE_FILE).is_file()
    loads.clear()
    again = Versions.open(root).with_digest(wanted)
    assert again is not None and again.commit == first
    assert loads == [first]  # warm: only the match is read
    loads.clear()
    assert Versions.open(root).with_digest(target) is not None and len(loads) == 1
    loads.clear()
    assert Versions.open(root, cached=False).with_digest(wanted) is not None
    assert len(loads) == 4  # without the cache every content is read again


def test_with_digest_limit_caps_fresh_reads(git_repo: Path) -> None:
    root = git_repo / "agreements" / SAMPLE_ID
    first = git(git_repo, "rev-parse", "HEAD")
    wanted = Versions.open(root, cached=False).digest_at(first)
    for title in ("Twee", "Drie", "Vier"):
        retitle(root, title)
        commit_all(git_repo, title)
    assert wanted is not None
    assert Versions.open(root, cached=False).with_digest(wanted, limit=2) is None
    assert Versions.open(root, cached=False).with_digest(wanted, limit=4) is not None


def test_versions_outside_git_is_a_usage_error(sample_copy: Path) -> None:
    with pytest.raises(UsageError):
        Versions.open(sample_copy)

"""History is read along ancestry: a commit dated before its parent still comes after it.

Dates are what the committer's clock (or GIT_COMMITTER_DATE) says; anyone with write access
can set them. What counts as older or newer must follow the parents, never the dates.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo


def _commit(repo: Path, env: dict[str, str], name: str, date: str) -> str:
    (repo / "overeenkomst").mkdir(exist_ok=True)
    (repo / "overeenkomst" / f"{name}.txt").write_text(name, encoding="utf-8")
    dated = {**os.environ, **env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "add", "-A"], cwd=repo, env=dated, check=True)
    subprocess.run(["git", "commit", "-q", "-m", name], cwd=repo, env=dated, check=True)
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, env=dated, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def _history(tmp_path: Path, git_env: dict[str, str], dates: list[str]) -> tuple[list[str],
                                                                                   list[str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, env={**os.environ, **git_env}, check=True)
    made = [_commit(repo, git_env, f"c{i}", date) for i, date in enumerate(dates)]
    found = [c.sha for c in githistory.history(gitrepo.open_repo(repo), "overeenkomst")]
    return made, found


def test_a_commit_dated_before_its_parent_still_comes_after_it(tmp_path: Path,
                                                               git_env: dict[str, str]) -> None:
    # Along one line of history, each commit dated a year before its parent.
    made, found = _history(tmp_path, git_env, ["2026-03-01T10:00:00+01:00",
                                               "2025-03-01T10:00:00+01:00",
                                               "2024-03-01T10:00:00+01:00"])
    assert found == list(reversed(made))  # newest first, by ancestry


def test_commits_dated_in_order_come_newest_first(tmp_path: Path,
                                                  git_env: dict[str, str]) -> None:
    made, found = _history(tmp_path, git_env, ["2026-01-01T10:00:00+01:00",
                                               "2026-02-01T10:00:00+01:00",
                                               "2026-03-01T10:00:00+01:00"])
    assert found == list(reversed(made))


def _run(repo: Path, env: dict[str, str], *args: str, date: str = "") -> str:
    dated = {**os.environ, **env, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
                                     if date else {})}
    done = subprocess.run(["git", *args], cwd=repo, env=dated, check=True, capture_output=True,
                          text=True)
    return done.stdout.strip()


def _merged(tmp_path: Path, git_env: dict[str, str], old_branch_date: str) -> tuple[
        dict[str, str], list[str]]:
    """base ← a (on main), base ← b (on a branch, dated old_branch_date), merged into main."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _run(repo, git_env, "init", "-q")
    shas = {"base": _commit(repo, git_env, "base", "2025-06-01T10:00:00+01:00")}
    _run(repo, git_env, "checkout", "-q", "-b", "tak")
    shas["b"] = _commit(repo, git_env, "b", old_branch_date)
    _run(repo, git_env, "checkout", "-q", "main")
    shas["a"] = _commit(repo, git_env, "a", "2026-01-01T10:00:00+01:00")
    _run(repo, git_env, "merge", "-q", "--no-ff", "-m", "samen", "tak",
         date="2026-02-01T10:00:00+01:00")
    found = [c.sha for c in githistory.history(gitrepo.open_repo(repo), "overeenkomst")]
    return shas, found


def test_a_branch_dated_before_its_base_still_comes_after_the_base(
        tmp_path: Path, git_env: dict[str, str]) -> None:
    # By date alone, git log would show base before b, its child, dated five years earlier.
    shas, found = _merged(tmp_path, git_env, "2020-01-01T10:00:00+01:00")
    assert found.index(shas["b"]) < found.index(shas["base"])
    assert found.index(shas["a"]) < found.index(shas["base"])


def test_a_branch_dated_after_its_base_comes_after_the_base(tmp_path: Path,
                                                             git_env: dict[str, str]) -> None:
    shas, found = _merged(tmp_path, git_env, "2025-09-01T10:00:00+01:00")
    assert found.index(shas["b"]) < found.index(shas["base"])
    assert found.index(shas["a"]) < found.index(shas["base"])

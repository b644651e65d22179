"""Shared fixtures: the sample agreement, a CLI runner, and isolated real git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rechtmakers.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "agreements" / "positief-gezond-almere"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite golden files from the current output instead of comparing.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample agreement, in a folder of the same name."""
    target = tmp_path / "agreements" / SAMPLE.name
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture
def cli() -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str, **kwargs: object) -> object:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Git isolated from the machine's configuration, with a pinned identity."""
    home = tmp_path / "home"
    home.mkdir()
    config = home / ".gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
                      "[tag]\n\tgpgsign = false\n")
    env = {
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test Auteur",
        "GIT_AUTHOR_EMAIL": "auteur@test.example",
        "GIT_COMMITTER_NAME": "Test Auteur",
        "GIT_COMMITTER_EMAIL": "auteur@test.example",
        "GIT_AUTHOR_DATE": "2026-01-21T10:00:00+01:00",
        "GIT_COMMITTER_DATE": "2026-01-21T10:00:00+01:00",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return {**os.environ, **env}


@pytest.fixture
def git_repo(tmp_path: Path, git_env: dict[str, str]) -> Iterator[Path]:
    """A real git repository holding a copy of the sample agreement in one commit."""
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "agreements" / SAMPLE.name)
    run = lambda *a: subprocess.run(["git", *a], cwd=repo, env=git_env, check=True,  # noqa: E731
                                    capture_output=True)
    run("init", "-q")
    run("add", "-A")
    run("commit", "-q", "-m", "Eerste versie")
    yield repo

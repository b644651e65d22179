"""Shared fixtures: the sample agreement, a CLI runner, and isolated real git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI (RECHTMAKERS_CI_TOOLS=verplicht, set by .ci/run) a skip is a failure: .ci/run
    installs every real tool, so a test that skips there is a test that silently did not run."""
    outcome = yield
    report = outcome.get_result()
    ran = hasattr(report, "wasxfail")  # an expected failure did run; only a real skip did not
    if report.skipped and not ran and os.environ.get("RECHTMAKERS_CI_TOOLS") == "verplicht":
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"overgeslagen in CI, waar elk programma er moet zijn: {reason}"


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


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """rechtmakers built as a wheel once per run, from a copy of what a source distribution
    holds (setuptools would otherwise write build/ and egg-info into the working tree)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "rechtmakers", source / "rechtmakers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(base / "dist"), str(source)],
                           capture_output=True, text=True, timeout=300, check=False)
    if build.returncode != 0:
        pytest.skip(f"kan geen wheel bouwen hier: {build.stderr[-300:]}")
    return next((base / "dist").glob("rechtmakers-*.whl"))


@pytest.fixture
def soffice(tmp_path: Path) -> Callable[[Path, str], Path]:
    """Convert a document with LibreOffice headless (own profile and HOME); skip without it."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")

    def convert(source: Path, target: str) -> Path:
        profile = f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}"
        subprocess.run([program, profile, "--headless", "--convert-to", target,
                        "--outdir", str(source.parent), str(source)], check=True,
                       capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
        return source.with_suffix("." + target.split(":")[0])

    return convert

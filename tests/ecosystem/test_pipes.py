"""A closed pipe ends the output, not the command: the exit code stays what the command found."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rechtmakers.cli.pipes import ClosedPipeSafe

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "agreements" / "positief-gezond-almere"
RECHTMAKERS = [sys.executable, "-m", "rechtmakers"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with an error in one article (exit code 1 from validate)."""
    target = tmp_path_factory.mktemp("kapot") / SAMPLE.name
    shutil.copytree(SAMPLE, target)
    doel = target / "artikelen" / "doel.yaml"
    doel.write_text(doel.read_text(encoding="utf-8").replace("onderwerp: doel",
                                                             "onderwerp: missie"),
                    encoding="utf-8")
    return target


def run_into_closed_pipe(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run rechtmakers with standard output a real pipe whose reader is gone before it writes."""
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first write that reaches the pipe fails with EPIPE
    try:
        done = subprocess.run([*RECHTMAKERS, *args], stdout=write, stderr=subprocess.PIPE,
                              cwd=cwd, timeout=300, check=False)
    finally:
        os.close(write)
    return done.returncode, done.stderr.decode("utf-8", "replace")


def run_plainly(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*RECHTMAKERS, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300, check=False)


@pytest.mark.parametrize("args, expected", [
    (["validate", str(SAMPLE)], 0),
    (["validate", "BROKEN"], 1),
    (["validate", "BROKEN", "--format", "json"], 1),
    (["regels"], 0),
    (["--version"], 0),
], ids=["validate-goed", "validate-fout", "validate-json", "regels", "versie"])
def test_a_closed_pipe_leaves_the_exit_code_of_the_command(
        broken: Path, tmp_path: Path, args: list[str], expected: int) -> None:
    args = [str(broken) if a == "BROKEN" else a for a in args]
    assert run_plainly(args, tmp_path).returncode == expected
    code, stderr = run_into_closed_pipe(args, tmp_path)
    assert (code, stderr) == (expected, "")


def test_status_into_a_closed_pipe_exits_as_without_it(git_repo: Path) -> None:
    args = ["status", str(git_repo / "agreements" / SAMPLE.name)]
    plain = run_plainly(args, git_repo)
    assert plain.stdout.strip() and plain.returncode in (0, 1)
    assert run_into_closed_pipe(args, git_repo) == (plain.returncode, "")


@pytest.mark.skipif(shutil.which("head") is None or shutil.which("bash") is None,
                    reason="geen head of bash op deze machine")
def test_head_in_a_pipefail_pipeline_keeps_the_exit_code(broken: Path, tmp_path: Path) -> None:
    """As CI runs it: `set -o pipefail; rechtmakers validate | head -1`."""
    command = " ".join(RECHTMAKERS)
    for target, expected in ((SAMPLE, 0), (broken, 1)):
        done = subprocess.run(["bash", "-c", f"set -o pipefail; {command} validate {target} "
                               "| head -1"], capture_output=True, text=True, cwd=tmp_path,
                              timeout=300, check=False)
        assert (done.returncode, done.stderr) == (expected, "")
        assert len(done.stdout.splitlines()) == 1


def test_an_open_pipe_gets_every_line(broken: Path, tmp_path: Path) -> None:
    """The honest twin: with a reader, the output through the guard is the whole output."""
    plain = run_plainly(["validate", str(broken)], tmp_path)
    piped = subprocess.run(["bash", "-c", f"{' '.join(RECHTMAKERS)} validate {broken} | cat"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=300,
                           check=False)
    assert piped.stdout == plain.stdout and plain.stdout.count("\n") >= 1


def test_the_guard_diverts_to_devnull_after_the_first_broken_write(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "w", encoding="utf-8") as stream:
        guarded = ClosedPipeSafe(stream)
        assert guarded.write("eerste regel\n") == len("eerste regel\n")
        guarded.flush()
        assert guarded.closed_pipe
        guarded.writelines(["meer\n"] * 10_000)
        guarded.flush()
        assert guarded.encoding == stream.encoding  # everything else is the stream's own
    open_read, open_write = os.pipe()
    with os.fdopen(open_write, "w", encoding="utf-8") as stream:
        guarded = ClosedPipeSafe(stream)
        guarded.write("blijft\n")
        guarded.flush()
        assert not guarded.closed_pipe
    assert os.read(open_read, 100) == b"blijft\n"
    os.close(open_read)

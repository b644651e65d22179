"""`rechtmakers --version` starts fast: no heavy library is imported for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

HEAVY = ("pydantic", "jinja2", "git", "markdown_it", "docx", "babel", "yaml", "rich")
BUDGET_MS = 150
OWN_BUDGET_MS = 35
TYPER_NORMAL_MS = 110
PROBE = """
import json, sys
sys.argv = ["rechtmakers", "--version"]
from rechtmakers.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run Python as a user's shell would: with bytecode caches, without profiling."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          timeout=60)


def timed(*args: str) -> float:
    start = time.perf_counter()
    run(*args)
    return (time.perf_counter() - start) * 1000


def best_of(runs: int, *commands: tuple[str, ...]) -> list[float]:
    """The fastest of a few runs of each command, in milliseconds, taken in turns so that
    other work on the machine slows them alike."""
    for command in commands:
        run(*command)  # warm up: the first run writes the bytecode caches
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            times[i].append(timed(*command))
    return [min(t) for t in times]


def test_version_imports_no_heavy_library() -> None:
    result = run("-c", PROBE)
    assert result.stdout == "rechtmakers 0.1.0\n" or result.stdout.startswith("rechtmakers ")
    imported = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))


def test_version_within_budget() -> None:
    """≤ 150 ms in all, and little on top of typer, which takes most of it. Timings mean
    nothing on a machine busy with other work: then the test says so and skips."""
    typer_alone, elapsed = best_of(7, ("-c", "import typer"), ("-m", "rechtmakers", "--version"))
    if typer_alone > TYPER_NORMAL_MS:
        pytest.skip(f"deze machine is te druk om te meten (typer laden kost hier "
                    f"{typer_alone:.0f} ms, rechtmakers --version {elapsed:.0f} ms)")
    assert elapsed - typer_alone <= OWN_BUDGET_MS, (
        f"rechtmakers --version kost {elapsed - typer_alone:.0f} ms bovenop typer")
    assert elapsed <= BUDGET_MS, f"rechtmakers --version duurde {elapsed:.0f} ms"

"""Benchmark start-up: the commands a user types most, on the sample agreement (prints figures;
not a test).

Before the targets it prints two floors: Python alone, and Python importing the libraries that
validate needs (typer, pydantic with one model built, PyYAML, markdown-it), with Jinja2 for render.

Targets (issue 26, on a 2-core machine shared with other work): `rechtmakers render --format
md,html` of the sample ≤ 0.25 s wall, `rechtmakers validate` of the sample ≤ 0.2 s, and
`rechtmakers --version` ≤ 100 ms. Each figure is the median of several runs after one warm-up
(which writes the bytecode), with an import-time profile of the slowest modules when asked
(--imports).

Run it as users run rechtmakers, with bytecode writing on:
`env -u PYTHONDONTWRITEBYTECODE python benchmarks/bench_startup.py [--imports]`.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "agreements" / "positief-gezond-almere"
RUNS = 9
CLI = [sys.executable, "-m", "rechtmakers"]
# What the chosen libraries cost before rechtmakers does anything: importing them and building
# one pydantic model (which loads pydantic's schema machinery). validate cannot be faster.
FLOOR = ("import typer, typer.main, yaml, markdown_it\n"
         "from pydantic import BaseModel\n"
         "class Probe(BaseModel):\n    x: int")


def median_wall(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Median wall seconds and median CPU seconds (user + system) of cmd, after one warm-up
    run, and its last exit code. On a machine shared with other work the wall time grows with
    the load; the CPU time is what the command itself costs."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, cwd=cwd, capture_output=True, env=env, check=False)
    walls, cpus, code = [], [], 0
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, env=env, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        code = proc.returncode
    return statistics.median(walls), statistics.median(cpus), code


def slowest_imports(cmd: list[str], cwd: Path, count: int = 15) -> list[tuple[int, str]]:
    """The modules with the largest cumulative import time (µs), from -X importtime."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], cwd=cwd, capture_output=True,
                          text=True, env=env, check=False)
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            parts = [p.strip() for p in line[len("import time:"):].split("|")]
            if parts[1].isdigit():
                rows.append((int(parts[1]), parts[2]))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    print(f"belasting van de machine (1 min): {os.getloadavg()[0]:.1f} op {os.cpu_count()} kernen")
    if sys.flags.dont_write_bytecode:
        print("Let op: bytecode schrijven staat uit; draai met env -u PYTHONDONTWRITEBYTECODE.")
    with tempfile.TemporaryDirectory(prefix="rechtmakers-bench-") as tmp:
        cases = [
            ("python zonder meer", [sys.executable, "-c", "pass"], None),
            ("bodem: typer, pydantic, PyYAML, markdown-it", [sys.executable, "-c", FLOOR], None),
            ("bodem + Jinja2", [sys.executable, "-c", "import jinja2\n" + FLOOR], None),
            ("--version", [*CLI, "--version"], 0.100),
            ("validate (sample)", [*CLI, "validate", str(SAMPLE)], 0.200),
            ("render --format md,html (sample)",
             [*CLI, "render", str(SAMPLE), "--format", "md,html", "--out", tmp], 0.250),
        ]
        for name, cmd, target in cases:
            seconds, cpu, code = median_wall(cmd, ROOT)
            if target is None:
                print(f"{name:44} {seconds * 1000:7.1f} ms wall, {cpu * 1000:7.1f} ms cpu")
                continue
            verdict = "ok" if seconds <= target else "TE TRAAG"
            print(f"{name:44} {seconds * 1000:7.1f} ms wall, {cpu * 1000:7.1f} ms cpu  "
                  f"(doel ≤ {target * 1000:.0f} ms, exit {code}) {verdict}")
            if "--imports" in sys.argv:
                for micros, module in slowest_imports(cmd, ROOT):
                    print(f"    {micros / 1000:7.1f} ms  {module}")


if __name__ == "__main__":
    main()

"""Benchmark every command on hostile input: files near the 1 MB cap built to be slow.

Each case replaces one file of a small valid agreement (tests/data/minimal) with pathological
text of about SIZE bytes, then runs `validate`, `taal`, `render` (md, html, docx) and `diff` (two
folders) as separate processes, measuring wall time and peak memory. It prints a table and the
worst case; the target (issue 15) is validate ≤ 2 s on a 1 MB pathological article, and every
command ≤ 10 s and ≤ 2 GiB.

    python benchmarks/bench_hostile.py [--size 1000000] [--case NAME] [--command NAME]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "data" / "minimal"
ARTICLE_HEAD = "id: doel\ntitel: Waarom we samenwerken\nonderwerp: doel\nversie: 1\n"


def _block(body: str) -> str:
    """An article whose tekst is body, as a literal block (each line indented)."""
    lines = body.split("\n")
    return ARTICLE_HEAD + "tekst: |\n" + "".join(f"  {line}\n" for line in lines)


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


def _lines(unit: str, size: int, width: int = 2000) -> str:
    """unit repeated on lines of about width characters (block scalars need some lines)."""
    per_line = max(1, width // len(unit))
    line = unit * per_line
    return "\n".join([line] * max(1, size // (len(line.encode()) + 3)))


# name → (file in the agreement, builder of its content from a byte size)
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "placeholder-spaces-comment": ("artikelen/doel.yaml", lambda n: _block("Tekst.") +
                                   "# [nog invullen:" + " " * (n - 200) + "\n"),
    "placeholder-open-repeated": ("artikelen/doel.yaml", lambda n: _block(
        _repeat("[nog invullen:", n - 200))),
    "placeholder-many": ("artikelen/doel.yaml", lambda n: _block(
        _lines("[nog invullen: x] ", n))),
    "email-dots": ("partijen.yaml", lambda n: MINIMAL.joinpath("partijen.yaml").read_text()
                   .replace("anna@wijkteam.example", "a@" + "a." * ((n - 400) // 2) + "@")),
    "broken-references": ("artikelen/doel.yaml", lambda n: _block(_lines("[[nergens]] ", n))),
    "unknown-mentions": ("artikelen/doel.yaml", lambda n: _block(_lines("@niemand ", n))),
    "broken-references-one-line": ("artikelen/doel.yaml", lambda n: ARTICLE_HEAD + "tekst: '" +
                                   _repeat("[[nergens]] ", n - 200) + "'\n"),
    "strong-openers": ("artikelen/doel.yaml", lambda n: _block(_repeat(" **a", n - 200))),
    "emphasis-openers": ("artikelen/doel.yaml", lambda n: _block(_repeat(" *a", n - 200))),
    "underscores": ("artikelen/doel.yaml", lambda n: _block(_repeat(" __a", n - 200))),
    "link-openers": ("artikelen/doel.yaml", lambda n: _block(_repeat("[a](", n - 200))),
    "one-long-word": ("artikelen/doel.yaml", lambda n: _block("a" * (n - 200))),
    "one-long-sentence": ("artikelen/doel.yaml", lambda n: _block(
        _repeat("wordt gedaan door de partijen en ", n - 200))),
    "many-sentences": ("artikelen/doel.yaml", lambda n: _block(
        _lines("Wij zijn. ", n, 200))),
    "spaces-in-line": ("artikelen/doel.yaml", lambda n: _block("a" + " " * (n - 200) + "b")),
    "blank-lines": ("artikelen/doel.yaml", lambda n: _block("a" + "\n " * ((n - 200) // 4))),
    "digits": ("artikelen/doel.yaml", lambda n: _block(_repeat("1", n - 200) + " dagen")),
    "list-items": ("artikelen/doel.yaml", lambda n: _block("1. a\n" * ((n - 200) // 9))),
    "control-characters": ("artikelen/doel.yaml", lambda n: ARTICLE_HEAD + 'tekst: "' +
                           _repeat("a\\u0007", n - 200) + '"\n'),
    "hidden-characters": ("artikelen/doel.yaml", lambda n: _block(
        _lines("a\u200bb \u202e", n))),
    "mixed-script": ("artikelen/doel.yaml", lambda n: _block(_lines("pаrtij ", n))),
    "suppressed-findings": ("artikelen/doel.yaml", lambda n: _block(
        _lines("[[nergens]] ", n)).replace("tekst:", "# rechtmakers: negeer T001\ntekst:")),
    "many-keys": ("artikelen/doel.yaml", lambda n: ARTICLE_HEAD + "tekst: a\n" + "".join(
        f"x{i}: {i}\n" for i in range((n - 200) // 16))),
    "placeholder-closed": ("artikelen/doel.yaml", lambda n: _block("Tekst.") +
                           "# [nog invullen:" + " " * (n - 200) + "]\n"),
    "status-line-blanks": ("overeenkomst.yaml", lambda n: MINIMAL.joinpath("overeenkomst.yaml")
                           .read_text().replace("status: concept", "status: concept" +
                                                " " * (n - 1000) + "x")),
    "markup-dense": ("artikelen/doel.yaml", lambda n: _block(_lines("*a* [b](c) `d` ", n))),
    "flow-nesting": ("artikelen/doel.yaml", lambda n: ARTICLE_HEAD + "leden: [" +
                     _repeat("{id: a, tekst: b}, ", n - 200) + "]\ntekst: a\n"),
}

COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{new}"],
    "taal": ["taal", "{new}"],
    "render": ["render", "--force", "--format", "md,html,docx", "--out", "{out}", "{new}"],
    "diff": ["diff", "{old}", "{new}"],
    "diff-hostile": ["diff", "-f", "json", "{half}", "{new}"],
}


def run(cmd: list[str], timeout: float) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) and exit code of one command in a fresh process."""
    script = ("import resource,subprocess,sys,time;t=time.perf_counter();"
              "p=subprocess.run(sys.argv[2:],capture_output=True,timeout=float(sys.argv[1]));"
              "print(time.perf_counter()-t,"
              "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,p.returncode)")
    try:
        out = subprocess.run([sys.executable, "-c", script, str(timeout), *cmd],
                             capture_output=True, text=True, timeout=timeout + 30, check=True)
        seconds, rss, code = out.stdout.split()
        return float(seconds), int(rss) / 1024, int(code)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return timeout, 0.0, -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=990_000)
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    parser.add_argument("--command", action="append", choices=sorted(COMMANDS))
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    exe = shutil.which("rechtmakers") or "rechtmakers"
    worst: tuple[float, str] = (0.0, "")
    validate_worst = 0.0
    print(f"{'case':32} {'command':9} {'s':>7} {'MiB':>6} exit")
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "oud" / "minimal"
        shutil.copytree(MINIMAL, old)
        for name in args.case or list(CASES):
            rel, build = CASES[name]
            new = Path(tmp) / name / "minimal"
            shutil.copytree(MINIMAL, new)
            content = build(args.size).encode()
            assert len(content) <= 1_000_000, (name, len(content))
            (new / rel).write_bytes(content)
            # "half": the same hostile file at half the size, so diff compares two of them.
            half = Path(tmp) / name / "half" / "minimal"
            shutil.copytree(MINIMAL, half)
            (half / rel).write_bytes(build(args.size // 2).encode())
            for command in args.command or list(COMMANDS):
                argv = [exe] + [part.format(new=new, old=old, half=half, out=Path(tmp) / "build")
                                for part in COMMANDS[command]]
                seconds, mib, code = run(argv, args.timeout)
                print(f"{name:32} {command:9} {seconds:7.2f} {mib:6.0f} {code:4}", flush=True)
                if seconds > worst[0]:
                    worst = (seconds, f"{name} / {command}")
                if command == "validate":
                    validate_worst = max(validate_worst, seconds)
    print(f"\nslowest: {worst[1]} in {worst[0]:.2f} s (target ≤ 10 s)")
    print(f"slowest validate: {validate_worst:.2f} s (target ≤ 2 s)")


if __name__ == "__main__":
    main()

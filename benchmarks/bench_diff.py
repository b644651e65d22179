"""Benchmark `rechtmakers diff` on two versions of a 1,000-article agreement (prints figures).

Target (issue 4): with 10 % of the articles changed, the diff in ≤ 1.0 s for json and ≤ 2.0 s
for html, loading both versions included. Target (issue 12): the DOCX redline in ≤ 1.5 × the
time of `render --format docx` of the new version, measured in the same run the same way
(loading included). Target (issue 11): `diff --format pdf` ≤ 4 × pandoc converting the new
version's Markdown to DOCX, measured back to back (pandoc from `pip install pypandoc-binary`;
without it the pdf line is left out).

Measured twice, each run in a fresh process (so no cache is warm): the diff itself (load both,
compare, view; after the imports) and the command a user types
(`rechtmakers diff OLD NEW --format … --out …`), which adds Python's start-up and imports.

    python benchmarks/bench_diff.py [--articles 1000] [--fraction 0.1] [--runs 5] [--keep DIR]
                                    [--docx-only]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import measured, pandoc_path  # noqa: E402
from synth import generate, mutate  # noqa: E402

from rechtmakers.diff.output import ViewOptions, render_view  # noqa: E402
from rechtmakers.diff.sources import Request, load_comparison  # noqa: E402

TARGETS = {"json": 1.0, "html": 2.0}
DOCX_FACTOR = 1.5


def in_process(old: Path, new: Path, fmt: str) -> tuple[float, int]:
    """Wall time of load + compare + view in a fresh process, and the size of the output."""
    done = subprocess.run([sys.executable, __file__, "--inner", fmt, str(old), str(new)],
                          check=True, capture_output=True, text=True)
    seconds, size = done.stdout.split()
    return float(seconds), int(size)


def measure(fmt: str, old: Path, new: Path) -> None:
    """The measurement itself, run by in_process."""
    if fmt == "render-docx":
        measure_render(new)
        return
    start = time.perf_counter()
    request = Request(folders=(old, new), labels=("oud", "nieuw"))
    result = load_comparison(request, old.parent, words=fmt != "docx")  # as the CLI does
    data = render_view(fmt, result, ViewOptions())
    print(f"{time.perf_counter() - start:.4f} {len(data)}")


def measure_render(new: Path) -> None:
    """`render --format docx` of the new version: load, digest, document tree, DOCX."""
    from rechtmakers.agreement import load_complete
    from rechtmakers.render import RenderOptions, render_agreement

    start = time.perf_counter()
    files = render_agreement(load_complete(new, label="nieuw"), RenderOptions(formats=("docx",)))
    print(f"{time.perf_counter() - start:.4f} {sum(len(d) for d in files.values())}")


def as_command(old: Path, new: Path, fmt: str, out: Path) -> float:
    """Wall time of the command line, start-up included."""
    command = [sys.executable, "-m", "rechtmakers", "diff", str(old), str(new), "--format", fmt,
               "--out", str(out)]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    if sys.argv[1:2] == ["--inner"]:
        measure(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--parties", type=int, default=15)
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Keep the two versions in this folder.")
    parser.add_argument("--docx-only", action="store_true",
                        help="Only the redline DOCX against render --format docx.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-diff-"))
    old, new = work / "oud" / "synth", work / "nieuw" / "synth"
    try:
        if not (args.keep and old.is_dir() and new.is_dir()):
            for folder in (old, new):
                shutil.rmtree(folder, ignore_errors=True)
            generate(old, articles=args.articles, parties=args.parties, seed=1)
            mutate(old, new, fraction=args.fraction, seed=2)
        print(f"{args.articles} artikelen, {args.fraction:.0%} gewijzigd; beste en mediaan van "
              f"{args.runs} keer (wall), {os.cpu_count()} processorkernen, belasting "
              f"{os.getloadavg()[0]:.1f}")
        failed = False
        for fmt, target in ({} if args.docx_only else TARGETS).items():
            timings = [in_process(old, new, fmt) for _ in range(args.runs)]
            inner = [t for t, _ in timings]
            outer = [as_command(old, new, fmt, work / f"uit.{fmt}") for _ in range(args.runs)]
            size = timings[0][1] / 1e6
            ok = min(inner) <= target
            failed |= not ok
            print(f"{fmt:5} in het proces: beste {min(inner):.2f} s, mediaan "
                  f"{statistics.median(inner):.2f} s ({size:.1f} MB)  doel ≤ {target:.1f} s "
                  f"{'gehaald' if ok else 'NIET gehaald'}")
            print(f"{'':5} als commando:   beste {min(outer):.2f} s, mediaan "
                  f"{statistics.median(outer):.2f} s (met opstarten van Python)")
        failed |= not docx_against_render(old, new, args.runs)
        if not args.docx_only:
            failed |= not pdf_figures(old, new, work)
        return 1 if failed else 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def pdf_figures(old: Path, new: Path, work: Path) -> bool:
    """diff --format pdf against pandoc Markdown → DOCX of the new version; True when in target."""
    pandoc = pandoc_path()
    if pandoc is None:
        print("pdf   pandoc niet gevonden (pip install pypandoc-binary): overgeslagen")
        return True
    exe = [sys.executable, "-m", "rechtmakers"]
    subprocess.run([*exe, "render", str(new), "-f", "md", "-o", str(work / "md")], check=True,
                   capture_output=True)
    markdown = work / "md" / new.name / f"{new.name}.md"
    diff = measured([*exe, "diff", str(old), str(new), "--format", "pdf", "--out",
                     str(work / "uit.pdf")])
    docx = measured([pandoc, "-f", "commonmark", "-t", "docx", "-o", str(work / "p.docx"),
                     str(markdown)])
    ratio_wall, ratio_cpu = diff[0] / docx[0], diff[1] / docx[1]
    ok = min(ratio_wall, ratio_cpu) <= 4
    print(f"pdf   als commando: wall {diff[0]:.2f} s, cpu {diff[1]:.2f} s, piek "
          f"{diff[2] / 2**30:.2f} GiB; pandoc → docx wall {docx[0]:.2f} s, cpu {docx[1]:.2f} s")
    print(f"      verhouding {ratio_wall:.2f} (wall), {ratio_cpu:.2f} (cpu)  doel ≤ 4 "
          f"{'gehaald' if ok else 'NIET gehaald'}")
    return ok


def docx_against_render(old: Path, new: Path, runs: int) -> bool:
    """The redline DOCX against render's DOCX of the new version, alternating, same run."""
    redline: list[float] = []
    render: list[float] = []
    for _ in range(runs):
        redline.append(in_process(old, new, "docx")[0])
        render.append(in_process(old, new, "render-docx")[0])
    factor = min(redline) / min(render)
    ok = factor <= DOCX_FACTOR
    print(f"docx  redline: beste {min(redline):.2f} s, mediaan {statistics.median(redline):.2f} s;"
          f" render --format docx: beste {min(render):.2f} s, mediaan "
          f"{statistics.median(render):.2f} s; verhouding {factor:.2f} × (doel ≤ "
          f"{DOCX_FACTOR} ×) {'gehaald' if ok else 'NIET gehaald'}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())

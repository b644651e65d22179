"""Benchmark `rechtmakers render` against pandoc (prints figures; not a test).

Targets (issue 3, on a 2-core machine): md+html of a synthetic 1,000-article agreement
≤ 1.2 s; docx ≤ 0.9 × pandoc's time for the same text from Markdown to DOCX; the sample
agreement to md+html ≤ 300 ms wall through the command line, start-up included.

Targets (issue 11, PDF through Typst; ratios measured in the same run): the sample to pdf
≤ 1.6 × the sample to md,html; the 1,000-article agreement to pdf ≤ 3 × pandoc Markdown → DOCX,
with a peak memory ≤ 1.5 GiB. On a shared machine wall time swings with the load, so CPU time
(user + system, from wait4) is printed beside it.

pandoc comes from `pip install pypandoc-binary` (for this benchmark only); without it the
pandoc lines are left out. Run it as users run rechtmakers, with bytecode writing on:
`env -u PYTHONDONTWRITEBYTECODE python benchmarks/bench_render.py`. Besides wall time it prints
the CPU time of the sample's render, which other work on a shared machine disturbs far less.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3


def best(action: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any]:
    """Fastest of a few runs (the machine is shared: the minimum is the least disturbed)."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def wall(cmd: list[str], cwd: Path | None = None, runs: int = RUNS) -> float:
    def run() -> None:
        subprocess.run(cmd, cwd=cwd, capture_output=True, check=True)

    return best(run, runs)[0]


def measured(cmd: list[str], cwd: Path | None = None, runs: int = 1
             ) -> tuple[float, float, int]:
    """Best wall seconds, best CPU seconds (user + system) and the largest peak memory (bytes)
    of a few runs of cmd, each in a fresh process."""
    walls, cpus, peak = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"{' '.join(cmd)} failed ({process.returncode})")
        cpus.append(usage.ru_utime + usage.ru_stime)
        peak = max(peak, usage.ru_maxrss * 1024)
    return min(walls), min(cpus), peak


def cpu(cmd: list[str], cwd: Path | None = None, runs: int = 5) -> float:
    """Least CPU time (user + system) of a command over a few runs."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, cwd=cwd, capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times)


def pandoc_path() -> str | None:
    try:
        import pypandoc  # type: ignore[import-not-found, unused-ignore]

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


def in_process(root: Path) -> dict[str, float]:
    """Each step of rendering, on an agreement already read from disk."""
    from rechtmakers.agreement import load_agreement
    from rechtmakers.digest import content_digest
    from rechtmakers.document.build import build_document
    from rechtmakers.render.docx import render_docx
    from rechtmakers.render.html import render_html
    from rechtmakers.render.markdown import render_markdown

    load, (agreement, _) = best(lambda: load_agreement(root), 1)
    digest_s, digest = best(lambda: content_digest(agreement))
    tree_s, document = best(lambda: build_document(agreement, digest))
    md_s, _ = best(lambda: render_markdown(document))
    html_s, _ = best(lambda: render_html(document))
    docx_s, _ = best(lambda: render_docx(document))
    return {"load": load, "digest": digest_s, "tree": tree_s, "md": md_s, "html": html_s,
            "docx": docx_s}


def main() -> None:
    exe = [sys.executable, "-m", "rechtmakers"]
    pandoc = pandoc_path()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = work / "synthetisch"
        synth.generate(root, articles=1000, parties=15, seed=1)
        steps = in_process(root)
        cli_mdhtml = wall([*exe, "render", str(root), "-f", "md,html", "-o", str(work / "a")])
        cli_docx = wall([*exe, "render", str(root), "-f", "docx", "-o", str(work / "b")])
        markdown = work / "a" / "synthetisch" / "synthetisch.md"
        pandoc_docx = pandoc_html = None
        if pandoc:
            pandoc_docx = wall([pandoc, "-f", "commonmark", "-t", "docx", "-o",
                                str(work / "p.docx"), str(markdown)], runs=1)
            pandoc_html = wall([pandoc, "-f", "commonmark", "-t", "html", "-s", "--metadata",
                                "title=x", "-o", str(work / "p.html"), str(markdown)], runs=1)
        size = markdown.stat().st_size / 1e6
        sample = wall([*exe, "render", "agreements", "-o", str(work / "c")], cwd=ROOT, runs=5)
        sample_cpu = cpu([*exe, "render", "agreements", "-o", str(work / "d")], cwd=ROOT)
        version = wall([*exe, "--version"], runs=5)
        pdf = pdf_figures(exe, root, work, markdown, pandoc)

    render_mdhtml = steps["tree"] + steps["md"] + steps["html"]
    render_docx = steps["tree"] + steps["docx"]
    print(f"synthetic agreement: 1,000 articles, 15 parties; its Markdown is {size:.1f} MB")
    print("in process (agreement already read), best of 3:")
    for name, seconds in steps.items():
        print(f"  {name:<7} {seconds:6.3f} s")
    print(f"  md+html (tree + md + html): {render_mdhtml:.3f} s   target <= 1.2 s")
    print(f"  docx (tree + docx):         {render_docx:.3f} s")
    print("command line, wall, best of 3 (reading, validating and writing included):")
    print(f"  rechtmakers render -f md,html  {cli_mdhtml:.3f} s")
    print(f"  rechtmakers render -f docx     {cli_docx:.3f} s")
    if pandoc_docx and pandoc_html:
        print(f"pandoc, the same Markdown ({pandoc}):")
        print(f"  pandoc -> docx {pandoc_docx:.3f} s, -> html {pandoc_html:.3f} s")
        print(f"  ratio docx: in process {render_docx / pandoc_docx:.2f} x pandoc, command "
              f"line {cli_docx / pandoc_docx:.2f} x pandoc   target <= 0.9")
        print(f"  ratio html: command line md+html {cli_mdhtml / pandoc_html:.2f} x pandoc html")
    else:
        print("pandoc: not found (pip install pypandoc-binary)")
    print(f"sample agreement, rechtmakers render (md+html), wall, best of 5: {sample:.3f} s   "
          f"target <= 0.3 s; CPU {sample_cpu:.3f} s")
    print(f"rechtmakers --version, wall, best of 5: {version:.3f} s (the start-up floor)")
    print_pdf(pdf)


def pdf_figures(exe: list[str], root: Path, work: Path, markdown: Path,
                pandoc: str | None) -> dict[str, tuple[float, float, int]]:
    """The PDF figures of issue 11, each ratio's two sides measured back to back."""
    figures = {
        "sample md,html": measured([*exe, "render", "agreements", "-f", "md,html", "-o",
                                    str(work / "s1")], cwd=ROOT, runs=5),
        "sample pdf": measured([*exe, "render", "agreements", "-f", "pdf", "-o",
                                str(work / "s2")], cwd=ROOT, runs=5),
        "1,000 pdf": measured([*exe, "render", str(root), "-f", "pdf", "-o", str(work / "p")]),
    }
    if pandoc:
        figures["pandoc docx"] = measured([pandoc, "-f", "commonmark", "-t", "docx", "-o",
                                           str(work / "p2.docx"), str(markdown)])
    return figures


def print_pdf(figures: dict[str, tuple[float, float, int]]) -> None:
    print("PDF through Typst (issue 11): wall and CPU (user + system), peak memory")
    for name, (seconds, cpu, peak) in figures.items():
        print(f"  {name:<15} wall {seconds:6.2f} s  cpu {cpu:6.2f} s  peak {peak / 2**30:.2f} GiB")
    md, pdf = figures["sample md,html"], figures["sample pdf"]
    print(f"  sample: pdf / md,html = {pdf[0] / md[0]:.2f} wall, {pdf[1] / md[1]:.2f} cpu   "
          "target <= 1.6")
    big = figures["1,000 pdf"]
    print(f"  1,000 articles: peak memory {big[2] / 2**30:.2f} GiB   target <= 1.5 GiB")
    if "pandoc docx" in figures:
        pandoc = figures["pandoc docx"]
        print(f"  1,000 articles: pdf / pandoc docx = {big[0] / pandoc[0]:.2f} wall, "
              f"{big[1] / pandoc[1]:.2f} cpu   target <= 3")


if __name__ == "__main__":
    main()

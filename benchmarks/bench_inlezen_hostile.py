"""Benchmark `rechtmakers inlezen` on hostile reviews (prints figures; not a test).

Target (issue 22): each hostile DOCX is read or refused in ≤ 2 s through the command line:
10,000 comments each spanning a 1 MB paragraph, 5,000,000 empty paragraphs (with the digest of
a real version, and without one), and a link to /dev/zero.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "inlezen"))
import hostile_docx  # noqa: E402

TARGET = 2.0
SAMPLE = ROOT / "agreements" / "positief-gezond-almere"


def main() -> None:
    from rechtmakers.agreement import load_agreement
    from rechtmakers.render import RenderOptions, render_agreement

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        repo = base / "repo"
        shutil.copytree(SAMPLE, repo / "agreements" / SAMPLE.name)
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
               "GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@example.org",
               "GIT_COMMITTER_NAME": "B", "GIT_COMMITTER_EMAIL": "b@example.org"}
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True)
        agreement, _ = load_agreement(repo / "agreements" / SAMPLE.name)
        docx = next(iter(render_agreement(agreement, RenderOptions(formats=("docx",)))
                         .values()))
        cases = {
            "10.000 opmerkingen over 1 MB": hostile_docx.many_long_comments(docx),
            "5.000.000 lege alinea's": hostile_docx.many_empty_paragraphs(docx),
            "5.000.000 lege alinea's, geen vingerafdruk": hostile_docx.without_digest(docx),
        }
        paths = {}
        for i, (name, data) in enumerate(cases.items()):
            paths[name] = base / f"h{i}.docx"
            paths[name].write_bytes(data)
        paths["link naar /dev/zero"] = base / "nul.docx"
        os.symlink("/dev/zero", paths["link naar /dev/zero"])
        worst = 0.0
        for name, path in paths.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "rechtmakers", "inlezen", str(path),
                                   "--dry-run"], cwd=repo, env=env, capture_output=True,
                                  check=False)
            took = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            worst = max(worst, took)
            print(f"{name:45} {took:6.2f} s wall, {cpu:5.2f} s cpu  exit {done.returncode}  "
                  f"{(done.stderr or done.stdout).decode()[-90:].strip()!r}")
        print("(wall time on a shared machine: compare the cpu time when it is busy)")
        print(f"slowest {worst:.2f} s (target ≤ {TARGET:.1f} s): "
              f"{'OK' if worst <= TARGET else 'TOO SLOW'}")


if __name__ == "__main__":
    main()

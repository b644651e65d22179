"""Benchmark a signed PDF as sign-off evidence (prints figures).

Targets (issue 16): recording and verifying one PDF sign-off of the sample ≤ 1 s each; `status`
with 15 PDF-backed sign-offs ≤ 1 s (each PDF validated once, reused by its hash). Issue 21: the
fresh render that `sign --bewijs` compares against ≤ 1 s for the sample; one PDF with 100
signatures checked for one party ≤ 2 s.

Each figure is the median of a few runs, as wall time and as CPU time (this process and the
commands it ran): on a shared machine the CPU time is the steadier of the two.

- the check of one signed PDF of the sample: in a fresh process (Python, rechtmakers and pyHanko
  imports included), and warm in a running process;
- 15 PDFs, one per party, each signed by that party's representative: checked cold, then from
  the facts cache;
- one PDF carrying all 15 parties' signatures: each party's check in turn, then from the cache;
- when `rechtmakers sign --bewijs` knows PDFs: the commands `sign`, `verify` and `status` on a
  real repository (the whole command).

    python benchmarks/bench_pdf_evidence.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rechtmakers.agreement import load_agreement, load_complete  # noqa: E402
from rechtmakers.digest import content_digest  # noqa: E402
from rechtmakers.render import signing_edition  # noqa: E402
from rechtmakers.signoff.pdf_evidence import FactsCache, check_pdf  # noqa: E402
from rechtmakers.signoff.pdf_origin import Edition  # noqa: E402
from tests.signoff.pdf_certs import CertificateAuthority, sign  # noqa: E402

SAMPLE = ROOT / "agreements" / "positief-gezond-almere"
RUNS = 3
Figure = tuple[float, float]  # (wall, CPU) seconds


def clocks() -> Figure:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time() + children.ru_utime + children.ru_stime


def measure(action: Callable[[], object]) -> Figure:
    wall, cpu = clocks()
    action()
    after_wall, after_cpu = clocks()
    return after_wall - wall, after_cpu - cpu


def timed(action: Callable[[], object], runs: int = RUNS) -> Figure:
    figures = [measure(action) for _ in range(runs)]
    return (statistics.median(f[0] for f in figures), statistics.median(f[1] for f in figures))


def shown(figure: Figure) -> str:
    return f"{figure[0]:.3f} s wall, {figure[1]:.3f} s CPU"


def rendered_pdf(work: Path, digest: str) -> tuple[bytes, str]:
    """The sample's signing edition, as `render --format pdf` and `review` make it (issue 21:
    only that PDF counts)."""
    del work, digest
    return signing_edition(load_complete(SAMPLE, label="bench")), "render.signing_edition"


def editions_of(pdf: bytes) -> Any:
    return lambda digest: [Edition("versie", pdf)]


def fresh_process(pdf: Path, ca: Path) -> Figure:
    """One check in a new Python process, imports included (what one command pays)."""
    code = ("import sys, pathlib; from rechtmakers.agreement import load_agreement; "
            "from rechtmakers.digest import content_digest; "
            "from rechtmakers.signoff.pdf_evidence import check_pdf; "
            "from rechtmakers.signoff.pdf_origin import Edition; "
            f"a = load_agreement(pathlib.Path({str(SAMPLE)!r}))[0]; "
            f"e = Edition('v', pathlib.Path({str(pdf.with_name('unsigned.pdf'))!r}).read_bytes()); "
            f"r = check_pdf(pathlib.Path({str(pdf)!r}).read_bytes(), content_digest(a), "
            f"a.party_map['de-schoor'], [pathlib.Path({str(ca)!r}).read_bytes()], "
            "editions=lambda d: [e]); "
            "sys.exit(0 if r.ok else 1)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return timed(lambda: subprocess.run([sys.executable, "-c", code], check=True, env=env))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        report(work)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def report(work: Path) -> None:
    agreement = load_agreement(SAMPLE)[0]
    digest = content_digest(agreement)
    pdf, source = rendered_pdf(work, digest)
    ca = CertificateAuthority()
    parties = list(agreement.parties)
    people = {p.id: ca.issue(p.representatives[0].name, p.representatives[0].email)
              for p in parties}
    print(f"PDF: {source}, {len(pdf) // 1024} KiB; {len(parties)} parties")

    print(f"the fresh render sign --bewijs compares against (sample, warm): "
          f"{shown(timed(lambda: rendered_pdf(work, digest)))} (target 1 s)")
    one = sign(pdf, people["de-schoor"])
    (work / "one.pdf").write_bytes(one)
    (work / "unsigned.pdf").write_bytes(pdf)
    editions = editions_of(pdf)
    (work / "ca.der").write_bytes(ca.der)
    party = agreement.party_map["de-schoor"]
    print(f"one signed PDF, fresh process (imports included): "
          f"{shown(fresh_process(work / 'one.pdf', work / 'ca.der'))}")
    check_pdf(one, digest, party, [ca.der], editions=editions)  # imports
    print(f"one signed PDF, warm process: "
          f"{shown(timed(lambda: check_pdf(one, digest, party, [ca.der], editions=editions)))}")

    singles = {p.id: sign(pdf, people[p.id]) for p in parties}
    cache = FactsCache(work / "cache")

    def all_singles() -> None:
        for p in parties:
            assert check_pdf(singles[p.id], digest, p, [ca.der], cache=cache,
                             editions=editions).ok

    cold = measure(all_singles)
    cache.save()

    def from_disk() -> None:
        cache.entries = FactsCache(work / "cache").entries
        all_singles()
    print(f"15 PDFs, one signature each: cold {shown(cold)}; from the cache "
          f"{shown(timed(from_disk))}")

    joint = pdf
    for i, p in enumerate(parties):
        joint = sign(joint, people[p.id], f"Handtekening{i + 1}")
    joint_cache = FactsCache(work / "joint")

    def each_party() -> None:
        for p in parties:
            assert check_pdf(joint, digest, p, [ca.der], cache=joint_cache,
                             editions=editions).ok
    print(f"one PDF with 15 signatures: all parties cold {shown(measure(each_party))}; "
          f"from the cache {shown(timed(each_party))}")
    many(pdf, digest, agreement, ca, editions)
    commands(work, pdf, ca, people)


def many(pdf: bytes, digest: str, agreement: Any, ca: CertificateAuthority, editions: Any,
         count: int = 100) -> None:
    """Issue 21: one PDF with 100 signatures (every representative in turn); the check of one
    party ≤ 2 s (it was quadratic: 120 signatures took 72 s)."""
    people = [(r.name, r.email) for p in agreement.parties for r in p.representatives]
    identities = {email: ca.issue(name, email) for name, email in people}
    data = pdf
    for i in range(count):
        data = sign(data, identities[people[i % len(people)][1]], f"Handtekening{i + 1}")
    party = agreement.party_map["de-schoor"]
    check_pdf(data, digest, party, [ca.der], editions=editions)  # imports
    figure = timed(lambda: check_pdf(data, digest, party, [ca.der], editions=editions))
    print(f"one PDF with {count} signatures ({len(data) // 1024} KiB), one party, warm: "
          f"{shown(figure)} (target 2 s)")


def commands(work: Path, pdf: bytes, ca: CertificateAuthority, people: dict[str, Any]) -> None:
    """`sign --bewijs`, `verify` and `status` as a user runs them, on a real repository."""
    try:
        import rechtmakers.signoff.evidence  # noqa: F401
    except ImportError:
        print("commands: this rechtmakers has no `sign --bewijs` yet; skipped")
        return
    repo = work / "repo"
    agreement = repo / "agreements" / SAMPLE.name
    shutil.copytree(SAMPLE, agreement)
    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "ca.pem").write_bytes(ca.pem)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": str(work / "gitconfig"), "GIT_AUTHOR_NAME": "Beheer",
           "GIT_AUTHOR_EMAIL": "beheer@example.org", "GIT_COMMITTER_NAME": "Beheer",
           "GIT_COMMITTER_EMAIL": "beheer@example.org"}
    (work / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    def run(*args: str | Path) -> None:
        done = subprocess.run([sys.executable, "-m", "rechtmakers", *map(str, args)], cwd=repo,
                              env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{args[0]} failed: {done.stdout}{done.stderr}")

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "Eerste versie")
    pdfs = {}
    for party_id, person in people.items():
        pdfs[party_id] = work / f"{party_id}.pdf"
        pdfs[party_id].write_bytes(sign(pdf, person))

    def sign_one() -> None:
        run("sign", "--partij", "de-schoor", "--bewijs", pdfs["de-schoor"], agreement)
        git("reset", "-q", "--hard", "HEAD~1")
    print(f"rechtmakers sign --bewijs (one PDF): {shown(timed(sign_one))} "
          "(git reset included)")
    run("sign", "--partij", "de-schoor", "--bewijs", pdfs["de-schoor"], agreement)
    cache = repo / ".git" / "rechtmakers"

    def verify_cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        run("verify", agreement)
    print(f"rechtmakers verify, one PDF sign-off: cold cache {shown(timed(verify_cold))}; "
          f"warm {shown(timed(lambda: run('verify', agreement)))}")
    for party_id in people:
        if party_id != "de-schoor":
            run("sign", "--partij", party_id, "--bewijs", pdfs[party_id], agreement)

    def status_cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        run("status", agreement)
    print(f"rechtmakers status, 15 PDF sign-offs: cold cache {shown(timed(status_cold))}; "
          f"warm {shown(timed(lambda: run('status', agreement)))}")
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "import rechtmakers.cli"],
                                        env=env, check=True))
    pyhanko = timed(lambda: subprocess.run(
        [sys.executable, "-c", "import pyhanko.sign.validation, pyhanko.pdf_utils.reader"],
        env=env, check=True))
    print(f"for scale: python + import rechtmakers.cli {shown(bare)}; python + import pyHanko "
          f"{shown(pyhanko)} (paid only when a PDF is checked, not from the cache)")


if __name__ == "__main__":
    main()

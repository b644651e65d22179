"""Benchmark `rechtmakers status` and `rechtmakers log` on a long history (prints figures).

Target (issue 5): on a repository with 1,000 commits and 15 parties, `status` and `log`
≤ 0.5 s wall each. The repository is built with one `git fast-import` stream from the sample
agreement: article edits with version bumps, explanation-only edits, agreement version bumps,
and sign-off rounds whose records carry the real content digest at that point.

    python benchmarks/bench_signoff.py [--commits 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rechtmakers.agreement import load_agreement
from rechtmakers.digest import content_digest
from rechtmakers.model import Representative
from rechtmakers.signoff.records import SignOff, dump_record

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "agreements" / "positief-gezond-almere"
SUBDIR = f"agreements/{SAMPLE.name}"
RUNS = 5
ROUND_EVERY = 60  # a sign-off round (one commit per party) after this many edits
FINAL_SIGNERS = 9  # parties that signed the current content when the history ends
EPOCH = 1_767_000_000


class Builder:
    """Keeps the agreement's current files and writes fast-import commits of changes to them."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.files = {p.relative_to(SAMPLE).as_posix(): p.read_text(encoding="utf-8")
                      for p in SAMPLE.rglob("*.yaml")}
        self.stream: list[bytes] = []
        self.count = 0

    def commit(self, message: str, changed: dict[str, str], who: tuple[str, str]) -> None:
        self.count += 1
        stamp = f"{who[0]} <{who[1]}> {EPOCH + self.count * 600} +0100"
        body = message.encode()
        lines = [f"commit refs/heads/main\nmark :{self.count}\nauthor {stamp}\n"
                 f"committer {stamp}\ndata {len(body)}\n".encode() + body + b"\n"]
        if self.count > 1:
            lines.append(f"from :{self.count - 1}\n".encode())
        for rel, text in sorted(changed.items()):
            self.files[rel] = text
            data = text.encode()
            lines.append(f"M 100644 inline {SUBDIR}/{rel}\ndata {len(data)}\n".encode() + data
                         + b"\n")
        self.stream.append(b"".join(lines) + b"\n")

    def digest(self) -> str:
        target = self.work / SAMPLE.name
        shutil.rmtree(target, ignore_errors=True)
        for rel, text in self.files.items():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_text(text, encoding="utf-8")
        agreement, problems = load_agreement(target)
        assert not problems, problems
        return content_digest(agreement)


def edit_article(text: str, step: int, binding: bool) -> str:
    if not binding:
        return text.replace("toelichting: |\n", f"toelichting: |\n  Notitie {step}.\n", 1) \
            if "Notitie" not in text else re.sub(r"Notitie \d+\.", f"Notitie {step}.", text)
    version = int(re.search(r"^versie: (\d+)$", text, re.M).group(1))  # type: ignore[union-attr]
    text = re.sub(r"^versie: \d+$", f"versie: {version + 1}", text, count=1, flags=re.M)
    if "Regel " in text:
        return re.sub(r"Regel \d+\.", f"Regel {step}.", text)
    return text.replace("tekst: |\n", f"tekst: |\n  Regel {step}.\n", 1)


def bump(meta: str) -> str:
    major, minor, _ = re.search(r"^versie: (\d+)\.(\d+)\.(\d+)$", meta, re.M).groups()  # type: ignore[union-attr]
    return re.sub(r"^versie: .*$", f"versie: {major}.{int(minor) + 1}.0", meta, count=1, flags=re.M)


def build(repo: Path, commits: int) -> None:
    agreement, _ = load_agreement(SAMPLE)
    signers = [(p.id, p.representatives[0]) for p in agreement.parties]
    articles = sorted(rel for rel in (p.relative_to(SAMPLE).as_posix()
                                      for p in SAMPLE.glob("artikelen/*.yaml")))
    builder = Builder(repo.parent / "scratch")
    author = ("Jurist Penvoerder", "jurist@ggd-flevoland.example")
    builder.commit("Eerste versie", dict(builder.files), author)
    step = 0
    while builder.count < commits - FINAL_SIGNERS:
        step += 1
        if step % ROUND_EVERY == 0:
            sign_round(builder, signers, commits)
            continue
        rel = articles[step % len(articles)]
        binding = step % 4 != 0
        changed = {rel: edit_article(builder.files[rel], step, binding)}
        if binding and step % 10 == 1:
            changed["overeenkomst.yaml"] = bump(builder.files["overeenkomst.yaml"])
        builder.commit(f"Wijziging {step} in {rel}", changed, author)
    sign_round(builder, signers, commits)  # the last round is under way: some signed, some not
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(builder.stream),
                   check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)


def sign_round(builder: Builder, signers: list[tuple[str, Representative]], limit: int
               ) -> None:
    digest = builder.digest()
    version = re.search(r"^versie: (\S+)$", builder.files["overeenkomst.yaml"], re.M).group(1)  # type: ignore[union-attr]
    for party_id, rep in signers:
        if builder.count >= limit:
            return
        record = SignOff.model_validate({
            "partij": party_id, "overeenkomst": SAMPLE.name, "versie": version, "digest": digest,
            "ondertekenaar": {"naam": rep.name, "email": rep.email, "functie": rep.function},
            "tijdstip": dt.datetime.fromtimestamp(EPOCH + builder.count * 600,
                                                  dt.timezone(dt.timedelta(hours=1))),
        })
        builder.commit(f"Ondertekening: {party_id} tekent versie {version}",
                       {f"ondertekeningen/{party_id}.yaml": dump_record(record)},
                       (rep.name, rep.email))


def wall(args: list[str], cwd: Path, check: bool = True) -> tuple[float, str]:
    """The median wall time of a command, and its output."""
    times, out = [], ""
    for _ in range(RUNS):
        start = time.perf_counter()
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=check)
        times.append(time.perf_counter() - start)
        out = done.stdout
    return statistics.median(times), out


def in_process(fn: object, *args: object) -> float:
    """The median time of a call inside this process (no start-up)."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="Build the repository here and keep it.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-signoff-") as tmp:
        repo = options.keep or Path(tmp) / "repo"
        os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
                           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@x.example",
                           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@x.example"})
        start = time.perf_counter()
        build(repo, options.commits)
        built = time.perf_counter() - start
        count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo, check=True,
                               capture_output=True, text=True).stdout.strip()
        print(f"repository: {count} commits, 15 parties, built in {built:.2f} s")
        report(repo)


def report(repo: Path) -> None:
    from rechtmakers.signoff.history import agreement_log
    from rechtmakers.signoff.status import agreement_status

    exe = str(Path(sys.executable).with_name("rechtmakers"))
    root = repo / SUBDIR
    cache = repo / ".git" / "rechtmakers"
    floor, _ = wall([exe, "status", "/bestaat-niet"], repo, check=False)
    print(f"start-up with arguments   {floor:.3f} s wall (typer + pydantic, before any work)")
    status, out = wall([exe, "status", SUBDIR], repo)
    print(f"rechtmakers status         {status:.3f} s wall   [{out.strip().splitlines()[-1]}]")
    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([exe, "log", SUBDIR], cwd=repo, capture_output=True, check=True)
    print(f"rechtmakers log, cold      {time.perf_counter() - start:.3f} s wall (first run: "
          "every version parsed once)")
    log, out = wall([exe, "log", SUBDIR], repo)
    print(f"rechtmakers log            {log:.3f} s wall   [{out.count(chr(10) + chr(10))} "
          "entries]")
    article, _ = wall([exe, "log", "besluitvorming", SUBDIR], repo)
    print(f"rechtmakers log ARTIKEL    {article:.3f} s wall")
    print(f"in process: status {in_process(agreement_status, root):.3f} s, "
          f"log {in_process(agreement_log, root):.3f} s")
    scan = wall(["git", "log", "--raw", "--no-abbrev", "--format=%H", "--", SUBDIR], repo)[0]
    print(f"git log --raw alone        {scan:.3f} s wall")


if __name__ == "__main__":
    main()

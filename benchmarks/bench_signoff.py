"""Benchmark `rechtmakers status` and `rechtmakers log` on a long history (prints figures).

Issue 20: the history has merges (--merges, 100 by default: a side-branch commit and a
main-branch commit joined by a merge commit) and authority changes (--authority, 50: a
representative's function changed in partijen.yaml by the agreement's beheerder), and
`status` walks all of it along ancestry: ≤ 0.5 s in process with full verification.

Targets: on a repository with 1,000 commits and 15 parties, `status` and `log` ≤ 0.5 s wall
each (issue 5); `status` with full verification under the trust rule ≤ 0.5 s of its own work,
with 15 parties of two jointly authorised signers each and mixed evidence (issue 10): a third
sign by git identity, a third with SSH-signed commits, a third with detached SSH signatures
under the approval statement. The history is built with one `git fast-import` stream from the
sample agreement: article edits with version bumps, explanation-only edits, agreement version
bumps, and sign-off rounds (older layout, one record per party) whose records carry the real
content digest at that point; the last 30 commits are real `git commit`s, signed where the
evidence asks for it.

    python benchmarks/bench_signoff.py [--commits 1000] [--merges 100] [--authority 50]
                                       [--keep DIR]
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

from rechtmakers import digest as digest_module
from rechtmakers.agreement import load_agreement
from rechtmakers.digest import content_digest
from rechtmakers.model import Representative
from rechtmakers.signoff.records import SignOff, dump_record, record_rel, signer_slug
from rechtmakers.signoff.statement import NAMESPACE, build_statement

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "agreements" / "positief-gezond-almere"
SUBDIR = f"agreements/{SAMPLE.name}"
RUNS = 5
ROUND_EVERY = 60  # a sign-off round (one commit per party) after this many edits
FINAL_SIGNERS = 9  # parties that signed in the last old-style round
KINDS = ("git", "ssh-commit", "ssh-detached")  # the evidence of party i is KINDS[i % 3]
MAINTAINER = ("Beheerder", "beheer@ggd-flevoland.example")
EPOCH = 1_767_000_000
# The digest's form, which a record names (absent in versions of rechtmakers before it).
FORM = ({"vorm": digest_module.DIGEST_FORM} if hasattr(digest_module, "DIGEST_FORM") else {})


class Builder:
    """Keeps the agreement's current files and writes fast-import commits of changes to them."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.files = {p.relative_to(SAMPLE).as_posix(): p.read_text(encoding="utf-8")
                      for p in SAMPLE.rglob("*") if p.is_file()}  # yaml and annexes
        self.stream: list[bytes] = []
        self.count = 0
        self.tip = 0  # the mark of main's newest commit

    def commit(self, message: str, changed: dict[str, str], who: tuple[str, str], *,
               branch: str = "main", parent: int | None = None, merge: int | None = None
               ) -> int:
        """One fast-import commit (on main unless branch says otherwise); its mark."""
        self.count += 1
        stamp = f"{who[0]} <{who[1]}> {EPOCH + self.count * 600} +0100"
        body = message.encode()
        lines = [f"commit refs/heads/{branch}\nmark :{self.count}\nauthor {stamp}\n"
                 f"committer {stamp}\ndata {len(body)}\n".encode() + body + b"\n"]
        start = parent if parent is not None else self.tip
        if start:
            lines.append(f"from :{start}\n".encode())
        if merge is not None:
            lines.append(f"merge :{merge}\n".encode())
        for rel, text in sorted(changed.items()):
            self.files[rel] = text
            data = text.encode()
            lines.append(f"M 100644 inline {SUBDIR}/{rel}\ndata {len(data)}\n".encode() + data
                         + b"\n")
        self.stream.append(b"".join(lines) + b"\n")
        if branch == "main":
            self.tip = self.count
        return self.count

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


def merge_round(builder: Builder, rel_side: str, rel_main: str, step: int,
                author: tuple[str, str]) -> None:
    """A commit on a side branch and one on main, from the same parent, then a merge."""
    base = builder.tip
    side_text = edit_article(builder.files[rel_side], step, False)
    side = builder.commit(f"Zijtak {step} in {rel_side}", {rel_side: side_text}, author,
                          branch="zijtak", parent=base)
    builder.commit(f"Wijziging {step} in {rel_main}",
                   {rel_main: edit_article(builder.files[rel_main], step, True)}, author)
    builder.commit(f"Samenvoegen zijtak {step}", {rel_side: side_text}, author, merge=side)


def authority_change(builder: Builder, step: int) -> None:
    """The penvoerder's first representative (no key; an administrator) changes her own
    function in partijen.yaml: a change of authority, judged along ancestry."""
    import yaml

    data = yaml.safe_load(builder.files["partijen.yaml"])
    rep = data["partijen"][0]["vertegenwoordigers"][0]
    rep["functie"] = re.sub(r" \(\d+\)$", "", rep["functie"]) + f" ({step})"
    changed = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)
    builder.commit(f"Functie bijgewerkt ({step})", {"partijen.yaml": changed},
                   (rep["naam"], rep["email"]))


def build(repo: Path, commits: int, merges: int = 100, authority: int = 50) -> None:
    agreement, _ = load_agreement(SAMPLE)
    signers = [(p.id, p.representatives[0]) for p in agreement.parties]
    articles = sorted(rel for rel in (p.relative_to(SAMPLE).as_posix()
                                      for p in SAMPLE.glob("artikelen/*.yaml")))
    builder = Builder(repo.parent / "scratch")
    plans = joint_parties(builder, repo.parent / "sleutels")
    final = sum(len(plan[2]) for plan in plans)
    author = ("Jurist Penvoerder", "jurist@ggd-flevoland.example")
    builder.commit("Eerste versie", dict(builder.files), author)
    step = 0
    body = commits - FINAL_SIGNERS - final
    merge_every = 4  # steps: a merge round (3 commits) after three plain edits
    authority_every = max(1, (body - 3 * merges) // max(authority, 1)) if authority else 0
    done_merges = done_authority = 0
    while builder.count < body:
        step += 1
        if step % ROUND_EVERY == 0:
            sign_round(builder, signers, commits)
            continue
        if merge_every and done_merges < merges and step % merge_every == 0 and \
                builder.count + 3 <= body:
            merge_round(builder, articles[(step + 1) % len(articles)],
                        articles[step % len(articles)], step, author)
            done_merges += 1
            continue
        if authority_every and done_authority < authority and step % authority_every == 3:
            authority_change(builder, step)
            done_authority += 1
            continue
        rel = articles[step % len(articles)]
        binding = step % 4 != 0
        changed = {rel: edit_article(builder.files[rel], step, binding)}
        if binding and step % 10 == 1:
            changed["overeenkomst.yaml"] = bump(builder.files["overeenkomst.yaml"])
        builder.commit(f"Wijziging {step} in {rel}", changed, author)
    sign_round(builder, signers, commits - final)  # an old-style round, partly done
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(builder.stream),
                   check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)
    final_round(repo, builder, plans)


Plan = tuple[str, str, list[tuple[dict[str, str], Path | None]]]  # party, kind, signers


def joint_parties(builder: Builder, keys: Path) -> list[Plan]:
    """Every party gets two representatives who must both sign; parties with crypto evidence
    get an SSH key for each (in the first commit, so they count from it)."""
    import yaml

    keys.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(builder.files["partijen.yaml"])
    plans: list[Plan] = []
    for i, party in enumerate(data["partijen"]):
        reps = party["vertegenwoordigers"][:2]
        if len(reps) == 1:
            reps.append({"naam": f"Tweede bestuurder {party['naam']}", "functie": "bestuurder",
                         "email": f"bestuur@{party['id']}.example"})
        party["vertegenwoordigers"] = reps
        party["bevoegdheid"] = "gezamenlijk"
        kind = KINDS[i % len(KINDS)]
        signers: list[tuple[dict[str, str], Path | None]] = []
        for j, rep in enumerate(reps):
            private = None
            if kind != "git":
                private = keys / f"{party['id']}-{j}"
                subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f",
                                str(private)], check=True, capture_output=True)
                rep["sleutel"] = private.with_suffix(".pub").read_text().strip()
            signers.append((rep, private))
        plans.append((party["id"], kind, signers))
    builder.files["partijen.yaml"] = yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                    width=200)
    return plans


def final_round(repo: Path, builder: Builder, plans: list[Plan]) -> None:
    """Both representatives of every party sign the current content, each with the evidence
    of their party: real commits (signed with their key for ssh-commit)."""
    digest = builder.digest()
    meta = builder.files["overeenkomst.yaml"]
    version = re.search(r"^versie: (\S+)$", meta, re.M).group(1)  # type: ignore[union-attr]
    title = re.search(r"^titel: (.+)$", meta, re.M).group(1).strip()  # type: ignore[union-attr]
    names = {p.id: p.name for p in load_agreement(SAMPLE)[0].parties}
    root = repo / SUBDIR
    for party_id, kind, signers in plans:
        for rep, private in signers:
            record: dict[str, object] = {
                "partij": party_id, "overeenkomst": SAMPLE.name, "versie": version,
                "digest": digest, "ondertekenaar": {"naam": rep["naam"], "email": rep["email"],
                                                    "functie": rep["functie"]},
                "tijdstip": "2026-11-29T10:00:00+01:00", **FORM}
            path = root / record_rel(party_id, rep["email"])
            path.parent.mkdir(parents=True, exist_ok=True)
            who, sign = (rep["naam"], rep["email"]), []
            if kind == "ssh-detached":
                assert private is not None
                statement = path.with_name(f"{signer_slug(rep['email'])}.akkoord.txt")
                statement.write_bytes(build_statement(SAMPLE.name, title, version, digest,
                                                      party_id, names[party_id]))
                subprocess.run(["ssh-keygen", "-Y", "sign", "-f", str(private), "-n", NAMESPACE,
                                str(statement)], check=True, capture_output=True)
                statement.with_name(statement.name + ".sig").rename(
                    path.with_suffix(".sig"))
                record["bewijs"] = {"soort": kind, "bestand": path.with_suffix(".sig").name}
                who = MAINTAINER
            elif kind == "ssh-commit":
                assert private is not None
                sign = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={private}", "commit",
                        "-S"]
            path.write_text(dump_record(SignOff.model_validate(record)), encoding="utf-8")
            env = {**os.environ, "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
                   "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1]}
            subprocess.run(["git", "add", "-A", "--", SUBDIR], cwd=repo, check=True)
            subprocess.run(["git", *(sign or ["commit"]), "-q", "-m",
                            f"Ondertekening: {party_id} ({rep['email']})"], cwd=repo, env=env,
                           check=True)


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
            **FORM,
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
    parser.add_argument("--merges", type=int, default=100)
    parser.add_argument("--authority", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="Build the repository here and keep it.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-signoff-") as tmp:
        repo = options.keep or Path(tmp) / "repo"
        os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
                           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@x.example",
                           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@x.example"})
        start = time.perf_counter()
        build(repo, options.commits, options.merges, options.authority)
        built = time.perf_counter() - start
        count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo, check=True,
                               capture_output=True, text=True).stdout.strip()
        merged = subprocess.run(["git", "rev-list", "--count", "--merges", "HEAD"], cwd=repo,
                                check=True, capture_output=True, text=True).stdout.strip()
        print(f"repository: {count} commits ({merged} merges), 15 parties, built in "
              f"{built:.2f} s")
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
    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    result = agreement_status(root)
    cold = time.perf_counter() - start
    kinds = sorted({str(k) for p in result.parties for k in p.evidence})
    states = {s: sum(1 for p in result.parties if p.state == s)
              for s in ("signed", "partial", "stale", "invalid", "missing")}
    print(f"status, full verification: cold {cold:.3f} s, warm "
          f"{in_process(agreement_status, root):.3f} s in process; {states}; "
          f"evidence {kinds}; {sum(len(p.signers) for p in result.parties)} signers")
    from rechtmakers.signoff.verify import verify_agreement

    print(f"verify (no cache, every signature again) {in_process(verify_agreement, root):.3f} s "
          "in process")
    scan = wall(["git", "log", "--raw", "--no-abbrev", "--format=%H", "--", SUBDIR], repo)[0]
    print(f"git log --raw alone        {scan:.3f} s wall")


if __name__ == "__main__":
    main()

"""Property (issue 20): whatever a non-representative does to the authority, on whatever branches
and merges, with his own key and records in his own name, no party turns to signed."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rechtmakers.signoff.status import agreement_status

from .authority_helpers import MALLORY, add_rep, commit, keyed_root, merge
from .conftest import FATIMA, JOOST, NAME, PIETER, git, write_record

PARTIES = ("de-schoor", "gemeente-almere", "zilveren-kruis", "ggd-flevoland")
Step = tuple[str, int, int]
STEPS = st.lists(st.tuples(st.sampled_from(["rep", "weg", "alleen", "sleutel", "tak", "merge",
                                            "teken"]),
                           st.integers(0, len(PARTIES) - 1), st.integers(0, 1)),
                 min_size=1, max_size=8)


def _key(folder: Path, label: str) -> tuple[Path, str]:
    path = folder / label
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", label, "-f",
                    str(path)], check=True, capture_output=True)
    return path, path.with_suffix(".pub").read_text().strip()


def _apply(repo: Path, agreement: Path, step: Step, mallory: tuple[Path, str],
           branches: list[str]) -> None:
    action, index, flag = step
    party = PARTIES[index]
    partijen = agreement / "partijen.yaml"
    text = partijen.read_text(encoding="utf-8")
    key = mallory[0] if flag else None
    if action == "rep" and MALLORY[1] not in text.split(f"  - id: {party}\n", 1)[1][:2000]:
        add_rep(agreement, party, MALLORY, mallory[1] if flag else None)
    elif action == "weg":
        partijen.write_text(text.replace(f"        email: {PIETER[1]}\n", "        email: "
                                         "weg@elders.example\n", 1), encoding="utf-8")
    elif action == "alleen":
        partijen.write_text(text.replace("bevoegdheid: {gezamenlijk: 2}", "bevoegdheid: alleen"),
                            encoding="utf-8")
    elif action == "sleutel":
        lines = [ln for ln in text.split("\n") if ln.startswith("        sleutel: ")]
        if lines:
            partijen.write_text(text.replace(lines[flag % len(lines)],
                                             f"        sleutel: {mallory[1]}", 1),
                                encoding="utf-8")
    elif action == "tak":
        name = f"tak{len(branches)}"
        git(repo, "checkout", "-q", "-b", name)
        branches.append(name)
        return
    elif action == "merge" and len(branches) > 1:
        other = branches[index % len(branches)]
        current = git(repo, "branch", "--show-current")
        if other != current:
            merge(repo, other, MALLORY, take={"partijen.yaml": other} if flag else None, key=key)
        return
    elif action == "teken":
        write_record(agreement, party, MALLORY)
    commit(repo, f"Mallory: {action} {party}", MALLORY, key)


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=STEPS)
def test_no_authority_edit_by_a_stranger_makes_a_party_sign(
        steps: list[Step], git_env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory(prefix="rm-eigenschap-") as tmp:
        base = Path(tmp)
        keys = {who: _key(base, who.split("@")[0].replace(".", "-"))
                for who in (JOOST[1], FATIMA[1], PIETER[1])}
        mallory = _key(base, "mallory")
        repo = keyed_root(base / "repo", git_env, {k: v[1] for k, v in keys.items()})
        agreement = repo / "agreements" / NAME
        branches = [git(repo, "branch", "--show-current")]
        for step in steps:
            _apply(repo, agreement, step, mallory, branches)
        for party in PARTIES:  # finally he signs, as himself, for every party
            write_record(agreement, party, MALLORY)
        commit(repo, "Mallory tekent overal", MALLORY, mallory[0])
        status = agreement_status(agreement, cached=False)
        signed = [p.party.id for p in status.parties if p.state == "signed"]
        assert signed == [], (steps, signed)


@pytest.fixture(autouse=True)
def _quiet_git(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_MERGE_AUTOEDIT", "no")
    os.environ.setdefault("GIT_TERMINAL_PROMPT", "0")

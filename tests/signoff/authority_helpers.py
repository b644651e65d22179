"""Helpers for the authority tests: a root commit with keys, signed commits, branches, and the
state `status --format json` reports."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .conftest import FATIMA, JOOST, MARIEKE, PIETER, SUBDIR, git, root_repo, write_record

Cli = Callable[..., Any]
Person = tuple[str, str]
ANNA = ("Anna de Wit", "a.dewit@deschoor.example")  # De Schoor's new director
OUD = ("Oud Directeur", "oud@deschoor.example")  # De Schoor's departed director
MALLORY = ("Mallory", "mallory@elders.example")
JOINT = "    naam: Gemeente Almere\n"
NEXT_PARTY = {"ggd-flevoland": "  - id: de-schoor\n", "de-schoor": "  - id: gemeente-almere\n",
              "gemeente-almere": "  - id: zilveren-kruis\n",
              "zilveren-kruis": "  - id: "}


def keyed_root(repo: Path, env: dict[str, str], keys: dict[str, str], *, meta: str = "",
               extra: dict[str, list[tuple[Person, str | None]]] | None = None) -> Path:
    """A repository whose root commit gives these e-mail addresses their keys, Gemeente
    Almere `bevoegdheid: {gezamenlijk: 2}`, and extra representatives per party."""
    def parties(text: str) -> str:
        for email, public in keys.items():
            text = text.replace(f"        email: {email}\n",
                                f"        email: {email}\n        sleutel: {public}\n", 1)
        text = text.replace(JOINT, JOINT + "    bevoegdheid: {gezamenlijk: 2}\n", 1)
        for party, people in (extra or {}).items():
            for person, public in people:
                text = add_rep_text(text, party, person, public)
        return text
    return root_repo(repo, env, meta, parties)


def add_rep_text(text: str, party: str, person: Person, public: str | None) -> str:
    lines = (f"      - naam: {person[0]}\n        functie: directeur\n"
             f"        email: {person[1]}\n")
    if public:
        lines += f"        sleutel: {public}\n"
    marker = NEXT_PARTY[party]
    at = text.index(marker, text.index(f"  - id: {party}\n") + 1)
    return text[:at] + lines + text[at:]


def add_rep(agreement: Path, party: str, person: Person, public: str | None = None) -> None:
    path = agreement / "partijen.yaml"
    path.write_text(add_rep_text(path.read_text(encoding="utf-8"), party, person, public),
                    encoding="utf-8")


def remove_rep(agreement: Path, name: str) -> None:
    """Take a representative out of partijen.yaml: her list item, whatever fields it has."""
    path = agreement / "partijen.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"      - naam: {name}\n")
    ends = [i for i in (text.find("\n      - ", start + 1), text.find("\n  - id: ", start + 1))
            if i != -1]
    end = min(ends) + 1 if ends else len(text)
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit(repo: Path, message: str, by: Person, key: Path | None = None) -> str:
    """Commit everything as this person, signed with this private key (SSH) when given."""
    env = {**os.environ, "GIT_AUTHOR_NAME": by[0], "GIT_AUTHOR_EMAIL": by[1],
           "GIT_COMMITTER_NAME": by[0], "GIT_COMMITTER_EMAIL": by[1]}
    sign = (["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-S"] if key
            else ["-c", "commit.gpgsign=false", "commit"])
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, capture_output=True)
    subprocess.run(["git", *sign, "-q", "--allow-empty", "-m", message], cwd=repo, env=env,
                   check=True, capture_output=True)
    return git(repo, "rev-parse", "HEAD")


def sign_by_commit(repo: Path, agreement: Path, party: str, person: Person,
                   key: Path | None = None, author: Person | None = None) -> str:
    """A record for person, written and committed as a forger or signer would."""
    write_record(agreement, party, person)
    return commit(repo, f"Ondertekening {party}", author or person, key)


def merge(repo: Path, branch: str, by: Person, *, take: dict[str, str] | None = None,
          key: Path | None = None) -> str:
    """Merge branch into the current one; take: path → branch whose version the merge keeps."""
    git(repo, "-c", "commit.gpgsign=false", "merge", "--no-ff", "--no-commit", "-s", "ort",
        "-X", "theirs", branch, check=False)
    for path, source in (take or {}).items():
        git(repo, "checkout", source, "--", f"{SUBDIR}/{path}")
    return commit(repo, f"Samenvoegen {branch}", by, key)


def party_json(cli: Cli, agreement: Path, party: str) -> dict[str, Any]:
    result = cli("status", "--format", "json", agreement)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    found: dict[str, Any] = next(p for p in data["parties"] if p["id"] == party)
    found["_report"] = data
    return found


def verify_code(cli: Cli, agreement: Path) -> int:
    code: int = cli("verify", agreement).exit_code
    return code


PEOPLE = {"joost": JOOST, "fatima": FATIMA, "pieter": PIETER, "marieke": MARIEKE}

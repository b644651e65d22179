"""Helpers for sign-off tests: identities, SSH keys and git in the test repository."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

NAME = "positief-gezond-almere"
SUBDIR = f"agreements/{NAME}"
JOOST = ("Joost Hellendoorn", "j.hellendoorn@deschoor.example")  # represents de-schoor
FATIMA = ("Fatima el Amrani", "f.elamrani@almere.example")  # represents gemeente-almere
STRANGER = ("Onbekende Buitenstaander", "iemand@elders.example")
PIETER = ("Pieter Brandsma", "p.brandsma@almere.example")  # gemeente-almere's second
MARIEKE = ("Marieke Voskuil", "m.voskuil@ggd-flevoland.example")  # ggd-flevoland: penvoerder
MAINTAINER = ("Beheerder Overeenkomst", "beheer@ggd-flevoland.example")  # keeps the repository


def git(repo: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=check, capture_output=True, text=True)
    return done.stdout.strip()


Identity = Callable[[tuple[str, str]], None]


@pytest.fixture
def be(monkeypatch: pytest.MonkeyPatch, git_env: dict[str, str]) -> Identity:
    """Become someone: the author and committer of the next commits."""
    def become(person: tuple[str, str]) -> None:
        name, email = person
        for role in ("AUTHOR", "COMMITTER"):
            monkeypatch.setenv(f"GIT_{role}_NAME", name)
            monkeypatch.setenv(f"GIT_{role}_EMAIL", email)
    return become


@pytest.fixture
def agreement(git_repo: Path) -> Path:
    return git_repo / SUBDIR


KeyMaker = Callable[[str], tuple[Path, str]]


@pytest.fixture
def make_key(tmp_path: Path) -> KeyMaker:
    """An ed25519 key pair without passphrase: (private key path, public key line)."""
    def make(label: str) -> tuple[Path, str]:
        path = tmp_path / "keys" / label
        path.parent.mkdir(exist_ok=True)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", label, "-f",
                        str(path)], check=True, capture_output=True)
        return path, path.with_suffix(".pub").read_text().strip()
    return make


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def set_key(agreement: Path, email: str, public_key: str) -> None:
    """Give the representative with this e-mail address a sleutel in partijen.yaml."""
    edit(agreement / "partijen.yaml", f"        email: {email}\n",
         f"        email: {email}\n        sleutel: {public_key}\n")


def enable_ssh_signing(repo: Path, private_key: Path) -> None:
    git(repo, "config", "gpg.format", "ssh")
    git(repo, "config", "user.signingkey", str(private_key))
    git(repo, "config", "commit.gpgsign", "true")


def current_digest(agreement: Path) -> str:
    from rechtmakers.agreement import load_agreement
    from rechtmakers.digest import content_digest

    model, _ = load_agreement(agreement)
    return content_digest(model)


def record_path(agreement: Path, party: str, email: str) -> Path:
    from rechtmakers.signoff.records import record_rel

    return agreement / record_rel(party, email)


def write_record(agreement: Path, party: str, person: tuple[str, str], *,
                 digest: str | None = None, path: Path | None = None,
                 function: str = "directeur-bestuurder", form: int | None = 2) -> Path:
    """A record written by hand (as a forger would): the same YAML that sign writes."""
    from rechtmakers.signoff.records import SignOff, dump_record

    record = SignOff.model_validate({
        "partij": party, "ondertekenaar": {"naam": person[0], "email": person[1],
                                           "functie": function},
        "overeenkomst": NAME, "versie": "1.1.0", "digest": digest or current_digest(agreement),
        "vorm": form, "tijdstip": "2026-01-21T10:00:00+01:00"})
    target = path or record_path(agreement, party, person[1])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dump_record(record), encoding="utf-8")
    return target


def to_signing(agreement: Path) -> None:
    """A concept is discussed, not approved: review writes a statement from ter-ondertekening."""
    meta = agreement / "overeenkomst.yaml"
    if "status: concept" in meta.read_text(encoding="utf-8"):
        edit(meta, "status: concept", "status: ter-ondertekening")
        commit_all(agreement.parents[1], "Ter ondertekening")

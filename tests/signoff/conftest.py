"""Helpers for sign-off tests: identities, SSH keys and git in the test repository."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

NAME = "positief-gezond-almere"
SUBDIR = f"agreements/{NAME}"
_SAMPLE_META = Path(__file__).resolve().parents[2] / SUBDIR / "overeenkomst.yaml"
# The sample's version, and the next minor one (a test that changes binding text raises it).
VERSION = re.search(r"^versie: (\S+)", _SAMPLE_META.read_text("utf-8"), re.M).group(1)  # type: ignore[union-attr]
_MAJOR, _MINOR, _ = VERSION.split(".")
NEXT = f"{_MAJOR}.{int(_MINOR) + 1}.0"
JOOST = ("Joost Hellendoorn", "j.hellendoorn@deschoor.example")  # represents de-schoor
FATIMA = ("Fatima el Amrani", "f.elamrani@almere.example")  # represents gemeente-almere
STRANGER = ("Onbekende Buitenstaander", "iemand@elders.example")
PIETER = ("Pieter Brandsma", "p.brandsma@almere.example")  # gemeente-almere's second
MARIEKE = ("Marieke Voskuil", "m.voskuil@ggd-flevoland.example")  # ggd-flevoland: penvoerder
MAINTAINER = ("Beheerder Overeenkomst", "beheer@ggd-flevoland.example")  # keeps the repository
KEEPER = ("Test Auteur", "auteur@test.example")  # the default identity: a beheerder (no key)
SAMPLE = Path(__file__).resolve().parents[2] / "agreements" / NAME
BEHEERDERS = ("beheerders:\n  - naam: Test Auteur\n    email: auteur@test.example\n"
              "    functie: jurist\n")


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
def git_repo(tmp_path: Path, git_env: dict[str, str]) -> Iterator[Path]:
    """A real git repository whose first commit (the root of trust) holds the sample
    agreement, with the default identity (Test Auteur, the jurist who keeps partijen.yaml) as
    its beheerder, without a key."""
    yield root_repo(tmp_path / "repo", git_env, BEHEERDERS)


def root_repo(repo: Path, env: dict[str, str], extra_meta: str = "",
              parties: Callable[[str], str] | None = None) -> Path:
    """The sample agreement in a new repository, its first commit made with extra lines in
    overeenkomst.yaml and partijen.yaml as parties() makes it."""
    target = repo / SUBDIR
    shutil.copytree(SAMPLE, target)
    meta = target / "overeenkomst.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + extra_meta, encoding="utf-8")
    if parties is not None:
        listed = target / "partijen.yaml"
        listed.write_text(parties(listed.read_text(encoding="utf-8")), encoding="utf-8")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "Eerste versie")):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return repo


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


def commit_all(repo: Path, message: str, by: tuple[str, str] | None = None) -> str:
    """Commit everything, as the current identity or (by) as this person."""
    git(repo, "add", "-A")
    who = ["-c", f"user.name={by[0]}", "-c", f"user.email={by[1]}"] if by else []
    env = {"GIT_AUTHOR_NAME": by[0], "GIT_AUTHOR_EMAIL": by[1], "GIT_COMMITTER_NAME": by[0],
           "GIT_COMMITTER_EMAIL": by[1]} if by else {}
    import os

    subprocess.run(["git", *who, "commit", "-q", "-m", message], cwd=repo, check=True,
                   capture_output=True, env={**os.environ, **env})
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

"""`rechtmakers verify`: every record and every key checked offline by the trust rule."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.signoff.verify import verify

from .conftest import (
    FATIMA,
    JOOST,
    Identity,
    KeyMaker,
    commit_all,
    edit,
    enable_ssh_signing,
    git,
    record_path,
    set_key,
    write_record,
)

Cli = Callable[..., Any]


@pytest.fixture
def joost_key(git_repo: Path, agreement: Path, make_key: KeyMaker) -> Path:
    """Joost has a key in partijen.yaml, and git signs his commits with it."""
    private, public = make_key("joost")
    set_key(agreement, JOOST[1], public)
    commit_all(git_repo, "Sleutel van Joost")
    enable_ssh_signing(git_repo, private)
    return private


def sign(cli: Cli, be: Identity, who: tuple[str, str], party: str, agreement: Path) -> None:
    be(who)
    result = cli("sign", "--partij", party, agreement)
    assert result.exit_code == 0, result.output


def test_an_ssh_signed_sign_off_verifies(git_repo: Path, agreement: Path, cli: Cli,
                                         be: Identity, joost_key: Path) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    assert "gpgsig" in git(git_repo, "cat-file", "-p", "HEAD")
    [verdict] = verify(agreement)
    assert verdict.ok, verdict.reasons
    assert verdict.commit == git(git_repo, "rev-parse", "HEAD")
    assert verdict.key and verdict.key.startswith("SHA256:")
    assert verdict.kind == "ssh-commit"
    result = cli("verify", agreement)
    assert result.exit_code == 0, result.output
    assert "klopt      de-schoor: Joost Hellendoorn" in result.output
    assert "SSH-ondertekende commit" in result.output
    assert "telt      de-schoor: j.hellendoorn@deschoor.example SHA256:" in result.output
    assert "door auteur@test.example, zonder cryptografisch bewijs" in result.output
    status = cli("status", agreement)
    assert "sleutel j.hellendoorn@deschoor.example SHA256:" in status.output
    assert "SSH-ondertekende commit" in status.output


def test_verify_finds_the_commit_that_wrote_the_record(git_repo: Path, agreement: Path,
                                                       cli: Cli, be: Identity,
                                                       joost_key: Path) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    signed = git(git_repo, "rev-parse", "HEAD")
    git(git_repo, "config", "commit.gpgsign", "false")
    be(FATIMA)
    edit(agreement / "artikelen" / "doel.yaml", "toelichting: |\n", "toelichting: |\n  Nieuw.\n")
    commit_all(git_repo, "Toelichting aangevuld")
    [verdict] = verify(agreement, "de-schoor")
    assert verdict.ok, verdict.reasons
    assert verdict.commit == signed


def test_a_commit_signed_with_a_key_that_does_not_count_fails(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, make_key: KeyMaker) -> None:
    """A record signed with someone else's key, committed by hand past `sign`."""
    fatima_private, fatima_public = make_key("fatima")
    set_key(agreement, FATIMA[1], fatima_public)
    set_key(agreement, JOOST[1], make_key("joost")[1])
    commit_all(git_repo, "Sleutels van Fatima en Joost")
    enable_ssh_signing(git_repo, fatima_private)
    write_record(agreement, "de-schoor", JOOST)
    be(JOOST)
    commit_all(git_repo, "Ondertekening met de sleutel van Fatima")
    [verdict] = verify(agreement, "de-schoor")
    assert not verdict.ok
    assert "niet met een sleutel die telt voor j.hellendoorn@deschoor.example" in \
        verdict.reasons[0]
    result = cli("verify", agreement)
    assert result.exit_code == 1
    assert "klopt niet de-schoor" in result.output


def test_an_unsigned_commit_fails_where_a_key_is_registered(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, make_key: KeyMaker) -> None:
    set_key(agreement, JOOST[1], make_key("joost")[1])
    commit_all(git_repo, "Sleutel van Joost")
    write_record(agreement, "de-schoor", JOOST)
    be(JOOST)
    commit_all(git_repo, "Ondertekening zonder handtekening")
    [verdict] = verify(agreement)
    assert verdict.reasons == ["de commit is niet ondertekend, terwijl "
                               "j.hellendoorn@deschoor.example een sleutel heeft."]


def test_a_party_without_keys_verifies_by_git_identity(git_repo: Path, agreement: Path,
                                                       cli: Cli, be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    [verdict] = verify(agreement)
    assert verdict.ok and verdict.kind == "git"
    result = cli("verify", agreement)
    assert "git-identiteit, zonder cryptografisch bewijs" in result.output


def test_someone_else_committing_the_record_fails(git_repo: Path, agreement: Path, cli: Cli,
                                                  be: Identity, joost_key: Path) -> None:
    write_record(agreement, "de-schoor", JOOST)
    be(FATIMA)
    commit_all(git_repo, "Handgeschreven ondertekening met de sleutel van Joost")
    [verdict] = verify(agreement)
    assert verdict.reasons == ["vastgelegd door f.elamrani@almere.example, geen "
                               "vertegenwoordiger van De Schoor."]


def test_a_record_with_a_wrong_digest_fails(git_repo: Path, agreement: Path, cli: Cli,
                                            be: Identity, joost_key: Path) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    record = record_path(agreement, "de-schoor", JOOST[1])
    text = record.read_text()
    digest = text.split("digest: ")[1][:64]
    record.write_text(text.replace(digest, "f" * 64))
    be(JOOST)
    commit_all(git_repo, "Digest met de hand aangepast")
    [verdict] = verify(agreement)
    assert verdict.commit is not None
    assert verdict.reasons == [f"de digest in het record (ffffffffffff) is niet die van de "
                               f"inhoud bij commit {verdict.commit[:12]} ({digest[:12]})."]


def test_a_record_changed_after_commit_is_noted_and_the_committed_one_counts(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, joost_key: Path) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    record = record_path(agreement, "de-schoor", JOOST[1])
    record.write_text(record.read_text().replace("1.1.0", "1.1.1"))
    [verdict] = verify(agreement)
    assert verdict.ok
    result = cli("status", agreement)
    assert "is gewijzigd of verwijderd sinds het is vastgelegd" in result.output


def test_verify_a_party_that_did_not_sign(git_repo: Path, agreement: Path, cli: Cli) -> None:
    result = cli("verify", agreement, "--partij", "het-baken", "--format", "json")
    assert result.exit_code == 1
    [data] = json.loads(result.output)
    assert data["records"][0]["reasons"] == ["er is geen ondertekening van deze partij."]
    assert data["ok"] is False


@pytest.fixture
def gnupg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    if shutil.which("gpg") is None:
        pytest.skip("gpg is niet geïnstalleerd")
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    yield home
    subprocess.run(["gpgconf", "--kill", "all"], check=False, capture_output=True)


def test_a_gpg_signed_sign_off_verifies_by_fingerprint(git_repo: Path, agreement: Path,
                                                       cli: Cli, be: Identity,
                                                       gnupg_home: Path) -> None:
    subprocess.run(["gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key",
                    f"{JOOST[0]} <{JOOST[1]}>", "ed25519", "sign", "never"], check=True,
                   capture_output=True)
    listing = subprocess.run(["gpg", "--list-keys", "--with-colons"], check=True,
                             capture_output=True, text=True).stdout
    fingerprint = next(line.split(":")[9] for line in listing.splitlines()
                       if line.startswith("fpr:"))
    spaced = " ".join(fingerprint[i:i + 4] for i in range(0, 40, 4))
    set_key(agreement, JOOST[1], f"'{spaced}'")
    commit_all(git_repo, "GPG-vingerafdruk van Joost")
    git(git_repo, "config", "user.signingkey", fingerprint)
    git(git_repo, "config", "commit.gpgsign", "true")
    sign(cli, be, JOOST, "de-schoor", agreement)
    [verdict] = verify(agreement)
    assert verdict.ok, verdict.reasons
    assert verdict.key == fingerprint and verdict.kind == "gpg-commit"


def test_sign_offs_signed_on_two_branches_verify_after_the_merge(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, make_key: KeyMaker) -> None:
    joost_private, joost_public = make_key("joost")
    fatima_private, fatima_public = make_key("fatima")
    set_key(agreement, JOOST[1], joost_public)
    set_key(agreement, FATIMA[1], fatima_public)
    commit_all(git_repo, "Sleutels")
    git(git_repo, "config", "gpg.format", "ssh")
    for branch, key, who, party in (("schoor", joost_private, JOOST, "de-schoor"),
                                    ("gemeente", fatima_private, FATIMA, "gemeente-almere")):
        git(git_repo, "switch", "-q", "-c", branch, "main")
        enable_ssh_signing(git_repo, key)
        sign(cli, be, who, party, agreement)
    git(git_repo, "config", "commit.gpgsign", "false")
    git(git_repo, "switch", "-q", "main")
    git(git_repo, "merge", "-q", "--no-edit", "schoor", "gemeente")
    verdicts = {v.party_id: v for v in verify(agreement)}
    assert set(verdicts) == {"de-schoor", "gemeente-almere"}
    assert all(v.ok for v in verdicts.values()), [v.reasons for v in verdicts.values()]
    assert verdicts["de-schoor"].commit == git(git_repo, "rev-parse", "schoor")

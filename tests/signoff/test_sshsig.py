"""SSH signatures checked in this process agree with ssh-keygen, and commits split as git does."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from rechtmakers.git.signatures import split_signed_commit
from rechtmakers.signoff.sshsig import SigError, parse_sshsig, verify_in_process, verify_sshsig

from .conftest import KeyMaker, enable_ssh_signing, git


def signed(key: Path, message: bytes, tmp_path: Path, namespace: str = "rechtmakers-akkoord"
           ) -> bytes:
    file = tmp_path / "bericht.txt"
    file.write_bytes(message)
    subprocess.run(["ssh-keygen", "-Y", "sign", "-f", str(key), "-n", namespace, str(file)],
                   check=True, capture_output=True)
    return file.with_name("bericht.txt.sig").read_bytes()


@pytest.mark.parametrize("in_process", [True, False])
def test_good_and_bad_signatures(make_key: KeyMaker, tmp_path: Path, in_process: bool) -> None:
    private, public = make_key("ed")
    message = b"Akkoordverklaring\n"
    sig = signed(private, message, tmp_path)
    assert verify_sshsig(sig, message, "a@b.example", public, "rechtmakers-akkoord",
                         in_process=in_process)
    assert not verify_sshsig(sig, message + b"x", "a@b.example", public, "rechtmakers-akkoord",
                             in_process=in_process)
    assert not verify_sshsig(sig, message, "a@b.example", public, "git", in_process=in_process)
    _, other = make_key("ander")
    assert not verify_sshsig(sig, message, "a@b.example", other, "rechtmakers-akkoord",
                             in_process=in_process)


def test_another_key_type_falls_back_to_ssh_keygen(tmp_path: Path) -> None:
    key = tmp_path / "ecdsa"
    subprocess.run(["ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", str(key)], check=True,
                   capture_output=True)
    public = key.with_suffix(".pub").read_text().strip()
    sig = signed(key, b"tekst\n", tmp_path)
    assert verify_in_process(parse_sshsig(sig), b"tekst\n", "rechtmakers-akkoord") is None
    assert verify_sshsig(sig, b"tekst\n", "a@b.example", public, "rechtmakers-akkoord")


def test_garbage_is_no_signature() -> None:
    for data in (b"", b"-----BEGIN SSH SIGNATURE-----\n!!\n-----END SSH SIGNATURE-----\n",
                 b"-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n"):
        with pytest.raises(SigError):
            parse_sshsig(data)


def test_a_signed_commit_splits_into_what_git_verifies(git_repo: Path, make_key: KeyMaker
                                                       ) -> None:
    private, _ = make_key("joost")
    enable_ssh_signing(git_repo, private)
    git(git_repo, "commit", "-q", "--allow-empty", "-m", "Getekend\n\nMet uitleg.")
    raw = subprocess.run(["git", "cat-file", "commit", "HEAD"], cwd=git_repo, check=True,
                         capture_output=True).stdout
    payload, signature = split_signed_commit(raw)
    assert signature is not None and b"gpgsig" not in payload
    assert verify_in_process(parse_sshsig(signature), payload, "git") is True
    assert verify_in_process(parse_sshsig(signature), payload + b" ", "git") is False
    unsigned = raw.replace(b"gpgsig", b"xgpgsig")
    assert split_signed_commit(unsigned) == (unsigned, None)


def test_a_sha256_repository_signature_is_left_to_git() -> None:
    raw = b"tree 1\nauthor a\ngpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n x\n\nbericht\n"
    with pytest.raises(ValueError):
        split_signed_commit(raw)

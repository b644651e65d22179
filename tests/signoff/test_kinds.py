"""The words of sign-off as enums: every member has its words, a record's kind of evidence is
read into one (or refused in Dutch), and a key's kind names the evidence of a commit it signs."""

from __future__ import annotations

import pytest

from rechtmakers.git.signatures import SignatureState
from rechtmakers.signoff.keys import parse_key_text
from rechtmakers.signoff.kinds import (
    DetachedKind,
    KeyKind,
    PartyState,
    ProofKind,
    UnknownKind,
)

ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
GPG = "0x" + "ABCD" * 10


def test_every_member_has_its_dutch_words() -> None:
    assert all(state.words.label for state in PartyState)
    assert all(kind.words.cli and kind.words.document for kind in ProofKind)
    assert all(kind.words == kind.proof.words for kind in DetachedKind)


@pytest.mark.parametrize("text", ["ssh-detached", "pdf"])
def test_a_known_kind_of_evidence_is_read_as_written(text: str) -> None:
    kind = DetachedKind.parse(text)
    assert kind.value == text and f"{kind}" == text  # written back as the same word
    assert kind.proof.value == text


@pytest.mark.parametrize("text", ["onbekend", "PDF", "ssh", "", "pdf "])
def test_an_unknown_kind_of_evidence_is_refused_in_dutch(text: str) -> None:
    with pytest.raises(UnknownKind) as refused:
        DetachedKind.parse(text)
    assert str(refused.value) == (f"onbekende soort bewijs: {text} (rechtmakers kent "
                                  "ssh-detached of pdf)")


def test_only_a_signed_pdf_needs_the_trust_anchors() -> None:
    assert [k for k in DetachedKind if k.needs_anchors] == [DetachedKind.PDF]
    assert [k for k in ProofKind if k.by_certificate] == [ProofKind.PDF]


def test_a_key_names_the_evidence_of_a_commit_it_signs() -> None:
    ssh, gpg = parse_key_text(ED25519), parse_key_text(GPG)
    assert ssh is not None and ssh.kind is KeyKind.SSH and ssh.fingerprint.startswith("SHA256:")
    assert gpg is not None and gpg.kind is KeyKind.GPG and gpg.fingerprint == "ABCD" * 10
    assert ssh.kind.commit_proof is ProofKind.SSH_COMMIT
    assert gpg.kind.commit_proof is ProofKind.GPG_COMMIT
    assert parse_key_text("ssh-ed25519 geen-base64!") is None


@pytest.mark.parametrize("letter", ["G", "U"])
def test_git_calls_a_signature_good_only_with_g_or_u(letter: str) -> None:
    assert SignatureState.of(letter).good
    assert SignatureState.of(letter).value == letter


@pytest.mark.parametrize("letter", ["B", "X", "Y", "R", "E", "N", "Q", "", "GG"])
def test_every_other_letter_of_git_is_no_good_signature(letter: str) -> None:
    state = SignatureState.of(letter)
    assert not state.good
    assert state.value == letter or state is SignatureState.UNDOCUMENTED

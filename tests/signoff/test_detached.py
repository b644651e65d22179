"""Approving without git: `review` writes a page and a statement, a representative signs the
statement with ssh-keygen, and a maintainer records the signature with `sign --bewijs`."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.signoff.statement import build_statement
from rechtmakers.signoff.status import agreement_status
from rechtmakers.signoff.verify import verify_agreement

from .conftest import (
    FATIMA,
    JOOST,
    MAINTAINER,
    NAME,
    NEXT,
    SUBDIR,
    VERSION,
    Identity,
    KeyMaker,
    commit_all,
    current_digest,
    edit,
    git,
    set_key,
    to_signing,
)

Cli = Callable[..., Any]
STATEMENT = f"{NAME}-gemeente-almere-akkoord.txt"


def ssh_sign(key: Path, file: Path, namespace: str = "rechtmakers-akkoord") -> Path:
    subprocess.run(["ssh-keygen", "-Y", "sign", "-f", str(key), "-n", namespace, str(file)],
                   check=True, capture_output=True)
    return file.with_name(file.name + ".sig")


@pytest.fixture
def fatima_key(git_repo: Path, agreement: Path, make_key: KeyMaker) -> Path:
    private, public = make_key("fatima")
    set_key(agreement, FATIMA[1], public)
    commit_all(git_repo, "Sleutel van Fatima")
    return private


def review(cli: Cli, agreement: Path, out: Path, party: str = "gemeente-almere") -> Path:
    to_signing(agreement)
    result = cli("review", "--partij", party, agreement, "--out", out)
    assert result.exit_code == 0, result.output
    return out / f"{NAME}-{party}-akkoord.txt"


def record_evidence(cli: Cli, be: Identity, agreement: Path, sig: Path) -> Any:
    be(MAINTAINER)
    return cli("sign", "--partij", "gemeente-almere", "--bewijs", sig, agreement)


def states(agreement: Path) -> dict[str, str]:
    return {p.party.id: p.state for p in agreement_status(agreement).parties}


def test_review_writes_a_self_contained_page_and_a_fixed_statement(
        git_repo: Path, agreement: Path, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    statement = review(cli, agreement, out)
    page = (out / f"{NAME}-gemeente-almere.html").read_text(encoding="utf-8")
    assert "<style>" in page and "Gemeente Almere (KvK 99990003)" in page
    digest = current_digest(agreement)
    assert " ".join(f"<span>{digest[i:i + 8]}</span>" for i in range(0, 64, 8)) in page
    # Nobody at Gemeente Almere has a key and there is no vertrouwd/: nothing to ssh-keygen.
    assert "ssh-keygen" not in page and "U kunt nu niet zelf akkoord geven" in page
    assert "nog niet eerder getekend" in page
    for forbidden in ("<script", "<link", "<img", "<iframe", "src=", "http://", "https://"):
        assert forbidden not in page.lower(), forbidden
    assert not re.search(r'href="(?!#|mailto:)', page)
    text = statement.read_text(encoding="utf-8")
    assert f"Vingerafdruk: {digest}" in text
    assert "Partij: Gemeente Almere (KvK 99990003)" in text and f"Versie: {VERSION}" in text
    assert FATIMA[0] not in text  # names no representative
    again = tmp_path / "nogmaals"
    assert review(cli, agreement, again).read_bytes() == statement.read_bytes()


def test_review_with_a_key_that_counts_offers_the_ssh_route(
        git_repo: Path, agreement: Path, cli: Cli, tmp_path: Path, fatima_key: Path) -> None:
    to_signing(agreement)
    result = cli("review", "--partij", "gemeente-almere", agreement, "--out", tmp_path / "uit")
    assert result.exit_code == 0, result.output
    assert "let op" not in result.output
    page = (tmp_path / "uit" / f"{NAME}-gemeente-almere.html").read_text(encoding="utf-8")
    assert "ssh-keygen -Y sign -f ~/.ssh/id_ed25519 -n rechtmakers-akkoord" in page
    assert "Teken de akkoordverklaring" in page and "U kunt nu niet zelf" not in page


def test_a_signature_by_the_right_key_is_recorded(git_repo: Path, agreement: Path, cli: Cli,
                                                  be: Identity, tmp_path: Path,
                                                  fatima_key: Path) -> None:
    sig = ssh_sign(fatima_key, review(cli, agreement, tmp_path / "uit"))
    before = git(git_repo, "rev-parse", "HEAD")
    result = record_evidence(cli, be, agreement, sig)
    assert result.exit_code == 0, result.output
    assert "Getekend: Fatima el Amrani namens Gemeente Almere" in result.output
    assert git(git_repo, "rev-parse", "HEAD~1") == before
    assert git(git_repo, "log", "-1", "--format=%ae") == MAINTAINER[1]
    folder = f"{SUBDIR}/ondertekeningen/gemeente-almere"
    assert git(git_repo, "show", "--name-only", "--format=", "HEAD").splitlines() == [
        f"{folder}/f-elamrani-almere-example.akkoord.txt",
        f"{folder}/f-elamrani-almere-example.sig",
        f"{folder}/f-elamrani-almere-example.yaml"]
    assert git(git_repo, "status", "--porcelain", "--untracked-files=all") == ""
    party = next(p for p in agreement_status(agreement).parties
                 if p.party.id == "gemeente-almere")
    assert party.state == "signed" and party.evidence == ("ssh-detached",)
    verification = verify_agreement(agreement)
    assert verification.ok
    [verdict] = verification.verdicts
    assert verdict.kind == "ssh-detached" and verdict.key and verdict.key.startswith("SHA256:")


def test_a_record_naming_an_unknown_kind_of_evidence_does_not_count(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, tmp_path: Path,
        fatima_key: Path) -> None:
    sig = ssh_sign(fatima_key, review(cli, agreement, tmp_path / "uit"))
    assert record_evidence(cli, be, agreement, sig).exit_code == 0
    record = agreement / "ondertekeningen" / "gemeente-almere" / "f-elamrani-almere-example.yaml"
    assert "  soort: ssh-detached\n" in record.read_text(encoding="utf-8")  # as it was written
    assert states(agreement)["gemeente-almere"] == "signed"
    edit(record, "  soort: ssh-detached\n", "  soort: ssh-los\n")
    commit_all(git_repo, "Soort bewijs gewijzigd")
    party = next(p for p in agreement_status(agreement).parties
                 if p.party.id == "gemeente-almere")
    assert party.state == "invalid"
    [check] = party.records
    assert check.record is not None and check.record.signer.email == FATIMA[1]
    assert check.kind is None and check.reason == (
        "onbekende soort bewijs: ssh-los (rechtmakers kent ssh-detached of pdf)")


def refused(git_repo: Path, result: Any, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert message in result.output, result.output
    assert "niets vastgelegd" in result.output


def test_a_signature_by_another_key_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                               be: Identity, tmp_path: Path, fatima_key: Path,
                                               make_key: KeyMaker) -> None:
    other, _ = make_key("iemand-anders")
    sig = ssh_sign(other, review(cli, agreement, tmp_path / "uit"))
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record_evidence(cli, be, agreement, sig),
            "die niet telt voor een vertegenwoordiger van Gemeente Almere")
    assert git(git_repo, "rev-parse", "HEAD") == head


def test_a_signature_in_another_namespace_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                                     be: Identity, tmp_path: Path,
                                                     fatima_key: Path) -> None:
    sig = ssh_sign(fatima_key, review(cli, agreement, tmp_path / "uit"), namespace="git")
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record_evidence(cli, be, agreement, sig),
            "een git-handtekening onder een commit is geen akkoord")
    assert git(git_repo, "rev-parse", "HEAD") == head


def test_a_statement_for_another_digest_is_refused_with_its_version(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, tmp_path: Path,
        fatima_key: Path) -> None:
    sig = ssh_sign(fatima_key, review(cli, agreement, tmp_path / "uit"))
    sig.with_name(STATEMENT).unlink()  # only the .sig came back by e-mail
    edit(agreement / "artikelen" / "besluitvorming.yaml", "We werken met consent.",
         "We werken met consensus.")
    edit(agreement / "overeenkomst.yaml", f"versie: {VERSION}", f"versie: {NEXT}")
    commit_all(git_repo, "Consensus")
    head = git(git_repo, "rev-parse", "HEAD")
    result = record_evidence(cli, be, agreement, sig)
    refused(git_repo, result, f"het akkoord is gegeven voor versie {VERSION}")
    assert f"niet voor de huidige versie {NEXT}" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head


def test_a_tampered_signature_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                         be: Identity, tmp_path: Path,
                                         fatima_key: Path) -> None:
    sig = ssh_sign(fatima_key, review(cli, agreement, tmp_path / "uit"))
    lines = sig.read_text().splitlines()
    body = lines[-2]
    lines[-2] = body[:-6] + ("AAAA" if body[-6:-2] != "AAAA" else "BBBB") + body[-2:]
    sig.write_text("\n".join(lines) + "\n")
    refused(git_repo, record_evidence(cli, be, agreement, sig), "Het bewijs telt niet")
    sig.write_text("dit is geen handtekening\n")
    refused(git_repo, record_evidence(cli, be, agreement, sig), "geen SSH-handtekening")


def test_verify_rechecks_detached_evidence(git_repo: Path, agreement: Path, cli: Cli,
                                           be: Identity, tmp_path: Path,
                                           fatima_key: Path) -> None:
    sig = ssh_sign(fatima_key, review(cli, agreement, tmp_path / "uit"))
    assert record_evidence(cli, be, agreement, sig).exit_code == 0
    stored = agreement / "ondertekeningen" / "gemeente-almere" / "f-elamrani-almere-example.sig"
    other = tmp_path / "ander.txt"
    other.write_bytes(build_statement(NAME, "Iets anders", "9.9.9", "0" * 64,
                                      "gemeente-almere", "Gemeente Almere"))
    stored.write_bytes(ssh_sign(fatima_key, other).read_bytes())
    be(JOOST)
    commit_all(git_repo, "Bewijs verwisseld")
    assert states(agreement)["gemeente-almere"] == "invalid"
    result = cli("verify", agreement)
    assert result.exit_code == 1
    assert "klopt niet met de akkoordverklaring" in result.output


def test_a_stale_detached_signature_stays_stale_not_invalid(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, tmp_path: Path,
        fatima_key: Path) -> None:
    sig = ssh_sign(fatima_key, review(cli, agreement, tmp_path / "uit"))
    assert record_evidence(cli, be, agreement, sig).exit_code == 0
    edit(agreement / "artikelen" / "besluitvorming.yaml", "We werken met consent.",
         "We werken met consensus.")
    commit_all(git_repo, "Consensus")
    assert states(agreement)["gemeente-almere"] == "stale"
    page = tmp_path / "opnieuw"
    review(cli, agreement, page)
    html = (page / f"{NAME}-gemeente-almere.html").read_text(encoding="utf-8")
    assert f"Sinds Gemeente Almere (KvK 99990003) versie {VERSION} tekende" in html
    assert "<del>" in html and "<ins>" in html


def test_review_links_nowhere_even_when_the_text_has_a_link(git_repo: Path, agreement: Path,
                                                           cli: Cli, tmp_path: Path) -> None:
    edit(agreement / "artikelen" / "besluitvorming.yaml", "We werken met consent.",
         "We werken met consent, zie [de site](https://example.org/consent).")
    commit_all(git_repo, "Met een link")
    out = tmp_path / "uit"
    review(cli, agreement, out)
    page = (out / f"{NAME}-gemeente-almere.html").read_text(encoding="utf-8")
    assert "de site" in page
    assert "https://" not in page and not re.search(r'href="(?!#|mailto:)', page)

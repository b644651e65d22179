"""A director signs the PDF in the tool they already use, e-mails it back, and the maintainer
records it with `sign --bewijs SIGNED.pdf`; `status` and `verify` check it offline."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from rechtmakers.signoff.pdf_signatures import revision_digests
from rechtmakers.signoff.status import agreement_status

from .conftest import (
    FATIMA,
    JOOST,
    MAINTAINER,
    MARIEKE,
    NAME,
    NEXT,
    PIETER,
    SUBDIR,
    VERSION,
    Identity,
    KeyMaker,
    commit_all,
    current_digest,
    edit,
    enable_ssh_signing,
    git,
    set_key,
    to_signing,
)
from .pdf_certs import DAY, NOW, CertificateAuthority, sign

Cli = Callable[..., Any]
FOLDER = f"{SUBDIR}/ondertekeningen"
STATUS_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "json" / "status.schema.json"


@pytest.fixture
def ca(git_repo: Path, agreement: Path) -> CertificateAuthority:
    """A trust service the partners agreed on, in the agreement's vertrouwd/ folder."""
    authority = CertificateAuthority()
    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "vertrouwensdienst.pem").write_bytes(authority.pem)
    commit_all(git_repo, "Vertrouwde uitgever van certificaten")
    return authority


def signed_pdf(tmp_path: Path, agreement: Path, *people: Any,
               name: str = "ondertekend.pdf") -> Path:
    """The signing edition of the working tree (as render and review make it), signed."""
    data = rendered(agreement)
    for number, person in enumerate(people, start=1):
        data = sign(data, person, f"Handtekening{number}")
    path = tmp_path / name
    path.write_bytes(data)
    return path


_RENDERED: dict[str, bytes] = {}


def rendered(agreement: Path) -> bytes:
    from rechtmakers.agreement import load_complete
    from rechtmakers.render import signing_edition

    key = current_digest(agreement) + (agreement / "partijen.yaml").read_text(encoding="utf-8")
    if key not in _RENDERED:
        _RENDERED[key] = signing_edition(load_complete(agreement, label="test"))
    return _RENDERED[key]


def record(cli: Cli, be: Identity, agreement: Path, pdf: Path, party: str = "de-schoor") -> Any:
    be(MAINTAINER)
    return cli("sign", "--partij", party, "--bewijs", pdf, agreement)


def refused(git_repo: Path, result: Any, message: str, head: str) -> None:
    assert result.exit_code == 1, result.output
    assert message in result.output, result.output
    assert "niets vastgelegd" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head
    assert git(git_repo, "status", "--porcelain", "--untracked-files=all") == ""


def party_status(cli: Cli, agreement: Path, party: str) -> dict[str, Any]:
    result = cli("status", "--format", "json", agreement)
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    jsonschema.validate(output, json.loads(STATUS_SCHEMA.read_text(encoding="utf-8")),
                        cls=jsonschema.Draft202012Validator)
    parties = output["parties"]
    found: dict[str, Any] = next(p for p in parties if p["id"] == party)
    return found


def test_a_signed_pdf_is_recorded_and_verified(git_repo: Path, agreement: Path, cli: Cli,
                                               be: Identity, tmp_path: Path,
                                               ca: CertificateAuthority) -> None:
    pdf = signed_pdf(tmp_path, agreement, ca.issue(*JOOST))
    before = git(git_repo, "rev-parse", "HEAD")
    result = record(cli, be, agreement, pdf)
    assert result.exit_code == 0, result.output
    assert "Getekend: Joost Hellendoorn namens De Schoor" in result.output
    assert "ondertekende PDF" in result.output
    assert git(git_repo, "rev-parse", "HEAD~1") == before
    assert git(git_repo, "log", "-1", "--format=%ae") == MAINTAINER[1]
    stored = f"{FOLDER}/de-schoor/j-hellendoorn-deschoor-example"
    assert f"{stored}.pdf" in git(git_repo, "show", "--name-only", "--format=", "HEAD")
    assert (git_repo / f"{stored}.pdf").read_bytes() == pdf.read_bytes()
    status = party_status(cli, agreement, "de-schoor")
    assert status["state"] == "signed"
    [signer] = status["signers"]
    assert signer["evidence"] == "pdf"
    assert signer["key"] == f"CN={JOOST[0]}, E={JOOST[1]}"
    human = cli("status", agreement).output
    assert f"ondertekende PDF, certificaat CN={JOOST[0]}, E={JOOST[1]}" in human
    verified = cli("verify", agreement)
    assert verified.exit_code == 0, verified.output
    assert "certificaat CN=" in verified.output


def test_a_pdf_changed_after_signing_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                                be: Identity, tmp_path: Path,
                                                ca: CertificateAuthority) -> None:
    pdf = signed_pdf(tmp_path, agreement, ca.issue(*JOOST))
    data = pdf.read_bytes()
    pdf.write_bytes(data[:2000] + bytes([data[2000] ^ 1]) + data[2001:])  # one bit, signed
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record(cli, be, agreement, pdf), "na het ondertekenen veranderd", head)


def test_the_pdf_of_an_earlier_version_is_refused_with_its_version(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, tmp_path: Path,
        ca: CertificateAuthority) -> None:
    pdf = signed_pdf(tmp_path, agreement, ca.issue(*JOOST))
    edit(agreement / "artikelen" / "besluitvorming.yaml", "We werken met consent.",
         "We werken met consensus.")
    edit(agreement / "overeenkomst.yaml", f"versie: {VERSION}", f"versie: {NEXT}")
    commit_all(git_repo, "Consensus")
    head = git(git_repo, "rev-parse", "HEAD")
    result = record(cli, be, agreement, pdf)
    refused(git_repo, result, f"het akkoord is gegeven voor versie {VERSION}", head)
    assert "Laat de PDF van deze versie ondertekenen" in result.output


def test_an_untrusted_ca_is_refused(git_repo: Path, agreement: Path, cli: Cli, be: Identity,
                                    tmp_path: Path, ca: CertificateAuthority) -> None:
    pdf = signed_pdf(tmp_path, agreement, CertificateAuthority("Elders").issue(*JOOST))
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record(cli, be, agreement, pdf), "komt niet van een uitgever", head)


def test_without_trust_anchors_nothing_counts(git_repo: Path, agreement: Path, cli: Cli,
                                              be: Identity, tmp_path: Path) -> None:
    pdf = signed_pdf(tmp_path, agreement, CertificateAuthority().issue(*JOOST))
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record(cli, be, agreement, pdf), "vertrouwd/", head)


def test_an_expired_certificate_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                           be: Identity, tmp_path: Path,
                                           ca: CertificateAuthority) -> None:
    expired = ca.issue(*JOOST, not_before=NOW - 400 * DAY, not_after=NOW - DAY)
    pdf = signed_pdf(tmp_path, agreement, expired)
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record(cli, be, agreement, pdf), "verlopen toen er getekend werd", head)


def test_a_non_representative_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                         be: Identity, tmp_path: Path,
                                         ca: CertificateAuthority) -> None:
    pdf = signed_pdf(tmp_path, agreement, ca.issue(JOOST[0], "joost@prive.example"))
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record(cli, be, agreement, pdf),
            "geen vertegenwoordiger van De Schoor", head)


def test_a_pdf_without_signature_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                            be: Identity, tmp_path: Path,
                                            ca: CertificateAuthority) -> None:
    pdf = signed_pdf(tmp_path, agreement)
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record(cli, be, agreement, pdf), "bevat geen handtekening", head)
    pdf.write_bytes(b"geen pdf")
    refused(git_repo, record(cli, be, agreement, pdf), "geen leesbare PDF", head)


def test_two_parties_sign_one_pdf(git_repo: Path, agreement: Path, cli: Cli, be: Identity,
                                  tmp_path: Path, ca: CertificateAuthority) -> None:
    pdf = signed_pdf(tmp_path, agreement, ca.issue(*JOOST), ca.issue(*FATIMA))
    assert record(cli, be, agreement, pdf, "de-schoor").exit_code == 0
    result = record(cli, be, agreement, pdf, "gemeente-almere")
    assert result.exit_code == 0, result.output
    assert "Fatima el Amrani namens Gemeente Almere" in result.output
    states = {p.party.id: p.state for p in agreement_status(agreement).parties}
    assert states["de-schoor"] == states["gemeente-almere"] == "signed"
    assert record(cli, be, agreement, pdf, "zilveren-kruis").exit_code == 1
    assert cli("verify", agreement).exit_code == 0


def test_two_representatives_of_one_party_on_one_pdf(git_repo: Path, agreement: Path, cli: Cli,
                                                     be: Identity, tmp_path: Path,
                                                     ca: CertificateAuthority) -> None:
    edit(agreement / "partijen.yaml", "    naam: Gemeente Almere\n",
         "    naam: Gemeente Almere\n    bevoegdheid: gezamenlijk\n")
    commit_all(git_repo, "Gemeente Almere tekent gezamenlijk")
    pdf = signed_pdf(tmp_path, agreement, ca.issue(*FATIMA), ca.issue(*PIETER))
    first = record(cli, be, agreement, pdf, "gemeente-almere")
    assert first.exit_code == 0, first.output
    assert party_status(cli, agreement, "gemeente-almere")["state"] == "partial"
    second = record(cli, be, agreement, pdf, "gemeente-almere")
    assert second.exit_code == 0, second.output
    assert "Pieter Brandsma namens Gemeente Almere" in second.output
    assert party_status(cli, agreement, "gemeente-almere")["state"] == "signed"


def test_verify_revalidates_the_stored_pdf(git_repo: Path, agreement: Path, cli: Cli,
                                           be: Identity, tmp_path: Path,
                                           ca: CertificateAuthority) -> None:
    assert record(cli, be, agreement, signed_pdf(tmp_path, agreement, ca.issue(*JOOST))
                  ).exit_code == 0
    stored = agreement / "ondertekeningen" / "de-schoor" / "j-hellendoorn-deschoor-example.pdf"
    forged = signed_pdf(tmp_path, agreement, CertificateAuthority("Vals").issue(*JOOST),
                        name="vals.pdf")
    stored.write_bytes(forged.read_bytes())
    be(("Mallory", "mallory@elders.example"))
    commit_all(git_repo, "Bewijs verwisseld")
    assert party_status(cli, agreement, "de-schoor")["state"] == "invalid"
    result = cli("verify", agreement)
    assert result.exit_code == 1
    assert "komt niet van een uitgever" in result.output


def test_a_broken_trust_anchor_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                          be: Identity, tmp_path: Path) -> None:
    authority = CertificateAuthority()
    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "dienst.pem").write_bytes(authority.pem)
    (agreement / "vertrouwd" / "kapot.pem").write_text("geen certificaat\n")
    commit_all(git_repo, "Vertrouwde uitgevers")
    head = git(git_repo, "rev-parse", "HEAD")
    pdf = signed_pdf(tmp_path, agreement, authority.issue(*JOOST))
    refused(git_repo, record(cli, be, agreement, pdf), "vertrouwd/kapot.pem", head)


def test_an_issuer_added_without_the_penvoerders_key_does_not_count(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, tmp_path: Path,
        ca: CertificateAuthority) -> None:
    """Mallory commits her own issuer and a certificate on the director's address: no."""
    assert record(cli, be, agreement, signed_pdf(tmp_path, agreement, ca.issue(*JOOST))
                  ).exit_code == 0
    mallory = CertificateAuthority("Mallory's uitgever")
    (agreement / "vertrouwd" / "extra.pem").write_bytes(mallory.pem)
    be(("Mallory", "mallory@elders.example"))
    commit_all(git_repo, "Nog een uitgever")
    head = git(git_repo, "rev-parse", "HEAD")
    forged = signed_pdf(tmp_path, agreement, mallory.issue(*FATIMA), name="vals.pdf")
    result = record(cli, be, agreement, forged, "gemeente-almere")
    refused(git_repo, result, "komt niet van een uitgever", head)
    assert ("vertrouwd/extra.pem is toegevoegd of gewijzigd zonder het bewijs van een "
            "beheerder") in result.output
    assert party_status(cli, agreement, "de-schoor")["state"] == "signed"  # the first issuer


def test_an_issuer_added_by_the_penvoerder_counts(git_repo: Path, agreement: Path, cli: Cli,
                                                  be: Identity, tmp_path: Path,
                                                  ca: CertificateAuthority,
                                                  make_key: KeyMaker) -> None:
    private, public = make_key("marieke")
    set_key(agreement, MARIEKE[1], public)
    commit_all(git_repo, "Sleutel van de penvoerder")
    enable_ssh_signing(git_repo, private)
    second = CertificateAuthority("Tweede vertrouwensdienst")
    (agreement / "vertrouwd" / "tweede.pem").write_bytes(second.pem)
    be(MARIEKE)
    commit_all(git_repo, "Tweede uitgever, getekend door de penvoerder")
    result = record(cli, be, agreement, signed_pdf(tmp_path, agreement, second.issue(*JOOST)))
    assert result.exit_code == 0, result.output
    assert party_status(cli, agreement, "de-schoor")["state"] == "signed"


def test_review_offers_the_pdf_route(git_repo: Path, agreement: Path, cli: Cli,
                                     tmp_path: Path, ca: CertificateAuthority) -> None:
    to_signing(agreement)
    out = tmp_path / "uit"
    result = cli("review", "--partij", "de-schoor", agreement, "--out", out)
    assert result.exit_code == 0, result.output
    assert "let op" not in result.output  # vertrouwd/ holds an issuer that counts
    page = (out / f"{NAME}-de-schoor.html").read_text(encoding="utf-8")
    assert "met uw gebruikelijke programma voor digitale handtekeningen" in page
    assert "rechtmakers sign --partij de-schoor --bewijs" in page
    assert "ssh-keygen" not in page  # nobody at De Schoor has a key
    pdf = out / f"{NAME}-versie-{VERSION}.pdf"
    assert pdf.name in page and pdf.name in result.output
    assert revision_digests(pdf.read_bytes()) == [current_digest(agreement)]
    assert b"CONCEPT" not in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                            check=True).stdout


def test_review_of_a_concept_asks_for_comments_not_approval(
        git_repo: Path, agreement: Path, cli: Cli, tmp_path: Path,
        ca: CertificateAuthority) -> None:
    out = tmp_path / "uit"
    result = cli("review", "--partij", "de-schoor", agreement, "--out", out)
    assert result.exit_code == 0, result.output
    assert "ter bespreking" in result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{NAME}-de-schoor.html",
                                                      f"{NAME}-versie-{VERSION}.docx"]
    page = (out / f"{NAME}-de-schoor.html").read_text(encoding="utf-8")
    assert "Dit is een concept." in page and "geen akkoordverklaring" in page
    assert "Wijzigingen bijhouden" in page and "rechtmakers inlezen" in page
    assert "Zo geeft u akkoord" not in page and "ssh-keygen" not in page


def test_the_pdf_from_review_signed_and_returned_counts(git_repo: Path, agreement: Path,
                                                       cli: Cli, be: Identity, tmp_path: Path,
                                                       ca: CertificateAuthority) -> None:
    """The whole route: review writes the PDF, the director signs it, the maintainer records."""
    to_signing(agreement)
    out = tmp_path / "uit"
    assert cli("review", "--partij", "de-schoor", agreement, "--out", out).exit_code == 0
    returned = tmp_path / "retour.pdf"
    returned.write_bytes(sign((out / f"{NAME}-versie-{VERSION}.pdf").read_bytes(),
                              ca.issue(*JOOST)))
    result = record(cli, be, agreement, returned)
    assert result.exit_code == 0, result.output
    assert party_status(cli, agreement, "de-schoor")["state"] == "signed"
    assert cli("verify", agreement).exit_code == 0


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_bewijs_that_is_no_regular_file_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                                   be: Identity, tmp_path: Path,
                                                   target: str) -> None:
    """Issue 21: a link to /dev/zero was read until memory ran out; a pipe would block."""
    import os

    if target == "fifo":
        source = tmp_path / "pijp"
        os.mkfifo(source)
    elif target == "folder":
        source = tmp_path / "map"
        source.mkdir()
    else:
        source = Path(target)
    link = tmp_path / "ondertekend.pdf"
    link.symlink_to(source)
    head = git(git_repo, "rev-parse", "HEAD")
    result = record(cli, be, agreement, link)
    assert result.exit_code == 2, result.output
    assert "geen gewoon bestand" in result.output or "een map, geen bestand" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head


def test_bewijs_is_capped_by_bytes_read(git_repo: Path, agreement: Path, cli: Cli,
                                        be: Identity, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        ca: CertificateAuthority) -> None:
    from rechtmakers.signoff import sign_detached as sign_module

    pdf = signed_pdf(tmp_path, agreement, ca.issue(*JOOST))
    monkeypatch.setattr(sign_module, "MAX_EVIDENCE_BYTES", len(pdf.read_bytes()) - 1)
    head = git(git_repo, "rev-parse", "HEAD")
    refused(git_repo, record(cli, be, agreement, pdf), "te groot voor bewijs", head)
    monkeypatch.undo()  # the honest twin: the same file under the real cap
    assert record(cli, be, agreement, pdf).exit_code == 0

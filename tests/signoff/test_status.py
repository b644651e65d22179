"""`rechtmakers status`: signed, stale or missing, per party, and after parallel signing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rechtmakers.signoff.status import agreement_status

from .conftest import FATIMA, JOOST, Identity, commit_all, edit, git

Cli = Callable[..., Any]


def sign(cli: Cli, be: Identity, who: tuple[str, str], party: str, agreement: Path) -> None:
    be(who)
    result = cli("sign", "--partij", party, agreement)
    assert result.exit_code == 0, result.output


def states(agreement: Path) -> dict[str, str]:
    return {p.party.id: p.state for p in agreement_status(agreement).parties}


def test_json_shape(git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    result = cli("status", agreement, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["agreement"] == "positief-gezond-almere"
    assert data["version"] == "1.1.0" and len(data["digest"]) == 64
    assert data["complete"] is False and data["required_evidence"] == "git"
    by_id = {p["id"]: p for p in data["parties"]}
    assert len(by_id) == 15
    schoor = by_id["de-schoor"]
    assert schoor["state"] == "signed" and schoor["name"] == "De Schoor"
    assert schoor["evidence"] == ["git"] and schoor["cryptographic"] is False
    [signer] = schoor["signers"]
    assert signer["version"] == "1.1.0" and signer["name"] == JOOST[0]
    assert signer["email"] == JOOST[1] and signer["evidence"] == "git"
    assert signer["date"].startswith("20") and signer["reason"] is None
    assert by_id["ggd-flevoland"] == {
        "id": "ggd-flevoland", "name": "GGD Flevoland", "state": "missing", "needed": 1,
        "signed": 0, "evidence": [], "cryptographic": False, "signers": [], "reason": None,
        "records": [], "keys": []}
    assert all(key.isascii() and key == key.lower() for key in [*data, *schoor, *signer])


def test_a_binding_change_makes_a_sign_off_stale(git_repo: Path, agreement: Path, cli: Cli,
                                                 be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    edit(agreement / "artikelen" / "besluitvorming.yaml", "We werken met consent.",
         "We werken met consensus.")
    edit(agreement / "overeenkomst.yaml", "versie: 1.1.0", "versie: 1.2.0")
    commit_all(git_repo, "Consensus in plaats van consent")
    assert states(agreement)["de-schoor"] == "stale"
    result = cli("status", agreement)
    assert "verouderd    de-schoor" in result.output
    assert "De Schoor: tekende versie 1.1.0 op" in result.output
    assert "0 van 15 partijen tekenden deze inhoud; 1 een eerdere, 14 nog niet." in result.output


def test_comments_formatting_and_administration_keep_a_sign_off(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    edit(agreement / "artikelen" / "besluitvorming.yaml", "versie: 2\n",
         "versie: 2  # nog niet verhoogd\n")
    edit(agreement / "artikelen" / "besluitvorming.yaml", "orgaan: de stuurgroep",
         "orgaan: 'de stuurgroep'")
    edit(agreement / "artikelen" / "besluitvorming.yaml", "Bij consent hoeft",
         "Bij consent (toelichting) hoeft")
    edit(agreement / "partijen.yaml", "naam: Joost Hellendoorn", "naam: Joost van Hellendoorn")
    edit(agreement / "partijen.yaml", "functie: directeur-bestuurder",
         "functie: bestuurder")
    edit(agreement / "overeenkomst.yaml", "status: concept", "status: ter-ondertekening")
    commit_all(git_repo, "Opmaak, toelichting en administratie")
    assert states(agreement)["de-schoor"] == "signed"


def test_two_branches_merged_count_both(git_repo: Path, agreement: Path, cli: Cli,
                                        be: Identity) -> None:
    git(git_repo, "switch", "-q", "-c", "schoor")
    sign(cli, be, JOOST, "de-schoor", agreement)
    git(git_repo, "switch", "-q", "main")
    git(git_repo, "switch", "-q", "-c", "gemeente")
    sign(cli, be, FATIMA, "gemeente-almere", agreement)
    git(git_repo, "switch", "-q", "main")
    git(git_repo, "merge", "-q", "--no-edit", "schoor")
    git(git_repo, "merge", "-q", "--no-edit", "gemeente")
    assert git(git_repo, "status", "--porcelain") == ""
    found = states(agreement)
    assert found["de-schoor"] == found["gemeente-almere"] == "signed"
    assert list(found.values()).count("signed") == 2


def test_all_parties_signed_is_volledig_ondertekend(git_repo: Path, agreement: Path, cli: Cli,
                                                     be: Identity) -> None:
    sign_all(git_repo, agreement, cli, be)
    status = agreement_status(agreement)
    assert status.complete
    result = cli("status", agreement)
    assert "Volledig ondertekend: alle 15 partijen tekenden deze inhoud." in result.output


def sign_all(git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    from rechtmakers.agreement import load_agreement

    model, _ = load_agreement(agreement)
    for party in model.parties:
        representative = party.representatives[0]
        sign(cli, be, (representative.name, representative.email), party.id, agreement)


def test_a_broken_record_is_invalid_and_says_why(git_repo: Path, agreement: Path,
                                                 cli: Cli, be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    record = agreement / "ondertekeningen" / "de-schoor" / "j-hellendoorn-deschoor-example.yaml"
    record.write_text(record.read_text().replace("partij: de-schoor", "partij: het-baken"))
    commit_all(git_repo, "Record met de hand veranderd")
    result = cli("status", agreement, "--format", "json")
    party = next(p for p in json.loads(result.output)["parties"] if p["id"] == "de-schoor")
    assert party["state"] == "invalid"
    assert "noemt partij het-baken" in party["reason"]
    human = cli("status", agreement)
    assert "telt niet    de-schoor" in human.output
    assert "noemt partij het-baken" in human.output


def test_status_of_an_unreadable_agreement_is_exit_1(git_repo: Path, agreement: Path,
                                                     cli: Cli) -> None:
    (agreement / "overeenkomst.yaml").write_text("id: [kapot\n")
    result = cli("status", agreement)
    assert result.exit_code == 1
    assert "rechtmakers validate" in result.output

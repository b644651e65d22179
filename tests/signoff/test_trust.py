"""The trust rule on real repositories: forged records, swapped and rotated keys, records
edited later, joint authority, a demanded key, and what `sign` refuses before HEAD moves."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rechtmakers.agreement import load_agreement
from rechtmakers.signoff.status import agreement_status
from rechtmakers.signoff.verify import verify_agreement

from .conftest import (
    FATIMA,
    JOOST,
    KEEPER,
    MARIEKE,
    NAME,
    PIETER,
    STRANGER,
    SUBDIR,
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


def states(agreement: Path) -> dict[str, str]:
    return {p.party.id: p.state for p in agreement_status(agreement).parties}


def reason(agreement: Path, party: str) -> str:
    found = next(p for p in agreement_status(agreement).parties if p.party.id == party)
    return found.reason or ""


def sign(cli: Cli, be: Identity, who: tuple[str, str], party: str, agreement: Path) -> Any:
    be(who)
    return cli("sign", "--partij", party, agreement)


def test_fourteen_forged_records_count_for_nobody(git_repo: Path, agreement: Path, cli: Cli,
                                                  be: Identity) -> None:
    """A stranger copies a real record for every other party and commits them."""
    assert sign(cli, be, JOOST, "de-schoor", agreement).exit_code == 0
    model, _ = load_agreement(agreement)
    for party in model.parties:
        if party.id != "de-schoor":
            person = (party.representatives[0].name, party.representatives[0].email)
            write_record(agreement, party.id, person)
    be(STRANGER)
    commit_all(git_repo, "Alle andere partijen tekenen")
    found = states(agreement)
    assert found["de-schoor"] == "signed"
    assert {state for pid, state in found.items() if pid != "de-schoor"} == {"invalid"}
    assert reason(agreement, "gemeente-almere") == (
        "vastgelegd door iemand@elders.example, geen vertegenwoordiger van Gemeente Almere")
    result = cli("status", agreement, "--format", "json")
    data = json.loads(result.output)
    assert data["complete"] is False
    assert sum(p["state"] == "signed" for p in data["parties"]) == 1
    head = git(git_repo, "rev-parse", "HEAD")
    refused = cli("vaststellen", agreement)
    assert refused.exit_code == 1
    assert "gemeente-almere (ondertekening telt niet: vastgelegd door iemand@elders.example" in \
        refused.output
    assert git(git_repo, "rev-parse", "HEAD") == head and git(git_repo, "tag") == ""
    assert cli("verify", agreement).exit_code == 1


def test_a_planted_record_blocks_nobody(git_repo: Path, agreement: Path, cli: Cli,
                                        be: Identity) -> None:
    write_record(agreement, "de-schoor", JOOST)
    be(STRANGER)
    commit_all(git_repo, "Vervalst record op de plek van Joost")
    assert states(agreement)["de-schoor"] == "invalid"
    result = sign(cli, be, JOOST, "de-schoor", agreement)
    assert result.exit_code == 0, result.output
    assert "Getekend: Joost Hellendoorn namens De Schoor" in result.output
    assert git(git_repo, "log", "-1", "--format=%ae") == JOOST[1]
    assert states(agreement)["de-schoor"] == "signed"


def test_a_record_edited_later_by_someone_else_does_not_count(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> None:
    assert sign(cli, be, JOOST, "de-schoor", agreement).exit_code == 0
    record = record_path(agreement, "de-schoor", JOOST[1])
    record.write_text(record.read_text().replace("tijdstip:", "opmerking: achteraf\ntijdstip:"))
    be(FATIMA)
    commit_all(git_repo, "Record van Joost aangepast")
    assert states(agreement)["de-schoor"] == "invalid"
    assert "vastgelegd door f.elamrani@almere.example" in reason(agreement, "de-schoor")


def test_a_key_swapped_by_an_unsigned_commit_never_counts(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, make_key: KeyMaker) -> None:
    _, joost_public = make_key("joost")
    set_key(agreement, JOOST[1], joost_public)
    commit_all(git_repo, "Sleutel van Joost")
    mallory_private, mallory_public = make_key("mallory")
    edit(agreement / "partijen.yaml", joost_public, mallory_public)
    be(STRANGER)
    commit_all(git_repo, "Sleutel 'bijgewerkt'")
    enable_ssh_signing(git_repo, mallory_private)
    write_record(agreement, "de-schoor", JOOST)
    be(JOOST)  # Mallory poses as Joost in git
    commit_all(git_repo, "Ondertekening")
    assert states(agreement)["de-schoor"] == "invalid"
    verification = verify_agreement(agreement)
    assert not verification.ok
    [bad] = verification.bad_keys
    assert bad.email == JOOST[1] and "telt niet" in bad.source
    result = cli("verify", agreement)
    assert result.exit_code == 1
    assert "telt niet de-schoor: j.hellendoorn@deschoor.example" in result.output
    status = cli("status", agreement)
    assert f"let op: de sleutel {bad.fingerprint} van {JOOST[1]} ingevoerd in commit" in \
        status.output
    # sign itself refuses: git signs with a key that does not count (the old one still does)
    refused = sign(cli, be, JOOST, "de-schoor", agreement)
    assert refused.exit_code == 1 and "HEAD is niet verplaatst" in refused.output


def test_a_key_rotated_by_a_commit_signed_with_the_old_key_counts(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, make_key: KeyMaker) -> None:
    old_private, old_public = make_key("joost-oud")
    new_private, new_public = make_key("joost-nieuw")
    set_key(agreement, JOOST[1], old_public)
    commit_all(git_repo, "Sleutel van Joost")
    enable_ssh_signing(git_repo, old_private)
    edit(agreement / "partijen.yaml", old_public, new_public)
    be(JOOST)
    commit_all(git_repo, "Nieuwe sleutel, getekend met de oude")
    enable_ssh_signing(git_repo, new_private)
    result = sign(cli, be, JOOST, "de-schoor", agreement)
    assert result.exit_code == 0, result.output
    assert states(agreement)["de-schoor"] == "signed"
    verification = verify_agreement(agreement)
    assert verification.ok
    [key] = verification.keys[:1]
    assert key.trusted and "ondertekend met de sleutel van j.hellendoorn@" in key.source


def test_the_penvoerder_may_change_a_partys_key(git_repo: Path, agreement: Path, cli: Cli,
                                                be: Identity, make_key: KeyMaker) -> None:
    lead_private, lead_public = make_key("voskuil")
    set_key(agreement, MARIEKE[1], lead_public)
    _, first = make_key("joost-1")
    set_key(agreement, JOOST[1], first)
    commit_all(git_repo, "Eerste sleutels")
    second_private, second = make_key("joost-2")
    edit(agreement / "partijen.yaml", first, second)
    enable_ssh_signing(git_repo, lead_private)
    be(MARIEKE)
    commit_all(git_repo, "Penvoerder vervangt de verloren sleutel van Joost")
    enable_ssh_signing(git_repo, second_private)
    assert sign(cli, be, JOOST, "de-schoor", agreement).exit_code == 0
    assert states(agreement)["de-schoor"] == "signed"
    assert verify_agreement(agreement).ok


def test_joint_authority_one_of_two_then_two_of_two(git_repo: Path, agreement: Path,
                                                    cli: Cli, be: Identity) -> None:
    edit(agreement / "partijen.yaml", "    soort: gemeente\n",
         "    soort: gemeente\n    bevoegdheid: gezamenlijk\n")
    commit_all(git_repo, "Gemeente tekent gezamenlijk")
    assert sign(cli, be, FATIMA, "gemeente-almere", agreement).exit_code == 0
    assert states(agreement)["gemeente-almere"] == "partial"
    assert reason(agreement, "gemeente-almere") == "1 van 2 ondertekenaars"
    human = cli("status", agreement)
    assert "gedeeltelijk gemeente-almere" in human.output
    assert "Gemeente Almere (1 van 2): Fatima el Amrani" in human.output
    again = sign(cli, be, FATIMA, "gemeente-almere", agreement)
    assert "al ondertekend" in again.output
    assert states(agreement)["gemeente-almere"] == "partial"
    assert sign(cli, be, PIETER, "gemeente-almere", agreement).exit_code == 0
    assert states(agreement)["gemeente-almere"] == "signed"
    data = json.loads(cli("status", agreement, "--format", "json").output)
    party = next(p for p in data["parties"] if p["id"] == "gemeente-almere")
    assert party["needed"] == 2 and party["signed"] == 2
    assert [s["email"] for s in party["signers"]] == [FATIMA[1], PIETER[1]]


def test_any_two_of_a_joint_authority(git_repo: Path, agreement: Path, cli: Cli,
                                      be: Identity) -> None:
    edit(agreement / "partijen.yaml", "    soort: gemeente\n",
         "    soort: gemeente\n    bevoegdheid: {gezamenlijk: 2}\n")
    commit_all(git_repo, "Twee van de gemeente")
    for who in (FATIMA, PIETER):
        assert sign(cli, be, who, "gemeente-almere", agreement).exit_code == 0
    assert states(agreement)["gemeente-almere"] == "signed"


def test_an_agreement_that_demands_a_key(git_repo: Path, agreement: Path, cli: Cli,
                                         be: Identity) -> None:
    assert sign(cli, be, JOOST, "de-schoor", agreement).exit_code == 0
    (agreement / "overeenkomst.yaml").write_text(
        (agreement / "overeenkomst.yaml").read_text() + "ondertekening:\n  bewijs: sleutel\n")
    commit_all(git_repo, "Alleen met een sleutel", by=KEEPER)  # a beheerder decides it
    assert states(agreement)["de-schoor"] == "invalid"
    assert "vraagt een sleutel" in reason(agreement, "de-schoor")
    head = git(git_repo, "rev-parse", "HEAD")
    refused = sign(cli, be, FATIMA, "gemeente-almere", agreement)
    assert refused.exit_code == 1 and "bewijs: sleutel" in refused.output
    assert git(git_repo, "rev-parse", "HEAD") == head


def test_sign_warns_when_there_is_no_key(git_repo: Path, agreement: Path, cli: Cli,
                                         be: Identity) -> None:
    result = sign(cli, be, JOOST, "de-schoor", agreement)
    assert result.exit_code == 0
    assert "zonder cryptografisch bewijs" in result.output
    status = cli("status", agreement)
    assert "git-identiteit, zonder cryptografisch bewijs" in status.output


def test_a_signing_key_that_is_not_registered_is_refused_before_head_moves(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, make_key: KeyMaker) -> None:
    _, registered = make_key("joost")
    other, _ = make_key("ander")
    set_key(agreement, JOOST[1], registered)
    commit_all(git_repo, "Sleutel van Joost")
    enable_ssh_signing(git_repo, other)
    head = git(git_repo, "rev-parse", "HEAD")
    result = sign(cli, be, JOOST, "de-schoor", agreement)
    assert result.exit_code == 1, result.output
    assert "niet met de geregistreerde sleutel van Joost Hellendoorn" in result.output
    assert "HEAD is niet verplaatst" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head
    assert git(git_repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_an_unsigned_commit_is_refused_where_a_key_is_registered(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, make_key: KeyMaker) -> None:
    set_key(agreement, JOOST[1], make_key("joost")[1])
    commit_all(git_repo, "Sleutel van Joost")
    head = git(git_repo, "rev-parse", "HEAD")
    result = sign(cli, be, JOOST, "de-schoor", agreement)
    assert result.exit_code == 1
    assert "git ondertekent deze commit niet" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head


def test_a_long_id_is_refused_before_anything_is_written(git_repo: Path, agreement: Path,
                                                         cli: Cli, be: Identity) -> None:
    long_mail = f"{'a.' * 130}b@deschoor.example"
    edit(agreement / "partijen.yaml", f"email: {JOOST[1]}", f"email: {long_mail}")
    commit_all(git_repo, "Heel lang adres")
    head = git(git_repo, "rev-parse", "HEAD")
    result = sign(cli, be, (JOOST[0], long_mail), "de-schoor", agreement)
    assert result.exit_code == 1
    assert "langer dan 255 bytes" in result.output and "niets vastgelegd" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head
    assert git(git_repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_a_symlinked_signoff_folder_is_refused(git_repo: Path, agreement: Path, cli: Cli,
                                               be: Identity, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (agreement / "ondertekeningen").symlink_to(elsewhere, target_is_directory=True)
    commit_all(git_repo, "Koppeling")
    head = git(git_repo, "rev-parse", "HEAD")
    result = sign(cli, be, JOOST, "de-schoor", agreement)
    assert result.exit_code == 1
    assert "symbolische koppeling" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head
    assert list(elsewhere.iterdir()) == []


def test_records_in_the_old_layout_still_read(git_repo: Path, agreement: Path,
                                              be: Identity) -> None:
    write_record(agreement, "de-schoor", JOOST,
                 path=agreement / "ondertekeningen" / "de-schoor.yaml")
    be(JOOST)
    commit_all(git_repo, "Ondertekening in de oude vorm")
    assert states(agreement)["de-schoor"] == "signed"
    assert SUBDIR.endswith(NAME)


def test_without_a_key_of_ones_own_a_party_with_keys_needs_crypto(
        git_repo: Path, agreement: Path, cli: Cli, be: Identity, make_key: KeyMaker) -> None:
    """A representative added (or left) without a key cannot sign for a party with keys by git
    identity alone: that would let an unsigned commit add a signer."""
    set_key(agreement, FATIMA[1], make_key("fatima")[1])
    commit_all(git_repo, "Sleutel van Fatima")
    head = git(git_repo, "rev-parse", "HEAD")
    refused = sign(cli, be, PIETER, "gemeente-almere", agreement)
    assert refused.exit_code == 1 and "alleen een ondertekening met cryptografisch" in \
        refused.output
    assert git(git_repo, "rev-parse", "HEAD") == head
    write_record(agreement, "gemeente-almere", PIETER, function="directeur sociaal domein")
    be(PIETER)
    commit_all(git_repo, "Brandsma tekent zonder sleutel")
    assert states(agreement)["gemeente-almere"] == "invalid"
    assert "Gemeente Almere heeft sleutels" in reason(agreement, "gemeente-almere")


def test_a_record_of_digest_form_1_no_longer_counts(git_repo: Path, agreement: Path, cli: Cli,
                                                    be: Identity) -> None:
    """Issue 21: a record without `vorm` was made with form 1, which let indentation change
    what a reader sees under the same digest. It is never read under form 2: it says why."""
    be(JOOST)
    write_record(agreement, "de-schoor", JOOST, form=None)
    commit_all(git_repo, "De Schoor tekende (vorm 1)")
    assert states(agreement)["de-schoor"] == "invalid"
    assert "vorm 1 van de digest" in reason(agreement, "de-schoor")
    assert "laat opnieuw tekenen" in reason(agreement, "de-schoor")
    assert sign(cli, be, JOOST, "de-schoor", agreement).exit_code == 0  # the honest twin
    assert states(agreement)["de-schoor"] == "signed"
    record = (agreement / "ondertekeningen" / "de-schoor").glob("*.yaml")
    assert all("\nvorm: 2\n" in p.read_text(encoding="utf-8") for p in record)

"""Issue 20: who may sign is trusted from signed history. Each attack of the issue beside its
honest twin, in real repositories with real SSH keys, asserting `status --format json` and
`verify`'s exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from .authority_helpers import (
    ANNA,
    MALLORY,
    OUD,
    Cli,
    add_rep,
    commit,
    keyed_root,
    merge,
    party_json,
    remove_rep,
    replace_in,
    sign_by_commit,
    verify_code,
)
from .conftest import FATIMA, JOOST, MARIEKE, NAME, PIETER, STRANGER, KeyMaker, git

Keys = dict[str, tuple[Path, str]]
LOTTE = ("Lotte Haverkamp", "l.haverkamp@zilverenkruis.example")  # zilveren-kruis, no key


@pytest.fixture
def keys(make_key: KeyMaker) -> Keys:
    return {name: make_key(name) for name in ("joost", "fatima", "pieter", "marieke", "mallory",
                                              "anna", "oud", "nieuw")}


@pytest.fixture
def repo(tmp_path: Path, git_env: dict[str, str], keys: Keys) -> Path:
    """De Schoor (Joost), Gemeente Almere (Fatima and Pieter, jointly) and the penvoerder GGD
    (Marieke) have keys in the root; De Schoor's departed director Oud too."""
    return keyed_root(tmp_path / "repo", git_env, {
        JOOST[1]: keys["joost"][1], FATIMA[1]: keys["fatima"][1],
        PIETER[1]: keys["pieter"][1], MARIEKE[1]: keys["marieke"][1]},
        extra={"de-schoor": [(OUD, keys["oud"][1])]})


def folder(repo: Path) -> Path:
    return repo / "agreements" / NAME


def not_counted(data: dict[str, object]) -> list[dict[str, str]]:
    report = data["_report"]
    assert isinstance(report, dict)
    changes: list[dict[str, str]] = report["authority_not_counted"]
    return changes


# 1. A new representative, added by an unsigned commit, signs --------------------------------

def test_a_representative_added_unsigned_cannot_sign(repo: Path, cli: Cli, keys: Keys) -> None:
    agreement = folder(repo)
    add_rep(agreement, "de-schoor", MALLORY, keys["mallory"][1])
    added = commit(repo, "Mallory erbij", MALLORY)
    sign_by_commit(repo, agreement, "de-schoor", MALLORY, keys["mallory"][0])
    found = party_json(cli, agreement, "de-schoor")
    assert found["state"] == "invalid"
    assert found["reason"].startswith(
        f"commit {added[:12]} voegde toe: vertegenwoordiger {MALLORY[1]} van de-schoor; telt "
        f"niet: de commit is niet ondertekend, en de auteur {MALLORY[1]} geeft geen bewijs van "
        "de-schoor of van een beheerder")
    assert f"{MALLORY[1]} is geen vertegenwoordiger van De Schoor (volgens het gezag dat " \
        "telt)" in found["reason"]
    assert verify_code(cli, agreement) == 1


def test_the_partys_own_key_adds_a_representative_who_signs(repo: Path, cli: Cli,
                                                            keys: Keys) -> None:
    agreement = folder(repo)
    add_rep(agreement, "de-schoor", ANNA, keys["anna"][1])
    commit(repo, "Anna erbij", JOOST, keys["joost"][0])
    sign_by_commit(repo, agreement, "de-schoor", ANNA, keys["anna"][0])
    found = party_json(cli, agreement, "de-schoor")
    assert (found["state"], found["reason"]) == ("signed", None)
    assert found["evidence"] == ["ssh-commit"]
    assert verify_code(cli, agreement) == 0


# 4. A signed revocation is undone by a merge ------------------------------------------------

def test_a_signed_revocation_is_not_undone_by_a_merge(repo: Path, cli: Cli,
                                                      keys: Keys) -> None:
    agreement = folder(repo)
    git(repo, "branch", "oud")
    partijen = agreement / "partijen.yaml"
    text = partijen.read_text(encoding="utf-8")
    start = text.index(f"      - naam: {OUD[0]}")
    end = text.index("  - id: gemeente-almere")
    partijen.write_text(text[:start] + text[end:], encoding="utf-8")
    commit(repo, "Oud vertrekt", JOOST, keys["joost"][0])
    git(repo, "checkout", "-q", "oud")
    (agreement / "notitie.md").write_text("iets anders\n", encoding="utf-8")
    commit(repo, "Iets anders", STRANGER)
    git(repo, "checkout", "-q", "-")
    merged = merge(repo, "oud", STRANGER, take={"partijen.yaml": "oud"})
    assert OUD[1] in (agreement / "partijen.yaml").read_text(encoding="utf-8")
    sign_by_commit(repo, agreement, "de-schoor", OUD, keys["oud"][0])
    found = party_json(cli, agreement, "de-schoor")
    assert found["state"] == "invalid"
    assert f"commit {merged[:12]} voegde toe: vertegenwoordiger {OUD[1]} van de-schoor; telt " \
        "niet" in found["reason"]
    assert f"{OUD[1]} is geen vertegenwoordiger van De Schoor" in found["reason"]
    assert verify_code(cli, agreement) == 1


def test_two_honest_branches_with_sign_offs_merge_and_both_count(repo: Path, cli: Cli,
                                                                  keys: Keys) -> None:
    agreement = folder(repo)
    git(repo, "checkout", "-q", "-b", "gemeente")
    sign_by_commit(repo, agreement, "gemeente-almere", FATIMA, keys["fatima"][0])
    sign_by_commit(repo, agreement, "gemeente-almere", PIETER, keys["pieter"][0])
    git(repo, "checkout", "-q", "-")
    sign_by_commit(repo, agreement, "de-schoor", JOOST, keys["joost"][0])
    merge(repo, "gemeente", MARIEKE)
    assert party_json(cli, agreement, "de-schoor")["state"] == "signed"
    almere = party_json(cli, agreement, "gemeente-almere")
    assert (almere["state"], almere["signed"], almere["needed"]) == ("signed", 2, 2)
    assert not_counted(almere) == []
    assert verify_code(cli, agreement) == 0


# 5. Merge order and a stolen old key ----------------------------------------------------------

def test_a_stolen_old_key_does_not_beat_its_rotation(repo: Path, cli: Cli, keys: Keys) -> None:
    agreement = folder(repo)
    git(repo, "branch", "dief")
    replace_in(agreement / "partijen.yaml", keys["joost"][1], keys["nieuw"][1])
    commit(repo, "Joost roteert zijn sleutel", JOOST, keys["joost"][0])
    git(repo, "checkout", "-q", "dief")
    replace_in(agreement / "partijen.yaml", keys["joost"][1], keys["mallory"][1])
    commit(repo, "Sleutel 'bijgewerkt'", JOOST, keys["joost"][0])  # the stolen old key
    git(repo, "checkout", "-q", "-")
    merge(repo, "dief", MALLORY, take={"partijen.yaml": "dief"})
    sign_by_commit(repo, agreement, "de-schoor", JOOST, keys["mallory"][0])
    found = party_json(cli, agreement, "de-schoor")
    assert found["state"] == "invalid"
    assert "elk anders wijzigden; telt niet: een beheerder moet dit opnieuw vastleggen" in \
        found["reason"]
    assert not any(k["trusted"] and k["fingerprint"] for k in found["keys"]
                   if k["representative"] == JOOST[1] and keys["mallory"][1][:20] in
                   k["fingerprint"])
    assert verify_code(cli, agreement) == 1


def test_a_key_rotated_with_the_old_key_counts(repo: Path, cli: Cli, keys: Keys) -> None:
    agreement = folder(repo)
    replace_in(agreement / "partijen.yaml", keys["joost"][1], keys["nieuw"][1])
    commit(repo, "Joost roteert zijn sleutel", JOOST, keys["joost"][0])
    sign_by_commit(repo, agreement, "de-schoor", JOOST, keys["nieuw"][0])
    found = party_json(cli, agreement, "de-schoor")
    assert (found["state"], found["reason"]) == ("signed", None)
    assert verify_code(cli, agreement) == 0


# 6. One person never meets joint authority alone ---------------------------------------------

def test_one_person_never_meets_joint_authority_alone(repo: Path, cli: Cli,
                                                      keys: Keys) -> None:
    agreement = folder(repo)
    replace_in(agreement / "partijen.yaml", keys["pieter"][1], keys["mallory"][1])
    swapped = commit(repo, "Sleutel van Pieter vervangen", FATIMA, keys["fatima"][0])
    add_rep(agreement, "gemeente-almere", ANNA, keys["anna"][1])
    added = commit(repo, "Nog een bestuurder", FATIMA, keys["fatima"][0])
    sign_by_commit(repo, agreement, "gemeente-almere", FATIMA, keys["fatima"][0])
    sign_by_commit(repo, agreement, "gemeente-almere", PIETER, keys["mallory"][0])
    sign_by_commit(repo, agreement, "gemeente-almere", ANNA, keys["anna"][0])
    found = party_json(cli, agreement, "gemeente-almere")
    assert (found["state"], found["signed"], found["needed"]) == ("partial", 1, 2)
    joint = ("gemeente-almere tekent gezamenlijk; zo'n wijziging door "
             f"{FATIMA[1]}, een eigen vertegenwoordiger, vraagt een beheerder die zelf geen "
             "vertegenwoordiger van gemeente-almere is")
    assert f"commit {swapped[:12]} wijzigde: vertegenwoordiger {PIETER[1]} van " \
        f"gemeente-almere; telt niet: {joint}" in found["reason"]
    assert f"commit {added[:12]} voegde toe: vertegenwoordiger {ANNA[1]}" in found["reason"]
    assert verify_code(cli, agreement) == 1


def test_a_jointly_authorised_party_rotates_one_key(repo: Path, cli: Cli, keys: Keys) -> None:
    agreement = folder(repo)
    replace_in(agreement / "partijen.yaml", keys["fatima"][1], keys["nieuw"][1])
    commit(repo, "Fatima roteert haar sleutel", FATIMA, keys["fatima"][0])
    sign_by_commit(repo, agreement, "gemeente-almere", FATIMA, keys["nieuw"][0])
    found = party_json(cli, agreement, "gemeente-almere")
    assert (found["state"], found["reason"]) == ("partial", "1 van 2 ondertekenaars")
    sign_by_commit(repo, agreement, "gemeente-almere", PIETER, keys["pieter"][0])
    assert party_json(cli, agreement, "gemeente-almere")["state"] == "signed"
    assert verify_code(cli, agreement) == 0


# 7. bevoegdheid and the representatives change in unsigned commits -------------------------

@pytest.mark.parametrize("change", ["alleen", "weg"])
def test_bevoegdheid_and_representatives_do_not_change_unsigned(repo: Path, cli: Cli,
                                                                keys: Keys, change: str) -> None:
    agreement = folder(repo)
    sign_by_commit(repo, agreement, "gemeente-almere", FATIMA, keys["fatima"][0])
    assert party_json(cli, agreement, "gemeente-almere")["state"] == "partial"
    partijen = agreement / "partijen.yaml"
    if change == "alleen":
        replace_in(partijen, "bevoegdheid: {gezamenlijk: 2}", "bevoegdheid: alleen")
    else:
        remove_rep(agreement, PIETER[0])
    lowered = commit(repo, "Almere tekent voortaan alleen", STRANGER)
    found = party_json(cli, agreement, "gemeente-almere")
    assert (found["state"], found["signed"], found["needed"]) == ("partial", 1, 2)
    assert f"commit {lowered[:12]}" in found["reason"]
    assert f"de auteur {STRANGER[1]} geeft geen bewijs van gemeente-almere" in found["reason"]
    result = cli("verify", agreement)  # every record holds; the change is reported
    assert result.exit_code == 0
    assert f"commit {lowered[:12]} " in result.output.split("wijzigingen van gezag die niet "
                                                            "tellen:")[1]


def test_an_administrator_lowers_bevoegdheid(repo: Path, cli: Cli, keys: Keys) -> None:
    agreement = folder(repo)
    sign_by_commit(repo, agreement, "gemeente-almere", FATIMA, keys["fatima"][0])
    replace_in(agreement / "partijen.yaml", "bevoegdheid: {gezamenlijk: 2}",
               "bevoegdheid: alleen")
    commit(repo, "Almere tekent voortaan alleen (besluit)", MARIEKE, keys["marieke"][0])
    found = party_json(cli, agreement, "gemeente-almere")
    assert (found["state"], found["needed"]) == ("signed", 1)
    assert verify_code(cli, agreement) == 0


# 8. The agreement's own evidence rule ------------------------------------------------------------

@pytest.fixture
def demanding(tmp_path: Path, git_env: dict[str, str], keys: Keys) -> Path:
    return keyed_root(tmp_path / "eis", git_env, {
        JOOST[1]: keys["joost"][1], MARIEKE[1]: keys["marieke"][1]},
        meta="ondertekening:\n  bewijs: sleutel\n")


def test_the_evidence_rule_cannot_be_deleted_unsigned(demanding: Path, cli: Cli) -> None:
    agreement = folder(demanding)
    replace_in(agreement / "overeenkomst.yaml", "ondertekening:\n  bewijs: sleutel\n", "")
    removed = commit(demanding, "Geen sleutel meer nodig", STRANGER)
    sign_by_commit(demanding, agreement, "zilveren-kruis", LOTTE)
    found = party_json(cli, agreement, "zilveren-kruis")
    assert found["state"] == "invalid"
    assert "deze overeenkomst vraagt een sleutel (ondertekening: bewijs: sleutel)" in \
        found["reason"]
    changes = not_counted(found)
    assert (changes[0]["commit"], changes[0]["wat"]) == (
        removed, "wijzigde: ondertekening: bewijs (sleutel → git)")
    assert cli("vaststellen", agreement).exit_code == 1
    assert verify_code(cli, agreement) == 1


def test_an_administrator_drops_the_evidence_rule(demanding: Path, cli: Cli,
                                                  keys: Keys) -> None:
    agreement = folder(demanding)
    replace_in(agreement / "overeenkomst.yaml", "ondertekening:\n  bewijs: sleutel\n", "")
    commit(demanding, "Geen sleutel meer nodig", MARIEKE, keys["marieke"][0])
    sign_by_commit(demanding, agreement, "zilveren-kruis", LOTTE)
    found = party_json(cli, agreement, "zilveren-kruis")
    assert (found["state"], found["evidence"]) == ("signed", ["git"])


# The root --------------------------------------------------------------------------------------

def test_verify_names_the_root_and_its_author(repo: Path, cli: Cli) -> None:
    agreement = folder(repo)
    root = git(repo, "rev-list", "--max-parents=0", "HEAD")
    result = cli("verify", agreement)
    assert f"wortel van vertrouwen: commit {root} van Test Auteur <auteur@test.example>" in \
        result.output
    found = party_json(cli, agreement, "de-schoor")
    assert found["_report"]["root"] == {"commit": root,
                                        "author": "Test Auteur <auteur@test.example>"}

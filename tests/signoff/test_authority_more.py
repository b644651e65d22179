"""Issue 20, the rest: trust anchors through a merge, the keyless penvoerder, the first-key race,
an unreadable version, anchors that are no CA, a PDF older than its version, safety rules in
the configuration, vaststellen over an ignored annex, planted record values and a folder at a
record's path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .authority_helpers import (
    MALLORY,
    OUD,
    Cli,
    add_rep,
    commit,
    keyed_root,
    merge,
    party_json,
    replace_in,
    sign_by_commit,
    verify_code,
)
from .conftest import (
    JOOST,
    MAINTAINER,
    MARIEKE,
    NAME,
    STRANGER,
    Identity,
    KeyMaker,
    commit_all,
    git,
    write_record,
)
from .pdf_certs import NOW, CertificateAuthority, sign
from .test_pdf_signoff import rendered

Keys = dict[str, tuple[Path, str]]
LOTTE = ("Lotte Haverkamp", "l.haverkamp@zilverenkruis.example")
NIEK = ("Niek Zilver", "n.zilver@zilverenkruis.example")


@pytest.fixture
def keys(make_key: KeyMaker) -> Keys:
    return {name: make_key(name) for name in ("joost", "marieke", "mallory", "oud")}


@pytest.fixture
def repo(tmp_path: Path, git_env: dict[str, str], keys: Keys) -> Path:
    """Joost (De Schoor) and Marieke (the penvoerder GGD) have keys in the root."""
    return keyed_root(tmp_path / "repo", git_env, {JOOST[1]: keys["joost"][1],
                                                   MARIEKE[1]: keys["marieke"][1]},
                      extra={"de-schoor": [(OUD, keys["oud"][1])]})


@pytest.fixture
def keyless_lead(tmp_path: Path, git_env: dict[str, str], keys: Keys) -> Path:
    """Only Joost has a key in the root; the penvoerder GGD has none (as in the sample)."""
    return keyed_root(tmp_path / "kaal", git_env, {JOOST[1]: keys["joost"][1]})


def folder(repo: Path) -> Path:
    return repo / "agreements" / NAME


def pdf_for(tmp_path: Path, agreement: Path, identity: object, name: str = "o.pdf") -> Path:
    """The signing edition of the working tree (as render and review make it), signed."""
    path = tmp_path / name
    path.write_bytes(sign(rendered(agreement), identity))  # type: ignore[arg-type]
    return path


def record_pdf(cli: Cli, be: Identity, agreement: Path, pdf: Path, party: str) -> object:
    be(MAINTAINER)
    return cli("sign", "--partij", party, "--bewijs", pdf, agreement)


# 2. A rogue issuer arrives through a merge --------------------------------------------------

def test_a_rogue_issuer_through_a_merge_does_not_count(repo: Path, cli: Cli, be: Identity,
                                                       keys: Keys, tmp_path: Path) -> None:
    agreement = folder(repo)
    service, rogue = CertificateAuthority(), CertificateAuthority("Mallory's uitgever")
    git(repo, "branch", "aanval")
    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "dienst.pem").write_bytes(service.pem)
    commit(repo, "Vertrouwde dienst", MARIEKE, keys["marieke"][0])
    git(repo, "checkout", "-q", "aanval")
    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "dienst.pem").write_bytes(service.pem)
    (agreement / "vertrouwd" / "extra.pem").write_bytes(rogue.pem)
    commit(repo, "Uitgevers", STRANGER)
    git(repo, "checkout", "-q", "-")
    merged = merge(repo, "aanval", STRANGER)
    forged = record_pdf(cli, be, agreement, pdf_for(tmp_path, agreement, rogue.issue(*JOOST)),
                        "de-schoor")
    assert forged.exit_code == 1 and "komt niet van een uitgever" in forged.output  # type: ignore[attr-defined]
    found = party_json(cli, agreement, "de-schoor")
    assert (found["state"], found["reason"]) == ("missing", None)
    changes = found["_report"]["authority_not_counted"]
    assert {"commit": merged, "partij": "", "wat": "voegde toe: vertrouwd/extra.pem",
            "waarom": f"de commit is niet ondertekend, en de auteur {STRANGER[1]} geeft geen "
                      "bewijs van een beheerder (de vertegenwoordigers van de penvoerder, of de "
                      "beheerders in overeenkomst.yaml)"} in changes
    honest = record_pdf(cli, be, agreement, pdf_for(tmp_path, agreement, service.issue(*JOOST),
                                                    "echt.pdf"), "de-schoor")
    assert honest.exit_code == 0, honest.output  # type: ignore[attr-defined]
    assert party_json(cli, agreement, "de-schoor")["state"] == "signed"
    assert verify_code(cli, agreement) == 0


# 3. The penvoerder's first key; trust never grows along a chain ------------------------------

def test_a_key_without_proof_never_changes_keys_with_proof(keyless_lead: Path, cli: Cli,
                                                          keys: Keys) -> None:
    repo, agreement = keyless_lead, folder(keyless_lead)
    add_rep(agreement, "ggd-flevoland", MALLORY, keys["mallory"][1])
    commit(repo, "Mallory bij de GGD", MALLORY)
    replace_in(agreement / "partijen.yaml", f"        email: {MARIEKE[1]}\n",
               f"        email: {MARIEKE[1]}\n        sleutel: {keys['mallory'][1]}\n")
    commit(repo, "Sleutel van Marieke", MARIEKE)  # a forged git identity: no proof
    replace_in(agreement / "partijen.yaml", keys["joost"][1], keys["mallory"][1])
    swapped = commit(repo, "Sleutel van Joost vervangen", MARIEKE, keys["mallory"][0])
    sign_by_commit(repo, agreement, "de-schoor", JOOST, keys["mallory"][0])
    found = party_json(cli, agreement, "de-schoor")
    assert found["state"] == "invalid"
    assert (f"commit {swapped[:12]} wijzigde: vertegenwoordiger {JOOST[1]} van de-schoor; telt "
            "niet: de sleutels van de-schoor kwamen met cryptografisch bewijs; bewijs zonder "
            "dat (een git-identiteit, of een sleutel die zonder dat bewijs is ingevoerd) "
            "verandert ze niet") in found["reason"]
    ggd = party_json(cli, agreement, "ggd-flevoland")
    assert "voegde toe: vertegenwoordiger mallory@elders.example van ggd-flevoland" in \
        ggd["reason"]
    assert verify_code(cli, agreement) == 1


def test_an_administrator_adds_a_representative_and_an_anchor(
        keyless_lead: Path, cli: Cli, be: Identity, tmp_path: Path) -> None:
    repo, agreement = keyless_lead, folder(keyless_lead)
    service = CertificateAuthority()
    add_rep(agreement, "zilveren-kruis", NIEK)
    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "dienst.pem").write_bytes(service.pem)
    commit(repo, "Niek en de vertrouwensdienst", MARIEKE)  # the keyless penvoerder
    sign_by_commit(repo, agreement, "zilveren-kruis", NIEK)
    found = party_json(cli, agreement, "zilveren-kruis")
    assert (found["state"], found["evidence"], found["cryptographic"]) == (
        "signed", ["git"], False)
    pdf = pdf_for(tmp_path, agreement, service.issue(*LOTTE))
    assert record_pdf(cli, be, agreement, pdf, "zilveren-kruis").exit_code == 0  # type: ignore[attr-defined]
    found = party_json(cli, agreement, "zilveren-kruis")
    assert found["state"] == "signed" and "pdf" in found["evidence"]
    assert verify_code(cli, agreement) == 0


# 5. Merge order does not win the first-key race --------------------------------------------

def test_merge_order_does_not_win_the_first_key_race(keyless_lead: Path, cli: Cli,
                                                     keys: Keys) -> None:
    repo, agreement = keyless_lead, folder(keyless_lead)
    git(repo, "branch", "oud")
    replace_in(agreement / "partijen.yaml", f"        email: {MARIEKE[1]}\n",
               f"        email: {MARIEKE[1]}\n        sleutel: {keys['marieke'][1]}\n")
    commit(repo, "Sleutel van Marieke", MARIEKE)
    git(repo, "checkout", "-q", "oud")
    replace_in(agreement / "partijen.yaml", f"        email: {MARIEKE[1]}\n",
               f"        email: {MARIEKE[1]}\n        sleutel: {keys['mallory'][1]}\n")
    commit(repo, "Eerste sleutel", STRANGER)
    git(repo, "checkout", "-q", "-")
    merge(repo, "oud", STRANGER, take={"partijen.yaml": "oud"})
    sign_by_commit(repo, agreement, "ggd-flevoland", MARIEKE, keys["mallory"][0])
    found = party_json(cli, agreement, "ggd-flevoland")
    assert found["state"] == "invalid"
    trusted = [k for k in found["keys"] if k["trusted"]]
    assert [k["representative"] for k in trusted] == [MARIEKE[1]]
    assert "door m.voskuil@ggd-flevoland.example, zonder cryptografisch bewijs" in \
        trusted[0]["source"]
    assert verify_code(cli, agreement) == 1


# Also found ----------------------------------------------------------------------------------

def test_a_signed_removal_after_an_unreadable_version_counts(repo: Path, cli: Cli,
                                                             keys: Keys) -> None:
    agreement = folder(repo)
    partijen = agreement / "partijen.yaml"
    replace_in(partijen, "  - id: de-schoor\n", "  - id: de-schoor\n\t\n")
    broken = commit(repo, "Een tab", STRANGER)
    replace_in(partijen, "  - id: de-schoor\n\t\n", "  - id: de-schoor\n")
    text = partijen.read_text(encoding="utf-8")
    start, end = text.index(f"      - naam: {OUD[0]}"), text.index("  - id: gemeente-almere")
    partijen.write_text(text[:start] + text[end:], encoding="utf-8")
    commit(repo, "Oud vertrekt", JOOST, keys["joost"][0])
    add_rep(agreement, "de-schoor", OUD, keys["oud"][1])
    commit(repo, "Oud terug", STRANGER)
    sign_by_commit(repo, agreement, "de-schoor", OUD, keys["oud"][0])
    found = party_json(cli, agreement, "de-schoor")
    assert found["state"] == "invalid"
    assert f"{OUD[1]} is geen vertegenwoordiger van De Schoor" in found["reason"]
    assert f"partijen.yaml of overeenkomst.yaml is in commit {broken[:12]} niet te lezen" in \
        " ".join(found["_report"]["notes"])


def test_an_end_entity_certificate_is_no_anchor(repo: Path, cli: Cli, be: Identity,
                                                keys: Keys, tmp_path: Path) -> None:
    agreement = folder(repo)
    service = CertificateAuthority()
    person = service.issue(*JOOST)
    from cryptography.hazmat.primitives import serialization

    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "persoon.pem").write_bytes(
        person.cert.public_bytes(serialization.Encoding.PEM))
    commit(repo, "Een certificaat", MARIEKE, keys["marieke"][0])
    result = record_pdf(cli, be, agreement, pdf_for(tmp_path, agreement, person), "de-schoor")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "in vertrouwd/ is geen uitgever en telt niet als vertrouwensanker: het heeft geen " \
        "basicConstraints met CA" in result.output  # type: ignore[attr-defined]


def test_a_pdf_signed_before_its_version_existed_does_not_count(
        repo: Path, cli: Cli, be: Identity, keys: Keys, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    agreement = folder(repo)
    service = CertificateAuthority()
    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "dienst.pem").write_bytes(service.pem)
    commit(repo, "Vertrouwde dienst", MARIEKE, keys["marieke"][0])
    pdf = pdf_for(tmp_path, agreement, service.issue(*JOOST))
    assert record_pdf(cli, be, agreement, pdf, "de-schoor").exit_code == 0  # type: ignore[attr-defined]
    assert party_json(cli, agreement, "de-schoor")["state"] == "signed"
    later = (NOW + dt.timedelta(hours=6)).isoformat()
    meta = agreement / "overeenkomst.yaml"
    version = next(line for line in meta.read_text(encoding="utf-8").splitlines()
                   if line.startswith("versie: "))
    replace_in(meta, version, "versie: 9.0.0")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_DATE", later)
    commit_all(repo, "Versie 9.0.0, later vastgelegd")
    early = pdf_for(tmp_path, agreement, service.issue(*JOOST), "vroeg.pdf")  # signed now
    result = record_pdf(cli, be, agreement, early, "de-schoor")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    found = party_json(cli, agreement, "de-schoor")
    assert found["state"] == "invalid"
    assert "vóór de eerste commit van deze versie" in found["reason"]


@pytest.mark.parametrize("setting", ['uit = ["T003", "G001", "H001", "H002"]\n',
                                     '[ernst]\nH001 = "waarschuwing"\n'])
def test_safety_rules_cannot_be_switched_off(git_repo: Path, cli: Cli, setting: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (git_repo / "rechtmakers.toml").write_text(setting, encoding="utf-8")
    monkeypatch.chdir(git_repo)
    result = cli("validate", folder(git_repo))
    assert result.exit_code == 2
    line = 1 if setting.startswith("uit") else 2
    code = "G001" if setting.startswith("uit") else "H001"
    assert f"rechtmakers.toml:{line}: de regel {code} bewaakt het ondertekenen en is niet uit " \
        "te zetten" in result.output


def test_an_inline_comment_does_not_silence_g001(git_repo: Path, cli: Cli) -> None:
    meta = folder(git_repo) / "overeenkomst.yaml"
    replace_in(meta, "status: concept", "# rechtmakers: negeer G001\nstatus: vastgesteld")
    result = cli("validate", folder(git_repo))
    assert result.exit_code == 1 and "G001" in result.output


def test_vaststellen_refuses_an_ignored_annex(git_repo: Path, cli: Cli) -> None:
    agreement = folder(git_repo)
    (git_repo / ".gitignore").write_text("*.geheim.md\n", encoding="utf-8")
    (agreement / "bijlagen" / "extra.geheim.md").write_text("Geheim.\n", encoding="utf-8")
    commit_all(git_repo, "Gitignore")
    head = git(git_repo, "rev-parse", "HEAD")
    result = cli("vaststellen", agreement)
    assert result.exit_code == 1
    assert "bijlagen/extra.geheim.md (genegeerd door git)" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head and git(git_repo, "tag") == ""


@pytest.mark.parametrize("planted", [
    ("tijdstip: '2026-01-21T10:00:00+01:00'", "tijdstip: 2026-01-21T10:00:00", "tijdzone"),
    ("naam: Joost Hellendoorn", "naam: [Joost, Hellendoorn]", "naam"),
    ("partij: de-schoor", "partij: {a: 1}", "partij"),
    ("versie: 1.1.0", "versie: [1, 2]", "versie")])
def test_planted_record_values_never_break_status(git_repo: Path, cli: Cli, be: Identity,
                                                  planted: tuple[str, str, str]) -> None:
    agreement = folder(git_repo)
    path = write_record(agreement, "de-schoor", JOOST)
    text = path.read_text(encoding="utf-8")
    old = planted[0] if planted[0] in text else planted[0].replace("'", "")
    assert old in text, (old, text)
    path.write_text(text.replace(old, planted[1], 1), encoding="utf-8")
    be(JOOST)
    commit_all(git_repo, "Geplant record")
    found = party_json(cli, agreement, "de-schoor")
    assert found["state"] == "invalid" and planted[2] in found["reason"]
    assert cli("review", "--partij", "de-schoor", agreement, "--out",
               git_repo.parent / "uit").exit_code == 0
    assert cli("verify", agreement).exit_code == 1


def test_sign_refuses_a_folder_at_its_record_path(git_repo: Path, cli: Cli,
                                                  be: Identity) -> None:
    agreement = folder(git_repo)
    blocker = agreement / "ondertekeningen" / "de-schoor" / "j-hellendoorn-deschoor-example.yaml"
    blocker.mkdir(parents=True)
    (blocker / "x.txt").write_text("x\n", encoding="utf-8")
    commit_all(git_repo, "Een map")
    head = git(git_repo, "rev-parse", "HEAD")
    be(JOOST)
    result = cli("sign", "--partij", "de-schoor", agreement)
    assert result.exit_code == 1 and "is een map in git of in de werkmap" in result.output
    assert git(git_repo, "rev-parse", "HEAD") == head


def test_the_root_is_the_first_commit_with_both_files(tmp_path: Path, git_env: dict[str, str],
                                                      cli: Cli, be: Identity) -> None:
    import shutil

    from .conftest import SAMPLE, SUBDIR

    repo = tmp_path / "stappen"
    shutil.copytree(SAMPLE, repo / SUBDIR)
    git(repo, "init", "-q")
    git(repo, "add", f"{SUBDIR}/overeenkomst.yaml")
    git(repo, "commit", "-q", "-m", "Eerst de overeenkomst")
    root = commit_all(repo, "Dan de rest")
    be(JOOST)
    assert cli("sign", "--partij", "de-schoor", folder(repo)).exit_code == 0
    found = party_json(cli, folder(repo), "de-schoor")
    assert found["state"] == "signed"
    assert found["_report"]["root"]["commit"] == root

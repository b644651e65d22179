"""Records in every state git can leave them: planted, removed, renamed, symlinked, rebased and
merged; what status, verify and log make of each. And validate's G001 (vastgesteld but not
signed)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rechtmakers.signoff.status import agreement_status
from rechtmakers.signoff.verify import verify_agreement

from .conftest import (
    FATIMA,
    JOOST,
    STRANGER,
    Identity,
    commit_all,
    edit,
    git,
    record_path,
    write_record,
)
from .test_status import sign_all

Cli = Callable[..., Any]


def state(agreement: Path, party: str) -> str:
    return next(p.state for p in agreement_status(agreement).parties if p.party.id == party)


def sign(cli: Cli, be: Identity, who: tuple[str, str], party: str, agreement: Path) -> None:
    be(who)
    result = cli("sign", "--partij", party, agreement)
    assert result.exit_code == 0, result.output


def log_text(cli: Cli, agreement: Path) -> str:
    result = cli("log", agreement)
    assert result.exit_code == 0, result.output
    return str(result.output)


def test_a_planted_record_shows_in_log_but_counts_nowhere(git_repo: Path, agreement: Path,
                                                          cli: Cli, be: Identity) -> None:
    write_record(agreement, "de-schoor", JOOST)
    be(STRANGER)
    commit_all(git_repo, "Geplant")
    assert state(agreement, "de-schoor") == "invalid"
    assert not verify_agreement(agreement).ok
    assert "ondertekend namens De Schoor door Joost Hellendoorn" in log_text(cli, agreement)


def test_an_uncommitted_record_counts_for_nobody(git_repo: Path, agreement: Path,
                                                 cli: Cli) -> None:
    write_record(agreement, "de-schoor", JOOST)
    assert state(agreement, "de-schoor") == "invalid"
    data = json.loads(cli("status", agreement, "--format", "json").output)
    party = next(p for p in data["parties"] if p["id"] == "de-schoor")
    assert "nog niet vastgelegd in git" in party["reason"]
    assert cli("verify", agreement).exit_code == 1


def test_a_removed_record_no_longer_counts(git_repo: Path, agreement: Path, cli: Cli,
                                           be: Identity) -> None:
    sign(cli, be, JOOST, "de-schoor", agreement)
    git(git_repo, "rm", "-q", str(record_path(agreement, "de-schoor", JOOST[1])))
    git(git_repo, "commit", "-q", "-m", "Ondertekening weggehaald")
    assert state(agreement, "de-schoor") == "missing"
    assert "ondertekening van de-schoor verwijderd" in log_text(cli, agreement)
    assert verify_agreement(agreement).verdicts == []


def test_a_record_renamed_by_someone_else_does_not_count(git_repo: Path, agreement: Path,
                                                         cli: Cli, be: Identity) -> None:
    write_record(agreement, "de-schoor", JOOST,
                 path=agreement / "ondertekeningen" / "de-schoor.yaml")
    be(JOOST)
    commit_all(git_repo, "Ondertekening (oude vorm)")
    assert state(agreement, "de-schoor") == "signed"
    target = record_path(agreement, "de-schoor", JOOST[1])
    target.parent.mkdir()
    git(git_repo, "mv", str(agreement / "ondertekeningen" / "de-schoor.yaml"), str(target))
    be(FATIMA)
    git(git_repo, "commit", "-q", "-m", "Verplaatst naar de nieuwe vorm")
    assert state(agreement, "de-schoor") == "invalid"
    assert "vastgelegd door f.elamrani@almere.example" in json.dumps(
        [c.reason for p in agreement_status(agreement).parties for c in p.records])
    log_text(cli, agreement)  # the log reads both layouts without trouble


def test_a_symlinked_record_is_no_record(git_repo: Path, agreement: Path, cli: Cli,
                                         be: Identity, tmp_path: Path) -> None:
    outside = write_record(agreement, "de-schoor", JOOST, path=tmp_path / "buiten.yaml")
    link = record_path(agreement, "de-schoor", JOOST[1])
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    be(JOOST)
    commit_all(git_repo, "Koppeling als ondertekening")
    assert state(agreement, "de-schoor") == "missing"
    assert verify_agreement(agreement).verdicts == []
    log_text(cli, agreement)
    # and sign refuses to write through it
    link.unlink()
    link.parent.rmdir()
    (agreement / "ondertekeningen" / "de-schoor").symlink_to(tmp_path, target_is_directory=True)
    commit_all(git_repo, "Map als koppeling")
    result = cli("sign", "--partij", "de-schoor", agreement)
    assert result.exit_code == 1 and "symbolische koppeling" in result.output


def test_a_rebased_sign_off_keeps_its_author(git_repo: Path, agreement: Path, cli: Cli,
                                             be: Identity) -> None:
    git(git_repo, "switch", "-q", "-c", "schoor")
    sign(cli, be, JOOST, "de-schoor", agreement)
    git(git_repo, "switch", "-q", "main")
    be(FATIMA)
    edit(agreement / "artikelen" / "doel.yaml", "toelichting: |\n", "toelichting: |\n  Meer.\n")
    commit_all(git_repo, "Toelichting")
    git(git_repo, "switch", "-q", "schoor")
    be(STRANGER)  # whoever rebases becomes committer, not author
    git(git_repo, "rebase", "-q", "main")
    assert git(git_repo, "log", "-1", "--format=%ae %ce") == f"{JOOST[1]} {STRANGER[1]}"
    assert state(agreement, "de-schoor") == "signed"
    assert verify_agreement(agreement).ok
    assert "ondertekend namens De Schoor" in log_text(cli, agreement)


def test_parallel_sign_offs_merged(git_repo: Path, agreement: Path, cli: Cli,
                                   be: Identity) -> None:
    for branch, who, party in (("schoor", JOOST, "de-schoor"),
                               ("gemeente", FATIMA, "gemeente-almere")):
        git(git_repo, "switch", "-q", "-c", branch, "main")
        sign(cli, be, who, party, agreement)
    git(git_repo, "switch", "-q", "main")
    git(git_repo, "merge", "-q", "--no-edit", "schoor", "gemeente")
    assert state(agreement, "de-schoor") == state(agreement, "gemeente-almere") == "signed"
    verification = verify_agreement(agreement)
    assert verification.ok and len(verification.verdicts) == 2
    assert log_text(cli, agreement).count("✎ ondertekend namens") == 2


def test_validate_reports_vastgesteld_without_all_signatures(git_repo: Path, agreement: Path,
                                                             cli: Cli, be: Identity) -> None:
    edit(agreement / "overeenkomst.yaml", "status: concept", "status: vastgesteld")
    commit_all(git_repo, "Met de hand vastgesteld")
    result = cli("validate", agreement)
    assert result.exit_code == 1
    assert "G001" in result.output and "de-schoor (tekende nog niet)" in result.output


def test_validate_accepts_vastgesteld_when_everyone_signed(git_repo: Path, agreement: Path,
                                                           cli: Cli, be: Identity) -> None:
    sign_all(git_repo, agreement, cli, be)
    assert cli("vaststellen", agreement).exit_code == 0
    result = cli("validate", agreement)
    assert "G001" not in result.output, result.output


def test_validate_outside_git_says_nothing_about_sign_offs(sample_copy: Path, cli: Cli) -> None:
    result = cli("validate", sample_copy)
    assert "G001" not in result.output, result.output


def test_vastgesteld_outside_git_is_a_finding(sample_copy: Path, cli: Cli) -> None:
    """A status typed in a file proves nothing: without git there is no sign-off to check."""
    meta = sample_copy / "overeenkomst.yaml"
    line = meta.read_text(encoding="utf-8").splitlines().index("status: concept") + 1
    edit(meta, "status: concept", "status: vastgesteld")
    result = cli("validate", sample_copy, "--format", "json")
    assert result.exit_code == 1, result.output
    found = [(f["code"], f["file"].rsplit("/", 1)[-1], f["line"], f["column"])
             for f in json.loads(result.output)]
    assert found == [("G001", "overeenkomst.yaml", line, 9)]
    assert "niet in git" in result.output

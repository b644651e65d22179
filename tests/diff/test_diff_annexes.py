"""A changed annex shows in the diff: a word redline for Markdown, old and new SHA-256 for other
files; the parties' legal details and the dates too."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from diffhelp import Versions

from rechtmakers.agreement import load_complete
from rechtmakers.diff.compare import compare
from rechtmakers.diff.pair import load_alike

AGREEMENT = Path("agreements/positief-gezond-almere")
PLAN = "bijlagen/transformatieplan.md"
BEGROTING = "  - id: begroting\n    titel: Begroting 2026\n    bestand: begroting.pdf\n"


def add_pdf(root: Path, data: bytes) -> None:
    (root / "bijlagen" / "begroting.pdf").write_bytes(data)
    meta = root / "overeenkomst.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("artikelen:\n", BEGROTING + "artikelen:\n", 1), encoding="utf-8")


def annex_changes(versions: Versions) -> list[Any]:
    comparison = versions.compare()
    assert comparison.binding_changed
    return [m for m in comparison.metadata if m.field == "bijlage"]


def test_a_changed_markdown_annex_is_a_word_redline(versions: Versions) -> None:
    versions.edit(PLAN, "in twee stadsdelen", "in drie stadsdelen")
    [change] = annex_changes(versions)
    assert (change.kind, change.label) == (
        "changed", "Bijlage 1 – Transformatieplan Positief Gezond Almere 2026–2030")
    changed = [(e.op, e.text) for e in change.edits if e.op != "equal"]
    assert changed == [("delete", "twee"), ("insert", "drie")]


def test_a_changed_pdf_annex_shows_old_and_new_sha256(versions: Versions) -> None:
    add_pdf(versions.old, b"%PDF-1.4 eerste\n")
    add_pdf(versions.new, b"%PDF-1.4 tweede\n")
    [change] = annex_changes(versions)
    old, new = (hashlib.sha256(d).hexdigest() for d in (b"%PDF-1.4 eerste\n",
                                                         b"%PDF-1.4 tweede\n"))
    assert (change.kind, change.label, change.edits) == (
        "changed", "Bijlage 2 – Begroting 2026", ())
    assert (change.old, change.new) == (f"SHA-256 {old}", f"SHA-256 {new}")


def test_added_annex_legal_details_and_dates(versions: Versions) -> None:
    add_pdf(versions.new, b"%PDF-1.4\n")
    versions.edit("partijen.yaml", "kvk: '99990002'", "kvk: '99990099'")
    versions.edit("overeenkomst.yaml", "ingangsdatum: 2026-04-01", "ingangsdatum: 2026-05-01")
    comparison = versions.compare()
    found = {(m.field, m.kind, m.label) for m in comparison.metadata}
    assert ("bijlage", "added", "Bijlage 2 – Begroting 2026") in found
    assert ("rechtspersoon", "changed", "Rechtspersoon De Schoor") in found
    ingang = next(m for m in comparison.metadata if m.field == "ingangsdatum")
    assert (ingang.old, ingang.new, ingang.binding) == ("1 april 2026", "1 mei 2026", True)


def test_a_version_read_alike_has_its_own_annexes(versions: Versions) -> None:
    versions.edit(PLAN, "in twee stadsdelen", "in drie stadsdelen")
    old = load_complete(versions.old, label="oud")
    new = load_alike(versions.new, old, "nieuw")
    assert compare(old, new).binding_changed


def git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_diff_of_two_revisions_shows_the_annex(fmt: str, git_repo: Path, git_env: dict[str, str],
                                               cli: Callable[..., Any],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(git_repo)
    root = git_repo / AGREEMENT
    add_pdf(root, b"%PDF-1.4 eerste\n")
    git(git_repo, git_env, "add", "-A")
    git(git_repo, git_env, "commit", "-qm", "Begroting erbij")
    git(git_repo, git_env, "tag", "v1")
    (root / "bijlagen" / "begroting.pdf").write_bytes(b"%PDF-1.4 tweede\n")
    plan = root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("in twee stadsdelen",
                                                             "in drie stadsdelen"),
                    encoding="utf-8")
    git(git_repo, git_env, "commit", "-qam", "Nieuwe begroting")
    new_sha = hashlib.sha256(b"%PDF-1.4 tweede\n").hexdigest()
    result = cli("diff", "v1", "HEAD", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        changes = [m for m in json.loads(result.stdout)["metadata"] if m["field"] == "bijlage"]
        assert [c["label"] for c in changes] == [
            "Bijlage 1 – Transformatieplan Positief Gezond Almere 2026–2030",
            "Bijlage 2 – Begroting 2026"]
        assert changes[1]["new"] == f"SHA-256 {new_sha}"
    else:
        assert "Bijlage 2 – Begroting 2026 (gewijzigd)" in result.stdout
        assert new_sha in result.stdout
        assert "[-twee-]{+drie+}" in result.stdout

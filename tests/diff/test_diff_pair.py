"""Reading two versions: files the same in both are parsed once, the result is the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from diffhelp import Versions

from rechtmakers.agreement import load_agreement, load_complete
from rechtmakers.diff.pair import load_alike
from rechtmakers.errors import AgreementError


def test_load_alike_reads_what_load_agreement_reads(versions: Versions) -> None:
    versions.edit("artikelen/gedrag.yaml", "binnen een week", "binnen twee weken")
    versions.edit("partijen.yaml", "naam: De Schoor", "naam: De Schoor Almere")
    old = load_complete(versions.old, label="oud")
    alike = load_alike(versions.new, old, "nieuw")
    plain, problems = load_agreement(versions.new)
    assert not problems
    assert alike.root == versions.new
    assert alike.meta == plain.meta and alike.parties == plain.parties
    assert alike.terms == plain.terms and dict(alike.articles) == dict(plain.articles)
    assert alike.order == plain.order
    assert alike.articles["doel"] is old.articles["doel"]
    assert alike.articles["gedrag"] is not old.articles["gedrag"]


def test_a_version_that_does_not_load_is_refused(versions: Versions) -> None:
    versions.edit("artikelen/gedrag.yaml", "onderwerp: gedrag", "onderwerp: gedrag\nonderwerp: x")
    old = load_complete(versions.old, label="HEAD")
    with pytest.raises(AgreementError, match=r"De versie werkmap is niet te lezen: .*gedrag.yaml"):
        load_alike(versions.new, old, "werkmap")


def test_versions_from_git_are_read_in_memory(git_repo: Path, cli: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """diff and validate --since read past versions from git as bytes: no scratch folder."""
    import tempfile

    def no_scratch(*args: object, **kwargs: object) -> None:
        raise AssertionError("een tijdelijke map voor een versie uit git")

    monkeypatch.setattr(tempfile, "mkdtemp", no_scratch)
    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_scratch)
    monkeypatch.chdir(git_repo)
    article = git_repo / "agreements" / "positief-gezond-almere" / "artikelen" / "doel.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("versie: 2", "versie: 3", 1),
                       encoding="utf-8")
    result = cli("diff", "HEAD", "-f", "json")
    assert result.exit_code == 0, result.output
    result = cli("validate", "--since", "HEAD")
    assert result.exit_code == 0, result.output
    result = cli("diff", "HEAD", "HEAD", "-f", "json")
    assert result.exit_code == 0, result.output

"""Reading two versions: files the same in both are parsed once, the result is the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from diffhelp import Versions

from rechtmakers.agreement import load_agreement
from rechtmakers.diff.pair import load_alike, load_version
from rechtmakers.errors import AgreementError


def test_load_alike_reads_what_load_agreement_reads(versions: Versions) -> None:
    versions.edit("artikelen/gedrag.yaml", "binnen een week", "binnen twee weken")
    versions.edit("partijen.yaml", "naam: De Schoor", "naam: De Schoor Almere")
    old = load_version(versions.old, "oud")
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
    old = load_version(versions.old, "HEAD")
    with pytest.raises(AgreementError, match=r"De versie werkmap is niet te lezen: .*gedrag.yaml"):
        load_alike(versions.new, old, "werkmap")


def test_written_files_stay_inside_the_folder(tmp_path: Path) -> None:
    from rechtmakers.diff.pair import write_files

    write_files(tmp_path / "doel", {"a.yaml": b"x", "artikelen/b.yaml": b"y", "../c.yaml": b"z"})
    assert (tmp_path / "doel" / "artikelen" / "b.yaml").read_bytes() == b"y"
    assert not (tmp_path / "c.yaml").exists()

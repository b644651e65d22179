"""The same input gives the same bytes, in every format, run after run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

Render = Callable[..., dict[str, bytes]]


@pytest.mark.parametrize("explanations", [False, True])
def test_md_html_docx_are_byte_identical(render_files: Render, sample_dir: Path,
                                         explanations: bool) -> None:
    formats = ("md", "html", "docx")
    first = render_files(sample_dir, formats, explanations=explanations)
    second = render_files(sample_dir, formats, explanations=explanations)
    assert set(first) == set(formats)
    for fmt in formats:
        assert first[fmt] == second[fmt], fmt


def test_pdf_is_byte_identical(render_files: Render, sample_dir: Path) -> None:
    """Typst with its own fonts only and the agreement's date: no font or clock of the machine."""
    first = render_files(sample_dir, ("pdf",))["pdf"]
    second = render_files(sample_dir, ("pdf",))["pdf"]
    assert first[:5] == b"%PDF-"
    assert first == second
    assert b"/CreationDate(D:20260121000000Z)" in first


def test_a_changed_clause_changes_the_output(render_files: Render, sample_copy: Path) -> None:
    before = render_files(sample_copy, ("md",))["md"]
    article = sample_copy / "artikelen" / "looptijd.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("vier jaar", "vijf jaar", 1),
                       encoding="utf-8")
    after = render_files(sample_copy, ("md",))["md"]
    assert before != after
    assert before.split(b"digest): `")[1][:64] != after.split(b"digest): `")[1][:64]


def test_every_agreement_in_the_repository_renders(render_files: Render) -> None:
    root = Path(__file__).resolve().parents[2] / "agreements"
    folders = sorted(p.parent for p in root.glob("*/overeenkomst.yaml"))
    assert folders
    for folder in folders:
        files = render_files(folder, ("md", "html", "docx"))
        assert files["md"].startswith(b"# ") and b"## Ondertekening" in files["md"]
        assert b'<html lang="nl">' in files["html"]
        assert files["docx"][:2] == b"PK"

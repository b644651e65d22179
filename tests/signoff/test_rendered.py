"""The rendered documents say who signed exactly this content, when and with what proof; outside
git they keep their blank signature lines."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from rechtmakers.agreement import load_agreement
from rechtmakers.render import RenderOptions, render_agreement
from rechtmakers.signoff.documented import signed_texts

from .conftest import JOOST, NAME, STRANGER, Identity, commit_all, write_record

SIGNED = "Getekend: 21 januari 2026; bewijs: vastgelegd in git, zonder cryptografisch bewijs"


def rendered(agreement: Path) -> dict[str, str]:
    model, _ = load_agreement(agreement)
    files = render_agreement(model, RenderOptions(formats=("md", "html", "docx"),
                                                  sign_offs=signed_texts))
    docx = files[f"{NAME}/{NAME}.docx"]
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = package.read("word/document.xml").decode("utf-8")
    return {"md": files[f"{NAME}/{NAME}.md"].decode("utf-8"),
            "html": files[f"{NAME}/{NAME}.html"].decode("utf-8"), "docx": body}


def test_documents_name_the_signer_date_and_evidence(git_repo: Path, agreement: Path,
                                                     be: Identity) -> None:
    before = rendered(agreement)
    write_record(agreement, "de-schoor", JOOST)
    be(JOOST)
    commit_all(git_repo, "Ondertekening van De Schoor")
    after = rendered(agreement)
    assert SIGNED in after["md"]
    assert "<dt>Getekend</dt><dd>21 januari 2026; bewijs: vastgelegd in git" in after["html"]
    assert "21 januari 2026; bewijs: vastgelegd in git" in after["docx"]
    for fmt in ("md", "html", "docx"):
        assert after[fmt].count("Handtekening") == before[fmt].count("Handtekening") - 1


def test_a_record_that_does_not_count_is_not_in_the_documents(git_repo: Path, agreement: Path,
                                                              be: Identity) -> None:
    write_record(agreement, "de-schoor", JOOST)
    be(STRANGER)
    commit_all(git_repo, "Vervalst")
    assert "Getekend:" not in rendered(agreement)["md"]


def test_outside_git_the_signature_lines_stay_blank(sample_copy: Path) -> None:
    write_record(sample_copy, "de-schoor", JOOST)
    md = rendered(sample_copy)["md"]
    assert "Getekend:" not in md and "Handtekening: ____" in md


def test_the_pdf_is_the_signing_edition_and_names_no_signer(
        git_repo: Path, agreement: Path, be: Identity, tmp_path: Path) -> None:
    """The PDF is what a party signs: it stays the same bytes while others sign (issue 21), so
    it draws no sign-off even when asked; the reading editions (md, html) do."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is niet geïnstalleerd; .ci/run installeert het")
    write_record(agreement, "de-schoor", JOOST)
    be(JOOST)
    commit_all(git_repo, "Ondertekening van De Schoor")
    model, _ = load_agreement(agreement)
    made = render_agreement(model, RenderOptions(formats=("html", "pdf"), sign_offs=signed_texts))
    path = tmp_path / "o.pdf"
    path.write_bytes(made[f"{NAME}/{NAME}.pdf"])
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          check=True, timeout=120).stdout.decode("utf-8")
    assert "bewijs: vastgelegd in git" not in " ".join(text.split())
    assert made[f"{NAME}/{NAME}.pdf"] == render_agreement(
        model, RenderOptions(formats=("pdf",)))[f"{NAME}/{NAME}.pdf"]
    html = made[f"{NAME}/{NAME}.html"].decode("utf-8")
    assert "bewijs: vastgelegd in git" in " ".join(html.split())

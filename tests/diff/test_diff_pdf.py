"""`diff --format pdf`: the redline on paper, looked at per page with pdftotext and pikepdf."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from diffhelp import Versions, real_change

from rechtmakers.diff.pdf import segments
from rechtmakers.diff.present import redline_view
from rechtmakers.diff.words import Edit
from rechtmakers.digest import content_digest
from rechtmakers.render.pdf import document_data
from rechtmakers.render.typography import curly

Cli = Callable[..., Any]
# The template's colours for struck and underlined words, as Typst writes them (rgb 0…1).
DELETED = b"0.60784316 0.10980392 0.10980392 SCN"
INSERTED = b"0.06666667 0.3882353 0.16078432 SCN"


def pages_of(path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is niet geïnstalleerd; .ci/run installeert het")
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, check=True, timeout=60).stdout.decode("utf-8")
    pages = [" ".join(re.sub("\u00ad\\s*", "", page).split()) for page in out.split("\f")]
    return pages[:-1] if pages and not pages[-1] else pages


@pytest.fixture
def redline(versions: Versions, tmp_path: Path, cli: Cli,
            monkeypatch: pytest.MonkeyPatch) -> Path:
    real_change(versions)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "wijzigingen.pdf"
    result = cli("diff", "oud/positief-gezond-almere", "nieuw/positief-gezond-almere",
                 "--format", "pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_every_page_is_stamped_with_both_versions(redline: Path, versions: Versions) -> None:
    old, new = versions.agreements()
    pages = pages_of(redline)
    assert len(pages) > 3
    stamp = "versie 1.1.0 → versie 1.2.0"
    first = (f"Van versie 1.1.0 (21 januari 2026, vingerafdruk {content_digest(old)[:12]}) "
             f"Naar versie 1.2.0 (21 januari 2026, vingerafdruk {content_digest(new)[:12]})")
    assert first in pages[0]
    for number, page in enumerate(pages, start=1):
        assert stamp in page, number
        assert f"pagina {number} van {len(pages)}" in page, number
        assert "WIJZIGINGEN — NIET TER ONDERTEKENING" in page, number


def test_summary_table_first(redline: Path) -> None:
    first = pages_of(redline)[0]
    assert "Wat is er gewijzigd?" in first
    assert "1 toegevoegd, 3 gewijzigd, 1 verplaatst" in first
    assert "Artikel Titel Wijziging" in first
    assert "4 (was 3) Zo nemen we besluiten gewijzigd, vernummerd" in first
    # Per article what `log` knows, not only "gewijzigd".
    assert "lid snel-besluiten gewijzigd" in first
    # The version is part of the digest (issue 12): binding.
    assert "Buiten de artikelen" in first and "Versie (gewijzigd)" in first


def test_deleted_is_struck_and_inserted_underlined(redline: Path, versions: Versions) -> None:
    """Each deleted stretch gets a line through it and each inserted one a line under it, so
    black-and-white print shows them; the legend has one of each."""

    whole = " ".join(pages_of(redline))
    # Old and new never run together: a thin space between them.
    assert "Een besluit voorstel gaat door" in whole
    assert "drie vijf werkdagen" in whole and "drievijf" not in whole
    marked = _marks(redline_view(versions.compare()).document)
    with pikepdf.open(redline) as pdf:
        streams = b"".join(page.Contents.read_bytes() for page in pdf.pages)
    strikes = len(re.findall(re.escape(DELETED) + rb"[^\n]* l\nS", streams))
    underlines = len(re.findall(re.escape(INSERTED) + rb"[^\n]* l\nS", streams))
    assert marked.count("d") >= 2 and marked.count("i") >= 4
    assert strikes >= marked.count("d") + 1
    assert underlines >= marked.count("i") + 1


def test_pdfa_tagged_and_not_mistaken_for_a_version(redline: Path, versions: Versions) -> None:
    old, new = versions.agreements()
    with pikepdf.open(redline) as pdf:
        assert pdf.check_pdf_syntax() == []
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfuaid:part"] == "1"
        assert "dc:identifier" not in meta
        keywords = meta["pdf:Keywords"].split(", ")
        assert f"oud:sha256:{content_digest(old)}" in keywords
        assert f"nieuw:sha256:{content_digest(new)}" in keywords
        assert not any(k.startswith("sha256:") for k in keywords)
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang).startswith("nl")
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles[0] == "Wat is er gewijzigd?"
        assert "Artikel 4 – Zo nemen we besluiten (was artikel 3)" in titles


def test_byte_identical_twice(redline: Path, cli: Cli) -> None:
    again = redline.with_name("nog-eens.pdf")
    result = cli("diff", "oud/positief-gezond-almere", "nieuw/positief-gezond-almere",
                 "--format", "pdf", "--out", str(again))
    assert result.exit_code == 0
    assert again.read_bytes() == redline.read_bytes()


def test_pdf_needs_out(versions: Versions, tmp_path: Path, cli: Cli,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("diff", "oud/positief-gezond-almere", "nieuw/positief-gezond-almere",
                 "--format", "pdf")
    assert result.exit_code == 2
    assert "--out wijzigingen.pdf" in result.stderr


def test_changed_text_is_data_never_markup(versions: Versions, tmp_path: Path) -> None:
    hostile = "#set page(width: 1cm) #read(\"/etc/passwd\") $x$ <l> #emph[c] = kop"
    versions.edit("artikelen/looptijd.yaml", "tekst: |\n  ", f"tekst: |\n  {hostile} ")
    import datetime as dt

    from rechtmakers.diff.pdf import render_pdf

    comparison = versions.compare()
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(comparison, date=dt.datetime(2026, 1, 21, tzinfo=dt.UTC)))
    whole = " ".join(pages_of(path))
    assert curly(hostile) in whole and "root:" not in whole  # words, with Dutch quotes
    data = document_data(redline_view(comparison).document)
    assert hostile in str(data)


def test_segments_merge_and_mark() -> None:
    edits = [Edit("equal", "Een "), Edit("delete", "besluit"), Edit("insert", "voorstel"),
             Edit("insert", " nu"), Edit("equal", " gaat\n")]
    assert segments(edits) == [{"t": "Een "}, {"t": "besluit", "x": "d"}, {"t": " "},
                               {"t": "voorstel nu", "x": "i"}, {"t": " gaat"}]


def _marks(document: object) -> list[str]:
    """"d" for each Deleted, "i" for each Inserted in the redline document."""
    import dataclasses

    from rechtmakers.document.tree import Deleted, Inserted

    if isinstance(document, (Inserted, Deleted)):
        return ["i" if isinstance(document, Inserted) else "d"]
    if isinstance(document, tuple):
        return [m for child in document for m in _marks(child)]
    if dataclasses.is_dataclass(document) and not isinstance(document, type):
        return [m for f in dataclasses.fields(document)
                for m in _marks(getattr(document, f.name))]
    return []

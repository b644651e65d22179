"""The DOCX redline: real tracked changes with author and date, byte-stable, opened by Word's
peers (python-docx, lxml and LibreOffice)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from diffhelp import Versions, real_change
from lxml import etree

from rechtmakers.diff import compare
from rechtmakers.diff.docx import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BESLUIT = Path("agreements/positief-gezond-almere/artikelen/besluitvorming.yaml")


def body(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def revisions(root: Any, tag: str) -> list[tuple[str, str, str]]:
    """(author, date, text) of each w:ins or w:del."""
    found = []
    for element in root.iter(f"{W}{tag}"):
        text = "".join(element.itertext())
        found.append((element.get(f"{W}author"), element.get(f"{W}date"), text))
    return found


@pytest.fixture
def redline(repo_with_change: Path, cli: Callable[..., Any]) -> bytes:
    result = cli("diff", "HEAD~1", "HEAD", "-f", "docx", "--out", "redline.docx")
    assert result.exit_code == 0, result.output
    return (repo_with_change / "redline.docx").read_bytes()


@pytest.fixture
def repo_with_change(git_repo: Path, git_env: dict[str, str],
                     monkeypatch: pytest.MonkeyPatch) -> Path:
    path = git_repo / BESLUIT
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Een besluit gaat door", "Een voorstel gaat door"), encoding="utf-8")
    env = {**git_env, "GIT_AUTHOR_NAME": "Jurist Jansen",
           "GIT_AUTHOR_DATE": "2026-02-03T14:30:00+01:00"}
    subprocess.run(["git", "commit", "-q", "-am", "Voorstel"], cwd=git_repo, env=env,
                   check=True)
    monkeypatch.chdir(git_repo)
    return git_repo


def test_tracked_changes_carry_the_commit_author_and_date(redline: bytes) -> None:
    root = body(redline)
    assert ("Jurist Jansen", "2026-02-03T13:30:00Z", "besluit") in revisions(root, "del")
    assert ("Jurist Jansen", "2026-02-03T13:30:00Z", "voorstel") in revisions(root, "ins")
    deleted = next(e for e in root.iter(f"{W}del") if "".join(e.itertext()) == "besluit")
    assert deleted.find(f"{W}r/{W}delText") is not None  # deleted text is w:delText
    ids = [e.get(f"{W}id") for tag in ("ins", "del") for e in root.iter(f"{W}{tag}")]
    assert len(ids) == len(set(ids))


def test_python_docx_reads_the_whole_document(redline: bytes) -> None:
    import docx

    document = docx.Document(io.BytesIO(redline))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Samenwerkingsovereenkomst Positief Gezond Almere" in text
    assert "Wat instappen betekent" in text  # unchanged articles are there too
    # The package is the rendered document's: its properties name the new version's digest.
    assert document.core_properties.identifier.startswith("sha256:")
    assert round(document.sections[0].page_width.mm) == 210  # A4, as render makes it
    assert "vingerafdruk" in document.sections[0].footer.paragraphs[0].text  # render's footer


def test_working_tree_redline_is_by_rechtmakers_on_the_agreement_date(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]) -> None:
    path = git_repo / BESLUIT
    path.write_text(path.read_text(encoding="utf-8").replace("drie werkdagen",
                                                             "vijf werkdagen"), encoding="utf-8")
    monkeypatch.chdir(git_repo)
    assert cli("diff", "-f", "docx", "-o", "a.docx").exit_code == 0
    assert cli("diff", "-f", "docx", "-o", "b.docx").exit_code == 0
    first = (git_repo / "a.docx").read_bytes()
    assert first == (git_repo / "b.docx").read_bytes()
    inserted = revisions(body(first), "ins")
    assert ("rechtmakers", "2026-01-21T00:00:00Z", "vijf") in inserted
    assert {(author, date) for author, date, _ in inserted} == {("rechtmakers",
                                                                 "2026-01-21T00:00:00Z")}


def test_whole_inserted_and_deleted_paragraphs_track_their_paragraph_mark(
        versions: Versions) -> None:
    real_change(versions)
    old, new = versions.agreements()
    import datetime as dt

    data = render_docx(compare(old, new), author="A", date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    root = body(data)
    marks = root.findall(f".//{W}pPr/{W}rPr/{W}ins")
    assert marks and all(m.get(f"{W}author") == "A" for m in marks)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.slow
def test_libreoffice_converts_the_redline(redline: bytes, tmp_path: Path,
                                         soffice: Callable[[Path, str], Path]) -> None:
    source = tmp_path / "redline.docx"
    source.write_bytes(redline)
    pdf = soffice(source, "pdf")
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                              text=True).stdout
        assert "voorstel" in text and "Zo nemen we besluiten" in text

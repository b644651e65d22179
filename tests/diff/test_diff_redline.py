"""The DOCX redline is faithful: accepting all changes in LibreOffice gives, paragraph by
paragraph (text, style and list label), the DOCX that `render` makes of the new version;
rejecting all gives the old one. Moves are tracked moves; each change carries the author and
date of the commit that made it."""

from __future__ import annotations

import datetime as dt
import io
import json
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
from rechtmakers.render import RenderOptions, render_agreement

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNO_SCRIPT = Path(__file__).with_name("uno_changes.py")
SYSTEM_PYTHON = Path("/usr/bin/python3")
AGREEMENT = Path("agreements/positief-gezond-almere")


def cut(text: str, start: str, end: str) -> str:
    """text without the stretch from start up to (not including) end."""
    a, b = text.index(start), text.index(end)
    return text[:a] + text[b:]


def many_changes(versions: Versions) -> None:
    """Everything a redline must carry: edited, added, removed and moved articles, a removed
    lid, a removed table row and list item, an added list item, emphasis, a link, a space."""
    real_change(versions)
    articles = "artikelen/"
    versions.edit(f"{articles}inwonerperspectief.yaml", "wat: De kompasvraag bij elk besluit",
                  "wat: De kompasvraag bij elk groot besluit")
    path = versions.new / f"{articles}inwonerperspectief.yaml"
    versions.write(f"{articles}inwonerperspectief.yaml",
                   cut(path.read_text(encoding="utf-8"), "    - wat: Advies van het inwonerpanel",
                       "    - wat: Ervaringen"))
    path = versions.new / f"{articles}conflictdialoog.yaml"
    versions.write(f"{articles}conflictdialoog.yaml",
                   cut(path.read_text(encoding="utf-8"), "    - naam: Gesprek met twee collega's",
                       "    - naam: Hulp van een mediator"))
    versions.edit(f"{articles}gedrag.yaml", "    - Vragen stellen voordat we oordelen\n",
                  "    - Vragen stellen voordat we oordelen\n    - Luisteren naar **elkaar**\n")
    path = versions.new / f"{articles}besluitvorming.yaml"
    versions.write(f"{articles}besluitvorming.yaml",
                   cut(path.read_text(encoding="utf-8"), "  - id: snel-besluiten",
                       "  - id: uitvoeren"))
    versions.edit(f"{articles}besluitvorming.yaml", "ook als het niet onze",
                  "ook als het **niet** onze")
    versions.edit(f"{articles}besluitvorming.yaml", "Elke partij kan een",
                  "Elke partij\u00a0kan een")
    versions.edit(f"{articles}doel.yaml", "versie: 2", "versie: 3")
    meta = versions.new / "overeenkomst.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("  - financiering\n", ""),
                    encoding="utf-8")


def documents(versions: Versions, tmp_path: Path) -> tuple[Path, Path, Path]:
    old, new = versions.agreements()
    redline = tmp_path / "redline.docx"
    redline.write_bytes(render_docx(compare(old, new), author="Redactie",
                                    date=dt.datetime(2026, 2, 1, tzinfo=dt.UTC)))
    made = []
    for name, agreement in (("oud", old), ("nieuw", new)):
        target = tmp_path / f"{name}.docx"
        target.write_bytes(next(iter(render_agreement(
            agreement, RenderOptions(formats=("docx",))).values())))
        made.append(target)
    return redline, made[0], made[1]


def read_in_libreoffice(tmp_path: Path, *jobs: str) -> dict[str, Any]:
    """Run uno_changes.py with the system Python (which has LibreOffice's uno module)."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True,
                           check=False) if SYSTEM_PYTHON.exists() else None
    if probe is None or probe.returncode != 0:
        pytest.skip("python3-uno ontbreekt (/usr/bin/python3 kan uno niet laden); .ci/run "
                    "installeert het")
    out = tmp_path / "uno.json"
    subprocess.run([str(SYSTEM_PYTHON), str(UNO_SCRIPT), str(out), *jobs], check=True,
                   timeout=300, cwd=tmp_path)
    found: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert "fout" not in found, found.get("fout")
    return found


@pytest.mark.slow
def test_accept_all_gives_the_new_document_and_reject_all_the_old(
        versions: Versions, tmp_path: Path) -> None:
    many_changes(versions)
    redline, old, new = documents(versions, tmp_path)
    read = read_in_libreoffice(tmp_path, f"accept:{redline}", f"reject:{redline}",
                               f"keep:{old}", f"keep:{new}", f"keep:{redline}")
    accepted, rejected = read[f"accept:{redline}"], read[f"reject:{redline}"]
    assert accepted["changes_left"] == rejected["changes_left"] == 0
    new_paragraphs = read[f"keep:{new}"]["paragraphs"]
    old_paragraphs = read[f"keep:{old}"]["paragraphs"]
    summary = len(accepted["paragraphs"]) - len(new_paragraphs)
    assert summary > 0
    # Paragraph by paragraph: kind, style, list label and text, tables included.
    assert accepted["paragraphs"][summary:] == new_paragraphs
    assert rejected["paragraphs"][summary:] == old_paragraphs
    # The summary on top is the same either way, a table that says what is not substantive.
    assert accepted["paragraphs"][:summary] == rejected["paragraphs"][:summary]
    cells = [p[3] for p in accepted["paragraphs"][:summary] if p[0] == "cel"]
    assert any("verplaatst" in c for c in cells)
    assert any("vernummerd; niet inhoudelijk" in c for c in cells)
    assert any("nadruk toegevoegd: «niet»" in c for c in cells)
    assert read[f"keep:{redline}"]["changes_left"] > 0


def _body(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_marks_moves_and_numbers_are_tracked(versions: Versions, tmp_path: Path) -> None:
    many_changes(versions)
    redline, _, _ = documents(versions, tmp_path)
    data = redline.read_bytes()
    root = _body(data)
    # A removed lid: its paragraph mark is deleted too.
    deleted_marks = root.findall(f".//{W}pPr/{W}rPr/{W}del")
    assert deleted_marks
    lid = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None
           and "Moet er snel een besluit komen" in "".join(p.itertext())]
    assert lid
    # The moved article (looptijd) is a tracked move, from its old place to its new one.
    moved_from = "".join("".join(e.itertext()) for e in root.iter(f"{W}moveFrom"))
    moved_to = "".join("".join(e.itertext()) for e in root.iter(f"{W}moveTo"))
    assert "Artikel 15 – " in moved_from and "Artikel 7 – " in moved_to
    assert root.find(f".//{W}moveFromRangeStart") is not None
    assert root.find(f".//{W}moveToRangeEnd") is not None
    # A renumbered article: the number is a tracked change.
    heading_numbers = [p for p in root.iter(f"{W}p")
                       if "".join(p.itertext()).startswith("Artikel ")
                       and any("".join(d.itertext()).isdigit() for d in p.iter(f"{W}del"))]
    assert heading_numbers
    # A table row removed as a row.
    assert root.findall(f".//{W}trPr/{W}del")
    ids = [e.get(f"{W}id") for tag in ("ins", "del", "moveFrom", "moveTo")
           for e in root.iter(f"{W}{tag}")]
    assert len(ids) == len(set(ids))
    # Deterministic.
    (tmp_path / "again").mkdir()
    again, _, _ = documents(versions, tmp_path / "again")
    assert again.read_bytes() == data


def test_each_change_is_attributed_to_the_commit_that_made_it(
        git_repo: Path, git_env: dict[str, str], monkeypatch: pytest.MonkeyPatch,
        cli: Callable[..., Any]) -> None:
    def commit(rel: str, old: str, new: str, author: str, date: str) -> None:
        path = git_repo / AGREEMENT / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        env = {**git_env, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_DATE": date}
        subprocess.run(["git", "commit", "-q", "-am", f"{rel} door {author}"], cwd=git_repo,
                       env=env, check=True)

    commit("artikelen/besluitvorming.yaml", "Een besluit gaat door", "Een voorstel gaat door",
           "Jurist Jansen", "2026-02-03T14:30:00+01:00")
    commit("artikelen/gedrag.yaml", "Vragen stellen voordat we oordelen",
           "Eerst vragen, dan oordelen", "Partner Pieters", "2026-02-04T09:00:00+01:00")
    commit("artikelen/besluitvorming.yaml", "drie werkdagen", "vijf werkdagen",
           "Jurist de Vries", "2026-02-05T11:00:00+01:00")
    monkeypatch.chdir(git_repo)
    result = cli("diff", "HEAD~3", "HEAD", "-f", "docx", "--out", "r.docx")
    assert result.exit_code == 0, result.output
    root = _body((git_repo / "r.docx").read_bytes())
    by_text = {"".join(e.itertext()): (e.get(f"{W}author"), e.get(f"{W}date"))
               for tag in ("ins", "del") for e in root.iter(f"{W}{tag}")}
    # besluitvorming: the last commit that touched it, for both of its changes.
    assert by_text["voorstel"] == ("Jurist de Vries", "2026-02-05T10:00:00Z")
    assert by_text["vijf"] == ("Jurist de Vries", "2026-02-05T10:00:00Z")
    gedrag = {who for text, who in by_text.items() if "oordel" in text or "vragen" in text}
    assert gedrag == {("Partner Pieters", "2026-02-04T08:00:00Z")}


@pytest.mark.parametrize("gone", ["old", "new"])
def test_a_new_or_removed_agreement_is_wholly_inserted_or_deleted(versions: Versions,
                                                                   gone: str) -> None:
    agreement, _ = versions.agreements()
    old, new = (None, agreement) if gone == "old" else (agreement, None)  # absent: None
    data = render_docx(compare(old, new), author="A", date=dt.datetime(2026, 1, 1,
                                                                       tzinfo=dt.UTC))
    root = _body(data)
    tag = "ins" if gone == "old" else "del"
    marked = root.findall(f".//{W}pPr/{W}rPr/{W}{tag}")
    body_paragraphs = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}{tag}")
                       is not None]
    assert marked and any("Artikel 1 – " in "".join(p.itertext()) for p in body_paragraphs)

"""The DOCX: real Word styles and numbering, properties, and LibreOffice can open it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

Render = Callable[..., dict[str, bytes]]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def sample_docx() -> bytes:
    from rechtmakers.agreement import load_agreement
    from rechtmakers.render import RenderOptions, render_agreement

    root = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
    files = render_agreement(load_agreement(root)[0], RenderOptions(formats=("docx",)))
    return next(iter(files.values()))


def test_headings_use_word_styles(sample_docx: bytes) -> None:
    import docx

    document = docx.Document(io.BytesIO(sample_docx))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["Samenwerkingsovereenkomst Positief Gezond Almere"]
    headings = by_style["Heading 1"]
    assert headings[:3] == ["Partijen", "Overwegingen", "Begrippen"]
    assert headings[3:6] == ["Artikel 1 – Waarom we samenwerken",
                             "Artikel 2 – Wie er meedoen en wat ieder doet",
                             "Artikel 3 – Zo nemen we besluiten"]
    assert headings[-3:] == ["Ondertekening", "Bijlagen",
                             "Bijlage 1 – Transformatieplan Positief Gezond Almere 2026–2030"]
    assert {"Stappen", "Waarborgen", "Dit helpt", "Dit helpt niet", "Wat instappen betekent",
            "Openbaar lichaam GGD Flevoland"} <= set(by_style["Heading 2"])
    members = [text.split("\t")[0] for text in by_style["Lid"]]
    assert members[:4] == ["1.1", "1.2", "2.1", "2.2"] and "10.3" in members
    assert "Versie 1.1.0 · Concept · 21 januari 2026" in by_style["Subtitle"]


def test_lists_are_numbered_and_restart(sample_docx: bytes) -> None:
    import docx

    document = docx.Document(io.BytesIO(sample_docx))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in numbered]
    parties, considerations = num_ids[:15], num_ids[15:22]
    assert len(set(parties)) == 1 and len(set(considerations)) == 1
    assert parties[0] != considerations[0]
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(f"{W}num") if n.get(f"{W}numId") == parties[0])
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    abstract = next(a for a in numbering.findall(f"{W}abstractNum")
                    if a.get(f"{W}abstractNumId") == abstract_id)
    assert abstract.find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "decimal"
    assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert any(p.text.startswith("problemen eerder zien") for p in bullets)


def test_waarborgen_table_and_properties(sample_docx: bytes) -> None:
    import docx

    document = docx.Document(io.BytesIO(sample_docx))
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Wat", "Hoe", "Wanneer"]
    assert len(table.rows) == 5 and table.style.name == "Table Grid"
    props = document.core_properties
    assert props.title == "Samenwerkingsovereenkomst Positief Gezond Almere"
    assert props.version == "1.1.0"
    assert props.identifier.startswith("sha256:") and len(props.identifier) == 71
    assert props.created.isoformat() == props.modified.isoformat() == "2026-01-21T00:00:00+00:00"
    assert props.language == "nl-NL"


def test_zip_is_stable(sample_docx: bytes) -> None:
    package = zipfile.ZipFile(io.BytesIO(sample_docx))
    infos = package.infolist()
    assert [i.filename for i in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in package.namelist()
    assert package.testzip() is None


@pytest.mark.slow
def test_libreoffice_converts_the_docx(sample_docx: bytes, tmp_path: Path,
                                      soffice: Callable[[Path, str], Path]) -> None:
    source = tmp_path / "overeenkomst.docx"
    source.write_bytes(sample_docx)
    text = soffice(source, "txt:Text (encoded):UTF8").read_text(encoding="utf-8-sig")
    assert "Artikel 3 – Zo nemen we besluiten" in text
    assert "3.1\tDe penvoerder stuurt elk voorstel" in text
    assert "Handtekening" in text


def test_articles_leden_and_terms_carry_bookmarks(sample_docx: bytes) -> None:
    """Every article and lid has a bookmark named after its ids; references and defined terms
    are internal links to bookmarks that exist."""
    import re

    xml = zipfile.ZipFile(io.BytesIO(sample_docx)).read("word/document.xml").decode("utf-8")
    names = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>', xml)
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name) for name in names)
    assert {"art_doel", "art_besluitvorming", "lid_besluitvorming__consent",
            "lid_besluitvorming__overwegend_bezwaar", "begrip_stuurgroep",
            "ondertekening"} <= set(names)
    root = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
    from rechtmakers.agreement import load_agreement

    agreement = load_agreement(root)[0]
    members = sum(len(a.members) for a in agreement.articles.values())
    assert len([n for n in names if n.startswith("art_")]) == len(agreement.articles)
    assert len([n for n in names if n.startswith("lid_")]) == members
    targets = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', xml)
    assert targets and set(targets) <= set(names)
    assert "lid_besluitvorming__consent" in targets and "begrip_stuurgroep" in targets


def test_long_ids_give_short_stable_bookmark_names() -> None:
    from rechtmakers.render.docx_body import bookmark_name

    long = bookmark_name("lid", "a" * 64, "b" * 64)
    assert len(long) == 40 and long[0].isalpha() and long == bookmark_name("lid", "a" * 64,
                                                                           "b" * 64)
    assert long != bookmark_name("lid", "a" * 64, "b" * 63)
    assert bookmark_name("lid", "a-b", "c") != bookmark_name("lid", "a", "b-c")


def _header_texts(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return " ".join(package.read(name).decode("utf-8") for name in package.namelist()
                        if name.startswith("word/header"))


def test_concept_in_the_header_and_gone_when_adopted(sample_docx: bytes, render_files: Render,
                                                     sample_copy: Path) -> None:
    assert "CONCEPT" in _header_texts(sample_docx)
    meta = sample_copy / "overeenkomst.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("status: concept",
                                                            "status: vastgesteld"),
                    encoding="utf-8")
    assert "CONCEPT" not in _header_texts(render_files(sample_copy, ("docx",))["docx"])

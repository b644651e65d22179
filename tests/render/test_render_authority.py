"""The parties page names, for every representative who does not sign by law or the statutes,
the basis of her authority: in Markdown, HTML, DOCX and the text of the PDF; and the operative
clause stands between the overwegingen and article 1 in every format."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.checks.legal import represents_by_law
from rechtmakers.document.labels import authority

Render = Callable[..., dict[str, bytes]]
SAMPLE = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
FATIMA = ("rechtsgeldig vertegenwoordigd door Fatima el Amrani, wethouder zorg en welzijn, op "
          "grond van een mandaat van de burgemeester (collegebesluit van 3 maart 2026)")


def plain(text: str) -> str:
    """Words only: tags, line breaks, hyphenation and the kinds of spaces do not count."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"-\s*\n\s*", "-", text)  # a hyphenated function broken over two lines
    text = re.sub(r"(?m)^#{1,6} ", "", text)  # a Markdown heading reads as its words
    return re.sub(r"[\s\u00a0]+", " ", text).replace(" ,", ",").replace("( ", "(")


def docx_text(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paragraphs)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is niet geïnstalleerd; .ci/run installeert het")
    path = tmp_path / "overeenkomst.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def sample_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from rechtmakers.render import RenderOptions, render_agreement
    agreement, problems = load_agreement(SAMPLE)
    assert not problems, problems
    files = render_agreement(agreement, RenderOptions(formats=("md", "html", "docx", "pdf")))
    data = {name.rsplit(".", 1)[1]: body for name, body in files.items()}
    tmp = tmp_path_factory.mktemp("pdf")
    return {"md": plain(data["md"].decode()), "html": plain(data["html"].decode()),
            "docx": plain(docx_text(data["docx"])), "pdf": plain(pdf_text(data["pdf"], tmp))}


def non_statutory() -> list[tuple[str, str]]:
    """(name, the basis sentence) of every sample representative without a statutory basis."""
    agreement, _ = load_agreement(SAMPLE)
    found = []
    for party in agreement.parties:
        for person in party.representatives:
            if person.basis is None:
                assert represents_by_law(person.function, party.legal_form, party.kind)
            elif person.basis.value != "statutair":
                found.append((person.name, f"{person.name}, {person.function}, "
                                           f"{authority(person)}"))
    return found


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_every_non_statutory_representative_with_her_basis(fmt: str,
                                                           sample_texts: dict[str, str]) -> None:
    people = non_statutory()
    assert len(people) >= 5  # GGD (2), gemeente (2), Zilveren Kruis, Polderhuizen
    text = sample_texts[fmt]
    assert FATIMA in text
    for name, sentence in people:
        assert sentence in text, (fmt, name)
    assert "Lotte Haverkamp, manager zorginkoop regio Flevoland, op grond van een volmacht " \
        "van de raad van bestuur van Zilveren Kruis" in text


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_a_statutory_director_is_named_without_a_basis(fmt: str,
                                                       sample_texts: dict[str, str]) -> None:
    text = sample_texts[fmt]
    assert "Joost Hellendoorn, directeur-bestuurder;" in text
    assert "Nadia Bouchtaoui, directeur;" in text  # grondslag: statutair


# The operative clause.

def operative_clause() -> tuple[str, str]:
    """The sample's operative clause and the last words of its last overweging."""
    from rechtmakers.document.labels import OPERATIVE_CLAUSE

    agreement, _ = load_agreement(SAMPLE)
    assert agreement.meta is not None
    return (agreement.meta.operative or OPERATIVE_CLAUSE,
            agreement.meta.considerations[-1].rstrip("'")[-30:])


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_the_operative_clause_between_the_overwegingen_and_the_articles(
        fmt: str, sample_texts: dict[str, str]) -> None:
    clause, last_consideration = operative_clause()
    text = sample_texts[fmt]
    assert f"{last_consideration} {clause} Begrippen" in text
    assert text.count(clause) == 1


def test_the_operative_clause_may_come_from_overeenkomst_yaml(tmp_path: Path,
                                                              render_files: Render) -> None:
    from rechtmakers.digest import content_digest

    root = tmp_path / "minimal"
    shutil.copytree(Path(__file__).parents[1] / "data" / "minimal", root)
    agreement, _ = load_agreement(root)
    before = content_digest(agreement)
    files = render_files(root)
    assert "Partijen spreken het volgende af:" in files["md"].decode()
    meta = root / "overeenkomst.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "artikelen:", "afspraakzin: 'Wij, de partijen hierboven, spreken af:'\nartikelen:"),
        encoding="utf-8")
    files = render_files(root)
    markdown, page = files["md"].decode(), files["html"].decode()
    assert "Wij, de partijen hierboven, spreken af:\n\n## Begrippen" in markdown
    assert "Partijen spreken het volgende af" not in markdown
    assert '<div class="afspraakzin"><p>Wij, de partijen hierboven, spreken af:</p></div>' in page
    agreement, _ = load_agreement(root)
    assert content_digest(agreement) != before  # it is part of what parties sign

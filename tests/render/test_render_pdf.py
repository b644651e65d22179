"""The PDF as a director gets it: looked at per page with pdftotext, pikepdf and pdftoppm.

Typst comes with the package, so these tests always run; pdftotext and pdftoppm (poppler-utils)
may be missing locally (the test then skips), and .ci/run installs them.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.digest import content_digest
from rechtmakers.document.tree import (
    Document,
    Emphasis,
    Link,
    Paragraph,
    PartyNode,
    Ref,
    Signer,
    Strong,
    TermUse,
    Text,
    with_sign_offs,
)
from rechtmakers.render.pdf import FlowWriter, _party, document_data, render_pdf
from rechtmakers.render.pdfmeta import add_identifier
from rechtmakers.render.typography import curly

Render = Callable[..., dict[str, bytes]]
SAMPLE = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
ARTICLES = len(load_agreement(SAMPLE)[0].ordered_articles())

# Typst markup and Markdown-escaped specials: all of it must come out as written.
HOSTILE_TYPST = (
    "Typst: #set page(width: 1cm) en #read(\"/etc/passwd\") en $x^2 + y$ en <etiket> "
    "en @niemand en \\*vet\\* en _schuin_ en #import \"/x.typ\": * en // geen commentaar "
    "en `#eval(\"1+1\")` en \\[\\[label\\]\\]."
)
HOSTILE_SHOWN = (
    "Typst: #set page(width: 1cm) en #read(\"/etc/passwd\") en $x^2 + y$ en <etiket> "
    "en @niemand en *vet* en schuin en #import \"/x.typ\": * en // geen commentaar "
    "en #eval(\"1+1\") en [[label]]."
)
HOSTILE_TITLE = "Titel met *sterren*, #strong[vet], $wiskunde$ en <label>"


def pages_of(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page in drawing order, with soft hyphens and line breaks undone."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is niet geïnstalleerd; .ci/run installeert het")
    path = tmp_path / "tekst.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"]
    out = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    pages = out.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [_flat(page) for page in pages]


def _flat(text: str) -> str:
    text = re.sub("\u00ad\\s*\\n?", "", text)
    return " ".join(text.replace("\u2060", "").split())


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    from rechtmakers.render import RenderOptions, render_agreement

    root = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
    agreement, problems = load_agreement(root)
    assert not problems
    files = render_agreement(agreement, RenderOptions(formats=("pdf",)))
    return next(iter(files.values()))


@pytest.fixture(scope="module")
def sample_digest() -> str:
    root = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
    return content_digest(load_agreement(root)[0])


def test_every_page_names_title_version_digest_and_page(sample_pdf: bytes, sample_digest: str,
                                                        tmp_path: Path) -> None:
    pages = pages_of(sample_pdf, tmp_path)
    assert len(pages) > 5
    stamp = (f"Samenwerkingsovereenkomst Positief Gezond Almere · versie 1.1.0 · "
             f"sha256:{sample_digest[:12]}")
    for number, page in enumerate(pages, start=1):
        assert stamp in page, number
        assert f"pagina {number} van {len(pages)}" in page, number


def test_concept_on_every_page_and_gone_when_adopted(render_files: Render, sample_copy: Path,
                                                     sample_pdf: bytes, tmp_path: Path) -> None:
    assert all("CONCEPT" in page for page in pages_of(sample_pdf, tmp_path))
    meta = sample_copy / "overeenkomst.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("status: concept",
                                                            "status: vastgesteld"),
                    encoding="utf-8")
    pages = pages_of(render_files(sample_copy, ("pdf",))["pdf"], tmp_path)
    assert not any("CONCEPT" in page for page in pages)
    assert "Vastgesteld" in pages[0]


def test_clause_text_is_shown_literally_never_run(render_files: Render, sample_copy: Path,
                                                  tmp_path: Path) -> None:
    article = sample_copy / "artikelen" / "doel.yaml"
    text = article.read_text(encoding="utf-8")
    text = text.replace("tekst: |\n", "tekst: |\n  " + HOSTILE_TYPST + "\n\n", 1)
    text = text.replace("titel: Waarom we samenwerken", f"titel: '{HOSTILE_TITLE}'")
    article.write_text(text, encoding="utf-8")
    data = render_files(sample_copy, ("pdf",))["pdf"]
    whole = " ".join(pages_of(data, tmp_path))
    # Shown as words, never run: with Dutch quotes, as every text is (render.typography).
    # (inline code, `#eval("1+1")`, keeps its straight quotes)
    assert curly(HOSTILE_SHOWN).replace("#eval(“1+1”)", '#eval("1+1")') in whole
    assert f"Artikel 1 – {curly(HOSTILE_TITLE)}" in whole
    assert "root:" not in whole
    with pikepdf.open(_file(data, tmp_path)) as pdf:
        # #set page(width: 1cm) did not run: every page is still A4.
        for page in pdf.pages:
            width, height = (float(v) for v in page.mediabox[2:])
            assert (round(width), round(height)) == (595, 842)


def test_pdfa_tagged_dutch_with_outline_and_digest(sample_pdf: bytes, sample_digest: str,
                                                   tmp_path: Path) -> None:
    with pikepdf.open(_file(sample_pdf, tmp_path)) as pdf:
        assert pdf.check_pdf_syntax() == []
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:identifier"] == f"sha256:{sample_digest}"
        assert f"sha256:{sample_digest}" in meta["pdf:Keywords"].split(", ")
        assert meta["dc:title"] == "Samenwerkingsovereenkomst Positief Gezond Almere"
        assert "versie 1.1.0" in meta["dc:description"]
        assert meta["xmp:CreateDate"].startswith("2026-01-21")
        assert str(pdf.docinfo["/Keywords"]).startswith(f"sha256:{sample_digest}")
        root = pdf.Root
        assert "/StructTreeRoot" in root and root.MarkInfo.Marked
        assert str(root.Lang).startswith("nl")
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles[:3] == ["Partijen", "Overwegingen", "Begrippen"]
        assert "Artikel 3 – Zo nemen we besluiten" in titles
        assert len([t for t in titles if t.startswith("Artikel ")]) == ARTICLES
        assert titles[-3:] == ["Ondertekening", "Bijlagen",
                               "Bijlage 1 – Transformatieplan Positief Gezond Almere 2026–2030"]
        for font in _fonts(pdf):
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_the_xref_table_points_at_every_object(sample_pdf: bytes) -> None:
    """The digest is written into Typst's output; every offset must still be right."""
    start = int(sample_pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert sample_pdf[start:start + 5] == b"xref\n"
    lines = sample_pdf[start:].split(b"trailer")[0].split(b"\n")
    first, count = (int(v) for v in lines[1].split())
    for number, entry in enumerate(lines[2:2 + count], start=first):
        if entry.endswith(b"n\r") or entry.endswith(b"n"):
            offset = int(entry[:10])
            assert sample_pdf[offset:].startswith(b"%d 0 obj" % number), number


def test_add_identifier_refuses_an_unexpected_pdf() -> None:
    from rechtmakers.errors import UsageError

    with pytest.raises(UsageError, match="onverwachte vorm"):
        add_identifier(b"%PDF-1.7\n%%EOF", "sha256:00")


def test_toc_has_page_numbers_and_links_are_internal(sample_pdf: bytes, tmp_path: Path) -> None:
    pages = pages_of(sample_pdf, tmp_path)
    toc = pages[0]
    found = re.findall(r"Artikel (\d+) – [^.]+?[ .]+(\d+)", toc)
    assert len(found) == ARTICLES
    for article, page in found:
        assert f"Artikel {article} – " in pages[int(page) - 1]
    assert b"x-rechtmakers" not in sample_pdf
    with pikepdf.open(_file(sample_pdf, tmp_path)) as pdf:
        names = [str(name) for name in pdf.Root.Names.Dests.Names[::2]]
        internal = [a for page in pdf.pages for a in page.get("/Annots", [])
                    if a.get("/Subtype") == "/Link" and "/Dest" in a]
        named = [str(a.Dest) for a in internal if isinstance(a.Dest, pikepdf.String)]
        assert set(named) <= set(names)  # every named link lands somewhere
        said = [str(a.Contents) for a in internal if str(a.Contents).startswith("verwijst")]
        assert len(said) > 20  # cross-references and defined terms
        assert {"artikel-6", "begrip-kompas"} <= {text.split()[-1] for text in said}
        assert any(name.startswith("artikel-") and name.count("-") == 2 for name in names)
        assert not any("/A" in a for a in internal)


def test_internal_links_keep_every_byte_offset() -> None:
    from rechtmakers.render.pdflinks import resolve_internal_links

    before = (b"1 0 obj\n<</Type/Annot/Subtype/Link/Rect[1 2 3 4]/Border[0 0 0]/A<</Type/Action"
              b"/S/URI/URI(x-rechtmakers:artikel-3-1)>>/F 4/Contents(x-rechtmakers:artikel-3-1)"
              b">>\nendobj\n")
    after = resolve_internal_links(before)
    assert len(after) == len(before)
    assert b"/Dest(artikel-3-1) " in after and b"/Contents(verwijst naar artikel-3-1)" in after
    assert b"URI" not in after
    assert resolve_internal_links(b"/URI(https://example.org)") == b"/URI(https://example.org)"


def test_a_heading_stays_with_its_text(sample_pdf: bytes, tmp_path: Path) -> None:
    """No article heading is left alone at the bottom of a page: its first words follow it."""
    from rechtmakers.document.build import build_document

    data = document_data(build_document(load_agreement(SAMPLE)[0], "0" * 64))
    pages = pages_of(sample_pdf, tmp_path)
    for article in data["articles"]:
        first = "".join(run.get("t", "") for run in article["body"][0]["r"])
        words = " ".join(first.split()[:4])
        holding = [page for page in pages if article["heading"] + " " + words in page]
        assert holding, article["heading"]


def test_a_term_stays_with_its_definition(sample_pdf: bytes, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
    agreement, _ = load_agreement(root)
    pages = pages_of(sample_pdf, tmp_path)
    for term in agreement.terms:
        meaning = " ".join(term.meaning.split())[:30]
        assert any(f"{term.term}: {meaning}" in page for page in pages), term.term


def test_signature_pages_keep_each_party_together(sample_pdf: bytes, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
    agreement, _ = load_agreement(root)
    pages = pages_of(sample_pdf, tmp_path)
    start = next(i for i, page in enumerate(pages) if "Zo afgesproken en getekend." in page)
    signing = pages[start:]
    for party in agreement.parties:
        holding = [page for page in signing if f"{party.name} " in page]
        assert holding, party.name
        page = holding[-1]
        for person in party.representatives:
            block = f"Naam {person.name} Functie {person.function} Plaats Datum Handtekening"
            assert block in page, (party.name, person.name)
    total = sum(page.count("Handtekening") for page in signing)
    assert total == sum(len(p.representatives) for p in agreement.parties)


def test_party_data_is_the_trees_sentence_nothing_rebuilt() -> None:
    party = PartyNode("x", "X", "zorg", False, (Signer("A. Jansen", "bestuurder"),),
                      legal_name="Stichting X", legal_form="stichting", kvk="12345678",
                      seat="Almere", address="Markt 1, Almere")
    data = _party(party)
    assert data["legal_name"] == "Stichting X" and data["details"] == party.details
    assert "rechtsgeldig vertegenwoordigd door A. Jansen, bestuurder" in data["details"]
    assert "legal" not in data  # no second party sentence built in Python
    bare = _party(PartyNode("y", "Y", "zorg", True, ()))
    assert bare["legal_name"] == "Y"


def _tree() -> Document:
    from rechtmakers.document.build import build_document

    agreement, _ = load_agreement(SAMPLE)
    return build_document(agreement, content_digest(agreement))


def test_party_list_reads_as_in_markdown_and_html(sample_pdf: bytes, tmp_path: Path) -> None:
    text = " ".join(pages_of(sample_pdf, tmp_path))
    for party in _tree().parties:
        sentence = " ".join(f"{party.legal_name}{party.details}".split())
        assert sentence in text, sentence
    assert ("Stichting De Schoor, gevestigd te Almere (KvK 99990002), hierna: De Schoor, "
            "rechtsgeldig vertegenwoordigd door") in text
    assert "Deze overeenkomst gaat in op 1 april 2026 en loopt tot en met 31 maart 2030." \
        in text


def test_structured_labels_are_the_htmls(sample_pdf: bytes, tmp_path: Path) -> None:
    text = " ".join(pages_of(sample_pdf, tmp_path))
    assert "Quorum" not in text
    assert "Wie er moeten zijn: Minstens twee op de drie partijen" in text
    for label in ("Wie besluit:", "Hoe:", "Stappen", "Wie:", "Termijn:", "Waarborgen",
                  "Wat Hoe Wanneer", "Dit helpt", "Wat instappen betekent"):
        assert label in text, label


def test_markdown_annex_is_included_as_text(sample_pdf: bytes, tmp_path: Path) -> None:
    pages = pages_of(sample_pdf, tmp_path)
    heading = "Bijlage 1 – Transformatieplan Positief Gezond Almere 2026–2030"
    listed = next(i for i, page in enumerate(pages)
                  if f"{heading}: de tekst staat hieronder (bestand transformatieplan.md)."
                  in page)
    rest = " ".join(pages[listed:])
    # Structured like clause text: subheadings bold lines, lists with their numbers.
    assert "Waarom dit plan Almere groeit. Steeds meer inwoners hebben zorg" in rest
    assert "1. Eén plek in de wijk. In elke wijk komt een plek" in rest
    with pikepdf.open(_file(sample_pdf, tmp_path)) as pdf:
        names = {str(name) for name in pdf.Root.Names.Dests.Names[::2]}
        links = {str(a.Dest) for a in pdf.pages[listed].get("/Annots", [])
                 if a.get("/Subtype") == "/Link" and "/Dest" in a}
    assert "bijlage-1" in names and "bijlage-1" in links  # the list links to the text


def test_other_annex_is_listed_with_its_sha256(render_files: Render, sample_copy: Path,
                                               tmp_path: Path) -> None:
    payload = b"%PDF-1.4 begroting\n"
    (sample_copy / "bijlagen" / "begroting.pdf").write_bytes(payload)
    yaml = sample_copy / "overeenkomst.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(
        "artikelen:\n", "  - id: begroting\n    titel: Begroting 2026\n"
        "    bestand: begroting.pdf\nartikelen:\n", 1), encoding="utf-8")
    text = " ".join(pages_of(render_files(sample_copy, ("pdf",))["pdf"], tmp_path))
    digest = hashlib.sha256(payload).hexdigest()
    assert (f"Bijlage 2 – Begroting 2026: het bestand begroting.pdf met SHA-256 {digest}."
            in text)
    assert "Bijlage 1 – Transformatieplan" in text


def test_signed_representative_shows_getekend(tmp_path: Path) -> None:
    document = _tree()
    party = document.parties[1]
    signer = party.signers[0]
    signed = with_sign_offs(document, {party.id: {
        signer.email.casefold(): "21 januari 2026; bewijs: git-ondertekening"}})
    pages = pages_of(render_pdf(signed), tmp_path)
    start = next(i for i, page in enumerate(pages) if "Zo afgesproken en getekend." in page)
    # Two columns: a long word may break after its hyphen ("git-" / "ondertekening").
    signing = " ".join(pages[start:]).replace("git- ondertekening", "git-ondertekening")
    assert (f"Naam {signer.name} Functie {signer.function} "
            "Getekend 21 januari 2026; bewijs: git-ondertekening") in signing
    assert signing.count("Handtekening") == sum(len(p.signers) for p in document.parties) - 1


def test_inline_markdown_becomes_runs_with_flags() -> None:
    writer = FlowWriter(frozenset({"artikel-2", "begrip-kompas"}))
    block = Paragraph((Text("Zie\n"), Strong((Text("vet "), Emphasis((Text("en schuin"),)))),
                       Text(" en "), Ref("artikel 2", "artikel-2"), Text(", "),
                       Ref("bijlage 1", "bijlage-1"), Text(" en het "),
                       TermUse("kompas", "begrip-kompas"), Text(" op "),
                       Link("https://example.org", (Text("de site"),))))
    assert writer.block(block) == {"k": "p", "r": [
        {"t": "Zie "}, {"t": "vet ", "b": True}, {"t": "en schuin", "b": True, "i": True},
        {"t": " en "}, {"t": "artikel 2", "a": "artikel-2"}, {"t": ", bijlage 1 en het "},
        {"t": "kompas", "a": "begrip-kompas", "d": True}, {"t": " op "},
        {"t": "de site", "u": "https://example.org"}]}


def test_the_tree_goes_in_as_data(sample_pdf: bytes) -> None:
    root = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"
    agreement, _ = load_agreement(root)
    from rechtmakers.document.build import build_document

    data = document_data(build_document(agreement, "0" * 64))
    assert data["concept"] is True and data["short_digest"] == "0" * 12
    assert [a["heading"] for a in data["articles"]][2] == "Artikel 3 – Zo nemen we besluiten"
    assert data["articles"][0]["members"][0]["number"] == "1.1"


def test_byte_identical_twice_and_with_explanations(render_files: Render,
                                                    sample_dir: Path) -> None:
    first = render_files(sample_dir, ("pdf",), explanations=True)["pdf"]
    second = render_files(sample_dir, ("pdf",), explanations=True)["pdf"]
    assert first == second


def test_house_style_replaces_the_typst_template(render_files: Render, sample_dir: Path,
                                                 tmp_path: Path) -> None:
    style = tmp_path / "huisstijl"
    style.mkdir()
    (style / "overeenkomst.typ").write_text(
        "#let d = json(bytes(sys.inputs.rechtmakers))\n"
        "#set document(title: d.title)\n#set text(lang: \"nl\")\n"
        "= Huisstijl\n#d.title, versie #d.version\n", encoding="utf-8")
    data = render_files(sample_dir, ("pdf",), house_style=style)["pdf"]
    page = pages_of(data, tmp_path)[0]
    assert "Huisstijl Samenwerkingsovereenkomst Positief Gezond Almere, versie 1.1.0" in page


def test_page_images_show_ink(sample_pdf: bytes, tmp_path: Path) -> None:
    """pdftoppm draws the pages, so that anyone can look (the images are left in tmp_path)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is niet geïnstalleerd; .ci/run installeert het")
    source = _file(sample_pdf, tmp_path)
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "3", str(source),
                    str(tmp_path / "pagina")], check=True, timeout=120)
    images = sorted(tmp_path.glob("pagina-*.pgm"))
    assert len(images) == 3
    for image in images:
        header, pixels = _pgm(image.read_bytes())
        width, height = header
        assert abs(height / width - 297 / 210) < 0.01  # A4, upright
        dark = sum(1 for value in pixels if value < 128)
        assert dark > len(pixels) // 200, image.name  # text on the page, not a blank sheet


def _pgm(data: bytes) -> tuple[tuple[int, int], bytes]:
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5"
    return (int(parts[1]), int(parts[2])), parts[4]


def _file(data: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return path


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    fonts = []
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            for descendant in font.get("/DescendantFonts", [font]):
                fonts.append(descendant)
    return fonts


def test_signature_blocks_in_two_columns_with_room_to_sign(tmp_path: Path) -> None:
    """Two parties side by side; each unsigned signer gets a signing box of at least 2 cm."""
    import re as _re

    path = tmp_path / "o.pdf"
    path.write_bytes(render_pdf(_tree()))
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         check=True, timeout=120).stdout.decode("utf-8")
    pattern = (r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" '
               r'yMax="[\d.]+">Handtekening</word>')
    pages = [_re.findall(pattern, page) for page in out.split("<page ")]
    signing = [page for page in pages if page]
    assert 2 <= len(signing) <= 4  # 15 parties on about three pages, not five
    sides = [sorted({round(float(x)) for x, _ in words}) for words in signing]
    assert any(len(c) == 2 and c[1] - c[0] > 150 for c in sides)  # side by side
    for words in signing:
        columns = sorted({round(float(x)) for x, _ in words})
        assert len(columns) <= 2
        for column in columns:
            ys = sorted(float(y) for x, y in words if round(float(x)) == column)
            # Each label stands at the top of a 2.2 cm box: the next one at least 2 cm lower.
            assert all(b - a >= 56.7 for a, b in zip(ys, ys[1:], strict=False))

"""`rechtmakers inlezen`: reviews made by LibreOffice itself, and DOCX files edited by hand."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.render import RenderOptions, render_agreement

HERE = Path(__file__).parent
SYSTEM_PYTHON = Path("/usr/bin/python3")
AGREEMENT = Path("agreements") / "positief-gezond-almere"
BESLUIT = AGREEMENT / "artikelen" / "besluitvorming.yaml"
VERSION = load_agreement(Path(__file__).resolve().parents[2] / AGREEMENT)[0].meta.version  # type: ignore[union-attr]
Cli = Callable[..., Any]


def render_docx(root: Path) -> bytes:
    agreement, problems = load_agreement(root)
    assert not problems, problems
    from rechtmakers.signoff.documented import signed_texts

    # As `rechtmakers render` makes it: the reading edition shows who signed.
    files = render_agreement(agreement, RenderOptions(formats=("docx",), sign_offs=signed_texts))
    return next(iter(files.values()))


def edit_docx(data: bytes, *replacements: tuple[str, str]) -> bytes:
    """The DOCX with text replaced in its body, as an edit without change tracking."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                text = content.decode("utf-8")
                for old, new in replacements:
                    assert old in text, old
                    text = text.replace(old, new, 1)
                content = text.encode("utf-8")
            target.writestr(name, content)
    return out.getvalue()


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


def run(cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.chdir(repo)
    return cli("inlezen", *args)


def uno_available() -> str | None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        return "LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het"
    if not SYSTEM_PYTHON.exists() or subprocess.run(
            [str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True,
            check=False).returncode != 0:
        return "python3-uno (import uno in /usr/bin/python3) ontbreekt; .ci/run installeert het"
    return None


@pytest.fixture
def uno_review(tmp_path: Path) -> Callable[[Path, Path, dict[str, Any]], Path]:
    reason = uno_available()
    if reason:
        pytest.skip(reason)

    def make(source: Path, target: Path, spec: dict[str, Any]) -> Path:
        spec_path = tmp_path / "spec.json"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        done = subprocess.run([str(SYSTEM_PYTHON), str(HERE / "uno_review.py"), str(source),
                               str(target), str(spec_path)], capture_output=True, text=True,
                              timeout=300, check=False, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        return target

    return make


REVIEW_SPEC = {
    "author": "Petra Jansen",
    "edits": [
        # Next to a reference: "artikel 4" stays [[conflictdialoog]] in the source.
        {"find": "Komen we er samen niet uit, dan volgen we de stappen van",
         "replace": "Lukt dat niet binnen twee weken, dan gaan we verder met", "track": True},
        # In a lid.
        {"find": "minstens een week voor de vergadering",
         "replace": "minstens tien dagen voor de vergadering", "track": True},
        # In an article text (a structured block's article, plain paragraph).
        {"find": "Consent is iets anders dan het met alles eens zijn.",
         "replace": "Consent is niet hetzelfde als het met alles eens zijn.", "track": True},
        # Without change tracking.
        {"find": "De voorzitter vraagt elke partij", "replace": "De voorzitter vraagt iedere "
         "partij", "track": False},
    ],
    "comments": [{"find": "drie werkdagen", "text": "Is drie werkdagen niet te kort?",
                  "author": "Karel de Vries"}],
}


def test_libreoffice_review_goes_back_into_the_source(
        git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        uno_review: Callable[[Path, Path, dict[str, Any]], Path]) -> None:
    rendered = tmp_path / "overeenkomst.docx"
    rendered.write_bytes(render_docx(git_repo / AGREEMENT))
    review = uno_review(rendered, tmp_path / "review.docx", REVIEW_SPEC)
    before = (git_repo / BESLUIT).read_text(encoding="utf-8")
    result = run(cli, git_repo, monkeypatch, str(review), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["agreement"] == "positief-gezond-almere" and report["version"] == VERSION
    assert report["reviewers"] == ["Karel de Vries", "Petra Jansen"]
    assert not report["conflicts"] and not report["not_applied"]
    changes = {(c["article"], c["member"], c["field"]): c for c in report["changes"]}
    assert set(changes) == {("besluitvorming", None, "tekst"),
                            ("besluitvorming", "voorstellen", "tekst"),
                            ("besluitvorming", "consent", "tekst")}
    assert changes[("besluitvorming", None, "tekst")]["author"] == "Petra Jansen"
    assert changes[("besluitvorming", "consent", "tekst")]["author"] is None
    after = (git_repo / BESLUIT).read_text(encoding="utf-8")
    flat = " ".join(after.split())
    assert "Lukt dat niet binnen twee weken, dan gaan we verder met [[conflictdialoog]]." in flat
    assert "[[inwonerperspectief.situatie]]" in after
    assert "minstens tien dagen voor de vergadering" in after
    assert "vraagt iedere partij" in after
    # Only the changed lines differ; the block scalar stays a block scalar.
    removed = [line for line in git(git_repo, "diff", "-U0").splitlines()
               if line.startswith("-") and not line.startswith("---")]
    assert len(removed) == 5, removed
    assert git(git_repo, "diff", "--name-only").split() == [str(BESLUIT)]
    assert after.count("tekst: |") == before.count("tekst: |")
    (comment,) = report["comments"]
    assert comment == {"article": "besluitvorming", "member": "snel-besluiten",
                       "author": "Karel de Vries", "date": comment["date"],
                       "quote": "drie werkdagen", "text": "Is drie werkdagen niet te kort?"}
    assert git(git_repo, "log", "--oneline").count("\n") == 1  # never commits
    assert not load_agreement(git_repo / AGREEMENT)[1]


def test_edit_inside_generated_text_is_reported_not_applied(
        git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        uno_review: Callable[[Path, Path, dict[str, Any]], Path]) -> None:
    rendered = tmp_path / "overeenkomst.docx"
    rendered.write_bytes(render_docx(git_repo / AGREEMENT))
    spec = {"author": "Petra Jansen", "edits": [
        {"find": "stappen van artikel 4", "replace": "stappen van artikel 7", "track": True},
        {"find": "minstens een week", "replace": "minstens twee weken", "track": True}]}
    review = uno_review(rendered, tmp_path / "review.docx", spec)
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code == 1, result.output
    assert "Niet toegepast: 1." in result.output and "gegenereerd" in result.output
    after = (git_repo / BESLUIT).read_text(encoding="utf-8")
    assert "stappen van [[conflictdialoog]]" in after
    assert "minstens twee weken" in after


def test_untracked_edit_in_a_plain_copy(git_repo: Path, cli: Cli,
                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(render_docx(git_repo / AGREEMENT),
                                 ("Zo nemen we besluiten", "Zo besluiten we"),
                                 ("dan heeft zij geen overwegend bezwaar.",
                                  "dan heeft zij geen overwegend bezwaar: ook bij twijfel.")))
    result = run(cli, git_repo, monkeypatch, str(review), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Zou wijzigen" in result.output and "titel" in result.output
    assert git(git_repo, "status", "--porcelain") == ""
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code == 0, result.output
    after = (git_repo / BESLUIT).read_text(encoding="utf-8")
    assert "titel: Zo besluiten we\n" in after
    # ": " cannot stand in a plain scalar: the lid is quoted now, and reads back the same.
    assert 'overwegend bezwaar: ook bij twijfel."' in after
    agreement, problems = load_agreement(git_repo / AGREEMENT)
    assert not problems
    members = {m.id: m for m in agreement.articles["besluitvorming"].members}
    assert members["snel-besluiten"].text.endswith("overwegend bezwaar: ook bij twijfel.")


def test_review_of_an_older_version(git_repo: Path, cli: Cli,
                                    monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(render_docx(git_repo / AGREEMENT),
                                 ("minstens een week", "minstens tien dagen")))
    first = git(git_repo, "rev-parse", "HEAD").strip()
    path = git_repo / BESLUIT
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Samen zoeken we dan een beter voorstel.", "Samen zoeken we een beter voorstel."),
        encoding="utf-8")
    git(git_repo, "commit", "-qam", "Tweede versie")
    result = run(cli, git_repo, monkeypatch, str(review), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["base"] == first
    after = path.read_text(encoding="utf-8")
    assert "minstens tien dagen" in after and "Samen zoeken we een beter voorstel." in after


def test_conflicting_working_tree_edit(git_repo: Path, cli: Cli,
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(render_docx(git_repo / AGREEMENT),
                                 ("minstens een week", "minstens tien dagen"),
                                 ("De voorzitter vraagt elke partij",
                                  "De voorzitter vraagt iedere partij")))
    path = git_repo / BESLUIT
    path.write_text(path.read_text(encoding="utf-8").replace("minstens een week",
                                                             "minstens vijf werkdagen"),
                    encoding="utf-8")
    mine = path.read_text(encoding="utf-8")
    result = run(cli, git_repo, monkeypatch, str(review), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    (conflict,) = report["conflicts"]
    assert conflict["member"] == "voorstellen"
    assert "vijf werkdagen" in conflict["working"] and "tien dagen" in conflict["review"]
    after = path.read_text(encoding="utf-8")
    assert "minstens vijf werkdagen" in after  # never overwritten
    assert after == mine.replace("vraagt elke partij", "vraagt iedere partij")


def test_docx_from_another_source(git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                  tmp_path: Path) -> None:
    import docx

    other = docx.Document()
    other.add_paragraph("Artikel 3 – Zo nemen we besluiten")
    path = tmp_path / "ander.docx"
    other.save(str(path))
    result = run(cli, git_repo, monkeypatch, str(path))
    assert result.exit_code == 2
    assert "niet door rechtmakers gemaakt" in result.output
    assert git(git_repo, "status", "--porcelain") == ""


def test_not_a_docx_and_an_unknown_version(git_repo: Path, cli: Cli,
                                           monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    text = tmp_path / "review.docx"
    text.write_text("dit is geen Word-document", encoding="utf-8")
    result = run(cli, git_repo, monkeypatch, str(text))
    assert result.exit_code == 2 and "geen DOCX" in result.output
    data = render_docx(git_repo / AGREEMENT)
    unknown = tmp_path / "onbekend.docx"
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "docProps/core.xml":
                start = content.index(b"sha256:") + 7
                content = content[:start] + b"0" * 64 + content[start + 64:]
            target.writestr(name, content)
    unknown.write_bytes(out.getvalue())
    result = run(cli, git_repo, monkeypatch, str(unknown))
    assert result.exit_code == 2 and "niet bekend" in result.output
    assert git(git_repo, "status", "--porcelain") == ""


def test_base_render_matches_the_writer() -> None:
    from rechtmakers.digest import content_digest
    from rechtmakers.document.build import build_document
    from rechtmakers.inlezen.reader import read_body_xml
    from rechtmakers.render.docx_body import BodyWriter, write_document

    root = Path(__file__).resolve().parents[2] / AGREEMENT
    agreement = load_agreement(root)[0]
    for explanations in (False, True):
        document = build_document(agreement, content_digest(agreement),
                                  explanations=explanations)
        from rechtmakers.inlezen.base import counter as _counter

        writer = BodyWriter(lambda s: s, _counter(), lambda h: "rId1")
        paras = read_body_xml(write_document(writer, document))
        assert len(paras) == writer.count
        assert all(0 <= u.start < u.end <= writer.count for u in writer.units)
        titles = [paras[u.start].text for u in writer.units
                  if u.parts[-1] == ("artikelen/besluitvorming.yaml", ("titel",))]
        assert titles == ["Artikel 3 – Zo nemen we besluiten"]


def test_structured_blocks_and_front_matter(git_repo: Path, cli: Cli,
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(render_docx(git_repo / AGREEMENT),
                                 ("en pas daarna vanuit", "en pas dan vanuit"),
                                 ("de bestuurders van de partijen die het oneens zijn",
                                  "de directeuren van de partijen die het oneens zijn"),
                                 ("Wat heeft deze", "Wat heeft elke"),
                                 ("Eén vraag is ons ", "Eén vraag is steeds ons ")))
    result = run(cli, git_repo, monkeypatch, str(review), "--format", "json")
    assert result.exit_code == 0, result.output
    fields = sorted((c["article"] or "", c["field"])
                    for c in json.loads(result.output)["changes"])
    assert fields == [("", "overeenkomst.yaml: kompas"), ("", "overeenkomst.yaml: overwegingen.6"),
                      ("conflictdialoog", "conflictdialoog.stappen.0.wie"),
                      ("gedrag", "gedrag.helpt.0")]
    meta = (git_repo / AGREEMENT / "overeenkomst.yaml").read_text(encoding="utf-8")
    assert "kompas: Wat heeft elke inwoner" in meta
    assert "  - 'Eén vraag is steeds ons kompas: wat" in meta  # still single-quoted
    assert "    - Vanuit de inwoner denken, en pas dan vanuit de eigen organisatie\n" in (
        git_repo / AGREEMENT / "artikelen" / "gedrag.yaml").read_text(encoding="utf-8")


def strip_bookmarks(data: bytes) -> bytes:
    import re

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = re.sub(rb"<w:bookmark(?:Start|End) [^>]*/>", b"", content)
            target.writestr(name, content)
    return out.getvalue()


def test_without_bookmarks_articles_and_leden_are_found_by_number(
        git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    review = tmp_path / "review.docx"
    review.write_bytes(strip_bookmarks(edit_docx(
        render_docx(git_repo / AGREEMENT), ("minstens een week", "minstens tien dagen"),
        ("De voorzitter vraagt elke partij", "De voorzitter vraagt iedere partij"))))
    assert b"bookmarkStart" not in zipfile.ZipFile(review).read("word/document.xml")
    result = run(cli, git_repo, monkeypatch, str(review), "--format", "json")
    assert result.exit_code == 0, result.output
    members = sorted(c["member"] for c in json.loads(result.output)["changes"])
    assert members == ["consent", "voorstellen"]


def test_a_new_paragraph_joins_the_lid_before_it(git_repo: Path, cli: Cli,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    review = tmp_path / "review.docx"
    end = "Elke partij kan een voorstel indienen.</w:t></w:r></w:p>"
    review.write_bytes(edit_docx(render_docx(git_repo / AGREEMENT),
                                 (end, end + "<w:p><w:r><w:t>Te laat is volgende keer.</w:t>"
                                  "</w:r></w:p>")))
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code == 0, result.output
    after = (git_repo / BESLUIT).read_text(encoding="utf-8")
    assert ("    tekst: |-\n      De penvoerder stuurt elk voorstel minstens een week voor de "
            "vergadering rond. Elke partij kan een voorstel indienen.\n\n"
            "      Te laat is volgende keer.\n  - id: consent\n") in after
    agreement, problems = load_agreement(git_repo / AGREEMENT)
    assert not problems
    members = {m.id: m for m in agreement.articles["besluitvorming"].members}
    assert members["voorstellen"].text.endswith("indienen.\n\nTe laat is volgende keer.")


def test_a_tracked_deletion_of_a_whole_lid_is_named_not_applied(
        git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import re

    data = render_docx(git_repo / AGREEMENT)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    start = xml.index('w:name="lid_besluitvorming__snel_besluiten"')
    p_start = xml.rindex("<w:p>", 0, start)
    p_end = xml.index("</w:p>", start) + len("</w:p>")
    paragraph = xml[p_start:p_end]
    stamp = 'w:id="901" w:author="Petra Jansen" w:date="2026-03-01T10:00:00Z"'
    def gone(match: re.Match[str]) -> str:
        run = match.group(1).replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        return f"<w:del {stamp}><w:r>{run}</w:r></w:del>"

    deleted = re.sub(r"<w:r>(.*?)</w:r>", gone, paragraph)
    deleted = deleted.replace("</w:pPr>", f"<w:rPr><w:del {stamp}/></w:rPr></w:pPr>", 1)
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(data, (paragraph, deleted)))
    result = run(cli, git_repo, monkeypatch, str(review), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    (item,) = report["not_applied"]
    assert item["member"] == "snel-besluiten" and item["author"] in (None, "Petra Jansen")
    assert git(git_repo, "status", "--porcelain") == ""


def test_the_edition_with_explanations(git_repo: Path, cli: Cli,
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    agreement, _ = load_agreement(git_repo / AGREEMENT)
    files = render_agreement(agreement, RenderOptions(formats=("docx",), explanations=True))
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(next(iter(files.values())),
                                 ("Bij consent hoeft niet iedereen",
                                  "Bij consent hoeft niet elke partij"),
                                 ("minstens een week", "minstens tien dagen")))
    result = run(cli, git_repo, monkeypatch, str(review), "--format", "json")
    assert result.exit_code == 0, result.output
    fields = sorted((c["member"] or "", c["field"]) for c in json.loads(result.output)["changes"])
    assert fields == [("", "toelichting"), ("voorstellen", "tekst")]
    after = (git_repo / BESLUIT).read_text(encoding="utf-8")
    assert "toelichting: |\n  Bij consent hoeft niet elke partij enthousiast te zijn." in after


def test_never_writes_through_a_planted_link(git_repo: Path, cli: Cli,
                                             monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(render_docx(git_repo / AGREEMENT),
                                 ("minstens een week", "minstens tien dagen")))
    outside = tmp_path / "elders.yaml"
    path = git_repo / BESLUIT
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code in (1, 2), result.output  # the loader refuses the link: a conflict
    assert "minstens een week" in outside.read_text(encoding="utf-8")
    assert path.is_symlink()


def test_an_edit_that_would_break_the_agreement_is_not_written(
        git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(render_docx(git_repo / AGREEMENT),
                                 ("Artikel 3 – Zo nemen we besluiten", "Artikel 3 – ")))
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code == 1, result.output
    assert "Niets geschreven" in result.output
    assert git(git_repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("body", [
    b"<w:document",  # not XML
    b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>",
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body>" + b"<w:sdt><w:sdtContent>" * 5000 + b"</w:sdtContent></w:sdt>" * 5000
    + b"</w:body></w:document>",
])
def test_hostile_documents_give_a_dutch_message(git_repo: Path, cli: Cli,
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path, body: bytes) -> None:
    source = zipfile.ZipFile(io.BytesIO(render_docx(git_repo / AGREEMENT)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, body if name == "word/document.xml" else source.read(name))
    review = tmp_path / "review.docx"
    review.write_bytes(out.getvalue())
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert git(git_repo, "status", "--porcelain") == ""


def test_the_fast_and_the_careful_paragraph_reader_agree() -> None:
    from rechtmakers.inlezen import package, reader

    data = render_docx(Path(__file__).resolve().parents[2] / AGREEMENT)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    root = package.parse_xml(xml)
    for paragraph in root.iter(f"{package.W}p"):
        fast, careful = reader._BodyReader(), reader._BodyReader()
        fast.plain(paragraph)
        careful.inline(paragraph, present=True)
        fast.end_paragraph()
        careful.end_paragraph()
        assert fast.paras[0].text == careful.paras[0].text
        assert fast.paras[0].bookmarks == careful.paras[0].bookmarks


PRIVACY = AGREEMENT / "artikelen" / "privacy.yaml"


def test_drawn_curly_quotes_are_no_edit(git_repo: Path, cli: Cli,
                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The DOCX shows the source's ' as ’ (drawing-time typography): untouched, that is no
    edit; an edit beside it keeps the source's straight quote, and a quote the reviewer types
    the way the drawing would make it goes in straight."""
    data = render_docx(git_repo / AGREEMENT)
    assert "risico\u2019s voor de privacy" in zipfile.ZipFile(io.BytesIO(data)).read(
        "word/document.xml").decode("utf-8")
    untouched = tmp_path / "untouched.docx"
    untouched.write_bytes(data)
    result = run(cli, git_repo, monkeypatch, str(untouched))
    assert result.exit_code == 0, result.output
    assert "Geen wijzigingen en geen opmerkingen gevonden." in result.output
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(data, ("samen de risico\u2019s", "samen alle risico\u2019s"),
                                 ("regelt dit onderzoek.",
                                  "regelt dit onderzoek, de \u2018DPIA\u2019.")))
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code == 0, result.output
    after = (git_repo / PRIVACY).read_text(encoding="utf-8")
    assert ("onderzoeken we samen alle risico's voor de privacy van inwoners. De AVG noemt "
            "dat een DPIA. De penvoerder regelt dit onderzoek, de 'DPIA'.") in after
    assert "\u2019" not in after and "\u2018" not in after
    agreement, problems = load_agreement(git_repo / AGREEMENT)
    assert not problems


def test_contents_entries_are_marked_and_a_title_edited_two_ways_is_not_applied(
        git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from rechtmakers.inlezen.reader import read_review

    data = render_docx(git_repo / AGREEMENT)
    paras = read_review(data, "r.docx").paras
    entries = [p.text for p in paras if p.contents]
    assert "Artikel 3 – Zo nemen we besluiten" in entries and "Partijen" in entries
    assert [p.text for p in paras if not p.contents].count(
        "Artikel 3 – Zo nemen we besluiten") == 1
    review = tmp_path / "review.docx"
    review.write_bytes(edit_docx(data, ("Zo nemen we besluiten", "Zo besluiten we"),
                                 ("Zo nemen we besluiten", "Zo besluiten wij")))
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code == 1, result.output
    assert "op twee plaatsen verschillend gewijzigd" in result.output
    assert git(git_repo, "status", "--porcelain") == ""

"""Parties as legal persons, annexes and dates: every new rule at its exact place, the digest,
references to annexes and their rendering."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.digest import canonical_form, content_digest
from rechtmakers.render import RenderOptions, render_agreement

DATA = Path(__file__).parent / "data"
Cli = Callable[..., Any]
ANNEX = "bijlagen:\n  - id: plan\n    titel: Plan van aanpak\n    bestand: {file}\n"
# In the minimal agreement, "bestand: …" of the first annex is line 20, its value column 14.
BESTAND = (20, 14)


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "minimal"
    shutil.copytree(DATA / "minimal", root)
    return root


def add_annex(root: Path, file: str = "plan.md", content: bytes | None = b"# Plan\n\nWe doen het.\n"
              ) -> Path:
    meta = root / "overeenkomst.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + ANNEX.format(file=file), encoding="utf-8")
    path = root / "bijlagen" / file
    if content is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return path


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, rel)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings(cli: Cli, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    monkeypatch.chdir(root.parent)
    result = cli("validate", root.name, "--format", "json")
    assert "Traceback" not in result.output
    return [(f["code"], f["severity"], f["file"], f["line"], f["column"])
            for f in json.loads(result.output)]


def test_minimal_with_a_markdown_annex_is_clean(minimal: Path, cli: Cli,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    add_annex(minimal)
    (minimal / "bijlagen" / ".gitkeep").write_bytes(b"")
    assert findings(cli, minimal, monkeypatch) == []


def test_b001_a_listed_annex_that_is_missing(minimal: Path, cli: Cli,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    add_annex(minimal, content=None)
    assert findings(cli, minimal, monkeypatch) == [
        ("B001", "error", "minimal/overeenkomst.yaml", *BESTAND)]


@pytest.mark.parametrize("file", ["../geheim.txt", "/etc/passwd", "bijlagen/plan.md"])
def test_b002_a_path_outside_bijlagen(file: str, minimal: Path, cli: Cli,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    add_annex(minimal, file=file, content=None)
    assert findings(cli, minimal, monkeypatch) == [
        ("B002", "error", "minimal/overeenkomst.yaml", *BESTAND)]


def test_b002_a_symbolic_link(minimal: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = minimal.parent / "geheim.md"
    outside.write_text("geheim\n", encoding="utf-8")
    (minimal / "bijlagen").mkdir()
    os.symlink(outside, minimal / "bijlagen" / "plan.md")
    add_annex(minimal, content=None)
    assert ("B002", "error", "minimal/overeenkomst.yaml", *BESTAND) in findings(
        cli, minimal, monkeypatch)


def test_b002_too_large(minimal: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    add_annex(minimal, file="begroting.pdf", content=b"%PDF" + b"0" * 1_000_000)
    assert findings(cli, minimal, monkeypatch) == [
        ("B002", "error", "minimal/overeenkomst.yaml", BESTAND[0], BESTAND[1])]


def test_b003_markdown_that_is_not_utf8(minimal: Path, cli: Cli,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    add_annex(minimal, content="Café\n".encode("latin-1"))
    assert findings(cli, minimal, monkeypatch) == [
        ("B003", "error", "minimal/overeenkomst.yaml", *BESTAND)]


def test_b004_an_unlisted_file(minimal: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    add_annex(minimal)
    (minimal / "bijlagen" / "oud").mkdir()
    (minimal / "bijlagen" / "oud" / "begroting.pdf").write_bytes(b"%PDF-1.4\n")
    assert findings(cli, minimal, monkeypatch) == [
        ("B004", "warning", "minimal/bijlagen/oud/begroting.pdf", 1, 1)]


def test_p001_a_party_without_legal_details(minimal: Path, cli: Cli,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "    kvk: '99990001'\n", "")
    monkeypatch.chdir(minimal.parent)
    result = cli("validate", "minimal", "--format", "json")
    assert result.exit_code == 0
    [finding] = json.loads(result.output)
    assert (finding["code"], finding["severity"], finding["line"], finding["column"]) == (
        "P001", "warning", 2, 9)
    assert 'Bij de partij "wijkteam" ontbreekt kvk.' in finding["message"]


def test_p002_two_parties_with_one_kvk_number(minimal: Path, cli: Cli,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "kvk: '99990002'", "kvk: '99990001'")
    assert findings(cli, minimal, monkeypatch) == [
        ("P002", "error", "minimal/partijen.yaml", 16, 10)]


@pytest.mark.parametrize("value, code", [("'1234'", "S007"), ("'1234567a'", "S007"),
                                         ("99990001", "S003")])
def test_kvk_is_eight_digits_as_text(value: str, code: str, minimal: Path, cli: Cli,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "kvk: '99990001'", f"kvk: {value}")
    assert findings(cli, minimal, monkeypatch) == [
        (code, "error", "minimal/partijen.yaml", 6, 10)]


def test_legal_form_is_from_the_closed_list(minimal: Path, cli: Cli,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "rechtsvorm: stichting", "rechtsvorm: bvba")
    assert findings(cli, minimal, monkeypatch) == [
        ("S004", "error", "minimal/partijen.yaml", 5, 17)]


def test_legal_form_with_decomposed_accents_is_the_same_word(minimal: Path, cli: Cli,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """An editor that saves coöperatie as o + U+0308 (NFD) names the same legal form."""
    edit(minimal, "partijen.yaml", "rechtsvorm: stichting", "rechtsvorm: coo\u0308peratie")
    assert findings(cli, minimal, monkeypatch) == []


def test_o001_no_effective_date(minimal: Path, cli: Cli,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "overeenkomst.yaml", "ingangsdatum: 2026-04-01\n", "")
    assert findings(cli, minimal, monkeypatch) == [
        ("O001", "warning", "minimal/overeenkomst.yaml", 5, 1)]


def test_o002_end_before_start(minimal: Path, cli: Cli,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "overeenkomst.yaml", "ingangsdatum: 2026-04-01\n",
         "ingangsdatum: 2026-04-01\neinddatum: 2026-03-31\n")
    monkeypatch.chdir(minimal.parent)
    result = cli("validate", "minimal", "--format", "json")
    [finding] = json.loads(result.output)
    assert (finding["code"], finding["line"], finding["column"]) == ("O002", 7, 12)
    assert "31 maart 2026" in finding["message"] and "1 april 2026" in finding["message"]


def test_i003_an_annex_with_the_id_of_an_article(minimal: Path, cli: Cli,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    add_annex(minimal)
    edit(minimal, "overeenkomst.yaml", "  - id: plan\n", "  - id: doel\n")
    assert findings(cli, minimal, monkeypatch) == [
        ("I003", "error", "minimal/overeenkomst.yaml", 18, 9)]


def test_references_to_an_annex(minimal: Path, cli: Cli,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    add_annex(minimal)
    doel = (minimal / "artikelen" / "doel.yaml").read_text(encoding="utf-8")
    edit(minimal, "artikelen/doel.yaml", "tekst: |\n",
         "tekst: |\n  Zie [[plan]] en [[plan.stap]].\n")
    found = findings(cli, minimal, monkeypatch)
    line = doel.splitlines().index("tekst: |") + 2
    assert found == [("R004", "error", "minimal/artikelen/doel.yaml", line, 19)]
    edit(minimal, "artikelen/doel.yaml", " en [[plan.stap]]", "")
    agreement, problems = load_agreement(minimal)
    files = render_agreement(agreement, RenderOptions(formats=("md",)))
    markdown = next(iter(files.values())).decode()
    assert re.search(r"Zie \[bijlage 1\]\(#[a-z0-9-]+\)\.", markdown), markdown


def test_render_lists_annexes_and_includes_markdown(minimal: Path) -> None:
    add_annex(minimal)
    pdf = b"%PDF-1.4 begroting\n"
    (minimal / "bijlagen" / "begroting.pdf").write_bytes(pdf)
    edit(minimal, "overeenkomst.yaml", "    bestand: plan.md\n",
         "    bestand: plan.md\n  - id: begroting\n    titel: Begroting 2026\n"
         "    bestand: begroting.pdf\n")
    agreement, problems = load_agreement(minimal)
    assert problems == []
    files = render_agreement(agreement, RenderOptions(formats=("md", "html")))
    markdown, html = (files[f"minimal/minimal.{ext}"].decode() for ext in ("md", "html"))
    import hashlib

    sha = hashlib.sha256(pdf).hexdigest()
    assert "## Bijlagen" in markdown and "## Bijlage 1 – Plan van aanpak" in markdown
    assert "We doen het." in markdown
    assert f"**Bijlage 2 – Begroting 2026**: het bestand `begroting.pdf` met SHA-256 `{sha}`." \
        in markdown
    assert "## Bijlage 2" not in markdown
    assert 'id="bijlage-1"' in html and 'id="bijlage-2"' in html and sha in html
    assert "**Stichting Wijkteam**, gevestigd te Voorbeeld (KvK\u00a099990001), hierna ook: de " \
        "penvoerder, rechtsgeldig vertegenwoordigd door Anna Jansen, directeur-bestuurder;" \
        in markdown
    assert "Deze overeenkomst gaat in op 1 april 2026." in markdown
    assert "Plaats: ______" in markdown


# The digest.

def digest(root: Path) -> str:
    agreement, problems = load_agreement(root)
    assert problems == [], problems
    return content_digest(agreement)


def test_no_annexes_leave_the_canonical_form_as_it_was(minimal: Path) -> None:
    agreement, _ = load_agreement(minimal)
    assert "bijlagen" not in canonical_form(agreement)["overeenkomst"]


def test_the_digest_covers_annex_bytes(minimal: Path) -> None:
    path = add_annex(minimal, file="begroting.pdf", content=b"%PDF-1.4 eerste\n")
    before = digest(minimal)
    path.write_bytes(b"%PDF-1.4 tweede\n")
    assert digest(minimal) != before


def test_markdown_line_ends_do_not_count(minimal: Path) -> None:
    path = add_annex(minimal, content=b"# Plan\n\nWe doen het.\n")
    before = digest(minimal)
    path.write_bytes(b"# Plan\r\n\r\nWe doen het.\r\n")
    assert digest(minimal) == before
    path.write_bytes(b"# Plan\n\nWe doen het anders.\n")
    assert digest(minimal) != before


@pytest.mark.parametrize("old, new", [("rechtsvorm: stichting", "rechtsvorm: vereniging"),
                                      ("kvk: '99990001'", "kvk: '99990009'"),
                                      ("vestigingsplaats: Voorbeeld\n    vert",
                                       "vestigingsplaats: Almere\n    vert"),
                                      ("soort: welzijn\n",
                                       "soort: welzijn\n    adres: Dorpsstraat 1\n")])
def test_the_digest_covers_legal_details(old: str, new: str, minimal: Path) -> None:
    before = digest(minimal)
    edit(minimal, "partijen.yaml", old, new)
    assert digest(minimal) != before


@pytest.mark.parametrize("old, new", [("naam: Anna Jansen", "naam: Anna de Jong"),
                                      ("functie: directeur", "functie: bestuurder"),
                                      ("soort: welzijn\n",
                                       "soort: welzijn\n    bevoegdheid: gezamenlijk\n")])
def test_the_digest_leaves_out_representatives(old: str, new: str, minimal: Path) -> None:
    before = digest(minimal)
    edit(minimal, "partijen.yaml", old, new)
    assert digest(minimal) == before


@pytest.mark.parametrize("old, new", [("datum: 2026-03-01\n",
                                       "datum: 2026-03-01\neinddatum: 2030-03-31\n"),
                                      ("ingangsdatum: 2026-04-01", "ingangsdatum: 2026-05-01")])
def test_the_digest_covers_dates(old: str, new: str, minimal: Path) -> None:
    before = digest(minimal)
    edit(minimal, "overeenkomst.yaml", old, new)
    assert digest(minimal) != before


def test_a_past_version_reads_annexes_from_memory(minimal: Path) -> None:
    add_annex(minimal, file="begroting.pdf", content=b"%PDF-1.4\n")
    files = {p.relative_to(minimal).as_posix(): p.read_bytes()
             for p in minimal.rglob("*") if p.is_file()}
    on_disk = digest(minimal)
    shutil.rmtree(minimal / "bijlagen")
    agreement, problems = load_agreement(minimal, files)
    assert problems == [] and content_digest(agreement) == on_disk
    del files["bijlagen/begroting.pdf"]
    agreement, _ = load_agreement(minimal, files)
    assert [issue.kind for issue in agreement.annex_issues] == ["missing"]


def test_init_asks_for_the_legal_details(cli: Cli, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("init", "nieuw", "-p", "a:A:zorg", "-p", "gem:Gemeente X:gemeente", "-q")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "nieuw" / "partijen.yaml").read_text(encoding="utf-8")
    assert "    rechtsvorm: gemeente\n" in text and "# kvk: '12345678'" in text
    meta = (tmp_path / "nieuw" / "overeenkomst.yaml").read_text(encoding="utf-8")
    assert "\ningangsdatum: " in meta and "# bijlagen:" in meta
    found = findings(cli, tmp_path / "nieuw", monkeypatch)
    assert not [f for f in found if f[1] == "error"]
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("  - id: ")]
    assert [f[3] for f in found if f[0] == "P001"] == starts == [3, starts[1]]


@pytest.mark.parametrize("name, form, expected", [
    ("De Schoor", "stichting", "Stichting De Schoor"),
    ("Woonstichting De Polderhuizen", "stichting", "Woonstichting De Polderhuizen"),
    ("gemeente Almere", "gemeente", "Gemeente Almere"),
    ("Zorggroep", "bv", "Zorggroep B.V."),
    ("Zorggroep B.V.", "bv", "Zorggroep B.V."),
    ("GGD Flevoland", "openbaar lichaam", "Openbaar lichaam GGD Flevoland"),
    ("De Staat der Nederlanden", "staat", "De Staat der Nederlanden"),
    ("De Schoor", None, "De Schoor"),
])
def test_legal_name(name: str, form: str | None, expected: str) -> None:
    from rechtmakers.document.labels import legal_name

    assert legal_name(name, form) == expected

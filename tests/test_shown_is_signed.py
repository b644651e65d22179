"""Issue 21: what is signed is what is shown. The attacks on the digest, each as a test.

Every case has an honest twin: the same text written so that the documents show what the YAML
reads validates cleanly and keeps (or changes) the digest as a reader would expect.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.digest import content_digest
from rechtmakers.findings import Severity
from rechtmakers.validate import validate_agreement

DATA = Path(__file__).parent / "data"
HEAD = "id: doel\ntitel: Waarom we samenwerken\nonderwerp: doel\nversie: 1\ntekst: |\n"
LIST = "Zo betalen we:\n\n- elke partij naar rato;\n- de gemeente de rest.\n\n"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "agreements" / "minimal"
    shutil.copytree(DATA / "minimal", target)
    monkeypatch.chdir(tmp_path)
    return target


def write(root: Path, text: str) -> None:
    body = "".join(f"  {line}\n" if line else "\n" for line in text.split("\n"))
    (root / "artikelen" / "doel.yaml").write_text(HEAD + body, encoding="utf-8")


def digest(root: Path) -> str:
    return content_digest(load_agreement(root)[0])


def found(root: Path, prefix: str = "") -> list[tuple[str, int, int, Severity]]:
    return [(f.code, f.location.line, f.location.column, f.severity)
            for f in validate_agreement(root).findings if f.code.startswith(prefix)]


def test_indenting_a_paragraph_into_a_list_item_changes_the_digest(root: Path) -> None:
    write(root, LIST + "Zilveren Kruis betaalt niet mee.")
    before = digest(root)
    write(root, LIST + "  Zilveren Kruis betaalt niet mee.")  # now part of the last item
    assert digest(root) != before
    assert found(root, "M") == []  # a legitimate list item paragraph: no finding


def test_rewrapping_keeps_the_digest(root: Path) -> None:  # the honest twin
    write(root, LIST + "Zilveren Kruis betaalt\nniet mee.")
    before = digest(root)
    write(root, LIST + "Zilveren Kruis  betaalt niet\nmee.")
    assert digest(root) == before


def test_an_indented_code_block_is_refused_and_changes_the_digest(root: Path) -> None:
    write(root, "Elke partij betaalt mee.\n\nZilveren Kruis betaalt **niet** mee.")
    before = digest(root)
    assert found(root, "M") == []
    write(root, "Elke partij betaalt mee.\n\n    Zilveren Kruis betaalt **niet** mee.")
    assert digest(root) != before
    assert found(root, "M") == [("M001", 8, 7, Severity.ERROR)]


def test_a_setext_heading_is_refused_and_differs_from_a_rule(root: Path) -> None:
    write(root, "Wat we afspreken.\n\n---")
    rule = digest(root)
    assert found(root, "M") == []
    write(root, "Wat we afspreken.\n---")
    assert digest(root) != rule
    assert found(root, "M") == [("M002", 7, 3, Severity.ERROR)]


def test_raw_html_is_refused_at_its_place(root: Path) -> None:
    write(root, "Elke partij betaalt <b>naar rato</b> mee.")
    assert [f[:3] for f in found(root, "M")] == [("M003", 6, 23), ("M003", 6, 35)]
    write(root, "Elke partij betaalt **naar rato** mee. Minder dan 5 < 10 is geen HTML.")
    assert found(root, "M") == []


def test_a_link_reference_definition_is_refused_and_not_signed(root: Path) -> None:
    write(root, "Elke partij betaalt mee.")
    plain = digest(root)
    write(root, "Elke partij betaalt mee.\n\n[geheim]: <Zilveren Kruis draagt alle tekorten "
                "van het plan> 'zonder grens, ook na opzegging'")
    assert found(root, "M") == [("M004", 8, 3, Severity.ERROR)]
    assert digest(root) == plain  # what no document shows is not in the digest either
    write(root, "Zie [de regels](https://voorbeeld.example/regels).")
    assert found(root, "M") == []


@pytest.mark.parametrize(("entity", "column"), [("&#x202E;", 32), ("&shy;", 32),
                                                ("&ZeroWidthSpace;", 32), ("&#8206;", 32)])
def test_an_entity_for_an_invisible_character_is_an_error_at_its_line(
        root: Path, entity: str, column: int) -> None:
    write(root, f"Elke partij betaalt per jaar {entity}00,001 euro.")
    assert ("H002", 6, column, Severity.ERROR) in found(root, "H")


def test_visible_entities_and_escaped_ones_pass(root: Path) -> None:
    write(root, "Vrij &amp; open, 100&nbsp;euro, `&shy;` en \\&#x202E; staan er gewoon.")
    assert found(root, "H") == [] and found(root, "M") == []


def test_a_raw_bidi_override_is_an_error(root: Path) -> None:
    write(root, "Wij betalen binnen \u202e03\u202c dagen.")
    assert ("H002", 6, 22, Severity.ERROR) in found(root, "H")


@pytest.mark.parametrize(("text", "code"), [
    ("De arbeidsongeschiktheids\u00adverzekering loopt door.", "H004"),  # a long word
    ("Een kort\u00adwoord.", "H002"),
    ("Een zo\u200bals hier.", "H002"),
    ("Een par\u200ctij.", "H002"),  # Latin letters need no joiner: two words look the same
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "H004"),  # Persian needs it
    ("Samen \U0001F469\u200d\U0001F4BB werken.", "H004"),  # an emoji sequence
])
def test_zero_width_and_soft_hyphen_only_warn_where_a_word_needs_them(
        root: Path, text: str, code: str) -> None:
    write(root, text)
    codes = {f[0] for f in found(root, "H")}
    assert codes == {code}
    severity = {f[3] for f in found(root, "H")}
    assert severity == {Severity.WARNING if code == "H004" else Severity.ERROR}


def test_the_sample_has_no_markdown_or_hidden_findings(sample_dir: Path) -> None:
    assert not [f for f in validate_agreement(sample_dir).findings
                if f.code.startswith(("M", "H"))]

"""Messages that fix what they point at: each mistake of issue 24 is named at its exact place,
and doing what the message (or its quick fix) says makes the file load."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp

from rechtmakers.lsp.actions import fixes_for
from rechtmakers.lsp.engine import read_file
from rechtmakers.lsp.positions import Lines, finding_range

# The sample as these tests were written against it: the sample itself changes with its text.
SAMPLE = Path(__file__).resolve().parent / "data" / "positief-gezond-almere"
ARTICLE = (SAMPLE / "artikelen" / "besluitvorming.yaml").read_text(encoding="utf-8")
DIALOGUE = (SAMPLE / "artikelen" / "conflictdialoog.yaml").read_text(encoding="utf-8")
PARTIES = (SAMPLE / "partijen.yaml").read_text(encoding="utf-8")


def problems(rel: str, text: str) -> list[tuple[str, int, int, str]]:
    read = read_file(SAMPLE, rel, text.encode("utf-8"))
    return [(code, p.location.line, p.location.column, p.message) for code, p in read.problems]


def fixed(rel: str, text: str) -> str:
    """The text after the first quick fix of the file's first finding."""
    ((code, line, column, message), *_) = problems(rel, text)
    lines = Lines(text)
    diagnostic = lsp.Diagnostic(range=finding_range(lines, None, line, column), message=message,
                                code=code, source="rechtmakers")
    fixes = fixes_for(diagnostic, text.split("\n"))
    assert fixes, f"geen reparatie voor: {message}"
    _, edits = fixes[0]
    rows = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        start, end = edit.range.start, edit.range.end
        rows[start.line] = rows[start.line][:start.character] + edit.new_text + \
            rows[end.line][end.character:]
    return "\n".join(rows)


def loads(rel: str, text: str) -> bool:
    return read_file(SAMPLE, rel, text.encode("utf-8")).model is not None


@pytest.mark.parametrize(("old", "new", "position", "words"), [
    ("titel: Zo nemen we besluiten", "titel: 'Zo'n samenwerking'", (3, 11),
     "Schrijf een ' binnen de tekst dubbel ('')"),
    ("titel: Zo nemen we besluiten", "titel: 'Waarom we 't samen doen'", (3, 19),
     "sluit de tekst al"),
    ("titel: Zo nemen we besluiten", 'titel: "De stuurgroep heet "het overleg" voortaan"',
     (3, 28), "Gebruik enkele aanhalingstekens"),
])
def test_quote_inside_quoted_text(old: str, new: str, position: tuple[int, int],
                                  words: str) -> None:
    text = ARTICLE.replace(old, new)
    ((code, line, column, message),) = problems("artikelen/besluitvorming.yaml", text)
    assert (code, line, column) == ("Y001", *position)
    assert words in message and "inspringing" not in message
    repaired = fixed("artikelen/besluitvorming.yaml", text)
    assert loads("artikelen/besluitvorming.yaml", repaired)
    assert new[len("titel: ") + 1:-1] in repaired.replace("''", "'")


def test_tekst_indented_one_too_far_says_align_not_quote() -> None:
    text = ARTICLE.replace("  - id: consent\n    tekst:", "  - id: consent\n     tekst:")
    line = text.split("\n").index("     tekst: Een besluit staat als geen partij een "
                                  "overwegend bezwaar heeft. De voorzitter vraagt elke partij "
                                  "apart om haar reactie.") + 1
    ((code, at, column, message),) = problems("artikelen/besluitvorming.yaml", text)
    assert (code, at, column) == ("Y001", line, 6)
    assert "1 spatie te ver" in message and 'tot onder "id"' in message
    assert "aanhalingstekens" not in message
    assert fixed("artikelen/besluitvorming.yaml", text) == ARTICLE


def test_termijn_indented_too_little_in_a_step_is_no_new_step() -> None:
    rows = DIALOGUE.split("\n")
    index = next(i for i, row in enumerate(rows) if row.strip().startswith("termijn:"))
    rows[index] = rows[index][1:]
    text = "\n".join(rows)
    ((code, at, column, message),) = problems("artikelen/conflictdialoog.yaml", text)
    assert (code, at, column) == ("Y001", index + 1, len(rows[index]) -
                                  len(rows[index].lstrip()) + 1)
    assert "te weinig in" in message and '"- "' not in message
    assert fixed("artikelen/conflictdialoog.yaml", text) == DIALOGUE


def test_block_whose_first_line_is_indented_further_says_how_far() -> None:
    text = ARTICLE.replace("tekst: |\n  We nemen", "tekst: |\n    We nemen")
    ((code, at, column, message),) = problems("artikelen/besluitvorming.yaml", text)
    assert (code, at, column) == ("Y001", 7, 5)
    assert "springt 4 spaties in" in message and "2 spaties" in message
    assert fixed("artikelen/besluitvorming.yaml", text) == ARTICLE


def test_dash_right_after_a_key() -> None:
    text = ARTICLE.replace("titel: Zo nemen we besluiten", "titel: - We willen samen leren")
    ((code, at, column, message),) = problems("artikelen/besluitvorming.yaml", text)
    assert (code, at, column) == ("Y001", 3, 8)
    assert "lijst" in message and "niet geldig" not in message
    repaired = fixed("artikelen/besluitvorming.yaml", text)
    assert "titel: '- We willen samen leren'" in repaired
    assert loads("artikelen/besluitvorming.yaml", repaired)


def test_unquoted_kvk_says_to_quote_it() -> None:
    text = PARTIES.replace("kvk: '99990001'", "kvk: 99991001")
    ((code, at, column, message),) = problems("partijen.yaml", text)
    assert (code, at, column) == ("S003", 7, 10)
    assert 'Zet het tussen aanhalingstekens: "99991001".' in message
    assert fixed("partijen.yaml", text) == PARTIES.replace("kvk: '99990001'",
                                                          'kvk: "99991001"')
    assert loads("partijen.yaml", fixed("partijen.yaml", text))


def test_versie_with_a_point_says_whole_number() -> None:
    text = ARTICLE.replace("versie: 1", "versie: 1.1")
    ((code, at, column, message),) = problems("artikelen/besluitvorming.yaml", text)
    assert (code, at, column) == ("S003", 5, 9)
    assert "heel getal" in message and "versie: 2" in message
    assert fixed("artikelen/besluitvorming.yaml", text) == ARTICLE.replace("versie: 1",
                                                                           "versie: 2")


@pytest.mark.parametrize(("old", "new"), [
    ("email: m.voskuil@ggd-flevoland.example", "email: joost-at-deschoor"),
    ("kvk: '99990001'", "kvk: '9999'"),
])
def test_a_nested_error_gives_no_bogus_empty_list(old: str, new: str) -> None:
    found = problems("partijen.yaml", PARTIES.replace(old, new))
    assert len(found) == 1
    assert not any("is leeg" in message for *_, message in found)

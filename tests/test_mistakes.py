"""Mistakes a new user makes, each pointed out where it was made, with nothing else besides:
binding text cut by a ` #` comment, malformed references, and no findings that only follow
from a file that did not load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rechtmakers.validate import validate_agreement

MINIMAL = Path(__file__).parent / "data" / "minimal"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings(root: Path) -> list[tuple[str, str, int, int]]:
    report = validate_agreement(root)
    return [(f.code, f.location.file.name, f.location.line, f.location.column)
            for f in report.findings]


def messages(root: Path, code: str) -> list[str]:
    return [f.message for f in validate_agreement(root).findings if f.code == code]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), [
    ("artikelen/doel.yaml", "titel: Waarom we samenwerken",
     "titel: Waarom we samenwerken #1 en #2", ("Y015", "doel.yaml", 2, 30)),
    ("artikelen/besluitvorming.yaml",
     "    tekst: Een besluit staat als niemand een groot bezwaar heeft.",
     "    tekst: Een besluit staat als niemand bezwaar indient #2.",
     ("Y015", "besluitvorming.yaml", 9, 58)),
    ("overeenkomst.yaml", "  - Wij werken samen voor de inwoners van de wijk.",
     '  - "Wij werken samen voor de inwoners" #wijk', ("Y015", "overeenkomst.yaml", 10, 41)),
    ("begrippen.yaml", "betekenis: Het overleg van alle partijen.",
     "betekenis: Het overleg #1 van alle partijen.", ("Y015", "begrippen.yaml", 3, 28)),
    ("artikelen/inwonerperspectief.yaml", "      wanneer: Bij elk overleg van de stuurgroep.",
     "      wanneer: Bij elk overleg # van de stuurgroep.",
     ("Y015", "inwonerperspectief.yaml", 11, 32)),
])
def test_text_cut_by_a_comment_is_an_error_at_the_hash(minimal: Path, rel: str, old: str,
                                                       new: str, expected: tuple) -> None:
    edit(minimal, rel, old, new)
    assert [f for f in findings(minimal) if f[0].startswith("Y")] == [expected]
    message = messages(minimal, "Y015")[0]
    assert "commentaar" in message and "valt weg" in message


def test_comments_after_codes_and_on_their_own_line_are_fine(minimal: Path) -> None:
    edit(minimal, "artikelen/doel.yaml", "versie: 1", "versie: 1  # verhogen bij wijziging")
    edit(minimal, "artikelen/doel.yaml", "onderwerp: doel", "# het onderwerp\nonderwerp: doel "
         "# vaste waarde")
    edit(minimal, "artikelen/doel.yaml", "  Wij willen dat", "  #1: Wij willen dat")
    assert findings(minimal) == []


@pytest.mark.parametrize(("written", "column", "words"), [
    ("[[besluitvorming]", 33, "opent met [[ maar sluit niet"),
    ("[besluitvorming]]", 48, "sluit met ]] maar opent niet"),
    ("[[ besluitvorming ]]", 33, "spaties binnen de haken"),
    ("[[besluitvorming.]]", 33, "ontbreekt het kenmerk voor of na de punt"),
    ("[[.besluitvorming]]", 33, "ontbreekt het kenmerk voor of na de punt"),
    ("@ besluitvorming", 33, "Na @ hoort het kenmerk van een partij"),
])
def test_malformed_references_are_errors_where_they_stand(minimal: Path, written: str,
                                                          column: int, words: str) -> None:
    edit(minimal, "artikelen/doel.yaml", "[[besluitvorming]]", written)
    assert findings(minimal) == [("R007", "doel.yaml", 7, column)]
    assert words in messages(minimal, "R007")[0]


def test_broken_file_raises_nothing_that_only_follows_from_it(minimal: Path) -> None:
    # "groot bezwaar" is used only in besluitvorming.yaml; "ontbinden" is explained only in
    # begrippen.yaml. Neither file loads: only their own errors are reported.
    edit(minimal, "begrippen.yaml", "begrippen:\n", "begrippen:\n  - term: groot bezwaar\n"
         "    betekenis: Een bezwaar dat het doel raakt.\n")
    edit(minimal, "artikelen/besluitvorming.yaml", "titel: Zo", "titel Zo")
    assert findings(minimal) == [("Y001", "besluitvorming.yaml", 2, 1)]
    edit(minimal, "artikelen/doel.yaml", "Wij willen", "Een partij kan ontbinden. Wij willen")
    edit(minimal, "begrippen.yaml", "  - term: stuurgroep", "  - term: stuurgroep\n"
         "  - term: ontbinden\n    betekenis: stoppen.\n  - term stuk")
    assert [f[0] for f in findings(minimal)] == ["Y001", "Y001"]


def test_schema_error_also_silences_follow_on_findings(minimal: Path) -> None:
    edit(minimal, "begrippen.yaml", "begrippen:\n", "begrippen:\n  - term: groot bezwaar\n"
         "    betekenis: Een bezwaar dat het doel raakt.\n")
    edit(minimal, "artikelen/besluitvorming.yaml", "versie: 1", "versie: een")
    assert [f[0] for f in findings(minimal)] == ["S003"]


@pytest.mark.parametrize("rel", ["overeenkomst.yaml", "partijen.yaml", "begrippen.yaml",
                                 "artikelen/doel.yaml", "artikelen/besluitvorming.yaml",
                                 "artikelen/partijen.yaml", "artikelen/inwonerperspectief.yaml",
                                 "artikelen/conflictdialoog.yaml"])
def test_any_broken_file_gives_only_its_own_error(minimal: Path, rel: str) -> None:
    path = minimal / rel
    path.write_text(path.read_text(encoding="utf-8").replace(":", "", 1), encoding="utf-8")
    assert [(code, name) for code, name, _, _ in findings(minimal)] == \
        [("Y001", Path(rel).name)]

"""Matching articles by id and naming each kind of change."""

from __future__ import annotations

import pytest
from diffhelp import ORDER, Versions

from rechtmakers.diff.order import document_order, longest_increasing, moved_articles
from rechtmakers.diff.words import new_text, old_text

NEW_ARTICLE = """id: samen-leren
titel: Zo leren we samen
onderwerp: overig
versie: 1
tekst: |
  We leren van elke casus. De stuurgroep bespreekt wat werkte, zoals [[looptijd.evaluatie]]
  beschrijft.
"""


def kinds(versions: Versions) -> dict[str, tuple[str, ...]]:
    return {a.id: a.kinds for a in versions.compare().articles if a.kinds}


def changed_words(edits: tuple) -> list[tuple[str, str]]:
    return [(e.op, e.text) for e in edits if e.op != "equal"]


def test_same_version_has_no_changes(versions: Versions) -> None:
    comparison = versions.compare()
    assert comparison.is_empty
    assert comparison.changes == []
    assert not comparison.binding_changed


def test_changed_text_gives_word_edits(versions: Versions) -> None:
    versions.edit("artikelen/besluitvorming.yaml", "Een besluit gaat door",
                  "Een voorstel gaat door")
    comparison = versions.compare()
    [change] = comparison.changes
    assert (change.article, change.kind, change.substantive) == ("besluitvorming", "changed",
                                                                  True)
    assert (change.number_old, change.number_new) == (3, 3)
    assert changed_words(change.edits) == [("delete", "besluit"), ("insert", "voorstel")]
    assert comparison.binding_changed


def test_edits_cover_the_rendered_text_with_references_resolved(versions: Versions) -> None:
    versions.edit("artikelen/besluitvorming.yaml", "Een besluit gaat door",
                  "Een voorstel gaat door")
    [article] = [a for a in versions.compare().articles if a.kinds]
    old, new = old_text(article.edits), new_text(article.edits)
    assert old.startswith("Zo nemen we besluiten\nWe nemen besluiten samen in de stuurgroep.")
    assert "de stappen van artikel 4." in new and "[[" not in new
    assert "\n3.2 Een besluit staat als geen partij" in new
    assert "Hoe: consent\n" in new
    assert old.replace("Een besluit gaat door", "Een voorstel gaat door") == new


def test_member_change_is_shown_in_its_numbered_line(versions: Versions) -> None:
    versions.edit("artikelen/besluitvorming.yaml", "drie werkdagen", "vijf werkdagen")
    [article] = [a for a in versions.compare().articles if a.kinds]
    assert changed_words(article.edits) == [("delete", "drie"), ("insert", "vijf")]
    assert "\n3.4 Moet er snel een besluit komen" in new_text(article.edits)


def test_added_article_renumbers_the_rest_without_moving_them(versions: Versions) -> None:
    versions.write("artikelen/samen-leren.yaml", NEW_ARTICLE)
    versions.order(*ORDER[:2], "samen-leren", *ORDER[2:])
    found = kinds(versions)
    assert found["samen-leren"] == ("added",)
    assert found["besluitvorming"] == ("changed", "renumbered")  # its [[…]] now reads artikel 5
    assert found["inwonerperspectief"] == ("renumbered",)
    assert "doel" not in found or "renumbered" not in found["doel"]
    assert not any("moved" in k for k in found.values())


def test_references_to_renumbered_articles_change_but_not_substantively(
        versions: Versions) -> None:
    versions.write("artikelen/samen-leren.yaml", NEW_ARTICLE)
    versions.order(*ORDER[:2], "samen-leren", *ORDER[2:])
    comparison = versions.compare()
    doel = next(c for c in comparison.changes if c.article == "doel")
    assert (doel.kind, doel.substantive) == ("changed", False)
    assert changed_words(doel.edits) == [("delete", "5"), ("insert", "6"), ("delete", "15"),
                                         ("insert", "16"), ("delete", "14"), ("insert", "15")]
    added = next(c for c in comparison.changes if c.article == "samen-leren")
    assert added.number_new == 3 and added.number_old is None


def test_removed_article_keeps_its_place(versions: Versions) -> None:
    (versions.new / "artikelen" / "financiering.yaml").unlink()
    versions.order(*(a for a in ORDER if a != "financiering"))
    comparison = versions.compare()
    ids = [a.id for a in comparison.articles]
    assert ids.index("financiering") == ids.index("veranderende-omstandigheden") + 1
    removed = next(c for c in comparison.changes if c.article == "financiering")
    assert (removed.kind, removed.number_old, removed.number_new) == ("removed", 9, None)
    berichten = next(a for a in comparison.articles if a.id == "berichten")  # no [[financiering]]
    assert berichten.kinds == ("renumbered",) and not berichten.substantive


def test_moving_one_article_marks_only_that_one(versions: Versions) -> None:
    versions.order("gedrag", *(a for a in ORDER if a != "gedrag"))
    found = kinds(versions)
    assert "moved" in found["gedrag"]
    assert [a for a, k in found.items() if "moved" in k] == ["gedrag"]
    assert found["instappen"] == ("renumbered",) or "renumbered" in found["instappen"]
    assert "financiering" not in found or "renumbered" not in found["financiering"]


def test_moved_and_changed(versions: Versions) -> None:
    versions.order("gedrag", *(a for a in ORDER if a != "gedrag"))
    versions.edit("artikelen/gedrag.yaml", "binnen een week", "binnen twee weken")
    gedrag = next(a for a in versions.compare().articles if a.id == "gedrag")
    assert gedrag.kinds == ("changed", "moved")
    assert gedrag.substantive
    assert (gedrag.number_old, gedrag.number_new) == (7, 1)
    assert [c.kind for c in gedrag.changes()] == ["changed", "moved"]
    assert not gedrag.changes()[1].edits


def test_explanation_only_is_apart_and_not_binding(versions: Versions) -> None:
    versions.edit("artikelen/besluitvorming.yaml", "Bij consent hoeft niet iedereen",
                  "Bij consent hoeft echt niet iedereen")
    comparison = versions.compare()
    assert comparison.changes == []
    [article] = comparison.explanations
    assert article.id == "besluitvorming"
    assert changed_words(article.explanation or ()) == [("insert", "echt ")]
    assert not comparison.binding_changed


def test_title_change(versions: Versions) -> None:
    versions.edit("artikelen/gedrag.yaml", "titel: ", "titel: Nieuw en ")
    [change] = versions.compare().changes
    assert change.kind == "changed" and change.title.startswith("Nieuw en ")
    assert changed_words(change.edits) == [("insert", "Nieuw en ")]


def test_reversed_order_keeps_one_article(versions: Versions) -> None:
    assert len(moved_articles(list("abcde"), list("edcba"))) == 4


def test_rewrapped_text_is_no_change(versions: Versions) -> None:
    versions.edit("artikelen/besluitvorming.yaml", "in de stuurgroep. We werken",
                  "in de stuurgroep.\n  We werken")
    assert versions.compare().changes == []


def test_version_only_is_binding_but_not_substantive(versions: Versions) -> None:
    # The article's versie is part of the digest: a sign-off of the old version is stale.
    versions.edit("artikelen/gedrag.yaml", "versie: 2", "versie: 3")
    comparison = versions.compare()
    (change,) = comparison.changes
    assert (change.article, change.kind, change.binding, change.substantive) == (
        "gedrag", "changed", True, False)
    assert comparison.binding_changed
    gedrag = next(a for a in comparison.articles if a.id == "gedrag")
    assert (gedrag.version_old, gedrag.version_new) == (2, 3)


def test_metadata_changes(versions: Versions) -> None:
    versions.edit("overeenkomst.yaml", "versie: 1.1.0", "versie: 1.2.0")
    versions.edit("overeenkomst.yaml", "Almere groeit snel.", "Almere groeit hard.")
    versions.edit("partijen.yaml", "functie: directeur-bestuurder",
                  "functie: bestuurder")
    versions.edit("begrippen.yaml", "van jong tot oud", "van jong tot heel oud")
    found = {(m.field, m.kind, m.subject): m for m in versions.compare().metadata}
    assert found[("versie", "changed", None)].new == "1.2.0"
    assert found[("versie", "changed", None)].binding  # part of the digest
    overwegingen = found[("overwegingen", "changed", None)]
    assert overwegingen.binding
    assert changed_words(overwegingen.edits) == [("delete", "snel"), ("insert", "hard")]
    assert not found[("vertegenwoordigers", "changed", "de-schoor")].binding
    assert found[("begrip", "changed", "inwoner")].binding


def test_party_added_and_removed(versions: Versions) -> None:
    versions.edit("partijen.yaml", "id: de-schoor", "id: de-schoor-nieuw")
    found = {(m.field, m.kind, m.subject) for m in versions.compare().metadata}
    assert ("partij", "removed", "de-schoor") in found
    assert ("partij", "added", "de-schoor-nieuw") in found


@pytest.mark.parametrize(("old", "new", "moved"), [
    ("abcde", "abcde", ""),
    ("abcde", "eabcd", "e"),
    ("abcde", "bcdea", "a"),
    ("abcde", "abXcde", ""),
    ("abcde", "acde", ""),
    ("abcde", "adbce", "d"),
    ("abcde", "dabce", "d"),
])
def test_moved_uses_the_longest_kept_order(old: str, new: str, moved: str) -> None:
    assert moved_articles(list(old), list(new)) == set(moved)


def test_longest_increasing() -> None:
    key = {c: i for i, c in enumerate("abcdefgh")}
    assert longest_increasing(list("cadbefhg"), key) in ({"a", "b", "e", "f", "g"},
                                                         {"a", "b", "e", "f", "h"},
                                                         {"a", "d", "e", "f", "g"},
                                                         {"a", "d", "e", "f", "h"},
                                                         {"c", "d", "e", "f", "g"},
                                                         {"c", "d", "e", "f", "h"})
    assert longest_increasing([], key) == set()


def test_document_order_puts_removed_articles_where_they_were() -> None:
    assert document_order(list("abcde"), list("axce")) == list("abxcde")
    assert document_order(list("abc"), list("c")) == list("abc")
    assert document_order(list("abc"), list("xc")) == list("abxc")

"""Sentence splitting: abbreviations, numbers, Markdown lists and headings, references.

A sentence span runs from its first word to its last, with closing . ! ? … but without a
closing , ; or : and without Markdown markup in front of the first word.
"""

from __future__ import annotations

from rechtmakers.language import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_plain_sentences() -> None:
    assert sentences("Wij werken samen. Iedere partij betaalt! Klaar?") == [
        "Wij werken samen.", "Iedere partij betaalt!", "Klaar?"]


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = ("Partijen zijn o.a. de gemeente. Zie art. 3 en bijv. de GGD, d.w.z. de dienst "
            "m.b.t. gezondheid. Dat is het.")
    assert sentences(text) == [
        "Partijen zijn o.a. de gemeente.",
        "Zie art. 3 en bijv. de GGD, d.w.z. de dienst m.b.t. gezondheid.",
        "Dat is het.",
    ]


def test_an_abbreviation_that_closes_a_sentence() -> None:
    assert sentences("Zorg, welzijn enz. De rest volgt.") == ["Zorg, welzijn enz.",
                                                               "De rest volgt."]


def test_numbers_keep_their_dots() -> None:
    text = "Het kost € 1.200,50 per jaar volgens lid 3.1. Om 14.00 uur begint het."
    assert sentences(text) == ["Het kost € 1.200,50 per jaar volgens lid 3.1.",
                               "Om 14.00 uur begint het."]


def test_an_initial_is_not_a_sentence_end() -> None:
    assert sentences("Wij spreken met J. de Vries. Zij is er.") == [
        "Wij spreken met J. de Vries.", "Zij is er."]


def test_list_items_are_sentences_and_the_colon_ends_the_lead_in() -> None:
    text = ("Partijen spreken af:\n\n- de gemeente betaalt;\n- de *zorgverzekeraar* ook;\n"
            "1. eerst dit\n2. dan dat")
    assert sentences(text) == ["Partijen spreken af", "de gemeente betaalt",
                               "de *zorgverzekeraar* ook", "eerst dit", "dan dat"]


def test_heading_and_wrapped_paragraph() -> None:
    text = "## Doel\nWe werken\nsamen aan gezondheid.\n\nNieuwe alinea zonder punt"
    assert sentences(text) == ["Doel", "We werken\nsamen aan gezondheid.",
                               "Nieuwe alinea zonder punt"]


def test_references_and_emphasis() -> None:
    text = "Dit regelt [[besluitvorming.consent]]. **Let op**: @de-schoor tekent."
    assert sentences(text) == ["Dit regelt [[besluitvorming.consent]].",
                               "Let op**: @de-schoor tekent."]


def test_empty_and_markup_only() -> None:
    assert sentences("") == []
    assert sentences("- \n\n# \n") == []

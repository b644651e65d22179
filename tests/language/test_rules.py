"""Each language rule on small texts, with exact offsets and messages."""

from __future__ import annotations

from rechtmakers.findings import Severity
from rechtmakers.language import LanguageConfig, LanguageFinding, check_text, unused_terms
from rechtmakers.language.config import DEFAULT_ALLOWED


def found(text: str, code: str, **kwargs: object) -> list[tuple[str, int, int]]:
    return [(text[f.start:f.end], f.start, f.end)
            for f in check_text(text, **kwargs)  # type: ignore[arg-type]
            if f.code == code]


def test_t001_word_with_offsets_and_message() -> None:
    text = "Wij delen het verslag. Indien nodig, overleggen wij."
    assert check_text(text) == [LanguageFinding(
        "T001", 23, 29, '"Indien" is ambtelijke taal; schrijf liever "als"')]


def test_t001_inflected_form_and_phrase() -> None:
    text = "Voornoemde partijen werken samen in het kader van de zorg."
    assert found(text, "T001") == [("Voornoemde", 0, 10), ("in het kader van", 33, 49)]


def test_t001_split_pair_spans_the_construction() -> None:
    text = "Partijen dienen de stukken op tijd te sturen."
    assert found(text, "T001") == [("dienen de stukken op tijd te", 9, 37)]
    assert "dienen … te" in check_text(text)[0].message


def test_t001_split_pair_needs_an_infinitive_and_no_om() -> None:
    assert found("De stuurgroep dient als plek voor overleg.", "T001") == []
    assert found("De vergadering dient om de plannen te bespreken.", "T001") == []


def test_t001_word_classes_need_their_context() -> None:
    assert found("Daar staat de stuurgroep.", "T001") == []
    assert found("Daar de stuurgroep niet bijeenkomt, besluit de penvoerder.", "T001") == [
        ("Daar", 0, 4)]
    assert found("Wij berichten zijn belangrijk.", "T001") == []
    assert found("Wij berichten u morgen.", "T001") == [("berichten", 4, 13)]
    assert found("Een bescheiden bijdrage.", "T001") == []
    assert found("Welke partij begint?", "T001") == []


def test_t001_not_across_a_comma() -> None:
    assert found("Wij doen dit ten, behoeve van de inwoners.", "T001") == []


def test_t001_references_are_never_jargon() -> None:
    assert found("Zie [[indien]] en @indien.", "T001") == []


def test_t001_extra_jargon_and_allowed_words_from_config() -> None:
    config = LanguageConfig(extra_jargon={"stakeholders": "betrokkenen"},
                            allowed_words=frozenset({"tijdig"}))
    text = "De stakeholders reageren tijdig."
    assert check_text(text, config=config) == [LanguageFinding(
        "T001", 3, 15, '"stakeholders" is ambtelijke taal; schrijf liever "betrokkenen"')]


def test_t001_formula_kind_s() -> None:
    text = "Overwegende dat partijen willen samenwerken, spreken zij af:"
    assert found(text, "T001") == [("Overwegende dat", 0, 15)]
    assert "vaste formule" in check_text(text)[0].message


def test_t002_legal_term_unless_defined() -> None:
    text = "Een partij kan de overeenkomst ontbinden."
    assert check_text(text) == [LanguageFinding(
        "T002", 31, 40, '"ontbinden" is een juridisch begrip; leg dit uit in begrippen '
        '(in gewone woorden: "beëindigen")')]
    assert check_text(text, defined_terms=frozenset({"Ontbinden"})) == []
    assert check_text(text, defined_terms=frozenset({"ontbinding"})) == []


def test_t003_long_sentence_spans_the_sentence() -> None:
    long = " ".join(["woord"] * 21) + "."
    text = "Kort. " + long + " Ook kort."
    assert found(text, "T003") == [(long, 6, 6 + len(long))]
    message = check_text(text)[0].message
    assert message.startswith("Deze zin heeft 21 woorden")
    assert found(text, "T003", config=LanguageConfig(max_sentence_words=25)) == []


def test_t004_passive_voice() -> None:
    text = "Het besluit wordt door de stuurgroep genomen."
    assert found(text, "T004") == [("wordt door de stuurgroep genomen", 12, 44)]
    assert found("Er zijn gesprekken gevoerd.", "T004") == [("zijn gesprekken gevoerd", 3, 26)]


def test_t004_subordinate_clause_and_zijn() -> None:
    assert found("Wij weten dat het plan is vastgesteld.", "T004") == [
        ("is vastgesteld", 23, 37)]


def test_t004_no_false_alarms() -> None:
    for text in ["De zorg is gezond.", "Wij zijn gewend aan overleg.",
                 "De ruimte is geschikt.", "Partijen zijn bereid te praten.",
                 "De gemeente is verantwoordelijk.", "Dit is geheim.",
                 "De partner is gisteren ingestapt.", "Er zijn gesprekken, geen besluiten.",
                 "Er zijn belangen.", "Het is een besluit."]:
        assert found(text, "T004") == [], text


def test_t004_participle_and_auxiliary_in_one_clause() -> None:
    assert found("Het is duidelijk, iedereen heeft het besproken.", "T004") == []


def test_t005_double_negation() -> None:
    text = "Het is niet zo dat er geen geld is."
    assert found(text, "T005") == [("niet zo dat er geen", 7, 26)]
    assert found("Dat is niet geheel onbelangrijk.", "T005") == [
        ("niet geheel onbelangrijk", 7, 31)]
    assert found("Wie niet meedoet, krijgt geen stem.", "T005") == []
    assert found("Dat gebeurt niet onmiddellijk.", "T005") == []


def test_t006_long_word_and_allowed_prefixes() -> None:
    text = "De verantwoordelijkheidsverdeling en de samenwerkingsovereenkomst."
    assert found(text, "T006") == [("verantwoordelijkheidsverdeling", 3, 33)]
    assert "lettergrepen" in check_text(text)[0].message
    config = LanguageConfig(allowed_words=DEFAULT_ALLOWED | {"verantwoordelijkheid"})
    assert found(text, "T006", config=config) == []


def test_disabled_and_off() -> None:
    text = "Indien nodig, overleggen wij."
    assert check_text(text, config=LanguageConfig(disabled=frozenset({"T001"}))) == []
    raised = check_text(text, config=LanguageConfig(severity={"T001": Severity.ERROR}))
    assert [f.code for f in raised] == ["T001"]  # a severity changes how bad, not whether


def test_t007_unused_terms() -> None:
    texts = ["De stuurgroepen overleggen.", "Elke partner doet mee met de Conflictdialoog."]
    terms = ["stuurgroep", "partner", "conflictdialoog", "inwonerpanel", "lerend netwerk"]
    assert unused_terms(terms, texts) == ["inwonerpanel", "lerend netwerk"]
    assert unused_terms(["lerend netwerk"], ["Het lerende netwerk groeit."]) == [
        "lerend netwerk"]
    assert unused_terms(["lerend netwerk"], ["Het lerend netwerk groeit."]) == []

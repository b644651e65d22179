"""The content digest: binding words change it, formatting and administration do not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rechtmakers.agreement import load_agreement
from rechtmakers.digest import canonical_form, content_digest, normalize_text
from rechtmakers.errors import AgreementError

Edit = Callable[[Path], None]


def digest_of(root: Path) -> str:
    agreement, problems = load_agreement(root)
    assert problems == [], problems
    return content_digest(agreement)


def replace(rel: str, old: str, new: str, count: int = 1) -> Edit:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return edit


BESLUIT = "artikelen/besluitvorming.yaml"
DOEL = "artikelen/doel.yaml"

SAME: dict[str, Edit] = {
    "comment": replace(BESLUIT, "versie: 2\n", "versie: 2  # verhoogd bij elke wijziging\n"
                       "# een opmerking voor de jurist\n"),
    "quoting": replace(BESLUIT, "orgaan: de stuurgroep", "orgaan: 'de stuurgroep'"),
    "double quoting": replace("overeenkomst.yaml", "titel: Samenwerkingsovereenkomst Positief "
                              "Gezond Almere", 'titel: "Samenwerkingsovereenkomst Positief '
                              'Gezond Almere"'),
    "key order": replace(BESLUIT, "id: besluitvorming\ntitel: Zo nemen we besluiten\n",
                         "titel: Zo nemen we besluiten\nid: besluitvorming\n"),
    "block key order": replace(BESLUIT, "  wijze: consent\n  orgaan: de stuurgroep\n",
                               "  orgaan: de stuurgroep\n  wijze: consent\n"),
    "rewrap paragraph": replace(BESLUIT, "Een besluit gaat door\n  als niemand",
                                "Een besluit\n  gaat door als niemand"),
    "unwrap paragraph": replace(BESLUIT, "zoals\n  [[inwonerperspectief.situatie]] beschrijft. "
                                "Komen we er samen niet uit, dan volgen we de\n  stappen",
                                "zoals [[inwonerperspectief.situatie]] beschrijft. Komen we er "
                                "samen niet uit, dan volgen we de stappen"),
    "folded plain scalar": replace(BESLUIT, "    tekst: De penvoerder stuurt elk voorstel "
                                   "minstens een week", "    tekst: De penvoerder stuurt elk "
                                   "voorstel\n      minstens een week"),
    "literal block instead of plain": replace(BESLUIT, "    tekst: Een besluit van de stuurgroep "
                                              "geldt voor alle partijen.", "    tekst: |\n      "
                                              "Een besluit van de stuurgroep\n      geldt voor "
                                              "alle partijen."),
    "trailing spaces and double spaces": replace(BESLUIT, "We werken met consent.",
                                                 "We werken  met consent.   "),
    "list item continuation rewrap": replace(DOEL, "  - vragen over geld, eenzaamheid of werk "
                                             "sneller bij welzijn brengen;",
                                             "  - vragen over geld, eenzaamheid of werk\n"
                                             "    sneller bij welzijn brengen;"),
    "toelichting": replace(BESLUIT, "Bij consent hoeft niet", "Bij consent hoeft echt niet"),
    "status": replace("overeenkomst.yaml", "status: concept", "status: ter-ondertekening"),
    "representative": replace("partijen.yaml", "naam: Joost Hellendoorn", "naam: Joost "
                              "van Hellendoorn"),
    "representative e-mail": replace("partijen.yaml", "j.hellendoorn@deschoor.example",
                                     "joost@deschoor.example"),
    "representative added": replace("partijen.yaml", "        email: j.hellendoorn@deschoor."
                                    "example\n", "        email: j.hellendoorn@deschoor.example\n"
                                    "      - naam: Nieuwe Bestuurder\n        functie: "
                                    "bestuurder\n        email: nieuw@deschoor.example\n"),
    "key added": replace("partijen.yaml", "        email: j.hellendoorn@deschoor.example\n",
                         "        email: j.hellendoorn@deschoor.example\n        sleutel: "
                         "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBc joost\n"),
}

DIFFERENT: dict[str, Edit] = {
    "one word": replace(BESLUIT, "We werken met consent.", "We werken met consensus."),
    "one word in a member": replace(BESLUIT, "minstens een week", "minstens twee weken"),
    "member removed": replace(BESLUIT, "  - id: uitvoeren\n    tekst: Een besluit van de "
                              "stuurgroep geldt voor alle partijen. Elke partij voert het uit "
                              "in de eigen organisatie.\n", ""),
    "block value": replace(BESLUIT, "wijze: consent", "wijze: consensus"),
    "conflict step": replace("artikelen/conflictdialoog.yaml", "termijn: twee weken",
                             "termijn: 3 weken"),
    "paragraph break": replace(BESLUIT, "Een besluit gaat door\n  als niemand",
                               "Een besluit gaat door\n\n  als niemand"),
    "list item merged into paragraph": replace(DOEL, "samen optrekken. Zo willen we:\n\n  - ",
                                               "samen optrekken. Zo willen we: "),
    "article versie": replace(BESLUIT, "versie: 2", "versie: 3"),
    "agreement versie": replace("overeenkomst.yaml", "\nversie: 1.", "\nversie: 9."),
    "datum": replace("overeenkomst.yaml", "\ndatum: 2026-", "\ndatum: 2025-"),
    "party name": replace("partijen.yaml", "naam: De Schoor", "naam: Welzijn De Schoor"),
    "party kind": replace("partijen.yaml", "soort: wonen", "soort: overig"),
    "term": replace("begrippen.yaml", "Twaalf inwoners", "Vijftien inwoners"),
    "article order": replace("overeenkomst.yaml", "  - doel\n  - partijen\n",
                             "  - partijen\n  - doel\n"),
    "preamble": replace("overeenkomst.yaml", "Almere groeit snel.", "Almere groeit hard."),
    "emphasis": replace(DOEL, "*wél*", "wél"),
}


# The digests, pinned. A change of the digest voids every signature ever made: when one of
# these fails, the canonical form changed. That needs a DIGEST_FORMAT bump and a CHANGELOG
# line, not a new pin. (A change of the agreement's own binding text changes its digest too;
# then pin the new value.)
SAMPLE_DIGEST = "5073f268ce0b066c9b1909b7d57980e24f2b99b1a7d1f16fb931141937dabe97"
MINIMAL_DIGEST = "77da64865a11470bf19da65414573d59166db7394390817cd022c8e38f47231b"
MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal"


def test_the_sample_has_its_pinned_digest(sample_dir: Path) -> None:
    assert digest_of(sample_dir) == SAMPLE_DIGEST


def test_the_minimal_agreement_has_its_pinned_digest() -> None:
    assert digest_of(MINIMAL) == MINIMAL_DIGEST


@pytest.mark.parametrize("name", sorted(SAME))
def test_formatting_and_administration_keep_the_digest(name: str, sample_copy: Path) -> None:
    before = digest_of(sample_copy)
    SAME[name](sample_copy)
    assert digest_of(sample_copy) == before


@pytest.mark.parametrize("name", sorted(DIFFERENT))
def test_binding_changes_change_the_digest(name: str, sample_copy: Path) -> None:
    before = digest_of(sample_copy)
    DIFFERENT[name](sample_copy)
    assert digest_of(sample_copy) != before


def test_canonical_form_leaves_out_what_is_not_binding(sample_dir: Path) -> None:
    agreement, _ = load_agreement(sample_dir)
    form = canonical_form(agreement)
    assert "status" not in form["overeenkomst"]
    assert all(set(party) == {"id", "naam", "soort", "rechtsvorm", "kvk", "vestigingsplaats"}
               for party in form["partijen"])
    assert all("toelichting" not in article for article in form["artikelen"])
    assert [a["id"] for a in form["artikelen"]] == list(agreement.order)


def test_an_unreadable_agreement_has_no_digest(sample_copy: Path) -> None:
    (sample_copy / "overeenkomst.yaml").write_text("id: [kapot\n", encoding="utf-8")
    agreement, _ = load_agreement(sample_copy)
    with pytest.raises(AgreementError, match="digest"):
        content_digest(agreement)


def test_a_listed_article_that_is_missing_has_no_digest(sample_copy: Path) -> None:
    (sample_copy / "artikelen" / "gedrag.yaml").unlink()
    agreement, _ = load_agreement(sample_copy)
    with pytest.raises(AgreementError, match="gedrag"):
        content_digest(agreement)


@pytest.mark.parametrize(("text", "expected"), [
    ("  Een zin.  ", "Een zin."),
    ("Een lange zin\ndie doorloopt.", "Een lange zin die doorloopt."),
    ("Een  zin\t met   ruimte.", "Een zin met ruimte."),
    ("Alinea een.\n\nAlinea twee.", "Alinea een.\n\nAlinea twee."),
    ("Alinea een.\n \n\n\nAlinea twee.\n", "Alinea een.\n\nAlinea twee."),
    ("Zo:\n- een;\n- twee.", "Zo:\n- een;\n- twee."),
    ("Zo:\n- een die\n  doorloopt;\n- twee.", "Zo:\n- een die doorloopt;\n- twee."),
    ("* een\n+ twee", "* een\n+ twee"),
    ("1. een\n2. twee", "1. een\n2. twee"),
    ("Tekst\n1. een\n2) twee", "Tekst\n1. een\n2) twee"),
    ("Sinds het jaar\n2026. Dan", "Sinds het jaar 2026. Dan"),
    ("Tekst\n# Kop", "Tekst\n# Kop"),
    ("Tekst\n> citaat", "Tekst\n> citaat"),
    ("- lijst\n  - genest", "- lijst\n  - genest"),
    ("Een -streepje\nin de zin", "Een -streepje in de zin"),
    ("e\u0301e\u0301n", "\u00e9\u00e9n"),
    ("", ""),
])
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


def test_normalize_text_is_idempotent() -> None:
    text = "Zo:\n- een die\n  doorloopt;\n\n\nNieuwe  alinea\nmet wrap."
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text(alphabet=st.sampled_from(list("ab -*1.#>\u00e9e\u0301 \t")), max_size=30))
def test_the_one_line_shortcut_agrees_with_the_full_normaliser(text: str) -> None:
    # A trailing blank line changes nothing, but always takes the full path.
    assert normalize_text(text) == normalize_text(text + "\n\n")

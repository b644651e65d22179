"""Rules for what a signed agreement needs: parties as legal persons, who may represent them,
and the date it takes effect.

The fields are optional in the format, so that agreements written before them still load; these
rules ask for them, as a jurist reviewing an agreement would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import META_FILE, PARTIES_FILE
from rechtmakers.checks.base import Context
from rechtmakers.document.labels import long_date
from rechtmakers.findings import Problem
from rechtmakers.vocabulary import Basis

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement

_LEGAL_FIELDS = (("legal_form", "rechtsvorm"), ("kvk", "kvk"), ("seat", "vestigingsplaats"))


def parties_are_legal_persons(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Elke partij noemt haar rechtsvorm, KvK-nummer en vestigingsplaats.

    Wie tekent, moet weten met welke rechtspersoon hij afspraken maakt. Een naam alleen is niet
    genoeg: "De Schoor" kan een stichting zijn of een bv, en er kunnen er twee zijn. Ook een
    gemeente, provincie of GGD staat in het Handelsregister en heeft een KvK-nummer. Het
    KvK-nummer heeft 8 cijfers; zet het tussen aanhalingstekens. Het adres mag erbij, maar hoeft
    niet.

    Goed:

        - id: de-schoor
          naam: De Schoor
          soort: welzijn
          rechtsvorm: stichting
          kvk: '99990001'
          vestigingsplaats: Almere

    Fout (rechtsvorm, kvk en vestigingsplaats ontbreken):

        - id: de-schoor
          naam: De Schoor
          soort: welzijn
    """
    for i, party in enumerate(agreement.parties):
        missing = [key for attr, key in _LEGAL_FIELDS if getattr(party, attr) is None]
        if missing:
            names = missing[0] if len(missing) == 1 else (
                f"{', '.join(missing[:-1])} en {missing[-1]}")
            verb = "ontbreekt" if len(missing) == 1 else "ontbreken"
            yield Problem(agreement.location(PARTIES_FILE, ("partijen", i, "id")),
                          f'Bij de partij "{party.id}" {verb} {names}. Een overeenkomst die '
                          "getekend wordt, zegt wie elke partij is als rechtspersoon.")


def kvk_unique(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Twee partijen hebben niet hetzelfde KvK-nummer.

    Eén KvK-nummer is één rechtspersoon. Twee partijen met hetzelfde nummer zijn dus dezelfde
    partij, of een van de nummers is verkeerd overgenomen.

    Goed: `kvk: '99990001'` bij de ene partij en `kvk: '99990002'` bij de andere.

    Fout: `kvk: '99990001'` bij twee partijen.
    """
    seen: dict[str, str] = {}
    for i, party in enumerate(agreement.parties):
        if party.kvk is None:
            continue
        if party.kvk in seen:
            yield Problem(agreement.location(PARTIES_FILE, ("partijen", i, "kvk")),
                          f"Het KvK-nummer {party.kvk} staat ook bij de partij "
                          f'"{seen[party.kvk]}". '
                          "Eén KvK-nummer hoort bij één rechtspersoon.")
        else:
            seen[party.kvk] = party.id


def effective_date_given(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """De overeenkomst zegt op welke dag zij ingaat: `ingangsdatum`.

    `datum` is de datum van deze tekst. Vanaf wanneer partijen aan de afspraken vastzitten, is
    iets anders, en dat hoort in de overeenkomst te staan.

    Goed:

        datum: 2026-01-21
        ingangsdatum: 2026-04-01

    Fout (alleen de datum van de tekst):

        datum: 2026-01-21
    """
    meta = agreement.meta
    if meta and meta.effective is None:
        yield Problem(agreement.location(META_FILE, ("datum",), key=True),
                      "Er staat niet in op welke dag de overeenkomst ingaat. Voeg "
                      "ingangsdatum toe, zoals ingangsdatum: 2026-04-01.")


def end_after_start(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """De `einddatum` ligt na de `ingangsdatum`.

    Goed:

        ingangsdatum: 2026-04-01
        einddatum: 2030-03-31

    Fout:

        ingangsdatum: 2026-04-01
        einddatum: 2025-12-31
    """
    meta = agreement.meta
    if meta is None or meta.until is None:
        return
    start = meta.effective or meta.date
    if meta.until < start:
        what = "de ingangsdatum" if meta.effective else "de datum van de tekst"
        yield Problem(agreement.location(META_FILE, ("einddatum",)),
                      f"De einddatum ({long_date(meta.until)}) ligt voor {what} "
                      f"({long_date(start)}).")


# Who represents a legal person by law or its statutes, without a mandate or power of attorney.
# Public bodies: only the officer the law names. Private ones: a member of the board.
PUBLIC_REPRESENTATIVES: dict[str, tuple[str, ...]] = {
    "gemeente": ("burgemeester",),  # art. 171 Gemeentewet
    "provincie": ("commissaris van de koning",),  # art. 176 Provinciewet
    "waterschap": ("dijkgraaf", "voorzitter"),  # art. 95 Waterschapswet
    "openbaar lichaam": ("voorzitter",),  # art. 14 Wgr
    "gemeenschappelijke regeling": ("voorzitter",),
    "staat": ("minister",),
}
BOARD_FUNCTIONS = ("bestuurder", "raad van bestuur", "statutair directeur", "voorzitter",
                   "vennoot", "eigenaar")
_MAX_FUNCTION_WORDS = 40  # a function is a few words; a longer one is read up to here
_WORD = re.compile(r"[^\W\d_]+")


def represents_by_law(function: str, legal_form: str | None, kind: str) -> bool:
    """Whether a representative with this function represents the party without a mandate or
    power of attorney: the burgemeester for a gemeente, a bestuurder for a stichting."""
    public = legal_form or ("gemeente" if kind == "gemeente" else "")
    allowed = PUBLIC_REPRESENTATIVES.get(public, BOARD_FUNCTIONS)
    words = " ".join(w.group().casefold() for _, w in zip(
        range(_MAX_FUNCTION_WORDS), _WORD.finditer(function), strict=False))
    return any(f" {phrase} " in f" {words} " for phrase in allowed)


def representation_basis(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een vertegenwoordiger die niet volgens de wet of de statuten tekent, noemt haar
    `grondslag`.

    Een gemeente wordt vertegenwoordigd door de burgemeester (artikel 171 Gemeentewet). Een
    wethouder of ambtenaar tekent alleen met een mandaat, na een besluit van het college. Een
    GGD (een openbaar lichaam) wordt vertegenwoordigd door de voorzitter van het bestuur; een
    directeur tekent met een mandaat. Een stichting, vereniging of bv wordt vertegenwoordigd
    door haar bestuur; een manager tekent met een volmacht.

    Zonder grondslag is alleen deze lijst genoeg: burgemeester (gemeente), commissaris van de
    Koning (provincie), dijkgraaf of voorzitter (waterschap), voorzitter (openbaar lichaam of
    gemeenschappelijke regeling), minister (staat); bij andere partijen een functie met
    bestuurder, raad van bestuur, statutair directeur, voorzitter, vennoot of eigenaar erin.
    Bij elke andere functie zegt `grondslag` waarop de bevoegdheid berust: `statutair`,
    `mandaat` of `volmacht`, met `door` (wie die gaf) en het `besluit` als dat er is. De
    grondslag staat dan bij de partijen in het document.

    Goed:

        - naam: Fatima el Amrani
          functie: wethouder zorg en welzijn
          grondslag: mandaat
          door: de burgemeester
          besluit:
            naam: collegebesluit
            datum: 2026-03-03

    Fout (een wethouder zonder grondslag):

        - naam: Fatima el Amrani
          functie: wethouder zorg en welzijn
    """
    for i, party in enumerate(agreement.parties):
        for j, person in enumerate(party.representatives):
            if person.basis is not None or represents_by_law(
                    person.function, party.legal_form, party.kind):
                continue
            yield Problem(agreement.location(PARTIES_FILE, ("partijen", i, "vertegenwoordigers",
                                                            j, "naam"), key=True),
                          f'{person.name} ({person.function}) vertegenwoordigt "{party.id}" niet '
                          "volgens de wet of de statuten. Zeg waarop de bevoegdheid berust: "
                          "grondslag: "
                          "statutair, mandaat of volmacht (met door: wie die gaf).")


def basis_complete(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een mandaat of volmacht zegt `door` wie hij gegeven is; `door` en `besluit` horen alleen
    bij een mandaat of volmacht.

    Goed:

        grondslag: volmacht
        door: de raad van bestuur

    Fout (van wie is de volmacht?):

        grondslag: volmacht

    Fout (een besluit zonder grondslag):

        besluit:
          naam: collegebesluit
          datum: 2026-03-03
    """
    for i, party in enumerate(agreement.parties):
        for j, person in enumerate(party.representatives):
            path = ("partijen", i, "vertegenwoordigers", j)
            if person.basis in (Basis.MANDATE, Basis.POWER_OF_ATTORNEY):
                if person.granted_by is None:
                    yield Problem(agreement.location(PARTIES_FILE, (*path, "grondslag")),
                                  f"Bij een {person.basis.value} staat wie die gaf. Voeg door "
                                  "toe, zoals door: de burgemeester.")
                continue
            extra = "door" if person.granted_by is not None else (
                "besluit" if person.resolution is not None else None)
            if extra is not None:
                yield Problem(agreement.location(PARTIES_FILE, (*path, extra), key=True),
                              f"{extra} hoort alleen bij een mandaat of volmacht. Zet "
                              "grondslag: mandaat of grondslag: volmacht erbij, of haal "
                              f"{extra} weg.")

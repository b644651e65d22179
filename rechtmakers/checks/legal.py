"""Rules for what a signed agreement needs: parties as legal persons and the date it takes effect.

The fields are optional in the format, so that agreements written before them still load; these
rules ask for them, as a jurist reviewing an agreement would.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import META_FILE, PARTIES_FILE
from rechtmakers.checks.base import Context
from rechtmakers.document.labels import long_date
from rechtmakers.findings import Problem

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

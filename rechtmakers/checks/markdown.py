"""Markdown rules: clause text that the documents would draw otherwise than the YAML reads.

What is signed is what the documents show (the digest is taken over the parsed text). Where the
renderers would show a text differently from what a reader of the YAML expects, or not at all,
the text is refused at its line, so that nobody signs something they did not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import TERMS_FILE
from rechtmakers.checks.base import Context
from rechtmakers.document.source import Construct, Found, constructs
from rechtmakers.findings import Problem
from rechtmakers.visible import printable

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement
    from rechtmakers.load import YamlPath


def markdown_texts(agreement: Agreement) -> Iterator[tuple[str, YamlPath, str]]:
    """Every binding Markdown text with its file and YAML path: the preamble, the articles and
    the meanings of the terms."""
    yield from agreement.binding_texts()
    for i, term in enumerate(agreement.terms):
        yield TERMS_FILE, ("begrippen", i, "betekenis"), term.meaning


def _found(agreement: Agreement, construct: Construct) -> Iterator[tuple[str, YamlPath, Found]]:
    for rel, ypath, found in _all_found(agreement):
        if found.construct is construct:
            yield rel, ypath, found


_LAST: list[tuple[Agreement, list[tuple[str, YamlPath, Found]]]] = []


def _all_found(agreement: Agreement) -> list[tuple[str, YamlPath, Found]]:
    """Every construct of every text, found once for the four rules (the last agreement)."""
    if _LAST and _LAST[0][0] is agreement:
        return _LAST[0][1]
    found = [(rel, ypath, item) for rel, ypath, text in markdown_texts(agreement)
             for item in constructs(text)]
    _LAST[:] = [(agreement, found)]
    return found


def indented_code(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een alinea springt niet vier spaties of meer in.

    Markdown maakt van een alinea die vier spaties of meer inspringt een codeblok: het document
    toont hem in een ander lettertype, met `**` en `*` letterlijk erin, en zonder verwijzingen.
    Binnen een tekstblok na `tekst: |` telt de inspringing vanaf de eerste regel van het blok.
    Wil je een alinea bij een punt van een lijst laten horen, spring dan even ver in als de
    tekst van dat punt (twee spaties na `- `).

    Goed:

        tekst: |
          Elke partij betaalt mee.

          Zilveren Kruis betaalt **niet** mee.

    Fout (de tweede alinea wordt code):

        tekst: |
          Elke partij betaalt mee.

              Zilveren Kruis betaalt **niet** mee.
    """
    for rel, ypath, found in _found(agreement, Construct.INDENTED_CODE):
        yield Problem(agreement.offset_location(rel, ypath, found.offset),
                      "Deze regel springt zo ver in dat het document er een codeblok van maakt "
                      "(ander lettertype, ** en * letterlijk). Laat de inspringing weg, of "
                      "spring even ver in als de tekst van het punt waar de alinea bij hoort.")


def setext_heading(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een regel met alleen `---` of `===` staat niet direct onder tekst.

    Markdown maakt van een regel tekst met direct daaronder `---` of `===` een kop: de regel
    `---` verdwijnt en de tekst erboven wordt vet. Wie de YAML leest, ziet een tekst en een
    lijn. Wil je een lijn, zet dan een lege regel tussen de tekst en `---`; wil je een kop,
    schrijf `## Kop`.

    Goed:

        tekst: |
          Wat we afspreken.

          ---

    Fout (de tekst wordt een kop, de lijn verdwijnt):

        tekst: |
          Wat we afspreken.
          ---
    """
    for rel, ypath, found in _found(agreement, Construct.SETEXT_HEADING):
        yield Problem(agreement.offset_location(rel, ypath, found.offset),
                      "Deze regel maakt van de tekst erboven een kop, en verdwijnt zelf uit het "
                      "document. Zet er een lege regel boven voor een lijn, of schrijf de kop "
                      "als ## Kop.")


def raw_html(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een tekst bevat geen HTML.

    Het document neemt HTML niet over: `<b>vet</b>` staat er letterlijk, met haakjes, en een
    `<!-- opmerking -->` ook. Gebruik Markdown (`**vet**`); een opmerking hoort in de
    toelichting of in een YAML-commentaar (`# …` op een eigen regel).

    Goed:

        tekst: Elke partij betaalt **naar rato** mee.

    Fout:

        tekst: Elke partij betaalt <b>naar rato</b> mee.
    """
    for rel, ypath, found in _found(agreement, Construct.RAW_HTML):
        yield Problem(agreement.offset_location(rel, ypath, found.offset),
                      f'Hier staat HTML ("{_short(found.what)}"). Het document toont die '
                      "letterlijk, niet als opmaak: gebruik Markdown, zoals **vet**.")


def reference_definition(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een tekst bevat geen Markdown-linkdefinitie `[naam]: adres`.

    Een regel als `[naam]: <adres> 'titel'` komt in geen enkel document: Markdown bewaart hem
    alleen als doel voor een link `[tekst][naam]`. Wat er staat, leest dus wel wie de YAML
    opent, maar niet wie het document leest. Schrijf een link voluit: `[tekst](https://…)`.

    Goed:

        tekst: Zie [de regels](https://voorbeeld.example/regels).

    Fout (de tweede regel staat in geen document):

        tekst: |
          Zie [de regels][regels].

          [regels]: https://voorbeeld.example/regels 'ook na opzegging'
    """
    for rel, ypath, found in _found(agreement, Construct.REFERENCE_DEFINITION):
        yield Problem(agreement.offset_location(rel, ypath, found.offset),
                      f"{_short(found.what)}: … is een Markdown-linkdefinitie; die regel komt "
                      "in geen document. Schrijf een link voluit als [tekst](https://…), of "
                      "haal de regel weg.")


def _short(text: str) -> str:
    shown = printable(" ".join(text.split()))
    return shown if len(shown) <= 40 else shown[:39] + "…"

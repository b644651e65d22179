"""Hidden characters: nothing in a text may look different to a reader from what is signed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.checks.base import Context
from rechtmakers.findings import Location, Problem
from rechtmakers.visible import CONTROL, HIDDEN, char_name, printable

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement
    from rechtmakers.load import SourceFile

_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_OTHER_SCRIPT = re.compile("[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u1c80-\u1c8f]")
_WORD = re.compile(r"[^\W\d_]+")
MAX_SHOWN = 40


def control_characters(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een tekst bevat geen stuurtekens (zoals escape, backspace of een verticale tab).

    Stuurtekens zijn onzichtbaar of verplaatsen de cursor van een terminal: wat een partner
    leest, is dan niet wat er getekend wordt. Ze staan als teken in het bestand (dat weigert
    het inlezen al) of als code tussen dubbele aanhalingstekens, zoals `\\e` of `\\u0007`.

    Goed:

        titel: "Besluiten nemen we samen"

    Fout:

        titel: "Besluiten nemen we samen\\e[2K"
    """
    for _rel, source in sorted(agreement.sources.items()):
        for ypath, value in _quoted_values(source):
            match = CONTROL.search(value)
            if match is None:
                continue
            count = len(CONTROL.findall(value))
            more = f" (en nog {count - 1} elders in deze tekst)" if count > 1 else ""
            yield Problem(source.offset_location(ypath, match.start()),
                          f"Deze tekst bevat een stuurteken: {char_name(match.group())}{more}. "
                          "Een lezer ziet het niet; haal de code na de backslash weg.")


def hidden_characters(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een tekst bevat geen tekens die de leesrichting omdraaien of onzichtbaar zijn.

    Tekens als U+202E (rechts-naar-links) keren om hoe een tekst er op het scherm uitziet;
    tekens zonder breedte (U+200B, U+2060, U+FEFF midden in een tekst) verstoppen zich in een
    woord, zodat twee woorden er hetzelfde uitzien maar verschillen. Ze komen vaak mee bij
    knippen en plakken. Haal ze weg.

    Goed:

        tekst: De penvoerder betaalt binnen 30 dagen.

    Fout (met een onzichtbare U+202E voor "03"):

        tekst: De penvoerder betaalt binnen ‮03 dagen.
    """
    for _rel, source in sorted(agreement.sources.items()):
        places: set[Location] = set()
        for match in _first_per_line(source, HIDDEN.finditer(source.text)):
            places.add(source.index_location(match.start()))
            yield _hidden(source.index_location(match.start()), match.group())
        for ypath, value in _quoted_values(source):
            found = HIDDEN.search(value)
            if found is not None:
                location = source.offset_location(ypath, found.start())
                if location not in places:
                    yield _hidden(location, found.group())


def _hidden(location: Location, char: str) -> Problem:
    return Problem(location, f"Hier staat een onzichtbaar teken: {char_name(char)}. Wat een "
                   "lezer ziet, kan dan verschillen van wat er staat: haal het weg.")


def mixed_scripts(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een woord mengt geen Latijnse letters met Cyrillische of Griekse.

    Een Cyrillische а of Griekse ο ziet er precies zo uit als een Latijnse a of o, maar is een
    ander teken: "pаrtij" met een Cyrillische а is een ander woord dan "partij", en een
    verwijzing of zoekopdracht vindt het niet. Typ het woord opnieuw.

    Goed:

        tekst: Elke partij draagt bij.

    Fout (de a in "partij" is Cyrillisch):

        tekst: Elke pаrtij draagt bij.
    """
    for _rel, source in sorted(agreement.sources.items()):
        if _OTHER_SCRIPT.search(source.text) is None:
            continue
        words = (m for m in _WORD.finditer(source.text)
                 if _OTHER_SCRIPT.search(m.group()) and _LATIN.search(m.group()))
        for match in _first_per_line(source, words):
            word = match.group()
            other = _OTHER_SCRIPT.search(word)
            assert other is not None
            shown = printable(word if len(word) <= MAX_SHOWN else word[:MAX_SHOWN] + "…")
            yield Problem(source.index_location(match.start()),
                          f'In "{shown}" staan Latijnse letters naast Cyrillische of Griekse '
                          f"({char_name(other.group())}). Zo'n woord lijkt op een ander woord "
                          "maar is het niet: typ het opnieuw.")


def _first_per_line(source: SourceFile, matches: Iterator[re.Match[str]]
                    ) -> Iterator[re.Match[str]]:
    """The first match on each line: one finding a line is enough to find the rest."""
    last_line = 0
    for match in matches:
        line = source.index_location(match.start()).line
        if line != last_line:
            last_line = line
            yield match


def _quoted_values(source: SourceFile) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string written between double quotes with a backslash: only there can an escape
    put a character in the value that the file does not show."""
    text = source.text
    for ypath, (start, end, style, _key) in source.raw_spans.items():
        if style == '"' and text.find("\\", start.index, end.index) >= 0:
            value = source.value(ypath)
            if isinstance(value, str):
                yield ypath, value

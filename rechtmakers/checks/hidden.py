"""Hidden characters: nothing in a text may look different to a reader from what is signed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.checks.base import Context
from rechtmakers.checks.markdown import markdown_texts
from rechtmakers.document.source import DecodedChar, decoded_entities, invisible
from rechtmakers.findings import Location, Problem
from rechtmakers.visible import BIDI_CONTROLS, CONTROL, INVISIBLE, char_name, printable

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement
    from rechtmakers.load import SourceFile, YamlPath

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

    Tekens als U+202E (rechts-naar-links) keren om hoe een tekst er op het scherm uitziet:
    "binnen ‮03‬ dagen" staat in het document als "binnen 30 dagen". Tekens zonder breedte
    (U+200B, U+2060, U+FEFF midden in een tekst) en het zachte afbreekstreepje (U+00AD)
    verstoppen zich in een woord, zodat twee woorden er hetzelfde uitzien maar verschillen.
    Ze komen vaak mee bij knippen en plakken. Dit geldt ook als het teken er als code staat:
    `\u202e` tussen dubbele aanhalingstekens, of `&#x202E;`, `&shy;` of `&ZeroWidthSpace;` in
    Markdown. Haal ze weg.

    Alleen waar een woord zo'n teken echt nodig heeft, is het een waarschuwing (regel H004):
    een zacht afbreekstreepje midden in een lang woord, een verbindingsteken (U+200C, U+200D)
    tussen letters van een schrift dat ze gebruikt of in een emoji, een richtingsteken (U+200E,
    U+200F) naast Arabisch of Hebreeuws. Tekens die de leesrichting omdraaien (U+202A tot
    U+202E en U+2066 tot U+2069) zijn altijd een fout.

    Goed:

        tekst: De penvoerder betaalt binnen 30 dagen.

    Fout (met een onzichtbare U+202E voor "03"):

        tekst: De penvoerder betaalt binnen ‮03 dagen.
    """
    yield from _invisible(agreement, needed=False)


def needed_invisible(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een onzichtbaar teken staat alleen waar een woord het nodig heeft.

    Drie onzichtbare tekens hebben een echte taak: het zachte afbreekstreepje (U+00AD) midden
    in een lang woord van twaalf letters of meer ("arbeidsongeschiktheids­verzekering"), de
    verbindingstekens U+200C en U+200D tussen letters van een schrift dat ze gebruikt (zoals
    Perzisch of Hindi) of in een emoji, en de richtingstekens U+200E en U+200F naast Arabisch
    of Hebreeuws. Daar is het een waarschuwing: kijk of het teken er echt moet staan. Elders
    is hetzelfde teken een fout (regel H002).

    Goed:

        tekst: De arbeidsongeschiktheidsverzekering loopt door.

    Fout, maar alleen een waarschuwing (een zacht afbreekstreepje in een lang woord):

        tekst: De arbeidsongeschiktheids­verzekering loopt door.
    """
    yield from _invisible(agreement, needed=True)


def _invisible(agreement: Agreement, *, needed: bool) -> Iterator[Problem]:
    for _rel, source in sorted(agreement.sources.items()):
        places: set[Location] = set()
        text = source.text
        if not text.isascii() and any(char in text for char in _INVISIBLE_CHARS):
            matches = (m for m in INVISIBLE.finditer(text)
                       if is_needed(text, m.start()) is needed)
            for match in _first_per_line(source, matches):
                places.add(source.index_location(match.start()))
                yield _hidden(source.index_location(match.start()), match.group(), needed)
        if "\\" not in text:
            continue  # no escape between double quotes can hide a character
        for ypath, value in _quoted_values(source):
            found = next((m for m in INVISIBLE.finditer(value)
                          if is_needed(value, m.start()) is needed), None)
            if found is not None:
                location = source.offset_location(ypath, found.start())
                if location not in places:
                    yield _hidden(location, found.group(), needed)
    if not needed:
        for rel, ypath, _text, decoded in _entities(agreement):
            if invisible(decoded.char) and decoded.char not in "\t\n":
                yield Problem(agreement.offset_location(rel, ypath, decoded.offset),
                              f"{printable(decoded.written)} staat in het document als een "
                              f"onzichtbaar teken: {char_name(decoded.char)}. Wat een lezer "
                              "ziet, kan dan verschillen van wat er staat: haal het weg.")


def _entities(agreement: Agreement) -> Iterator[tuple[str, YamlPath, str, DecodedChar]]:
    for rel, ypath, text in markdown_texts(agreement):
        for decoded in decoded_entities(text):
            yield rel, ypath, text, decoded


def is_needed(text: str, index: int) -> bool:
    """Whether the invisible character at index does a word's job there (see H004)."""
    char = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char in BIDI_CONTROLS or not before or not after:
        return False
    if char == "\u00ad":
        return before.isalpha() and after.isalpha() and _word_length(text, index) >= LONG_WORD
    if char in "\u200c\u200d":
        joined = before.isalpha() and after.isalpha() and not _LATIN_GREEK_CYRILLIC.match(
            before) and not _LATIN_GREEK_CYRILLIC.match(after)
        emoji = char == "\u200d" and all(unicodedata.category(c) == "So" or c == "\ufe0f"
                                         for c in (before, after))
        return joined or emoji
    if char in "\u200e\u200f":
        return any(unicodedata.bidirectional(c) in ("R", "AL") for c in (before, after))
    return False


LONG_WORD = 12
_INVISIBLE_CHARS = tuple(chr(c) for c in (*range(0x200B, 0x2010), *range(0x202A, 0x202F),
                                          *range(0x2060, 0x2065), *range(0x2066, 0x206A),
                                          0x00AD, 0x180E, 0xFEFF))
_LATIN_GREEK_CYRILLIC = re.compile("[\u0000-\u052f\u1c80-\u1c8f\u1d00-\u1fff]")


def _word_length(text: str, index: int) -> int:
    """Letters of the word around index, looking at most 64 characters either way."""
    count = 0
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(text) and abs(i - index) <= 64 and (text[i].isalpha()
                                                               or text[i] == "\u00ad"):
            count += text[i].isalpha()
            i += step
    return count


def _hidden(location: Location, char: str, needed: bool) -> Problem:
    if needed:
        return Problem(location, f"Hier staat een onzichtbaar teken: {char_name(char)}. Het "
                       "woord kan het nodig hebben; kijk of het er echt moet staan.")
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

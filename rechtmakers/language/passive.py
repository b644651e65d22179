"""Passive voice: a form of worden or zijn with a past participle in the same clause.

Precision over recall: a participle is recognised by its shape (ge-…-d/t, be-/ver-/ont-/her-
…-d/t, a separable prefix before ge-) or from a list of strong participles (genomen,
besloten); adjectives that look like participles (gezond, bereid, geschikt) and verbs whose
perfect tense takes zijn (is gegaan, is ontstaan, is veranderd) do not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden"})
ZIJN = frozenset({"is", "zijn", "was", "waren"})
AUXILIARIES = WORDEN | ZIJN

# Words that open a new clause: the auxiliary and the participle must share one clause.
CLAUSE_OPENERS = frozenset(
    "dat die omdat als wanneer zodat waarin waarbij waarop waarmee waarvoor waardoor wie wat "
    "terwijl hoewel zodra nadat voordat tenzij doordat maar want".split()
)
_SEPARABLE = tuple(sorted(
    "aan af bij bijeen door in mee mede na neer om op over samen terug toe uit vast voor weg "
    "tegen achter los vrij open dicht goed bekend kennis plaats deel stil tot vooraf".split(),
    key=len, reverse=True))
_INSEPARABLE = ("ver", "ont", "her", "be")
# The first separable prefix (in _SEPARABLE's order, longest first) that a participle's ge-,
# be-, ver-, ont- or her- follows: one match at the word's start instead of a loop per prefix.
_SEPARABLE_BEFORE_CORE = re.compile(
    f"(?:{'|'.join(_SEPARABLE)})(?=ge|be|ver|ont|her)")
_KOFSCHIP = frozenset("tkfschpx")
_LONG_BEFORE_ND = ("ee", "oo", "ie", "ui", "ei", "ij", "aa", "ou", "eu", "oe")
_ALLOWED_END = frozenset({"erkend", "herkend", "gekend", "miskend", "ontkend", "verwend"})

# Participles not recognised by shape (strong verbs, prefixes without ge-), with any separable
# prefix before them.
_KNOWN = frozenset("""
    genomen gegeven gesloten besloten besproken gesproken gehouden gezien herzien voorzien
    ontvangen ontbonden verbonden gebonden gekozen gevonden verkregen gekregen gewezen bewezen
    verwezen geschreven beschreven omschreven gedragen gelezen gedaan verstaan begrepen geboden
    verboden getroffen getrokken geheven ontheven gestoken gebroken onderbroken verbroken
    verworven geworven bedreven gemeten verweten geslagen verslagen bevolen ontnomen ondernomen
    vernomen gewogen overwogen bewogen gedwongen vervangen gezonden verzonden verzwegen
    bedrogen gegeten gedronken ontsloten genoten verschoven geschoven vermeden gereden
    bestreden gegrepen bekeken gelaten verlaten toegelaten geroepen aangegaan nagegaan
    ondertekend ondersteund onderzocht onderbouwd onderschreven overschreden overlegd
    voorkomen volbracht voltooid misbruikt gegoten erkend
""".split())
# Looks like a participle, but after zijn it is an adjective, a noun or a perfect tense.
_NOT_PASSIVE = frozenset("""
    gezond gewend geschikt gelukkig gemeen gezamenlijk bereid verantwoordelijk geheim gereed
    genoeg geen gebied geld gezicht gewicht gedicht gericht geest gemiddeld gewest gebed gebod
    genot geduld gerust gebaat gehecht gepast gewaagd gekwalificeerd gemotiveerd gespecialiseerd
    geïnteresseerd gemachtigd gevestigd gehuwd geneigd gewild geliefd geoorloofd gedetailleerd
    geavanceerd gerelateerd georiënteerd gerechtigd gelegen besluit beleid bestand bedoeld
    bestemd beperkt bezet bewust bevoegd betrokken verband verbond verbod verdriet verwijt
    verplicht verbaasd verwant verheugd verzekerd verantwoord verrast verstand verzet bericht
    herfst herkomst ontbijt behoud beraad gebit gelaat gemoed bezit ontzet vervuld
""".split())
# Perfect tense with zijn (is gegaan) or a state (is veranderd): passive only with worden.
_PERFECT_WITH_ZIJN = frozenset("""
    gegaan gekomen gebleven begonnen gestopt veranderd verbeterd verslechterd gegroeid gebeurd
    geworden ontstaan verschenen gestegen gedaald overleden geweest gebleken geslaagd mislukt
    gelukt toegetreden ingestapt uitgestapt aangesloten teruggekeerd vertrokken aangekomen
    opgehouden gevallen gestorven verdwenen verlopen afgelopen verstreken opgegroeid
    toegenomen afgenomen overgegaan geëindigd geëvolueerd verhuisd gestart doorgegaan
    gehouden
""".split())


def is_participle(word: str) -> bool:
    """True when a lower-case word has the shape of a past participle used passively."""
    if len(word) < 5 or word in _NOT_PASSIVE or not word.isalpha():
        return False
    core = _without_separable_prefix(word)
    if core in _KNOWN or word in _KNOWN:
        return True
    if core.startswith("ge") and len(core) >= 5:
        return _weak_ending(core)
    for prefix in _INSEPARABLE:
        if core.startswith(prefix) and len(core) - len(prefix) >= 3:
            return _weak_ending(core)
    return False


def _without_separable_prefix(word: str) -> str:
    found = _SEPARABLE_BEFORE_CORE.match(word)
    return word[found.end():] if found else word


def _weak_ending(word: str) -> bool:
    """-d after a voiced sound, -t after 't kofschip or a stem in t; not -dt, not -end."""
    last, before = word[-1], word[-2]
    if word.endswith(("heid", "teit", "aand", "dt")):
        return False
    if last == "d":
        if before == "n":
            return word.endswith(_LONG_BEFORE_ND, 0, len(word) - 2) or word in _ALLOWED_END
        return before != "d"
    if last == "t":
        return before in _KOFSCHIP or before in "aeiou"
    return False


def passive_pairs(words: Sequence[str], separated: Sequence[bool]) -> list[tuple[int, int]]:
    """(auxiliary, participle) index pairs, one per clause that holds both.

    words are normalised tokens; separated[i] is True when a , ; or : follows token i.
    """
    pairs: list[tuple[int, int]] = []
    for start, stop in _clauses(words, separated):
        aux = next((i for i in range(start, stop) if words[i] in AUXILIARIES), -1)
        if aux < 0:
            continue
        with_zijn = words[aux] in ZIJN
        part = next((i for i in range(start, stop) if i != aux and is_participle(words[i])
                     and not (with_zijn and words[i] in _PERFECT_WITH_ZIJN)), -1)
        if part >= 0:
            pairs.append((aux, part))
    return pairs


def _clauses(words: Sequence[str], separated: Sequence[bool]) -> list[tuple[int, int]]:
    clauses: list[tuple[int, int]] = []
    start = 0
    for index, word in enumerate(words):
        if word in CLAUSE_OPENERS and index > start:
            clauses.append((start, index))
            start = index
        if separated[index]:
            clauses.append((start, index + 1))
            start = index + 1
    if start < len(words):
        clauses.append((start, len(words)))
    return clauses

"""Context guards: when a jargon entry that is also an ordinary word counts as jargon.

Each guard sees the normalised words of one sentence, which words a , ; or : follows, and the
indices of the match. It answers True only where the context shows the formal use; when in
doubt it answers False, because a false alarm costs more trust than a missed word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Guard = Callable[[Sequence[str], Sequence[bool], tuple[int, ...]], bool]

DETERMINERS = frozenset(
    "de het een deze die dit dat alle elke iedere onze uw hun haar zijn mijn geen enkele "
    "sommige veel weinig andere overige relevante benodigde genoemde bedoelde".split()
)
# Words that can open the subject of a clause after the conjunction "daar".
_SUBJECT_STARTERS = frozenset(
    "de het een wij we zij ze hij u ik jij je dit deze die dat geen alle elke iedere onze hun "
    "haar partijen er niet".split()
)
_OBJECT_PRONOUNS = frozenset("u jou je hen hun ons elkaar haar hem".split())
_PREPOSITIONS = frozenset(
    "in op aan met voor van bij naar over uit door tot om onder tegen zonder binnen tussen "
    "volgens tijdens na sinds".split()
)
_INTERROGATIVE_BEFORE = frozenset("weten bepalen vraag vragen kiezen zien of bekijken".split())
_RELATIVE_FOLLOWERS = frozenset(
    "de het een zij ze wij we hij u ik er door zijn is worden wordt werd werden zich niet al "
    "nog in op aan met voor bij".split()
)
_FUNCTION_WORDS = frozenset(
    "en of die dat over van aan worden wordt zijn is te in met bij voor ter op".split()
)
_MANNER_BEFORE = frozenset("deze die welke zodanige dezelfde zelfde".split())
_MANNER_AFTER = frozenset("waarop van waarin waarmee".split())
_MONEY = frozenset(
    "bedrag bedragen factuur facturen kosten rekening vergoeding bijdrage bijdragen som "
    "subsidie".split()
)
_CONDITIONAL = frozenset("als indien wanneer zodra mits".split())
_WORDEN = frozenset("wordt werd worden werden".split())


def _word(words: Sequence[str], index: int) -> str:
    return words[index] if 0 <= index < len(words) else ""


def conjunction(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"Daar de stuurgroep niet bijeenkomt, …": first word, a subject follows, then a comma."""
    first = at[0]
    return (first == 0 and _word(words, 1) in _SUBJECT_STARTERS
            and any(separated[first + 1:]))


def verb(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"Wij berichten u", "te verzoeken", "wensen samen te werken"; not "de berichten"."""
    before, after = _word(words, at[0] - 1), _word(words, at[-1] + 1)
    if before in DETERMINERS or before in ("hebben", "heeft", "had", "hadden"):
        return False
    if after in _OBJECT_PRONOUNS or before == "te":
        return True
    rest = words[at[-1] + 1:]
    return after not in ("van", "en", "of", "zijn", "is") and any(
        word == "te" and _word(rest, i + 1).endswith("n") for i, word in enumerate(rest))


def noun(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"alle bescheiden", "stukken en bescheiden"; not "een bescheiden bijdrage"."""
    index = at[-1]
    before, after = _word(words, at[0] - 1), _word(words, index + 1)
    if before not in DETERMINERS and before != "en":
        return False
    return not after or separated[index] or after in _FUNCTION_WORDS


def relative(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"de stukken welke zijn ingediend"; not "Welke partij", "in welke mate"."""
    index = at[0]
    if index == 0:
        return False
    before, after = words[index - 1], _word(words, index + 1)
    if before in _PREPOSITIONS or before in _INTERROGATIVE_BEFORE:
        return False
    return after in _RELATIVE_FOLLOWERS


def manner(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"op een zorgvuldige wijze", "de wijze waarop"; not "een wijze beslissing"."""
    index = at[0]
    if "op" in words[max(0, index - 4):index]:
        return True
    return (_word(words, index + 1) in _MANNER_AFTER
            or _word(words, index - 1) in _MANNER_BEFORE)


def sentence_start(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """A formula that opens the sentence: "Gelet op …", "Overwegende dat …"."""
    return at[0] == 0


def te_infinitive(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"dient … te sturen": te with an infinitive, no "om … te", not "wordt gehouden te"."""
    te = at[-1]
    between = words[at[0] + 1:te]
    following = _word(words, te + 1)
    return (following.endswith("n") and following.isalpha() and "om" not in between
            and _word(words, at[0] - 1) not in _WORDEN)


def not_after_article(words: Sequence[str], separated: Sequence[bool],
                      at: tuple[int, ...]) -> bool:
    """"een en ander" but not "de een en de ander"; "enige andere" but not "de enige andere"."""
    return _word(words, at[0] - 1) not in ("de", "het")


def only(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"enkel" meaning "alleen"; not "een enkel woord"."""
    return _word(words, at[0] - 1) not in ("een", "geen", "elk", "ieder", "per", "één")


def or_else(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"X dan wel Y" meaning "or"; not "Als …, dan wel …" or "dan wel eens"."""
    first = at[0]
    if _word(words, at[-1] + 1) in ("", "eens", "weer", "ook", "nog", "zeker", "niet"):
        return False
    return not (first > 0 and separated[first - 1] and _CONDITIONAL & set(words[:first]))


def payment(words: Sequence[str], separated: Sequence[bool], at: tuple[int, ...]) -> bool:
    """"een bedrag voldoen" meaning "betalen"; "voldoen aan" is another entry."""
    return _word(words, at[-1] + 1) != "aan" and not _MONEY.isdisjoint(words)


GUARDS: dict[str, Guard] = {
    "voegwoord": conjunction,
    "werkwoord": verb,
    "zelfstandig": noun,
    "betrekkelijk": relative,
    "wijze": manner,
    "begin": sentence_start,
    "te_infinitief": te_infinitive,
    "niet_na_de": not_after_article,
    "enkel": only,
    "dan_wel": or_else,
    "betaling": payment,
}

"""The Dutch words a document shows for the source format's values, and its dates."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rechtmakers.model import Representative
from rechtmakers.vocabulary import DecisionMethod, PartyKind, Status

# One word for each value of the model's literals (a test keeps every value in): a document
# looks a value up, with no fallback to the source's word.
STATUS: dict[Status, str] = {
    "concept": "Concept",
    "ter-ondertekening": "Ter ondertekening",
    "vastgesteld": "Vastgesteld",
}

PARTY_KINDS: dict[PartyKind, str] = {
    "zorg": "zorg",
    "welzijn": "welzijn",
    "gemeente": "gemeente",
    "zorgverzekeraar": "zorgverzekeraar",
    "publieke-gezondheid": "publieke gezondheid",
    "onderwijs": "onderwijs",
    "wonen": "wonen",
    "overig": "overig",
}

DECISION_METHODS: dict[DecisionMethod, str] = {
    "consent": "consent",
    "consensus": "consensus",
    "meerderheid": "meerderheid van stemmen",
    "unanimiteit": "unanimiteit",
}

# Between the overwegingen and article 1, unless overeenkomst.yaml says it otherwise (afspraakzin).
OPERATIVE_CLAUSE = "Partijen spreken het volgende af:"
# Authority that is not the party's own organ, as the party list names it.
BASIS_WORDS = {"mandaat": "een mandaat", "volmacht": "een volmacht"}


def authority(person: Representative) -> str:
    """On what a representative's authority rests, when it is not the law or the statutes:
    "op grond van een mandaat van de burgemeester (collegebesluit van 3 maart 2026)"."""
    words = BASIS_WORDS.get(person.basis.value if person.basis else "")
    if words is None:
        return ""
    text = f"op grond van {words}" + (f" van {person.granted_by}" if person.granted_by else "")
    decision = person.resolution
    if decision is not None:
        reference = f", kenmerk {decision.reference}" if decision.reference else ""
        text += f" ({decision.name} van {long_date(decision.date)}{reference})"
    return text


# Legal forms whose abbreviation follows the name ("Zorggroep B.V."); the others go before it
# ("Stichting De Schoor"), unless the name already holds the word ("Woonstichting …").
LEGAL_FORM_SUFFIXES = {"bv": "B.V.", "nv": "N.V.", "vof": "V.O.F."}
_NAME_AS_IS = frozenset({"staat", "eenmanszaak"})


def legal_name(name: str, legal_form: str | None) -> str:
    """The name of a party with its legal form, as the party list and the signatures show it:
    "De Schoor" + stichting → "Stichting De Schoor"; "Gemeente Almere" stays as it is."""
    if legal_form is None or legal_form in _NAME_AS_IS:
        return name
    suffix = LEGAL_FORM_SUFFIXES.get(legal_form)
    if suffix is not None:
        plain = re.sub(r"[\s.]", "", name).lower()
        return name if plain.endswith(legal_form) else f"{name} {suffix}"
    if legal_form.lower() in name.lower():
        return name[:1].upper() + name[1:]
    return f"{legal_form[:1].upper()}{legal_form[1:]} {name}"


def long_date(day: dt.date) -> str:
    """"21 januari 2026": the long Dutch date (Babel's nl_NL "long" format, d MMMM y), with the
    month names asked of Babel once, independent of the machine's locale. The one Dutch date
    of rechtmakers: documents, checks, diff, sign-off and the CLI all write it so."""
    return f"{day.day} {_month_names()[day.month]} {day.year}"


def long_moment(moment: dt.datetime) -> str:
    """"21 januari 2026 10:00": a moment, as the CLI names when something was signed."""
    return f"{long_date(moment)} {moment:%H:%M}"


@functools.cache
def _month_names() -> dict[int, str]:
    """Dutch month names from Babel, asked once (a format_date call per date costs 0.3 ms)."""
    from babel.dates import get_month_names

    return {int(number): str(name) for number, name in
            get_month_names("wide", context="format", locale="nl_NL").items()}


def slug(text: str) -> str:
    """An anchor-friendly form of a term: "Positieve Gezondheid" → "positieve-gezondheid"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "begrip"

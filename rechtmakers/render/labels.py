"""The Dutch words a document shows for the source format's values, and its dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

STATUS = {
    "concept": "Concept",
    "ter-ondertekening": "Ter ondertekening",
    "vastgesteld": "Vastgesteld",
}

PARTY_KINDS = {
    "zorg": "zorg",
    "welzijn": "welzijn",
    "gemeente": "gemeente",
    "zorgverzekeraar": "zorgverzekeraar",
    "publieke-gezondheid": "publieke gezondheid",
    "onderwijs": "onderwijs",
    "wonen": "wonen",
    "overig": "overig",
}

DECISION_METHODS = {
    "consent": "consent",
    "consensus": "consensus",
    "meerderheid": "meerderheid van stemmen",
    "unanimiteit": "unanimiteit",
}


def long_date(date: dt.date) -> str:
    """"21 januari 2026": Babel's long Dutch date, independent of the machine's locale."""
    from babel.dates import format_date

    return str(format_date(date, format="long", locale="nl_NL"))


def slug(text: str) -> str:
    """An anchor-friendly form of a term: "Positieve Gezondheid" → "positieve-gezondheid"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "begrip"

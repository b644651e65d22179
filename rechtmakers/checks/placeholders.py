"""Placeholders: the places that `rechtmakers init` left to fill in ("nog invullen")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.checks.base import Context
from rechtmakers.findings import Problem

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement

MARKER = "nog invullen"
# One unbounded run per alternative, and a hint stops at the next bracket: linear in the text
# however it is written (a lazy hint between two runs of blanks was cubic).
PLACEHOLDER = re.compile(r"\[nog invullen(?:\s*\]|:(?P<hint>[^\[\]\n]*)\])", re.IGNORECASE)


def placeholder(hint: str = "") -> str:
    """The marker text for a place to fill in, such as "[nog invullen: naam van de partij]"."""
    return f"[{MARKER}: {hint}]" if hint else f"[{MARKER}]"


def unfilled(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Er staat geen invulplek `[nog invullen: …]` meer in de overeenkomst.

    `rechtmakers init` zet zo'n plek overal waar jullie zelf iets moeten schrijven, in een
    waarde of in een commentaar achter een voorbeeldwaarde. Zolang er een staat, is de
    overeenkomst niet af.

    Goed:

        titel: Samenwerkingsovereenkomst Positief Gezond Almere

    Fout:

        titel: '[nog invullen: titel van de overeenkomst]'
        email: iemand@voorbeeld.example  # [nog invullen: e-mailadres]
    """
    for _rel, source in sorted(agreement.sources.items()):
        if MARKER not in source.text.lower():
            continue
        for match in PLACEHOLDER.finditer(source.text):
            hint = (match.group("hint") or "").strip()
            end = "" if hint.endswith((".", "?", "!")) else "."
            message = (f"Nog invullen: {hint}{end}" if hint else
                       "Hier staat nog een invulplek: vervang [nog invullen] door jullie tekst.")
            yield Problem(source.index_location(match.start()), message)

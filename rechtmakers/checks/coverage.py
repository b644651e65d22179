"""Coverage: the agreement covers the parts every such agreement needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import META_FILE
from rechtmakers.checks.base import Context
from rechtmakers.findings import Problem
from rechtmakers.vocabulary import REQUIRED_TOPICS

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement


def required_topics(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """De overeenkomst heeft een artikel over partijen, besluitvorming, conflictdialoog en
    inwonerperspectief.

    Goed: een artikel met `onderwerp: conflictdialoog` staat in de lijst `artikelen`.

    Fout: geen enkel artikel heeft `onderwerp: inwonerperspectief`.
    """
    if not agreement.meta:
        return
    if not agreement.complete or len(agreement.article_files) != len(agreement.articles):
        return  # an article did not load: its onderwerp is unknown, its error is reported
    covered = {agreement.articles[a].topic for a in agreement.order}
    for topic in REQUIRED_TOPICS:
        if topic not in covered:
            yield Problem(agreement.location(META_FILE, ("artikelen",), key=True),
                          f'Geen artikel heeft onderwerp "{topic}". Elke overeenkomst regelt '
                          f"dit onderwerp in een eigen artikel.")

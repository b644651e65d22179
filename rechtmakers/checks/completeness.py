"""Completeness: an agreement put up for signing covers money, ending, privacy, liability and
disputes, each in an article of its own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import META_FILE
from rechtmakers.checks.base import Context
from rechtmakers.findings import Problem
from rechtmakers.vocabulary import Status

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement

SIGNING_STATUSES: tuple[Status, ...] = ("ter-ondertekening", "vastgesteld")
# onderwerp → what the article settles, as the message names it
SIGNING_TOPICS: dict[str, str] = {
    "financiering": "het geld",
    "looptijd": "hoe lang de overeenkomst loopt en hoe een partij uitstapt of de "
                "samenwerking stopt",
    "privacy": "de gegevens van personen",
    "aansprakelijkheid": "schade",
    "geschillen": "welk recht geldt en welke rechter beslist",
}


def signing_topics(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een overeenkomst die getekend wordt, heeft een artikel over geld, looptijd en einde,
    privacy, aansprakelijkheid en geschillen.

    Alleen bij `status: ter-ondertekening` of `vastgesteld`: een concept mag nog onaf zijn.
    Een artikel telt mee door zijn `onderwerp`: `financiering`, `looptijd`, `privacy`,
    `aansprakelijkheid` en `geschillen`. Zonder zo'n artikel weet niemand wat er gebeurt met
    het geld, als een partij stopt, als het misgaat met gegevens of schade, of als partijen er
    samen niet uitkomen. `rechtmakers init` zet deze artikelen klaar.

    Goed (status ter-ondertekening, en in de lijst `artikelen` staat):

        id: geschillen
        onderwerp: geschillen

    Fout (status ter-ondertekening, en geen artikel heeft `onderwerp: privacy`).
    """
    meta = agreement.meta
    if meta is None or meta.status not in SIGNING_STATUSES:
        return
    if not agreement.complete or len(agreement.article_files) != len(agreement.articles):
        return  # an article did not load: its onderwerp is unknown, its error is reported
    covered = {agreement.articles[a].topic for a in agreement.order if a in agreement.articles}
    for topic, what in SIGNING_TOPICS.items():
        if topic not in covered:
            yield Problem(agreement.location(META_FILE, ("artikelen",), key=True),
                          f'Geen artikel heeft onderwerp "{topic}". Een overeenkomst die '
                          f"getekend wordt, zegt in een eigen artikel wat er geldt voor {what}.")

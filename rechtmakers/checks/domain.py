"""Domain rules: the structured blocks say something concrete."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.checks.base import Context
from rechtmakers.findings import Problem
from rechtmakers.model import BLOCK_FIELDS

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement

_NUMBER = (r"(?:\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|"
           r"veertien|twintig|dertig|zestig|negentig|honderd)")
_UNIT = r"(?:werk)?(?:dag|dagen|week|weken|maand|maanden|jaar|uur|uren)"
DURATION = re.compile(rf"\b{_NUMBER}\s+{_UNIT}\b", re.IGNORECASE)
MIN_STEPS = 2


def block_required(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een artikel over besluitvorming, conflictdialoog, inwonerperspectief, gedrag of instappen
    heeft het blok met dezelfde naam.

    Goed:

        onderwerp: besluitvorming
        besluitvorming:
          wijze: consent
          orgaan: de stuurgroep

    Fout: `onderwerp: besluitvorming` zonder blok `besluitvorming`.
    """
    for stem, article in agreement.articles.items():
        if article.topic in BLOCK_FIELDS and article.block(article.topic) is None:
            yield Problem(agreement.location(agreement.article_file(stem), ("onderwerp",)),
                          f'Een artikel met onderwerp {article.topic} heeft een blok '
                          f'"{article.topic}:" dat het concreet maakt.')


def block_matches_topic(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een blok zoals `gedrag:` staat alleen in een artikel met dat onderwerp.

    Goed: `gedrag:` in een artikel met `onderwerp: gedrag`.

    Fout: `gedrag:` in een artikel met `onderwerp: doel`.
    """
    for stem, article in agreement.articles.items():
        for key in BLOCK_FIELDS:
            if key != article.topic and article.block(key) is not None:
                yield Problem(agreement.location(agreement.article_file(stem), (key,), key=True),
                              f'Het blok "{key}" hoort bij een artikel met onderwerp {key}, '
                              f"niet bij {article.topic}.")


def dialogue_steps(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """De conflictdialoog heeft ten minste twee stappen: eerst in gesprek, dan wat er gebeurt als
    dat niet lukt.

    Goed: twee of meer `stappen`, elk met `naam`, `wie`, `termijn` en `tekst`.

    Fout: één stap, of geen.
    """
    for stem, article in agreement.articles.items():
        if article.dialogue is not None and len(article.dialogue.steps) < MIN_STEPS:
            yield Problem(agreement.location(agreement.article_file(stem), ("conflictdialoog",),
                                             key=True),
                          f"De conflictdialoog heeft {len(article.dialogue.steps)} stap(pen); "
                          f"ten minste {MIN_STEPS} zijn nodig: eerst het gesprek, dan wat er "
                          "gebeurt als dat niet lukt.")


def step_duration(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """De `termijn` van een stap is een duur: een getal en een eenheid.

    Goed: `termijn: 2 weken`, `termijn: 10 werkdagen`, `termijn: binnen een maand`

    Fout: `termijn: snel`
    """
    for stem, article in agreement.articles.items():
        if article.dialogue is None:
            continue
        for i, step in enumerate(article.dialogue.steps):
            if not DURATION.search(step.term):
                yield Problem(
                    agreement.location(agreement.article_file(stem),
                                       ("conflictdialoog", "stappen", i, "termijn")),
                    f'De termijn "{step.term}" is geen duur. Schrijf een getal en een eenheid, '
                    "zoals 2 weken of 10 werkdagen.")


def safeguards_present(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Het inwonerperspectief heeft ten minste één concrete waarborg met `wat`, `hoe` en
    `wanneer`.

    Goed:

        inwonerperspectief:
          waarborgen:
            - wat: Elk overleg begint met het verhaal van een inwoner.
              hoe: Een professional brengt een casus in.
              wanneer: Bij elke vergadering van de stuurgroep.

    Fout: `waarborgen: []`
    """
    for stem, article in agreement.articles.items():
        if article.citizen is not None and not article.citizen.safeguards:
            yield Problem(agreement.location(agreement.article_file(stem), ("inwonerperspectief",),
                                             key=True),
                          "Het inwonerperspectief heeft geen waarborg. Beschrijf ten minste één "
                          "concrete afspraak met wat, hoe en wanneer.")


def conduct_lists(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Het blok `gedrag` noemt wat helpt én wat niet helpt.

    Goed: `helpt:` en `helpt-niet:` elk met ten minste één gedraging.

    Fout: alleen `helpt:`.
    """
    for stem, article in agreement.articles.items():
        conduct = article.conduct
        if conduct is None:
            continue
        for key, items in (("helpt", conduct.helps), ("helpt-niet", conduct.hinders)):
            if not items:
                yield Problem(agreement.location(agreement.article_file(stem), ("gedrag",),
                                                 key=True),
                              f'Het blok gedrag heeft geen "{key}". Noem ten minste één gedraging.')


def joining_meaning(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Het blok `instappen` zegt concreet wat instappen betekent.

    Goed: `betekent:` met ten minste één afspraak, zoals "Je neemt deel aan de stuurgroep."

    Fout: `betekent: []`
    """
    for stem, article in agreement.articles.items():
        if article.joining is not None and not article.joining.means:
            yield Problem(agreement.location(agreement.article_file(stem), ("instappen",),
                                             key=True),
                          "Het blok instappen zegt niet wat instappen betekent. Noem ten minste "
                          "één concrete afspraak onder betekent.")

"""Plain-language rules T001–T007 over the binding texts, built on rechtmakers.language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import TERMS_FILE
from rechtmakers.checks.base import Context, Rule, warning
from rechtmakers.findings import Problem

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement
    from rechtmakers.language.config import LanguageConfig

# rechtmakers.language (word lists, syllable rules) loads when a language rule first runs:
# render asks only for errors and never needs it.

# The six text rules share one pass over the texts: the last agreement's findings, by code.
_last: tuple[Agreement, Context, dict[str, list[Problem]]] | None = None


def _text_problems(agreement: Agreement, ctx: Context, code: str) -> list[Problem]:
    global _last
    if _last is None or _last[0] is not agreement or _last[1] is not ctx:
        _last = (agreement, ctx, _check_texts(agreement, language_config(ctx)))
    return _last[2].get(code, [])


def language_config(ctx: Context) -> LanguageConfig:
    """The language settings of the repository configuration in ctx (defaults without one)."""
    from rechtmakers.language.config import from_repository_config

    return from_repository_config(ctx.config)


def _check_texts(agreement: Agreement, config: LanguageConfig) -> dict[str, list[Problem]]:
    from rechtmakers.language import check_text

    defined = frozenset(term.term for term in agreement.terms)
    found: dict[str, list[Problem]] = {}
    for rel, ypath, text in agreement.binding_texts():
        for finding in check_text(text, defined_terms=defined, config=config):
            location = agreement.offset_location(rel, ypath, finding.start)
            found.setdefault(finding.code, []).append(Problem(location, finding.message))
    return found


def jargon(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Schrijf gewone woorden in plaats van ambtelijke taal en vaste formules.

    De lijst staat in rechtmakers/data/jargon.csv; vervoegde en gesplitste vormen tellen mee.

    Goed: `Als een partij wil uittreden, meldt zij dit aan de stuurgroep.`

    Fout: `Indien een partij wenst uit te treden, dient zij dit te melden.`
    """
    yield from _text_problems(agreement, ctx, "T001")


def legal_terms(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een juridisch begrip (ontbinden, aansprakelijk, overmacht) staat uitgelegd in begrippen.

    Goed: `ontbinden` gebruikt, met in begrippen.yaml `term: ontbinden` en een uitleg.

    Fout: `Een partij kan de overeenkomst ontbinden.` zonder dat begrip in begrippen.yaml.
    """
    if TERMS_FILE in agreement.unread:
        return  # the term may be explained there; the file's own error is reported
    yield from _text_problems(agreement, ctx, "T002")


def long_sentences(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een zin heeft niet meer dan 20 woorden (instelling `zinslengte`).

    Een verwijzing als [[besluitvorming]] of @de-schoor telt als één woord; elk punt van een
    opsomming is een eigen zin.

    Goed: `We nemen besluiten samen. Lukt dat niet, dan volgen we [[conflictdialoog]].`

    Fout: één zin van dertig woorden met drie bijzinnen.
    """
    yield from _text_problems(agreement, ctx, "T003")


def passive_voice(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Schrijf actief: zeg wie iets doet, in plaats van worden of zijn met een voltooid deelwoord.

    Goed: `De stuurgroep neemt het besluit.`

    Fout: `Het besluit wordt door de stuurgroep genomen.`
    """
    yield from _text_problems(agreement, ctx, "T004")


def double_negatives(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Geen dubbele ontkenning: niet … geen, niet … nooit, niet on- + bijvoeglijk naamwoord.

    Goed: `Er is geld.`

    Fout: `Het is niet zo dat er geen geld is.`
    """
    yield from _text_problems(agreement, ctx, "T005")


def long_words(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een woord heeft niet meer dan 6 lettergrepen (instelling `lettergrepen`).

    Samenstellingen met samenwerking, welzijn, zorg en gezondheid mogen; meer woorden zet je
    in de instelling `toegestaan`.

    Goed: `de verdeling van de verantwoordelijkheid`

    Fout: `de verantwoordelijkheidsverdeling`
    """
    yield from _text_problems(agreement, ctx, "T006")


def unused_defined_terms(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Elk begrip uit begrippen.yaml wordt ergens in de overeenkomst gebruikt.

    Goed: `term: stuurgroep`, en een artikel zegt `De stuurgroep besluit.`

    Fout: `term: lerend netwerk`, maar geen tekst noemt een lerend netwerk.
    """
    if not agreement.complete:
        return  # the term may be used in a file that did not load; its error is reported
    texts = [text for _, _, text in agreement.binding_texts()]
    from rechtmakers.language import unused_terms

    unused = set(unused_terms([term.term for term in agreement.terms], texts))
    for index, term in enumerate(agreement.terms):
        if term.term in unused:
            yield Problem(agreement.location(TERMS_FILE, ("begrippen", index, "term")),
                          f'Het begrip "{term.term}" staat in begrippen, maar geen tekst '
                          "gebruikt het. Gebruik het of haal het weg.")


LANGUAGE_RULES: dict[str, Rule] = {
    "T001": warning("T001", "geen-ambtelijke-taal", "Gewone woorden in plaats van ambtelijke "
                    "taal.", jargon),
    "T002": warning("T002", "juridisch-begrip-uitgelegd", "Een juridisch begrip staat "
                    "uitgelegd in begrippen.", legal_terms),
    "T003": warning("T003", "korte-zinnen", "Een zin heeft niet meer dan 20 woorden.",
                    long_sentences),
    "T004": warning("T004", "actief-schrijven", "Zeg wie iets doet: geen lijdende vorm.",
                    passive_voice),
    "T005": warning("T005", "geen-dubbele-ontkenning", "Geen dubbele ontkenning.",
                    double_negatives),
    "T006": warning("T006", "geen-lange-woorden", "Een woord heeft niet meer dan 6 "
                    "lettergrepen.", long_words),
    "T007": warning("T007", "begrip-gebruikt", "Elk begrip uit begrippen wordt gebruikt.",
                    unused_defined_terms),
}

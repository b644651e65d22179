"""Version discipline (validate --since REV): changed binding text comes with a higher versie."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import META_FILE, WORKING_TREE, IncompleteAgreement, gate
from rechtmakers.checks.base import Context, Since
from rechtmakers.findings import Problem

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-(.+))?$")
_last: list[tuple[Agreement, Context, Since | None]] = []


def article_version_raised(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Verhoog de `versie` van een artikel als zijn bindende tekst verandert.

    Alleen met `rechtmakers validate --since REV`: vergelijkt met de overeenkomst in revisie
    REV. Bindend is wat de digest van het artikel verandert: de titel, het onderwerp, de tekst
    (ook een linkadres, nadruk of een ander soort spatie), de leden en het blok; de toelichting
    niet, een andere schrijfwijze van dezelfde tekens (NFC of NFD) of andere regelafbreking
    niet, en ook niet een verwijzing die alleen een ander nummer kreeg.

    Goed: de tekst van `besluitvorming` is gewijzigd en `versie: 1` werd `versie: 2`.

    Fout: de tekst is gewijzigd en er staat nog steeds `versie: 1`.
    """
    changes = _changes(agreement, ctx)
    if changes is None:
        return
    for article in changes.articles:
        old, new = article.version_old, article.version_new
        if article.text_changed and old is not None and new is not None and new <= old:
            yield Problem(agreement.location(agreement.article_file(article.id), ("versie",)),
                          f"Artikel {article.id} is gewijzigd sinds {ctx.since}, maar de versie "
                          f"is niet verhoogd (was {old}, nu {new}). Maak er versie: {old + 1} "
                          "van.")


def agreement_version_raised(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Verhoog de `versie` van de overeenkomst als haar bindende inhoud verandert.

    Alleen met `rechtmakers validate --since REV`. Bindend is precies wat de digest verandert
    (dezelfde regel als bij `rechtmakers diff`, `log` en `status`): de artikelen (toegevoegd,
    geschrapt, verplaatst of gewijzigd, ook hun versie), de titel, de datum, de ingangs- en
    einddatum, het kompas, de overwegingen, de penvoerder, de partijen als rechtspersoon, de
    begrippen en de bijlagen (elke byte); niet de status, de vertegenwoordigers, de
    ondertekeningsregels of de toelichting.

    Goed: een artikel is toegevoegd en `versie: 1.0.0` werd `versie: 1.1.0`.

    Fout: een artikel is toegevoegd en er staat nog steeds `versie: 1.0.0`.
    """
    changes = _changes(agreement, ctx)
    new = agreement.meta
    if changes is None or not changes.binding_changed or new is None:
        return
    old = changes.old_version
    if _semver_key(new.version) > _semver_key(old):
        return
    yield Problem(agreement.location(META_FILE, ("versie",)),
                  f"De overeenkomst is inhoudelijk gewijzigd sinds {ctx.since}, maar de versie "
                  f"is niet verhoogd (was {old}, nu {new.version}). Verhoog het "
                  "versienummer, bijvoorbeeld naar "
                  f"{_next_minor(old)}.")


def _changes(agreement: Agreement, ctx: Context) -> Since | None:
    """The changes since --since, from the probe; both rules share one comparison."""
    probe = ctx.since_probe
    if probe is None:
        return None
    for seen, seen_ctx, changes in _last:
        if seen is agreement and seen_ctx is ctx:
            return changes
    try:
        complete = gate(agreement, (), WORKING_TREE)
    except IncompleteAgreement:
        # A file that did not load would look deleted: its error is reported instead.
        changes = None
    else:
        changes = probe(complete)
    _last[:] = [(agreement, ctx, changes)]
    return changes


def _semver_key(version: str) -> tuple[int, int, int, int, str]:
    """Order of semantic versions: 1.0.0-rc.1 < 1.0.0 < 1.0.1."""
    match = _SEMVER.match(version)
    if match is None:
        return (0, 0, 0, 0, version)
    major, minor, patch, pre = match.groups()
    return (int(major), int(minor), int(patch), 0 if pre else 1, pre or "")


def _next_minor(version: str) -> str:
    match = _SEMVER.match(version)
    if match is None:
        return "een hoger nummer"
    return f"{match.group(1)}.{int(match.group(2)) + 1}.0"

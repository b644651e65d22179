"""Identity rules: ids equal file and folder names, and ids are unique."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.checks.base import Context
from rechtmakers.findings import Problem
from rechtmakers.source_names import META_FILE, PARTIES_FILE, TERMS_FILE

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement


def article_id_matches_file(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Het `id` van een artikel is gelijk aan de bestandsnaam.

    Goed, in `artikelen/besluitvorming.yaml`:

        id: besluitvorming

    Fout, in `artikelen/besluitvorming.yaml`:

        id: besluiten
    """
    for stem, article in agreement.articles.items():
        if article.id != stem:
            rel = agreement.article_file(stem)
            yield Problem(agreement.location(rel, ("id",)),
                          f'Het id "{article.id}" hoort gelijk te zijn aan de bestandsnaam: '
                          f'"{stem}".')


def agreement_id_matches_folder(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Het `id` in overeenkomst.yaml is gelijk aan de naam van de map.

    Goed, in `agreements/positief-gezond-almere/overeenkomst.yaml`:

        id: positief-gezond-almere

    Fout:

        id: pga
    """
    meta = agreement.meta
    if meta and meta.id != agreement.root.resolve().name:
        yield Problem(agreement.location(META_FILE, ("id",)),
                      f'Het id "{meta.id}" hoort gelijk te zijn aan de mapnaam: '
                      f'"{agreement.root.resolve().name}".')


def unique_ids(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Kenmerken van partijen, artikelen, bijlagen, leden en begrippen komen maar één keer voor.

    Artikelen en bijlagen delen hun kenmerken: `[[werkwijze]]` moet één ding noemen. Een
    bijlage heeft dus geen kenmerk dat al een artikel heeft.

    Goed:

        leden:
          - id: consent
          - id: bezwaar

    Fout:

        leden:
          - id: consent
          - id: consent

    Fout (er is ook een artikel `artikelen/doel.yaml`):

        bijlagen:
          - id: doel
            titel: Doelen per jaar
            bestand: doelen.md
    """
    yield from _duplicates(agreement, PARTIES_FILE, "partijen",
                           [(("partijen", i, "id"), p.id) for i, p in enumerate(agreement.parties)])
    yield from _duplicates(agreement, TERMS_FILE, "begrippen",
                           [(("begrippen", i, "term"), t.term.lower())
                            for i, t in enumerate(agreement.terms)])
    if agreement.meta:
        yield from _duplicates(agreement, META_FILE, "artikelen",
                               [(("artikelen", i), a)
                                for i, a in enumerate(agreement.meta.articles)])
        yield from _annex_duplicates(agreement)
    for stem, article in agreement.articles.items():
        yield from _duplicates(agreement, agreement.article_file(stem), "leden",
                               [(("leden", i, "id"), m.id) for i, m in enumerate(article.members)])


def _annex_duplicates(agreement: Agreement) -> Iterator[Problem]:
    articles = set(agreement.article_files) | set(agreement.articles)
    if agreement.meta:
        articles |= set(agreement.meta.articles)
    seen: set[str] = set()
    for i, annex in enumerate(agreement.annexes):
        location = agreement.location(META_FILE, ("bijlagen", i, "id"))
        if annex.id in articles:
            yield Problem(location, f'"{annex.id}" is al het kenmerk van een artikel. Artikelen '
                          "en bijlagen delen hun kenmerken; geef de bijlage een ander kenmerk.")
        elif annex.id in seen:
            yield Problem(location, f'"{annex.id}" staat al eerder in bijlagen. Elk kenmerk komt '
                          "maar één keer voor.")
        seen.add(annex.id)


def _duplicates(agreement: Agreement, rel: str, what: str,
                items: list[tuple[tuple[str | int, ...], str]]) -> Iterator[Problem]:
    seen: set[str] = set()
    for ypath, value in items:
        if value in seen:
            yield Problem(agreement.location(rel, ypath),
                          f'"{value}" staat al eerder in {what}. Elk kenmerk komt maar één keer '
                          "voor.")
        seen.add(value)

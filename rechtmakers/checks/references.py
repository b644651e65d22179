"""Reference rules: listed articles exist, files are listed, [[…]] and @… resolve."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import ARTICLES_DIR, META_FILE
from rechtmakers.checks.base import Context
from rechtmakers.findings import Location, Problem
from rechtmakers.source_names import PARTIES_FILE

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement


# "Bedoelde je …?" compares an id with every known one: for the first findings of a rule only,
# so that an agreement full of broken references still checks in linear time.
SUGGESTION_LIMIT = 200
_MAX_GUESS_LENGTH = 100


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known id that word most likely means: the same letters without hyphens, else the
    closest spelling; None when nothing is close."""
    if len(word) > _MAX_GUESS_LENGTH:
        return None
    options = sorted(known)
    bare = word.replace("-", "")
    same = [option for option in options if option.replace("-", "") == bare]
    if same:
        return same[0]
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.7)
    return found[0] if found else None


def _guess(word: str, known: Iterable[str], count: int, form: str) -> str:
    """' Bedoelde je [[x]]?' for one of the first findings, else ''."""
    if count >= SUGGESTION_LIMIT:
        return ""
    found = closest(word, known)
    return f" Bedoelde je {form.format(found)}?" if found else ""


def listed_articles_exist(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Elk artikel in de lijst `artikelen` heeft een bestand in artikelen/.

    Goed: `artikelen: [doel, besluitvorming]` met `artikelen/doel.yaml` en
    `artikelen/besluitvorming.yaml`.

    Fout: `artikelen: [doel, besluiten]` zonder `artikelen/besluiten.yaml`.
    """
    if not agreement.meta:
        return
    files = agreement.article_files
    for i, article_id in enumerate(agreement.meta.articles):
        if article_id not in files:
            yield Problem(agreement.location(META_FILE, ("artikelen", i)),
                          f'Het artikel "{article_id}" staat in de lijst, maar het bestand '
                          f"{ARTICLES_DIR}/{article_id}.yaml bestaat niet.")


def article_files_listed(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Elk bestand in artikelen/ staat in de lijst `artikelen` van overeenkomst.yaml.

    Een artikel dat niet in de lijst staat, krijgt geen nummer en komt niet in het document.

    Goed: `artikelen/looptijd.yaml` bestaat en `looptijd` staat in `artikelen`.

    Fout: `artikelen/looptijd.yaml` bestaat, maar `looptijd` staat niet in `artikelen`.
    """
    if not agreement.meta:
        return
    listed = set(agreement.meta.articles)
    for stem in sorted(agreement.article_files - listed):
        path = agreement.root / ARTICLES_DIR / f"{stem}.yaml"
        yield Problem(Location(path),
                      f'Het artikel "{stem}" staat niet in de lijst artikelen van '
                      f"{META_FILE}. Zet het in de lijst of verwijder het bestand.")


def article_references(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een verwijzing [[artikel]] noemt een artikel of een bijlage die bestaat.

    Artikelen en bijlagen delen hun kenmerken: `[[transformatieplan]]` leest als "bijlage 1"
    als transformatieplan de eerste bijlage is.

    Goed: `Dan volgen we [[conflictdialoog]].` of `zoals [[transformatieplan]] beschrijft`

    Fout: `Dan volgen we [[conflict]].` (er is geen artikel of bijlage conflict)
    """
    known = agreement.article_files | set(agreement.articles)
    known |= {annex.id for annex in agreement.annexes}
    count = 0
    for rel, ypath, ref in agreement.references:
        if ref.kind in ("article", "member") and ref.article not in known:
            rest = f".{ref.member}]]" if ref.kind == "member" else "]]"
            hint = _guess(ref.article, known, count, "[[{}" + rest)
            count += 1
            yield Problem(agreement.offset_location(rel, ypath, ref.start),
                          f'De verwijzing {ref.raw} noemt een artikel dat niet bestaat: '
                          f'"{ref.article}".{hint}')


def member_references(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een verwijzing [[artikel.lid]] noemt een lid van dat artikel dat bestaat.

    Goed: `zoals [[besluitvorming.consent]] zegt` (artikel besluitvorming heeft een lid consent)

    Fout: `zoals [[besluitvorming.stemmen]] zegt` (dat lid bestaat niet), of
    `[[transformatieplan.doelen]]` (een bijlage heeft geen leden: schrijf
    `[[transformatieplan]]`)
    """
    annexes = {annex.id for annex in agreement.annexes} - set(agreement.articles)
    count = 0
    for rel, ypath, ref in agreement.references:
        if ref.kind == "member" and ref.article in annexes:
            yield Problem(agreement.offset_location(rel, ypath, ref.start),
                          f'"{ref.article}" is een bijlage, en een bijlage heeft geen leden. '
                          f"Verwijs naar de hele bijlage: [[{ref.article}]].")
            continue
        article = agreement.articles.get(ref.article)
        if ref.kind == "member" and article and not agreement.member(ref.article, ref.member):
            hint = _guess(ref.member, (m.id for m in article.members), count,
                          f"[[{ref.article}.{{}}]]")
            count += 1
            yield Problem(agreement.offset_location(rel, ypath, ref.start),
                          f'Artikel "{ref.article}" heeft geen lid "{ref.member}" '
                          f"(verwijzing {ref.raw}).{hint}")


def party_references(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een verwijzing @partij noemt een partij uit partijen.yaml.

    Goed: `@ggd-flevoland is penvoerder.`

    Fout: `@ggd is penvoerder.` (de partij heet ggd-flevoland)
    """
    if not agreement.parties:
        return
    known = set(agreement.party_map)
    count = 0
    for rel, ypath, ref in agreement.references:
        if ref.kind == "party" and ref.party not in known:
            hint = _guess(ref.party, known, count, "@{}")
            count += 1
            yield Problem(agreement.offset_location(rel, ypath, ref.start),
                          f'{ref.raw} noemt een partij die niet in {PARTIES_FILE} staat.{hint}')


def lead_is_party(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """De `penvoerder` is een van de partijen.

    Goed: `penvoerder: ggd-flevoland` met een partij `id: ggd-flevoland`.

    Fout: `penvoerder: ggd`
    """
    meta = agreement.meta
    if meta and agreement.parties and meta.lead not in agreement.party_map:
        yield Problem(agreement.location(META_FILE, ("penvoerder",)),
                      f'De penvoerder "{meta.lead}" is geen partij uit {PARTIES_FILE}.')


def malformed_references(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een verwijzing heeft de vorm [[artikel]], [[artikel.lid]] of @partij.

    Wat op een verwijzing lijkt maar het niet is, komt anders letterlijk met haken in het
    document.

    Goed: `[[besluitvorming.consent]]` en `@ggd-flevoland`

    Fout: `[[Artikel 3]]` (nummers typ je niet: die volgen uit de volgorde), `[[doel]`,
    `[doel]]`, `[[ doel ]]`, `[[doel.]]`, `[[.consent]]`, of een losse `@`.
    """
    for rel, ypath, ref in agreement.references:
        if ref.kind == "malformed":
            yield Problem(agreement.offset_location(rel, ypath, ref.start),
                          malformed_reason(ref.raw))


def malformed_reason(raw: str) -> str:
    """Why raw is no reference, in the words of the person who wrote it."""
    form = "Schrijf [[artikel]] of [[artikel.lid]] met de kenmerken in kleine letters."
    if raw == "[[":
        return f"Deze verwijzing opent met [[ maar sluit niet met ]] op dezelfde regel. {form}"
    if raw == "]]":
        return f"Deze verwijzing sluit met ]] maar opent niet met [[. {form}"
    if raw == "@":
        return ("Na @ hoort het kenmerk van een partij, zoals @ggd-flevoland. Bedoel je geen "
                "verwijzing, schrijf dan bijvoorbeeld 'bij' of 'op'.")
    inner = raw[2:-2]
    if inner != inner.strip():
        return f"In de verwijzing {raw} staan spaties binnen de haken. Laat ze weg: " \
            f"[[{inner.strip()}]]."
    if inner.startswith(".") or inner.endswith(".") or ".." in inner:
        return (f"In de verwijzing {raw} ontbreekt het kenmerk voor of na de punt. {form}")
    return f"{raw} is geen geldige verwijzing. {form}"

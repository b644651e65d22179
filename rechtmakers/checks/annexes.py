"""Annex rules: each listed annex is a readable file in bijlagen/; each file there is listed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import ANNEXES_DIR, META_FILE
from rechtmakers.annex_files import AnnexIssueKind
from rechtmakers.checks.base import Context
from rechtmakers.findings import Location, Problem

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement


def _issues(agreement: Agreement, kinds: tuple[AnnexIssueKind, ...]) -> Iterator[Problem]:
    for issue in agreement.annex_issues:
        if issue.kind in kinds:
            yield Problem(agreement.location(META_FILE, ("bijlagen", issue.index, "bestand")),
                          issue.message)


def listed_annexes_exist(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Elke bijlage in de lijst `bijlagen` van overeenkomst.yaml heeft een bestand in bijlagen/.

    De inhoud van een bijlage hoort bij wat partijen tekenen. Zonder het bestand is er niets om
    te tekenen, en geen digest.

    Goed, met het bestand `bijlagen/transformatieplan.md`:

        bijlagen:
          - id: transformatieplan
            titel: Transformatieplan
            bestand: transformatieplan.md

    Fout (het bestand heet transformatieplan.md, of het ontbreekt):

        bijlagen:
          - id: transformatieplan
            titel: Transformatieplan
            bestand: plan.md
    """
    return _issues(agreement, ("missing",))


def annexes_safe(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een bijlage is een gewoon bestand in de map bijlagen/ van hooguit 1 MB.

    Het pad blijft binnen bijlagen/ (geen `..`, geen pad vanaf de schijf), gaat niet via een
    symbolische link, en het bestand is hooguit 1 MB, net als elk ander bestand van een
    overeenkomst.

    Goed: `bestand: begroting-2026.pdf` of `bestand: werkwijze/intake.md`

    Fout: `bestand: ../../geheim.txt`, `bestand: /home/jan/plan.pdf`, of een
    `bijlagen/plan.pdf` die een link is naar een bestand elders.
    """
    return _issues(agreement, ("unsafe", "unreadable"))


def markdown_annexes_are_text(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een Markdown-bijlage (.md) is UTF-8-tekst: de tekst komt in het document.

    Goed: `transformatieplan.md`, opgeslagen als UTF-8.

    Fout: een `.md`-bestand dat in een andere codering is opgeslagen, of een Word-bestand dat
    de naam `plan.md` kreeg. Sla het op als UTF-8, of geef het zijn eigen extensie
    (`plan.docx`): dan staat het in de lijst met zijn SHA-256.
    """
    for i, annex in enumerate(agreement.annexes):
        content = agreement.annex_content(annex)
        if content is not None and content.markdown and content.text is None:
            yield Problem(agreement.location(META_FILE, ("bijlagen", i, "bestand")),
                          f"De bijlage {ANNEXES_DIR}/{annex.file} is geen UTF-8-tekst. Sla "
                          "het bestand op als UTF-8.")


def annex_files_listed(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Elk bestand in de map bijlagen/ staat in de lijst `bijlagen` van overeenkomst.yaml.

    Een bestand dat niet in de lijst staat, wordt niet getekend en komt niet in het document.
    Misschien hoort het erbij, misschien is het vergeten op te ruimen. Bestanden waarvan de
    naam met een punt begint (zoals `.gitkeep`) tellen niet mee.

    Goed: `bijlagen/begroting.pdf` met in de lijst `bestand: begroting.pdf`.

    Fout: `bijlagen/begroting-oud.pdf` staat in de map, maar niet in de lijst.
    """
    listed = {annex.file for annex in agreement.annexes}
    for rel in sorted(agreement.annex_files - listed):
        yield Problem(Location(agreement.root / ANNEXES_DIR / rel),
                      f"Het bestand {ANNEXES_DIR}/{rel} staat niet in de lijst bijlagen van "
                      f"{META_FILE}. Zet het in de lijst, zodat het mee getekend wordt, of "
                      "haal het weg.")

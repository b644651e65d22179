"""Sign-off rules: an agreement that says it is vastgesteld is signed by every party."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.agreement import META_FILE
from rechtmakers.checks.base import Context
from rechtmakers.errors import RechtmakersError
from rechtmakers.findings import Problem

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement


def sealed_means_signed(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Een overeenkomst met `status: vastgesteld` is door elke partij getekend, met bewijs dat
    klopt (de regels van `rechtmakers status`). Buiten een git-repository is er geen bewijs te
    controleren, dus daar is `vastgesteld` altijd een melding.

    Goed: `status: vastgesteld` nadat `rechtmakers vaststellen` het zette: alle partijen
    tekenden precies deze inhoud.

    Fout: `status: vastgesteld` met de hand gezet, terwijl de gemeente nog niet tekende, of
    nadat een artikel veranderde (de handtekeningen gelden dan een eerdere inhoud).
    """
    meta = agreement.meta
    if meta is None or meta.status != "vastgesteld" or ctx.signoffs is None:
        return
    from rechtmakers.agreement import WORKING_TREE, gate
    from rechtmakers.digest import content_digest
    from rechtmakers.git import repo as gitrepo

    try:
        gitrepo.open_repo(agreement.root)
    except RechtmakersError:
        # A status typed in a file proves nothing: outside git there is no sign-off to check.
        yield Problem(agreement.location(META_FILE, ("status",)),
                      "De status is vastgesteld, maar deze map staat niet in git: er is geen "
                      "ondertekening om dat mee te controleren. Controleer de overeenkomst in "
                      "haar repository (rechtmakers status).")
        return
    try:
        complete = gate(agreement, (), WORKING_TREE)
        digest = content_digest(complete)
    except RechtmakersError:
        return  # not read whole, no digest: other rules report what is wrong
    waiting = ctx.signoffs(complete, digest)
    if waiting:
        yield Problem(agreement.location(META_FILE, ("status",)),
                      f"De status is vastgesteld, maar niet elke partij tekende deze inhoud: "
                      f"{', '.join(waiting[:5])}{' …' if len(waiting) > 5 else ''}. Zet de "
                      "status terug (bijvoorbeeld ter-ondertekening) of laat eerst tekenen "
                      "(rechtmakers status).")

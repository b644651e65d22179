"""`review`: what one party's director needs, by e-mail, without git.

For `ter-ondertekening` an approval package: the page (what is asked, by when, whom to ask, the
one way to approve that can count for this party, what changed and why, who signed so far), the
approval statement and the PDF of this version. For `concept` a discussion page and the DOCX to
return as a Word review (read back with `inlezen`): no statement, nothing to approve. For
`vastgesteld` a page that says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.errors import AgreementError, RechtmakersError
from rechtmakers.safe_write import check_target, write_file
from rechtmakers.signoff.kinds import PartyState, ReviewKind
from rechtmakers.signoff.review_changes import Changes, changes_since
from rechtmakers.signoff.review_page import PageFacts, page
from rechtmakers.signoff.routes import Contact, Offer, contact, offers
from rechtmakers.signoff.statement import (
    NAMESPACE,
    build_statement,
    party_label,
    statement_file_name,
)
from rechtmakers.signoff.status import AgreementStatus, agreement_status
from rechtmakers.signoff.trust import PartyTrust, RecordCheck
from rechtmakers.source_names import PARTIES_FILE, TRUST_DIR
from rechtmakers.vocabulary import Status


@dataclass(frozen=True)
class ReviewRequest:
    """For whom, where to, by when, and whom the director may ask (None: the penvoerder)."""

    party: str
    out: Path
    deadline: dt.date | None = None
    contact: str | None = None


@dataclass(frozen=True)
class ReviewResult:
    """The files written, what the page asks, and what the sender should know (warnings)."""

    kind: ReviewKind
    page: Path
    statement: Path | None
    pdf: Path | None
    docx: Path | None
    since: RecordCheck | None
    warnings: tuple[str, ...]


def review(root: Path, request: ReviewRequest) -> ReviewResult:
    """Write the page and what goes with it into request.out."""
    status = agreement_status(root)
    agreement = status.agreement
    party = _party(status, request.party)
    meta = agreement.meta
    kind = _kind(meta.status)
    since = _last_signed(party)
    changes = _changes(root, agreement, since, status.digest)
    routes = (offers(root, agreement, party, dict(status.report.anchor_blobs))
              if kind is ReviewKind.APPROVAL else ())
    who = contact(agreement, request.contact)
    files: dict[str, bytes] = {}
    statement = pdf_name = docx_name = None
    if kind is ReviewKind.APPROVAL:
        statement = build_statement(agreement.id, meta.title, meta.version, status.digest,
                                    party.party.id, party_label(party.party))
        files[statement_file_name(agreement.id, party.party.id)] = statement
        pdf_name = _add_rendering(files, agreement, "pdf")
    elif kind is ReviewKind.DISCUSSION:
        docx_name = _add_rendering(files, agreement, "docx")
    facts = PageFacts(kind, agreement, party, status.parties, party_label(party.party),
                      status.digest, request.deadline, who, routes, since, changes,
                      statement.decode("utf-8") if statement else None,
                      statement_file_name(agreement.id, party.party.id) if statement else None,
                      pdf_name, docx_name, NAMESPACE)
    page_name = f"{agreement.id}-{party.party.id}.html"
    files = {page_name: page(facts).encode("utf-8"), **files}
    _write(request.out, files)
    out = request.out
    return ReviewResult(kind, out / page_name,
                        out / statement_file_name(agreement.id, party.party.id)
                        if statement else None,
                        out / pdf_name if pdf_name else None,
                        out / docx_name if docx_name else None, since,
                        _warnings(kind, party, routes, who, facts.party_label))


def _party(status: AgreementStatus, party_id: str) -> PartyTrust:
    party = next((p for p in status.parties if p.party.id == party_id), None)
    if party is None:
        known = ", ".join(sorted(status.agreement.party_map))
        raise AgreementError(f"De partij {party_id[:80]} staat niet in {PARTIES_FILE}. Bekende "
                             f"partijen: {known}.")
    return party


def _kind(status: Status) -> ReviewKind:
    match status:
        case "concept":
            return ReviewKind.DISCUSSION
        case "ter-ondertekening":
            return ReviewKind.APPROVAL
        case "vastgesteld":
            return ReviewKind.SEALED
        case _:
            assert_never(status)


def _warnings(kind: ReviewKind, party: PartyTrust, routes: tuple[Offer, ...],
              who: Contact | None, label: str) -> tuple[str, ...]:
    """What the sender must know before sending: the page asks for nothing that can succeed,
    or names nobody to ask."""
    found: list[str] = []
    if kind is ReviewKind.APPROVAL:
        if party.state is not PartyState.SIGNED and not any(o.on_their_own for o in routes):
            how = ("alleen een ondertekening in git kan tellen, en daarvoor is hulp van de "
                   "beheerder nodig" if routes else "geen enkele manier kan nu tellen")
            found.append(f"{label} kan niet zelf akkoord geven: {how}. Geen vertegenwoordiger "
                         f"heeft een sleutel die telt, en {TRUST_DIR}/ heeft geen certificaat "
                         "dat telt. De pagina zegt dat en noemt wie te vragen.")
    elif kind is ReviewKind.DISCUSSION:
        found.append("De status is concept: dit is een pagina ter bespreking, zonder "
                     "akkoordverklaring. Zet de status op ter-ondertekening om akkoord te "
                     "vragen.")
    elif kind is ReviewKind.SEALED:
        found.append("Deze versie is al vastgesteld: de pagina vraagt niets meer.")
    else:
        assert_never(kind)
    if who is None:
        found.append("Er is niemand om te vragen: de penvoerder heeft geen vertegenwoordiger. "
                     "Geef er een met --contact.")
    return tuple(found)


def _add_rendering(files: dict[str, bytes], agreement: CompleteAgreement, fmt: str) -> str | None:
    """The PDF (to sign) or DOCX (to review) of this version, added to files; None when it
    cannot be made here (no typst, say): the page then says how to get it."""
    from rechtmakers.render import RenderOptions, render_agreement

    meta = agreement.meta
    try:
        rendered = render_agreement(agreement, RenderOptions(formats=(fmt,)))
    except RechtmakersError:
        return None
    data = next(iter(rendered.values()), None)
    if data is None:
        return None
    name = f"{agreement.id}-versie-{meta.version}.{fmt}"
    files[name] = data
    return name


def _write(out: Path, files: dict[str, bytes]) -> None:
    """Every file checked before any is written: never through a link, never into a source."""
    check_target(out)
    for name in files:
        check_target(out / name, below=out)
    for name, data in files.items():
        write_file(out / name, data, below=out)


def _last_signed(party: PartyTrust) -> RecordCheck | None:
    """The newest record of this party that counts (for any content)."""
    counting = [c for c in party.records if c.counts and c.record]
    return max(counting, key=lambda c: c.record.signed_at if c.record else 0, default=None)


def _changes(root: Path, agreement: CompleteAgreement, since: RecordCheck | None,
             digest: str) -> Changes | None:
    """What changed since the party's last sign-off; None when it signed this content, never
    signed, or the signed version cannot be read."""
    if since is None or since.record is None or since.record.digest == digest or \
            since.commit is None:
        return None
    return changes_since(root, agreement, since.commit, since.record.version)

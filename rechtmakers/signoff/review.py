"""`review`: what one party needs to approve without git. A self-contained HTML page (what
changed since the party last signed, the current text, who signed so far, the version and
digest, and how to approve) and the approval statement to sign with ssh-keygen."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from rechtmakers.agreement import CompleteAgreement, IncompleteAgreement
from rechtmakers.errors import AgreementError, UsageError, os_reason
from rechtmakers.signoff.statement import NAMESPACE, build_statement, statement_file_name
from rechtmakers.signoff.status import AgreementStatus, agreement_status
from rechtmakers.signoff.trust import PartyTrust, RecordCheck
from rechtmakers.versions import Versions

TEMPLATE = "review.html.j2"
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_EXTERNAL_HREF = re.compile(r"\shref=\"(?!#)[^\"]*\"")  # a link out: the anchor stays, inert
_ACTIVE = re.compile(r"<(script|link|iframe|img|object|embed)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class ReviewResult:
    """The files written, and from which signed version the changes are shown (if any)."""

    page: Path
    statement: Path
    since: RecordCheck | None
    pdf: Path | None = None  # the PDF of this version, to sign with a certificate


def review(root: Path, party_id: str, out: Path) -> ReviewResult:
    """Write <agreement>-<partij>.html, <agreement>-<partij>-akkoord.txt and the PDF of this
    version, <agreement>-versie-<versie>.pdf, into out."""
    status = agreement_status(root)
    agreement = status.agreement
    party = next((p for p in status.parties if p.party.id == party_id), None)
    if party is None:
        known = ", ".join(sorted(agreement.party_map))
        raise AgreementError(f"De partij {party_id[:80]} staat niet in partijen.yaml. Bekende "
                             f"partijen: {known}.")
    meta = agreement.meta
    statement = build_statement(agreement.id, meta.title, meta.version, status.digest,
                                party.party.id, party.party.name)
    since = _last_signed(party)
    changes = _changes_since(root, agreement, since, status.digest)
    pdf = _pdf(agreement)
    pdf_name = f"{agreement.id}-versie-{meta.version}.pdf" if pdf else None
    page = _page(status, party, statement, since, changes, pdf_name)
    try:
        out.mkdir(parents=True, exist_ok=True)
        stem = f"{agreement.id}-{party.party.id}"
        page_path = out / f"{stem}.html"
        statement_path = out / statement_file_name(agreement.id, party.party.id)
        _write(page_path, page.encode("utf-8"))
        _write(statement_path, statement)
        if pdf and pdf_name:
            _write(out / pdf_name, pdf)
    except OSError as exc:
        raise UsageError(f"{out} is niet te schrijven ({os_reason(exc)}).") from None
    return ReviewResult(page_path, statement_path, since, out / pdf_name if pdf_name else None)


def _pdf(agreement: CompleteAgreement) -> bytes | None:
    """The PDF of this version (its digest in the metadata), to sign with a certificate and
    send back; None when it cannot be made here."""
    from rechtmakers.errors import RechtmakersError
    from rechtmakers.render import RenderOptions, render_agreement

    try:
        rendered = render_agreement(agreement, RenderOptions(formats=("pdf",)))
    except RechtmakersError:
        return None
    return next(iter(rendered.values()), None)


def _write(path: Path, data: bytes) -> None:
    if path.is_symlink():
        raise UsageError(f"{path} is een symbolische koppeling; rechtmakers schrijft daar niet "
                         "doorheen.")
    path.write_bytes(data)


def _last_signed(party: PartyTrust) -> RecordCheck | None:
    """The newest record of this party that counts (for any content)."""
    counting = [c for c in party.records if c.counts and c.record]
    return max(counting, key=lambda c: c.record.signed_at if c.record else 0, default=None)


def _changes_since(root: Path, agreement: CompleteAgreement, since: RecordCheck | None,
                   digest: str) -> str | None:
    """The redline (HTML) from the signed version to now; None when there is none to show."""
    if since is None or since.record is None or since.record.digest == digest or not (
            since.commit):
        return None
    from rechtmakers.diff.compare import compare
    from rechtmakers.diff.html import render_html

    label = f"versie {since.record.version}"
    try:
        old = Versions.open(root).at(since.commit, label=label)
    except IncompleteAgreement:
        # The signed version no longer reads under this release's rules: the page then shows
        # the current text and the sign-offs, without a redline (as for a first signature).
        return None
    if old is None:
        return None
    comparison = compare(old, agreement, old_label=label,
                         new_label=f"versie {agreement.meta.version}")
    return render_html(comparison)


def _page(status: AgreementStatus, party: PartyTrust, statement: bytes,
          since: RecordCheck | None, changes: str | None, pdf_name: str | None) -> str:
    from rechtmakers.digest import content_digest  # noqa: F401  (same package state)
    from rechtmakers.render import RenderOptions, render_agreement
    from rechtmakers.render.templating import environment, render_template

    agreement = status.agreement
    meta = agreement.meta
    rendered = render_agreement(agreement, RenderOptions(formats=("html",)))
    text_page = next(iter(rendered.values())).decode("utf-8")
    styles = [_style(text_page)]
    change_body = None
    if changes is not None:
        styles.append(_style(changes))
        change_body = _prefix_ids(_body(changes), "w-")
    env = environment(house_style=None, autoescape=True, filters={})
    statement_name = statement_file_name(agreement.id, party.party.id)
    html = render_template(
        env, TEMPLATE, style=Markup("\n".join(s for s in styles if s)),
        agreement=agreement, meta=meta, digest=status.digest, party=party,
        parties=status.parties, since=since, changes=Markup(change_body or ""),
        has_changes=change_body is not None, text=Markup(_body(text_page)),
        statement=statement.decode("utf-8"), statement_name=statement_name,
        namespace=NAMESPACE, signed=party.state == "signed", pdf_name=pdf_name)
    return _ACTIVE.sub("", _EXTERNAL_HREF.sub("", html))


def _body(page: str) -> str:
    match = _BODY.search(page)
    return match.group(1) if match else page


def _style(page: str) -> str:
    match = _STYLE.search(page)
    return match.group(1) if match else ""


def _prefix_ids(html: str, prefix: str) -> str:
    """Give the anchors of an embedded page their own names, so both pages' links work."""
    return html.replace(' id="', f' id="{prefix}').replace(' href="#', f' href="#{prefix}')

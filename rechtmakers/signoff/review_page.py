"""The review page itself: the facts gathered by `review` into templates/review.html.j2, with the
rendered text embedded (its one H1 made a heading below the page's, its links inert)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.signoff.kinds import PartyState, ReviewKind
from rechtmakers.signoff.review_changes import Changes
from rechtmakers.signoff.routes import Contact, Offer
from rechtmakers.signoff.trust import PartyTrust, RecordCheck

TEMPLATE = "review.html.j2"
GROUP = 8  # hex digits of the vingerafdruk kept together on one line
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_EXTERNAL_HREF = re.compile(r"\shref=\"(?!#)[^\"]*\"")  # a link out: the anchor stays, inert
_ACTIVE = re.compile(r"<(script|link|iframe|img|object|embed)\b[^>]*>", re.IGNORECASE)
_H1 = re.compile(r"<(/?)h1\b")


@dataclass(frozen=True)
class Standing:
    """One party in "wie tekende tot nu toe": as a legal person, its state, who signed what."""

    name: str
    standing: str  # the state's words: "heeft getekend", …
    signed: tuple[str, ...]  # "Joost Hellendoorn (directeur-bestuurder): versie 1.0.0, 7 …"
    current: bool  # signed exactly this version
    ours: bool  # the party this page is for


@dataclass(frozen=True)
class PageFacts:
    """Everything the page says, decided before the template draws it."""

    kind: ReviewKind
    agreement: CompleteAgreement
    party: PartyTrust
    parties: tuple[PartyTrust, ...]
    party_label: str
    digest: str
    deadline: dt.date | None
    contact: Contact | None
    offers: tuple[Offer, ...]
    since: RecordCheck | None
    changes: Changes | None
    statement: str | None
    statement_name: str | None
    pdf_name: str | None
    docx_name: str | None
    namespace: str


def page(facts: PageFacts) -> str:
    """The page as HTML text: self-contained, no scripts, no links out but mail."""
    from rechtmakers.document.labels import legal_name
    from rechtmakers.render import RenderOptions, render_agreement
    from rechtmakers.render.templating import environment, render_template

    rendered = render_agreement(facts.agreement, RenderOptions(formats=("html",)))
    text_page = next(iter(rendered.values())).decode("utf-8")
    env = environment(house_style=None, autoescape=True, filters={})
    meta = facts.agreement.meta
    lead = facts.agreement.party_map.get(meta.lead)
    return render_template(
        env, TEMPLATE, f=facts, meta=meta, style=Markup(_style(text_page)),
        text=Markup(_embedded(text_page)), groups=fingerprint_groups(facts.digest),
        deadline=dutch_day(facts.deadline) if facts.deadline else None,
        lead=legal_name(lead.name, lead.legal_form) if lead else None,
        primary=facts.offers[0] if facts.offers else None,
        on_their_own=any(o.on_their_own for o in facts.offers),
        standings=standings(facts), signed=facts.party.state is PartyState.SIGNED,
        routes=[o.route.name for o in facts.offers])


def fingerprint_groups(digest: str) -> list[str]:
    """The hex in groups of GROUP digits: the page breaks a line only between groups."""
    return [digest[i:i + GROUP] for i in range(0, len(digest), GROUP)]


def dutch_day(day: dt.date) -> str:
    """"maandag 18 januari 2027"."""
    from babel.dates import format_date

    return str(format_date(day, "EEEE d MMMM y", locale="nl_NL"))


def standings(facts: PageFacts) -> list[Standing]:
    """Per party who signed which version and when, the party named as the legal person."""
    from rechtmakers.document.labels import legal_name, long_date

    found = []
    for item in facts.parties:
        party = item.party
        records = item.signers if item.signers else _newest_counting(item)
        lines = tuple(f"{c.record.signer.name} ({c.record.signer.function}): versie "
                      f"{c.record.version}, {long_date(c.record.signed_at.date())}"
                      for c in records if c.record is not None)
        found.append(Standing(legal_name(party.name, party.legal_form),
                              item.state.words.standing, lines,
                              item.state is PartyState.SIGNED,
                              party.id == facts.party.party.id))
    return found


def _newest_counting(item: PartyTrust) -> tuple[RecordCheck, ...]:
    counting = [c for c in item.records if c.counts and c.record is not None]
    newest = max(counting, key=lambda c: c.record.signed_at if c.record else dt.datetime.min,
                 default=None)
    return (newest,) if newest is not None else ()


def _embedded(page_html: str) -> str:
    """The body of the rendered text: its H1 a heading below the page's, its anchors renamed
    so that they cannot clash with the page's, links out and anything active removed."""
    match = _BODY.search(page_html)
    body = match.group(1) if match else page_html
    body = _H1.sub(r"<\1h2", body)
    body = body.replace(' id="', ' id="t-').replace(' href="#', ' href="#t-')
    return _ACTIVE.sub("", _EXTERNAL_HREF.sub("", body))


def _style(page_html: str) -> str:
    match = _STYLE.search(page_html)
    return match.group(1) if match else ""

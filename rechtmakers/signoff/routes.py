"""Which ways to approve can count for one party today, and whom to ask: what the review page
may offer a director (never a route that `sign --bewijs` would then refuse)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.errors import RechtmakersError, UsageError
from rechtmakers.git import files as gitfiles
from rechtmakers.git import repo as gitrepo
from rechtmakers.model import Party
from rechtmakers.signoff.anchors import CommittedAnchors
from rechtmakers.signoff.kinds import KeyKind
from rechtmakers.signoff.pdf_evidence import is_anchor_file
from rechtmakers.signoff.trust import PartyTrust
from rechtmakers.source_names import TRUST_DIR

MAX_CONTACT = 300  # characters of --contact
# The name starts only at the start or after an angle bracket, so searching stays linear.
_ANGLE = re.compile(r"(?<![^<>])(?P<name>[^<>]*)<(?P<email>[^<>@\s]+@[^<>\s]+)>\s*")
# An address: the domain in labels without dots between them, so no two groups can share a
# character (linear under match, fullmatch and search).
_EMAIL = re.compile(r"(?<![^@\s,;<>])[^@\s,;<>]+@[^@\s,;<>.]+(?:\.[^@\s,;<>.]+)+")


class Route(StrEnum):
    """A way to approve, by its Dutch name; in the order the page prefers them for a director."""

    PDF = "een ondertekende PDF"
    SSH = "een SSH-handtekening onder de akkoordverklaring"
    GIT = "een ondertekening in git"


@dataclass(frozen=True)
class Offer:
    """A route that can count for this party, and the representatives for whom it can."""

    route: Route
    who: tuple[str, ...]

    @property
    def on_their_own(self) -> bool:
        """Whether a director can take it without the administrator: git needs the repository."""
        return self.route is not Route.GIT


@dataclass(frozen=True)
class Contact:
    """Whom to ask: a name, what they are (function, organisation), an e-mail address."""

    name: str
    role: str | None
    email: str | None


def offers(root: Path, agreement: CompleteAgreement, party: PartyTrust,
           anchors: Mapping[str, str]) -> tuple[Offer, ...]:
    """The routes that can count for party today, most suitable for a director first."""
    found: list[Offer] = []
    names = [r.name for r in party.party.representatives]
    if _has_anchor(root, anchors):
        found.append(Offer(Route.PDF, tuple(names)))
    keyed = tuple(r.name for r in party.party.representatives
                  if any(k.kind is KeyKind.SSH for k in party.keys_of(r.email)))
    if keyed:
        found.append(Offer(Route.SSH, keyed))
    git_names = _git_signers(agreement, party)
    if git_names:
        found.append(Offer(Route.GIT, git_names))
    return tuple(found)


def _git_signers(agreement: CompleteAgreement, party: PartyTrust) -> tuple[str, ...]:
    """Who can sign in git so that it counts: with a key that counts, each; without one, only
    when neither the agreement nor the party asks for keys."""
    demand_key = agreement.meta.required_evidence == "sleutel"
    party_keyed = any(k.trusted or k.listed for k in party.keys)
    return tuple(r.name for r in party.party.representatives
                 if party.keys_of(r.email) or not (demand_key or party_keyed))


def _has_anchor(root: Path, anchors: Mapping[str, str]) -> bool:
    """Whether vertrouwd/ holds a certificate that counts (trusted from history: anchors, the
    file names and blob ids the trust rule let count)."""
    folder = root / TRUST_DIR
    if not folder.is_dir() or not any(is_anchor_file(f"{TRUST_DIR}/{p.name}")
                                      for p in folder.iterdir()):
        return False
    try:
        repo = gitrepo.open_repo(root)
        subdir = gitrepo.repo_relative(repo, root)
        files = gitfiles.files_at(repo, "HEAD", subdir)
        return bool(CommittedAnchors(repo, files, anchors).get().certificates)
    except RechtmakersError:
        return False


def contact(agreement: CompleteAgreement, named: str | None) -> Contact | None:
    """--contact, or by default the penvoerder's first representative. --contact may be a
    representative's e-mail address, "Naam <adres>", an address, or a name."""
    if named is not None:
        return _named(agreement, named)
    lead = agreement.party_map.get(agreement.meta.lead)
    if lead is None or not lead.representatives:
        return None
    return _representative(lead, 0)


def _named(agreement: CompleteAgreement, text: str) -> Contact:
    text = " ".join(text.split())
    if not text or len(text) > MAX_CONTACT:
        raise UsageError(f"--contact is leeg of langer dan {MAX_CONTACT} tekens. Geef een naam "
                         "en e-mailadres, zoals \"Marieke Voskuil <m.voskuil@ggd.example>\".")
    for party in agreement.parties:
        for i, person in enumerate(party.representatives):
            if person.email.casefold() == text.casefold():
                return _representative(party, i)
    angle = _ANGLE.fullmatch(text)
    if angle:
        return Contact(angle["name"].strip(" ,") or angle["email"], None, angle["email"])
    if _EMAIL.fullmatch(text):
        return Contact(text, None, text)
    return Contact(text, None, None)


def _representative(party: Party, index: int) -> Contact:
    from rechtmakers.document.labels import legal_name

    person = party.representatives[index]
    return Contact(person.name, f"{person.function}, {legal_name(party.name, party.legal_form)}",
                   person.email)

"""A signed PDF's moments against the version it signs: a signature cannot predate the version
(its first commit), and a certificate that had expired before the version came to be proves
nothing (a certificate issued later, before the signature, is fine)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo
from rechtmakers.signoff.pdf_evidence import FactsCache, signature_facts
from rechtmakers.versions import Versions


class VersionMoments:
    """When each content digest was first committed (first by ancestry), found once."""

    def __init__(self, versions: Versions) -> None:
        self.versions = versions
        self.known: dict[str, dt.datetime | None] = {}
        self.facts = FactsCache(gitrepo.cache_dir(versions.repo))

    def first(self, digest: str) -> dt.datetime | None:
        if digest not in self.known:
            self.known[digest] = self._first(digest)
        return self.known[digest]

    def _first(self, digest: str) -> dt.datetime | None:
        for commit in reversed(self.versions.history()):  # parents before children
            if self.versions.digest_at(commit.sha) == digest:
                return _parse(githistory.commit_author(self.versions.repo, commit.sha)[1])
        return None

    def refusal(self, data: bytes, anchors: Sequence[bytes], email: str, digest: str
                ) -> str | None:
        """Why this signer's signature in the PDF does not fit the version's moment."""
        moment = self.first(digest)
        if moment is None:
            return None
        mail = email.casefold()
        facts = signature_facts(data, anchors, lambda f: mail in _emails(f.emails),
                                self.facts)
        self.facts.save()
        if isinstance(facts, str):
            return None
        for fact in (f for f in facts if mail in _emails(f.emails)):
            signed = _parse(fact.signing_time)
            end = _parse(fact.not_after)
            if signed is not None and signed < moment:
                return (f"de PDF noemt als tijdstip van ondertekenen {_shown(signed)}, vóór de "
                        f"eerste commit van deze versie ({_shown(moment)}); dat kan niet")
            if end is not None and end < moment:
                return (f"het certificaat ({fact.subject}) was al verlopen ({_shown(end)}) "
                        f"toen deze versie voor het eerst werd vastgelegd ({_shown(moment)})")
        return None


def _emails(emails: Sequence[str]) -> set[str]:
    return {e.casefold() for e in emails}


def _parse(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _shown(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%d-%m-%Y %H:%M UTC")

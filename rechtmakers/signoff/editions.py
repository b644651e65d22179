"""The signing editions a signed PDF is compared against: fresh renders of the version it names.

The version with a digest is found in the working tree and in git (versions.py); its signing
edition is rendered afresh (render.signing_edition: Typst is pinned, so the same version gives
the same bytes). Contents that share a digest can still differ in what the digest leaves out
and the PDF shows (the status, a representative's name), so up to MAX_EDITIONS of them are
tried, newest first; each is rendered only when the ones before it did not match.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.errors import RechtmakersError
from rechtmakers.signoff.pdf_origin import Edition, Editions

MAX_EDITIONS = 3
_RENDERED: dict[tuple[str, str], bytes] = {}  # (root, content key) → PDF, in this process


def signing_editions(root: Path) -> Editions:
    """digest → the signing editions of the versions of the agreement at root with it."""
    def editions(digest: str) -> Iterator[Edition]:
        count = 0
        for label, agreement in _versions(root, digest):
            edition = _edition(label, agreement)
            if edition is not None:
                yield edition
                count += 1
                if count >= MAX_EDITIONS:
                    return
    return editions


def _versions(root: Path, digest: str) -> Iterator[tuple[str, CompleteAgreement]]:
    from rechtmakers.digest import content_digest
    from rechtmakers.versions import Versions, working

    try:
        current = working(root)
        if content_digest(current) == digest:
            yield f"versie {current.meta.version} (werkmap)", current
    except RechtmakersError:
        pass
    try:
        versions = Versions.open(root)
        commits = [c.sha for c in versions.history()]
    except RechtmakersError:
        return
    while commits:
        found = versions.with_digest(digest, commits)
        if found is None:
            break
        yield f"versie {found.agreement.meta.version} (commit {found.commit[:12]})", \
            found.agreement
        commits = commits[commits.index(found.commit) + 1:]
    versions.save()


def _edition(label: str, agreement: CompleteAgreement) -> Edition | None:
    from rechtmakers.render import signing_edition

    key = (str(agreement.root), _content_key(agreement))
    if key not in _RENDERED:
        try:
            _RENDERED[key] = signing_edition(agreement)
        except RechtmakersError:
            return None
        if len(_RENDERED) > 8:
            _RENDERED.pop(next(iter(_RENDERED)))
    return Edition(label, _RENDERED[key])


def _content_key(agreement: CompleteAgreement) -> str:
    """What the signing edition is made of, as one string: every source and annex read."""
    import hashlib

    h = hashlib.sha256()
    for rel in sorted(agreement.sources):
        h.update(rel.encode() + b"\0" + agreement.sources[rel].text.encode() + b"\0")
    for annex in agreement.annexes:
        content = agreement.annex_content(annex)
        h.update((content.sha256 if content else "-").encode())
    return h.hexdigest()

"""What changed since a revision, for validate --since: the diff's probe of checks.base."""

from __future__ import annotations

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.checks.base import ArticleSince, Since
from rechtmakers.diff.compare import compare


class SinceRevision:
    """Compares an agreement with its version at a revision (checks.base.SinceProbe)."""

    def __init__(self, previous: CompleteAgreement | None, since: str) -> None:
        self.previous = previous  # None: the folder held no agreement at since, or a broken one
        self.since = since

    def __call__(self, agreement: CompleteAgreement) -> Since | None:
        if self.previous is None:
            return None
        comparison = compare(self.previous, agreement, old_label=self.since)
        articles = tuple(ArticleSince(a.id, a.text_changed, a.version_old, a.version_new)
                         for a in comparison.articles)
        return Since(comparison.binding_changed, self.previous.meta.version, articles)

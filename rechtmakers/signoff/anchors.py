"""Trust anchors for signed PDFs, trusted from history as keys are.

A certificate in `vertrouwd/` counts when the commit that wrote it (as it is at HEAD) was the
first to fill `vertrouwd/`, or was signed with a key that counts for the penvoerder, who
administers the agreement. So nobody can make a PDF count by committing their own issuer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rechtmakers import gitrepo
from rechtmakers.signoff.commits import allowed_signers_text, commit_signatures, signed_by
from rechtmakers.signoff.evidence import TrustedKey
from rechtmakers.signoff.pdf_evidence import TRUST_DIR, is_anchor_file, trust_anchors


@dataclass(frozen=True)
class Anchors:
    """The certificates that count, and a Dutch note per file in vertrouwd/ that does not."""

    certificates: tuple[bytes, ...]
    notes: tuple[str, ...] = ()


class CommittedAnchors:
    """The anchors of the agreement at HEAD, worked out once and only when a PDF asks."""

    def __init__(self, repo: gitrepo.Repo, subdir: str, files: Mapping[str, bytes],
                 lead_keys: Sequence[TrustedKey]) -> None:
        self.repo, self.subdir, self.files, self.lead_keys = repo, subdir, files, lead_keys
        self._found: Anchors | None = None

    def get(self) -> Anchors:
        """Raises AgreementError for a counting file that holds no PEM certificate."""
        if self._found is None:
            self._found = self._decide()
        return self._found

    def _decide(self) -> Anchors:
        rels = sorted(rel for rel in self.files if is_anchor_file(rel))
        if not rels:
            return Anchors(())
        folder = f"{self.subdir}/{TRUST_DIR}" if self.subdir else TRUST_DIR
        ids = gitrepo.blob_ids(self.repo, "HEAD", folder)
        commits = gitrepo.history(self.repo, folder)  # newest first
        first = commits[-1].sha if commits else ""
        writer: dict[tuple[str, str], str] = {}
        for commit in reversed(commits):  # oldest first, so that the newest writer stays
            for change in commit.changes:
                if change.new_blob:
                    writer[(change.path, change.new_blob)] = commit.sha
        wanted = {rel: writer.get((rel.split("/", 1)[1], ids.get(rel.split("/", 1)[1], "")))
                  for rel in rels}
        signed = self._signed_by_lead({sha for sha in wanted.values() if sha and sha != first})
        counting: dict[str, bytes] = {}
        notes = []
        for rel, sha in wanted.items():
            if sha and (sha == first or sha in signed):
                counting[rel] = self.files[rel]
            else:
                where = f"in commit {sha[:12]}" if sha else "buiten de geschiedenis om"
                notes.append(f"{rel} is {where} toegevoegd of gewijzigd zonder handtekening "
                             "met een sleutel van de penvoerder; die uitgever telt niet")
        return Anchors(tuple(trust_anchors(counting)), tuple(notes))

    def _signed_by_lead(self, commits: set[str]) -> set[str]:
        """The commits among these that a key of the penvoerder signed."""
        if not commits or not self.lead_keys:
            return set()
        keys = list(self.lead_keys)
        with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
            allowed = Path(tmp) / "allowed_signers"
            allowed.write_text(allowed_signers_text(
                {(k.email, k.fingerprint): (k.kind, k.public) for k in keys}), encoding="utf-8")
            signatures = commit_signatures(self.repo, sorted(commits), allowed)
        return {sha for sha, signature in signatures.items() if signed_by(signature, keys)}

"""Read a partner's returned DOCX back into the agreement's YAML: find the base (the text the
DOCX was rendered from), compare, and write only the fields the reviewer changed."""

from __future__ import annotations

from pathlib import Path

from rechtmakers.errors import UsageError
from rechtmakers.inlezen.base import find_base
from rechtmakers.inlezen.compare import Reading
from rechtmakers.inlezen.outcome import Outcome
from rechtmakers.inlezen.package import open_docx, read_file
from rechtmakers.inlezen.reader import read_review
from rechtmakers.inlezen.write import write_changes
from rechtmakers.source_names import DEFAULT_DIR
from rechtmakers.versions import WORKING_TREE, working

__all__ = ["WORKING_TREE", "Outcome", "read_back"]


def read_back(docx: Path, path: Path | None, cwd: Path, *, dry_run: bool = False) -> Outcome:
    """Read the review in docx into the agreement at path (or found from cwd)."""
    package = open_docx(read_file(docx), str(docx))
    if package.is_redline:
        raise UsageError(f"{docx}: dit is een vergelijking, geen review-document. Een "
                         "vergelijking (rechtmakers diff --format docx) toont wat er tussen "
                         "twee versies veranderde; lees alleen een DOCX in die met rechtmakers "
                         "render --format docx is gemaakt en daarna door een partner is "
                         "nagekeken.")
    digest = package.digest
    if digest is None:  # before the body is parsed: a stranger's document costs nothing
        raise UsageError(f"{docx} is niet door rechtmakers gemaakt: de vingerafdruk ontbreekt "
                         "in de documenteigenschappen. Lees alleen een DOCX in die met "
                         "rechtmakers render --format docx is gemaakt.")
    root = _agreement_root(path, cwd, package.properties.get("keywords", ""))
    review = read_review(package)
    current = working(root)
    base = find_base(root, current, digest, review, str(docx))
    meta = base.agreement.meta
    outcome = Outcome(meta.id, meta.version, digest, base.label, dry_run=dry_run)
    Reading(review, base, current, outcome).run()
    if not dry_run:
        write_changes(root, current, outcome)
    return outcome


def _agreement_root(path: Path | None, cwd: Path, agreement_id: str) -> Path:
    from rechtmakers.validate import find_agreements

    roots = [cwd / p if not p.is_absolute() else p
             for p in find_agreements([path] if path else [], cwd=cwd)]
    if len(roots) == 1:
        return roots[0]
    named = [r for r in roots if r.name == agreement_id]
    if len(named) == 1:
        return named[0]
    raise UsageError(f"Er zijn meerdere overeenkomsten en geen heet {agreement_id or '?'}. "
                     "Geef het pad van de overeenkomst: rechtmakers inlezen REVIEW.docx "
                     f"{DEFAULT_DIR}/mijn-overeenkomst")

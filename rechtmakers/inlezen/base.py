"""The base of a review: the text its DOCX was rendered from, found by its digest, with the
generated parts it showed then (the status line, the representatives, the signature blocks).

The digest names the binding content only; status, representatives and sign-offs may have
changed since the DOCX was made. So every state of the agreement with that digest is a
candidate (the working tree, then each commit, newest first, with the sign-offs that had been
made by then), and the base is the one whose rendered paragraphs the review shows: an untouched
DOCX matches one exactly, an edited one matches one best.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.agreement import SIGNOFFS_DIR, CompleteAgreement
from rechtmakers.errors import RechtmakersError, UsageError
from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo
from rechtmakers.inlezen.reader import Para, Review, read_body_xml
from rechtmakers.render.docx_body import BodyWriter, Unit, write_document
from rechtmakers.signoff.documented import signers_in, texts_of
from rechtmakers.signoff.trust import TrustReport, evaluate
from rechtmakers.versions import WORKING_TREE, Versions

MAX_STATES = 200  # states rendered and compared before the best so far is taken
Signed = dict[str, dict[str, str]]  # party id → e-mail → "21 januari 2026; bewijs: …"


@dataclass(frozen=True)
class Base:
    """One rendered state: its agreement, where it was found, its paragraphs and the units
    (paragraph ranges drawn from source fields)."""

    agreement: CompleteAgreement
    label: str  # WORKING_TREE or the commit
    paras: list[Para]
    units: list[Unit]


@dataclass(frozen=True)
class _State:
    agreement: CompleteAgreement
    label: str
    signed: Signed


def find_base(root: Path, working: CompleteAgreement, digest: str, review: Review,
              name: str) -> Base:
    """The state with this digest whose rendering the review shows most closely."""
    explanations = review.properties.get("category") == "editie met toelichting"
    shown = [p.text for p in review.paras]
    wanted = Counter(shown)
    best: tuple[int, Base] | None = None
    seen: set[tuple[int, str]] = set()
    for count, (state, signed) in enumerate(_editions(_states(root, working, digest))):
        key = (id(state.agreement), repr(sorted((k, sorted(v.items()))
                                                 for k, v in signed.items())))
        if key in seen:
            continue
        seen.add(key)
        base = render_base(state.agreement, state.label, digest, signed, explanations)
        texts = [p.text for p in base.paras]
        if texts == shown:
            return base
        score = sum((Counter(texts) & wanted).values())
        if best is None or score > best[0]:
            best = (score, base)
        if count >= MAX_STATES:
            break
    if best is None:
        raise UsageError(f"{name} is gemaakt van een versie die hier niet bekend is "
                         f"(vingerafdruk {digest[:12]}): niet de werkmap en geen commit in de "
                         "git-geschiedenis van deze overeenkomst.")
    return best[1]


def _editions(states: Iterator[_State]) -> Iterator[tuple[_State, Signed]]:
    """Each state as `render` drew it (with who had signed) and as the edition without
    sign-offs (review's DOCX, `render` without them)."""
    for state in states:
        if state.signed:
            yield state, state.signed
        yield state, {}


def render_base(agreement: CompleteAgreement, label: str, digest: str, signed: Signed,
                explanations: bool) -> Base:
    """The paragraphs render's DOCX writer makes of this state."""
    from rechtmakers.document.build import build_document
    from rechtmakers.document.tree import with_sign_offs

    document = with_sign_offs(build_document(agreement, digest, explanations=explanations),
                              signed)
    writer = BodyWriter(lambda style: style, counter(), lambda href: "rId1")
    body = read_body_xml(write_document(writer, document))
    return Base(agreement, label, body, sorted(writer.units + writer.mirrors,
                                              key=lambda unit: unit.start))


def counter() -> Callable[[bool, int, int], int]:
    """List numbers for the body writer: any will do, the text does not show them."""
    count = iter(range(1, 1 << 30))
    return lambda ordered, start, level: next(count)


def _states(root: Path, working: CompleteAgreement, digest: str) -> Iterator[_State]:
    """The working tree (if it has this digest), then the commits with it, newest first."""
    from rechtmakers.digest import content_digest

    checks = _checks(root, working, digest)
    if content_digest(working) == digest:
        yield _State(working, WORKING_TREE, _signed(checks, None))
    try:
        versions = Versions.open(root)
        if versions.with_digest(digest) is None:  # one pass over the cached digests
            return
        commits = versions.history()
    except RechtmakersError:
        return
    try:
        yield from _committed(versions, commits, digest, checks)
    finally:
        versions.save()


def _committed(versions: Versions, commits: list[githistory.Commit], digest: str,
               checks: TrustReport | None) -> Iterator[_State]:
    pending: list[str] = []  # newer commits that changed only sign-offs: same text as this one
    found = False
    for commit in commits:
        pending.append(commit.sha)
        if all(c.path.startswith(f"{SIGNOFFS_DIR}/") for c in commit.changes):
            continue
        if versions.digest_at(commit.sha) == digest:
            agreement = versions.at(commit.sha)
            if agreement is None:
                continue
            found = True
            for sha in pending:
                yield _State(agreement, sha, _signed(checks, _ancestry(versions, sha)))
        elif found:
            return  # past the versions with this digest
        pending = []


def _ancestry(versions: Versions, sha: str) -> set[str]:
    return {c.sha for c in versions.history(sha)}


def _checks(root: Path, working: CompleteAgreement, digest: str) -> TrustReport | None:
    """Today's trust report for this digest: which sign-offs count, and in which commit each
    was made; None outside git."""
    try:
        gitrepo.open_repo(root)
        return evaluate(root, working, digest)
    except RechtmakersError:
        return None


def _signed(report: TrustReport | None, ancestry: set[str] | None) -> Signed:
    """The signature blocks as a render made them then: the sign-offs that count and whose
    commit came before the rendered one (all of them for the working tree)."""
    if report is None:
        return {}
    if ancestry is None:
        return texts_of(signers_in(report))
    return texts_of(signers_in(report, lambda check: check.commit in ancestry))

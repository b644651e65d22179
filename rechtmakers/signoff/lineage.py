"""The authority history: a trusted state per commit, walked along ancestry.

Every commit reachable from HEAD is visited parents first (full history: no path limiting,
no simplification, no dates). The first commit that holds the agreement (overeenkomst.yaml
and partijen.yaml) is the root; every
later commit's state comes from its parents' states only. A commit that changed the
authority files is judged change by change against its parent's trusted state
(authorise.py). A merge is judged against every parent: its own resolution is a change like
any other, and where the sides disagree about a fact, the side that changed it last by
ancestry wins only when the authority that made that change still holds on every other side.
Changes on two sides that do not descend from each other block the fact until a beheerder
decides again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rechtmakers.git import files as gitfiles
from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo
from rechtmakers.signoff.authorise import Evidence, actors, authorise
from rechtmakers.signoff.authority import (
    ADMIN,
    ANCHOR,
    AUTHORITY,
    EVIDENCE,
    REP,
    Fact,
    FactKey,
    Grant,
    Proof,
    Rejection,
    TrustedState,
    View,
    describe_change,
    fact_name,
    rep_key,
    strictness,
)
from rechtmakers.signoff.authority_files import (
    Facts,
    Files,
    ViewCache,
    meta_facts,
    parties_facts,
    read_view,
)
from rechtmakers.signoff.commits import allowed_signers_text, commit_signatures, fingerprints
from rechtmakers.signoff.keys import parse_key_text
from rechtmakers.signoff.kinds import KeyKind
from rechtmakers.signoff.pdf_evidence import is_anchor_file
from rechtmakers.source_names import META_FILE, PARTIES_FILE, TRUST_DIR

Triple = tuple[str | None, str | None, str | None]  # partijen.yaml, overeenkomst.yaml, vertrouwd/


@dataclass(frozen=True)
class Walk:
    """The trusted state at HEAD (None when no commit holds the agreement) and the roots."""

    state: TrustedState | None
    roots: tuple[tuple[str, str], ...]  # (commit, author) of every commit that started one


def walk_history(repo: gitrepo.Repo, subdir: str, head: str, root: Path, scratch: Path,
                 cached: bool = True) -> Walk:
    """The trusted authority at head, from one ancestry listing and a few batched reads."""
    graph = githistory.ancestry(repo, head)
    prefix = f"{subdir}/" if subdir else ""
    names = [f"{c.sha}:{prefix}{name}" for c in graph
             for name in (PARTIES_FILE, META_FILE, TRUST_DIR)]
    ids = gitfiles.object_ids(repo, names)
    triples = {c.sha: (ids[3 * i], ids[3 * i + 1], ids[3 * i + 2]) for i, c in enumerate(graph)}
    cache = ViewCache(gitrepo.cache_dir(repo) if cached else None)
    views = _views(repo, root, set(triples.values()), cache)
    cache.save()
    changed = [c for c in graph if len(c.parents) != 1
               or triples[c.sha] != triples.get(c.parents[0])]
    allowed = scratch / "allowed_signers_authority"
    allowed.write_text(allowed_signers_text(_every_key(views)), encoding="utf-8")
    signatures = commit_signatures(repo, [c.sha for c in changed], allowed)
    walker = _Walker({c.sha for c in changed})
    roots: list[tuple[str, str]] = []
    for commit in graph:
        evidence = Evidence(commit.sha, commit.author_email.casefold(),
                            fingerprints(signatures.get(commit.sha)))
        view = views.get(triples[commit.sha])
        parents = [p for p in commit.parents if walker.states.get(p) is not None]
        same = len(commit.parents) == 1 and triples[commit.sha] == triples.get(commit.parents[0])
        state = walker.visit(commit.sha, parents, view, evidence, same,
                             f"{commit.author} <{commit.author_email}>")
        if state is not None and not parents:
            roots.append((commit.sha, f"{commit.author} <{commit.author_email}>"))
    return Walk(walker.states.get(head), tuple(roots))


def _views(repo: gitrepo.Repo, root: Path, triples: set[Triple], cache: ViewCache
           ) -> dict[Triple, View | None]:
    """The view of each distinct version; each blob parsed once, and kept by its id."""
    parties = {t[0] for t in triples if t[0]}
    metas = {t[1] for t in triples if t[1]}
    parsed: dict[str, Facts | None] = {}
    for blob in parties | metas:
        known = cache.facts(blob)
        if known is not False:
            parsed[blob] = known if isinstance(known, dict) else None
    blobs = gitfiles.read_blobs(repo, sorted((parties | metas) - set(parsed)))
    for blob, data in blobs.items():
        parsed[blob] = (parties_facts if blob in parties else meta_facts)(data, root)
        cache.put(blob, parsed[blob])
    trees = gitfiles.read_trees(repo, {t[2] for t in triples if t[2]})
    found: dict[Triple, View | None] = {}
    for triple in triples:
        if triple[0] is None or triple[1] is None:
            continue  # no agreement (both files) at this commit: no root, or nothing to read
        anchors = {name: blob for name, blob in trees.get(triple[2] or "", {}).items()
                   if is_anchor_file(f"{TRUST_DIR}/{name}")}
        found[triple] = read_view(Files(triple[0], triple[1], anchors), parsed)
    return found


def _every_key(views: Mapping[Triple, View | None]
               ) -> dict[tuple[str, str], tuple[KeyKind, str]]:
    """Every key any version names, for git's check of signatures it reads itself."""
    distinct = {(key, value) for view in views.values() for key, value in (view or {}).items()
                if key[0] in (REP, ADMIN)}
    found: dict[tuple[str, str], tuple[KeyKind, str]] = {}
    for key, value in distinct:
        parsed = parse_key_text(_key_text(value))
        if parsed:
            email = key[2] if key[0] == REP else key[1]
            found[(email, parsed.fingerprint)] = (parsed.kind, parsed.public)
    return found


def _key_text(value: str) -> str:
    import json

    data = json.loads(value)
    key = data.get("sleutel") if isinstance(data, dict) else None
    return key if isinstance(key, str) else ""


class _Walker:
    """The states along the graph, and which commits each state's grants descend from."""

    def __init__(self, marked: set[str]) -> None:
        self.states: dict[str, TrustedState | None] = {}
        self.marked = sorted(marked)
        self.bit = {sha: 1 << i for i, sha in enumerate(self.marked)}
        self.reach: dict[str, int] = {}  # marked commits each commit descends from (itself too)

    def visit(self, sha: str, parents: list[str], view: View | None, evidence: Evidence,
              same: bool, author: str) -> TrustedState | None:
        reach = self.bit.get(sha, 0)
        for parent in parents:
            reach |= self.reach.get(parent, 0)
        self.reach[sha] = reach
        states = [s for s in (self.states[p] for p in parents) if s is not None]
        if not states:
            state = _root(sha, evidence.author, view, author) if view is not None else None
        elif same:
            state = states[0]
        elif len(states) == 1:
            state = step(states[0], view, evidence)
        else:
            state = self._merge(sha, states, view, evidence)
        self.states[sha] = state
        return state

    def descends(self, later: str, earlier: str) -> bool:
        return bool(self.reach.get(later, 0) & self.bit.get(earlier, 0))

    def _merge(self, sha: str, parents: list[TrustedState], view: View | None,
               evidence: Evidence) -> TrustedState:
        first = parents[0]
        foreign = [p for p in parents[1:] if p.root != first.root]
        sides = [step(s, view, evidence) for s in parents if s.root == first.root]
        notes: list[Rejection] = []
        facts: Mapping[FactKey, Fact] = sides[0].facts
        if any(s.facts is not facts and s.facts != facts for s in sides):
            facts = self._combine(sha, sides, notes)
        notes += [Rejection(sha, "", "voegde een geschiedenis met een eigen wortel samen",
                            f"de wortel {p.root[:12]} is niet die van deze geschiedenis "
                            f"({first.root[:12]}); wat daar gold, telt hier niet")
                  for p in foreign]
        rejections = _merged_rejections(sha, sides, facts, view, notes)
        skipped = tuple(dict.fromkeys(c for s in sides for c in s.skipped))
        return TrustedState(facts, view if view is not None else sides[0].view, first.root,
                            first.root_author, rejections, skipped)

    def _combine(self, sha: str, sides: Sequence[TrustedState], notes: list[Rejection]
                 ) -> dict[FactKey, Fact]:
        facts: dict[FactKey, Fact] = {}
        for key in sorted({k for s in sides for k in s.facts}):
            fact = self._resolve(sha, key, [s.facts.get(key) for s in sides], sides, notes)
            if fact is not None:
                facts[key] = fact
        return facts

    def _resolve(self, sha: str, key: FactKey, found: list[Fact | None],
                 sides: Sequence[TrustedState], notes: list[Rejection]) -> Fact | None:
        if len({_shape(f) for f in found}) == 1:
            return next((f for f in found if f is not None), None)
        newest = self._newest([f.grant.commit if f else None for f in found])
        if newest is not None:
            fact = found[newest]
            assert fact is not None
            if all(holds(fact.grant, side) for j, side in enumerate(sides) if j != newest):
                return fact
            others = [f for j, f in enumerate(found) if j != newest]
            notes.append(Rejection(sha, _scope(key), "bracht via een samenvoeging binnen: "
                                   + describe_change(key, None, fact.value),
                                   "het gezag waarmee dat op de ene tak gebeurde, geldt op de "
                                   "andere tak niet (meer)", key))
            if len({_shape(f) for f in others}) == 1:
                return others[0]
        notes.append(Rejection(sha, _scope(key), f"voegde twee takken samen die "
                               f"{fact_name(key)} elk anders wijzigden",
                               "een beheerder moet dit opnieuw vastleggen; tot dan telt de "
                               "strengste keuze", key))
        return _dispute(sha, key, found)

    def _newest(self, stamps: list[str | None]) -> int | None:
        """The side whose last change of a fact descends from every other side's."""
        for i, stamp in enumerate(stamps):
            if stamp is not None and all(o is None or o == stamp or self.descends(stamp, o)
                                         for o in stamps):
                return i
        return None


def _shape(fact: Fact | None) -> tuple[str | None, bool]:
    return (fact.value, fact.blocked) if fact else (None, False)


def _merged_rejections(sha: str, sides: Sequence[TrustedState], facts: Mapping[FactKey, Fact],
                       view: View | None, notes: list[Rejection]) -> tuple[Rejection, ...]:
    """Every side's rejections; of the merge's own, only those its outcome did not take."""
    proposed = view if view is not None else {}
    own = [r for s in sides for r in s.rejections if r.commit == sha
           and (facts[r.key].value if r.key in facts else None) != proposed.get(r.key)]
    earlier = [r for s in sides for r in s.rejections if r.commit != sha]
    return tuple(dict.fromkeys(earlier + own + notes))


def _dispute(sha: str, key: FactKey, found: list[Fact | None]) -> Fact | None:
    """The strictest outcome of changes on two branches that do not descend from each other."""
    present = [f for f in found if f is not None and f.value is not None]
    grant = Grant(sha, "", Proof.IDENTITY)
    if key[0] in (REP, ADMIN):
        return Fact(present[0].value, grant, blocked=True) if present else None
    if key[0] == AUTHORITY:
        return Fact(max((f.value for f in present), key=strictness), grant) if present else None
    if key[0] == EVIDENCE:
        return Fact("sleutel" if any(f.value == "sleutel" for f in present) else "git", grant)
    if key[0] == ANCHOR:
        return Fact(None, grant)
    return next((f for f in found if f is not None), None)  # penvoerder: the first side's


def _scope(key: FactKey) -> str:
    return key[1] if key[0] in (REP, AUTHORITY) else ""


def holds(grant: Grant, state: TrustedState) -> bool:
    """Whether the authority behind a grant still counts in another state."""
    if grant.proof is Proof.ROOT:
        return grant.commit == state.root
    for key, fact in state.facts.items():
        if key[0] not in (REP, ADMIN) or fact.value is None or fact.blocked:
            continue
        email = key[2] if key[0] == REP else key[1]
        if email != grant.by:
            continue
        found = rep_key(fact)
        if grant.fingerprint is None and found is None:
            return True
        if grant.fingerprint is not None and found is not None and found[1] == grant.fingerprint:
            return True
    return False


def _root(sha: str, author_email: str, view: View, author: str) -> TrustedState:
    grant = Grant(sha, author_email, Proof.ROOT)
    facts = {key: Fact(value, grant) for key, value in view.items()}
    return TrustedState(facts, view, sha, author)


def step(state: TrustedState, view: View | None, evidence: Evidence) -> TrustedState:
    """The trusted state after one commit, from the trusted state at its parent."""
    if view is None:  # unreadable: the next readable version is compared with the last one
        return replace(state, skipped=(*state.skipped, evidence.commit))
    keys = sorted(k for k in {*state.view, *view} if state.view.get(k) != view.get(k))
    if not keys:
        return replace(state, view=view)
    found = actors(state, evidence)
    facts = dict(state.facts)
    rejected: list[Rejection] = []
    for key in keys:
        old, new = state.view.get(key), view.get(key)
        outcome = authorise(state, key, old, new, evidence, found)
        if isinstance(outcome, Grant):
            facts[key] = Fact(new, outcome)
        else:
            rejected.append(Rejection(evidence.commit, _scope(key),
                                      describe_change(key, old, new), outcome, key))
    return TrustedState(facts, view, state.root, state.root_author,
                        (*state.rejections, *rejected), state.skipped)

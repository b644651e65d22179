"""`verify`: each sign-off's commit is signed by the party's key, by its representative, for
the content it names."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rechtmakers import gitrepo
from rechtmakers.agreement import SIGNOFFS_DIR, Agreement, load_agreement
from rechtmakers.digest import content_digest
from rechtmakers.errors import AgreementError, RechtmakersError
from rechtmakers.model import Party
from rechtmakers.signoff.keys import allowed_signers, matching_key, party_keys
from rechtmakers.signoff.records import RecordError, SignOff, parse_record, record_rel
from rechtmakers.signoff.status import load_clean, record_problem

_STATES = {
    "B": "de handtekening klopt niet: de commit is na het ondertekenen veranderd",
    "X": "de handtekening is verlopen",
    "Y": "de sleutel waarmee getekend is, is verlopen",
    "R": "de sleutel waarmee getekend is, is ingetrokken",
    "E": "de handtekening kan niet gecontroleerd worden (ontbreekt de sleutel of gpg?)",
    "N": "de commit is niet ondertekend (stel git in met commit.gpgsign en user.signingkey)",
}


@dataclass
class Verdict:
    """The outcome for one party: the commit checked, the key found, and what is wrong."""

    party_id: str
    commit: str | None = None
    record: SignOff | None = None
    key: str | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class _Written:
    """A record as it stands at HEAD, and the commit that wrote exactly that content."""

    party_id: str
    data: bytes
    commit: gitrepo.Commit | None


def verify(root: Path, party_id: str | None = None) -> list[Verdict]:
    """One verdict per sign-off at HEAD (or for the one party asked for)."""
    agreement = load_clean(root)
    repo = gitrepo.open_repo(root)
    subdir = gitrepo.repo_relative(repo, root)
    written = _written_records(repo, subdir)
    wanted = _wanted(agreement, written, party_id)
    with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
        signers = Path(tmp) / "allowed_signers"
        signers.write_text(allowed_signers(list(agreement.parties)), encoding="utf-8")
        commits = [w.commit.sha for w in written.values() if w.commit]
        signatures = gitrepo.signatures(repo, commits, signers)
        digests = _Digests(repo, subdir, Path(tmp) / "inhoud", root.name)
        return [_verdict(agreement, root, pid, written.get(pid), signatures, digests)
                for pid in wanted]


def _wanted(agreement: Agreement, written: dict[str, _Written], party_id: str | None
            ) -> list[str]:
    if party_id is None:
        return sorted(set(written) | _uncommitted(agreement.root, written))
    if party_id not in agreement.party_map:
        raise AgreementError(f"De partij {party_id} staat niet in partijen.yaml.")
    return [party_id]


def _uncommitted(root: Path, written: dict[str, _Written]) -> set[str]:
    return {p.stem for p in (root / SIGNOFFS_DIR).glob("*.yaml")} - set(written)


def _written_records(repo: gitrepo.Repo, subdir: str) -> dict[str, _Written]:
    folder = f"{subdir}/{SIGNOFFS_DIR}" if subdir else SIGNOFFS_DIR
    at_head = gitrepo.blob_ids(repo, "HEAD", folder)
    history = gitrepo.history(repo, folder)
    contents = gitrepo.read_blobs(repo, at_head.values())
    found: dict[str, _Written] = {}
    for rel, blob in at_head.items():
        if not rel.endswith(".yaml") or "/" in rel:
            continue
        commit = next((c for c in history for change in c.changes
                       if change.path == rel and change.new_blob == blob), None)
        found[rel.removesuffix(".yaml")] = _Written(rel.removesuffix(".yaml"),
                                                    contents.get(blob, b""), commit)
    return found


class _Digests:
    """The content digest at a commit, computed once per distinct content."""

    def __init__(self, repo: gitrepo.Repo, subdir: str, scratch: Path, name: str) -> None:
        self.repo, self.subdir, self.scratch, self.name = repo, subdir, scratch, name
        self.cache: dict[str, str] = {}

    def at(self, commit: str) -> str:
        key = gitrepo.content_key(self.repo, commit, self.subdir, skip=SIGNOFFS_DIR)
        if key not in self.cache:
            target = self.scratch / str(len(self.cache)) / self.name
            gitrepo.materialize(self.repo, commit, self.subdir, target)
            agreement, _ = load_agreement(target)
            self.cache[key] = content_digest(agreement)
        return self.cache[key]


def _verdict(agreement: Agreement, root: Path, party_id: str, written: _Written | None,
             signatures: dict[str, gitrepo.Signature], digests: _Digests) -> Verdict:
    verdict = Verdict(party_id)
    rel = record_rel(party_id)
    if written is None:
        on_disk = (root / rel).is_file()
        verdict.reasons.append(f"{rel} is nog niet vastgelegd in git." if on_disk else
                               "er is geen ondertekening van deze partij.")
        return verdict
    party = agreement.party_map.get(party_id)
    if party is None:
        verdict.reasons.append(f"{rel} hoort bij geen partij in partijen.yaml.")
        return verdict
    _check_record(verdict, agreement, root, written)
    if verdict.record is None or written.commit is None:
        return verdict
    verdict.commit = written.commit.sha
    _check_signature(verdict, party, written.commit, signatures.get(written.commit.sha))
    _check_digest(verdict, written.commit.sha, digests)
    return verdict


def _check_record(verdict: Verdict, agreement: Agreement, root: Path, written: _Written) -> None:
    rel = record_rel(verdict.party_id)
    try:
        record = parse_record(written.data, root / rel)
    except RecordError as exc:
        verdict.reasons.append(str(exc))
        return
    problem = record_problem(record, agreement, verdict.party_id)
    if problem:
        verdict.reasons.append(problem)
    if written.commit is None:
        verdict.reasons.append(f"de commit die {rel} schreef is niet te vinden.")
    on_disk = root / rel
    if not on_disk.is_file() or on_disk.read_bytes() != written.data:
        verdict.reasons.append(f"{rel} is gewijzigd of verwijderd sinds het is vastgelegd.")
    verdict.record = record


def _check_signature(verdict: Verdict, party: Party, commit: gitrepo.Commit,
                     signature: gitrepo.Signature | None) -> None:
    keys = party_keys(party)
    if not keys:
        verdict.reasons.append(f"geen vertegenwoordiger van {party.name} heeft een sleutel in "
                               "partijen.yaml, dus de handtekening is niet te controleren.")
        return
    if signature is None or not signature.good:
        state = signature.state if signature else "E"
        verdict.reasons.append(_STATES.get(state, _STATES["E"]) + ".")
        return
    key = matching_key(keys, signature.fingerprint, signature.primary_fingerprint)
    if key is None:
        verdict.reasons.append(f"getekend met sleutel {signature.fingerprint or signature.key}, "
                               f"die van geen vertegenwoordiger van {party.name} is.")
        return
    verdict.key = key.fingerprint
    owner = key.representative.email.casefold()
    if commit.committer_email.casefold() != owner:
        verdict.reasons.append(f"de commit is gemaakt door {commit.committer_email}, niet door "
                               f"{key.representative.email} van wie de sleutel is.")
    if verdict.record and verdict.record.signer.email.casefold() != owner:
        verdict.reasons.append(f"het record noemt {verdict.record.signer.email} als "
                               f"ondertekenaar, maar de sleutel is van {key.representative.email}.")


def _check_digest(verdict: Verdict, commit: str, digests: _Digests) -> None:
    assert verdict.record is not None
    try:
        actual = digests.at(commit)
    except RechtmakersError as exc:
        verdict.reasons.append(f"de inhoud bij commit {commit[:12]} is niet te lezen: {exc}")
        return
    if actual != verdict.record.digest:
        verdict.reasons.append(f"de digest in het record ({verdict.record.digest[:12]}) is niet "
                               f"die van de inhoud bij commit {commit[:12]} ({actual[:12]}).")

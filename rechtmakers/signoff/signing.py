"""What both ways of signing share: the result, the record, its commit message, and the
checks made before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.digest import DIGEST_FORM
from rechtmakers.errors import AgreementError
from rechtmakers.git import files as gitfiles
from rechtmakers.git import repo as gitrepo
from rechtmakers.model import Party, Representative
from rechtmakers.signoff.kinds import ProofKind
from rechtmakers.signoff.records import SignOff, name_too_long
from rechtmakers.signoff.trust import PartyTrust


@dataclass(frozen=True)
class SignResult:
    """What sign did: the record, and the commit (None when this content was already signed
    by this representative), the kind of evidence and a warning where it has no crypto."""

    record: SignOff
    party: Party
    commit: str | None
    path: Path
    kind: ProofKind = ProofKind.GIT
    warning: str | None = None


def refuse_occupied(repo: gitrepo.Repo, files: dict[str, bytes]) -> None:
    """Refuse, before anything is built, a path to write that git or the working tree holds
    as a folder, or below a path that is a file."""
    committed = gitfiles.blob_ids(repo, "HEAD", "")
    for rel in files:
        parts = rel.split("/")
        below = [("/".join(parts[:i]), False) for i in range(1, len(parts))]
        for path, _ in [*below, (rel, True)]:
            on_disk = repo.work_tree / path
            folder_here = path == rel and (on_disk.is_dir() or any(
                name.startswith(f"{rel}/") for name in committed))
            file_above = path != rel and (path in committed or on_disk.is_file())
            if folder_here or file_above:
                what = "een map" if folder_here else "een bestand"
                raise AgreementError(f"{path} is {what} in git of in de werkmap, waar "
                                     f"rechtmakers {rel} wil schrijven. Ruim dat eerst op. Er "
                                     "is niets vastgelegd.")


def refuse_long_name(party_id: str, email: str) -> None:
    problem = name_too_long(party_id, email)
    if problem:
        raise AgreementError(problem)


def already(standing: PartyTrust, representative: Representative, root: Path
             ) -> SignResult | None:
    """The result when this representative's counting record for this content exists."""
    for check in standing.signers:
        if check.record and check.record.signer.email.casefold() == (
                representative.email.casefold()):
            return SignResult(check.record, standing.party, None, root / check.path,
                              check.kind or ProofKind.GIT)
    return None


def make_record(agreement: CompleteAgreement, party: Party, representative: Representative,
            digest: str, note: str | None, evidence: dict[str, str] | None = None) -> SignOff:
    return SignOff.model_validate({
        "partij": party.id,
        "ondertekenaar": {"naam": representative.name, "email": representative.email,
                          "functie": representative.function},
        "overeenkomst": agreement.id,
        "versie": agreement.meta.version,
        "digest": digest,
        "vorm": DIGEST_FORM,
        "tijdstip": dt.datetime.now().astimezone().replace(microsecond=0),
        "opmerking": note.strip() if note and note.strip() else None,
        "bewijs": evidence,
    })


def commit_message(agreement: CompleteAgreement, party: Party, record: SignOff) -> str:
    """The Dutch commit message, with the trailers that `log` and reviewers read."""
    title = agreement.meta.title
    signer = record.signer
    lines = [
        f"Ondertekening: {party.name} tekent {agreement.id} versie {record.version}",
        "",
        f"{signer.name} ({signer.function}) keurt namens {party.name} de bindende inhoud "
        f"van \"{title}\", versie {record.version}, goed.",
    ]
    if record.evidence:
        lines += ["", f"Bewijs: {record.evidence.kind}, {record.evidence.file} (los "
                  "bewijs; deze commit is alleen het vastleggen)."]
    if record.note:
        lines += ["", f"Opmerking: {record.note}"]
    lines += [
        "",
        f"Ondertekend-door: {signer.name} <{signer.email}>",
        f"Namens: {party.id}",
        f"Overeenkomst: {agreement.id}",
        f"Versie: {record.version}",
        f"Digest: {record.digest}",
    ]
    return "\n".join(lines) + "\n"

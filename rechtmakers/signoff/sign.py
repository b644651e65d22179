"""`sign`: record in git that a party approves the exact current content, and nothing else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rechtmakers import gitrepo
from rechtmakers.agreement import Agreement
from rechtmakers.config import load_config
from rechtmakers.digest import content_digest
from rechtmakers.errors import AgreementError, UsageError
from rechtmakers.model import Party, Representative
from rechtmakers.signoff.records import SignOff, dump_record, read_records, record_rel
from rechtmakers.validate import validate_agreement

TRAILERS = ("Ondertekend-door", "Namens", "Overeenkomst", "Versie", "Digest")


@dataclass(frozen=True)
class SignResult:
    """What sign did: the record, and the commit (None when this content was already signed)."""

    record: SignOff
    party: Party
    commit: str | None
    path: Path


def sign(root: Path, party_id: str, note: str | None = None) -> SignResult:
    """Check everything first, then write and commit only ondertekeningen/<party_id>.yaml."""
    repo = gitrepo.open_repo(root)
    subdir = gitrepo.repo_relative(repo, root)
    refuse_unfinished_work(repo, subdir)
    agreement = _valid_agreement(root)
    party = _party(agreement, party_id)
    representative = _representative(party, *gitrepo.committer(repo))
    digest = content_digest(agreement)
    path = root / record_rel(party.id)
    existing = read_records(root).get(party.id)
    if isinstance(existing, SignOff) and existing.digest == digest:
        return SignResult(existing, party, None, path)
    record = _record(agreement, party, representative, digest, note)
    text = dump_record(record)
    rel = f"{subdir}/{record_rel(party.id)}" if subdir else record_rel(party.id)
    commit = gitrepo.commit_file(repo, rel, text.encode("utf-8"), commit_message(
        agreement, party, record))
    return SignResult(record, party, commit, path)


def _valid_agreement(root: Path) -> Agreement:
    report = validate_agreement(root, load_config(root))
    if report.errors:
        shown = "\n".join(f"  {f.location}: {f.message}" for f in report.errors[:3])
        more = f"\n  … en nog {len(report.errors) - 3}" if len(report.errors) > 3 else ""
        raise AgreementError(f"De overeenkomst heeft {len(report.errors)} fout(en); een versie "
                             f"met fouten kan niet ondertekend worden:\n{shown}{more}\n"
                             "Los ze op (rechtmakers validate) en leg ze vast.")
    return report.agreement


def refuse_unfinished_work(repo: gitrepo.Repo, subdir: str) -> None:
    gitrepo.head_commit(repo)
    operation = gitrepo.operation_in_progress(repo)
    if operation:
        raise UsageError(f"Er loopt nog een {operation} in deze repository. Maak die eerst af; "
                         "daarna kunt u ondertekenen.")
    dirty = [(code, path) for code, path in gitrepo.uncommitted(repo, subdir)
             if code != "!!" or _is_agreement_file(path, subdir)]
    if dirty:
        names = {"??": "nieuw", "!!": "genegeerd door git"}
        shown = "\n".join(f"  {path} ({names.get(code, 'gewijzigd')})" for code, path in dirty[:8])
        raise AgreementError("Niet alles van de overeenkomst is vastgelegd in git:\n"
                             f"{shown}\nOndertekenen gaat over de vastgelegde versie. Leg de "
                             "wijzigingen eerst vast (git commit) of zet ze opzij (git stash).")


def _is_agreement_file(path: str, subdir: str) -> bool:
    rel = path[len(subdir) + 1:] if subdir else path
    parts = rel.split("/")
    return rel.endswith(".yaml") and (len(parts) == 1 or (
        len(parts) == 2 and parts[0] in ("artikelen", "ondertekeningen")))


def _party(agreement: Agreement, party_id: str) -> Party:
    party = agreement.party_map.get(party_id)
    if party is None:
        known = ", ".join(sorted(agreement.party_map))
        raise AgreementError(f"De partij {party_id} staat niet in partijen.yaml. Bekende "
                             f"partijen: {known}.")
    return party


def _representative(party: Party, name: str, email: str) -> Representative:
    for representative in party.representatives:
        if representative.email.casefold() == email.casefold():
            return representative
    allowed = ", ".join(r.email for r in party.representatives)
    raise AgreementError(f"Uw e-mailadres in git is {email or '(leeg)'} ({name}). Dat is niet "
                         f"het adres van een vertegenwoordiger van {party.name}: alleen "
                         f"{allowed} mag namens deze partij tekenen. Stel uw adres in met "
                         "git config user.email, of laat een vertegenwoordiger tekenen.")


def _record(agreement: Agreement, party: Party, representative: Representative, digest: str,
            note: str | None) -> SignOff:
    assert agreement.meta is not None  # a valid agreement has its overeenkomst.yaml
    return SignOff.model_validate({
        "partij": party.id,
        "ondertekenaar": {"naam": representative.name, "email": representative.email,
                          "functie": representative.function},
        "overeenkomst": agreement.id,
        "versie": agreement.meta.version,
        "digest": digest,
        "tijdstip": dt.datetime.now().astimezone().replace(microsecond=0),
        "opmerking": note.strip() if note and note.strip() else None,
    })


def commit_message(agreement: Agreement, party: Party, record: SignOff) -> str:
    """The Dutch commit message, with the trailers that `log` and reviewers read."""
    title = agreement.meta.title if agreement.meta else agreement.id
    signer = record.signer
    lines = [
        f"Ondertekening: {party.name} tekent {agreement.id} versie {record.version}",
        "",
        f"{signer.name} ({signer.function}) keurt namens {party.name} de bindende inhoud "
        f"van \"{title}\", versie {record.version}, goed.",
    ]
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

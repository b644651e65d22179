"""`sign`: record in git that a representative approves the exact current content for a
party: by a commit of their own, or with detached evidence (`--bewijs`) that a maintainer
commits. Everything is checked before anything is written; a commit that would not count is
refused before HEAD moves."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from rechtmakers.agreement import ANNEXES_DIR, SIGNOFFS_DIR, CompleteAgreement
from rechtmakers.checks import RULES
from rechtmakers.config import load_config
from rechtmakers.digest import content_digest
from rechtmakers.errors import AgreementError, UsageError
from rechtmakers.git import commit as gitcommit
from rechtmakers.git import repo as gitrepo
from rechtmakers.git import signatures as gitsignatures
from rechtmakers.model import Party, Representative
from rechtmakers.signoff.commits import allowed_signers_text
from rechtmakers.signoff.kinds import KeyKind, ProofKind
from rechtmakers.signoff.probe import waiting_parties
from rechtmakers.signoff.records import (
    dump_record,
    record_rel,
)
from rechtmakers.signoff.sign_detached import sign_detached
from rechtmakers.signoff.signing import (
    SignResult,
    already,
    commit_message,
    make_record,
    refuse_long_name,
    refuse_occupied,
)
from rechtmakers.signoff.trust import PartyTrust, TrustReport, evaluate
from rechtmakers.source_names import ARTICLES_DIR, PARTIES_FILE
from rechtmakers.validate import validate_agreement
from rechtmakers.versions import WORKING_TREE

__all__ = ["SignResult", "refuse_unfinished_work", "sign"]


def sign(root: Path, party_id: str, note: str | None = None,
         evidence: Path | None = None) -> SignResult:
    """Check everything first, then write and commit only this signer's record (and its
    evidence)."""
    repo = gitrepo.open_repo(root)
    subdir = gitrepo.repo_relative(repo, root)
    refuse_unfinished_work(repo, subdir)
    agreement = _valid_agreement(root)
    party = _party(agreement, party_id)
    _refuse_symlinked_folder(root, party.id)
    digest = content_digest(agreement)
    report = evaluate(root, agreement, digest)
    standing = next(p for p in report.parties if p.party.id == party.id)
    if evidence is not None:
        return sign_detached(repo, subdir, root, agreement, report, standing, digest, note,
                              evidence)
    representative = _representative(party, *gitcommit.committer(repo))
    refuse_long_name(party.id, representative.email)
    done = already(standing, representative, root)
    if done:
        return done
    record = make_record(agreement, party, representative, digest, note)
    check, kind, warning = _commit_rule(repo, report, standing, representative)
    rel = record_rel(party.id, representative.email)
    full = f"{subdir}/{rel}" if subdir else rel
    files = {full: dump_record(record).encode("utf-8")}
    refuse_occupied(repo, files)
    commit = gitcommit.commit_files(repo, files, commit_message(agreement, party, record), check)
    return SignResult(record, party, commit, root / rel, kind, warning)


def _refuse_symlinked_folder(root: Path, party_id: str) -> None:
    for path in (root / SIGNOFFS_DIR, root / SIGNOFFS_DIR / party_id):
        if path.is_symlink():
            raise AgreementError(f"{path} is een symbolische koppeling; rechtmakers schrijft "
                                 "daar geen ondertekening doorheen. Maak er een gewone map van. "
                                 "Er is niets vastgelegd.")


def _commit_rule(repo: gitrepo.Repo, report: TrustReport, standing: PartyTrust,
                 representative: Representative
                 ) -> tuple[Callable[[str], None] | None, ProofKind, str | None]:
    """What the commit must be to count: a check of its signature, the kind, a warning."""
    email = representative.email
    meta = report.agreement.meta
    if not standing.has_key(email):
        if meta.required_evidence == "sleutel":
            raise AgreementError(
                f"Deze overeenkomst vraagt een sleutel bij elke ondertekening (ondertekening: "
                f"bewijs: sleutel), maar {representative.name} heeft geen sleutel in "
                f"{PARTIES_FILE}. Zet de publieke sleutel bij deze vertegenwoordiger (een commit "
                "ondertekend door de penvoerder), of teken met rechtmakers review en --bewijs. "
                "Er is niets vastgelegd.")
        if standing.keys:
            raise AgreementError(
                f"{standing.party.name} heeft sleutels in {PARTIES_FILE}, dus alleen een "
                f"ondertekening met cryptografisch bewijs telt, en {representative.name} heeft "
                "geen sleutel. Zet uw publieke sleutel bij uw naam (in een commit ondertekend "
                "door een sleutel die al telt voor uw organisatie of de penvoerder), of laat een "
                "vertegenwoordiger met een sleutel tekenen. Er is niets vastgelegd.")
        return None, ProofKind.GIT, (f"Let op: {representative.name} heeft geen sleutel in "
                             f"{PARTIES_FILE}. Deze ondertekening telt op uw git-identiteit, "
                             "zonder cryptografisch bewijs.")
    trusted = standing.keys_of(email)
    if not trusted:
        why = "; ".join(k.source for k in standing.keys
                        if k.email == email.casefold() and not k.trusted)
        raise AgreementError(f"De sleutel van {representative.name} in {PARTIES_FILE} telt niet "
                             f"({why}). Een ondertekening ermee zou niet tellen; er is niets "
                             "vastgelegd.")
    if not gitcommit.signs_commits(repo):
        raise AgreementError(
            f"{representative.name} heeft een sleutel in {PARTIES_FILE}, maar git ondertekent "
            "deze commit niet, dus de ondertekening zou niet tellen. Stel git in (git config "
            "commit.gpgsign true, en voor SSH gpg.format ssh en user.signingkey), of teken met "
            "rechtmakers review en --bewijs. Er is niets vastgelegd.")
    kind = (ProofKind.GPG_COMMIT if all(k.kind is KeyKind.GPG for k in trusted)
            else ProofKind.SSH_COMMIT)

    def check(commit: str) -> None:
        with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
            allowed = Path(tmp) / "allowed_signers"
            allowed.write_text(allowed_signers_text(
                {(k.email, k.fingerprint): (k.kind, k.public) for k in trusted}),
                encoding="utf-8")
            signature = gitsignatures.signatures(repo, [commit], allowed).get(commit)
        for key in trusted:
            if signature is not None and signature.good and (
                    key.fingerprint in (signature.fingerprint,
                                        signature.fingerprint.upper(),
                                        signature.primary_fingerprint.upper())):
                return
        used = (signature.fingerprint or signature.key) if signature else ""
        shown = ", ".join(k.fingerprint for k in trusted)
        raise AgreementError(
            f"Git tekende de commit met {('sleutel ' + used) if used else 'een sleutel'}, niet "
            f"met de geregistreerde sleutel van {representative.name} ({shown}). HEAD is niet "
            "verplaatst; er is niets vastgelegd. Stel user.signingkey in op uw eigen sleutel.")

    return check, kind, None


def _valid_agreement(root: Path) -> CompleteAgreement:
    report = validate_agreement(root, load_config(root, rules=RULES), signoffs=waiting_parties)
    if report.errors:
        shown = "\n".join(f"  {f.location}: {f.message}" for f in report.errors[:3])
        more = f"\n  … en nog {len(report.errors) - 3}" if len(report.errors) > 3 else ""
        raise AgreementError(f"De overeenkomst heeft {len(report.errors)} fout(en); een versie "
                             f"met fouten kan niet ondertekend worden:\n{shown}{more}\n"
                             "Los ze op (rechtmakers validate) en leg ze vast.")
    return report.complete(WORKING_TREE)


def refuse_unfinished_work(repo: gitrepo.Repo, subdir: str) -> None:
    gitrepo.head_commit(repo)
    operation = gitcommit.operation_in_progress(repo)
    if operation:
        raise UsageError(f"Er loopt nog een {operation} in deze repository. Maak die eerst af; "
                         "daarna kunt u ondertekenen.")
    dirty = [(code, path) for code, path in gitcommit.uncommitted(repo, subdir)
             if code != "!!" or _is_agreement_file(path, subdir)]
    if dirty:
        names = {"??": "nieuw", "!!": "genegeerd door git"}
        shown = "\n".join(f"  {path} ({names.get(code, 'gewijzigd')})" for code, path in dirty[:8])
        raise AgreementError("Niet alles van de overeenkomst is vastgelegd in git:\n"
                             f"{shown}\nOndertekenen gaat over de vastgelegde versie. Leg de "
                             "wijzigingen eerst vast (git commit) of zet ze opzij (git stash).")


def _is_agreement_file(path: str, subdir: str) -> bool:
    """Whether path counts for the agreement: its YAML files, records and annexes (whose
    bytes are in the digest, so an ignored annex would be signed without git holding it)."""
    rel = path[len(subdir) + 1:] if subdir else path
    parts = rel.split("/")
    if parts[0] == ANNEXES_DIR and len(parts) > 1:
        return True
    return rel.endswith(".yaml") and (len(parts) == 1 or (
        len(parts) == 2 and parts[0] in (ARTICLES_DIR, SIGNOFFS_DIR)) or (
        len(parts) == 3 and parts[0] == SIGNOFFS_DIR))


def _party(agreement: CompleteAgreement, party_id: str) -> Party:
    party = agreement.party_map.get(party_id)
    if party is None:
        known = ", ".join(sorted(agreement.party_map))
        raise AgreementError(f"De partij {party_id[:80]} staat niet in {PARTIES_FILE}. Bekende "
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
                         "git config user.email, laat een vertegenwoordiger tekenen, of laat "
                         "een vertegenwoordiger de akkoordverklaring tekenen (rechtmakers "
                         "review) en leg die vast met --bewijs.")

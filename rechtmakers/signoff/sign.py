"""`sign`: record in git that a representative approves the exact current content for a
party: by a commit of their own, or with detached evidence (`--bewijs`) that a maintainer
commits. Everything is checked before anything is written; a commit that would not count is
refused before HEAD moves."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rechtmakers import gitrepo
from rechtmakers.agreement import SIGNOFFS_DIR, CompleteAgreement
from rechtmakers.checks import RULES
from rechtmakers.config import load_config
from rechtmakers.digest import DIGEST_FORM, content_digest
from rechtmakers.errors import AgreementError, UsageError, os_reason
from rechtmakers.model import Party, Representative
from rechtmakers.signoff.anchors import Anchors, CommittedAnchors
from rechtmakers.signoff.commits import allowed_signers_text
from rechtmakers.signoff.evidence import (
    EvidenceContext,
    EvidenceKind,
    EvidenceResult,
    kind_for_file,
    known_suffixes,
    needs_anchors,
)
from rechtmakers.signoff.kinds import ProofKind
from rechtmakers.signoff.probe import waiting_parties
from rechtmakers.signoff.records import (
    SignOff,
    dump_record,
    name_too_long,
    record_rel,
    signer_slug,
)
from rechtmakers.signoff.sshsig import verify_sshsig
from rechtmakers.signoff.statement import (
    NAMESPACE,
    build_statement,
    party_label,
    statement_fields,
)
from rechtmakers.signoff.trust import (
    PartyTrust,
    TrustReport,
    evaluate,
)
from rechtmakers.validate import validate_agreement
from rechtmakers.versions import WORKING_TREE, Versions

TRAILERS = ("Ondertekend-door", "Namens", "Overeenkomst", "Versie", "Digest")
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
_HISTORY_TRIES = 40  # contents of the past tried to name the version of a stale signature


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
        return _sign_detached(repo, subdir, root, agreement, report, standing, digest, note,
                              evidence)
    representative = _representative(party, *gitrepo.committer(repo))
    _refuse_long_name(party.id, representative.email)
    done = _already(standing, representative, root)
    if done:
        return done
    record = _record(agreement, party, representative, digest, note)
    check, kind, warning = _commit_rule(repo, report, standing, representative)
    rel = record_rel(party.id, representative.email)
    full = f"{subdir}/{rel}" if subdir else rel
    commit = gitrepo.commit_files(repo, {full: dump_record(record).encode("utf-8")},
                                  commit_message(agreement, party, record), check)
    return SignResult(record, party, commit, root / rel, kind, warning)


def _refuse_symlinked_folder(root: Path, party_id: str) -> None:
    for path in (root / SIGNOFFS_DIR, root / SIGNOFFS_DIR / party_id):
        if path.is_symlink():
            raise AgreementError(f"{path} is een symbolische koppeling; rechtmakers schrijft "
                                 "daar geen ondertekening doorheen. Maak er een gewone map van. "
                                 "Er is niets vastgelegd.")


def _refuse_long_name(party_id: str, email: str) -> None:
    problem = name_too_long(party_id, email)
    if problem:
        raise AgreementError(problem)


def _already(standing: PartyTrust, representative: Representative, root: Path
             ) -> SignResult | None:
    """The result when this representative's counting record for this content exists."""
    for check in standing.signers:
        if check.record and check.record.signer.email.casefold() == (
                representative.email.casefold()):
            return SignResult(check.record, standing.party, None, root / check.path,
                              check.kind or ProofKind.GIT)
    return None


def _commit_rule(repo: gitrepo.Repo, report: TrustReport, standing: PartyTrust,
                 representative: Representative
                 ) -> tuple[Callable[[str], None] | None, ProofKind, str | None]:
    """What the commit must be to count: a check of its signature, the kind, a warning."""
    email = representative.email
    meta = report.agreement.meta
    if not standing.has_key(email):
        if meta and meta.signing and meta.signing.evidence == "sleutel":
            raise AgreementError(
                f"Deze overeenkomst vraagt een sleutel bij elke ondertekening (ondertekening: "
                f"bewijs: sleutel), maar {representative.name} heeft geen sleutel in "
                "partijen.yaml. Zet de publieke sleutel bij deze vertegenwoordiger (een commit "
                "ondertekend door de penvoerder), of teken met rechtmakers review en --bewijs. "
                "Er is niets vastgelegd.")
        if standing.keys:
            raise AgreementError(
                f"{standing.party.name} heeft sleutels in partijen.yaml, dus alleen een "
                f"ondertekening met cryptografisch bewijs telt, en {representative.name} heeft "
                "geen sleutel. Zet uw publieke sleutel bij uw naam (in een commit ondertekend "
                "door een sleutel die al telt voor uw organisatie of de penvoerder), of laat een "
                "vertegenwoordiger met een sleutel tekenen. Er is niets vastgelegd.")
        return None, ProofKind.GIT, (f"Let op: {representative.name} heeft geen sleutel in "
                             "partijen.yaml. Deze ondertekening telt op uw git-identiteit, "
                             "zonder cryptografisch bewijs.")
    trusted = standing.keys_of(email)
    if not trusted:
        why = "; ".join(k.source for k in standing.keys
                        if k.email == email.casefold() and not k.trusted)
        raise AgreementError(f"De sleutel van {representative.name} in partijen.yaml telt niet "
                             f"({why}). Een ondertekening ermee zou niet tellen; er is niets "
                             "vastgelegd.")
    if not gitrepo.signs_commits(repo):
        raise AgreementError(
            f"{representative.name} heeft een sleutel in partijen.yaml, maar git ondertekent "
            "deze commit niet, dus de ondertekening zou niet tellen. Stel git in (git config "
            "commit.gpgsign true, en voor SSH gpg.format ssh en user.signingkey), of teken met "
            "rechtmakers review en --bewijs. Er is niets vastgelegd.")
    kind = (ProofKind.GPG_COMMIT if all(k.kind == "gpg" for k in trusted)
            else ProofKind.SSH_COMMIT)

    def check(commit: str) -> None:
        with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
            allowed = Path(tmp) / "allowed_signers"
            allowed.write_text(allowed_signers_text(
                {(k.email, k.fingerprint): (k.kind, k.public) for k in trusted}),
                encoding="utf-8")
            signature = gitrepo.signatures(repo, [commit], allowed).get(commit)
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


def _sign_detached(repo: gitrepo.Repo, subdir: str, root: Path,
                   agreement: CompleteAgreement, report: TrustReport, standing: PartyTrust,
                   digest: str, note: str | None, evidence: Path) -> SignResult:
    party = standing.party
    kind = kind_for_file(evidence.name)
    if kind is None:
        hint = (" Dit is de akkoordverklaring zelf: geef de handtekening op, het .sig-bestand "
                "dat ssh-keygen -Y sign ernaast maakte." if evidence.name.endswith(".txt")
                else "")
        raise UsageError(f"{evidence.name} is geen bewijs dat rechtmakers kent; verwacht een "
                         f"bestand op {' of '.join(known_suffixes())}.{hint}")
    data = _read_evidence(evidence)
    meta = agreement.meta
    anchors = _anchors(repo, subdir, agreement, report, kind.kind)
    context = EvidenceContext(agreement.id, meta.title, meta.version, digest, party,
                              standing.trusted, build_statement(
                                  agreement.id, meta.title, meta.version, digest, party.id,
                                  party_label(party)), anchors.certificates)
    result = kind.verify(data, context)
    if not result.ok:
        notes = f" Let op: {'; '.join(anchors.notes)}." if anchors.notes else ""
        raise AgreementError(_refusal(repo, subdir, root, evidence, data, kind, context,
                                      result) + notes)
    _recheck_with_ssh_keygen(kind, data, context, result)
    representative = _evidence_signer(standing, result, root)
    if representative is None:
        raise AgreementError(f"Het bewijs is gezet door {result.signer_email}, geen "
                             f"vertegenwoordiger van {party.name}. Er is niets vastgelegd.")
    _refuse_long_name(party.id, representative.email)
    done = _already(standing, representative, root)
    if done:
        return done
    slug = signer_slug(representative.email)
    suffix = kind.suffixes[0]
    record = _record(agreement, party, representative, digest, note,
                     {"soort": kind.kind, "bestand": f"{slug}{suffix}"})
    rel = record_rel(party.id, representative.email)
    folder = rel.rsplit("/", 1)[0]
    prefix = f"{subdir}/" if subdir else ""
    files = {f"{prefix}{rel}": dump_record(record).encode("utf-8"),
             f"{prefix}{folder}/{slug}{suffix}": data,
             f"{prefix}{folder}/{slug}.akkoord.txt": context.statement}
    commit = gitrepo.commit_files(repo, files, commit_message(agreement, party, record))
    return SignResult(record, party, commit, root / rel, ProofKind(kind.kind))


def _anchors(repo: gitrepo.Repo, subdir: str, agreement: CompleteAgreement,
             report: TrustReport, kind: str) -> Anchors:
    """The agreement's trust anchors that count, as the trust rule reads them (vertrouwd/ at
    HEAD, trusted from history), for a kind that needs them."""
    if not needs_anchors(kind):
        return Anchors(())
    from rechtmakers.signoff.pdf_evidence import TRUST_DIR

    folder = f"{subdir}/{TRUST_DIR}" if subdir else TRUST_DIR
    files = {f"{TRUST_DIR}/{rel}": d for rel, d in gitrepo.files_at(repo, "HEAD", folder).items()}
    lead = agreement.meta.lead
    keys = next((p.trusted for p in report.parties if p.party.id == lead), ())
    try:
        return CommittedAnchors(repo, subdir, files, keys).get()
    except AgreementError as exc:
        raise AgreementError(f"{exc} Er is niets vastgelegd.") from None


def _evidence_signer(standing: PartyTrust, result: EvidenceResult, root: Path
                     ) -> Representative | None:
    """The representative the evidence proves; of several (one PDF signed by two directors),
    the first who has not signed this content yet."""
    emails = [e.casefold() for e in (result.signers or (result.signer_email or "",))]
    found = [r for e in emails for r in standing.party.representatives
             if r.email.casefold() == e]
    return next((r for r in found if _already(standing, r, root) is None),
                found[0] if found else None)


def _recheck_with_ssh_keygen(kind: EvidenceKind, data: bytes, context: EvidenceContext,
                             result: EvidenceResult) -> None:
    """Before recording, let ssh-keygen itself confirm an SSH signature checked in process."""
    if kind.kind != "ssh-detached":
        return
    key = next((k for k in context.keys if k.fingerprint == result.key), None)
    if key is None or not verify_sshsig(data, context.statement, key.email, key.public,
                                        NAMESPACE, in_process=False):
        raise AgreementError("ssh-keygen keurt de handtekening af. Er is niets vastgelegd.")


def _read_evidence(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_EVIDENCE_BYTES:
            raise AgreementError(f"{path} is te groot voor bewijs (meer dan 50 MB).")
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path} is niet te lezen ({os_reason(exc)}).") from None


def _refusal(repo: gitrepo.Repo, subdir: str, root: Path, evidence: Path, data: bytes,
             kind: EvidenceKind, context: EvidenceContext, result: EvidenceResult) -> str:
    """Why the evidence is refused; for a signature over another version's statement, which
    version that was."""
    tail = " Er is niets vastgelegd."
    if result.key is None or result.signer_email is None:
        return f"Het bewijs telt niet: {result.reason}{tail}"
    for statement in _candidate_statements(repo, subdir, root, evidence, context):
        fields = statement_fields(statement)
        if fields.get("Digest") == context.digest:
            continue
        old = EvidenceContext(context.agreement_id, fields.get("Titel", ""),
                              fields.get("Versie", ""), fields.get("Digest", ""),
                              context.party, context.keys, statement, context.anchors)
        if kind.verify(data, old).ok:
            what = ("PDF van deze versie ondertekenen (rechtmakers render --format pdf of "
                    "rechtmakers review)" if needs_anchors(kind.kind) else
                    "akkoordverklaring van deze versie tekenen (rechtmakers review)")
            return (f"Het bewijs hoort bij een andere versie: het akkoord is gegeven voor "
                    f"versie {fields.get('Versie', '?')} (digest "
                    f"{fields.get('Digest', '')[:12]}), niet voor de huidige versie "
                    f"{context.version} (digest {context.digest[:12]}). Laat de "
                    f"{what}.{tail}")
    return f"Het bewijs telt niet: {result.reason}{tail}"


def _candidate_statements(repo: gitrepo.Repo, subdir: str, root: Path, evidence: Path,
                          context: EvidenceContext) -> list[bytes]:
    """The statement file beside the evidence, then the statements of past contents."""
    found: list[bytes] = []
    beside = evidence.with_name(evidence.name[:-len(evidence.suffix)])
    if beside.is_file() and beside.stat().st_size < 64 * 1024:
        found.append(beside.read_bytes())
    party = context.party
    versions = Versions(repo, subdir, root)
    for past in versions.past(limit=_HISTORY_TRIES):
        if past.digest != context.digest:
            meta = past.agreement.meta
            found.append(build_statement(past.agreement.id, meta.title, meta.version,
                                         past.digest, party.id, party_label(party)))
    versions.save()
    return found


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
        len(parts) == 2 and parts[0] in ("artikelen", "ondertekeningen")) or (
        len(parts) == 3 and parts[0] == "ondertekeningen"))


def _party(agreement: CompleteAgreement, party_id: str) -> Party:
    party = agreement.party_map.get(party_id)
    if party is None:
        known = ", ".join(sorted(agreement.party_map))
        raise AgreementError(f"De partij {party_id[:80]} staat niet in partijen.yaml. Bekende "
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


def _record(agreement: CompleteAgreement, party: Party, representative: Representative,
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

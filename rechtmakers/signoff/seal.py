"""`vaststellen`: when every party signed the same content, tag it and mark it vastgesteld."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rechtmakers.agreement import ANNEXES_DIR, META_FILE, load_agreement
from rechtmakers.digest import content_digest
from rechtmakers.errors import AgreementError
from rechtmakers.git import commit as gitcommit
from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo
from rechtmakers.signoff.history import FINAL, SEAL_TRAILER
from rechtmakers.signoff.kinds import PartyState
from rechtmakers.signoff.sign import refuse_unfinished_work
from rechtmakers.signoff.status import AgreementStatus, agreement_status
from rechtmakers.source_names import ARTICLES_DIR

# A plain value is words separated by blanks (never ending in one): no lazy run before the
# trailing blanks, which made a long line quadratic.
_STATUS_LINE = re.compile(r"^(?P<key>\ufeff?status[ \t]*:[ \t]*)(?P<value>'[^'\n]*'|\"[^\"\n]*\"|"
                          r"[^#\n \t]*(?:[ \t]+[^#\n \t]+)*)(?P<rest>[ \t]*(?:#[^\n]*)?)$",
                          re.MULTILINE)


@dataclass(frozen=True)
class SealResult:
    """The tag, and the commit that set the status (None when it already was vastgesteld)."""

    tag: str
    commit: str | None
    tagged: bool
    status: AgreementStatus


def seal(root: Path) -> SealResult:
    """Check that all parties signed this content, commit `status: vastgesteld` (only that
    line of overeenkomst.yaml changes) and create the annotated tag <id>/v<versie>."""
    repo = gitrepo.open_repo(root)
    subdir = gitrepo.repo_relative(repo, root)
    refuse_unfinished_work(repo, subdir)
    status = agreement_status(root)
    _refuse_incomplete(status)
    meta = status.agreement.meta
    tag = f"{status.agreement.id}/v{meta.version}"
    if tag in githistory.tags(repo, status.agreement.id):
        if meta.status == FINAL:
            return SealResult(tag, None, False, status)
        raise AgreementError(f"De tag {tag} bestaat al, maar de status is {meta.status}. Is de "
                             "inhoud veranderd zonder de versie te verhogen? Verhoog de versie "
                             f"in {META_FILE} en laat opnieuw tekenen.")
    commit = None
    if meta.status != FINAL:
        commit = _commit_status(repo, root, subdir, status)
    gitcommit.create_tag(repo, tag, commit or gitrepo.head_commit(repo), tag_message(status, tag))
    return SealResult(tag, commit, True, status)


def _refuse_incomplete(status: AgreementStatus) -> None:
    if status.complete:
        return
    waiting = [f"{p.party.id} ({p.state.words.short}{': ' + p.reason if p.reason else ''})"
               for p in status.parties if p.state is not PartyState.SIGNED]
    raise AgreementError(f"Nog niet alle partijen tekenden deze inhoud met bewijs dat klopt, "
                         f"dus vaststellen kan nog niet. Er is niets vastgelegd. Wacht op: "
                         f"{'; '.join(waiting)}.")


def _commit_status(repo: gitrepo.Repo, root: Path, subdir: str, status: AgreementStatus) -> str:
    path = root / META_FILE
    text = set_status(path.read_bytes().decode("utf-8"), FINAL)
    _check_unchanged(root, text, status.digest)
    rel = f"{subdir}/{META_FILE}" if subdir else META_FILE
    return gitcommit.commit_file(repo, rel, text.encode("utf-8"), commit_message(status))


def set_status(text: str, value: str) -> str:
    """overeenkomst.yaml with only the value of its top-level status line replaced."""
    matches = list(_STATUS_LINE.finditer(text))
    if len(matches) != 1:
        raise AgreementError(f"De regel 'status: …' in {META_FILE} is niet eenduidig te "
                             "vinden; zet hem op één regel, zonder inspringing.")
    match = matches[0]
    return text[:match.start("value")] + value + text[match.end("value"):]


def _check_unchanged(root: Path, text: str, digest: str) -> None:
    """The edited file must read back as vastgesteld with exactly the signed content."""
    with tempfile.TemporaryDirectory(prefix="rechtmakers-") as tmp:
        copy = Path(tmp) / root.name
        _copy_sources(root, copy)
        (copy / META_FILE).write_text(text, encoding="utf-8")
        agreement, problems = load_agreement(copy)
    if problems or agreement.meta is None or agreement.meta.status != FINAL or \
            content_digest(agreement) != digest:
        raise AgreementError(f"{META_FILE} kan niet veilig op vastgesteld gezet worden; "
                             "zet 'status: vastgesteld' met de hand en leg het vast.")


def _copy_sources(root: Path, target: Path) -> None:
    """Copy the YAML files and annexes of an agreement (not its sign-offs) to read an edited
    version."""
    for source in [*root.glob("*.yaml"), *root.glob(f"{ARTICLES_DIR}/*.yaml")]:
        destination = target / source.relative_to(root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(source.read_bytes())
    if (root / ANNEXES_DIR).is_dir():  # annexes are signed too; links stay links (refused)
        shutil.copytree(root / ANNEXES_DIR, target / ANNEXES_DIR, symlinks=True)


def commit_message(status: AgreementStatus) -> str:
    meta = status.agreement.meta
    tag = f"{status.agreement.id}/v{meta.version}"
    return (f"Vastgesteld: {status.agreement.id} versie {meta.version}\n\n"
            f"Alle {len(status.parties)} partijen tekenden dezelfde inhoud. De status in "
            f"{META_FILE} wordt {FINAL};\nde tag {tag} wijst naar deze commit.\n\n"
            f"Vastgesteld: {tag}\nVersie: {meta.version}\nDigest: {status.digest}\n")


def tag_message(status: AgreementStatus, tag: str) -> str:
    """The annotated tag's message: what was agreed and who signed for whom, when."""
    meta = status.agreement.meta
    lines = [f"{meta.title}, versie {meta.version}: vastgesteld", "",
             f"Digest: {status.digest}", "", "Ondertekend door:"]
    for item in status.parties:
        signers = []
        for check in item.signers:
            record = check.record
            assert record is not None  # a counting record was read
            signers.append(f"{record.signer.name}, {record.signer.function}, "
                           f"<{record.signer.email}>, {record.signed_at.date().isoformat()}, "
                           f"bewijs: {check.kind}")
        lines.append(f"- {item.party.name} ({item.party.id}): {'; '.join(signers)}")
    lines += ["", SEAL_TRAILER]
    return "\n".join(lines) + "\n"

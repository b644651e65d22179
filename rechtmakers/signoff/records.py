"""Sign-off records: one file per signer, ondertekeningen/<partij>/<ondertekenaar>.yaml (the
older ondertekeningen/<partij>.yaml still reads), with detached evidence beside it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import ConfigDict, Field, ValidationError

from rechtmakers.agreement import SIGNOFFS_DIR
from rechtmakers.load import LoadRefusal, SourceFile, read_yaml, read_yaml_bytes
from rechtmakers.model_base import Base, Email, SemVer, Slug, Text, field
from rechtmakers.schema_errors import translate

HEADER = ("# Ondertekening, geschreven en vastgelegd door `rechtmakers sign`.\n"
          "# Niet met de hand wijzigen: de commit van dit bestand, of het bewijs ernaast, is de "
          "handtekening.\n")
# A file name may have 255 bytes on every common file system; a record's stem also carries
# ".akkoord.txt" and ".yaml" beside it.
MAX_NAME_BYTES = 255
_LONGEST_SUFFIX = ".akkoord.txt"

Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
EvidenceFile = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]{0,254}$")]


class Signer(Base):
    """Wie namens de partij tekende."""

    model_config = ConfigDict(title="Ondertekenaar")
    name: Text = field("naam", "Naam", "Naam van de vertegenwoordiger.")
    email: Email = field("email", "E-mailadres", "Het e-mailadres waarmee in git is getekend.")
    function: Text = field("functie", "Functie", "Functie binnen de organisatie.")


class Evidence(Base):
    """Los bewijs naast het record, zoals een SSH-handtekening onder de akkoordverklaring."""

    model_config = ConfigDict(title="Bewijs")
    kind: Slug = field("soort", "Soort", "Wat voor bewijs: ssh-detached (een SSH-handtekening "
                       "onder de akkoordverklaring) of pdf (een ondertekende PDF).")
    file: EvidenceFile = field("bestand", "Bestand", "Het bestand met het bewijs, naast dit "
                               "record (alleen een naam, geen map).")


class SignOff(Base):
    """ondertekeningen/<partij>/<ondertekenaar>.yaml: een vertegenwoordiger keurt precies deze
    inhoud goed namens een partij."""

    model_config = ConfigDict(title="Ondertekening")
    party: Slug = field("partij", "Partij", "Kenmerk van de partij die tekent.")
    signer: Signer = field("ondertekenaar", "Ondertekenaar", "Wie namens de partij tekende.")
    agreement: Slug = field("overeenkomst", "Overeenkomst", "Kenmerk van de overeenkomst.")
    version: SemVer = field("versie", "Versie", "De versie van de overeenkomst die is getekend.")
    digest: Digest = field("digest", "Digest", "SHA-256 van de bindende inhoud die is getekend.")
    form: Annotated[int, Field(ge=1, le=99)] | None = field(
        "vorm", "Vorm", "De vorm van de digest (2: over de tekst zoals de documenten hem tonen). "
        "Zonder vorm is het vorm 1.", default=None)
    signed_at: dt.datetime = field("tijdstip", "Tijdstip", "Wanneer er getekend is (ISO 8601).")
    note: str | None = field("opmerking", "Opmerking", "Een opmerking bij de ondertekening.",
                             default=None)
    evidence: Evidence | None = field("bewijs", "Bewijs", "Los bewijs naast dit record. Zonder "
                                      "bewijs is de commit van dit record het bewijs.",
                                      default=None)


def record_form(record: SignOff) -> int:
    """The form of the digest a record was made with: a record without `vorm` is form 1."""
    return record.form or 1


def form_refusal(record: SignOff, current: int) -> str | None:
    """Why a record of another digest form counts for nothing, or None when it is current.

    Form 1 digests normalised source text, in which indenting a line into a list, or making a
    paragraph code or a heading, changed nothing: the same digest could stand for what a reader
    sees as another agreement. A form-1 record is therefore never read under form 2 (that would
    bind it to content its signer never approved) and does not count: sign again."""
    form = record_form(record)
    if form == current:
        return None
    if form < current:
        return (f"getekend met vorm {form} van de digest, die niet alles telde wat een lezer "
                f"ziet (zoals inspringen); sinds vorm {current} telt zo'n ondertekening niet "
                "meer: laat opnieuw tekenen")
    return (f"gemaakt met vorm {form} van de digest, die deze versie van rechtmakers niet "
            "kent: werk rechtmakers bij")


class RecordError(Exception):
    """A record that cannot be read; the message is Dutch and says where."""


def record_rel(party_id: str, email: str | None = None) -> str:
    """The path of a record inside the agreement folder: one per signer (by e-mail address),
    or without an address the older one-per-party file."""
    if email is None:
        return f"{SIGNOFFS_DIR}/{party_id}.yaml"
    return f"{SIGNOFFS_DIR}/{party_id}/{signer_slug(email)}.yaml"


def signer_slug(email: str) -> str:
    """The file name stem of a signer's record: the e-mail address in lower case, every run of
    other characters than a-z and 0-9 one hyphen."""
    out: list[str] = []
    for char in email.casefold():
        if "a" <= char <= "z" or "0" <= char <= "9":
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-") or "onbekend"


def name_too_long(party_id: str, email: str) -> str | None:
    """Why the record files of this signer cannot be written, or None when they can."""
    for name in (party_id, signer_slug(email) + _LONGEST_SUFFIX):
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            return (f"De bestandsnaam {name[:40]}… wordt langer dan {MAX_NAME_BYTES} bytes; "
                    "zo'n bestand kan niet geschreven worden. Er is niets vastgelegd.")
    return None


def record_party(rel: str) -> str | None:
    """The party of a record path inside ondertekeningen/ (either layout), or None when the
    path is no record: ondertekeningen/<partij>.yaml or ondertekeningen/<partij>/<x>.yaml."""
    parts = rel.split("/")
    if not rel.endswith(".yaml") or parts[0] != SIGNOFFS_DIR:
        return None
    if len(parts) == 2:
        return parts[1].removesuffix(".yaml")
    if len(parts) == 3:
        return parts[1]
    return None


def dump_record(record: SignOff) -> str:
    """The YAML text of a record: a fixed key order, always the same for the same record."""
    data = record.model_dump(mode="json", by_alias=True, exclude_none=True)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + body


def read_record(path: Path) -> SignOff:
    """Read a record from the working tree."""
    try:
        source = read_yaml(path)
    except LoadRefusal as refusal:
        raise RecordError(f"{path}:{refusal.line}:{refusal.column}: {refusal.message}") from None
    return _validate(source)


def parse_record(data: bytes, path: Path, scratch: Path | None = None) -> SignOff:
    """Read a record from a blob (a past version); path is only used in messages."""
    try:
        source = read_blob(data, path, scratch)
    except LoadRefusal as refusal:
        raise RecordError(f"{path}:{refusal.line}:{refusal.column}: {refusal.message}") from None
    return _validate(source)


def read_blob(data: bytes, path: Path, scratch: Path | None = None) -> SourceFile:
    """Load YAML from bytes through the same loader and refusals as a file on disk; path is
    only used in messages (scratch is no longer needed and kept for callers)."""
    del scratch
    return read_yaml_bytes(data, path)


@contextlib.contextmanager
def scratch_dir() -> Iterator[Path]:
    """A temporary folder for blobs on their way through the loader, which reads only files:
    in memory (/dev/shm) where there is one, because a disk makes a cold `log` several times
    slower."""
    memory = Path("/dev/shm")
    base = str(memory) if memory.is_dir() and os.access(memory, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="rechtmakers-", dir=base) as tmp:
        yield Path(tmp)


def _validate(source: SourceFile) -> SignOff:
    """The record, or a RecordError: planted values of any type never raise anything else."""
    try:
        record = SignOff.model_validate(source.data)
    except ValidationError as exc:
        found = translate(exc, source, SignOff)
        where = f"{found[0][1].location}: {found[0][1].message}" if found else str(source.path)
        raise RecordError(where) from None
    except (TypeError, ValueError, RecursionError) as exc:
        raise RecordError(f"{source.path}: dit record is niet te lezen ({type(exc).__name__})"
                          ) from None
    if record.signed_at.tzinfo is None or record.signed_at.utcoffset() is None:
        raise RecordError(f"{source.path}: tijdstip {record.signed_at.isoformat()} heeft geen "
                          "tijdzone; een ondertekening noemt haar tijdstip met tijdzone, zoals "
                          "2026-01-21T10:00:00+01:00")
    return record


def record_paths_on_disk(root: Path) -> list[str]:
    """The paths (relative to root) of every record file in the working tree, both layouts;
    symbolic links are no records."""
    folder = root / SIGNOFFS_DIR
    if folder.is_symlink() or not folder.is_dir():
        return []
    found = [p for p in [*folder.glob("*.yaml"), *folder.glob("*/*.yaml")]
             if not p.is_symlink() and not p.parent.is_symlink() and p.is_file()]
    return sorted(p.relative_to(root).as_posix() for p in found)

"""Sign-off records: the model of ondertekeningen/<partij>.yaml, and reading and writing it."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import ConfigDict, Field, ValidationError

from rechtmakers.agreement import SIGNOFFS_DIR
from rechtmakers.load import LoadRefusal, SourceFile, read_yaml
from rechtmakers.model import Base, Email, SemVer, Slug, Text, field
from rechtmakers.schema_errors import translate

HEADER = ("# Ondertekening, geschreven en vastgelegd door `rechtmakers sign`.\n"
          "# Niet met de hand wijzigen: de commit van dit bestand is de handtekening.\n")

Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Signer(Base):
    """Wie namens de partij tekende."""

    model_config = ConfigDict(title="Ondertekenaar")
    name: Text = field("naam", "Naam", "Naam van de vertegenwoordiger.")
    email: Email = field("email", "E-mailadres", "Het e-mailadres waarmee in git is getekend.")
    function: Text = field("functie", "Functie", "Functie binnen de organisatie.")


class SignOff(Base):
    """ondertekeningen/<partij>.yaml: een partij keurt precies deze inhoud goed."""

    model_config = ConfigDict(title="Ondertekening")
    party: Slug = field("partij", "Partij", "Kenmerk van de partij die tekent.")
    signer: Signer = field("ondertekenaar", "Ondertekenaar", "Wie namens de partij tekende.")
    agreement: Slug = field("overeenkomst", "Overeenkomst", "Kenmerk van de overeenkomst.")
    version: SemVer = field("versie", "Versie", "De versie van de overeenkomst die is getekend.")
    digest: Digest = field("digest", "Digest", "SHA-256 van de bindende inhoud die is getekend.")
    signed_at: dt.datetime = field("tijdstip", "Tijdstip", "Wanneer er getekend is (ISO 8601).")
    note: str | None = field("opmerking", "Opmerking", "Een opmerking bij de ondertekening.",
                             default=None)


class RecordError(Exception):
    """A record that cannot be read; the message is Dutch and says where."""


def record_rel(party_id: str) -> str:
    """The path of a party's record inside the agreement folder."""
    return f"{SIGNOFFS_DIR}/{party_id}.yaml"


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
    """Load YAML from bytes through the same loader and refusals as a file on disk (written
    for a moment into scratch, or into a temporary folder); path is only used in messages."""
    if scratch is None:
        with scratch_dir() as tmp:
            return read_blob(data, path, tmp)
    file = scratch / "blob.yaml"
    file.write_bytes(data)
    return dataclasses.replace(read_yaml(file), path=path)


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
    try:
        return SignOff.model_validate(source.data)
    except ValidationError as exc:
        first = translate(exc, source, SignOff)[0][1]
        raise RecordError(f"{first.location}: {first.message}") from None


def read_records(root: Path) -> dict[str, SignOff | RecordError]:
    """Every record in an agreement's working tree, by the party id of its file name."""
    folder = root / SIGNOFFS_DIR
    found: dict[str, SignOff | RecordError] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            found[path.stem] = read_record(path)
        except RecordError as exc:
            found[path.stem] = exc
    return found

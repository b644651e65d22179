"""The approval statement (akkoordverklaring): a short, fixed Dutch text that a representative
signs with a key they already have. It names the agreement, its title, version and
vingerafdruk (digest) and the party as the legal person, never a natural person, so any
representative can sign it and the same content always gives the same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rechtmakers.model import Party

NAMESPACE = "rechtmakers-akkoord"
_FIELDS = ("Overeenkomst", "Titel", "Versie", "Vingerafdruk", "Partij", "Kenmerk partij")
# Statements written before the field was called Vingerafdruk say Digest: read as the same.
_ALIASES = {"Digest": "Vingerafdruk"}


def party_label(party: Party) -> str:
    """The party as a legal person: "Stichting De Schoor (KvK 99990002)"."""
    from rechtmakers.document.labels import legal_name

    name = legal_name(party.name, party.legal_form)
    return f"{name} (KvK {party.kvk})" if party.kvk else name


def build_statement(agreement_id: str, title: str, version: str, digest: str, party_id: str,
                    party_name: str) -> bytes:
    """The statement for this content and party (party_name: party_label(party)), as UTF-8
    bytes with \\n line ends."""
    values = (agreement_id, title, version, digest, party_name, party_id)
    lines = [
        "Akkoordverklaring",
        "",
        "Namens de partij hieronder keur ik de bindende inhoud van deze overeenkomst goed,",
        "precies zoals de vingerafdruk (SHA-256) die vastlegt.",
        "",
        *(f"{name}: {_one_line(value)}" for name, value in zip(_FIELDS, values, strict=True)),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def statement_fields(data: bytes) -> dict[str, str]:
    """The named values of a statement (Overeenkomst, Versie, Digest, …); {} if unreadable.
    The vingerafdruk is given as Digest, whichever word the statement used."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    found: dict[str, str] = {}
    for line in text.splitlines()[:40]:
        name, sep, value = line.partition(": ")
        name = _ALIASES.get(name, name)
        if sep and name in _FIELDS and name not in found:
            found[name] = value
    if "Vingerafdruk" in found:
        found["Digest"] = found["Vingerafdruk"]
    return found


def statement_file_name(agreement_id: str, party_id: str) -> str:
    """<agreement>-<partij>-akkoord.txt"""
    return f"{agreement_id}-{party_id}-akkoord.txt"


def _one_line(value: str) -> str:
    return " ".join(value.split())

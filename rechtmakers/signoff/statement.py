"""The approval statement (akkoordverklaring): a short, fixed Dutch text that a representative
signs with a key they already have. It names the agreement, its title, version and digest and
the party, never a person, so any representative can sign it and the same content always
gives the same bytes."""

from __future__ import annotations

NAMESPACE = "rechtmakers-akkoord"
_FIELDS = ("Overeenkomst", "Titel", "Versie", "Digest", "Partij", "Kenmerk partij")


def build_statement(agreement_id: str, title: str, version: str, digest: str, party_id: str,
                    party_name: str) -> bytes:
    """The statement for this content and party, as UTF-8 bytes with \\n line ends."""
    values = (agreement_id, title, version, digest, party_name, party_id)
    lines = [
        "Akkoordverklaring",
        "",
        "Namens de partij hieronder keur ik de bindende inhoud van deze overeenkomst goed,",
        "precies zoals de digest die vastlegt.",
        "",
        *(f"{name}: {_one_line(value)}" for name, value in zip(_FIELDS, values, strict=True)),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def statement_fields(data: bytes) -> dict[str, str]:
    """The named values of a statement (Overeenkomst, Versie, Digest, …); {} if unreadable."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    found: dict[str, str] = {}
    for line in text.splitlines()[:40]:
        name, sep, value = line.partition(": ")
        if sep and name in _FIELDS and name not in found:
            found[name] = value
    return found


def statement_file_name(agreement_id: str, party_id: str) -> str:
    """<agreement>-<partij>-akkoord.txt"""
    return f"{agreement_id}-{party_id}-akkoord.txt"


def _one_line(value: str) -> str:
    return " ".join(value.split())

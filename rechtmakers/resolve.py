"""References turned into what a reader sees: "artikel 3", "artikel 3.1", "bijlage 1", a party's
name. Articles and annexes share one id space: [[werkwijze]] names whichever has that id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rechtmakers.references import Reference, find_references

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement


@dataclass(frozen=True, slots=True)
class Resolved:
    """A reference as shown: its words and, for articles and members, the anchor to link to."""

    label: str
    anchor: str | None


def resolve_reference(ref: Reference, agreement: Agreement) -> Resolved | None:
    """What a reference reads as; None when it does not resolve (validate reports that)."""
    if ref.kind == "party":
        party = agreement.party_map.get(ref.party)
        return Resolved(party.name, None) if party else None
    if ref.kind == "article":
        number = agreement.numbers.get(ref.article)
        if number:
            return Resolved(f"artikel {number}", f"artikel-{number}")
        annex = agreement.annex_numbers.get(ref.article)
        return Resolved(f"bijlage {annex}", f"bijlage-{annex}") if annex else None
    if ref.kind == "member":
        label = agreement.member_number(ref.article, ref.member)
        return Resolved(f"artikel {label}", f"artikel-{label.replace('.', '-')}") if label else None
    return None


def resolve_plain(text: str, agreement: Agreement) -> str:
    """The text with every reference replaced by its words (unresolved ones stay as written)."""
    refs = find_references(text)
    if not refs:
        return text
    parts, last = [], 0
    for ref in refs:
        resolved = resolve_reference(ref, agreement)
        parts.append(text[last:ref.start])
        parts.append(resolved.label if resolved else ref.raw)
        last = ref.end
    parts.append(text[last:])
    return "".join(parts)

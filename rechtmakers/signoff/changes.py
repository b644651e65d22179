"""What changed in one file between two versions, in Dutch words, for `rechtmakers log`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rechtmakers.json_value import JsonObject
from rechtmakers.source_names import META_FILE

Summary = dict[str, Any]
META_PARTS = ("titel", "datum", "penvoerder", "kompas", "overwegingen")
_ARTICLE_FIRST = ("titel", "onderwerp", "tekst")


class FileKind(StrEnum):
    """A file of the agreement as `log` reads it, by its Dutch word (also the key of its
    summaries in the cache)."""

    META = "overeenkomst"
    PARTIES = "partijen"
    TERMS = "begrippen"
    ARTICLE = "artikel"
    ANNEX = "bijlage"
    SIGNOFF = "ondertekening"


class EventKind(StrEnum):
    """What an event of `log` is, by the Dutch word `log --format json` shows."""

    NEW = "nieuw"  # the agreement was created
    META = "overeenkomst"
    VERSION = "versie"
    STATUS = "status"
    ORDER = "volgorde"
    ARTICLE = "artikel"
    ARTICLE_NEW = "artikel-nieuw"
    PARTY = "partij"
    PARTY_NEW = "partij-nieuw"
    REPRESENTATIVES = "vertegenwoordigers"
    TERM = "begrip"
    TERM_NEW = "begrip-nieuw"
    ANNEX = "bijlage"
    ANNEX_NEW = "bijlage-nieuw"
    SIGNOFF = "ondertekening"
    UNREADABLE = "fout"
    READABLE = "herstel"  # readable again


@dataclass(frozen=True)
class Event:
    """One thing a commit did to the agreement; binding says whether the digest changed."""

    kind: EventKind
    text: str
    article: str | None = None
    binding: bool = False

    def as_dict(self) -> JsonObject:
        return {"kind": self.kind, "text": self.text, "article": self.article,
                "binding": self.binding}


def meta_events(old: Summary | None, new: Summary | None) -> list[Event]:
    """overeenkomst.yaml: versie, status, article order and the other binding keys."""
    if new is None:
        return [Event(EventKind.META, f"{META_FILE} verwijderd", binding=True)]
    if old is None:
        return [Event(EventKind.NEW, f"overeenkomst vastgelegd: versie {new['versie']}, status "
                      f"{new['status']}, {len(new['artikelen'])} artikelen", binding=True)]
    events = []
    if old["versie"] != new["versie"]:
        events.append(Event(EventKind.VERSION, f"versie {old['versie']} → {new['versie']}",
                            binding=True))
    if old["status"] != new["status"]:
        events.append(Event(EventKind.STATUS, f"status {old['status']} → {new['status']}"))
    events += _order_events(old["artikelen"], new["artikelen"])
    changed = meta_part_names(old, new)
    if changed:
        events.append(Event(EventKind.META, f"{META_FILE} gewijzigd: {', '.join(changed)}",
                            binding=True))
    return events


def _order_events(old: list[str], new: list[str]) -> list[Event]:
    events = [Event(EventKind.ORDER, f"artikel {a} opgenomen in de overeenkomst", a, True)
              for a in new if a not in old]
    events += [Event(EventKind.ORDER, f"artikel {a} uit de overeenkomst gehaald", a, True)
               for a in old if a not in new]
    if [a for a in old if a in new] != [a for a in new if a in old]:
        events.append(Event(EventKind.ORDER, "volgorde van de artikelen gewijzigd (nummers "
                            "verschuiven)", binding=True))
    return events


def article_events(article_id: str, old: Summary | None, new: Summary | None) -> list[Event]:
    """artikelen/<id>.yaml: added, removed, or which parts changed and whether bindingly."""
    if new is None:
        return [Event(EventKind.ARTICLE, f"artikel {article_id} verwijderd", article_id, True)]
    if old is None:
        return [Event(EventKind.ARTICLE_NEW, f"artikel {article_id} toegevoegd: \"{new['titel']}\" "
                      f"(versie {new['versie']})", article_id, True)]
    if old["binding"] == new["binding"]:
        what = ("toelichting" if old["toelichting"] != new["toelichting"]
                else "opmaak of commentaar")
        return [Event(EventKind.ARTICLE, f"artikel {article_id}: alleen {what} gewijzigd (niet "
                      "bindend)", article_id)]
    version = (f"versie {old['versie']} → {new['versie']}" if old["versie"] != new["versie"]
               else "versie niet verhoogd")
    parts = ", ".join(article_part_names(old, new))
    return [Event(EventKind.ARTICLE, f"artikel {article_id} gewijzigd ({version}): {parts}",
                  article_id, True)]


def parties_events(old: Summary | None, new: Summary | None) -> list[Event]:
    """partijen.yaml: parties joining, leaving or renamed; representatives as administration."""
    before = {p[0]: p for p in old["partijen"]} if old else {}
    after = {p[0]: p for p in new["partijen"]} if new else {}
    events = [Event(EventKind.PARTY_NEW, f"partij {p[1]} ({i}) toegevoegd", binding=True)
              for i, p in after.items() if i not in before]
    events += [Event(EventKind.PARTY, f"partij {p[1]} ({i}) verwijderd", binding=True)
               for i, p in before.items() if i not in after]
    for party_id in (i for i in after if i in before):
        if before[party_id][2] != after[party_id][2]:
            events.append(Event(EventKind.PARTY, f"partij {party_id}: naam of soort gewijzigd",
                                binding=True))
        if before[party_id][3] != after[party_id][3]:
            events.append(Event(EventKind.REPRESENTATIVES, f"vertegenwoordigers of sleutels van "
                                f"{party_id} gewijzigd (administratie, niet bindend)"))
    if list(before) != list(after) and set(before) == set(after):
        events.append(Event(EventKind.PARTY, "volgorde van de partijen gewijzigd", binding=True))
    return events


def terms_events(old: Summary | None, new: Summary | None) -> list[Event]:
    """begrippen.yaml: terms added, removed or redefined."""
    before = dict(old["begrippen"]) if old else {}
    after = dict(new["begrippen"]) if new else {}
    events = [Event(EventKind.TERM_NEW, f"begrip \"{t}\" toegevoegd", binding=True)
              for t in after if t not in before]
    events += [Event(EventKind.TERM, f"begrip \"{t}\" verwijderd", binding=True)
               for t in before if t not in after]
    events += [Event(EventKind.TERM, f"betekenis van \"{t}\" gewijzigd", binding=True)
               for t in after if t in before and before[t] != after[t]]
    # The order of the terms is part of the digest too (issue 12: binding = digest).
    if [t for t in before if t in after] != [t for t in after if t in before]:
        events.append(Event(EventKind.TERM, "volgorde van de begrippen gewijzigd", binding=True))
    return events


def collapse_creation(events: list[Event]) -> list[Event]:
    """When a commit creates the agreement, count its articles, parties and terms instead of
    listing each one."""
    if not any(e.kind is EventKind.NEW for e in events):
        return events
    counts = {kind: sum(1 for e in events if e.kind is kind)
              for kind in (EventKind.ARTICLE_NEW, EventKind.PARTY_NEW, EventKind.TERM_NEW,
                           EventKind.ANNEX_NEW)}
    annexes = counts[EventKind.ANNEX_NEW]
    parts = [f"{counts[EventKind.ARTICLE_NEW]} artikelbestanden",
             f"{counts[EventKind.PARTY_NEW]} partijen", f"{counts[EventKind.TERM_NEW]} begrippen"]
    if annexes:
        parts.append(f"{annexes} {'bijlage' if annexes == 1 else 'bijlagen'}")
    summary = f"{', '.join(parts[:-1])} en {parts[-1]} toegevoegd"
    kept = [e for e in events if e.kind not in counts]
    return [*kept, Event(EventKind.NEW, summary, binding=True)]


def article_part_names(before: Summary, after: Summary) -> list[str]:
    """Which parts of an article differ: titel, onderwerp, tekst, members, then blocks."""
    old_parts, new_parts = before["parts"], after["parts"]
    names = [key for key in _ARTICLE_FIRST if old_parts.get(key) != new_parts.get(key)]
    old_members, new_members = dict(before["leden"]), dict(after["leden"])
    names += [f"lid {m} toegevoegd" for m in new_members if m not in old_members]
    names += [f"lid {m} verwijderd" for m in old_members if m not in new_members]
    names += [f"lid {m}" for m in new_members
              if m in old_members and old_members[m] != new_members[m]]
    if [m for m in old_members if m in new_members] != [m for m in new_members
                                                        if m in old_members]:
        names.append("volgorde van de leden")
    names += [key for key in sorted(set(old_parts) | set(new_parts))
              if key not in _ARTICLE_FIRST and old_parts.get(key) != new_parts.get(key)]
    return names or ["versie"]


def meta_part_names(before: Summary, after: Summary) -> list[str]:
    """The binding keys of overeenkomst.yaml that differ (diff.binding.binding_meta_parts)."""
    old_parts, new_parts = before["parts"], after["parts"]
    known = [key for key in META_PARTS if key in old_parts or key in new_parts]
    keys = [*known, *sorted((set(old_parts) | set(new_parts)) - set(known))]
    return [key for key in keys if old_parts.get(key) != new_parts.get(key)]

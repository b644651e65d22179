"""What changed in one file between two versions, in Dutch words, for `rechtmakers log`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rechtmakers.digest import canonical_article, canonical_meta, canonical_party, canonical_term
from rechtmakers.model import AgreementMeta, Article, PartiesFile, TermsFile

_META_WORDS = {"titel": "titel", "datum": "datum", "penvoerder": "penvoerder",
               "kompas": "kompas", "overwegingen": "overwegingen"}


@dataclass(frozen=True)
class Event:
    """One thing a commit did to the agreement; binding says whether the digest changed."""

    kind: str
    text: str
    article: str | None = None
    binding: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "article": self.article,
                "binding": self.binding}


def meta_events(old: AgreementMeta | None, new: AgreementMeta | None) -> list[Event]:
    """overeenkomst.yaml: versie, status, article order and the other binding keys."""
    if new is None:
        return [Event("overeenkomst", "overeenkomst.yaml verwijderd", binding=True)]
    if old is None:
        return [Event("nieuw", f"overeenkomst vastgelegd: versie {new.version}, status "
                      f"{new.status}, {len(new.articles)} artikelen", binding=True)]
    events = []
    if old.version != new.version:
        events.append(Event("versie", f"versie {old.version} → {new.version}", binding=True))
    if old.status != new.status:
        events.append(Event("status", f"status {old.status} → {new.status}"))
    events += _order_events(old.articles, new.articles)
    before, after = canonical_meta(old), canonical_meta(new)
    changed = [word for key, word in _META_WORDS.items() if before.get(key) != after.get(key)]
    if changed:
        events.append(Event("overeenkomst", f"overeenkomst.yaml gewijzigd: {', '.join(changed)}",
                            binding=True))
    return events


def collapse_creation(events: list[Event]) -> list[Event]:
    """When a commit creates the agreement, count its articles, parties and terms instead of
    listing each one."""
    if not any(e.kind == "nieuw" for e in events):
        return events
    counts = {kind: sum(1 for e in events if e.kind == kind)
              for kind in ("artikel-nieuw", "partij-nieuw", "begrip-nieuw")}
    summary = (f"{counts['artikel-nieuw']} artikelbestanden, {counts['partij-nieuw']} partijen "
               f"en {counts['begrip-nieuw']} begrippen toegevoegd")
    kept = [e for e in events if e.kind not in counts]
    return [*kept, Event("nieuw", summary, binding=True)]


def _order_events(old: tuple[str, ...], new: tuple[str, ...]) -> list[Event]:
    added = [a for a in new if a not in old]
    removed = [a for a in old if a not in new]
    events = [Event("volgorde", f"artikel {a} opgenomen in de overeenkomst", a, True)
              for a in added]
    events += [Event("volgorde", f"artikel {a} uit de overeenkomst gehaald", a, True)
               for a in removed]
    kept_old = [a for a in old if a in new]
    kept_new = [a for a in new if a in old]
    if kept_old != kept_new:
        events.append(Event("volgorde", "volgorde van de artikelen gewijzigd (nummers "
                            "verschuiven)", binding=True))
    return events


def article_events(article_id: str, old: Article | None, new: Article | None) -> list[Event]:
    """artikelen/<id>.yaml: added, removed, or which parts changed and whether bindingly."""
    if new is None:
        return [Event("artikel", f"artikel {article_id} verwijderd", article_id, True)]
    if old is None:
        return [Event("artikel-nieuw", f"artikel {article_id} toegevoegd: \"{new.title}\" "
                      f"(versie {new.version})", article_id, True)]
    before, after = canonical_article(old), canonical_article(new)
    if before == after:
        what = "toelichting" if old.explanation != new.explanation else "opmaak of commentaar"
        return [Event("artikel", f"artikel {article_id}: alleen {what} gewijzigd (niet "
                      "bindend)", article_id)]
    parts = _article_parts(before, after)
    version = (f"versie {old.version} → {new.version}" if old.version != new.version
               else "versie niet verhoogd")
    return [Event("artikel", f"artikel {article_id} gewijzigd ({version}): {', '.join(parts)}",
                  article_id, True)]


def _article_parts(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    parts = [key for key in ("titel", "onderwerp", "tekst") if before.get(key) != after.get(key)]
    old_members = {m["id"]: m for m in before.get("leden", [])}
    new_members = {m["id"]: m for m in after.get("leden", [])}
    parts += [f"lid {m} toegevoegd" for m in new_members if m not in old_members]
    parts += [f"lid {m} verwijderd" for m in old_members if m not in new_members]
    parts += [f"lid {m}" for m in new_members
              if m in old_members and old_members[m] != new_members[m]]
    if [m for m in old_members if m in new_members] != [m for m in new_members
                                                        if m in old_members]:
        parts.append("volgorde van de leden")
    skip = {"id", "titel", "onderwerp", "tekst", "leden", "versie"}
    parts += [key for key in sorted(set(before) | set(after))
              if key not in skip and before.get(key) != after.get(key)]
    return parts or ["versie"]


def parties_events(old: PartiesFile | None, new: PartiesFile | None) -> list[Event]:
    """partijen.yaml: parties joining, leaving or renamed; representatives as administration."""
    before = {p.id: p for p in old.parties} if old else {}
    after = {p.id: p for p in new.parties} if new else {}
    events = [Event("partij-nieuw", f"partij {p.name} ({p.id}) toegevoegd", binding=True)
              for i, p in after.items() if i not in before]
    events += [Event("partij", f"partij {p.name} ({p.id}) verwijderd", binding=True)
               for i, p in before.items() if i not in after]
    for party_id in (i for i in after if i in before):
        old_party, new_party = before[party_id], after[party_id]
        if canonical_party(old_party) != canonical_party(new_party):
            events.append(Event("partij", f"partij {party_id}: naam of soort gewijzigd",
                                binding=True))
        if old_party.representatives != new_party.representatives:
            events.append(Event("vertegenwoordigers", f"vertegenwoordigers of sleutels van "
                                f"{party_id} gewijzigd (administratie, niet bindend)"))
    if list(before) != list(after) and set(before) == set(after):
        events.append(Event("partij", "volgorde van de partijen gewijzigd", binding=True))
    return events


def terms_events(old: TermsFile | None, new: TermsFile | None) -> list[Event]:
    """begrippen.yaml: terms added, removed or redefined."""
    before = {t.term: canonical_term(t) for t in old.terms} if old else {}
    after = {t.term: canonical_term(t) for t in new.terms} if new else {}
    events = [Event("begrip-nieuw", f"begrip \"{t}\" toegevoegd", binding=True)
              for t in after if t not in before]
    events += [Event("begrip", f"begrip \"{t}\" verwijderd", binding=True)
               for t in before if t not in after]
    events += [Event("begrip", f"betekenis van \"{t}\" gewijzigd", binding=True)
               for t in after if t in before and before[t] != after[t]]
    return events

"""Synthetic agreements for benchmarks.

Writes an agreement folder in the rechtmakers source format (``overeenkomst.yaml``,
``partijen.yaml``, ``begrippen.yaml``, ``artikelen/*.yaml``) that is valid: every id is unique
and equal to its file name, every ``[[artikel]]``, ``[[artikel.lid]]`` and ``@partij`` reference
resolves, every structured block sits in an article with the matching ``onderwerp`` and every
defined term is used. The text is plain Dutch built from short active sentences, so it also stays
mostly free of plain-language warnings.

Command line::

    python benchmarks/synth.py OUT_DIR [--articles 1000] [--parties 15] [--seed 1]
                                       [--change-fraction 0.0] [--overwrite]

With ``--change-fraction F`` (> 0) OUT_DIR receives the agreement of ``--seed`` after
:func:`mutate` changed ``F`` of its articles, so two runs give an "old" and a "new" version::

    python benchmarks/synth.py /tmp/old/pga
    python benchmarks/synth.py /tmp/new/pga --change-fraction 0.1

As a module::

    from benchmarks.synth import generate, mutate
    generate("/tmp/a/synth", articles=1000, parties=15, seed=1)
    mutate("/tmp/a/synth", "/tmp/b/synth", fraction=0.1, seed=2)

The folder name of OUT_DIR is the agreement's ``id`` and so must be a slug (``a-z``, ``0-9``
and single hyphens). Only the standard library and PyYAML are used; generating 1,000 articles
(about 4 MB of YAML) takes well under a second.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

__all__ = ["generate", "mutate", "dump_yaml"]

POOL = 8192
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_LINE = "# yaml-language-server: $schema={up}schemas/{kind}.schema.json\n"

# The onderwerpen of the format, the ones every agreement covers, and the block each carries.
TOPICS = ["doel", "partijen", "besluitvorming", "conflictdialoog", "inwonerperspectief",
          "instappen", "gedrag", "veranderende-omstandigheden", "financiering", "looptijd",
          "overig"]
REQUIRED = ["doel", "partijen", "besluitvorming", "conflictdialoog", "inwonerperspectief"]
BLOCKS = {"besluitvorming", "conflictdialoog", "inwonerperspectief", "gedrag", "instappen"}
# The first articles of every synthetic agreement: one per onderwerp, id = onderwerp.
DOMAIN = TOPICS[:10]
DOMAIN_TITLES = {
    "doel": "Waarom we samenwerken",
    "partijen": "Wie er meedoen en wat ieder doet",
    "besluitvorming": "Zo nemen we besluiten",
    "conflictdialoog": "Zo blijven we in gesprek als we het oneens zijn",
    "inwonerperspectief": "Wat de inwoner nodig heeft, staat voorop",
    "instappen": "Wat instappen betekent",
    "gedrag": "Wat helpt en wat niet helpt",
    "veranderende-omstandigheden": "Als de omstandigheden veranderen",
    "financiering": "Eén plan: alles of niets",
    "looptijd": "Hoe lang we samenwerken",
}

# ---------------------------------------------------------------- word lists (plain Dutch)

PLACES = ["Noorderveld", "Lindehoven", "Polderstad", "Meerwijk", "Zandhaven", "Eikenburg",
          "Vlietdam", "Heidebroek", "Wilgenoord", "Dijkhuizen", "Rietveen", "Beekdal"]
# (soort, name prefix) cycle for the parties after the first three.
ORG_KINDS = [
    ("welzijn", "Welzijn"), ("zorg", "Huisartsenzorg"), ("zorg", "GGZ"),
    ("zorg", "Thuiszorg"), ("zorg", "Ziekenhuis"), ("welzijn", "MEE"),
    ("welzijn", "Mantelzorg en Vrijwilligers"), ("welzijn", "Schuldhulp"),
    ("welzijn", "Jongerenwerk"), ("wonen", "Woonstichting"), ("zorg", "Ouderenzorg"),
    ("zorg", "Fysionetwerk"), ("onderwijs", "Scholengroep"), ("overig", "Sportbedrijf"),
]
FIRST = ["Anna", "Bram", "Carla", "Dirk", "Eva", "Frank", "Gonca", "Hanna", "Ilse", "Jeroen",
         "Karim", "Lieke", "Maarten", "Noor", "Olaf", "Priya", "Quinten", "Rosa", "Sem", "Tessa"]
LAST = ["Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
        "Peters", "Hendriks", "van Dijk", "Kok", "Jansen", "Dekker", "Brouwer"]
FUNCTIONS = ["directeur-bestuurder", "bestuurder", "directeur", "voorzitter raad van bestuur",
             "manager zorg en welzijn", "wethouder zorg en welzijn", "programmaleider"]

TERMS = [
    ("Positieve Gezondheid", "Een brede kijk op gezondheid. Meedoen, zingeving en veerkracht "
     "tellen net zo zwaar als het lichaam."),
    ("inwoner", "Iemand die in de regio woont, van jong tot oud."),
    ("kompas", "De vraag die ons richting geeft: wat heeft deze inwoner nodig om goed te "
     "kunnen leven?"),
    ("stuurgroep", "Het overleg van de bestuurders van alle partijen. Hier nemen we besluiten."),
    ("penvoerder", "De partij die namens alle partijen het werk van alle dag regelt."),
    ("transformatieplan", "Ons plan voor de komende jaren. Het zegt wat we samen anders doen."),
    ("consent", "Onze manier van besluiten. Een besluit gaat door als niemand een overwegend "
     "bezwaar heeft."),
    ("overwegend bezwaar", "Een bezwaar met een goede reden: het besluit schaadt inwoners of de "
     "samenwerking."),
    ("instappen", "Echt meedoen met de hele organisatie, ook als nog niet alles vaststaat."),
    ("inwonerpanel", "Twaalf inwoners die de stuurgroep advies geven over grote besluiten."),
]
TERM_SENTENCES = [
    "We kijken vanuit Positieve Gezondheid naar dit onderwerp.",
    "We vragen steeds wat een inwoner zelf wil.",
    "Het kompas helpt ons hier kiezen.",
    "De stuurgroep bespreekt dit elk half jaar.",
    "De penvoerder houdt deze afspraken bij.",
    "Dit onderdeel hoort bij het transformatieplan.",
    "Over wijzigingen besluiten we met consent.",
    "Bij een overwegend bezwaar zoeken we samen verder.",
    "Ook hier betekent instappen dat je echt meedoet.",
    "Het inwonerpanel geeft hierover advies.",
]
# Words a mutation must not touch: they carry the defined terms.
PROTECTED = {w.lower() for t, _ in TERMS for w in t.split()}

SUBJ_SG = ["de stuurgroep", "de penvoerder", "elke partij", "het inwonerpanel", "de gemeente",
           "de zorgverzekeraar", "het wijkteam", "de huisarts", "de welzijnscoach",
           "de projectleider", "het buurthuis", "de wijkverpleging"]
SUBJ_PL = ["we", "de partijen", "de bestuurders", "de professionals", "de wijkteams",
           "de vrijwilligers"]
# (third person singular, plural, infinitive)
VERBS = [("bespreekt", "bespreken", "bespreken"), ("deelt", "delen", "delen"),
         ("plant", "plannen", "plannen"), ("kiest", "kiezen", "kiezen"),
         ("volgt", "volgen", "volgen"), ("zoekt", "zoeken", "zoeken"),
         ("verdeelt", "verdelen", "verdelen"), ("meldt", "melden", "melden"),
         ("bekijkt", "bekijken", "bekijken"), ("regelt", "regelen", "regelen"),
         ("maakt", "maken", "maken"), ("ordent", "ordenen", "ordenen"),
         ("steunt", "steunen", "steunen"), ("verbetert", "verbeteren", "verbeteren"),
         ("organiseert", "organiseren", "organiseren"), ("houdt bij", "houden bij", "bijhouden")]
OBJECTS = ["een plan voor de wijk", "de cijfers over eenzaamheid", "het budget voor welzijn",
           "de wachtlijst bij de huisarts", "de vragen van inwoners", "de kosten van het overleg",
           "een nieuwe afspraak", "de resultaten van het jaar", "het verslag van de vergadering",
           "de hulp bij schulden", "een voorstel voor de buurt", "de steun voor mantelzorgers",
           "de route naar het buurthuis", "de inzet van vrijwilligers", "de taken in de wijk",
           "de zorg voor ouderen", "het aanbod voor jongeren", "de gegevens van het panel",
           "de lessen uit de praktijk", "een activiteit in het buurthuis", "de agenda",
           "een gesprek met de buurt", "de uren van de welzijnscoach", "de plannen voor bewegen"]
ADVERBS = ["elk jaar", "binnen twee weken", "samen met de gemeente", "in de stuurgroep",
           "voor elke inwoner", "op tijd", "in de wijk", "elk kwartaal", "zo snel als het kan",
           "met de andere partijen", "voor de zomer", "in goed overleg", "binnen een maand",
           "elke maand", "met open vizier", "zonder veel papier"]
SHORT = ["Zo houden we het overzicht.", "Dat geeft rust en ruimte.",
         "Dit helpt inwoners echt verder.", "Zo leren we van elkaar.",
         "We houden het simpel en concreet.", "Dat scheelt tijd en geld.",
         "Zo weet iedereen waar hij aan toe is.", "We doen dit met plezier en lef.",
         "Fouten mogen, zolang we ervan leren.", "Dit vraagt tijd en geduld."]
LIST_INTROS = ["Dit betekent dat we:", "Concreet spreken we af dat we:", "Daarom gaan we:",
               "Elke partij gaat daarbij:"]
REASONS = ["dit in de praktijk goed werkt", "inwoners hier om vroegen",
           "de stuurgroep het zo wilde", "we het eenvoudig willen houden",
           "dit past bij ons kompas", "de wijkteams hier goede ervaringen mee hebben",
           "we van fouten willen leren", "dit tijd en geld bespaart"]
TOPIC_WORDS = ["wijk", "schulden", "eenzaamheid", "mantelzorg", "jongeren", "ouderen", "wonen",
               "bewegen", "huisarts", "vrijwilligers", "geld", "gegevens", "buurthuis",
               "armoede", "taal", "werk", "school", "voeding", "slaap", "stress"]
TOPIC_TITLES = ["Afspraken over {}", "Zo regelen we {}", "Samen werken aan {}",
                "Wat we doen rond {}", "Onze aanpak voor {}"]
TITLE_NOUNS = {"wijk": "de wijk", "huisarts": "de huisarts", "buurthuis": "het buurthuis",
               "school": "school", "geld": "geld"}
MEMBER_IDS = ["afspraak", "melden", "termijn", "geld", "verslag", "privacy", "overleg",
              "evaluatie", "taken", "gegevens", "rollen", "wijk", "inwoners", "budget",
              "planning", "start", "einde", "leren"]
SYNONYMS = {"plan": "voorstel", "voorstel": "plan", "wijk": "buurt", "buurt": "wijk",
            "snel": "vlot", "samen": "gezamenlijk", "elk": "ieder", "ieder": "elk",
            "nieuwe": "andere", "vragen": "ideeën", "kosten": "uitgaven", "hulp": "steun",
            "steun": "hulp", "taken": "klussen", "agenda": "planning", "gesprek": "overleg",
            "overleg": "gesprek", "jaar": "seizoen", "maand": "periode", "cijfers": "getallen",
            "resultaten": "uitkomsten", "eenvoudig": "simpel", "simpel": "eenvoudig"}
INSERT_WORDS = ["ook", "echt", "samen", "goed", "graag", "altijd", "meteen", "zelf"]


# ---------------------------------------------------------------- YAML writing

_RESOLVER = yaml.resolver.Resolver()
_PLAIN_START = re.compile(r"[A-Za-z0-9À-ÿ]")


def _is_plain(s: str) -> bool:
    """True if s can be written as a plain scalar that reads back as the same string."""
    if not s or s != s.strip() or not _PLAIN_START.match(s) or "\n" in s:
        return False
    if ": " in s or " #" in s or s.endswith(":") or "\t" in s:
        return False
    if s[0].isalpha() and " " in s:
        return True  # only single words such as "yes" or "null" resolve to another type
    tag = _RESOLVER.resolve(yaml.ScalarNode, s, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def _block(s: str) -> str | None:
    """The header of a literal block for s, or None if s needs quotes instead."""
    if s.startswith((" ", "\n")) or "\t" in s or "\r" in s:
        return None
    if s.endswith("\n\n"):
        return "|+"
    return "|" if s.endswith("\n") else "|-"


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, _dt.date):
        return v.isoformat()
    if v is None:
        return "null"
    s = str(v)
    return s if _is_plain(s) else json.dumps(s, ensure_ascii=False)


def _emit(obj: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(obj, dict):
        for k, v in obj.items():
            _emit_pair(str(k), v, pad, indent, out)
    elif isinstance(obj, list):
        for item in obj:
            if isinstance(item, dict) and item:
                sub: list[str] = []
                _emit(item, indent + 2, sub)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                out.extend(sub)
            elif isinstance(item, str) and "\n" in item and _block(item):
                out.append(f"{pad}- {_block(item)}")
                out.extend((pad + "  " + ln) if ln else "" for ln in _block_lines(item))
            else:
                out.append(f"{pad}- {_scalar(item)}")
    else:
        raise TypeError(f"cannot emit {type(obj).__name__} here")


def _block_lines(s: str) -> list[str]:
    return s[:-1].split("\n") if s.endswith("\n") else s.split("\n")


def _emit_pair(k: str, v: Any, pad: str, indent: int, out: list[str]) -> None:
    if isinstance(v, (dict, list)):
        if not v:
            out.append(f"{pad}{k}: {'{}' if isinstance(v, dict) else '[]'}")
            return
        out.append(f"{pad}{k}:")
        _emit(v, indent + 2, out)
    elif isinstance(v, str) and "\n" in v and _block(v):
        out.append(f"{pad}{k}: {_block(v)}")
        out.extend((pad + "  " + ln) if ln else "" for ln in _block_lines(v))
    else:
        out.append(f"{pad}{k}: {_scalar(v)}")


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """YAML for data in the house style: 2-space indents, literal blocks for multi-line text,
    plain scalars where they read back unchanged, no anchors, tags or flow collections."""
    out: list[str] = []
    _emit(data, 0, out)
    return header + "\n".join(out) + "\n"


def _write(path: Path, data: dict[str, Any], kind: str, up: str) -> int:
    text = dump_yaml(data, SCHEMA_LINE.format(up=up, kind=kind))
    raw = text.encode("utf-8")
    path.write_bytes(raw)
    return len(raw)


# ---------------------------------------------------------------- text

class _Pick:
    """rng.choice, but cheaper: one float per pick. Deterministic for a seed like the rest."""

    __slots__ = ("rnd",)

    def __init__(self, rng: random.Random) -> None:
        self.rnd = rng.random

    def choice(self, seq: Any) -> Any:
        return seq[int(self.rnd() * len(seq))]


class _Writer:
    """Builds sentences, paragraphs and articles from one random stream."""

    def __init__(self, rng: random.Random, party_ids: list[str]) -> None:
        self.rng = rng
        self.rnd = rng.random
        self.parties = party_ids
        self.term_i = 0
        self.terms_per_article = 1
        # A seeded pool of sentences and list items: picking from it is ten times cheaper
        # than building every sentence from the word lists, and still varied enough.
        self.pool = [self._sentence() for _ in range(POOL)]
        self.items = [self._list_item() for _ in range(POOL // 4)]

    def sentence(self) -> str:
        return self.pool[int(self.rnd() * POOL)]

    def _sentence(self) -> str:
        r = _Pick(self.rng)
        kind = int(r.rnd() * 7)
        if kind == 0:
            verb, part = _split(r.choice(VERBS)[0])
            s = f"{r.choice(SUBJ_SG)} {verb} {r.choice(OBJECTS)} {r.choice(ADVERBS)}{part}."
        elif kind == 1:
            verb, part = _split(r.choice(VERBS)[1])
            s = f"{r.choice(SUBJ_PL)} {verb} {r.choice(OBJECTS)} {r.choice(ADVERBS)}{part}."
        elif kind == 2:
            verb, part = _split(r.choice(VERBS)[0])
            s = f"{r.choice(ADVERBS)} {verb} {r.choice(SUBJ_SG)} {r.choice(OBJECTS)}{part}."
        elif kind == 3:
            s = r.choice(SHORT)
        elif kind == 4:
            verb, part = _split(r.choice(VERBS)[0])
            s = f"@{r.choice(self.parties)} {verb} {r.choice(OBJECTS)}{part}."
        elif kind == 5:
            s = (f"Als {r.choice(SUBJ_SG)} {r.choice(OBJECTS)} wil {r.choice(VERBS)[2]}, "
                 f"helpen we {r.choice(ADVERBS)}.")
        else:
            verb, part = _split(r.choice(VERBS)[1])
            s = f"We {verb} {r.choice(OBJECTS)}{part}, omdat {r.choice(REASONS)}."
        return s[0].upper() + s[1:]

    def paragraph(self, n: int) -> str:
        pool, rnd = self.pool, self.rnd
        return " ".join([pool[int(rnd() * POOL)] for _ in range(n)])

    def list_item(self) -> str:
        return self.items[int(self.rnd() * len(self.items))]

    def _list_item(self) -> str:
        r = _Pick(self.rng)
        inf = r.choice(VERBS)[2]
        return f"{r.choice(OBJECTS)} {r.choice(ADVERBS)} {inf}"

    def term_sentence(self) -> str:
        s = TERM_SENTENCES[self.term_i % len(TERM_SENTENCES)]
        self.term_i += 1
        return s

    def ref_sentence(self, ref: str) -> str:
        r = self.rng.randrange(4)
        if r == 0:
            return f"Dit sluit aan bij [[{ref}]]."
        if r == 1:
            return f"Voor de details volgen we [[{ref}]]."
        if r == 2:
            return f"Komen we er niet uit, dan geldt [[{ref}]]."
        return f"Lees ook [[{ref}]] over {self.rng.choice(OBJECTS)}."

    def tekst(self, refs: list[str]) -> str:
        r = self.rng
        items = [self.list_item() for _ in range(_randint(r, 3, 5))]
        if refs:
            items[-1] = f"{items[-1]}, zoals [[{refs[0]}]] beschrijft"
        listing = "\n".join(f"- {it};" for it in items[:-1]) + f"\n- {items[-1]}."
        paras = [
            " ".join([self.paragraph(_randint(r, 5, 7))]
                     + [self.term_sentence() for _ in range(self.terms_per_article)]),
            self.paragraph(_randint(r, 4, 6)) + " " + r.choice(LIST_INTROS) + "\n\n" + listing,
            self.paragraph(_randint(r, 5, 7)) + "".join(" " + self.ref_sentence(x)
                                                      for x in refs[1:]),
            self.paragraph(_randint(r, 4, 6)),
            self.paragraph(_randint(r, 4, 6)),
        ]
        return "\n\n".join(_wrap(p) for p in paras) + "\n"

    def toelichting(self) -> str:
        r = self.rng
        first = f"We kozen deze afspraak omdat {r.choice(REASONS)}. " + self.paragraph(4)
        return _wrap(first) + "\n\n" + _wrap(self.paragraph(_randint(r, 4, 5))) + "\n"


def _randint(rng: random.Random, a: int, b: int) -> int:
    """rng.randint(a, b) from one float: cheaper, and just as deterministic."""
    return a + int(rng.random() * (b - a + 1))


def _split(verb: str) -> tuple[str, str]:
    """A separable verb ("houdt bij") as its finite part and its particle (" bij")."""
    head, _, particle = verb.partition(" ")
    return head, f" {particle}" if particle else ""


_WRAP = re.compile(r"(\S.{0,94}\S|\S)(?: +|$)")


def _wrap(paragraph: str) -> str:
    """Wrap running text (not list lines) at 96 characters, as a jurist's editor would."""
    out: list[str] = []
    for line in paragraph.split("\n"):
        if line.startswith("- ") or len(line) <= 96:
            out.append(line)
        else:
            out.extend(_WRAP.findall(line))
    return "\n".join(out)


def _block_for(topic: str, w: _Writer) -> dict[str, Any]:
    r = w.rng
    if topic == "besluitvorming":
        return {"wijze": "consent", "orgaan": "de stuurgroep",
                "quorum": "Minstens de helft van de partijen doet mee aan het overleg."}
    if topic == "conflictdialoog":
        return {"stappen": [
            {"naam": "Samen in gesprek", "wie": "de bestuurders van de partijen die het oneens "
             "zijn", "termijn": "2 weken", "tekst": "De bestuurders praten binnen twee weken "
             "met elkaar. Ze zeggen wat ze nodig hebben."},
            {"naam": "Gesprek met collega's", "wie": "twee andere leden van de stuurgroep",
             "termijn": "4 weken", "tekst": "Twee leden van de stuurgroep helpen het gesprek op "
             "gang. Zij kiezen geen kant."},
            {"naam": "Hulp van een mediator", "wie": "een mediator die de partijen samen kiezen",
             "termijn": "6 weken", "tekst": "Een mediator begeleidt de partijen naar een "
             "oplossing."},
            {"naam": "Besluit over het vervolg", "wie": "de stuurgroep", "termijn": "4 weken",
             "tekst": "Lukt het ook dan niet, dan besluit de stuurgroep over het vervolg. Pas "
             "daarna staat de weg naar de rechter open."},
        ]}
    if topic == "inwonerperspectief":
        return {"waarborgen": [
            {"wat": "Het verhaal van een inwoner bij elk agendapunt",
             "hoe": "Een professional vertelt de casus van een inwoner, zonder naam.",
             "wanneer": "Aan het begin van elk agendapunt van de stuurgroep"},
            {"wat": "Advies van het inwonerpanel",
             "hoe": "Twaalf inwoners geven advies. De stuurgroep zegt wat zij ermee doet.",
             "wanneer": "Vier keer per jaar"},
        ][: _randint(r, 1, 2)]}
    if topic == "gedrag":
        return {"helpt": ["Vanuit de inwoner denken", "Op tijd zeggen wat je dwarszit",
                          "Samen de eer delen"],
                "helpt-niet": ["Elkaar de schuld geven", "Kennis achterhouden"]}
    if topic == "instappen":
        return {"betekent": ["Je bestuurder zit zelf in de stuurgroep.",
                             "Je maakt mensen en tijd vrij voor het werk in de wijk.",
                             "Je blijft aan tafel, ook als het spannend is."]}
    raise ValueError(topic)


# ---------------------------------------------------------------- agreement

def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("ë", "e").replace("é", "e")).strip("-")
    return s or "x"


def _check_out(out_dir: Path, overwrite: bool) -> None:
    if not SLUG.match(out_dir.name):
        raise ValueError(f"the folder name {out_dir.name!r} is the agreement id and must be a "
                         "slug: lower-case letters, digits and single hyphens")
    if out_dir.exists() and any(out_dir.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out_dir} is not empty (use overwrite=True / --overwrite)")
        if not (out_dir / "overeenkomst.yaml").is_file():
            raise FileExistsError(f"{out_dir} is not empty and holds no agreement; refusing to "
                                  "overwrite it")
        # Replace only the files this module writes; sign-offs and anything else stay.
        for name in ("overeenkomst.yaml", "partijen.yaml", "begrippen.yaml"):
            (out_dir / name).unlink(missing_ok=True)
        for f in (out_dir / "artikelen").glob("*.yaml"):
            f.unlink()


def _parties(rng: random.Random, n: int) -> list[dict[str, Any]]:
    place = PLACES[0]
    kinds = [("publieke-gezondheid", f"GGD {place}"), ("gemeente", f"Gemeente {place}"),
             ("zorgverzekeraar", "Zorgverzekeraar Samen Gezond")]
    i = 0
    while len(kinds) < n:
        soort, prefix = ORG_KINDS[i % len(ORG_KINDS)]
        where = PLACES[(i // len(ORG_KINDS)) % len(PLACES)]
        kinds.append((soort, f"{prefix} {where}"))
        i += 1
    parties, seen = [], set()
    for soort, naam in kinds[:n]:
        pid = base = _slug(naam)
        k = 2
        while pid in seen:
            pid, k = f"{base}-{k}", k + 1
        seen.add(pid)
        reps = []
        for _ in range(rng.randint(1, 2)):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            reps.append({"naam": f"{first} {last}", "functie": rng.choice(FUNCTIONS),
                         "email": f"{first[0].lower()}.{_slug(last).replace('-', '')}"
                                  f"@{pid.replace('-', '')}.example"})
        legal_form = "gemeente" if soort == "gemeente" else "stichting"
        parties.append({"id": pid, "naam": naam, "soort": soort, "rechtsvorm": legal_form,
                        "kvk": f"9999{len(parties) + 1:04d}", "vestigingsplaats": place,
                        "vertegenwoordigers": reps})
    return parties


def _plan_articles(rng: random.Random, n: int, start: int = 1) -> list[dict[str, Any]]:
    """Ids, onderwerp and member ids of n filler articles, numbered from start."""
    plans = []
    for k in range(start, start + n):
        word = rng.choice(TOPIC_WORDS)
        topic = rng.choice(TOPICS)
        members = rng.sample(MEMBER_IDS, rng.randint(2, 4))
        noun = TITLE_NOUNS.get(word, word)
        plans.append({"id": f"{word}-{k}", "onderwerp": topic, "leden": members,
                      "titel": rng.choice(TOPIC_TITLES).format(noun)})
    return plans


def _article(plan: dict[str, Any], w: _Writer,
             targets: list[tuple[str, list[str]]]) -> dict[str, Any]:
    """The full article for plan, with references into targets ([(id, member ids)])."""
    r = w.rng
    refs = []
    for _ in range(_randint(r, 2, 4)):
        tid, tmembers = targets[r.randrange(len(targets))]
        if tid == plan["id"]:
            continue
        refs.append(f"{tid}.{r.choice(tmembers)}" if tmembers and r.random() < 0.5 else tid)
    art: dict[str, Any] = {"id": plan["id"], "titel": plan["titel"],
                           "onderwerp": plan["onderwerp"], "versie": 1, "tekst": w.tekst(refs)}
    if plan["onderwerp"] in BLOCKS:
        art[plan["onderwerp"]] = _block_for(plan["onderwerp"], w)
    leden = []
    for j, mid in enumerate(plan["leden"]):
        text = w.paragraph(_randint(r, 3, 4))
        if j == 0 and refs:
            text += " " + w.ref_sentence(refs[-1])
        leden.append({"id": mid, "tekst": text})
    art["leden"] = leden
    art["toelichting"] = w.toelichting()
    return art


def generate(out_dir: str | Path, articles: int = 1000, parties: int = 15, seed: int = 1,
             *, overwrite: bool = False, annexes: int = 0,
             annex_bytes: int = 100_000) -> dict[str, Any]:
    """Write a valid synthetic agreement to out_dir; returns a small summary.

    annexes: that many files of annex_bytes each in bijlagen/, listed in overeenkomst.yaml;
    every other one Markdown, the rest binary (as a PDF would be). They come from their own
    random generator, so the rest of the agreement is the same with or without them.
    """
    if articles < len(REQUIRED):
        raise ValueError(f"articles must be at least {len(REQUIRED)} (the required onderwerpen)")
    if parties < 1:
        raise ValueError("parties must be at least 1")
    out = Path(out_dir)
    _check_out(out, overwrite)
    rng = random.Random(seed)
    (out / "artikelen").mkdir(parents=True, exist_ok=True)

    party_list = _parties(rng, parties)
    pids = [p["id"] for p in party_list]
    w = _Writer(rng, pids)
    w.terms_per_article = -(-len(TERM_SENTENCES) // articles)  # every term used at least once

    domain = DOMAIN[: min(articles, len(DOMAIN))]
    plans: list[dict[str, Any]] = [{"id": t, "onderwerp": t, "titel": DOMAIN_TITLES[t],
              "leden": rng.sample(MEMBER_IDS, rng.randint(2, 4))} for t in domain]
    plans += _plan_articles(rng, articles - len(domain), start=len(domain) + 1)
    targets = [(p["id"], p["leden"]) for p in plans]

    size = 0
    for plan in plans:
        art = _article(plan, w, targets)
        size += _write(out / "artikelen" / f"{plan['id']}.yaml", art, "artikel", "../../../")
    size += _write(out / "partijen.yaml", {"partijen": party_list}, "partijen", "../../")
    size += _write(out / "begrippen.yaml",
                   {"begrippen": [{"term": t, "betekenis": b} for t, b in TERMS]},
                   "begrippen", "../../")
    meta = {
        "id": out.name,
        "titel": f"Samenwerkingsovereenkomst {PLACES[0]} (synthetisch)",
        "versie": "1.0.0",
        "status": "concept",
        "datum": _dt.date(2026, 1, 21),
        "penvoerder": pids[0],
        "kompas": "Wat heeft deze inwoner nodig om goed te kunnen leven?",
        "overwegingen": [w.paragraph(2) for _ in range(5)],
        "ingangsdatum": _dt.date(2026, 4, 1),
        "artikelen": [p["id"] for p in plans],
    }
    if annexes:
        meta["bijlagen"] = _annexes(out, annexes, annex_bytes, random.Random(seed + 1))
        size += annexes * annex_bytes
    size += _write(out / "overeenkomst.yaml", meta, "overeenkomst", "../../")
    return {"path": str(out), "articles": len(plans), "parties": len(pids), "bytes": size}


def _annexes(out: Path, n: int, n_bytes: int, rng: random.Random) -> list[dict[str, str]]:
    """n annex files of n_bytes each: Markdown text and binary files in turn."""
    folder = out / "bijlagen"
    folder.mkdir(parents=True, exist_ok=True)
    listed = []
    for k in range(1, n + 1):
        if k % 2:
            name = f"bijlage-{k}.md"
            words = " ".join(rng.choice(TOPIC_WORDS) for _ in range(n_bytes // 6))
            text = f"## Bijlage {k}\n\n" + _wrap(words.capitalize() + ".") + "\n"
            data = text.encode("utf-8")[:n_bytes]
        else:
            name = f"bijlage-{k}.pdf"
            data = b"%PDF-1.4\n" + rng.randbytes(n_bytes - 9)
        (folder / name).write_bytes(data)
        listed.append({"id": f"bijlage-{k}", "titel": f"Bijlage {k}", "bestand": name})
    return listed


# ---------------------------------------------------------------- mutation

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WORD = re.compile(r"^[a-z]+$")


def _load(path: Path) -> tuple[dict[str, Any], str]:
    raw = path.read_text(encoding="utf-8")
    header = raw.split("\n", 1)[0] + "\n" if raw.startswith("#") else ""
    return yaml.load(raw, Loader=_Loader), header


def _edit_words(text: str, rng: random.Random) -> str:
    """Replace, insert and delete a few plain words; references and markup stay intact."""
    lines = [ln.split(" ") for ln in text.split("\n")]
    spots = [(i, j) for i, toks in enumerate(lines) for j, t in enumerate(toks)
             if _WORD.match(t) and t not in PROTECTED and not (j == 0 and t == "-")]
    if not spots:
        return text + ("" if text.endswith("\n") else " ") + "We spreken dit elk jaar opnieuw af."
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(2, 6))), reverse=True)
    for i, j in chosen:   # from the end, so earlier indices stay valid
        tok = lines[i][j]
        op = rng.randrange(3)
        if op == 0 and tok in SYNONYMS:
            lines[i][j] = SYNONYMS[tok]
        elif op == 1 and len(lines[i]) > 3:
            del lines[i][j]
        else:
            lines[i].insert(j + 1, rng.choice(INSERT_WORDS))
    return "\n".join(" ".join(toks) for toks in lines)


def mutate(src_dir: str | Path, out_dir: str | Path, fraction: float = 0.1, seed: int = 2,
           *, overwrite: bool = False) -> dict[str, Any]:
    """Copy the agreement at src_dir to out_dir and change it the way a revision would.

    The binding text of ``fraction`` of the articles changes (words replaced, inserted and
    deleted; their ``versie`` goes up by one), two articles move in the order, one new article
    is added and one is removed (references to it are redirected), and the agreement's minor
    version goes up. The result stays valid. Returns a summary of what changed.
    """
    src, out = Path(src_dir), Path(out_dir)
    if src.resolve() == out.resolve():
        raise ValueError("out_dir must differ from src_dir")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError("fraction must be between 0 and 1")
    _check_out(out, overwrite)
    shutil.copytree(src, out, dirs_exist_ok=True)
    rng = random.Random(seed)
    arts = out / "artikelen"

    meta, meta_header = _load(out / "overeenkomst.yaml")
    order: list[str] = list(meta["artikelen"])
    raw = {a: (arts / f"{a}.yaml").read_text(encoding="utf-8") for a in order}
    topic_of = {a: (re.search(r"^onderwerp:\s*(\S+)", raw[a], re.M) or [None, "overig"])[1]
                for a in order}
    party_ids = re.findall(r"^\s*- id:\s*(\S+)", (out / "partijen.yaml").read_text("utf-8"),
                           re.M) or ["partij"]

    # 1. Remove one article: not a required onderwerp's last article, preferably unreferenced.
    def removable(a: str) -> bool:
        t = topic_of[a]
        return t not in REQUIRED or sum(topic_of[b] == t for b in order) > 1
    def incoming(a: str) -> list[str]:
        pat = re.compile(r"\[\[" + re.escape(a) + r"(\.[a-z0-9-]+)?\]\]")
        return [b for b in order if b != a and pat.search(raw[b])]
    candidates = [a for a in order if removable(a)]
    removed = None
    if len(order) > len(REQUIRED) and candidates:
        rng.shuffle(candidates)
        removed = next((a for a in candidates[:200] if not incoming(a)), candidates[0])
    touched: dict[str, dict[str, Any]] = {}
    headers: dict[str, str] = {}

    def article(a: str) -> dict[str, Any]:
        if a not in touched:
            touched[a], headers[a] = _load(arts / f"{a}.yaml")
        return touched[a]

    if removed:
        order.remove(removed)
        (arts / f"{removed}.yaml").unlink()
        pat = re.compile(r"\[\[" + re.escape(removed) + r"(\.[a-z0-9-]+)?\]\]")
        for b in incoming(removed):
            d = article(b)
            others = [x for x in order if x != b]
            new_target = others[rng.randrange(len(others))] if others else b
            _replace_refs(d, pat, f"[[{new_target}]]")

    # 2. Change the binding text of `fraction` of the articles.
    k = round(fraction * len(order))
    changed = rng.sample(order, min(k, len(order)))
    for a in changed:
        d = article(a)
        if isinstance(d.get("tekst"), str):
            d["tekst"] = _edit_words(d["tekst"], rng)
        leden = d.get("leden") or []
        if leden and rng.random() < 0.5:
            lid = rng.choice(leden)
            lid["tekst"] = _edit_words(str(lid["tekst"]), rng)
    for a in touched:
        touched[a]["versie"] = int(touched[a].get("versie", 1)) + 1

    # 3. Move two articles.
    moved = []
    for _ in range(2 if len(order) > 2 else 0):
        a = order.pop(rng.randrange(1, len(order)))
        order.insert(rng.randrange(1, len(order) + 1), a)
        moved.append(a)

    # 4. Add one article.
    members = {a: [m["id"] for m in (article(a).get("leden") or [])] if a in touched
               else re.findall(r"^  - id:\s*(\S+)", raw[a], re.M) for a in order}
    existing = set(order) | ({removed} if removed else set())
    n = len(existing) + 1
    plan = _plan_articles(rng, 1, start=n)[0]
    while plan["id"] in existing:
        n += 1
        plan = _plan_articles(rng, 1, start=n)[0]
    w = _Writer(rng, party_ids)
    w.term_i = rng.randrange(len(TERM_SENTENCES))
    added = _article(plan, w, [(a, members[a]) for a in order])
    order.insert(rng.randrange(1, len(order) + 1), plan["id"])
    _write(arts / f"{plan['id']}.yaml", added, "artikel", "../../../")

    for a, d in touched.items():
        (arts / f"{a}.yaml").write_text(dump_yaml(d, headers[a]), encoding="utf-8")

    meta["id"] = out.name
    meta["artikelen"] = order
    parts = str(meta.get("versie", "1.0.0")).split(".")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        meta["versie"] = f"{parts[0]}.{int(parts[1]) + 1}.0"
    (out / "overeenkomst.yaml").write_text(dump_yaml(meta, meta_header), encoding="utf-8")
    return {"path": str(out), "changed": sorted(changed), "moved": moved,
            "added": plan["id"], "removed": removed,
            "redirected": sorted(set(touched) - set(changed))}


def _replace_refs(obj: Any, pat: re.Pattern[str], repl: str) -> Any:
    """Replace references matching pat in every string of an article, in place."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            obj[k] = _replace_refs(v, pat, repl)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            obj[i] = _replace_refs(v, pat, repl)
    elif isinstance(obj, str):
        return pat.sub(repl, obj)
    return obj


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic agreement for benchmarks.")
    ap.add_argument("out_dir", type=Path, help="folder to write; its name becomes the id")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--parties", type=int, default=15)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--change-fraction", type=float, default=0.0,
                    help="if > 0: write the seed's agreement after mutate() changed this "
                         "fraction of its articles")
    ap.add_argument("--overwrite", action="store_true",
                    help="replace the agreement files in a non-empty OUT_DIR")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        if args.change_fraction > 0:
            with tempfile.TemporaryDirectory() as tmp:
                base = Path(tmp) / args.out_dir.name
                generate(base, args.articles, args.parties, args.seed)
                info = mutate(base, args.out_dir, args.change_fraction, seed=args.seed + 1,
                              overwrite=args.overwrite)
            info = {k: (len(v) if isinstance(v, list) and k != "moved" else v)
                    for k, v in info.items()}
        else:
            info = generate(args.out_dir, args.articles, args.parties, args.seed,
                            overwrite=args.overwrite)
    except (ValueError, FileExistsError) as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    info["seconds"] = round(time.perf_counter() - t0, 3)
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A new agreement folder with the articles an agreement needs to be signed, schema modelines and
places to fill in."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import yaml

from rechtmakers.agreement import ARTICLES_DIR, META_FILE, PARTIES_FILE, TERMS_FILE
from rechtmakers.checks.placeholders import placeholder
from rechtmakers.errors import UsageError, os_reason
from rechtmakers.model_base import SLUG_PATTERN
from rechtmakers.safe_write import check_target
from rechtmakers.source_names import ANNEXES_DIR
from rechtmakers.vocabulary import PartyKind

PARTY_KINDS: tuple[str, ...] = get_args(PartyKind)
SCHEMA_DIR = "schemas"
LEGAL_FORM_HINTS = ("stichting", "vereniging", "coöperatie", "bv", "nv", "gemeente",
                    "openbaar lichaam of een andere rechtsvorm")
ARTICLES = ("doel", "partijen", "besluitvorming", "conflictdialoog", "inwonerperspectief",
            "financiering", "privacy", "geheimhouding", "aansprakelijkheid", "looptijd",
            "berichten", "geschillen")
# Articles whose onderwerp is not their kenmerk: they have no topic of their own.
OTHER_TOPIC = frozenset({"geheimhouding", "berichten"})
SchemaRef = Callable[[str, str], str]


@dataclass(frozen=True)
class PartySpec:
    """A party named on the command line or in the questions: kenmerk, naam, soort."""

    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class Scaffold:
    """What is known about the new agreement; whatever is missing becomes a placeholder."""

    title: str | None = None
    parties: tuple[PartySpec, ...] = ()
    lead: str | None = None
    date: dt.date = field(default_factory=dt.date.today)


def is_slug(text: str) -> bool:
    return re.match(SLUG_PATTERN, text) is not None


def parse_party(text: str) -> PartySpec:
    """"de-schoor:De Schoor:welzijn" → a PartySpec; a Dutch UsageError when it is not that."""
    parts = text.split(":")
    if len(parts) < 3:
        raise UsageError(f'"{text}" is geen partij. Schrijf kenmerk:Naam:soort, bijvoorbeeld '
                         '--partij "de-schoor:De Schoor:welzijn".')
    return party(parts[0].strip(), ":".join(parts[1:-1]).strip(), parts[-1].strip())


def party(party_id: str, name: str, kind: str) -> PartySpec:
    """A checked PartySpec."""
    if not is_slug(party_id):
        raise UsageError(f'Het kenmerk "{party_id}" kan niet: gebruik kleine letters, cijfers en '
                         "streepjes, zoals de-schoor.")
    if not name:
        raise UsageError(f'De partij "{party_id}" heeft geen naam.')
    if kind not in PARTY_KINDS:
        raise UsageError(f'"{kind}" is geen soort partij. Kies uit: {", ".join(PARTY_KINDS)}.')
    return PartySpec(party_id, name, kind)


def slugify(name: str) -> str:
    """A kenmerk suggested for a name: "GGD Flevoland" → "ggd-flevoland"."""
    table = str.maketrans("áàäâéèëêíìïîóòöôúùüûç", "aaaaeeeeiiiioooouuuuc")
    return "-".join(re.findall(r"[a-z0-9]+", name.lower().translate(table)))


def find_schema_dir(start: Path) -> Path | None:
    """The repository's schemas/ folder above start (up to the git root), if there is one."""
    for folder in [start, *start.parents]:
        if (folder / SCHEMA_DIR / "artikel.schema.json").is_file():
            return folder / SCHEMA_DIR
        if (folder / ".git").exists():
            return None
    return None


def create_agreement(root: Path, spec: Scaffold, schemas: Path | None = None) -> list[Path]:
    """Write a new agreement folder at root, atomically; return the files written."""
    agreement_id = root.resolve().name
    if not is_slug(agreement_id):
        raise UsageError(f'De mapnaam "{agreement_id}" wordt het kenmerk van de overeenkomst: '
                         "gebruik kleine letters, cijfers en streepjes, zoals "
                         "positief-gezond-almere.")
    _refuse_existing(root)
    check_target(root)
    _check(spec)
    if schemas is None:
        from rechtmakers.schema_export import packaged_schema_dir

        schemas = find_schema_dir(root.resolve().parent) or packaged_schema_dir()
    files = scaffold_files(agreement_id, spec, _schema_ref(root.resolve(), schemas.resolve()))
    _write_atomically(root, files)
    return [root / rel for rel in files]


def _refuse_existing(root: Path) -> None:
    if (root / META_FILE).exists():
        raise UsageError(f"In {root} staat al een overeenkomst. rechtmakers init overschrijft "
                         "niets: kies een nieuwe map.")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise UsageError(f"{root} bestaat al en is geen lege map. rechtmakers init overschrijft "
                         "niets: kies een nieuwe map.")


def _check(spec: Scaffold) -> None:
    ids = [p.id for p in spec.parties]
    double = sorted({i for i in ids if ids.count(i) > 1})
    if double:
        raise UsageError(f"De partij {double[0]} staat er twee keer in.")
    if spec.lead and spec.lead not in ids:
        raise UsageError(f'De penvoerder "{spec.lead}" is geen van de partijen.')


def _schema_ref(root: Path, schemas: Path) -> SchemaRef:
    """Where a file's modeline points: relative within a repository, else the packaged file."""
    def ref(rel_dir: str, kind: str) -> str:
        target = schemas / f"{kind}.schema.json"
        if find_schema_dir(root.parent) == schemas:
            return Path(os.path.relpath(target, root / rel_dir)).as_posix()
        return target.as_uri()

    return ref


def _write_atomically(root: Path, files: dict[str, str]) -> None:
    """Write into a hidden sibling folder, then rename it into place in one step."""
    root.parent.mkdir(parents=True, exist_ok=True)
    tmp = root.parent / f".{root.name}.{secrets.token_hex(4)}.tmp"
    try:
        tmp.mkdir()
        for rel, text in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if root.is_dir():
            root.rmdir()  # empty (checked); rename cannot replace a folder everywhere
        tmp.rename(root)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError(f"Kan de overeenkomst niet schrijven in {root}: "
                         f"{os_reason(exc)}.") from exc


def scaffold_files(agreement_id: str, spec: Scaffold, ref: SchemaRef) -> dict[str, str]:
    """Relative path → YAML text of every file of the new agreement."""
    parties = spec.parties or (PartySpec("partij-1", placeholder("naam van de organisatie"),
                                         "overig"),)
    files = {
        META_FILE: _meta(agreement_id, spec, parties[0].id),
        PARTIES_FILE: _parties(parties, placeholders=not spec.parties),
        TERMS_FILE: _terms(),
    }
    for article_id, body in _articles(parties).items():
        files[f"{ARTICLES_DIR}/{article_id}.yaml"] = body
    return {rel: _modeline(ref, rel) + text for rel, text in files.items()}


def _modeline(ref: SchemaRef, rel: str) -> str:
    folder, _, name = rel.rpartition("/")
    kind = "artikel" if folder == ARTICLES_DIR else name.removesuffix(".yaml")
    return f"# yaml-language-server: $schema={ref(folder, kind)}\n"


def scalar(value: str) -> str:
    """A YAML scalar for value, quoted only where YAML needs it."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    return text.removesuffix("...\n").rstrip("\n")


def _meta(agreement_id: str, spec: Scaffold, lead: str) -> str:
    title = spec.title or placeholder("titel van de overeenkomst")
    articles = "".join(f"  - {a}\n" for a in ARTICLES)
    return (f"id: {agreement_id}\n"
            f"titel: {scalar(title)}\n"
            "versie: 0.1.0\n"
            "status: concept\n"
            f"datum: {spec.date.isoformat()}\n"
            f"ingangsdatum: {spec.date.isoformat()}  "
            f"# {placeholder('de dag waarop de overeenkomst ingaat')}\n"
            "# einddatum: 2030-12-31  # de laatste dag dat de overeenkomst geldt (mag weg)\n"
            f"penvoerder: {spec.lead or lead}  # de partij die de pen voert\n"
            "# De vraag die richting geeft, in één zin. Kies jullie eigen vraag.\n"
            "kompas: Wat heeft deze inwoner nodig om goed te kunnen leven?\n"
            "overwegingen:\n"
            f"  - {scalar(placeholder('waarom werken de partijen samen?'))}\n"
            f"# Bijlagen worden mee getekend. Zet het bestand in de map {ANNEXES_DIR}/ en noem "
            "het\n# hier:\n"
            "# bijlagen:\n"
            "#   - id: transformatieplan\n"
            "#     titel: Transformatieplan\n"
            "#     bestand: transformatieplan.md\n"
            "# De volgorde hieronder geeft de nummers: artikel 1, 2, …\n"
            f"artikelen:\n{articles}")


def _parties(parties: tuple[PartySpec, ...], *, placeholders: bool) -> str:
    lines = ["partijen:"]
    for p in parties:
        id_note = f"  # {placeholder('kenmerk, zoals de-schoor')}" if placeholders else ""
        kind_note = f"  # {placeholder(', '.join(PARTY_KINDS))}" if placeholders else ""
        legal_form = (["    rechtsvorm: gemeente"] if p.kind == "gemeente" else [
            f"    # rechtsvorm: stichting  # {placeholder(', '.join(LEGAL_FORM_HINTS))}"])
        lines += [f"  - id: {p.id}{id_note}",
                  f"    naam: {scalar(p.name)}",
                  f"    soort: {p.kind}{kind_note}",
                  "    # Wie de partij is als rechtspersoon; haal het # weg en vul in.",
                  *legal_form,
                  f"    # kvk: '12345678'  # {placeholder('KvK-nummer, 8 cijfers')}",
                  f"    vestigingsplaats: {scalar(placeholder('plaats van vestiging'))}",
                  "    vertegenwoordigers:",
                  f"      - naam: {scalar(placeholder('wie tekent namens deze partij?'))}",
                  f"        functie: {scalar(placeholder('functie'))}",
                  f"        email: iemand@voorbeeld.example  # {placeholder('e-mailadres')}",
                  "        # Is deze persoon geen bestuurder of burgemeester? Zeg dan waarom zij "
                  "mag tekenen:",
                  "        # grondslag: mandaat  # statutair, mandaat of volmacht",
                  "        # door: de burgemeester  # wie het mandaat of de volmacht gaf"]
    return "\n".join(lines) + "\n"


def _terms() -> str:
    return ("# Woorden met een vaste betekenis. Waar ze in de tekst staan, linkt het document\n"
            "# naar hun betekenis.\n"
            "begrippen:\n"
            "  - term: inwoner\n"
            f"    betekenis: {scalar(placeholder('wie bedoelen jullie met inwoner?'))}\n")


_ARTICLE_HINT = (
    "# Schrijf in gewone taal. Verwijs naar een artikel met [[id]], naar een lid met\n"
    "# [[id.lid]] en naar een partij met @id. Verhoog versie als de tekst verandert.\n")


def _article(article_id: str, title: str, text: str, block: str = "",
             members: tuple[tuple[str, str], ...] = ()) -> str:
    body = "".join(f"  {line}\n" if line else "\n" for line in text.splitlines())
    topic = "overig" if article_id in OTHER_TOPIC else article_id
    leden = "".join(f"  - id: {member_id}\n    tekst: {scalar(member)}\n"
                    for member_id, member in members)
    return (f"{_ARTICLE_HINT}id: {article_id}\ntitel: {title}\nonderwerp: {topic}\n"
            f"versie: 1\ntekst: |\n{body}{block}" + (f"leden:\n{leden}" if leden else ""))


def _articles(parties: tuple[PartySpec, ...]) -> dict[str, str]:
    listed = "\n".join(f"- @{p.id}" for p in parties)
    return {
        "doel": _article("doel", "Waarom we samenwerken", placeholder(
            "wat willen de partijen samen bereiken, en voor wie?")),
        "partijen": _article("partijen", "Wie er meedoen", f"Deze partijen werken samen:\n\n"
                             f"{listed}\n\n{placeholder('wat brengt elke partij in?')}"),
        "besluitvorming": _article(
            "besluitvorming", "Zo nemen we besluiten",
            f"{placeholder('hoe nemen jullie samen besluiten?')}\n\nKomen we er samen niet "
            "uit, dan volgen we [[conflictdialoog]].",
            "besluitvorming:\n"
            f"  wijze: consent  # {placeholder('consent, consensus, meerderheid of unanimiteit')}"
            f"\n  # {placeholder('wie besluit?')}\n  orgaan: de stuurgroep\n"),
        "conflictdialoog": _article(
            "conflictdialoog", "Zo blijven we in gesprek als we het oneens zijn",
            "Als we het oneens zijn, blijven we met elkaar in gesprek. We volgen de stappen\n"
            f"hieronder, in deze volgorde. {placeholder('past dit bij jullie?')}",
            "conflictdialoog:\n  stappen:\n"
            + _step("Samen in gesprek", "de partijen die het oneens zijn", "2 weken",
                    "wat gebeurt er in deze stap?")
            + _step("Besluit over het vervolg", "de stuurgroep", "4 weken",
                    "wat gebeurt er als het gesprek niet lukt?")),
        "inwonerperspectief": _article(
            "inwonerperspectief", "Wat de inwoner nodig heeft",
            "Bij alles wat we doen, vragen we: wat heeft deze inwoner nodig om goed te kunnen\n"
            f"leven? {placeholder('hoe krijgt die vraag een vaste plaats?')}",
            "inwonerperspectief:\n  waarborgen:\n"
            f"    - wat: {scalar(placeholder('wat regelen jullie?'))}\n"
            f"      hoe: {scalar(placeholder('hoe werkt het?'))}\n"
            f"      wanneer: {scalar(placeholder('wanneer of hoe vaak?'))}\n"),
        **_closing_articles(),
    }


def _step(name: str, who: str, term: str, hint: str) -> str:
    return (f"    - naam: {name}\n      wie: {who}\n      termijn: {term}\n"
            f"      tekst: {scalar(placeholder(hint))}\n")


def _closing_articles() -> dict[str, str]:
    """What an agreement needs before it is signed: money, privacy, confidentiality, damage,
    ending, notices and disputes; a short model text each, with the choices left to make."""
    return {
        "financiering": _article(
            "financiering", "Hoe we het geld regelen",
            "Elke partij betaalt haar eigen kosten voor overleg en bestuur.\n"
            f"{placeholder('is er gezamenlijk geld? Wie geeft het, en wie beslist erover?')}\n\n"
            "Deze overeenkomst geeft zelf geen recht op geld. Geld komt via een subsidie of een\n"
            "contract. Wat daarin staat, geldt voor dat geld.",
            members=(
                ("beheer", f"{placeholder('welke partij beheert het gezamenlijke geld?')} "
                 "houdt dat geld apart van haar eigen geld. Elk jaar laat zij zien waar het "
                 "naartoe ging."),
                ("geld-over", "Stapt een partij uit, of stopt de samenwerking? Dan gaat geld "
                 "dat over is terug naar wie het gaf."))),
        "privacy": _article(
            "privacy", "Zo gaan we om met gegevens van inwoners",
            "We delen gegevens van inwoners alleen als dat nodig is om hen te helpen. En alleen\n"
            "als de wet voor privacy, de AVG, dat toestaat.\n"
            f"{placeholder('welke gegevens delen jullie, en waarom mag dat?')}",
            members=(
                ("afspraken", "We delen geen gegevens voordat we op papier hebben vastgelegd "
                 "wie welke gegevens krijgt, waarvoor en hoe lang."),
                ("datalek", "Komen gegevens bij iemand die ze niet mag hebben? Dan meldt de "
                 "partij bij wie het misging dat binnen 24 uur aan de anderen."))),
        "geheimhouding": _article(
            "geheimhouding", "Wat we vertrouwelijk houden",
            "We houden vertrouwelijk wat een andere partij ons vertrouwelijk vertelt of geeft.\n"
            "We gebruiken het alleen voor deze samenwerking.\n"
            f"{placeholder('hoe lang blijft dit gelden na het einde?')}"),
        "aansprakelijkheid": _article(
            "aansprakelijkheid", "Als er schade is",
            "Elke partij is zelf verantwoordelijk voor haar eigen werk. Elke partij zorgt dat\n"
            "zij goed verzekerd is.\n"
            f"{placeholder('wie betaalt als een partij schade lijdt door een andere?')}"),
        "looptijd": _article(
            "looptijd", "Hoe lang we samenwerken en hoe een partij uitstapt",
            f"{placeholder('hoe lang loopt de overeenkomst, en kan zij langer?')}\n\n"
            "Een partij kan uitstappen. Zij laat dat op tijd weten, zoals [[berichten]] zegt.\n"
            "Daarna gaat de overeenkomst door tussen de andere partijen.",
            members=(
                ("opzegtermijn", placeholder("hoeveel tijd zit er tussen het bericht en het "
                                             "uitstappen?")),
                ("blijft-gelden", "Ook na het uitstappen of het einde blijven de afspraken "
                 "gelden over privacy ([[privacy]]) en geheimhouding ([[geheimhouding]])."))),
        "berichten": _article(
            "berichten", "Hoe we elkaar iets officieel laten weten",
            "Een bericht over uitstappen of een conflict sturen we per e-mail naar de\n"
            "vertegenwoordigers in de lijst van partijen.\n"
            f"{placeholder('wie krijgt altijd een kopie?')}"),
        "geschillen": _article(
            "geschillen", "Welk recht geldt, en wie beslist als we er samen niet uitkomen",
            "Op deze overeenkomst is het Nederlandse recht van toepassing. Zijn we het oneens,\n"
            "dan volgen we eerst [[conflictdialoog]]. Pas als dat niet lukt, mag een partij naar\n"
            f"de rechter. {placeholder('welke rechtbank?')}"),
    }

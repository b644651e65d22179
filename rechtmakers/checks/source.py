"""Rules applied while reading files: the loader's refusals and the schema's findings.

They have no check function of their own (the loader and the model raise them), but they are
registered like every other rule so that they have a code, a severity and documentation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rechtmakers.checks.base import Context, Rule, error
from rechtmakers.findings import Problem

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement

# Keys whose values are codes, numbers or dates rather than text: a comment after them on the
# same line is fine (`onderwerp: doel  # kies uit …`).
CODE_KEYS = frozenset({
    "id", "onderwerp", "versie", "status", "datum", "ingangsdatum", "einddatum", "penvoerder",
    "artikelen", "soort", "rechtsvorm", "wijze", "email", "sleutel", "kvk", "bewijs",
    "bestand", "gezamenlijk", "bevoegdheid",
})


def text_cut_by_comment(agreement: Agreement, ctx: Context) -> Iterator[Problem]:
    """Tekst wordt niet stilzwijgend afgekapt door een # op dezelfde regel.

    In YAML begint ` #` in tekst zonder aanhalingstekens een commentaar: alles erna valt weg,
    ook uit het document. Commentaar op een eigen regel mag wel.

    Goed:

        titel: "Wat helpt #1 en wat niet"

    Fout (de titel wordt "Wat helpt"):

        titel: Wat helpt #1 en wat niet
    """
    for rel in sorted(agreement.sources):
        source = agreement.sources[rel]
        for ypath, offset in source.cut_by_comment.items():
            key = next((part for part in reversed(ypath) if isinstance(part, str)), "")
            if key in CODE_KEYS:
                continue
            end = source.text.find("\n", offset)
            lost = source.text[offset: end if end >= 0 else len(source.text)].rstrip()
            if source.span(ypath).style in ('"', "'"):
                advice = ("Zet het binnen de aanhalingstekens, of zet het commentaar op een "
                          "eigen regel.")
            else:
                advice = ("Zet de hele tekst tussen aanhalingstekens, of schrijf achter de "
                          "sleutel | en zet de tekst ingesprongen op de regels eronder.")
            yield Problem(source.index_location(offset),
                          f'Hier begint met " #" een YAML-commentaar: "{_short(lost)}" valt weg '
                          f"uit de tekst. {advice}")


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"

LOAD_RULES: dict[str, Rule] = {
    "Y001": error("Y001", "yaml-syntax", "Het bestand is geldige YAML.", doc=(
        "Het bestand moet geldige YAML zijn. De melding staat op de regel van de vergissing: "
        "een sleutel zonder dubbele punt, een aanhalingsteken dat niet sluit, een regel van "
        "een tekstblok die niet inspringt, een punt van een lijst zonder `- `, tekst die "
        "begint met `*`, `&`, `!`, `%`, `@` of een backtick, of `: ` midden in tekst.\n\n"
        "Goed:\n\n    titel: \"Let op: zo nemen we besluiten\"\n\n"
        "Fout (dubbele punt in de tekst zonder aanhalingstekens):\n\n"
        "    titel: Let op: zo nemen we besluiten")),
    "Y002": error("Y002", "yaml-tab", "Inspringen gebeurt met spaties, niet met tabs.", doc=(
        "YAML springt in met spaties. Een tab geeft in elke editor een andere inspringing."
        "\n\nGoed (twee spaties):\n\n    leden:\n      - id: consent\n\n"
        "Fout (een tab voor `- id`):\n\n    leden:\n    \t- id: consent")),
    "Y003": error("Y003", "utf-8", "Het bestand is UTF-8-tekst.", doc=(
        "Sla bestanden op als UTF-8. Andere coderingen maken van é en ë onleesbare tekens."
        "\n\nGoed: het bestand is in de editor opgeslagen als UTF-8.\n\n"
        "Fout: het bestand is opgeslagen als Windows-1252 (ANSI), zodat `één` als ongeldige "
        "bytes in het bestand staat.")),
    "Y004": error("Y004", "leeg-bestand", "Het bestand is niet leeg.", doc=(
        "Een leeg bestand is vaak een vergissing. Vul het of verwijder het.\n\n"
        "Goed:\n\n    begrippen:\n      - term: stuurgroep\n        betekenis: Het overleg "
        "van alle partijen.\n\nFout (alleen commentaar):\n\n    # begrippen volgen nog")),
    "Y005": error("Y005", "yaml-tag", "Geen YAML-tags zoals !!python/object.", doc=(
        "Tags laten YAML objecten maken. Een overeenkomst bevat alleen tekst, getallen en "
        "lijsten. Tekst die met `!` begint, leest YAML ook als tag: zet die tussen "
        "aanhalingstekens.\n\nGoed:\n\n    titel: \"!Let op\"\n\n"
        "Fout:\n\n    titel: !!python/object:os.system echo")),
    "Y006": error("Y006", "yaml-anker", "Geen ankers (&) of aliassen (*).", doc=(
        "Ankers en aliassen laten tekst op een andere plek terugkomen. Dat maakt een overeenkomst "
        "moeilijk te lezen en opent de deur voor 'alias bombs'. Schrijf tekst voluit. Tekst die "
        "met `*` of `&` begint, zet je tussen aanhalingstekens.\n\n"
        "Goed:\n\n    titel: Zo nemen we besluiten\n    tekst: \"*Altijd* overleggen.\"\n\n"
        "Fout:\n\n    titel: &kop Zo nemen we besluiten\n    tekst: *kop")),
    "Y007": error("Y007", "dubbele-sleutel", "Elke sleutel staat één keer in een blok.", doc=(
        "YAML houdt bij een dubbele sleutel stilzwijgend alleen de laatste waarde. Een jurist "
        "zou zo tekst kwijtraken.\n\nGoed:\n\n    tekst: Eerste versie. Tweede.\n\n"
        "Fout:\n\n    tekst: Eerste versie.\n    tekst: Tweede.")),
    "Y008": error("Y008", "te-diep", "De YAML is niet dieper genest dan 20 niveaus.", doc=(
        "Een overeenkomst is hooguit een paar niveaus diep. Diepere nesting is een fout of een "
        "aanval.\n\nGoed:\n\n    conflictdialoog:\n      stappen:\n        - naam: "
        "Gesprek\n\nFout (21 geneste lijsten):\n\n"
        "    tekst: [[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]")),
    "Y009": error("Y009", "te-groot", "Een bestand is hooguit 1 MB.", doc=(
        "Een artikel van meer dan een megabyte is geen leesbaar artikel. Splits de tekst."
        "\n\nGoed: `artikelen/financiering.yaml` van 4 kB.\n\n"
        "Fout: `artikelen/financiering.yaml` van 3 MB, met een geplakte begroting erin.")),
    "Y010": error("Y010", "een-document", "Eén bestand bevat één YAML-document.", doc=(
        "Een tweede document na `---` wordt niet gelezen. Zet het in een eigen bestand."
        "\n\nGoed:\n\n    id: doel\n    titel: Waarom we samenwerken\n\n"
        "Fout:\n\n    id: doel\n    ---\n    id: looptijd")),
    "Y011": error("Y011", "sleutel-is-tekst", "Een sleutel is gewone tekst.", doc=(
        "Sleutels zoals `? [a, b]` zijn geldige YAML, maar geen sleutel van een overeenkomst."
        "\n\nGoed:\n\n    titel: Zo nemen we besluiten\n\n"
        "Fout:\n\n    ? [titel, kop]\n    : Zo nemen we besluiten")),
    "Y012": error("Y012", "leesbaar", "Het bestand kan gelezen worden.", doc=(
        "Het bestand bestaat niet of de rechten laten lezen niet toe.\n\n"
        "Goed: `artikelen/doel.yaml` is een gewoon bestand dat je kunt openen.\n\n"
        "Fout: `artikelen/doel.yaml` heeft geen leesrechten (`chmod 000`).")),
    "Y013": error("Y013", "geen-link", "Een overeenkomst bevat geen symbolische links.", doc=(
        "Een overeenkomst is wat git bewaart. Van een symbolische link bewaart git alleen "
        "waar hij heen wijst; de tekst erachter kan buiten de repository staan en per computer "
        "verschillen, zodat iemand iets anders tekent dan wat git vastlegt.\n\nGoed: "
        "`artikelen/doel.yaml` is een gewoon bestand.\n\nFout: `artikelen/doel.yaml` is een "
        "link naar `../../gedeeld/doel.yaml`.")),
    "Y014": error("Y014", "geen-yaml-1.1", "Een waarde betekent wat er staat.", doc=(
        "De YAML-lezer volgt YAML 1.1, dat `1:20` leest als het getal 80, `017` als 15, "
        "`1_000` als 1000 en `on`, `off`, `yes` en `no` als ja/nee. Een mens (en YAML 1.2) "
        "leest gewoon wat er staat. Zulke waarden worden daarom geweigerd.\n\nGoed:\n\n"
        "    versie: 2\n    titel: \"on\"\n\nFout:\n\n    versie: 1:20\n    titel: on")),
    "Y015": error("Y015", "tekst-afgekapt", "Een # op dezelfde regel kapt geen tekst af.",
                  text_cut_by_comment),
}

SCHEMA_RULES: dict[str, Rule] = {
    "S001": error("S001", "verplichte-sleutel", "Een verplichte sleutel ontbreekt.", doc=(
        "Elke soort bestand heeft verplichte sleutels; een artikel bijvoorbeeld id, titel, "
        "onderwerp, versie en tekst.\n\nGoed:\n\n    id: doel\n    titel: Waarom we "
        "samenwerken\n    onderwerp: doel\n    versie: 1\n    tekst: Wij werken samen.\n\n"
        "Fout (de titel ontbreekt):\n\n    id: doel\n    onderwerp: doel\n    versie: 1\n"
        "    tekst: Wij werken samen.")),
    "S002": error("S002", "onbekende-sleutel", "Een sleutel is onbekend.", doc=(
        "Een onbekende sleutel is meestal een tikfout. De melding stelt de bedoelde sleutel "
        "voor.\n\nGoed:\n\n    titel: Zo nemen we besluiten\n\n"
        "Fout:\n\n    title: Zo nemen we besluiten   # bedoeld: titel")),
    "S003": error("S003", "soort-waarde", "Een waarde is van de verkeerde soort.", doc=(
        "Bijvoorbeeld tekst waar een lijst hoort, of tekst waar een getal hoort.\n\n"
        "Goed:\n\n    versie: 3\n\nFout:\n\n    versie: drie")),
    "S004": error("S004", "toegestane-waarde", "Een waarde komt niet voor in de lijst van "
                  "toegestane waarden.", doc=(
        "Sommige sleutels kennen een vaste lijst waarden, zoals onderwerp, soort, status en "
        "wijze.\n\nGoed:\n\n    wijze: consent\n\nFout:\n\n    wijze: stemmen")),
    "S005": error("S005", "versienummer", "De versie van de overeenkomst is een versienummer.",
                  doc="Goed: `versie: 1.2.0`. Fout: `versie: 1.2` of `versie: eerste`."),
    "S006": error("S006", "datum", "Een datum is JJJJ-MM-DD.", doc=(
        "Goed: `datum: 2026-01-21`. Fout: `datum: 21-01-2026` of `datum: 2026-02-30`.")),
    "S007": error("S007", "waarde-geldig", "Een waarde voldoet aan de vorm.", doc=(
        "Kenmerken bestaan uit kleine letters, cijfers en streepjes; e-mailadressen zijn geldig; "
        "tekst is niet leeg; versies van artikelen zijn 1 of hoger.\n\n"
        "Goed: `id: ggd-flevoland`, `email: j.jansen@ggd.nl`, `versie: 1`.\n\n"
        "Fout: `id: GGD Flevoland`, `email: j.jansen`, `versie: 0`.")),
    "S008": error("S008", "bestand-aanwezig", "overeenkomst.yaml en partijen.yaml bestaan.",
                  doc=("Elke overeenkomst heeft overeenkomst.yaml, partijen.yaml en artikelen/."
                       "\n\nGoed: de map bevat `overeenkomst.yaml`, `partijen.yaml` en "
                       "`artikelen/doel.yaml`.\n\nFout: de map bevat alleen "
                       "`overeenkomst.yaml` en `artikelen/`; `partijen.yaml` ontbreekt.")),
}

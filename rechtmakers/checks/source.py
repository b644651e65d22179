"""Rules applied while reading files: the loader's refusals and the schema's findings.

They have no check function of their own (the loader and the model raise them), but they are
registered like every other rule so that they have a code, a severity and documentation.
"""

from __future__ import annotations

from rechtmakers.checks.base import Rule, error

LOAD_RULES: dict[str, Rule] = {
    "Y001": error("Y001", "yaml-syntax", "Het bestand is geldige YAML.", doc=(
        "Het bestand moet geldige YAML zijn.\n\nGoed:\n\n    titel: Zo nemen we besluiten\n\n"
        "Fout (dubbele punt in de tekst zonder aanhalingstekens):\n\n"
        "    titel: Let op: zo nemen we besluiten")),
    "Y002": error("Y002", "yaml-tab", "Inspringen gebeurt met spaties, niet met tabs.", doc=(
        "YAML springt in met spaties. Een tab geeft in elke editor een andere inspringing.")),
    "Y003": error("Y003", "utf-8", "Het bestand is UTF-8-tekst.", doc=(
        "Sla bestanden op als UTF-8. Andere coderingen maken van é en ë onleesbare tekens.")),
    "Y004": error("Y004", "leeg-bestand", "Het bestand is niet leeg.", doc=(
        "Een leeg bestand is vaak een vergissing. Vul het of verwijder het.")),
    "Y005": error("Y005", "yaml-tag", "Geen YAML-tags zoals !!python/object.", doc=(
        "Tags laten YAML objecten maken. Een overeenkomst bevat alleen tekst, getallen en "
        "lijsten.\n\nFout:\n\n    titel: !!python/object:os.system echo")),
    "Y006": error("Y006", "yaml-anker", "Geen ankers (&) of aliassen (*).", doc=(
        "Ankers en aliassen laten tekst op een andere plek terugkomen. Dat maakt een overeenkomst "
        "moeilijk te lezen en opent de deur voor 'alias bombs'. Schrijf tekst voluit.")),
    "Y007": error("Y007", "dubbele-sleutel", "Elke sleutel staat één keer in een blok.", doc=(
        "YAML houdt bij een dubbele sleutel stilzwijgend alleen de laatste waarde. Een jurist "
        "zou zo tekst kwijtraken.\n\nFout:\n\n    tekst: Eerste versie.\n    tekst: Tweede.")),
    "Y008": error("Y008", "te-diep", "De YAML is niet dieper genest dan 20 niveaus.", doc=(
        "Een overeenkomst is hooguit een paar niveaus diep. Diepere nesting is een fout of een "
        "aanval.")),
    "Y009": error("Y009", "te-groot", "Een bestand is hooguit 1 MB.", doc=(
        "Een artikel van meer dan een megabyte is geen leesbaar artikel. Splits de tekst.")),
    "Y010": error("Y010", "een-document", "Eén bestand bevat één YAML-document.", doc=(
        "Een tweede document na `---` wordt niet gelezen. Zet het in een eigen bestand.")),
    "Y011": error("Y011", "sleutel-is-tekst", "Een sleutel is gewone tekst.", doc=(
        "Sleutels zoals `? [a, b]` zijn geldige YAML, maar geen sleutel van een overeenkomst.")),
    "Y012": error("Y012", "leesbaar", "Het bestand kan gelezen worden.", doc=(
        "Het bestand bestaat niet of de rechten laten lezen niet toe.")),
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
}

SCHEMA_RULES: dict[str, Rule] = {
    "S001": error("S001", "verplichte-sleutel", "Een verplichte sleutel ontbreekt.", doc=(
        "Elke soort bestand heeft verplichte sleutels; een artikel bijvoorbeeld id, titel, "
        "onderwerp, versie en tekst.")),
    "S002": error("S002", "onbekende-sleutel", "Een sleutel is onbekend.", doc=(
        "Een onbekende sleutel is meestal een tikfout. De melding stelt de bedoelde sleutel "
        "voor.\n\nFout:\n\n    title: Zo nemen we besluiten   # bedoeld: titel")),
    "S003": error("S003", "soort-waarde", "Een waarde is van de verkeerde soort.", doc=(
        "Bijvoorbeeld tekst waar een lijst hoort, of tekst waar een getal hoort.\n\nFout:\n\n"
        "    versie: drie")),
    "S004": error("S004", "toegestane-waarde", "Een waarde komt niet voor in de lijst van "
                  "toegestane waarden.", doc=(
        "Sommige sleutels kennen een vaste lijst waarden, zoals onderwerp, soort, status en "
        "wijze.\n\nFout:\n\n    wijze: stemmen")),
    "S005": error("S005", "versienummer", "De versie van de overeenkomst is een versienummer.",
                  doc="Goed: `versie: 1.2.0`. Fout: `versie: 1.2` of `versie: eerste`."),
    "S006": error("S006", "datum", "Een datum is JJJJ-MM-DD.", doc=(
        "Goed: `datum: 2026-01-21`. Fout: `datum: 21-01-2026` of `datum: 2026-02-30`.")),
    "S007": error("S007", "waarde-geldig", "Een waarde voldoet aan de vorm.", doc=(
        "Kenmerken bestaan uit kleine letters, cijfers en streepjes; e-mailadressen zijn geldig; "
        "tekst is niet leeg; versies van artikelen zijn 1 of hoger.")),
    "S008": error("S008", "bestand-aanwezig", "overeenkomst.yaml en partijen.yaml bestaan.",
                  doc="Elke overeenkomst heeft overeenkomst.yaml, partijen.yaml en artikelen/."),
}

"""The source format as typed, frozen objects; the same definitions give the JSON Schema.

Field names are English; the keys a jurist types are Dutch (the aliases). Every field carries a
Dutch title and description, which editors show while typing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt

from rechtmakers.model_base import (
    KVK_PATTERN,
    Base,
    Email,
    IsoDate,
    SemVer,
    Slug,
    Text,
    Title,
    YamlPath,
    field,
    nfc,
    pattern_check,
)
from rechtmakers.vocabulary import (
    Basis,
    DecisionMethod,
    EvidenceRequirement,
    LegalForm,
    PartyKind,
    Status,
    Topic,
)


class Resolution(Base):
    """Het besluit waarop een mandaat of volmacht berust."""

    model_config = ConfigDict(title="Besluit")
    name: Text = field("naam", "Naam", "Welk besluit, zoals collegebesluit of besluit van de "
                       "raad van bestuur.")
    date: IsoDate = field("datum", "Datum", "De datum van het besluit, als JJJJ-MM-DD.")
    reference: Text | None = field("kenmerk", "Kenmerk", "Het nummer of kenmerk van het "
                                   "besluit (mag weg).", default=None)


class Representative(Base):
    """Iemand die namens een partij mag tekenen."""

    model_config = ConfigDict(title="Vertegenwoordiger")
    name: Text = field("naam", "Naam", "Naam van de vertegenwoordiger.")
    function: Text = field("functie", "Functie", "Functie binnen de organisatie, bijvoorbeeld "
                           "directeur-bestuurder.")
    email: Email = field("email", "E-mailadres", "Het e-mailadres waarmee deze persoon in git "
                         "ondertekent.")
    key: str | None = field("sleutel", "Sleutel", "Publieke SSH-sleutel (ssh-ed25519 …) of "
                            "GPG-vingerafdruk waarmee ondertekeningen worden gecontroleerd.",
                            default=None)
    basis: Basis | None = field(
        "grondslag", "Grondslag", "Waarom deze persoon namens de partij mag tekenen: statutair "
        "(volgens de wet of de statuten, zoals de burgemeester of de bestuurder), mandaat (een "
        "overheid gaf haar die bevoegdheid) of volmacht (de partij gaf haar die bevoegdheid). "
        "Niet bindend: het verandert de digest niet.", default=None)
    granted_by: Text | None = field(
        "door", "Door", "Wie het mandaat of de volmacht gaf, zoals de burgemeester of de raad "
        "van bestuur.", default=None)
    resolution: Resolution | None = field(
        "besluit", "Besluit", "Met de datum, zoals {naam: collegebesluit, datum: 2026-03-03}.",
        default=None)


class JointAuthority(Base):
    """Hoeveel vertegenwoordigers samen moeten tekenen."""

    model_config = ConfigDict(title="Gezamenlijk bevoegd")
    joint: StrictInt = field("gezamenlijk", "Gezamenlijk", "Zo veel verschillende "
                             "vertegenwoordigers moeten tekenen, bijvoorbeeld 2.", ge=1)


Authority = Literal["alleen", "gezamenlijk"] | JointAuthority


class Party(Base):
    """Een partij bij de overeenkomst."""

    model_config = ConfigDict(title="Partij")
    id: Slug = field("id", "Kenmerk", "Korte naam in kleine letters, zoals de-schoor. Hiermee "
                     "verwijs je in tekst naar de partij: @de-schoor.")
    name: Text = field("naam", "Naam", "Volledige naam van de organisatie.")
    kind: PartyKind = field("soort", "Soort", "Wat voor organisatie dit is.")
    legal_form: Annotated[LegalForm, BeforeValidator(nfc)] | None = field(
        "rechtsvorm", "Rechtsvorm", "De rechtsvorm van de organisatie, zoals stichting, "
        "vereniging of gemeente.", default=None)
    kvk: Annotated[str, Field(json_schema_extra={"pattern": KVK_PATTERN}), pattern_check(
        KVK_PATTERN, "rm_kvk", "Een KvK-nummer heeft precies 8 cijfers, zoals 12345678. Zet "
        "het tussen aanhalingstekens.")] | None = field(
        "kvk", "KvK-nummer", "Het nummer in het Handelsregister van de Kamer van Koophandel: "
        "8 cijfers, tussen aanhalingstekens.", default=None)
    seat: Text | None = field("vestigingsplaats", "Vestigingsplaats", "Waar de organisatie "
                              "gevestigd is (de statutaire zetel), zoals Almere.", default=None)
    address: Text | None = field("adres", "Adres", "Het bezoek- of postadres, op één regel.",
                                 default=None)
    representatives: tuple[Representative, ...] = field(
        "vertegenwoordigers", "Vertegenwoordigers", "Wie namens deze partij mag tekenen.",
        min_length=1)
    authority: Authority = field(
        "bevoegdheid", "Bevoegdheid", "Wie namens de partij tekent: alleen (één "
        "vertegenwoordiger is genoeg), gezamenlijk (allen) of {gezamenlijk: 2} (twee van hen). "
        "Niet bindend: het verandert de digest niet.", default="alleen")

    @property
    def signers_needed(self) -> int:
        """How many distinct representatives must sign the same content for the party."""
        if self.authority == "alleen":
            return 1
        if self.authority == "gezamenlijk":
            return len(self.representatives)
        assert isinstance(self.authority, JointAuthority)
        return min(self.authority.joint, len(self.representatives))


class PartiesFile(Base):
    """partijen.yaml: de partijen en hun vertegenwoordigers."""

    model_config = ConfigDict(title="Partijen")
    parties: tuple[Party, ...] = field("partijen", "Partijen", "Alle partijen bij de "
                                       "overeenkomst.", min_length=1)


class Term(Base):
    """Een begrip dat in de overeenkomst een vaste betekenis heeft."""

    model_config = ConfigDict(title="Begrip")
    term: Text = field("term", "Begrip", "Het woord of de woordgroep, zoals het in de tekst "
                       "staat.")
    meaning: Text = field("betekenis", "Betekenis", "Wat het begrip in deze overeenkomst "
                          "betekent, in gewone woorden.")


class TermsFile(Base):
    """begrippen.yaml: de begrippenlijst."""

    model_config = ConfigDict(title="Begrippen")
    terms: tuple[Term, ...] = field("begrippen", "Begrippen", "Woorden met een vaste "
                                    "betekenis in deze overeenkomst.", default=())


class Member(Base):
    """Een genummerd lid van een artikel (3.1, 3.2, …)."""

    model_config = ConfigDict(title="Lid")
    id: Slug = field("id", "Kenmerk", "Korte naam van dit lid, zoals consent. Verwijs ernaar "
                     "met [[artikel.lid]].")
    text: Text = field("tekst", "Tekst", "De tekst van dit lid (Markdown).")


class Decision(Base):
    """Hoe partijen besluiten."""

    model_config = ConfigDict(title="Besluitvorming")
    method: DecisionMethod = field("wijze", "Wijze", "Hoe een besluit valt: consent (geen "
                                   "overwegend bezwaar), consensus, meerderheid of "
                                   "unanimiteit.")
    body: Text = field("orgaan", "Orgaan", "Wie besluit, bijvoorbeeld de stuurgroep.")
    quorum: str | None = field("quorum", "Quorum", "Hoeveel partijen er moeten zijn om te "
                               "besluiten, in woorden.", default=None)


class ConflictStep(Base):
    """Een stap in de dialoog als partijen het oneens zijn."""

    model_config = ConfigDict(title="Stap")
    name: Text = field("naam", "Naam", "Korte naam van de stap, zoals Gesprek.")
    who: Text = field("wie", "Wie", "Wie deze stap zet of erbij is.")
    term: Text = field("termijn", "Termijn", "Hoe lang deze stap duurt, zoals 2 weken.")
    text: Text = field("tekst", "Tekst", "Wat er in deze stap gebeurt (Markdown).")


class ConflictDialogue(Base):
    """Hoe partijen in gesprek blijven als ze het oneens zijn."""

    model_config = ConfigDict(title="Conflictdialoog")
    steps: tuple[ConflictStep, ...] = field("stappen", "Stappen", "De stappen, in volgorde. "
                                            "Eerst de dialoog; de laatste stap zegt wat er "
                                            "gebeurt als het niet lukt.", default=())


class Safeguard(Base):
    """Een concrete waarborg voor het perspectief van de inwoner."""

    model_config = ConfigDict(title="Waarborg")
    what: Text = field("wat", "Wat", "Wat er geregeld is.")
    how: Text = field("hoe", "Hoe", "Hoe het werkt.")
    when: Text = field("wanneer", "Wanneer", "Wanneer of hoe vaak het gebeurt.")


class CitizenPerspective(Base):
    """Waar het perspectief van de inwoner een plaats heeft."""

    model_config = ConfigDict(title="Inwonerperspectief")
    safeguards: tuple[Safeguard, ...] = field("waarborgen", "Waarborgen", "Concrete "
                                              "afspraken, geen voornemens.", default=())


class Conduct(Base):
    """Welk gedrag helpt en welk niet."""

    model_config = ConfigDict(title="Gedrag")
    helps: tuple[Text, ...] = field("helpt", "Dit helpt", "Gedrag dat de samenwerking "
                                    "helpt.", default=())
    hinders: tuple[Text, ...] = field("helpt-niet", "Dit helpt niet", "Gedrag dat de "
                                      "samenwerking niet helpt.", default=())


class Joining(Base):
    """Wat instappen concreet betekent."""

    model_config = ConfigDict(title="Instappen")
    means: tuple[Text, ...] = field("betekent", "Betekent", "Wat een partij concreet doet als "
                                    "ze instapt.", default=())


BLOCK_FIELDS: dict[str, str] = {
    "besluitvorming": "decision",
    "conflictdialoog": "dialogue",
    "inwonerperspectief": "citizen",
    "gedrag": "conduct",
    "instappen": "joining",
}


class Article(Base):
    """Een artikel van de overeenkomst: artikelen/<id>.yaml."""

    model_config = ConfigDict(title="Artikel")
    id: Slug = field("id", "Kenmerk", "Gelijk aan de bestandsnaam. Blijft hetzelfde als "
                     "artikelen van volgorde wisselen.")
    title: Title = field("titel", "Titel", "Kop van het artikel in gewone taal, zoals Zo nemen "
                        "we besluiten.")
    topic: Topic = field("onderwerp", "Onderwerp", "Welk deel van de overeenkomst dit artikel "
                         "regelt.")
    version: StrictInt = field("versie", "Versie", "Verhoog dit getal als de bindende tekst "
                               "van het artikel verandert.", ge=1)
    text: Text = field("tekst", "Tekst", "De bindende tekst (Markdown). Verwijs naar een "
                       "artikel met [[id]], naar een lid met [[id.lid]], naar een partij met "
                       "@id.")
    members: tuple[Member, ...] = field("leden", "Leden", "Genummerde onderdelen van het "
                                        "artikel.", default=())
    explanation: str | None = field("toelichting", "Toelichting", "Waarom het zo is "
                                    "geschreven. Niet bindend; alleen voor lezers en "
                                    "reviewers.", default=None)
    decision: Decision | None = field("besluitvorming", "Besluitvorming", "Alleen bij "
                                      "onderwerp besluitvorming.", default=None)
    dialogue: ConflictDialogue | None = field("conflictdialoog", "Conflictdialoog", "Alleen "
                                              "bij onderwerp conflictdialoog.", default=None)
    citizen: CitizenPerspective | None = field("inwonerperspectief", "Inwonerperspectief",
                                               "Alleen bij onderwerp inwonerperspectief.",
                                               default=None)
    conduct: Conduct | None = field("gedrag", "Gedrag", "Alleen bij onderwerp gedrag.",
                                    default=None)
    joining: Joining | None = field("instappen", "Instappen", "Alleen bij onderwerp "
                                    "instappen.", default=None)

    def block(self, key: str) -> BaseModel | None:
        """The structured block stored under a Dutch key such as "besluitvorming"."""
        value: BaseModel | None = getattr(self, BLOCK_FIELDS[key])
        return value

    def texts(self) -> Iterator[tuple[YamlPath, str]]:
        """Every binding text of this article with its YAML path (for references and language)."""
        yield ("tekst",), self.text
        for i, member in enumerate(self.members):
            yield ("leden", i, "tekst"), member.text
        if self.dialogue:
            for i, step in enumerate(self.dialogue.steps):
                yield ("conflictdialoog", "stappen", i, "tekst"), step.text
        if self.citizen:
            for i, guard in enumerate(self.citizen.safeguards):
                for key, value in (("wat", guard.what), ("hoe", guard.how),
                                   ("wanneer", guard.when)):
                    yield ("inwonerperspectief", "waarborgen", i, key), value
        if self.conduct:
            for i, item in enumerate(self.conduct.helps):
                yield ("gedrag", "helpt", i), item
            for i, item in enumerate(self.conduct.hinders):
                yield ("gedrag", "helpt-niet", i), item
        if self.joining:
            for i, item in enumerate(self.joining.means):
                yield ("instappen", "betekent", i), item


class Annex(Base):
    """Een bijlage die bij de overeenkomst hoort en mee getekend wordt."""

    model_config = ConfigDict(title="Bijlage")
    id: Slug = field("id", "Kenmerk", "Korte naam van de bijlage. Verwijs ernaar met [[id]]; "
                     "artikelen en bijlagen delen dezelfde kenmerken.")
    title: Title = field("titel", "Titel", "De titel van de bijlage.")
    file: Text = field("bestand", "Bestand", "Het bestand in de map bijlagen/, zoals "
                       "transformatieplan.md of begroting.pdf. De inhoud is bindend.")


class Administrator(Base):
    """Iemand die de overeenkomst beheert: wijzigt wie namens partijen tekent (gezag)."""

    model_config = ConfigDict(title="Beheerder")
    name: Text = field("naam", "Naam", "Naam van de beheerder.")
    email: Email = field("email", "E-mailadres", "Het e-mailadres waarmee deze persoon in git "
                         "vastlegt.")
    function: Text | None = field("functie", "Functie", "Functie, bijvoorbeeld jurist.",
                                  default=None)
    key: str | None = field("sleutel", "Sleutel", "Publieke SSH-sleutel (ssh-ed25519 …) of "
                            "GPG-vingerafdruk waarmee de beheerder commits ondertekent.",
                            default=None)


class Signing(Base):
    """Wat als bewijs van een ondertekening telt."""

    model_config = ConfigDict(title="Ondertekening")
    evidence: EvidenceRequirement = field(
        "bewijs", "Bewijs", "git: een commit van een vertegenwoordiger is genoeg als die geen "
        "sleutel heeft; sleutel: elke ondertekening moet cryptografisch kloppen met een "
        "geregistreerde sleutel.", default="git")


class AgreementMeta(Base):
    """overeenkomst.yaml: de overeenkomst zelf."""

    model_config = ConfigDict(title="Overeenkomst")
    id: Slug = field("id", "Kenmerk", "Gelijk aan de mapnaam van de overeenkomst.")
    title: Title = field("titel", "Titel", "De titel van de overeenkomst.")
    version: SemVer = field("versie", "Versie", "Versienummer van de overeenkomst, zoals "
                            "1.2.0. Verhoog het bij elke wijziging van de bindende tekst.")
    status: Status = field("status", "Status", "concept, ter-ondertekening of vastgesteld.")
    date: IsoDate = field("datum", "Datum", "Datum van deze versie, als JJJJ-MM-DD.")
    effective: IsoDate | None = field("ingangsdatum", "Ingangsdatum", "De dag waarop de "
                                      "overeenkomst ingaat, als JJJJ-MM-DD.", default=None)
    until: IsoDate | None = field("einddatum", "Einddatum", "De laatste dag dat de "
                                  "overeenkomst geldt, als JJJJ-MM-DD (optioneel).",
                                  default=None)
    lead: Slug = field("penvoerder", "Penvoerder", "Kenmerk van de partij die de pen voert, "
                       "zoals ggd-flevoland.")
    compass: Text = field("kompas", "Kompas", "De vraag die richting geeft, in één zin.")
    considerations: tuple[Text, ...] = field("overwegingen", "Overwegingen", "De aanloop: "
                                             "waarom partijen samenwerken.", default=())
    operative: Text | None = field("afspraakzin", "Afspraakzin", "De zin tussen de "
                                   "overwegingen en artikel 1. Zonder deze sleutel: Partijen "
                                   "spreken het volgende af:", default=None)
    articles: tuple[Slug, ...] = field("artikelen", "Artikelen", "De kenmerken van de "
                                       "artikelen, in volgorde. De volgorde geeft de "
                                       "nummers.", min_length=1)
    annexes: tuple[Annex, ...] = field("bijlagen", "Bijlagen", "De bijlagen, in volgorde. "
                                       "Hun inhoud hoort bij wat partijen tekenen.",
                                       default=())
    signing: Signing | None = field("ondertekening", "Ondertekening", "Wat als bewijs van een "
                                    "ondertekening telt (niet bindend).", default=None)
    administrators: tuple[Administrator, ...] = field(
        "beheerders", "Beheerders", "Wie partijen.yaml en vertrouwd/ mag bijwerken namens de "
        "overeenkomst. Zonder deze lijst zijn dat de vertegenwoordigers van de penvoerder "
        "(niet bindend).", default=())

    def texts(self) -> Iterator[tuple[YamlPath, str]]:
        """The binding texts of the preamble with their YAML paths."""
        yield ("kompas",), self.compass
        for i, text in enumerate(self.considerations):
            yield ("overwegingen", i), text
        if self.operative is not None:
            yield ("afspraakzin",), self.operative

    @property
    def required_evidence(self) -> EvidenceRequirement:
        """What a sign-off must rest on (`ondertekening: {bewijs: …}`); git when not given."""
        return self.signing.evidence if self.signing is not None else Signing().evidence


FILE_MODELS: dict[str, type[Base]] = {
    "overeenkomst": AgreementMeta,
    "partijen": PartiesFile,
    "begrippen": TermsFile,
    "artikel": Article,
}

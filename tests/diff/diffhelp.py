"""Helpers for the diff tests: two writable versions of the sample agreement."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rechtmakers.agreement import Agreement, load_complete
from rechtmakers.diff import Comparison, compare

SAMPLE = Path(__file__).resolve().parents[2] / "agreements" / "positief-gezond-almere"


@dataclass
class Versions:
    """An old and a new copy of the sample agreement, to edit and compare."""

    old: Path
    new: Path

    def edit(self, rel: str, old: str, new: str, *, count: int = 1) -> None:
        """Replace text in a file of the new version; fail loudly when it is not there."""
        path = self.new / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= count, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        (self.new / rel).write_text(text, encoding="utf-8")

    def order(self, *article_ids: str) -> None:
        """Set the article list of the new version."""
        path = self.new / "overeenkomst.yaml"
        text = path.read_text(encoding="utf-8")
        head = text[:text.index("artikelen:")]
        path.write_text(head + "artikelen:\n" + "".join(f"  - {a}\n" for a in article_ids),
                        encoding="utf-8")

    def agreements(self) -> tuple[Agreement, Agreement]:
        return load_complete(self.old, label="oud"), load_complete(self.new, label="nieuw")

    def compare(self) -> Comparison:
        old, new = self.agreements()
        return compare(old, new)


ORDER = ("doel", "partijen", "besluitvorming", "conflictdialoog", "inwonerperspectief",
         "instappen", "gedrag", "veranderende-omstandigheden", "financiering", "privacy",
         "geheimhouding", "naar-buiten", "aansprakelijkheid", "nieuwe-versie", "looptijd",
         "berichten", "geschillen", "andere-afspraken")




LEREN = """id: samen-leren
titel: Zo leren we samen
onderwerp: overig
versie: 1
tekst: |
  We leren van elke casus. De stuurgroep bespreekt twee keer per jaar wat werkte, zoals
  [[looptijd.evaluatie]] beschrijft.
leden:
  - id: delen
    tekst: Elke partij deelt wat zij leert met @de-schoor en de andere partijen.
"""


def real_change(versions: Versions) -> None:
    """A change as a jurist makes one: a few articles edited, one inserted, one moved."""
    versions.edit("overeenkomst.yaml", "versie: 1.1.0", "versie: 1.2.0")
    versions.edit("overeenkomst.yaml", "Almere groeit snel.", "Almere groeit hard.")
    versions.edit("artikelen/besluitvorming.yaml", "Een besluit gaat door",
                  "Een voorstel gaat door")
    versions.edit("artikelen/besluitvorming.yaml", "drie werkdagen", "vijf werkdagen")
    versions.edit("artikelen/besluitvorming.yaml", "versie: 2", "versie: 3")
    versions.edit("artikelen/conflictdialoog.yaml", "binnen twee weken bij de penvoerder",
                  "binnen een week bij de penvoerder & de stuurgroep")
    versions.edit("artikelen/conflictdialoog.yaml", "versie: 2", "versie: 3")
    versions.edit("artikelen/looptijd.yaml", "Zo valt niemand tussen wal en schip.",
                  "Zo valt niemand tussen wal en schip. <script>alert(1)</script>")
    versions.edit("artikelen/looptijd.yaml", "versie: 2", "versie: 3")
    versions.write("artikelen/samen-leren.yaml", LEREN)
    order = [a for a in ORDER if a != "looptijd"]
    order.insert(order.index("instappen"), "looptijd")
    order.insert(order.index("besluitvorming"), "samen-leren")
    versions.order(*order)
    versions.edit("artikelen/doel.yaml", "toelichting: |\n",
                  "toelichting: |\n  Aangepast na de evaluatie.\n")

"""The closed vocabularies of the source format: the words a field may hold (topics, kinds of
party, statuses, legal forms, decision methods, the basis of authority).

The models (model.py) type their fields with these; the Dutch labels of the documents
(document/labels.py) and the checks read them from here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Topic = Literal[
    "doel", "partijen", "besluitvorming", "conflictdialoog", "inwonerperspectief", "instappen",
    "gedrag", "veranderende-omstandigheden", "financiering", "looptijd", "privacy",
    "aansprakelijkheid", "geschillen", "overig",
]
REQUIRED_TOPICS: tuple[str, ...] = ("partijen", "besluitvorming", "conflictdialoog",
                                    "inwonerperspectief")
PartyKind = Literal["zorg", "welzijn", "gemeente", "zorgverzekeraar", "publieke-gezondheid",
                    "onderwijs", "wonen", "overig"]
Status = Literal["concept", "ter-ondertekening", "vastgesteld"]
LegalForm = Literal["stichting", "vereniging", "coöperatie", "onderlinge waarborgmaatschappij",
                    "bv", "nv", "gemeente", "provincie", "waterschap", "openbaar lichaam",
                    "gemeenschappelijke regeling", "staat", "kerkgenootschap", "vof",
                    "maatschap", "eenmanszaak"]
EvidenceRequirement = Literal["git", "sleutel"]
DecisionMethod = Literal["consent", "consensus", "meerderheid", "unanimiteit"]


class Basis(StrEnum):
    """Waarop de bevoegdheid berust."""

    STATUTORY = "statutair"  # by law or the statutes: the body that represents the party
    MANDATE = "mandaat"  # public law: a written mandate (art. 10:3 Awb), after a decision
    POWER_OF_ATTORNEY = "volmacht"  # private law: a power of attorney (art. 3:60 BW)

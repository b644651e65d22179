"""Who may represent a party (P003, P004), the articles a signed agreement needs (C002), and the
basis of a representative's authority in every rendered format."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.checks.legal import represents_by_law
from rechtmakers.digest import content_digest

DATA = Path(__file__).parent / "data"
Cli = Callable[..., Any]
PARTIES = "minimal/partijen.yaml"
META = "minimal/overeenkomst.yaml"
ANNA = (9, 9)  # "- naam: Anna Jansen" of the stichting: the key naam
BRAM = (19, 9)  # "- naam: Bram de Vries", wethouder of the gemeente
GRONDSLAG = "        grondslag: mandaat\n"
DOOR = "        door: de burgemeester\n"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "minimal"
    shutil.copytree(DATA / "minimal", root)
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, rel)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings(cli: Cli, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    monkeypatch.chdir(root.parent)
    result = cli("validate", root.name, "--format", "json")
    assert "Traceback" not in result.output
    return [(f["code"], f["severity"], f["file"], f["line"], f["column"])
            for f in json.loads(result.output)]


def messages(cli: Cli, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(root.parent)
    return [f["message"] for f in json.loads(cli("validate", root.name, "--format",
                                                 "json").output)]


# P003: the basis of the authority, where the function does not represent by law.

def test_the_minimal_agreement_with_its_mandate_is_clean(minimal: Path, cli: Cli,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert findings(cli, minimal, monkeypatch) == []


def test_p003_a_wethouder_without_a_basis(minimal: Path, cli: Cli,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", GRONDSLAG + DOOR, "")
    assert findings(cli, minimal, monkeypatch) == [("P003", "warning", PARTIES, *BRAM)]
    assert "Bram de Vries (wethouder)" in messages(cli, minimal, monkeypatch)[0]


def test_p003_the_burgemeester_needs_no_basis(minimal: Path, cli: Cli,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "functie: wethouder\n" + "        email: bram@gemeente"
         ".example\n" + GRONDSLAG + DOOR, "functie: burgemeester\n        email: "
         "bram@gemeente.example\n")
    assert findings(cli, minimal, monkeypatch) == []


def test_p003_a_manager_of_a_stichting(minimal: Path, cli: Cli,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "functie: directeur-bestuurder", "functie: manager zorginkoop")
    assert findings(cli, minimal, monkeypatch) == [("P003", "warning", PARTIES, *ANNA)]


@pytest.mark.parametrize("function", ["bestuurder", "voorzitter raad van bestuur",
                                      "lid raad van bestuur", "Directeur-Bestuurder",
                                      "statutair directeur"])
def test_p003_a_member_of_the_board_needs_no_basis(function: str, minimal: Path, cli: Cli,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "functie: directeur-bestuurder", f"functie: {function}")
    assert findings(cli, minimal, monkeypatch) == []


@pytest.mark.parametrize("basis", ["statutair", "volmacht\n        door: het bestuur"])
def test_p003_a_manager_with_a_basis(basis: str, minimal: Path, cli: Cli,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "functie: directeur-bestuurder\n        email: "
         "anna@wijkteam.example\n", "functie: manager\n        email: anna@wijkteam.example\n"
         f"        grondslag: {basis}\n")
    assert findings(cli, minimal, monkeypatch) == []


@pytest.mark.parametrize("function, legal_form, kind, by_law", [
    ("burgemeester", "gemeente", "gemeente", True),
    ("wethouder", "gemeente", "gemeente", False),
    ("bestuurder", "gemeente", "gemeente", False),  # only the burgemeester, for a gemeente
    ("burgemeester", None, "gemeente", True),
    ("directeur publieke gezondheid", "openbaar lichaam", "publieke-gezondheid", False),
    ("voorzitter algemeen bestuur", "openbaar lichaam", "publieke-gezondheid", True),
    ("manager zorginkoop regio Flevoland", "nv", "zorgverzekeraar", False),
    ("directeur", "stichting", "welzijn", False),
    ("bestuurder en huisarts", "coöperatie", "zorg", True),
    ("raad-van-bestuur", "stichting", "zorg", True),
    ("oud-bestuurder", "stichting", "zorg", True),  # words, not judgement: oud- is a word
    ("bestuurderssecretaris", "stichting", "zorg", False),
])
def test_represents_by_law(function: str, legal_form: str | None, kind: str,
                           by_law: bool) -> None:
    assert represents_by_law(function, legal_form, kind) is by_law


def test_a_very_long_function_is_read_in_linear_time() -> None:
    start = time.perf_counter()
    assert not represents_by_law("manager " * 200_000, "stichting", "zorg")
    assert not represents_by_law("a-" * 200_000, "gemeente", "gemeente")
    assert time.perf_counter() - start < 1.0


# P004: a mandate says by whom; door and besluit only with a mandate or power of attorney.

def test_p004_a_mandate_without_door(minimal: Path, cli: Cli,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", DOOR, "")
    assert findings(cli, minimal, monkeypatch) == [("P004", "warning", PARTIES, 22, 20)]


def test_p004_door_without_a_basis(minimal: Path, cli: Cli,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", GRONDSLAG, "")
    assert findings(cli, minimal, monkeypatch) == [("P003", "warning", PARTIES, *BRAM),
                                                   ("P004", "warning", PARTIES, 22, 9)]


def test_p004_a_decision_with_a_mandate_is_fine(minimal: Path, cli: Cli,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", DOOR, DOOR + "        besluit:\n          naam: "
         "collegebesluit\n          datum: 2026-03-03\n          kenmerk: 2026-114\n")
    assert findings(cli, minimal, monkeypatch) == []


def test_p004_a_decision_with_a_statutory_basis(minimal: Path, cli: Cli,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", GRONDSLAG + DOOR, "        grondslag: statutair\n"
         "        besluit:\n          naam: collegebesluit\n          datum: 2026-03-03\n")
    assert findings(cli, minimal, monkeypatch) == [("P004", "warning", PARTIES, 23, 9)]


def test_a_wrong_basis_is_a_schema_error(minimal: Path, cli: Cli,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "partijen.yaml", "grondslag: mandaat", "grondslag: machtiging")
    assert ("S004", "error", PARTIES, 22, 20) in findings(cli, minimal, monkeypatch)
    assert any("Kies uit: statutair, mandaat, volmacht." in m
               for m in messages(cli, minimal, monkeypatch))


def test_the_basis_is_outside_the_digest(minimal: Path) -> None:
    agreement, _ = load_agreement(minimal)
    before = content_digest(agreement)
    edit(minimal, "partijen.yaml", GRONDSLAG + DOOR, "        grondslag: volmacht\n        door: "
         "de raad\n        besluit:\n          naam: besluit\n          datum: 2026-03-03\n")
    agreement, problems = load_agreement(minimal)
    assert problems == []
    assert content_digest(agreement) == before


# C002: the articles an agreement needs before it is signed.

TOPICS = ("financiering", "looptijd", "privacy", "aansprakelijkheid", "geschillen")


def test_c002_a_concept_may_lack_them(minimal: Path, cli: Cli,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert findings(cli, minimal, monkeypatch) == []


def test_c002_an_agreement_for_signing_without_them(minimal: Path, cli: Cli,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "overeenkomst.yaml", "status: concept", "status: ter-ondertekening")
    assert findings(cli, minimal, monkeypatch) == [("C002", "warning", META, 11, 1)] * 5
    said = " ".join(messages(cli, minimal, monkeypatch))
    assert all(f'onderwerp "{topic}"' in said for topic in TOPICS)


def add_topics(root: Path, topics: tuple[str, ...]) -> None:
    for topic in topics:
        (root / "artikelen" / f"{topic}.yaml").write_text(
            f"id: {topic}\ntitel: Over {topic}\nonderwerp: {topic}\nversie: 1\ntekst: We "
            "spreken dit samen af.\n", encoding="utf-8")
    meta = root / "overeenkomst.yaml"
    meta.write_text(meta.read_text(encoding="utf-8")
                    + "".join(f"  - {t}\n" for t in topics), encoding="utf-8")


def test_c002_an_agreement_for_signing_with_them(minimal: Path, cli: Cli,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "overeenkomst.yaml", "status: concept", "status: ter-ondertekening")
    add_topics(minimal, TOPICS)
    assert findings(cli, minimal, monkeypatch) == []


def test_c002_names_only_what_is_missing(minimal: Path, cli: Cli,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    edit(minimal, "overeenkomst.yaml", "status: concept", "status: ter-ondertekening")
    add_topics(minimal, tuple(t for t in TOPICS if t != "privacy"))
    assert findings(cli, minimal, monkeypatch) == [("C002", "warning", META, 11, 1)]
    assert 'onderwerp "privacy"' in messages(cli, minimal, monkeypatch)[0]

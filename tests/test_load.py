"""The loader: positions of every value, and every refusal at its exact place."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from rechtmakers.load import MAX_FILE_BYTES, LoadRefusal, read_yaml


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "artikel.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_yaml(path)


def refusal(tmp_path: Path, text: str | bytes) -> tuple[str, int, int]:
    with pytest.raises(LoadRefusal) as info:
        load(tmp_path, text)
    return info.value.code, info.value.line, info.value.column


def test_values_and_their_positions(tmp_path: Path) -> None:
    source = load(tmp_path, "id: doel\nversie: 2\ndatum: 2026-01-21\nleden:\n  - id: a\n"
                            "    tekst: Eén.\n")
    assert source.data == {"id": "doel", "versie": 2, "datum": dt.date(2026, 1, 21),
                           "leden": [{"id": "a", "tekst": "Eén."}]}
    assert (source.location(("versie",)).line, source.location(("versie",)).column) == (2, 9)
    key = source.location(("leden", 0, "tekst"), key=True)
    assert (key.line, key.column) == (6, 5)
    value = source.location(("leden", 0, "tekst"))
    assert (value.line, value.column) == (6, 12)


def test_missing_path_falls_back_to_nearest_ancestor(tmp_path: Path) -> None:
    source = load(tmp_path, "id: doel\nleden:\n  - id: a\n")
    loc = source.location(("leden", 0, "tekst"))
    assert (loc.line, loc.column) == (3, 5)


@pytest.mark.parametrize(("text", "offset", "expected"), [
    ("tekst: Wij doen mee.\n", 4, (1, 12)),                          # plain
    ('tekst: "Wij doen mee."\n', 4, (1, 13)),                        # double quoted
    ("tekst: 'Wij''s doen'\n", 6, (1, 16)),                          # single quoted, escape
    ("tekst: |\n  Eerste regel.\n  Wij doen mee.\n", 18, (3, 7)),   # literal block
    ("tekst: >\n  Eerste regel.\n  Wij doen mee.\n", 18, (3, 7)),   # folded block
    ("tekst: Eerste regel\n  en tweede regel.\n", 16, (2, 6)),        # multi-line plain
    ("tekst: |\n  Héél fijn: ‘wij’ doen mee.\n", 17, (2, 20)),       # non-ASCII characters
])
def test_offsets_inside_scalars(tmp_path: Path, text: str, offset: int,
                                expected: tuple[int, int]) -> None:
    source = load(tmp_path, text)
    loc = source.offset_location(("tekst",), offset)
    assert (loc.line, loc.column) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\nb: 2\na: 3\n", ("Y007", 3, 1)),
    ("a:\n  b: 1\n  c: 2\n  b: 3\n", ("Y007", 4, 3)),
    ("a: &x 1\n", ("Y006", 1, 4)),
    ("a: x\nb: *x\n", ("Y006", 2, 4)),
    ("a: !!python/object/apply:os.system ['ls']\n", ("Y005", 1, 4)),
    ("a: !!binary aGVsbG8=\n", ("Y005", 1, 4)),
    ("a: !eigen x\n", ("Y005", 1, 4)),
    ("a:\n\t- b\n", ("Y002", 2, 1)),
    ("a:\n  \tb: 1\n", ("Y002", 2, 3)),
    ("", ("Y004", 1, 1)),
    ("  \n\n", ("Y004", 1, 1)),
    ("# alleen commentaar\n", ("Y004", 1, 1)),
    ("a: [b\n", ("Y001", 1, 4)),
    ("a: b: c\n", ("Y001", 1, 5)),
    ("a: 'open\n", ("Y001", 1, 4)),
    ("a: 1\n---\nb: 2\n", ("Y010", 2, 1)),
    ("? [a]\n: b\n", ("Y011", 1, 3)),
    ("a: " + "[" * 30 + "]" * 30 + "\n", ("Y008", 1, 23)),
    ("a: " + "{b: " * 30 + "}" * 30 + "\n", ("Y008", 1, 80)),
])
def test_refusals(tmp_path: Path, text: str, expected: tuple[str, int, int]) -> None:
    assert refusal(tmp_path, text) == expected


def test_messages_are_ours_not_pyyaml(tmp_path: Path) -> None:
    with pytest.raises(LoadRefusal) as info:
        load(tmp_path, "a: b: c\n")
    assert "mapping values" not in info.value.message
    assert "dubbele punt" in info.value.message


def test_invalid_utf8_position(tmp_path: Path) -> None:
    assert refusal(tmp_path, b"a: goed\nb: f\xc3\xa9 \xff\n") == ("Y003", 2, 7)


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, "a: b\x00\n")[0] == "Y003"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert load(tmp_path, b"\xef\xbb\xbfa: b\n").data == {"a": "b"}


def test_large_file_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    with path.open("wb") as out:
        out.write(b"tekst: |\n")
        out.write(b"  " + b"x" * 100 + b"\n" * 1)
        out.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(LoadRefusal) as info:
        read_yaml(path)
    assert info.value.code == "Y009"
    assert time.perf_counter() - start < 1.0
    assert path.stat().st_size > MAX_FILE_BYTES


def test_alias_bomb_refused_quickly(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]"
              for i in range(20)]
    start = time.perf_counter()
    assert refusal(tmp_path, "\n".join(lines) + "\n") == ("Y006", 1, 4)
    assert time.perf_counter() - start < 1.0


def test_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(LoadRefusal) as info:
        read_yaml(tmp_path / "bestaat-niet.yaml")
    assert info.value.code == "Y012"


def test_python_tag_constructs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "gemaakt"
    with pytest.raises(LoadRefusal):
        load(tmp_path, f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


def test_plain_scalars_resolve_like_yaml(tmp_path: Path) -> None:
    source = load(tmp_path, "a: 3\nb: '3'\nc: ja\nd: true\ne: ~\nf: 2026-13-45\ng: 1.5\n")
    assert source.data == {"a": 3, "b": "3", "c": "ja", "d": True, "e": None,
                           "f": "2026-13-45", "g": 1.5}


# Syntax errors at the line of the mistake (not where libyaml gave up), each with its own
# message in the jurist's terms.
@pytest.mark.parametrize(("text", "expected", "words"), [
    # a key without its colon: libyaml stops on the next line
    ("id: doel\ntitel Zo nemen we besluiten\nonderwerp: besluitvorming\n", (2, 1),
     'Na "titel" ontbreekt de dubbele punt'),
    ("leden:\n  - id: a\n    tekst Iets\n    versie: 1\n", (3, 5),
     'Na "tekst" ontbreekt de dubbele punt'),
    ("id: doel\nZo nemen we besluiten\nonderwerp: besluitvorming\n", (2, 1),
     "ontbreekt de dubbele punt na de sleutel"),
    # a quote that opens and never closes: libyaml stops at the end of the file …
    ('id: doel\ntitel: "Zo nemen we besluiten\nonderwerp: besluitvorming\nversie: 1\n',
     (2, 8), 'Hier opent een aanhalingsteken (") dat nergens sluit'),
    ("id: doel\ntitel: 'Zo nemen we besluiten\nversie: 1\n", (2, 8),
     "aanhalingsteken (') dat nergens sluit"),
    # … or at a later quote, which it takes for the closing one
    ('id: doel\ntitel: "Zo nemen we besluiten\nversie: 1\ntekst: "Wij besluiten."\n', (2, 8),
     "dat nergens sluit"),
    ('leden:\n  - "Eerste punt\n  - tweede punt\n', (2, 5), "dat nergens sluit"),
    # a line of a text block that is not indented: libyaml stops on the line after it
    ("id: doel\ntekst: |\n  Wij besluiten samen.\nDaarna stellen we vast.\nversie: 1\n", (4, 1),
     "Deze regel hoort bij de tekst erboven (tekst |), maar springt niet in"),
    ("leden:\n  - id: a\n    tekst: |\n      Eerste regel.\n    tweede regel.\n    versie: 1\n",
     (5, 5), "hoort bij de tekst erboven"),
    ("leden:\n  - id: a\n    tekst: >\n      Eerste regel.\ntweede regel.\n", (5, 1),
     "hoort bij de tekst erboven"),
    # a list item without its dash: libyaml stops on a later line
    ("gedrag:\n  helpt:\n    - Luisteren.\n    Doorvragen.\n    - Samenvatten.\n", (4, 5),
     'begint niet met "- "'),
    ("leden:\n  - id: a\n    tekst: b\n  - id: c\n    tekst: d\n  id: e\n    tekst: f\n",
     (6, 3), 'begint niet met "- "'),
    # plain text that starts with a character YAML reserves
    ("tekst: *Altijd* overleggen.\n", (1, 8), "Tekst die begint met * leest YAML als"),
    ("tekst: *Altijd overleggen.\n", (1, 8), "Tekst die begint met * leest YAML als"),
    ("helpt:\n  - *Altijd* overleggen.\n", (2, 5), "Tekst die begint met *"),
    ("tekst: &Samen besluiten.\n", (1, 8), "Tekst die begint met & leest YAML als een anker"),
    ("tekst: !Let op.\n", (1, 8), "Tekst die begint met ! leest YAML als een YAML-tag"),
    ("tekst: %50 van de kosten.\n", (1, 8), "Tekst die begint met % leest"),
    ("tekst: @ggd-flevoland betaalt.\n", (1, 8), "Tekst die begint met @ leest"),
    ("tekst: `code` telt.\n", (1, 8), "Tekst die begint met ` leest"),
    # ": " inside plain text
    ("titel: Let op: zo nemen we besluiten\n", (1, 14), "dubbele punt met een spatie"),
    ("tekst: Dit is zo\n  en let op: dit ook.\n", (2, 12), "dubbele punt met een spatie"),
    # a bracket that never closes
    ("artikelen: [doel, besluitvorming\nversie: 1\n", (1, 12), "Hier opent een haak ([)"),
])
def test_syntax_error_at_the_mistake(tmp_path: Path, text: str, expected: tuple[int, int],
                                     words: str) -> None:
    with pytest.raises(LoadRefusal) as info:
        load(tmp_path, text)
    assert (info.value.line, info.value.column) == expected
    assert words in info.value.message
    assert "|" in info.value.message or "aanhalingsteken" in info.value.message \
        or "dubbele punt" in info.value.message or "- " in info.value.message \
        or "inspringen" in info.value.message


def test_every_reserved_first_character_says_quote_it_or_use_a_block(tmp_path: Path) -> None:
    for char in "*&!%@`":
        with pytest.raises(LoadRefusal) as info:
            load(tmp_path, f"tekst: {char}Altijd overleggen.\n")
        assert "tussen aanhalingstekens" in info.value.message
        assert "|" in info.value.message
        assert "alias" not in info.value.message or char == "*"


@pytest.mark.parametrize(("text", "path", "hash_at"), [
    ("tekst: Zo kan een partij bezwaar indienen #2.\n", ("tekst",), (1, 43)),
    ("titel: Wat helpt #1 en wat niet\n", ("titel",), (1, 18)),
    ('titel: "Wat helpt" #1 en wat niet\n', ("titel",), (1, 20)),
    ("helpt:\n  - Luisteren #echt\n", ("helpt", 0), (2, 15)),
])
def test_comment_that_cuts_a_text_is_recorded_at_its_hash(
        tmp_path: Path, text: str, path: tuple[str | int, ...], hash_at: tuple[int, int]) -> None:
    source = load(tmp_path, text)
    loc = source.index_location(source.cut_by_comment[path])
    assert (loc.line, loc.column) == hash_at


def test_comments_on_their_own_line_or_in_a_block_cut_nothing(tmp_path: Path) -> None:
    source = load(tmp_path, "# kop\ntekst: |\n  Punt #1 blijft.\n# slot\nversie: 1  # hoger\n"
                            "titel: 'Wat helpt #1'\n")
    assert source.cut_by_comment == {}

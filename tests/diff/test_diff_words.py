"""Word-level edits: tokens that rebuild the text, and edits that read well."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from rechtmakers.diff.myers import ALIGN_EDITS, MAX_PAIRS, alignment_opcodes, opcodes
from rechtmakers.diff.words import (
    Edit,
    line_edits,
    new_text,
    old_text,
    split_lines,
    tokenize,
    word_edits,
)

TEXT = st.text(alphabet=st.sampled_from(list("ab cé,.\n\t-'’0")) | st.characters(), max_size=80)
WORDS = st.lists(st.sampled_from(["de", "het", "stuurgroep", "besluit", ",", ".", " ", "\n",
                                  "artikel", "3", "4.1", "inwoner", "  "]), max_size=40)


@given(TEXT)
def test_tokens_rebuild_the_text_exactly(text: str) -> None:
    assert "".join(tokenize(text)) == text


@given(TEXT, TEXT)
def test_word_edits_rebuild_both_texts(old: str, new: str) -> None:
    edits = word_edits(old, new)
    assert old_text(edits) == old
    assert new_text(edits) == new


@given(WORDS, WORDS)
def test_word_edits_rebuild_sentences(old: list[str], new: list[str]) -> None:
    edits = word_edits("".join(old), "".join(new))
    assert old_text(edits) == "".join(old)
    assert new_text(edits) == "".join(new)
    assert all(e.text for e in edits)
    assert all(a.op != b.op for a, b in zip(edits, edits[1:], strict=False))


@given(st.lists(st.sampled_from(["a\n", "b\n", "c d\n", "c e\n", "f\n"]), max_size=8),
       st.lists(st.sampled_from(["a\n", "b\n", "c d\n", "c e\n", "f\n"]), max_size=8))
def test_line_edits_rebuild_both_texts(old: list[str], new: list[str]) -> None:
    edits = line_edits(old, new)
    assert old_text(edits) == "".join(old)
    assert new_text(edits) == "".join(new)


@given(st.lists(st.sampled_from("abcd"), max_size=15), st.lists(st.sampled_from("abcd"),
                                                                 max_size=15))
def test_shortest_edit_script_is_complete_and_minimal(a: list[str], b: list[str]) -> None:
    codes = opcodes(a, b, limit=100)
    assert codes is not None
    kept = [x for tag, i1, i2, _, _ in codes if tag == "equal" for x in a[i1:i2]]
    assert [x for tag, _, _, j1, j2 in codes if tag == "equal" for x in b[j1:j2]] == kept
    assert len(kept) == _lcs(a, b)


def _lcs(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], previous + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def test_edit_limit_gives_up() -> None:
    assert opcodes(list("abcdef"), list("uvwxyz"), limit=3) is None


def test_a_long_rewritten_text_keeps_its_common_start_and_end_in_linear_time() -> None:
    # Too many edits for the shortest script and too many token pairs for difflib's search.
    old = "Artikel één. " + " ".join(f"oud{i}" for i in range(1_200)) + " Einde."
    new = "Artikel één. " + " ".join(f"nieuw{i}" for i in range(1_200)) + " Einde."
    assert len(tokenize(old)) * len(tokenize(new)) > MAX_PAIRS
    start = time.perf_counter()
    edits = word_edits(old, new)
    assert time.perf_counter() - start < 2
    assert old_text(edits) == old and new_text(edits) == new
    assert edits[0] == Edit("equal", "Artikel één. ") and edits[-1] == Edit("equal", " Einde.")


def test_a_short_rewritten_text_is_matched_by_its_longest_common_stretches() -> None:
    old = " ".join(f"oud{i}" for i in range(150)) + " de stuurgroep besluit"
    new = " ".join(f"nieuw{i}" for i in range(150)) + " de stuurgroep besluit samen"
    edits = word_edits(old, new)
    assert old_text(edits) == old and new_text(edits) == new
    assert Edit("equal", " de stuurgroep besluit") in edits


def test_alignment_keeps_the_shortest_script_up_to_its_bound_then_replaces_the_middle() -> None:
    a = ["begin", *(f"a{i}" for i in range(ALIGN_EDITS)), "eind"]
    b = ["begin", *(f"b{i}" for i in range(ALIGN_EDITS)), "eind"]
    assert alignment_opcodes(a, b) == [("equal", 0, 1, 0, 1),
                                       ("replace", 1, len(a) - 1, 1, len(b) - 1),
                                       ("equal", len(a) - 1, len(a), len(b) - 1, len(b))]
    few = ["begin", "a0", "midden", "a1", "eind"]
    assert alignment_opcodes(few, a[:1] + ["midden"] + a[-1:]) == opcodes(
        few, a[:1] + ["midden"] + a[-1:], ALIGN_EDITS)


def test_a_changed_word_is_one_edit_with_its_neighbours_kept() -> None:
    assert word_edits("We nemen besluiten samen.", "We nemen besluiten gezamenlijk.") == [
        Edit("equal", "We nemen besluiten "), Edit("delete", "samen"),
        Edit("insert", "gezamenlijk"), Edit("equal", ".")]


def test_a_short_kept_stretch_between_changes_is_folded_in() -> None:
    edits = word_edits("We nemen de grote besluiten samen.", "We nemen het kleine besluit samen.")
    assert edits == [Edit("equal", "We nemen "), Edit("delete", "de grote besluiten"),
                     Edit("insert", "het kleine besluit"), Edit("equal", " samen.")]


def test_punctuation_and_spacing_are_kept() -> None:
    edits = word_edits("Eén vraag:  wat nodig?", "Eén vraag: wat is nodig?")
    assert old_text(edits) == "Eén vraag:  wat nodig?"
    assert new_text(edits) == "Eén vraag: wat is nodig?"
    assert Edit("insert", "is ") in edits or Edit("insert", " is") in edits


def test_renumbered_reference_shows_only_the_number() -> None:
    assert word_edits("zie artikel 4.", "zie artikel 5.") == [
        Edit("equal", "zie artikel "), Edit("delete", "4"), Edit("insert", "5"),
        Edit("equal", ".")]


def test_inserted_line_stays_whole() -> None:
    edits = line_edits(["Titel\n", "Eerste.\n"], ["Titel\n", "Nieuw lid.\n", "Eerste.\n"])
    assert edits == [Edit("equal", "Titel\n"), Edit("insert", "Nieuw lid.\n"),
                     Edit("equal", "Eerste.\n")]


def test_split_lines_cuts_at_newlines() -> None:
    edits = [Edit("equal", "Titel\nEen "), Edit("delete", "oud"), Edit("insert", "nieuw\nlid"),
             Edit("equal", ".\n")]
    assert split_lines(edits) == [
        [Edit("equal", "Titel")],
        [Edit("equal", "Een "), Edit("delete", "oud"), Edit("insert", "nieuw")],
        [Edit("insert", "lid"), Edit("equal", ".")],
    ]


def test_no_edits_for_two_empty_texts() -> None:
    assert word_edits("", "") == []
    assert line_edits([], []) == []

"""Syllable counts, including the words that pyphen gets wrong (PLAIN_LANGUAGE.md)."""

from __future__ import annotations

import pytest

from rechtmakers.language import count_syllables


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("over", 2),
        ("overeenkomst", 4),
        ("idee", 2),
        ("radio", 3),
        ("mooie", 2),  # moo-ie, like draai-en: pronounced /moː.jə/
        ("België", 3),
        ("ideeën", 3),
        ("geïnteresseerd", 5),
        ("nieuw", 1),
        ("leeuw", 1),
        ("koeien", 2),
        ("draaien", 2),
        ("financieel", 4),
        ("situatie", 4),
        ("Iedere", 3),
        ("onmiddellijke", 5),
        ("samenwerkingsovereenkomst", 8),
        ("niveau", 2),
        ("e-mail", 2),
        ("zo'n", 1),
        ("auto's", 2),
        ("GGD", 3),
        ("teamleider", 3),
        ("quotum", 2),
        ("a", 1),
    ],
)
def test_count_syllables(word: str, expected: int) -> None:
    assert count_syllables(word) == expected

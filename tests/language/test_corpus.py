"""T001 on the labelled corpus: no false alarms, and at most one miss in ten."""

from __future__ import annotations

from corpus_score import load_corpus, score


def test_corpus_is_balanced() -> None:
    rows = load_corpus()
    with_jargon = sum(1 for _, labels in rows if labels)
    assert len(rows) >= 60
    assert with_jargon >= 30 and len(rows) - with_jargon >= 30


def test_jargon_precision_and_recall() -> None:
    result = score(load_corpus())
    assert result.false_positives == []
    assert result.precision == 1.0
    assert result.recall >= 0.9, result.missed

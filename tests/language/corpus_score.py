"""Score rule T001 on the labelled corpus: precision and recall of the jargon it finds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rechtmakers.language import check_text

CORPUS = Path(__file__).with_name("corpus.tsv")


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: list[tuple[str, str]]
    missed: list[tuple[str, str]]

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + len(self.missed)
        return self.true_positives / expected if expected else 1.0


def load_corpus(path: Path = CORPUS) -> list[tuple[str, list[str]]]:
    """(sentence, labelled jargon) pairs; a label is written as it stands in the sentence."""
    rows: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, _, labels = line.partition("\t")
        rows.append((sentence, [label.strip() for label in labels.split("|") if label.strip()]))
    return rows


def _matches(label: str, found: str) -> bool:
    """A finding matches a label when it starts and ends with the label's first and last word."""
    words, found_words = label.lower().split(), found.lower().split()
    return found_words[0] == words[0] and found_words[-1] == words[-1]


def score(rows: list[tuple[str, list[str]]]) -> Score:
    hits, false_positives, missed = 0, [], []
    for sentence, labels in rows:
        found = [sentence[f.start:f.end] for f in check_text(sentence) if f.code == "T001"]
        open_labels = list(labels)
        for text in found:
            label = next((lab for lab in open_labels if _matches(lab, text)), None)
            if label is None:
                false_positives.append((sentence, text))
            else:
                hits += 1
                open_labels.remove(label)
        missed.extend((sentence, label) for label in open_labels)
    return Score(hits, false_positives, missed)

"""Benchmark the plain-language checks (prints figures; not a test).

Target (issue 6): every language check over a synthetic agreement of 1,000 articles in
≤ 0.25 s. Texts come from benchmarks/synth.py when it is there, else from a small generator
below. Also prints precision and recall of T001 on tests/language/corpus.tsv.

    python benchmarks/bench_language.py [--articles 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "language")]

from rechtmakers.language import check_text, readability, unused_terms  # noqa: E402
from rechtmakers.language.analysis import analyse  # noqa: E402


def synthetic_texts(articles: int) -> tuple[list[str], list[str]]:
    """Binding texts and defined terms of a synthetic agreement."""
    try:
        import synth
    except ImportError:
        return _fallback_texts(articles), []
    from rechtmakers.agreement import load_agreement

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "synthetisch"
        synth.generate(root, articles=articles, parties=15, seed=1)
        agreement, _ = load_agreement(root)
        texts = [text for _, _, text in agreement.binding_texts()]
        return texts, [term.term for term in agreement.terms]


_WORDS = ("de het een en van in op met voor aan door bij partijen gemeente stuurgroep inwoner "
          "zorg welzijn overleg afspraken kosten jaar besluit besproken vastgesteld werken "
          "samen nodig goed elke indien jegens reeds [[besluitvorming.consent]] @de-schoor "
          "o.a. 1.200,50 niet geen").split()


def _fallback_texts(articles: int) -> list[str]:
    rng = random.Random(1)

    def sentence() -> str:
        words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 24))]
        return " ".join(words).capitalize() + "."

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 6)))

    return ["\n\n".join(paragraph() for _ in range(6)) + "\n\n- " + sentence()
            for _ in range(articles)]


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """Best wall and CPU seconds of work over runs, each with a cold analysis cache.

    The word caches (syllables, features) stay warm after the first run, as they would in a
    long-running process; the first run, with every cache empty, is printed separately.
    """
    walls, cpus = [], []
    for _ in range(runs):
        analyse.cache_clear()
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    texts, terms = synthetic_texts(args.articles)
    defined = frozenset(terms)
    size = sum(len(text) for text in texts) / 1e6
    print(f"{len(texts)} texts, {size:.2f} MB of clause text, {len(terms)} defined terms")

    def all_checks() -> None:
        for text in texts:
            check_text(text, defined_terms=defined)
        readability(texts)
        unused_terms(terms, texts)

    wall, cpu = best_of(1, all_checks)
    print(f"{'first run, every cache empty':45} {wall:6.3f} s wall  {cpu:6.3f} s cpu")
    figures = {
        "check_text over all texts": lambda: [check_text(t, defined_terms=defined)
                                              for t in texts],
        "readability (cold)": lambda: readability(texts),
        "all language checks (T001–T007 + scores)": all_checks,
    }
    for name, work in figures.items():
        wall, cpu = best_of(args.runs, work)
        print(f"{name:45} {wall:6.3f} s wall  {cpu:6.3f} s cpu")
    findings = sum(len(check_text(t, defined_terms=defined)) for t in texts)
    print(f"findings on the synthetic texts: {findings}")

    from corpus_score import load_corpus, score

    result = score(load_corpus())
    print(f"T001 on corpus.tsv: precision {result.precision:.3f}, recall {result.recall:.3f}"
          f" ({result.true_positives} found, {len(result.false_positives)} false alarms, "
          f"{len(result.missed)} missed)")


if __name__ == "__main__":
    main()

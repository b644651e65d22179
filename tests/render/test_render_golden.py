"""Golden files: the sample agreement's Markdown and HTML, byte for byte."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"

CASES = [
    ("md", False, "positief-gezond-almere.md"),
    ("html", False, "positief-gezond-almere.html"),
    ("md", True, "positief-gezond-almere-toelichting.md"),
]


@pytest.mark.parametrize(("fmt", "explanations", "golden"), CASES)
def test_sample_matches_golden(render_files: Callable[..., dict[str, bytes]], sample_dir: Path,
                               update_golden: bool, fmt: str, explanations: bool,
                               golden: str) -> None:
    actual = render_files(sample_dir, (fmt,), explanations=explanations)[fmt].decode("utf-8")
    path = GOLDEN / golden
    if update_golden:
        path.write_text(actual, encoding="utf-8", newline="")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            actual.splitlines(keepends=True),
                                            fromfile=f"golden/{golden}", tofile="weergegeven"))
        pytest.fail(f"{golden} wijkt af (pytest --update-golden schrijft het opnieuw):\n"
                    f"{diff[:6000]}")

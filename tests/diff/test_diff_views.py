"""The views of a real change to the sample agreement: golden Markdown and HTML, JSON, terminal."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from diffhelp import Versions, real_change

from rechtmakers.diff import Comparison, compare
from rechtmakers.diff.html import render_html
from rechtmakers.diff.json import render_json
from rechtmakers.diff.markdown import render_markdown
from rechtmakers.diff.terminal import render_terminal
from rechtmakers.diff.words import new_text, old_text

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def comparison(versions: Versions) -> Comparison:
    real_change(versions)
    old, new = versions.agreements()
    return compare(old, new, old_label="v1.1.0", new_label="werkmap")


def check_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"{name} (verwacht)", f"{name} (nu)"))
        pytest.fail(f"{name} wijkt af (pytest --update-golden schrijft het opnieuw):\n{diff}")


def test_markdown_golden(comparison: Comparison, update_golden: bool) -> None:
    check_golden("wijzigingen.md", render_markdown(comparison), update_golden)


def test_html_golden(comparison: Comparison, update_golden: bool) -> None:
    check_golden("redline.html", render_html(comparison), update_golden)


def test_kinds_of_the_real_change(comparison: Comparison) -> None:
    kinds = {a.id: a.kinds for a in comparison.articles if a.kinds}
    assert kinds["samen-leren"] == ("added",)
    assert kinds["looptijd"] == ("changed", "moved")
    assert kinds["besluitvorming"] == ("changed", "renumbered")
    assert [a for a, k in kinds.items() if "moved" in k] == ["looptijd"]
    assert [a.id for a in comparison.explanations] == ["doel"]


def test_markdown_escapes_clause_text(comparison: Comparison) -> None:
    text = render_markdown(comparison)
    assert "<script>" not in text
    assert "<ins> \\&lt;script\\&gt;alert(1)\\&lt;/script\\&gt;</ins>" in text or \
        "\\<script\\>" in text
    assert "| 4 (was 3) | Zo nemen we besluiten | gewijzigd, vernummerd |" in text


def test_html_is_a_dutch_standalone_page_with_escaped_text(comparison: Comparison) -> None:
    page = render_html(comparison)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Old and new visibly apart: a thin space between them.
    assert "Een <del>besluit</del>\u2009<ins>voorstel</ins> gaat door" in page
    assert "<link" not in page and "src=" not in page  # nothing to fetch: standalone
    # the whole document: an unchanged article is there too, without edits
    assert 'id="artikel-7"' in page and "Wat instappen betekent" in page


def test_views_are_deterministic(versions: Versions) -> None:
    real_change(versions)
    first = [render_html(versions.compare()), render_markdown(versions.compare())]
    second = [render_html(versions.compare()), render_markdown(versions.compare())]
    assert first == second


def test_json_shape_and_rebuild(comparison: Comparison) -> None:
    data = json.loads(render_json(comparison))
    assert set(data) == {"agreement", "old", "new", "summary", "binding_changed", "changes",
                         "explanations", "metadata"}
    looptijd = [c for c in data["changes"] if c["article"] == "looptijd"]
    assert [c["kind"] for c in looptijd] == ["changed", "moved"]
    changed, moved = looptijd
    assert (changed["number_old"], changed["number_new"]) == (15, 7)
    assert changed["substantive"] and changed["binding"] and moved["edits"] == []
    assert moved["binding"] and not moved["substantive"]  # the order binds; the text is the same
    article = next(a for a in comparison.articles if a.id == "looptijd")
    assert "".join(e["text"] for e in changed["edits"] if e["op"] != "insert") == old_text(
        article.edits)
    assert "".join(e["text"] for e in changed["edits"] if e["op"] != "delete") == new_text(
        article.edits)
    renumbered = next(c for c in data["changes"] if c["kind"] == "renumbered")
    assert renumbered["substantive"] is False and renumbered["edits"] == []
    assert renumbered["binding"] is False
    added = next(c for c in data["changes"] if c["kind"] == "added")
    assert [e["op"] for e in added["edits"]] == ["insert"]
    assert data["explanations"][0]["article"] == "doel"
    assert {m["field"] for m in data["metadata"]} == {"versie", "overwegingen"}


def test_terminal_plain_uses_markers(comparison: Comparison) -> None:
    text = render_terminal(comparison, color=False)
    assert "Een [-besluit-]{+voorstel+} gaat door" in text
    assert "\x1b[" not in text


def test_terminal_color_strikes_and_colors(comparison: Comparison) -> None:
    text = render_terminal(comparison, color=True)
    assert "[-" not in text
    assert "\x1b[" in text and "9;31m" in text or "31;9m" in text  # red, struck through


def test_no_changes_says_so(versions: Versions) -> None:
    comparison = versions.compare()
    assert "Geen wijzigingen." in render_markdown(comparison)
    assert "Geen wijzigingen." in render_html(comparison)
    assert "geen wijzigingen" in render_terminal(comparison, color=False)
    assert json.loads(render_json(comparison))["changes"] == []

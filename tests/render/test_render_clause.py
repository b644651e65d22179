"""Clause text into tree blocks: the fast path agrees with markdown-it, links are safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rechtmakers.agreement import load_agreement
from rechtmakers.document.clause import (
    ClauseContext,
    blocks_from_tokens,
    convert,
    fast_blocks,
    markdown_parser,
    safe_href,
    term_anchors,
    term_pattern,
)
from rechtmakers.document.tree import Link, Paragraph, Ref, TermUse, Text

PIECES = [*"ab é1.-+#>=:;,!?()@\n \t\xa0", "[[x]]", "- ", "\n\n", "1. ", "  ", "Zij "]
PROSE = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=600, deadline=None)
@given(PROSE)
def test_fast_path_gives_the_same_blocks_as_markdown_it(text: str) -> None:
    fast = fast_blocks(text)
    if fast is not None:
        assert fast == blocks_from_tokens(markdown_parser().parse(text))


@pytest.mark.parametrize("text", [
    "Een zin.\nNog een zin.",
    "Alinea een.\n\nAlinea twee, met [[doel]] en @ggd-flevoland.",
    "Zo willen we:\n\n- een;\n- twee.\n\nEn verder.",
])
def test_fast_path_takes_plain_prose(text: str) -> None:
    assert fast_blocks(text) == blocks_from_tokens(markdown_parser().parse(text))


@pytest.mark.parametrize("text", ["*nadruk*", "1. lijst", "# kop", "a  \nb", "- a\n\n- b",
                                  "<b>", "a &amp; b", "`code`", "    code"])
def test_fast_path_leaves_markdown_to_markdown_it(text: str) -> None:
    assert fast_blocks(text) is None


@pytest.mark.parametrize(("href", "safe"), [
    ("https://wetten.overheid.nl/", True), ("http://x.nl", True), ("mailto:a@b.nl", True),
    ("tel:+31201234567", True), ("#artikel-3", True), ("javascript:alert(1)", False),
    (" JavaScript:alert(1)", False), ("data:text/html,x", False), ("vbscript:x", False),
    ("file:///etc/passwd", False), ("bijlage.pdf", False), ("//evil.example/x", False),
])
def test_only_safe_links_survive(href: str, safe: bool) -> None:
    assert (safe_href(href) is not None) is safe


@pytest.fixture
def ctx(sample_dir: Path) -> ClauseContext:
    agreement, _ = load_agreement(sample_dir)
    terms = [t.term for t in agreement.terms]
    anchors = term_anchors({t: f"begrip-{t.lower().replace(' ', '-')}" for t in terms})
    return ClauseContext(agreement, term_pattern(terms), anchors)


def test_terms_are_marked_once_per_article_whole_words(ctx: ClauseContext) -> None:
    flow = convert("De Stuurgroep en de stuurgroep; stuurgroepen. Inwoners en de inwoner.", ctx)
    inlines = flow[0].inlines  # type: ignore[union-attr]
    marked = [node.text for node in inlines if isinstance(node, TermUse)]
    assert marked == ["Stuurgroep", "inwoner"]
    ctx.next_article()
    again = convert("de stuurgroep", ctx)[0].inlines  # type: ignore[union-attr]
    assert TermUse("stuurgroep", "begrip-stuurgroep") in again


def test_references_resolve_and_are_plain_inside_links(ctx: ClauseContext) -> None:
    flow = convert("Zie [[besluitvorming.consent]] en [lees [[doel]]](https://x.nl) van "
                   "@de-schoor.", ctx)
    inlines = flow[0].inlines  # type: ignore[union-attr]
    assert Ref("artikel 3.2", "artikel-3-2") in inlines  # consent: the second lid
    link = next(node for node in inlines if isinstance(node, Link))
    assert link.children == (Text("lees artikel 1"),)
    assert isinstance(inlines[-1], Text) and inlines[-1].text.endswith("De Schoor.")


def test_unsafe_link_keeps_its_words_only(ctx: ClauseContext) -> None:
    flow = convert("[klik](javascript:alert(1)) en ![plaatje](data:image/png;base64,AA)", ctx)
    assert flow == (Paragraph((Text("klik en plaatje"),)),)

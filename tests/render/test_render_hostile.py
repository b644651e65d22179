"""Hostile clause text renders inert: no script, no unsafe link, no template evaluation."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

Render = Callable[..., dict[str, bytes]]
UNSAFE_HREF = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):""", re.I)


def _assert_inert_html(html: str) -> None:
    assert not re.search(r"<script", html, re.I)
    assert not re.search(r"<img", html, re.I)
    assert not UNSAFE_HREF.search(html)
    assert "49" not in re.sub(r"<[^>]+>", "", html.split("Sjabloon:")[1].split("\n")[0])


def test_html_is_inert(render_files: Render, hostile_copy: Path) -> None:
    html = render_files(hostile_copy, ("html",))["html"].decode()
    _assert_inert_html(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Sjabloon: {{ 7*7 }} en {% raw %}rauw{% endraw %} en {# commentaar #}." in html
    assert 'Klik hier of daar of javascript:alert(4) of JaVaScRiPt.' in html
    assert '<a href="https://wetten.overheid.nl/" rel="noopener">de wet</a>' in html
    assert '<a class="verwijzing" href="#artikel-3">artikel 3</a>' in html


def test_markdown_is_inert_once_rendered(render_files: Render, hostile_copy: Path) -> None:
    markdown = render_files(hostile_copy, ("md",))["md"].decode()
    assert "{{ 7\\*7 }} en {% raw %}rauw{% endraw %}" in markdown
    # Rendered by a Markdown viewer that allows raw HTML, the text still does nothing.
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    _assert_inert_html(html)
    assert "{{ 7*7 }} en {% raw %}rauw{% endraw %}" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://wetten.overheid.nl/">de wet</a>' in html


def test_docx_is_inert(render_files: Render, hostile_copy: Path) -> None:
    import docx

    data = render_files(hostile_copy, ("docx",))["docx"]
    package = zipfile.ZipFile(io.BytesIO(data))
    relations = "".join(package.read(name).decode() for name in package.namelist()
                        if name.endswith(".rels"))
    assert not re.search(r"(?:javascript|data|vbscript):", relations, re.I)
    assert 'Target="https://wetten.overheid.nl/"' in relations
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    first = next(t for t in texts if t.startswith("Let op:"))
    assert "<script>alert(1)</script>" in first
    assert "{{ 7*7 }} en {% raw %}rauw{% endraw %} en {# commentaar #}" in first
    assert "Klik hier of daar of javascript:alert(4) of JaVaScRiPt." in first
    assert "artikel 3" in first and "[[" not in first


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_template_syntax_in_names_is_not_evaluated(render_files: Render, sample_copy: Path,
                                                   fmt: str) -> None:
    parties = sample_copy / "partijen.yaml"
    parties.write_text(parties.read_text(encoding="utf-8").replace(
        "naam: De Schoor", "naam: \"De Schoor {{ 7*7 }} <b>x</b>\""), encoding="utf-8")
    out = render_files(sample_copy, (fmt,))[fmt].decode()
    assert "49" not in out.split("De Schoor")[1][:40]
    assert "<b>x</b>" not in out


def test_dutch_quotes_when_drawn_never_in_the_source_or_digest(sample_dir: Path,
                                                              tmp_path: Path) -> None:
    """collega's, regio's and "quoted" words are drawn as ’ and “ ”; the source keeps what the
    jurist typed and the digest does not change (the typography is applied when drawing)."""
    import shutil

    from rechtmakers.agreement import load_agreement
    from rechtmakers.digest import content_digest
    from rechtmakers.render import RenderOptions, render_agreement
    from rechtmakers.render.typography import curly

    copy = tmp_path / sample_dir.name
    shutil.copytree(sample_dir, copy)
    path = copy / "artikelen" / "gedrag.yaml"
    before = load_agreement(copy)[0]
    source = path.read_text(encoding="utf-8")
    made = render_agreement(before, RenderOptions(formats=("md", "html")))
    markdown, page = (data.decode("utf-8") for data in made.values())
    assert "regio’s" in markdown and "regio's" not in markdown
    assert "collega’s" in page and "collega&#39;s" not in page
    assert path.read_text(encoding="utf-8") == source and "'" in (copy / "artikelen" /
                                                                  "conflictdialoog.yaml").read_text(
        encoding="utf-8")
    assert content_digest(load_agreement(copy)[0]) == content_digest(before)
    # The honest twin: code and link addresses stay as typed; an elision is an apostrophe.
    assert curly("'t Is \"af\", zei ze: 'ja'") == "’t Is “af”, zei ze: ‘ja’"

"""The HTML view: one standalone page; clause text escaped, references and terms as links."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any, assert_never

from markupsafe import Markup
from markupsafe import escape as markup_escape

from rechtmakers.document.tree import (
    Block,
    Break,
    Code,
    CodeBlock,
    Deleted,
    Document,
    Emphasis,
    Flow,
    Inline,
    Inserted,
    Link,
    ListBlock,
    Mark,
    Paragraph,
    Quote,
    Ref,
    Rule,
    Strong,
    Subheading,
    TermUse,
    Text,
)
from rechtmakers.render.typography import typeset

TEMPLATE = "overeenkomst.html.j2"
STYLE = "overeenkomst.css"


def inlines_html(nodes: Sequence[Inline]) -> str:
    out = []
    for i, node in enumerate(nodes):
        if i and isinstance(node, Inserted) and isinstance(nodes[i - 1], Deleted):
            out.append(APART)  # old and new never run together: ~~drie~~ vijf, not drievijf
        out.append(_inline_html(node))
    return "".join(out)


APART = "\u2009"  # a thin space between deleted and inserted words

def _inline_html(node: Inline) -> str:
    if isinstance(node, Text):
        return escape(node.text, quote=False)
    if isinstance(node, Ref):
        return f'<a class="verwijzing" href="#{escape(node.anchor)}">{escape(node.label)}</a>'
    if isinstance(node, TermUse):
        return (f'<a class="begrip" href="#{escape(node.anchor)}">'
                f"{escape(node.text, quote=False)}</a>")
    if isinstance(node, Break):
        return "<br>\n"
    if isinstance(node, Emphasis):
        return f"<em>{inlines_html(node.children)}</em>"
    if isinstance(node, Strong):
        return f"<strong>{inlines_html(node.children)}</strong>"
    if isinstance(node, Code):
        return f"<code>{escape(node.text, quote=False)}</code>"
    if isinstance(node, Link):
        return f'<a href="{escape(node.href)}" rel="noopener">{inlines_html(node.children)}</a>'
    if isinstance(node, Inserted):
        return f"<ins>{inlines_html(node.children)}</ins>"
    if isinstance(node, Deleted):
        return f"<del>{inlines_html(node.children)}</del>"
    assert_never(node)


def flow_html(flow: Flow, tight: bool = False) -> str:
    return "\n".join(block_html(block, tight) for block in flow)


def block_html(block: Block, tight: bool = False) -> str:
    if isinstance(block, Paragraph):
        content = inlines_html(block.inlines)
        return content if tight else f"<p>{content}</p>"
    if isinstance(block, Subheading):
        return f'<p class="tussenkop"><strong>{inlines_html(block.inlines)}</strong></p>'
    if isinstance(block, ListBlock):
        return list_html(block)
    if isinstance(block, Quote):
        return f"<blockquote>\n{flow_html(block.blocks)}\n</blockquote>"
    if isinstance(block, CodeBlock):
        return f"<pre><code>{escape(block.text, quote=False)}</code></pre>"
    if isinstance(block, Rule):
        return "<hr>"
    assert_never(block)


def list_html(block: ListBlock) -> str:
    tag = "ol" if block.ordered else "ul"
    start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
    items = "\n".join(f"<li>{flow_html(item, block.tight)}</li>" for item in block.items)
    return f"<{tag}{start}>\n{items}\n</{tag}>"


def html_filter(flow: Flow) -> Markup:
    """Template filter: blocks as escaped HTML."""
    return Markup(flow_html(flow))


def inline_filter(flow: Flow) -> Markup:
    """Template filter: one paragraph without its tags, for a list item or a table cell."""
    single = len(flow) == 1 and isinstance(flow[0], Paragraph)
    return Markup(flow_html(flow, tight=single))


# Redline marks (diff.redline): a whole part inserted, deleted or moved, as a class and as
# <ins>/<del> around its number or name.
MARK_CLASSES = {Mark.INSERTED: "toegevoegd", Mark.DELETED: "geschrapt",
                Mark.MOVED_FROM: "verplaatst-van", Mark.MOVED_TO: "verplaatst-naar"}


def mark_class(mark: Mark | None) -> str:
    """Template filter: " toegevoegd" (with its space) or ""."""
    return f" {MARK_CLASSES[mark]}" if mark is not None else ""


def marked(text: object, mark: Mark | None = None, was: object = None) -> Markup:
    """Template filter: a number or name of a part, inside <ins> or <del> when the whole part
    is; a renumbered one as <del>6.2</del> 6.1."""
    shown = str(markup_escape(str(text)))  # as autoescape would write it
    if mark in (Mark.DELETED, Mark.MOVED_FROM):
        return Markup(f"<del>{shown}</del>")
    if mark in (Mark.INSERTED, Mark.MOVED_TO):
        return Markup(f"<ins>{shown}</ins>")
    if was is not None and str(was) != str(text):
        return Markup(f"<del>{markup_escape(str(was))}</del>{APART}<ins>{shown}</ins>")
    return Markup(shown)


FILTERS: dict[str, Callable[..., Any]] = {"html": html_filter, "inline": inline_filter,
                                          "mark_class": mark_class, "marked": marked}


def render_html(document: Document, house_style: Path | None = None, *,
                redline: Mapping[str, Any] | None = None) -> str:
    """The page; with redline (diff.html), the page of a comparison: its summary on top, its
    versions named in the header and footer, the marks of the document drawn."""
    from rechtmakers.render.templating import environment, render_template, template_text
    env = environment(house_style=house_style, autoescape=True, filters=FILTERS)
    style = Markup(template_text(env, STYLE).rstrip("\n"))
    return render_template(env, TEMPLATE, doc=typeset(document), style=style, redline=redline)

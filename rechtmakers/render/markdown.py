"""The Markdown view: the tree written as CommonMark, every word of clause text escaped.

The template sees plain strings escaped by default (Jinja's `finalize`), the way HTML
templates autoescape; the `md` filter turns tree blocks into Markdown that is marked safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, assert_never

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

TEMPLATE = "overeenkomst.md.j2"

_SPECIAL = re.compile(r"[\\`*_\[\]<>&|~]")
_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]<>&|~"})
_LINE_START = re.compile(r"^(?:([-+=#])|(\d{1,9})([.)])(?=\s|$))")
_NEXT_LINE_START = re.compile(r"(?<=\n)(?:([-+=#])|(\d{1,9})([.)])(?=\s|$))")


class MdSafe(str):
    """A string that is already Markdown: the template prints it as it is."""

    __slots__ = ()


def escape(text: str, *, line_start: bool = False) -> str:
    """Text that reads as written once rendered: no emphasis, link, HTML or list from it."""
    if _SPECIAL.search(text):
        text = text.translate(_ESCAPES)
    if line_start:
        text = _LINE_START.sub(_escape_start, text, count=1)
    if "\n" in text:
        text = _NEXT_LINE_START.sub(_escape_start, text)
    return text


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def finalize(value: Any) -> Any:
    """Jinja's last step for every printed value: escape what is not already Markdown."""
    if isinstance(value, MdSafe):
        return value
    return escape(str(value), line_start=True)


def inlines_md(nodes: Sequence[Inline], line_start: bool = True) -> str:
    parts: list[str] = []
    for node in nodes:
        parts.append(_inline_md(node, line_start))
        line_start = isinstance(node, Break)
    return "".join(parts)


def _inline_md(node: Inline, line_start: bool) -> str:
    if isinstance(node, Text):
        return escape(node.text, line_start=line_start)
    if isinstance(node, (Ref, TermUse)):
        # An internal link to the anchor the template puts at the article, lid or term.
        words = node.label if isinstance(node, Ref) else node.text
        return f"[{escape(words)}](#{node.anchor})"
    if isinstance(node, Break):
        return "\\\n"
    if isinstance(node, Emphasis):
        return f"*{inlines_md(node.children, False)}*"
    if isinstance(node, Strong):
        return f"**{inlines_md(node.children, False)}**"
    if isinstance(node, Code):
        return code_span(node.text)
    if isinstance(node, Link):
        return f"[{inlines_md(node.children, False)}](<{node.href}>)"
    if isinstance(node, Inserted):  # a redline's words (diff draws them); HTML as in Markdown
        return f"<ins>{inlines_md(node.children, False)}</ins>"
    if isinstance(node, Deleted):
        return f"<del>{inlines_md(node.children, False)}</del>"
    assert_never(node)


def code_span(text: str) -> MdSafe:
    """Text in a code span whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return MdSafe(f"{fence}{pad}{text}{pad}{fence}")


def flow_md(flow: Flow, tight: bool = False) -> str:
    joiner = "\n" if tight else "\n\n"
    return joiner.join(part for block in flow if (part := block_md(block)))


def block_md(block: Block) -> str:
    if isinstance(block, Paragraph):
        return inlines_md(block.inlines)
    if isinstance(block, Subheading):
        return f"**{inlines_md(block.inlines, False)}**" if block.inlines else ""
    if isinstance(block, ListBlock):
        return list_md(block)
    if isinstance(block, Quote):
        return "\n".join(f"> {line}".rstrip() for line in flow_md(block.blocks).split("\n"))
    if isinstance(block, CodeBlock):
        longest = max((len(run) for run in re.findall(r"`{3,}", block.text)), default=2)
        fence = "`" * (longest + 1)
        return f"{fence}\n{block.text.rstrip(chr(10))}\n{fence}"
    if isinstance(block, Rule):
        return "---"
    assert_never(block)


def list_md(block: ListBlock) -> str:
    items = []
    for i, item in enumerate(block.items):
        marker = f"{block.start + i}." if block.ordered else "-"
        items.append(_hang(marker, flow_md(item, block.tight)))
    return ("\n" if block.tight else "\n\n").join(items)


def _hang(lead: str, body: str, indent: int | None = None) -> str:
    """body after lead, its further lines indented under the first."""
    pad = " " * (len(lead) + 1 if indent is None else indent)
    lines = body.split("\n")
    rest = [f"{pad}{line}" if line else "" for line in lines[1:]]
    return "\n".join([f"{lead} {lines[0]}".rstrip(), *rest])


def md_filter(flow: Flow, lead: str = "", marker: str = "", indent: int = 0,
              prefix: str = "") -> MdSafe:
    """Template filter: blocks as Markdown.

    lead: a label before the first paragraph, such as a member number; marker: a list marker
    to hang the blocks under; indent: spaces before every line but the first (the template
    indents that one); prefix: before every line, such as "> " for a quote.
    """
    body = flow_md(flow)
    if lead:
        first_is_text = bool(flow) and isinstance(flow[0], Paragraph) and bool(body)
        body = f"{lead} {body}" if first_is_text else f"{lead}\n\n{body}".rstrip("\n")
    if marker:
        body = _hang(marker, body)
    if indent:
        body = _indent_rest(body, indent)
    if prefix:
        body = "\n".join(f"{prefix}{line}" if line else prefix.rstrip()
                         for line in body.split("\n"))
    return MdSafe(body)


def _indent_rest(text: str, indent: int) -> str:
    pad = " " * indent
    lines = text.split("\n")
    return "\n".join([lines[0], *(f"{pad}{line}" if line else "" for line in lines[1:])])


def cell_filter(flow: Flow) -> MdSafe:
    """Template filter: blocks on one line, for a table cell."""
    return MdSafe(" ".join(_cell_parts(flow)).replace("\n", " "))


def _cell_parts(flow: Flow) -> list[str]:
    parts = []
    for block in flow:
        if isinstance(block, (Paragraph, Subheading)):
            parts.append(inlines_md([Text(" ") if isinstance(n, Break) else n
                                     for n in block.inlines], False).replace("\n", " "))
        elif isinstance(block, ListBlock):
            parts.append("; ".join(" ".join(_cell_parts(item)) for item in block.items))
        elif isinstance(block, Quote):
            parts.extend(_cell_parts(block.blocks))
        elif isinstance(block, CodeBlock):
            parts.append(code_span(block.text.strip()))
        elif isinstance(block, Rule):
            continue  # a table cell shows no rule
        else:
            assert_never(block)
    return parts


def anchor_filter(anchor: str) -> MdSafe:
    """Template filter: an empty HTML anchor to link to (ids are slugs, safe as they are)."""
    return MdSafe(f'<a id="{anchor}"></a>')


FILTERS: dict[str, Callable[..., Any]] = {"md": md_filter, "cell": cell_filter, "code": code_span,
                                          "anchor": anchor_filter}


def render_markdown(document: Document, house_style: Path | None = None) -> str:
    from rechtmakers.render.templating import environment, render_template
    env = environment(house_style=house_style, autoescape=False, filters=FILTERS,
                      finalize=finalize)
    return render_template(env, TEMPLATE, doc=typeset(document))

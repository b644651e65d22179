"""The canonical serialisation of parsed clause text: what the digest (form 2) is taken over.

Each Markdown text is parsed by clause.parse_blocks, the one parse every renderer draws, and the
blocks are written as plain JSON-able lists. What a reader sees is kept: paragraphs, headings,
lists (ordered or not, their start number, tight or loose), quotes, rules, code; and inline the
words, emphasis, strong, code, hard breaks and link targets. What no renderer shows is not:
wrapping and runs of blanks (a soft break reads as a space), the heading level, Unicode
spelling (NFC). References ([[artikel]], @partij) stay as written: what they resolve to follows
from the article order, ids and annexes, which the digest also covers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import assert_never

from rechtmakers.document.clause import parse_blocks
from rechtmakers.document.tree import (
    Block,
    Break,
    Code,
    CodeBlock,
    Deleted,
    Emphasis,
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
from rechtmakers.json_value import JsonValue

_BLANKS = re.compile(r"[ \t\r\n]+")


def markdown_form(text: str) -> list[JsonValue]:
    """The canonical form of one Markdown text: its blocks as the renderers draw them."""
    return blocks_form(parse_blocks(text))


def plain_form(text: str) -> str:
    """The canonical form of a plain text (a title, a name): NFC, blanks as one space."""
    return _BLANKS.sub(" ", nfc(text)).strip()


def nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def blocks_form(blocks: Sequence[Block]) -> list[JsonValue]:
    return [block_form(block) for block in blocks]


def block_form(block: Block) -> list[JsonValue]:
    """One block as ["p", …], ["h", …], ["ul"|"ol", start, tight, items], ["q", …], ["pre",
    text] or ["hr"]."""
    if isinstance(block, Paragraph):
        return ["p", inlines_form(block.inlines)]
    if isinstance(block, Subheading):
        return ["h", inlines_form(block.inlines)]
    if isinstance(block, ListBlock):
        return ["ol" if block.ordered else "ul", block.start if block.ordered else 1,
                block.tight, [blocks_form(item) for item in block.items]]
    if isinstance(block, Quote):
        return ["q", blocks_form(block.blocks)]
    if isinstance(block, CodeBlock):
        return ["pre", nfc(block.text)]
    if isinstance(block, Rule):
        return ["hr"]
    assert_never(block)


def inlines_form(inlines: Sequence[Inline]) -> list[JsonValue]:
    """Inline nodes; adjacent words joined, every run of blanks one space (as shown)."""
    out: list[JsonValue] = []
    for node in inlines:
        item = inline_form(node)
        last = out[-1] if out else None
        if isinstance(item, str) and isinstance(last, str):
            out[-1] = last + item
        else:
            out.append(item)
    return [_BLANKS.sub(" ", item) if isinstance(item, str) else item for item in out
            if item != ""]


def inline_form(node: Inline) -> JsonValue:
    if isinstance(node, Text):
        return nfc(node.text)
    if isinstance(node, Emphasis):
        return ["em", inlines_form(node.children)]
    if isinstance(node, Strong):
        return ["strong", inlines_form(node.children)]
    if isinstance(node, Code):
        return ["code", nfc(node.text)]
    if isinstance(node, Link):
        return ["a", node.href, inlines_form(node.children)]
    if isinstance(node, Break):
        return ["br"]
    if isinstance(node, Ref):
        return ["ref", node.label, node.anchor]
    if isinstance(node, TermUse):
        return ["term", nfc(node.text), node.anchor]
    if isinstance(node, Inserted | Deleted):  # only a comparison draws these, never a version
        raise ValueError("Een wijzigingsmarkering hoort niet in de tekst van een versie.")
    assert_never(node)


# A readable view of the same parse, for notes that name what changed ("nadruk toegevoegd").
# It is not what the digest is taken over: two trees may read the same here.

def readable_markdown(text: str) -> str:
    """The parsed text written back as plain Markdown: paragraphs, "- " and "1. " lists,
    *emphasis*, **strong**, `code` and [links](…), every run of blanks one space."""
    return _readable_blocks(parse_blocks(text))


def _readable_blocks(blocks: Sequence[Block]) -> str:
    return "\n\n".join(_readable_block(block) for block in blocks)


def _readable_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _readable_inlines(block.inlines)
    if isinstance(block, Subheading):
        return "## " + _readable_inlines(block.inlines)
    if isinstance(block, ListBlock):
        lines = []
        for i, item in enumerate(block.items):
            marker = f"{block.start + i}." if block.ordered else "-"
            body = _readable_blocks(item).replace("\n", "\n" + " " * (len(marker) + 1))
            lines.append(f"{marker} {body}".rstrip())
        return ("\n" if block.tight else "\n\n").join(lines)
    if isinstance(block, Quote):
        return "\n".join(f"> {line}".rstrip() for line in _readable_blocks(block.blocks)
                         .split("\n"))
    if isinstance(block, CodeBlock):
        return f"```\n{nfc(block.text).rstrip()}\n```"
    if isinstance(block, Rule):
        return "---"
    assert_never(block)


def _readable_inlines(inlines: Sequence[Inline]) -> str:
    parts = []
    for node in inlines:
        if isinstance(node, Text | TermUse):
            parts.append(nfc(node.text))
        elif isinstance(node, Emphasis):
            parts.append(f"*{_readable_inlines(node.children)}*")
        elif isinstance(node, Strong):
            parts.append(f"**{_readable_inlines(node.children)}**")
        elif isinstance(node, Code):
            parts.append(f"`{nfc(node.text)}`")
        elif isinstance(node, Link):
            parts.append(f"[{_readable_inlines(node.children)}]({node.href})")
        elif isinstance(node, Break):
            parts.append("\n")
        elif isinstance(node, Ref):
            parts.append(node.label)
        elif isinstance(node, Inserted | Deleted):  # a parse of source text holds none
            raise ValueError("Een wijzigingsmarkering hoort niet in de tekst van een versie.")
        else:
            assert_never(node)
    return _BLANKS.sub(" ", "".join(parts)).strip() if "\n" not in parts else "\n".join(
        _BLANKS.sub(" ", line).strip() for line in "".join(parts).split("\n"))

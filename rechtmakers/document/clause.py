"""Clause text (Markdown) into tree blocks: raw HTML off, unsafe links dropped, references resolved.

Clause text is data. markdown-it-py parses it with raw HTML disabled, so `<script>` stays text;
only links to http(s), mailto and tel addresses survive; `[[artikel]]` and `@partij` become what
a reader sees; the first use of a defined term per article is marked. Plain prose (most clauses)
skips markdown-it: a test proves both paths give the same tree for every text the fast one takes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, assert_never

from rechtmakers.document.tree import (
    Block,
    Break,
    Code,
    CodeBlock,
    Deleted,
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
from rechtmakers.references import Reference, find_references
from rechtmakers.resolve import resolve_reference

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from rechtmakers.agreement import Agreement

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_WORD = re.compile(r"\w")


@dataclass
class ClauseContext:
    """What clause conversion needs: the agreement, its terms, and the terms already marked.

    term_anchors maps each term in lower case to its anchor.
    """

    agreement: Agreement
    term_pattern: re.Pattern[str] | None
    term_anchors: dict[str, str]
    seen: set[str] = field(default_factory=set)
    mark_terms: bool = True
    resolved: dict[tuple[str, bool], Inline] = field(default_factory=dict)

    def next_article(self) -> None:
        """Defined terms are marked at their first use in each article."""
        self.seen = set()


def term_anchors(anchors: dict[str, str]) -> dict[str, str]:
    """Term → anchor as ClauseContext wants it: the term in lower case."""
    return {term.lower(): anchor for term, anchor in anchors.items()}


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for all terms in lower case, longest first, not followed by a letter.

    It runs over lower-cased text (five times faster than a case-insensitive pattern with a
    look-behind); whether a letter comes before is checked per match.
    """
    if not terms:
        return None
    lowered = sorted({t.lower() for t in terms}, key=lambda t: (-len(t), t))
    return re.compile(rf"(?:{'|'.join(re.escape(t) for t in lowered)})(?!\w)")


def safe_href(href: str) -> str | None:
    """The link target if it is a web, e-mail or phone address or an anchor; None otherwise."""
    href = href.strip()
    if href.startswith("#"):
        return href
    match = _SCHEME.match(href)
    if match and match.group(1).lower() in SAFE_SCHEMES:
        return href
    return None


def convert(text: str, ctx: ClauseContext) -> Flow:
    """Clause text as tree blocks."""
    return _with_words(parse_blocks(text), ctx)


def parse_blocks(text: str) -> list[Block]:
    """Clause text as tree blocks before references and terms are resolved: the parse that
    every renderer draws and that the digest (form 2) is taken over."""
    blocks = fast_blocks(text)
    if blocks is None and markup_heavy(text):
        # markdown-it costs up to a few hundred character steps per "[" or "*" that leads
        # nowhere; a text with this much markup is shown as written, paragraph by paragraph.
        blocks = [Paragraph((Text(chunk),)) for chunk in _BLANK.split(text.strip("\n"))]
    if blocks is None:
        blocks = blocks_from_tokens(markdown_parser().parse(text))
    return blocks


def markup_heavy(text: str) -> bool:
    """Whether text has so much markup that it is shown as written, without markdown-it."""
    return sum(text.count(char) for char in _MARKUP) > MAX_MARKUP


_MARKUP = "[*_`<&!("
MAX_MARKUP = 10_000


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one markdown-it the renderers parse clause text with (raw HTML off)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    # Let every link through the parser, so that an unsafe one loses its target but keeps its
    # words (see _close_inline), instead of staying behind as literal Markdown.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


# The fast path: paragraphs of plain prose and tight "- " lists, nothing else.

_INLINE_SPECIAL = re.compile(r"[`*_<>&\\\[\]\r\0\t|~]")
_REF_BRACKETS = re.compile(r"\[\[[a-z0-9.-]*\]\](?![(\[:])")
_BLOCK_START = re.compile(r"^(?:[-+*>#=_~`\s]|\d{1,9}[.)](?:\s|$))")
_BLANK = re.compile(r"\n(?:[ ]*\n)+")


def fast_blocks(text: str) -> list[Block] | None:
    """The blocks of text when it is plain prose with at most simple lists; None otherwise."""
    if _INLINE_SPECIAL.search(_REF_BRACKETS.sub("", text)):
        return None
    blocks: list[Block] = []
    previous_list = False
    for chunk in _BLANK.split(text.strip("\n")):
        lines = chunk.split("\n")
        if any(not line or line[-1].isspace() for line in lines):
            return None
        if lines[0].startswith("- "):
            if previous_list:
                return None
            items = _fast_items(lines)
            if items is None:
                return None
            blocks.append(ListBlock(False, items))
            previous_list = True
        else:
            if any(_BLOCK_START.match(line) for line in lines):
                return None
            blocks.append(Paragraph((Text("\n".join(lines)),)))
            previous_list = False
    return blocks


def _fast_items(lines: list[str]) -> tuple[Flow, ...] | None:
    items = []
    for line in lines:
        content = line[2:]
        if not line.startswith("- ") or not content or _BLOCK_START.match(content):
            return None
        items.append((Paragraph((Text(content),)),))
    return tuple(items)


# The full path: markdown-it tokens into blocks.

def blocks_from_tokens(tokens: Sequence[Token]) -> list[Block]:
    """Block tokens of markdown-it into tree blocks."""
    root: list[Any] = []
    stack: list[tuple[Token | None, list[Any]]] = [(None, root)]
    loose: set[int] = set()
    for token in tokens:
        kind = token.type
        if kind.endswith("_open"):
            parent = stack[-1][0]
            if kind == "paragraph_open" and not token.hidden and parent is not None \
                    and parent.type == "list_item_open":
                # markdown-it hides the paragraphs of tight lists; a shown one makes a list loose.
                loose.add(id(stack[-2][0]))
            stack.append((token, []))
        elif kind.endswith("_close"):
            opener, children = stack.pop()
            node = _close_block(opener, children, id(opener) in loose) if opener else None
            if node is not None:
                stack[-1][1].append(node)
        elif kind == "inline":
            stack[-1][1].append(inlines_from_tokens(token.children or []))
        elif kind in ("code_block", "fence"):
            stack[-1][1].append(CodeBlock(token.content))
        elif kind == "hr":
            stack[-1][1].append(Rule())
        elif token.content:
            stack[-1][1].append(Paragraph((Text(token.content),)))
    return root


def _close_block(opener: Token, children: list[Any],
                 loose: bool) -> Block | tuple[Block, ...] | None:
    kind = opener.type[:-5]
    if kind == "paragraph":
        return Paragraph(_first_inlines(children))
    if kind == "heading":
        return Subheading(_first_inlines(children))
    if kind == "list_item":
        return tuple(children)
    if kind in ("bullet_list", "ordered_list"):
        start = int(opener.attrs.get("start", 1)) if kind == "ordered_list" else 1
        return ListBlock(kind == "ordered_list", tuple(children), start, not loose)
    if kind == "blockquote":
        return Quote(tuple(children))
    return None


def _first_inlines(children: list[Any]) -> tuple[Inline, ...]:
    return children[0] if children else ()


def inlines_from_tokens(tokens: Sequence[Token]) -> tuple[Inline, ...]:
    """Inline tokens into inline nodes; images become their description."""
    root: list[Inline] = []
    stack: list[tuple[Token | None, list[Inline]]] = [(None, root)]
    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special", "html_inline"):
            stack[-1][1].append(Text(token.content))
        elif kind == "softbreak":
            stack[-1][1].append(Text("\n"))
        elif kind == "hardbreak":
            stack[-1][1].append(Break())
        elif kind == "code_inline":
            stack[-1][1].append(Code(token.content))
        elif kind == "image":
            stack[-1][1].extend(inlines_from_tokens(token.children or []))
        elif kind.endswith("_open"):
            stack.append((token, []))
        elif kind.endswith("_close"):
            opener, children = stack.pop()
            stack[-1][1].extend(_close_inline(opener, children))
    return _merge_text(root)


def _close_inline(opener: Token | None, children: list[Inline]) -> list[Inline]:
    kind = opener.type if opener else ""
    if kind == "em_open":
        return [Emphasis(_merge_text(children))]
    if kind == "strong_open":
        return [Strong(_merge_text(children))]
    if kind == "link_open" and opener is not None:
        href = safe_href(str(opener.attrs.get("href", "")))
        return [Link(href, _merge_text(children))] if href else children
    return children


def _merge_text(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    # Adjacent texts joined once per run (adding them one by one copied the run each time).
    merged: list[Inline] = []
    run: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            run.append(node.text)
            continue
        if any(run):
            merged.append(Text("".join(run)))
        run = []
        merged.append(node)
    if any(run):
        merged.append(Text("".join(run)))
    return tuple(merged)


# References and defined terms, in the text nodes of the blocks.

def _with_words(blocks: Sequence[Block], ctx: ClauseContext) -> Flow:
    return tuple(_block_words(block, ctx) for block in blocks)


def _block_words(block: Block, ctx: ClauseContext) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(_inline_words(block.inlines, ctx, False))
    if isinstance(block, Subheading):
        return Subheading(_inline_words(block.inlines, ctx, False))
    if isinstance(block, ListBlock):
        items = tuple(_with_words(item, ctx) for item in block.items)
        return ListBlock(block.ordered, items, block.start, block.tight)
    if isinstance(block, Quote):
        return Quote(_with_words(block.blocks, ctx))
    if isinstance(block, (CodeBlock, Rule)):
        return block  # no words to mark: code is shown as written
    assert_never(block)


def _inline_words(nodes: Sequence[Inline], ctx: ClauseContext, in_link: bool) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            out.extend(_text_words(node.text, ctx, in_link))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_inline_words(node.children, ctx, in_link)))
        elif isinstance(node, Strong):
            out.append(Strong(_inline_words(node.children, ctx, in_link)))
        elif isinstance(node, Link):
            out.append(Link(node.href, _inline_words(node.children, ctx, True)))
        elif isinstance(node, (Code, Ref, TermUse, Break, Inserted, Deleted)):
            out.append(node)  # code, words already marked, and a redline's (never parsed)
        else:
            assert_never(node)
    return _merge_text(out)


def _text_words(text: str, ctx: ClauseContext, in_link: bool) -> list[Inline]:
    refs = find_references(text)
    marks = _term_marks(text, ctx, in_link, refs)
    if not refs and not marks:
        return [Text(text)]
    spans: list[tuple[int, int, Inline]] = [(m[0], m[1], m[2]) for m in marks]
    spans.extend((ref.start, ref.end, _ref_node(ref, ctx, in_link)) for ref in refs)
    spans.sort(key=lambda span: span[0])
    out: list[Inline] = []
    last = 0
    for start, end, node in spans:
        out.append(Text(text[last:start]))
        out.append(node)
        last = end
    out.append(Text(text[last:]))
    return out


def _ref_node(ref: Reference, ctx: ClauseContext, in_link: bool) -> Inline:
    key = (ref.raw, in_link)
    node = ctx.resolved.get(key)
    if node is None:
        resolved = resolve_reference(ref, ctx.agreement)
        if resolved is None:
            node = Text(ref.raw)
        elif resolved.anchor is None or in_link:
            node = Text(resolved.label)
        else:
            node = Ref(resolved.label, resolved.anchor)
        ctx.resolved[key] = node
    return node


def _term_marks(text: str, ctx: ClauseContext, in_link: bool,
                refs: Sequence[Reference]) -> list[tuple[int, int, TermUse]]:
    """The first use of each term not marked yet in this article, outside references."""
    pattern = ctx.term_pattern
    if pattern is None or in_link or not ctx.mark_terms \
            or len(ctx.seen) == len(ctx.term_anchors):
        return []
    lower = text.lower()
    if len(lower) != len(text):  # a few letters change length in lower case: match on the text
        lower, pattern = text, re.compile(pattern.pattern, re.IGNORECASE)
    marks = []
    for match in pattern.finditer(lower):
        term, start, end = match.group().lower(), match.start(), match.end()
        if term in ctx.seen or (start and _WORD.match(text, start - 1)) \
                or any(ref.start < end and start < ref.end for ref in refs):
            continue
        ctx.seen.add(term)
        marks.append((start, end, TermUse(text[start:end], ctx.term_anchors[term])))
    return marks

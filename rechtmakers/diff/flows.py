"""Two flows of clause text compared as the document model holds them: blocks, list items and
words, each matched to its counterpart, so a redline keeps the layout of what it changes.

The result is a flow of the same node types with Inserted and Deleted around the words that
changed (document.tree). A block only in one version comes whole, inserted or deleted; a
paragraph in both shows its word edits, unless so little of it stayed that a reader would see a
word salad: then the old paragraph is deleted whole and the new one inserted whole.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from rechtmakers.diff.myers import Opcode, sequence_opcodes
from rechtmakers.diff.words import KEPT_AT_LEAST, kept, tokenize
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

# Parts (blocks, items, rows) of a changed stretch that are tried against each other.
_WINDOW = 12

Pair = tuple[int | None, int | None]
Wrap = Callable[[Inline], Inline]


# Plain text: what a part says, for matching parts of the two versions.

def plain(nodes: Sequence[Inline]) -> str:
    return "".join(_plain(node) for node in nodes)


def _plain(node: Inline) -> str:
    if isinstance(node, Text):
        return node.text.replace("\n", " ")
    if isinstance(node, (Code, TermUse)):
        return node.text
    if isinstance(node, Ref):
        return node.label
    if isinstance(node, Break):
        return " "
    return plain(node.children)


def flow_text(flow: Flow) -> str:
    return " ".join(block_text(block) for block in flow)


def block_text(block: Block) -> str:
    if isinstance(block, (Paragraph, Subheading)):
        return plain(block.inlines)
    if isinstance(block, ListBlock):
        return " ".join(flow_text(item) for item in block.items)
    if isinstance(block, Quote):
        return flow_text(block.blocks)
    if isinstance(block, CodeBlock):
        return block.text
    return "⁂"


def alike(old: str, new: str) -> bool:
    """Whether two texts share enough words to be one part edited rather than two parts."""
    return kept_share(tokenize(old), tokenize(new)) >= KEPT_AT_LEAST


def kept_share(old: Sequence[str], new: Sequence[str]) -> float:
    """The share of words (not spaces) that stayed, of the longer text."""
    words_old = [w for w in old if not w.isspace()]
    words_new = [w for w in new if not w.isspace()]
    longest = max(len(words_old), len(words_new))
    return kept(words_old, words_new) / longest if longest else 1.0


# Aligning parts.

def align(old_keys: Sequence[Hashable], new_keys: Sequence[Hashable],
          pairs: Callable[[int, int], bool]) -> list[Pair]:
    """Each part of both versions once, in reading order: (i, j) for a part in both (equal
    keys, or pairs(i, j) within a changed stretch), (i, None) deleted, (None, j) inserted."""
    out: list[Pair] = []
    for tag, i1, i2, j1, j2 in sequence_opcodes(old_keys, new_keys):
        if tag == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            out.extend(_pair_stretch(i1, i2, j1, j2, pairs))
    return out


def _pair_stretch(i1: int, i2: int, j1: int, j2: int,
                  pairs: Callable[[int, int], bool]) -> list[Pair]:
    """In order: the old parts that go, the new ones that come, and the pairs between."""
    out: list[Pair] = []
    j = j1
    for i in range(i1, i2):
        match = next((k for k in range(j, min(j2, j + _WINDOW)) if pairs(i, k)), None)
        if match is None:
            out.append((i, None))
            continue
        out.extend((None, k) for k in range(j, match))
        out.append((i, match))
        j = match + 1
    out.extend((None, k) for k in range(j, j2))
    return _deletions_first(out)


def _deletions_first(pairs: list[Pair]) -> list[Pair]:
    """Between two matched pairs, the deleted parts before the inserted ones."""
    out: list[Pair] = []
    pending: list[Pair] = []
    for pair in pairs:
        if pair[0] is not None and pair[1] is not None:
            out.extend(sorted(pending, key=lambda p: p[0] is None))
            pending = []
            out.append(pair)
        else:
            pending.append(pair)
    out.extend(sorted(pending, key=lambda p: p[0] is None))
    return out


# Flows and blocks.

def compare_flows(old: Flow, new: Flow) -> Flow:
    """The new flow with the old one's blocks matched to it and their edits marked."""
    if old == new:
        return new
    old_keys = [(type(b).__name__, block_text(b)) for b in old]
    new_keys = [(type(b).__name__, block_text(b)) for b in new]

    def pairs(i: int, j: int) -> bool:
        return type(old[i]) is type(new[j]) and alike(old_keys[i][1], new_keys[j][1])

    out: list[Block] = []
    for i, j in align(old_keys, new_keys, pairs):
        if i is not None and j is not None:
            out.extend(compare_blocks(old[i], new[j]))
        elif i is not None:
            out.append(whole_block(old[i], Deleted))
        elif j is not None:
            out.append(whole_block(new[j], Inserted))
    return tuple(out)


def compare_items(old: Sequence[Flow], new: Sequence[Flow]) -> tuple[Flow, ...]:
    """List items (or overwegingen, helps …) matched by their text, like blocks."""
    if tuple(old) == tuple(new):
        return tuple(new)
    old_keys = [flow_text(item) for item in old]
    new_keys = [flow_text(item) for item in new]
    out: list[Flow] = []
    for i, j in align(old_keys, new_keys, lambda i, j: alike(old_keys[i], new_keys[j])):
        if i is not None and j is not None:
            out.append(compare_flows(old[i], new[j]))
        elif i is not None:
            out.append(whole_flow(old[i], Deleted))
        elif j is not None:
            out.append(whole_flow(new[j], Inserted))
    return tuple(out)


def compare_blocks(old: Block, new: Block) -> tuple[Block, ...]:
    if old == new:
        return (new,)
    if isinstance(old, Paragraph) and isinstance(new, Paragraph):
        return (Paragraph(compare_inlines(old.inlines, new.inlines)),)
    if isinstance(old, Subheading) and isinstance(new, Subheading):
        return (Subheading(compare_inlines(old.inlines, new.inlines)),)
    if isinstance(old, ListBlock) and isinstance(new, ListBlock) and old.ordered == new.ordered:
        return (ListBlock(new.ordered, compare_items(old.items, new.items), new.start,
                          new.tight),)
    if isinstance(old, Quote) and isinstance(new, Quote):
        return (Quote(compare_flows(old.blocks, new.blocks)),)
    return (whole_block(old, Deleted), whole_block(new, Inserted))


def whole_flow(flow: Flow, mark: type[Inserted] | type[Deleted]) -> Flow:
    return tuple(whole_block(block, mark) for block in flow)


def whole_block(block: Block, mark: type[Inserted] | type[Deleted]) -> Block:
    """A block only one version has: every word of it inside mark."""
    if isinstance(block, Paragraph):
        return Paragraph(_wrapped(block.inlines, mark))
    if isinstance(block, Subheading):
        return Subheading(_wrapped(block.inlines, mark))
    if isinstance(block, ListBlock):
        return ListBlock(block.ordered, tuple(whole_flow(item, mark) for item in block.items),
                         block.start, block.tight)
    if isinstance(block, Quote):
        return Quote(whole_flow(block.blocks, mark))
    if isinstance(block, CodeBlock):
        lines = block.text.rstrip("\n").split("\n")
        inlines: list[Inline] = []
        for n, line in enumerate(lines):
            inlines.extend([Break(), Code(line)] if n else [Code(line)])
        return Paragraph((mark(tuple(inlines)),))
    if isinstance(block, Rule):
        return Paragraph((mark((Text("⁂"),)),))
    return block


def _wrapped(inlines: tuple[Inline, ...], mark: type[Inserted] | type[Deleted]) -> tuple[
        Inline, ...]:
    return (mark(inlines),) if inlines else ()


# Words.

Token = tuple[Hashable, Inline]


def compare_inlines(old: Sequence[Inline], new: Sequence[Inline]) -> tuple[Inline, ...]:
    """The new words with the old ones matched to them: formatting, link targets and
    references are part of each word, so emphasis removed or a new address is an edit too."""
    if tuple(old) == tuple(new):
        return tuple(new)
    a, b = tokens(old), tokens(new)
    keys_a, keys_b = [key for key, _ in a], [key for key, _ in b]
    if kept_share([_word(k) for k in keys_a], [_word(k) for k in keys_b]) < KEPT_AT_LEAST:
        return merge((Deleted(tuple(old)), Inserted(tuple(new)))) if old and new else \
            merge((*_wrapped(tuple(old), Deleted), *_wrapped(tuple(new), Inserted)))
    out: list[Inline] = []
    for tag, i1, i2, j1, j2 in _spaces_folded(sequence_opcodes(keys_a, keys_b), keys_b):
        if tag == "equal":
            out.extend(node for _, node in b[j1:j2])
            continue
        if i2 > i1:
            out.append(Deleted(merge([node for _, node in a[i1:i2]])))
        if j2 > j1:
            out.append(Inserted(merge([node for _, node in b[j1:j2]])))
    return merge(out)


def _spaces_folded(codes: Sequence[Opcode], keys: Sequence[Hashable]) -> list[Opcode]:
    """A space alone between two changes joins them: "[-twee weken-]{+een week+}", not
    "[-twee-]{+een+} [-weken-]{+week+}"."""
    out: list[Opcode] = []
    for k, code in enumerate(codes):
        tag, i1, i2, j1, j2 = code
        between = 0 < k < len(codes) - 1 and tag == "equal" and all(
            _word(key) == " " for key in keys[j1:j2])
        if out and (between or (tag != "equal" and out[-1][0] == "fold")):
            _, a1, _, b1, _ = out[-1]
            out[-1] = ("fold", a1, i2, b1, j2)
        elif tag != "equal" and k + 2 < len(codes) and codes[k + 1][0] == "equal" and all(
                _word(key) == " " for key in keys[codes[k + 1][3]:codes[k + 1][4]]) and \
                codes[k + 2][0] != "equal":
            out.append(("fold", i1, i2, j1, j2))
        else:
            out.append(code)
    return [("replace" if tag == "fold" else tag, a, b, c, d) for tag, a, b, c, d in out]


def _word(key: Hashable) -> str:
    """The word a token key stands for (its last part), for the share of words kept."""
    return str(key[-1]) if isinstance(key, tuple) and key else str(key)


def tokens(nodes: Sequence[Inline], path: tuple[Hashable, ...] = (),
           wrap: Wrap = lambda node: node) -> list[Token]:
    """Words, spaces and marks, each with its formatting (path) and as a node of its own."""
    out: list[Token] = []
    for node in nodes:
        out.extend(_node_tokens(node, path, wrap))
    return out


def _node_tokens(node: Inline, path: tuple[Hashable, ...], wrap: Wrap) -> list[Token]:
    if isinstance(node, Text):
        # A soft line break reads as a space; any other kind of space (no-break, thin) is a
        # change of its own, shown as one.
        return [((path, _space(word) if word.isspace() else word), wrap(Text(word)))
                for word in tokenize(node.text)]
    if isinstance(node, Emphasis):
        return tokens(node.children, (*path, "i"), lambda n: wrap(Emphasis((n,))))
    if isinstance(node, Strong):
        return tokens(node.children, (*path, "b"), lambda n: wrap(Strong((n,))))
    if isinstance(node, Link):
        href = node.href
        return tokens(node.children, (*path, ("a", href)), lambda n: wrap(Link(href, (n,))))
    if isinstance(node, Code):
        return [((path, "code", node.text), wrap(node))]
    if isinstance(node, Ref):
        # Word by word, so a new number reads "artikel [-4-]{+5+}"; each word keeps the link.
        anchor = node.anchor
        return [((path, "ref", word), wrap(Ref(word, anchor))) for word in tokenize(node.label)]
    if isinstance(node, TermUse):
        return [((path, "term", node.text), wrap(node))]
    if isinstance(node, Break):
        return [((path, "br"), wrap(node))]
    return tokens(node.children, path, wrap)  # Inserted, Deleted: not in a built document


def _space(white: str) -> str:
    kinds = set(white)
    return " " if kinds <= {" ", "\n"} else "".join(sorted(kinds - {"\n"}))


def merge(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    """Adjacent nodes of one kind made one: texts joined, the children of like wrappers.

    Each run of like nodes is joined once (one str.join, one merge of all their children), so
    a paragraph of thousands of words costs linear time, not a copy of the text per word."""
    out: list[Inline] = []
    i = 0
    while i < len(nodes):
        key = _kind_key(nodes[i])
        j = i + 1
        while key is not None and j < len(nodes) and _kind_key(nodes[j]) == key:
            j += 1
        out.append(nodes[i] if j == i + 1 else _joined(nodes[i:j]))
        i = j
    return tuple(out)


def _kind_key(node: Inline) -> tuple[object, ...] | None:
    """What two adjacent nodes must share to be joined (None: never joined)."""
    if isinstance(node, Text):
        return (Text,)
    if isinstance(node, Ref):
        return (Ref, node.anchor)
    if isinstance(node, Link):
        return (Link, node.href)
    if isinstance(node, Emphasis | Strong | Inserted | Deleted):
        return (type(node),)
    return None


def _joined(run: Sequence[Inline]) -> Inline:
    """A run of nodes with one _kind_key made one node."""
    first = run[0]
    if isinstance(first, Text):
        return Text("".join(n.text for n in run if isinstance(n, Text)))
    if isinstance(first, Ref):
        return Ref("".join(n.label for n in run if isinstance(n, Ref)), first.anchor)
    children = merge([c for n in run if isinstance(n, Link | Emphasis | Strong | Inserted
                                                       | Deleted) for c in n.children])
    if isinstance(first, Link):
        return Link(first.href, children)
    if isinstance(first, Emphasis | Strong | Inserted | Deleted):
        return type(first)(children)
    return first  # _kind_key joins no other node

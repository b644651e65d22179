"""The redline (diff.redline) as lines of text, for the views that print text: the terminal and
Markdown. One line per paragraph, list item, lid, step, row entry; each line a list of edits
(equal, delete, insert), so a removed lid reads [-3.4 Moet er snel …-] and a renumbered one
[-6.2-]{+6.1+} …; a part only one version has comes whole, its number and labels included.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rechtmakers.diff.words import Edit, Op, coalesce
from rechtmakers.document.tree import (
    ArticleNode,
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

Row = tuple[Edit, ...]
# A whole part's op. A moved article at its new place carries its own edits: equal.
OPS: dict[Mark, Op] = {Mark.INSERTED: "insert", Mark.MOVED_TO: "equal",
                       Mark.DELETED: "delete", Mark.MOVED_FROM: "delete"}


def inline_edits(nodes: Sequence[Inline], op: Op = "equal") -> list[Edit]:
    """The words of inlines with their edits: what Inserted and Deleted mark."""
    out: list[Edit] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(Edit(op, node.text.replace("\n", " ")))
        elif isinstance(node, (Emphasis, Strong, Link)):
            out.extend(inline_edits(node.children, op))
        elif isinstance(node, (Code, TermUse)):
            out.append(Edit(op, node.text))
        elif isinstance(node, Ref):
            out.append(Edit(op, node.label))
        elif isinstance(node, Break):
            out.append(Edit(op, " "))
        elif isinstance(node, Inserted):
            out.extend(inline_edits(node.children, "insert" if op == "equal" else op))
        elif isinstance(node, Deleted):
            out.extend(inline_edits(node.children, "delete" if op == "equal" else op))
    return out


def _line(edits: Sequence[Edit]) -> Row:
    return tuple(coalesce([e for e in edits if e.text]))


def _op_of(nodes: Sequence[Inline]) -> Op:
    """insert or delete when all of a paragraph is; else equal (its label stays)."""
    if len(nodes) == 1 and isinstance(nodes[0], Inserted):
        return "insert"
    if len(nodes) == 1 and isinstance(nodes[0], Deleted):
        return "delete"
    return "equal"


def flow_rows(flow: Flow, lead: Sequence[Edit] = (), op: Op = "equal") -> Iterator[Row]:
    """A flow's lines; lead goes before the first one (a number, a label)."""
    for block in flow:
        yield from block_rows(block, lead, op)
        lead = ()


def block_rows(block: Block, lead: Sequence[Edit], op: Op) -> Iterator[Row]:
    if isinstance(block, (Paragraph, Subheading)):
        yield _line([*lead, *inline_edits(block.inlines, op)])
    elif isinstance(block, ListBlock):
        if lead:
            yield _line(lead)
        for n, item in enumerate(block.items, start=block.start):
            marker = f"{n}. " if block.ordered else "• "
            first = item[0] if item else None
            kind = _op_of(first.inlines) if isinstance(first, Paragraph) else "equal"
            yield from flow_rows(item, [Edit(op if op != "equal" else kind, marker)], op)
    elif isinstance(block, Quote):
        yield from flow_rows(block.blocks, lead, op)
    elif isinstance(block, CodeBlock):
        yield _line([*lead, Edit(op, " ".join(block.text.split()))])
    elif isinstance(block, Rule):
        yield _line([*lead, Edit(op, "⁂")])


def _pair(old: str | None, new: str, op: Op) -> list[Edit]:
    if old is None or old == new or op != "equal":
        return [Edit(op, new)]
    return [Edit("delete", old), Edit("insert", new)]


def title_row(article: ArticleNode) -> Row:
    op = OPS[article.mark] if article.mark is not None else "equal"
    return _line(_pair(article.title_was, article.title, op))


def article_rows(article: ArticleNode) -> list[Row]:
    """The article's body as lines (its title apart: title_row)."""
    op = OPS[article.mark] if article.mark is not None else "equal"
    rows = list(flow_rows(article.body, (), op))
    if article.decision is not None:
        decision = article.decision
        rows.append(_line([Edit(op, f"Wie besluit: {decision.body}")]))
        rows.append(_line([Edit(op, f"Hoe: {decision.method}")]))
        if decision.quorum:
            rows.append(_line([Edit(op, f"Wie er moeten zijn: {decision.quorum}")]))
    for n, step in enumerate(article.steps, start=1):
        step_op = OPS[step.mark] if step.mark is not None else op
        rows.append(_line([Edit(step_op, f"Stap {n}: {step.name}. Wie: {step.who}. "
                                         f"Termijn: {step.term}.")]))
        rows.extend(flow_rows(step.body, (), step_op))
    for guard in article.safeguards:
        guard_op = OPS[guard.mark] if guard.mark is not None else op
        for label, flow in (("Wat", guard.what), ("Hoe", guard.how), ("Wanneer", guard.when)):
            rows.extend(flow_rows(flow, [Edit(guard_op, f"{label}: ")], guard_op))
    for label, items in (("Dit helpt", article.helps), ("Dit helpt niet", article.hinders),
                         ("Wat instappen betekent", article.joining)):
        for item in items:
            first = item[0] if item else None
            kind = _op_of(first.inlines) if isinstance(first, Paragraph) else "equal"
            rows.extend(flow_rows(item, [Edit(op if op != "equal" else kind, f"{label}: ")],
                                  op))
    for member in article.members:
        member_op = OPS[member.mark] if member.mark is not None else op
        lead = _pair(member.was if member.moved_in_article else None, member.number,
                     member_op)
        rows.extend(flow_rows(member.body, [*lead, Edit(member_op, " ")], member_op))
    return rows


def explanation_rows(article: ArticleNode) -> list[Row]:
    return list(flow_rows(article.explanation or ()))

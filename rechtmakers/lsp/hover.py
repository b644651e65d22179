"""Hover: what a reference will print and the text it points at; a term's meaning; a key's
Dutch description from the schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from rechtmakers.document.labels import legal_name
from rechtmakers.lsp.engine import model_for
from rechtmakers.lsp.positions import lines_of
from rechtmakers.lsp.schema_info import describe, fields_at, key_at, keys_above
from rechtmakers.lsp.symbols import Kind, Target, source_of, target_at
from rechtmakers.resolve import resolve_plain
from rechtmakers.source_names import ANNEXES_DIR

if TYPE_CHECKING:
    from rechtmakers.lsp.engine import Analysis
    from rechtmakers.lsp.server import RechtmakersServer

MAX_SHOWN = 1500  # characters of an article's text in a hover


def label(analysis: Analysis, target: Target) -> str | None:
    """What a reference to target prints: "artikel 3.1", "bijlage 1", a party's name."""
    agreement = analysis.agreement
    if target.kind is Kind.ARTICLE:
        number = agreement.numbers.get(target.id)
        return f"artikel {number}" if number else None
    if target.kind is Kind.MEMBER:
        member = agreement.member_number(target.article, target.id)
        return f"artikel {member}" if member else None
    if target.kind is Kind.ANNEX:
        annex = agreement.annex_numbers.get(target.id)
        return f"bijlage {annex}" if annex else None
    if target.kind is Kind.PARTY:
        party = agreement.party_map.get(target.id)
        return party.name if party else None
    return target.id


def describe_target(analysis: Analysis, target: Target) -> str | None:
    """The hover text of a target, in Markdown."""
    agreement = analysis.agreement
    shown = label(analysis, target)
    if target.kind is Kind.TERM:
        term = next((t for t in agreement.terms if t.term.lower() == target.id.lower()), None)
        return f"**{term.term}** (begrip)\n\n{term.meaning}" if term else None
    if shown is None:
        return None
    if target.kind is Kind.PARTY:
        party = agreement.party_map[target.id]
        return f"**{legal_name(party.name, party.legal_form)}** (partij `@{party.id}`)"
    if target.kind is Kind.ANNEX:
        annex = next(a for a in agreement.annexes if a.id == target.id)
        return f"**{shown} — {annex.title}**\n\nBestand: {ANNEXES_DIR}/{annex.file}"
    article = agreement.articles[target.article or target.id]
    heading = f"**{shown} — {article.title}**"
    if target.kind is Kind.MEMBER:
        member = agreement.member(target.article, target.id)
        text = member.text if member else ""
    else:
        text = article.text
    text = resolve_plain(text, agreement).strip()
    if len(text) > MAX_SHOWN:
        text = text[:MAX_SHOWN].rstrip() + " …"
    return f"{heading}\n\n{text}"


def key_hover(rel: str, text_lines: list[str], position: lsp.Position) -> str | None:
    line = text_lines[position.line] if position.line < len(text_lines) else ""
    found = key_at(line, position.character)
    model = model_for(rel)
    if found is None or model is None:
        return None
    key, column = found
    fields = fields_at(model, keys_above(text_lines, position.line, column))
    info = fields.get(key) if fields else None
    return describe(info) if info is not None else None


def register(server: RechtmakersServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: RechtmakersServer, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        found = ls.analysis(uri)
        if found is None:
            return None
        analysis, rel = found
        document = ls.workspace.get_text_document(uri)
        value = key_hover(rel, [line.rstrip("\r\n") for line in document.lines],
                          params.position)
        source = source_of(analysis, rel)
        if value is None and source is not None:
            target = target_at(analysis, rel, lines_of(source).offset(params.position),
                               whole=True)
            value = describe_target(analysis, target) if target is not None else None
        if value is None:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=value))

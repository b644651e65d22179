"""Completion: inside [[ the article and lid ids with their numbers and titles; after @ the
parties; at a key the keys the schema allows there; after a key its allowed values."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from rechtmakers.lsp.engine import model_for
from rechtmakers.lsp.schema_info import allowed_values, fields_at, keys_above
from rechtmakers.resolve import resolve_plain

if TYPE_CHECKING:
    from rechtmakers.lsp.engine import Analysis
    from rechtmakers.lsp.server import RechtmakersServer

_IN_BRACKETS = re.compile(r"\[\[([a-z0-9-]*)(?:\.([a-z0-9-]*))?$")
_MENTION = re.compile(r"(?:^|[^\w@.])@([a-z0-9-]*)$")
_KEY = re.compile(r"^( *(?:- +)*)([\w-]*)$")
MAX_ITEMS = 100  # more come as the jurist types on (the list is then marked incomplete)
_VALUE = re.compile(r"^( *(?:- +)*)([\w-]+): *([\w-]*)$")


def _edit(line: int, start: int, end: int, text: str) -> lsp.TextEdit:
    return lsp.TextEdit(lsp.Range(lsp.Position(line, start), lsp.Position(line, end)), text)


def references(analysis: Analysis, line: int, character: int, match: re.Match[str],
               after: str) -> list[lsp.CompletionItem]:
    agreement = analysis.agreement
    close = "" if after.startswith("]]") else "]]"
    items = []
    if match.group(2) is not None:
        article_id = match.group(1)
        article = agreement.articles.get(article_id)
        start = character - len(match.group(2))
        for i, member in enumerate(article.members if article else (), start=1):
            number = agreement.member_number(article_id, member.id) or f"?.{i}"
            items.append(lsp.CompletionItem(
                label=member.id, kind=lsp.CompletionItemKind.Field,
                detail=f"artikel {number}", sort_text=f"{i:05d}",
                documentation=resolve_plain(member.text, agreement)[:500],
                text_edit=_edit(line, start, character, member.id + close)))
        return items
    typed = match.group(1)
    start = character - len(typed)
    for article_id in agreement.order:
        if not article_id.startswith(typed):
            continue
        article = agreement.articles[article_id]
        place = agreement.numbers[article_id]
        items.append(lsp.CompletionItem(
            label=article_id, kind=lsp.CompletionItemKind.Module,
            detail=f"artikel {place} — {article.title}", sort_text=f"{place:05d}",
            text_edit=_edit(line, start, character, article_id + close)))
    for annex_number, annex in agreement.ordered_annexes():
        if not annex.id.startswith(typed):
            continue
        items.append(lsp.CompletionItem(
            label=annex.id, kind=lsp.CompletionItemKind.File,
            detail=f"bijlage {annex_number} — {annex.title}",
            sort_text=f"9{annex_number:05d}",
            text_edit=_edit(line, start, character, annex.id + close)))
    return items


def parties(analysis: Analysis, line: int, character: int, typed: str
            ) -> list[lsp.CompletionItem]:
    return [lsp.CompletionItem(label=party.id, kind=lsp.CompletionItemKind.Reference,
                               detail=party.name,
                               text_edit=_edit(line, character - len(typed), character,
                                               party.id))
            for party in analysis.agreement.parties]


def keys(rel: str, lines: list[str], line: int, character: int, match: re.Match[str]
         ) -> list[lsp.CompletionItem]:
    model = model_for(rel)
    column = len(match.group(1))
    fields = fields_at(model, keys_above(lines, line, column)) if model else None
    if not fields:
        return []
    return [lsp.CompletionItem(label=key, kind=lsp.CompletionItemKind.Property,
                               detail=info.title, documentation=info.description,
                               text_edit=_edit(line, column, character, f"{key}: "))
            for key, info in fields.items()]


def values(rel: str, lines: list[str], line: int, character: int, match: re.Match[str]
           ) -> list[lsp.CompletionItem]:
    model = model_for(rel)
    column = len(match.group(1))
    fields = fields_at(model, keys_above(lines, line, column)) if model else None
    info = fields.get(match.group(2)) if fields else None
    if info is None:
        return []
    typed = match.group(3)
    return [lsp.CompletionItem(label=value, kind=lsp.CompletionItemKind.EnumMember,
                               text_edit=_edit(line, character - len(typed), character,
                                               value))
            for value in allowed_values(info)]


def register(server: RechtmakersServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                    lsp.CompletionOptions(trigger_characters=["[", ".", "@", ":"]))
    def complete(ls: RechtmakersServer, params: lsp.CompletionParams
                 ) -> lsp.CompletionList | None:
        uri = params.text_document.uri
        found = ls.analysis(uri)
        if found is None:
            return None
        analysis, rel = found
        document = ls.workspace.get_text_document(uri)
        lines = [line.rstrip("\r\n") for line in document.lines]
        line, character = params.position.line, params.position.character
        text = lines[line] if line < len(lines) else ""
        before, after = text[:character], text[character:]
        items: list[lsp.CompletionItem] = []
        if (match := _IN_BRACKETS.search(before)) is not None:
            items = references(analysis, line, character, match, after)
        elif (match := _MENTION.search(before)) is not None:
            items = parties(analysis, line, character, match.group(1))
        elif (match := _VALUE.match(before)) is not None:
            items = values(rel, lines, line, character, match)
        elif (match := _KEY.match(before)) is not None:
            items = keys(rel, lines, line, character, match)
        return lsp.CompletionList(is_incomplete=len(items) > MAX_ITEMS,
                                  items=items[:MAX_ITEMS])

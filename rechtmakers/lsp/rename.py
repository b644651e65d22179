"""Rename an article, lid, party, term or annex: one workspace edit that changes the `id:`, the
`artikelen:` list, `penvoerder:` and every reference, and renames an article's file. Refused,
with the reason, when the new name is taken or is not a valid id."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidRequest

from rechtmakers.lsp.navigation import at_cursor
from rechtmakers.lsp.positions import lines_of
from rechtmakers.lsp.symbols import Kind, Target, definition, occurrences, source_of
from rechtmakers.model_base import MAX_ID_LENGTH, SLUG_PATTERN
from rechtmakers.source_names import TERMS_FILE

if TYPE_CHECKING:
    from rechtmakers.lsp.engine import Analysis
    from rechtmakers.lsp.server import RechtmakersServer

_SLUG = re.compile(SLUG_PATTERN)


class Refused(JsonRpcInvalidRequest):
    """A rename that would break the agreement: the message says why, in Dutch."""


def refusal(analysis: Analysis, target: Target, new: str) -> str | None:
    """Why target may not be called new, or None when it may."""
    agreement = analysis.agreement
    if target.kind is Kind.TERM:
        if not new.strip() or "\n" in new:
            return "Een begrip heeft tekst op één regel nodig."
        if any(t.term.lower() == new.lower() for t in agreement.terms):
            return f'Het begrip "{new}" bestaat al in {TERMS_FILE}.'
        return None
    if not _SLUG.fullmatch(new) or len(new) > MAX_ID_LENGTH:
        return (f'"{new}" is geen geldig kenmerk. Gebruik alleen kleine letters, cijfers en '
                f"streepjes, zoals de-schoor (hooguit {MAX_ID_LENGTH} tekens).")
    if target.kind in (Kind.ARTICLE, Kind.ANNEX):
        taken = set(agreement.articles) | agreement.article_files | {
            annex.id for annex in agreement.annexes}
        if new in taken:
            return (f'Het kenmerk "{new}" is al in gebruik (artikelen en bijlagen delen hun '
                    "kenmerken). Kies een ander.")
    elif target.kind is Kind.MEMBER:
        article = agreement.articles.get(target.article)
        if article and any(m.id == new for m in article.members):
            return f'Artikel "{target.article}" heeft al een lid "{new}". Kies een ander.'
    elif target.kind is Kind.PARTY and new in agreement.party_map:
        return f'Er is al een partij "{new}". Kies een ander kenmerk.'
    return None


def rename_edit(ls: RechtmakersServer, analysis: Analysis, target: Target, new: str
                ) -> lsp.WorkspaceEdit:
    reason = refusal(analysis, target, new)
    if reason is not None:
        raise Refused(reason)
    root = analysis.agreement.root
    edits: dict[str, list[lsp.TextEdit]] = {}
    for place in occurrences(analysis, target):
        source = source_of(analysis, place.rel)
        if source is None:
            continue
        lines = lines_of(source)
        old = source.text[place.start:place.end]
        text = new[:1].upper() + new[1:] if target.kind is Kind.TERM and old[:1].isupper() \
            else new
        edits.setdefault(place.rel, []).append(
            lsp.TextEdit(lines.range(place.start, place.end), text))
    changes: list[lsp.TextDocumentEdit | lsp.RenameFile] = [
        lsp.TextDocumentEdit(
            text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                uri=ls.uri(root / rel), version=_version(ls, ls.uri(root / rel))),
            edits=list(found))
        for rel, found in sorted(edits.items())]
    if target.kind is Kind.ARTICLE and target.id in analysis.agreement.article_files:
        old_file = root / analysis.agreement.article_file(target.id)
        changes.append(lsp.RenameFile(old_uri=ls.uri(old_file),
                                      new_uri=ls.uri(old_file.with_name(f"{new}.yaml"))))
    return lsp.WorkspaceEdit(document_changes=changes)


def _version(ls: RechtmakersServer, uri: str) -> int | None:
    document = ls.workspace.text_documents.get(uri)
    return document.version if document is not None else None


def register(server: RechtmakersServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare(ls: RechtmakersServer, params: lsp.PrepareRenameParams
                ) -> lsp.PrepareRenamePlaceholder | None:
        found = at_cursor(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, target = found
        if not occurrences(analysis, target)[:1] or definition(analysis, target) is None:
            raise Refused(f'"{target.id}" bestaat niet: er is niets om te hernoemen.')
        document = ls.workspace.get_text_document(params.text_document.uri)
        line = document.lines[params.position.line] if params.position.line < len(
            document.lines) else ""
        column = params.position.character
        start = column
        while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "-_"):
            start -= 1
        end = column
        while end < len(line) and (line[end].isalnum() or line[end] in "-_"):
            end += 1
        if target.kind is Kind.TERM:
            return lsp.PrepareRenamePlaceholder(
                range=lsp.Range(params.position, params.position), placeholder=target.id)
        return lsp.PrepareRenamePlaceholder(
            range=lsp.Range(lsp.Position(params.position.line, start),
                            lsp.Position(params.position.line, end)),
            placeholder=target.id)

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    def rename(ls: RechtmakersServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        found = at_cursor(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        return rename_edit(ls, *found, params.new_name)


"""Outline: an article with its number and title, its leden numbered beneath it; the
agreement's articles and annexes; the parties; the terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from rechtmakers.agreement import ARTICLES_DIR, META_FILE, PARTIES_FILE, TERMS_FILE
from rechtmakers.load import SourceFile, YamlPath
from rechtmakers.lsp.positions import lines_of
from rechtmakers.lsp.symbols import source_of, value_range
from rechtmakers.model import AgreementMeta, Article, PartiesFile, TermsFile

if TYPE_CHECKING:
    from rechtmakers.lsp.engine import Analysis
    from rechtmakers.lsp.server import RechtmakersServer


def _symbol(source: SourceFile, whole: YamlPath, name_at: YamlPath, name: str,
            kind: lsp.SymbolKind, detail: str = "",
            children: list[lsp.DocumentSymbol] | None = None) -> lsp.DocumentSymbol:
    lines = lines_of(source)
    raw = source.raw_spans.get(whole)
    span = (raw[0].index, raw[1].index) if raw else (0, 0)
    if raw and raw[3] is not None:
        span = (raw[3].index, span[1])
    selected = value_range(source, name_at) or span
    selected = (max(selected[0], span[0]), min(selected[1], span[1])) \
        if span[0] <= selected[0] <= span[1] else span
    return lsp.DocumentSymbol(name=name or "?", kind=kind, range=lines.range(*span),
                              selection_range=lines.range(*selected), detail=detail or None,
                              children=children)


def symbols(analysis: Analysis, rel: str) -> list[lsp.DocumentSymbol]:
    read = analysis.reads.get(rel)
    source = source_of(analysis, rel)
    if read is None or source is None:
        return []
    agreement, model = analysis.agreement, read.model
    if isinstance(model, Article) and rel.startswith(f"{ARTICLES_DIR}/"):
        number = agreement.numbers.get(rel[len(ARTICLES_DIR) + 1:-5])
        prefix = f"{number}" if number else "–"
        leden = [_symbol(source, ("leden", i - 1), ("leden", i - 1, "id"),
                         f"{prefix}.{i}" if number else member.id, lsp.SymbolKind.Field,
                         member.id) for i, member in enumerate(model.members, start=1)]
        return [_symbol(source, (), ("titel",), f"Artikel {prefix} — {model.title}",
                        lsp.SymbolKind.Class, model.id, leden)]
    if isinstance(model, AgreementMeta) and rel == META_FILE:
        found = [_symbol(source, ("artikelen", i), ("artikelen", i),
                         f"Artikel {agreement.numbers[a]} — {agreement.articles[a].title}"
                         if a in agreement.numbers else a, lsp.SymbolKind.Class, a)
                 for i, a in enumerate(model.articles)]
        found += [_symbol(source, ("bijlagen", i), ("bijlagen", i, "id"),
                          f"Bijlage {agreement.annex_numbers.get(annex.id, '–')} — "
                          f"{annex.title}", lsp.SymbolKind.File, annex.id)
                  for i, annex in enumerate(model.annexes)]
        return found
    if isinstance(model, PartiesFile) and rel == PARTIES_FILE:
        return [_symbol(source, ("partijen", i), ("partijen", i, "id"), party.name,
                        lsp.SymbolKind.Object, f"@{party.id}")
                for i, party in enumerate(model.parties)]
    if isinstance(model, TermsFile) and rel == TERMS_FILE:
        return [_symbol(source, ("begrippen", i), ("begrippen", i, "term"), term.term,
                        lsp.SymbolKind.Constant) for i, term in enumerate(model.terms)]
    return []


def register(server: RechtmakersServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def outline(ls: RechtmakersServer, params: lsp.DocumentSymbolParams
                ) -> list[lsp.DocumentSymbol] | None:
        found = ls.analysis(params.text_document.uri)
        if found is None:
            return None
        return symbols(*found)

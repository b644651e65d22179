"""Inlay hints: beside each [[reference]] the number it will print ("artikel 3.1")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from rechtmakers.lsp.positions import lines_of
from rechtmakers.lsp.symbols import source_of
from rechtmakers.resolve import resolve_reference

if TYPE_CHECKING:
    from rechtmakers.lsp.server import RechtmakersServer


def register(server: RechtmakersServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_INLAY_HINT)
    def inlay_hints(ls: RechtmakersServer, params: lsp.InlayHintParams
                    ) -> list[lsp.InlayHint] | None:
        found = ls.analysis(params.text_document.uri)
        if found is None:
            return None
        analysis, rel = found
        read = analysis.reads.get(rel)
        source = source_of(analysis, rel)
        if read is None or source is None:
            return None
        lines = lines_of(source)
        first, last = params.range.start.line, params.range.end.line
        hints = []
        for _, ypath, ref in read.refs:
            if ref.kind not in ("article", "member"):
                continue
            location = source.offset_location(ypath, ref.start)
            if not first <= location.line - 1 <= last:
                continue
            resolved = resolve_reference(ref, analysis.agreement)
            if resolved is None:
                continue
            end = lines.at(location.line, location.column) + len(ref.raw)
            hints.append(lsp.InlayHint(position=lines.position(end), label=resolved.label,
                                       kind=lsp.InlayHintKind.Type, padding_left=True))
        return hints

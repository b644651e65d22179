"""Go to definition and find references, for [[artikel]], [[artikel.lid]], @partij, defined
terms and annexes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from rechtmakers.lsp.positions import lines_of
from rechtmakers.lsp.symbols import Place, Target, definition, occurrences, source_of, target_at

if TYPE_CHECKING:
    from rechtmakers.lsp.engine import Analysis
    from rechtmakers.lsp.server import RechtmakersServer


def at_cursor(ls: RechtmakersServer, uri: str, position: lsp.Position
              ) -> tuple[Analysis, Target] | None:
    """The last analysis of uri's agreement and the target under the cursor."""
    found = ls.analysis(uri)
    if found is None:
        return None
    analysis, rel = found
    source = source_of(analysis, rel)
    if source is None:
        return None
    target = target_at(analysis, rel, lines_of(source).offset(position))
    return (analysis, target) if target is not None else None


def location(ls: RechtmakersServer, analysis: Analysis, place: Place) -> lsp.Location | None:
    source = source_of(analysis, place.rel)
    if source is None:
        return None
    lines = lines_of(source)
    return lsp.Location(uri=ls.uri(analysis.agreement.root / place.rel),
                        range=lines.range(place.start, place.end))


def register(server: RechtmakersServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def goto_definition(ls: RechtmakersServer, params: lsp.DefinitionParams
                        ) -> lsp.Location | None:
        found = at_cursor(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, target = found
        place = definition(analysis, target)
        return location(ls, analysis, place) if place is not None else None

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def find_references(ls: RechtmakersServer, params: lsp.ReferenceParams
                        ) -> list[lsp.Location] | None:
        found = at_cursor(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, target = found
        places = occurrences(analysis, target)
        if not params.context.include_declaration:
            places = [place for place in places if not place.definition]
        return [loc for place in places if (loc := location(ls, analysis, place))]

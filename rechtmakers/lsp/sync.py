"""Documents opening, changing, saving and closing; files changing on disk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types as lsp

if TYPE_CHECKING:
    from rechtmakers.lsp.server import RechtmakersServer


def register(server: RechtmakersServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RechtmakersServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.changed(params.text_document.uri, delay=0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RechtmakersServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RechtmakersServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RechtmakersServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.rescan()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: RechtmakersServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.rescan()

    @server.feature(lsp.WORKSPACE_DID_RENAME_FILES)
    def renamed(ls: RechtmakersServer, params: lsp.RenameFilesParams) -> None:
        ls.rescan()

"""rechtmakers lsp driven as an editor drives it: a real server process over stdio (pytest-lsp)."""

from __future__ import annotations

import asyncio
import shutil
import sys
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

# The sample as these tests were written against it: the sample itself changes with its text.
SAMPLE = Path(__file__).resolve().parent / "data" / "positief-gezond-almere"


SERVER = [sys.executable, "-c", "from rechtmakers.cli import main; main()", "lsp"]
WAIT = 20.0  # seconds: generous for a loaded CI machine; a pass is usually far quicker


def uri_of(path: Path) -> str:
    return str(from_fs_path(str(path)))


@dataclass
class Editor:
    """One editor session: the client, the workspace and the documents it has open."""

    client: LanguageClient
    root: Path  # the agreement folder
    versions: dict[str, int] = field(default_factory=dict)

    def uri(self, rel: str) -> str:
        return uri_of(self.root / rel)

    def text(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def open(self, rel: str, text: str | None = None) -> str:
        uri = self.uri(rel)
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1,
                                 text=self.text(rel) if text is None else text)))
        return uri

    def replace(self, rel: str, text: str) -> None:
        """The whole text replaced, as a paste does."""
        uri = self.uri(rel)
        self.versions[uri] = self.versions.get(uri, 1) + 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)]))

    def type_at(self, rel: str, line: int, character: int, typed: str) -> None:
        """Characters typed at a place, as one incremental change."""
        uri = self.uri(rel)
        self.versions[uri] = self.versions.get(uri, 1) + 1
        at = lsp.Position(line, character)
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [lsp.TextDocumentContentChangePartial(range=lsp.Range(at, at), text=typed)]))

    async def diagnostics(self, rel: str, until: Callable[[Sequence[lsp.Diagnostic]], bool],
                          timeout: float = WAIT) -> Sequence[lsp.Diagnostic]:
        """The diagnostics of a file once they satisfy until (fails after timeout)."""
        uri = self.uri(rel)
        deadline = time.monotonic() + timeout
        while True:
            found = self.client.diagnostics.get(uri)
            if found is not None and until(found):
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"geen passende meldingen voor {rel}: {found}")
            await asyncio.sleep(0.02)

    def position(self, rel: str, needle: str, offset: int = 0) -> lsp.Position:
        """The position of the first occurrence of needle in the file on disk (+ offset)."""
        text = self.text(rel)
        index = text.index(needle) + offset
        line = text.count("\n", 0, index)
        return lsp.Position(line, index - (text.rfind("\n", 0, index) + 1))


def codes(diagnostics: Sequence[lsp.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics]


async def start_editor(workspace: Path, agreement: Path) -> tuple[LanguageClient, Editor]:
    client = await ClientServerConfig(server_command=SERVER).start()
    assert isinstance(client, LanguageClient)
    await client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=uri_of(workspace),
        workspace_folders=[lsp.WorkspaceFolder(uri=uri_of(workspace), name="werk")]))
    return client, Editor(client, agreement)


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    """A writable copy of the sample agreement."""
    target = tmp_path / "agreements" / SAMPLE.name
    shutil.copytree(SAMPLE, target)
    return target


@pytest_asyncio.fixture
async def editor(agreement: Path) -> AsyncIterator[Editor]:
    client, session = await start_editor(agreement.parent.parent, agreement)
    yield session
    await client.shutdown_session()
    await client.stop()

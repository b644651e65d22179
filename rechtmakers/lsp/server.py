"""The language server: one object that owns the agreements, the analyses and their timing.

Each feature (navigation, rename, hover, …) lives in a module of its own and registers its
handlers on this server; they all read the last analysis of an agreement, which is a consistent
snapshot. Analyses run on one worker thread, never on the thread that reads the editor's
messages: a keystroke waits a short moment (longer in a large file) and then cancels whatever
older work is still running for the same agreement.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from rechtmakers import __version__
from rechtmakers.agreement import is_agreement_dir
from rechtmakers.checks import RULES
from rechtmakers.config import load_config
from rechtmakers.lsp.diagnostics import diagnostics_for, file_text
from rechtmakers.lsp.engine import AgreementState, Analysis, Stale, model_for
from rechtmakers.source_names import ARTICLES_DIR

log = logging.getLogger(__name__)

DEBOUNCE = 0.02  # seconds after a keystroke in a small file
DEBOUNCE_PER_MB = 0.5  # more per megabyte: a large file is read again when typing pauses
SLOW_PAUSE = 0.4  # the slow rules between files wait for a pause in typing


class RechtmakersServer(LanguageServer):
    """rechtmakers lsp: the validator's findings and the agreement's structure in the editor."""

    def __init__(self) -> None:
        super().__init__("rechtmakers", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.states: dict[Path, AgreementState] = {}
        self.generation: dict[Path, int] = {}
        self.timers: dict[str, asyncio.Task[None]] = {}
        self.published: dict[str, int] = {}  # uri → how many diagnostics it shows
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rechtmakers-lsp")
        self.with_history = True  # V001/V002 against the last commit, where there is git

    # Agreements and their files.

    def locate(self, uri: str) -> tuple[AgreementState, str] | None:
        """The agreement a document belongs to and its path inside it, or None."""
        fs = to_fs_path(uri)
        if fs is None:
            return None
        path = Path(fs).absolute()
        for parent in path.parents:
            if is_agreement_dir(parent) or (parent / ARTICLES_DIR).is_dir() and \
                    path.parent.name == ARTICLES_DIR and parent == path.parent.parent:
                rel = path.relative_to(parent).as_posix()
                if model_for(rel) is None:
                    return None
                return self.state(parent), rel
        return None

    def state(self, root: Path) -> AgreementState:
        state = self.states.get(root)
        if state is None:
            config = load_config(root, rules=RULES)
            state = self.states[root] = AgreementState(root, config=config)
            self.generation[root] = 0
        return state

    def uri(self, path: Path) -> str:
        return str(from_fs_path(str(path)))

    def analysis(self, uri: str) -> tuple[Analysis, str] | None:
        """The last analysis of the agreement that holds uri, with uri's path inside it."""
        located = self.locate(uri)
        if located is None or located[0].last is None:
            return None
        return located[0].last, located[1]

    def current_text(self, uri: str) -> str:
        """The document as the editor has it now (open), or as on disk."""
        return str(self.workspace.get_text_document(uri).source)

    # Scheduling.

    def changed(self, uri: str, *, delay: float | None = None) -> None:
        """The text of uri changed (or it opened): analyse its agreement soon."""
        located = self.locate(uri)
        if located is None:
            return
        state, rel = located
        self.generation[state.root] += 1
        old = self.timers.pop(uri, None)
        if old is not None:
            old.cancel()
        text = self.current_text(uri)
        if delay is None:
            delay = DEBOUNCE + DEBOUNCE_PER_MB * len(text) / 1_000_000
        self.timers[uri] = asyncio.ensure_future(self._later(state, rel, uri, delay))

    def closed(self, uri: str) -> None:
        located = self.locate(uri)
        if located is None:
            return
        state, rel = located
        self.generation[state.root] += 1
        self.timers[uri] = asyncio.ensure_future(self._later(state, rel, None, 0))

    async def _later(self, state: AgreementState, rel: str, uri: str | None,
                     delay: float) -> None:
        try:
            await asyncio.sleep(delay)
        except asyncio.CancelledError:
            return
        data = self.current_text(uri).encode("utf-8") if uri is not None else None
        generation = self.generation[state.root]
        loop = asyncio.get_running_loop()
        try:
            analysis = await loop.run_in_executor(self.worker, self._fast, state, rel, data,
                                                  generation)
            self.publish(analysis)
            await asyncio.sleep(SLOW_PAUSE)
            if self.generation[state.root] != generation:
                return
            analysis = await loop.run_in_executor(self.worker, self._slow, state, generation)
            self.publish(analysis)
        except Stale:
            return
        except Exception:  # noqa: BLE001 — a bug must not take the jurist's editor down
            log.exception("analyse failed")

    def _checker(self, state: AgreementState, generation: int) -> object:
        def check() -> None:
            if self.generation.get(state.root) != generation:
                raise Stale
        return check

    def _fast(self, state: AgreementState, rel: str, data: bytes | None,
              generation: int) -> Analysis:
        check = self._checker(state, generation)
        if not state.reads:
            state.scan_disk()  # the last commit is read with the slow rules, after this
        state.set_text(rel, data)
        check()  # type: ignore[operator]
        return state.analyse(check, slow=False, focus=rel)  # type: ignore[arg-type]

    def _slow(self, state: AgreementState, generation: int) -> Analysis:
        if not state.history_read:
            self._history(state)
        return state.analyse(self._checker(state, generation), slow=True)  # type: ignore[arg-type]

    def _history(self, state: AgreementState) -> None:
        """The agreement at the last commit, for V001/V002 (raise versie): where there is git."""
        if not self.with_history:
            return
        from rechtmakers.lsp.history import last_commit

        state.previous = last_commit(state.root)
        state.history_read = True
        state.since = "HEAD" if state.previous is not None else ""

    def rescan(self) -> None:
        """Files changed on disk (saved, created, deleted, renamed): read those again."""
        for root, state in self.states.items():
            self.generation[root] += 1
            future = asyncio.get_running_loop().run_in_executor(self.worker, self._rescan,
                                                                state, self.generation[root])
            asyncio.ensure_future(self._publish_when(future))

    def _rescan(self, state: AgreementState, generation: int) -> Analysis:
        state.scan_disk()
        self._history(state)
        return state.analyse(self._checker(state, generation))  # type: ignore[arg-type]

    async def _publish_when(self, future: asyncio.Future[Analysis]) -> None:
        try:
            self.publish(await future)
        except Stale:
            return

    # Diagnostics.

    def publish(self, analysis: Analysis) -> None:
        """Send the findings of every file that has some, or had some before."""
        root = analysis.agreement.root
        wanted: dict[str, list[lsp.Diagnostic]] = {}
        for path, findings in analysis.findings.items():
            uri = self.uri(path)
            text = file_text(analysis, path, "")
            if not text:
                text = self._text_of(uri, path)
            wanted[uri] = diagnostics_for(analysis, path, findings, text)
        prefix = self.uri(root) + "/"
        for uri in [*self.published, *self.workspace.text_documents]:
            if uri.startswith(prefix) and uri not in wanted:
                wanted[uri] = []
        for uri, diagnostics in wanted.items():
            key = hash(tuple((d.code, d.message, d.range.start.line, d.range.start.character,
                              d.range.end.line, d.range.end.character) for d in diagnostics))
            if self.published.get(uri) == key:
                continue
            self.published[uri] = key
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))

    def _text_of(self, uri: str, path: Path) -> str:
        document = self.workspace.text_documents.get(uri)
        if document is not None:
            return str(document.source)
        try:
            return path.read_text(encoding="utf-8", errors="replace")[:1_000_001]
        except OSError:
            return ""


def create_server() -> RechtmakersServer:
    """The server with every feature registered."""
    from rechtmakers.lsp import (
        actions,
        completion,
        hover,
        inlay,
        navigation,
        outline,
        rename,
        sync,
    )

    server = RechtmakersServer()
    for feature in (sync, navigation, rename, hover, inlay, completion, actions, outline):
        feature.register(server)
    return server

"""Benchmark `rechtmakers lsp` on the synthetic 1,000-article agreement (prints figures; not a
test).

Targets (issue 24): first diagnostics after opening ≤ 1.5 s; after a keystroke in one article
its diagnostics ≤ 100 ms (that file is read again, the other 999 are not); definition, hover
and completion ≤ 50 ms; rename of an id used 200 times ≤ 500 ms; memory ≤ 300 MB.

Run it as users run rechtmakers, with bytecode writing on:
`env -u PYTHONDONTWRITEBYTECODE python benchmarks/bench_lsp.py`.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import client_capabilities, make_test_lsp_client

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

SERVER = [sys.executable, "-c", "from rechtmakers.cli import main; main()", "lsp"]
RUNS = 7


def uri(path: Path) -> str:
    return str(from_fs_path(str(path)))


async def timed(coro: object) -> float:
    start = time.perf_counter()
    await coro  # type: ignore[misc]
    return time.perf_counter() - start


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "agreements" / "synth"
        synth.generate(root, articles=1000, parties=15, seed=1)
        # One id used 200 times: article 2 is named by 200 other articles.
        target = sorted((root / "artikelen").glob("*.yaml"))[1].stem
        for path in sorted((root / "artikelen").glob("*.yaml"))[2:202]:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("tekst: |\n", f"tekst: |\n  Zie [[{target}]].\n", 1),
                            encoding="utf-8")
        client = make_test_lsp_client()
        await client.start_io(*SERVER)
        await client.initialize_session(lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=uri(root.parent)))
        article = sorted((root / "artikelen").glob("*.yaml"))[5]
        doc = uri(article)
        text = article.read_text(encoding="utf-8")
        start = time.perf_counter()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=doc, language_id="yaml", version=1, text=text)))
        while doc not in client.diagnostics:
            await client.wait_for_notification("textDocument/publishDiagnostics")
        first = time.perf_counter() - start
        await asyncio.sleep(5)  # the slow rules of the first analysis finish

        keystrokes = []
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith("titel:"))
        for n in range(RUNS):
            # a typing mistake that gives a finding, then its fix: each keystroke is measured
            # every keystroke flips the findings: a colon typed away, then back
            lines[index] = ("titel Onderdeel" if n % 2 == 0 else "titel: Onderdeel")
            client.diagnostics.pop(doc, None)
            start = time.perf_counter()
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=doc, version=n + 2),
                [lsp.TextDocumentContentChangeWholeDocument(text="\n".join(lines))]))
            while doc not in client.diagnostics:
                await client.wait_for_notification("textDocument/publishDiagnostics")
            keystrokes.append(time.perf_counter() - start)
            await asyncio.sleep(0.3)
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=doc, version=99),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        await asyncio.sleep(1.0)

        other = sorted((root / "artikelen").glob("*.yaml"))[2]
        other_text = other.read_text(encoding="utf-8")
        ref_line = other_text.split("\n").index(f"  Zie [[{target}]].")
        at = lsp.Position(ref_line, 9)
        other_doc = lsp.TextDocumentIdentifier(uri=uri(other))
        definition = [await timed(client.text_document_definition_async(
            lsp.DefinitionParams(other_doc, at))) for _ in range(RUNS)]
        hover = [await timed(client.text_document_hover_async(
            lsp.HoverParams(other_doc, at))) for _ in range(RUNS)]
        completion = [await timed(client.text_document_completion_async(
            lsp.CompletionParams(other_doc, lsp.Position(ref_line, 8)))) for _ in range(RUNS)]
        rename_times = []
        for _ in range(3):
            start = time.perf_counter()
            edit = await client.text_document_rename_async(lsp.RenameParams(
                other_doc, at, new_name="nieuw-kenmerk"))
            rename_times.append(time.perf_counter() - start)
        assert edit is not None and edit.document_changes is not None
        edits = sum(len(c.edits) for c in edit.document_changes
                    if isinstance(c, lsp.TextDocumentEdit))
        pid = client._server.pid  # type: ignore[union-attr]
        status = Path(f"/proc/{pid}/status").read_text()
        peak = next(int(line.split()[1]) for line in status.splitlines()
                    if line.startswith("VmHWM")) / 1024
        await client.shutdown_session()
        await client.stop()

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} ms (slechtst {max(values) * 1000:.0f})"

    print(f"eerste meldingen na openen:      {first:.2f} s   (doel ≤ 1,5 s)")
    print(f"meldingen na een toetsaanslag:   {ms(keystrokes)}   (doel ≤ 100 ms)")
    print(f"ga naar definitie:               {ms(definition)}   (doel ≤ 50 ms)")
    print(f"hover:                           {ms(hover)}   (doel ≤ 50 ms)")
    print(f"aanvullen in [[:                 {ms(completion)}   (doel ≤ 50 ms)")
    print(f"hernoemen ({edits} wijzigingen):    {ms(rename_times)}   (doel ≤ 500 ms)")
    print(f"geheugen (piek van de server):   {peak:.0f} MB   (doel ≤ 300 MB)")


if __name__ == "__main__":
    asyncio.run(main())

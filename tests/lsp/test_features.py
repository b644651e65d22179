"""Navigation, hover, inlay hints, completion and outline, asked as an editor asks them."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

from tests.lsp.conftest import Editor

pytestmark = pytest.mark.asyncio

BESLUIT = "artikelen/besluitvorming.yaml"


def doc(editor: Editor, rel: str) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri=editor.uri(rel))


async def test_definition_and_references(editor: Editor) -> None:
    editor.open(BESLUIT)
    await editor.diagnostics(BESLUIT, lambda d: True)
    client = editor.client
    # [[conflictdialoog]] → the id of artikelen/conflictdialoog.yaml
    at = editor.position(BESLUIT, "[[conflictdialoog]]", 4)
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        doc(editor, BESLUIT), at))
    assert isinstance(found, lsp.Location)
    assert found.uri == editor.uri("artikelen/conflictdialoog.yaml")
    target = editor.position("artikelen/conflictdialoog.yaml", "id: conflictdialoog", 4)
    assert (found.range.start.line, found.range.start.character) == (target.line,
                                                                      target.character)
    # [[inwonerperspectief.casus]] on the lid → the lid's id
    at = editor.position(BESLUIT, "[[inwonerperspectief.casus]]", 22)
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        doc(editor, BESLUIT), at))
    assert isinstance(found, lsp.Location)
    assert found.uri == editor.uri("artikelen/inwonerperspectief.yaml")
    text = editor.text("artikelen/inwonerperspectief.yaml")
    assert text.splitlines()[found.range.start.line].strip() == "- id: casus"
    # a defined term in a text → begrippen.yaml
    at = editor.position(BESLUIT, "de stuurgroep", 5)
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        doc(editor, BESLUIT), at))
    assert isinstance(found, lsp.Location) and found.uri == editor.uri("begrippen.yaml")
    # references of article conflictdialoog: its id, the list entry, every [[…]]
    at = editor.position("artikelen/conflictdialoog.yaml", "id: conflictdialoog", 5)
    editor.open("artikelen/conflictdialoog.yaml")
    refs = await client.text_document_references_async(lsp.ReferenceParams(
        context=lsp.ReferenceContext(include_declaration=True),
        text_document=doc(editor, "artikelen/conflictdialoog.yaml"), position=at))
    assert refs is not None
    files = {ref.uri.rsplit("/", 1)[-1] for ref in refs}
    assert {"conflictdialoog.yaml", "overeenkomst.yaml", "besluitvorming.yaml"} <= files
    for ref in refs:
        path = editor.root / ref.uri.split(editor.root.name + "/", 1)[1]
        line = path.read_text(encoding="utf-8").splitlines()[ref.range.start.line]
        assert line[ref.range.start.character:ref.range.end.character] == "conflictdialoog"
    # a party: @ggd-flevoland in a text → partijen.yaml, and penvoerder counts as a use
    at = editor.position("overeenkomst.yaml", "penvoerder: ggd-flevoland", 14)
    editor.open("overeenkomst.yaml")
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        doc(editor, "overeenkomst.yaml"), at))
    assert isinstance(found, lsp.Location) and found.uri == editor.uri("partijen.yaml")


async def test_hover_inlay_hints_and_outline(editor: Editor) -> None:
    editor.open(BESLUIT)
    await editor.diagnostics(BESLUIT, lambda d: True)
    client = editor.client
    at = editor.position(BESLUIT, "[[inwonerperspectief.casus]]", 3)
    hover = await client.text_document_hover_async(lsp.HoverParams(doc(editor, BESLUIT), at))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.value.startswith("**artikel 5.1 — ")
    assert "inwoner" in hover.contents.value
    at = editor.position(BESLUIT, "wijze: consent", 1)
    hover = await client.text_document_hover_async(lsp.HoverParams(doc(editor, BESLUIT), at))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "Hoe een besluit valt" in hover.contents.value and "`consensus`" in \
        hover.contents.value
    at = editor.position(BESLUIT, "in de stuurgroep", 8)
    hover = await client.text_document_hover_async(lsp.HoverParams(doc(editor, BESLUIT), at))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "bestuurders van alle partijen" in hover.contents.value  # tests/lsp/data's term

    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(
        doc(editor, BESLUIT), lsp.Range(lsp.Position(0, 0), lsp.Position(100, 0))))
    assert hints is not None
    labels = sorted(str(hint.label) for hint in hints)
    assert labels == ["artikel 4", "artikel 5.1"]
    end = editor.position(BESLUIT, "[[conflictdialoog]]", len("[[conflictdialoog]]"))
    assert any(h.position == end and h.label == "artikel 4" for h in hints)

    outline = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
        doc(editor, BESLUIT)))
    assert outline is not None
    (article,) = outline
    assert isinstance(article, lsp.DocumentSymbol)
    assert article.name == "Artikel 3 — Zo nemen we besluiten"
    members = editor.text(BESLUIT).count("\n  - id: ")  # the leden of tests/lsp/data's copy
    assert [child.name for child in article.children or []] == [
        f"3.{n}" for n in range(1, members + 1)]
    assert (article.children or [])[1].detail == "consent"


async def test_completion(editor: Editor) -> None:
    rel = "artikelen/looptijd.yaml"
    text = editor.text(rel)
    editor.open(rel)
    await editor.diagnostics(rel, lambda d: True)
    client = editor.client
    line = text.splitlines().index("tekst: |") + 1
    typed = "  Zie [[besluitvorming."
    editor.replace(rel, "\n".join([*text.splitlines()[:line], typed,
                                   *text.splitlines()[line:]]) + "\n")
    found = await client.text_document_completion_async(lsp.CompletionParams(
        doc(editor, rel), lsp.Position(line, len(typed))))
    assert isinstance(found, lsp.CompletionList)
    assert [(i.label, i.detail) for i in found.items][:2] == [
        ("voorstellen", "artikel 3.1"), ("consent", "artikel 3.2")]
    assert found.items[1].text_edit is not None and found.items[1].text_edit.new_text == \
        "consent]]"
    found = await client.text_document_completion_async(lsp.CompletionParams(
        doc(editor, rel), lsp.Position(line, len("  Zie [["))))
    assert isinstance(found, lsp.CompletionList)
    details = {i.label: i.detail for i in found.items}
    assert details["besluitvorming"] == "artikel 3 — Zo nemen we besluiten"
    assert details["transformatieplan"].startswith("bijlage 1 — ")
    editor.replace(rel, "\n".join([*text.splitlines()[:line], "  Zo doet @ggd",
                                   *text.splitlines()[line:]]) + "\n")
    found = await client.text_document_completion_async(lsp.CompletionParams(
        doc(editor, rel), lsp.Position(line, len("  Zo doet @ggd"))))
    assert isinstance(found, lsp.CompletionList)
    assert "ggd-flevoland" in {i.label for i in found.items}
    # keys and values from the schema
    editor.replace(rel, text + "besluitvorming:\n  wijze: con\n  \n")
    last = len(text.splitlines())
    found = await client.text_document_completion_async(lsp.CompletionParams(
        doc(editor, rel), lsp.Position(last + 1, len("  wijze: con"))))
    assert isinstance(found, lsp.CompletionList)
    assert {"consent", "consensus", "meerderheid", "unanimiteit"} == {
        i.label for i in found.items}
    found = await client.text_document_completion_async(lsp.CompletionParams(
        doc(editor, rel), lsp.Position(last + 2, 2)))
    assert isinstance(found, lsp.CompletionList)
    assert {"wijze", "orgaan", "quorum"} == {i.label for i in found.items}
    found = await client.text_document_completion_async(lsp.CompletionParams(
        doc(editor, rel), lsp.Position(last + 3, 0)))
    assert isinstance(found, lsp.CompletionList)
    assert {"id", "titel", "tekst", "leden"} <= {i.label for i in found.items}


async def test_annexes_and_terms(editor: Editor) -> None:
    rel = "artikelen/doel.yaml"
    editor.open(rel)
    await editor.diagnostics(rel, lambda d: True)
    client = editor.client
    at = editor.position(rel, "[[transformatieplan]]", 5)
    found = await client.text_document_definition_async(lsp.DefinitionParams(doc(editor, rel),
                                                                              at))
    assert isinstance(found, lsp.Location) and found.uri == editor.uri("overeenkomst.yaml")
    line = editor.text("overeenkomst.yaml").split("\n")[found.range.start.line]
    assert line.strip() == "- id: transformatieplan"
    hover = await client.text_document_hover_async(lsp.HoverParams(doc(editor, rel), at))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.value.startswith("**bijlage 1 — Transformatieplan")
    # the term stuurgroep: its definition and its uses in the texts
    at = editor.position(rel, "De stuurgroep bespreekt", 5)
    refs = await client.text_document_references_async(lsp.ReferenceParams(
        context=lsp.ReferenceContext(include_declaration=True), text_document=doc(editor, rel),
        position=at))
    assert refs is not None and len(refs) > 5
    assert refs[0].uri == editor.uri("begrippen.yaml")
    for ref in refs:
        path = editor.root / ref.uri.split(editor.root.name + "/", 1)[1]
        text = path.read_text(encoding="utf-8").split("\n")[ref.range.start.line]
        assert text[ref.range.start.character:ref.range.end.character].lower() == "stuurgroep"

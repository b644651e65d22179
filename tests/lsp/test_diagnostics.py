"""Diagnostics while typing: the validator's findings, over the offending value's range."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

from tests.lsp.conftest import Editor, codes

pytestmark = pytest.mark.asyncio


async def test_broken_reference_is_reported_over_its_range_with_a_link(editor: Editor) -> None:
    rel = "artikelen/besluitvorming.yaml"
    editor.open(rel)
    assert list(await editor.diagnostics(rel, lambda d: True)) == []
    text = editor.text(rel).replace("[[conflictdialoog]]", "[[conflict-dialoog]]")
    editor.replace(rel, text)
    found = await editor.diagnostics(rel, lambda d: "R003" in codes(d))
    (diagnostic,) = [d for d in found if d.code == "R003"]
    start = editor.position(rel, "[[conflictdialoog]]")
    assert (diagnostic.range.start.line, diagnostic.range.start.character) == \
        (start.line, start.character)
    assert diagnostic.range.end.character == start.character + len("[[conflict-dialoog]]")
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href.endswith("docs/regels.md#r003")
    assert diagnostic.source == "rechtmakers"


async def test_a_change_in_one_file_updates_findings_in_another(editor: Editor) -> None:
    besluit, conflict = "artikelen/besluitvorming.yaml", "artikelen/conflictdialoog.yaml"
    editor.open(besluit)
    editor.open(conflict)
    await editor.diagnostics(besluit, lambda d: True)
    # the lid that besluitvorming refers to is renamed by hand: besluitvorming gets R004 ...
    text = editor.text("artikelen/inwonerperspectief.yaml")
    editor.open("artikelen/inwonerperspectief.yaml")
    editor.replace("artikelen/inwonerperspectief.yaml", text.replace("- id: casus",
                                                                     "- id: de-casus"))
    found = await editor.diagnostics(besluit, lambda d: "R004" in codes(d))
    assert any("casus" in d.message for d in found)
    # ... and loses it when the id is typed back
    editor.replace("artikelen/inwonerperspectief.yaml", text)
    await editor.diagnostics(besluit, lambda d: "R004" not in codes(d))


async def test_half_typed_yaml_is_one_diagnostic_at_its_line(editor: Editor) -> None:
    rel = "artikelen/looptijd.yaml"
    text = editor.text(rel)
    editor.open(rel)
    await editor.diagnostics(rel, lambda d: True)
    for cut in range(len("titel: Zo lang"), 0, -3):  # every stage of typing a line anew
        lines = text.split("\n")
        lines[1] = lines[1][:cut]
        editor.replace(rel, "\n".join(lines))
    editor.replace(rel, text.replace("titel: ", "titel ", 1))
    found = await editor.diagnostics(rel, lambda d: "Y001" in codes(d))
    assert len(found) == 1
    assert found[0].range.start.line == 2 or found[0].range.start.line == 1
    assert "dubbele punt" in found[0].message
    editor.replace(rel, text)
    await editor.diagnostics(rel, lambda d: not d)


async def fixes(editor: Editor, rel: str, code: str) -> list[tuple[str, lsp.TextEdit]]:
    found = await editor.diagnostics(rel, lambda d: code in codes(d))
    result = []
    for diagnostic in [d for d in found if d.code == code]:
        actions = await editor.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=editor.uri(rel)),
            range=diagnostic.range, context=lsp.CodeActionContext(diagnostics=[diagnostic])))
        for action in actions or []:
            assert isinstance(action, lsp.CodeAction) and action.edit is not None
            (edit,) = (action.edit.changes or {})[editor.uri(rel)]
            result.append((action.title, edit))
    return result


def applied(text: str, edit: lsp.TextEdit) -> str:
    lines = text.split("\n")
    start, end = edit.range.start, edit.range.end
    lines[start.line] = lines[start.line][:start.character] + edit.new_text + \
        lines[end.line][end.character:]
    return "\n".join(lines)


async def test_quick_fixes_apply_what_the_message_says(editor: Editor) -> None:
    rel = "artikelen/besluitvorming.yaml"
    text = editor.text(rel)
    editor.open(rel)
    broken = text.replace("wijze: consent", "wijze: consnet")
    editor.replace(rel, broken)
    ((title, edit),) = await fixes(editor, rel, "S004")
    assert title == "Vervang door consent"
    assert applied(broken, edit) == text
    broken = text.replace("Een besluit gaat door", "Indien een besluit doorgaat")
    editor.replace(rel, broken)
    ((title, edit),) = await fixes(editor, rel, "T001")
    assert title == 'Schrijf "Als"'
    assert "Als een besluit doorgaat" in applied(broken, edit)
    broken = text.replace("[[conflictdialoog]]", "[[conflict-dialoog]]")
    editor.replace(rel, broken)
    ((title, edit),) = await fixes(editor, rel, "R003")
    assert applied(broken, edit) == text
    broken = text.replace("titel: Zo", "titel Zo")
    editor.replace(rel, broken)
    ((title, edit),) = await fixes(editor, rel, "Y001")
    assert applied(broken, edit) == text

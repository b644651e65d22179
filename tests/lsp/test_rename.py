"""Rename: one workspace edit for an article (its file too), a lid, a party; refused with a
reason when the new id is taken or not an id."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from tests.lsp.conftest import Editor

pytestmark = pytest.mark.asyncio

CONFLICT = "artikelen/conflictdialoog.yaml"


async def rename(editor: Editor, rel: str, needle: str, offset: int, new: str
                 ) -> lsp.WorkspaceEdit:
    result = await editor.client.text_document_rename_async(lsp.RenameParams(
        text_document=lsp.TextDocumentIdentifier(uri=editor.uri(rel)),
        position=editor.position(rel, needle, offset), new_name=new))
    assert result is not None
    return result


def apply(editor: Editor, edit: lsp.WorkspaceEdit) -> None:
    """Apply a workspace edit to the files on disk, as the editor would."""
    for change in edit.document_changes or []:
        if isinstance(change, lsp.RenameFile):
            old = editor.root / change.old_uri.split(editor.root.name + "/", 1)[1]
            new = editor.root / change.new_uri.split(editor.root.name + "/", 1)[1]
            old.rename(new)
            continue
        assert isinstance(change, lsp.TextDocumentEdit)
        path = editor.root / change.text_document.uri.split(editor.root.name + "/", 1)[1]
        lines = path.read_text(encoding="utf-8").split("\n")
        for text_edit in sorted(change.edits, key=lambda e: (e.range.start.line,  # type: ignore[union-attr]
                                                            e.range.start.character),
                                reverse=True):
            start, end = text_edit.range.start, text_edit.range.end
            assert start.line == end.line
            line = lines[start.line]
            lines[start.line] = line[:start.character] + text_edit.new_text + \
                line[end.character:]
        path.write_text("\n".join(lines), encoding="utf-8")


async def test_rename_article_renames_file_list_and_references(editor: Editor) -> None:
    editor.open(CONFLICT)
    await editor.diagnostics(CONFLICT, lambda d: True)
    edit = await rename(editor, CONFLICT, "id: conflictdialoog", 6, "in-gesprek")
    files = [c for c in edit.document_changes or [] if isinstance(c, lsp.RenameFile)]
    assert [f.new_uri.rsplit("/", 1)[-1] for f in files] == ["in-gesprek.yaml"]
    apply(editor, edit)
    assert (editor.root / "artikelen" / "in-gesprek.yaml").is_file()
    assert "  - in-gesprek\n" in editor.text("overeenkomst.yaml")
    assert "[[in-gesprek]]" in editor.text("artikelen/besluitvorming.yaml")
    assert "[[conflictdialoog" not in "".join(
        p.read_text(encoding="utf-8") for p in editor.root.rglob("*.yaml"))
    from rechtmakers.validate import validate_agreement

    assert validate_agreement(editor.root).errors == []


async def test_rename_lid_and_party(editor: Editor) -> None:
    rel = "artikelen/besluitvorming.yaml"
    editor.open(rel)
    await editor.diagnostics(rel, lambda d: True)
    edit = await rename(editor, "artikelen/besluitvorming.yaml", "- id: consent", 6,
                        "instemming")
    assert not [c for c in edit.document_changes or [] if isinstance(c, lsp.RenameFile)]
    edit2 = await rename(editor, "overeenkomst.yaml", "penvoerder: ggd-flevoland", 13,
                         "ggd")
    apply(editor, edit)
    apply(editor, edit2)
    from rechtmakers.validate import validate_agreement

    report = validate_agreement(editor.root)
    assert report.errors == []
    assert "penvoerder: ggd\n" in editor.text("overeenkomst.yaml")
    assert "- id: instemming" in editor.text(rel)


@pytest.mark.parametrize(("new", "reason"), [
    ("besluitvorming", "al in gebruik"),
    ("transformatieplan", "al in gebruik"),
    ("Conflict Dialoog", "geen geldig kenmerk"),
    ("", "geen geldig kenmerk"),
])
async def test_rename_refused_with_reason(editor: Editor, new: str, reason: str) -> None:
    editor.open(CONFLICT)
    await editor.diagnostics(CONFLICT, lambda d: True)
    with pytest.raises(JsonRpcException, match=reason):
        await rename(editor, CONFLICT, "id: conflictdialoog", 6, new)


async def test_rename_of_a_lid_to_a_taken_id_is_refused(editor: Editor) -> None:
    rel = "artikelen/besluitvorming.yaml"
    editor.open(rel)
    await editor.diagnostics(rel, lambda d: True)
    with pytest.raises(JsonRpcException, match='heeft al een lid "voorstellen"'):
        await rename(editor, rel, "- id: consent", 6, "voorstellen")


async def test_rename_a_term_everywhere(editor: Editor) -> None:
    rel = "begrippen.yaml"
    editor.open(rel)
    await editor.diagnostics(rel, lambda d: True)
    edit = await rename(editor, rel, "term: stuurgroep", 7, "kerngroep")
    apply(editor, edit)
    texts = "".join(p.read_text(encoding="utf-8") for p in editor.root.rglob("*.yaml"))
    assert "term: kerngroep" in texts and "De kerngroep" in texts
    assert "stuurgroep" not in texts.lower()
    from rechtmakers.validate import validate_agreement

    assert validate_agreement(editor.root).errors == []

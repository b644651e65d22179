"""Diagnostics while typing: the validator's findings, over the offending value's range."""

from __future__ import annotations

import pytest

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

"""A large file does not hold up typing elsewhere; changed binding text asks for a higher
versie against the last commit, and the quick fix raises it."""

from __future__ import annotations

import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.lsp.conftest import Editor, codes, start_editor
from tests.lsp.test_diagnostics import applied, fixes

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def committed(agreement: Path, git_env: dict[str, str]) -> AsyncIterator[Editor]:
    """The agreement in a real git repository, committed once, with a server on it."""
    top = agreement.parent.parent
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Eerste versie"]):
        subprocess.run(["git", *args], cwd=top, env=git_env, check=True, capture_output=True)
    client, session = await start_editor(top, agreement)
    yield session
    await client.shutdown_session()
    await client.stop()


async def test_changed_text_asks_for_a_higher_versie_and_the_fix_raises_it(
        committed: Editor) -> None:
    editor, rel = committed, "artikelen/besluitvorming.yaml"
    text = editor.text(rel)
    editor.open(rel)
    await editor.diagnostics(rel, lambda d: "V001" not in codes(d))
    changed = text.replace("Een besluit gaat door", "Een besluit valt")
    editor.replace(rel, changed)
    ((title, edit),) = await fixes(editor, rel, "V001")
    assert title == "Schrijf 2"
    assert applied(changed, edit) == changed.replace("versie: 1", "versie: 2")
    editor.replace(rel, applied(changed, edit))
    await editor.diagnostics(rel, lambda d: "V001" not in codes(d))


async def test_a_megabyte_file_does_not_hold_up_typing_elsewhere(editor: Editor) -> None:
    big, small = "artikelen/privacy.yaml", "artikelen/besluitvorming.yaml"
    text = editor.text(big)
    filler = "  " + "Wij delen gegevens zorgvuldig en alleen als het nodig is. " * 16 + "\n"
    huge = text.replace("tekst: |\n", "tekst: |\n" + filler * (990_000 // len(filler)), 1)
    assert 900_000 < len(huge.encode("utf-8")) < 1_000_000
    editor.open(small)
    await editor.diagnostics(small, lambda d: True)
    editor.open(big, huge)
    small_text = editor.text(small)
    for n in range(5):  # typing in the large file and in a small one, in turns
        editor.type_at(big, 5, 0, "x")
        broken = small_text.replace("[[conflictdialoog]]", f"[[conflict{n}]]")
        start = time.monotonic()
        editor.replace(small, broken)
        found = await editor.diagnostics(
            small, lambda d, n=n: any(f"conflict{n}" in x.message for x in d))
        assert time.monotonic() - start < 5.0, "typing in a small file waited for the large one"
        assert "R003" in codes(found)
    await editor.diagnostics(big, lambda d: True)

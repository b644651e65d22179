"""Never a crash on half-typed YAML: every stage of typing an article, through the engine and
every feature's own code (in process, so that thousands of stages take seconds)."""

from __future__ import annotations

import shutil
from pathlib import Path

from lsprotocol import types as lsp

from rechtmakers.lsp.actions import fixes_for
from rechtmakers.lsp.diagnostics import diagnostics_for, file_text
from rechtmakers.lsp.engine import AgreementState
from rechtmakers.lsp.hover import describe_target, key_hover
from rechtmakers.lsp.outline import symbols
from rechtmakers.lsp.symbols import occurrences, target_at
from tests.lsp.conftest import SAMPLE


def test_every_stage_of_typing_an_article(tmp_path: Path) -> None:
    root = tmp_path / "agreements" / SAMPLE.name
    shutil.copytree(SAMPLE, root)
    rel = "artikelen/besluitvorming.yaml"
    text = (root / rel).read_text(encoding="utf-8")
    state = AgreementState(root)
    state.scan_disk()
    stages = 0
    for end in range(0, len(text) + 1, 11):
        typed = text[:end]
        state.set_text(rel, typed.encode("utf-8"))
        analysis = state.analyse(slow=False, focus=rel)
        path = root / rel
        found = analysis.findings.get(path, [])
        if not typed.strip():
            assert found and found[0].code == "Y004"
        shown = file_text(analysis, path, typed)
        diagnostics = diagnostics_for(analysis, path, found, shown)
        assert len(diagnostics) == len(found)
        lines = typed.split("\n")
        for diagnostic in diagnostics:
            fixes_for(diagnostic, lines)
        symbols(analysis, rel)
        for offset in range(0, len(typed), 97):
            target = target_at(analysis, rel, offset, whole=True)
            if target is not None:
                describe_target(analysis, target)
                occurrences(analysis, target)
        for number, line in enumerate(lines):
            key_hover(rel, lines, lsp.Position(number, min(2, len(line))))
        stages += 1
    assert stages > 100
    state.set_text(rel, text.encode("utf-8"))
    assert not state.analyse(slow=False, focus=rel).findings.get(root / rel)

"""One engine: the language server's findings are validate's findings (code, message, place),
for the whole agreement as read and after a file was typed in and read again alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rechtmakers.findings import Finding
from rechtmakers.lsp.engine import AgreementState
from rechtmakers.validate import validate_agreement
from tests.conftest import ROOT
from tests.lsp.conftest import SAMPLE

BROKEN = sorted((ROOT / "tests" / "data" / "broken").iterdir())


def shown(findings: list[Finding]) -> list[tuple[str, str, str, int, int]]:
    return sorted((f.code, f.message, str(f.location.file), f.location.line, f.location.column)
                  for f in findings)


def engine(root: Path) -> list[Finding]:
    state = AgreementState(root)
    state.scan_disk()
    return [f for found in state.analyse().findings.values() for f in found]


@pytest.mark.parametrize("root", [SAMPLE, ROOT / "agreements" / SAMPLE.name, *BROKEN],
                         ids=lambda p: p.name)
def test_the_engine_finds_what_validate_finds(root: Path) -> None:
    assert shown(engine(root)) == shown(validate_agreement(root).findings)


@pytest.mark.parametrize(("old", "new"), [
    ("[[conflictdialoog]]", "[[conflict-dialoog]]"),        # between files (R003)
    ("Een besluit gaat door", "Indien een besluit doorgaat"),  # in the text (T001)
    ("wijze: consent", "wijze: consnet"),                    # schema (S004)
    ("titel: Zo nemen", "titel Zo nemen"),                   # syntax (Y001)
    ("  Consent is iets", "      Consent is iets"),          # Markdown (M001)
])
def test_after_a_keystroke_the_engine_still_finds_what_validate_finds(
        tmp_path: Path, old: str, new: str) -> None:
    root = tmp_path / "agreements" / SAMPLE.name
    shutil.copytree(SAMPLE, root)
    state = AgreementState(root)
    state.scan_disk()
    state.analyse()
    rel = "artikelen/besluitvorming.yaml"
    text = (root / rel).read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    state.set_text(rel, changed.encode("utf-8"))
    fast = state.analyse(slow=False, focus=rel)
    (root / rel).write_text(changed, encoding="utf-8")
    expected = shown(validate_agreement(root).findings)
    typed = [f for f in expected if f[2] == str(root / rel)]
    assert [f for f in shown([x for v in fast.findings.values() for x in v])
            if f[2] == str(root / rel)] == typed
    assert shown([x for v in state.analyse().findings.values() for x in v]) == expected

"""End to end in a real editor: Neovim headless opens an article through the set-up that
docs/editors.md gives, gets the diagnostic, and jumps to a definition."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.lsp.conftest import SERVER

ROOT = Path(__file__).resolve().parents[2]


def test_neovim_shows_the_finding_and_jumps_to_the_definition(agreement: Path,
                                                               tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim (nvim) is niet geïnstalleerd")
    rel = agreement / "artikelen" / "besluitvorming.yaml"
    text = rel.read_text(encoding="utf-8").replace("[[conflictdialoog]]", "[[conflict-dialoog]]")
    rel.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    line = next(i for i, value in enumerate(lines) if "[[inwonerperspectief.casus]]" in value)
    column = lines[line].index("[[inwonerperspectief.casus]]") + len("[[inwonerperspectief.c")
    out = tmp_path / "uit.txt"
    env = {**os.environ, "RM_CMD": json.dumps(SERVER), "RM_FILE": str(rel),
           "RM_PLUGIN": str(ROOT / "editors" / "neovim" / "rechtmakers.lua"),
           "RM_LINE": str(line), "RM_COL": str(column), "RM_OUT": str(out),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    subprocess.run([nvim, "--headless", "--clean", "-u", "NONE", "-c",
                    f"luafile {ROOT / 'tests' / 'lsp' / 'nvim_e2e.lua'}"],
                   env=env, cwd=tmp_path, timeout=180, check=False, capture_output=True)
    report = out.read_text(encoding="utf-8").splitlines()
    assert "diagnostics true" in report, report
    broken = lines[next(i for i, v in enumerate(lines) if "[[conflict-dialoog]]" in v)]
    (diagnostic,) = [r for r in report if r.startswith("diagnostic R003 ")]
    _, _, lnum, col, end, message = diagnostic.split(" ", 5)
    assert lines[int(lnum)][int(col):int(end)] == "[[conflict-dialoog]]"
    assert broken.index("[[conflict-dialoog]]") == int(col)
    assert "Bedoelde je [[conflictdialoog]]?" in message
    (jump,) = [r for r in report if r.startswith("jumped ")]
    _, path, row, _col = jump.split(" ")
    assert path.endswith("artikelen/inwonerperspectief.yaml")
    target = (agreement / "artikelen" / "inwonerperspectief.yaml").read_text(
        encoding="utf-8").split("\n")[int(row) - 1]
    assert target.strip() == "- id: casus"

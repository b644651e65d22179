"""The VS Code extension: installs from its lock file and packages with vsce into a .vsix that
holds the extension and the language client it needs."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "editors" / "vscode"
LOCAL_VSCE = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "vsce"


def test_extension_packages_with_vsce(tmp_path: Path) -> None:
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("Node.js en npm ontbreken (nodig om de VS Code-extensie te bouwen)")
    vsce = str(LOCAL_VSCE) if LOCAL_VSCE.exists() else shutil.which("vsce")
    if vsce is None:
        pytest.skip("vsce ontbreekt: npm install --no-save --prefix .ci/node @vscode/vsce@3")
    work = tmp_path / "vscode"
    shutil.copytree(EXTENSION, work, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=work, check=True,
                   timeout=600, capture_output=True)
    check = subprocess.run(["node", "--check", "extension.js"], cwd=work, capture_output=True,
                           text=True, check=False)
    assert check.returncode == 0, check.stderr
    done = subprocess.run([vsce, "package", "--out", str(tmp_path / "rechtmakers.vsix")],
                          cwd=work, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(tmp_path / "rechtmakers.vsix") as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
    assert "extension/extension.js" in names
    assert any(name.startswith("extension/node_modules/vscode-languageclient/") for name in names)
    assert manifest["main"] == "./extension.js"
    assert manifest["contributes"]["configuration"]["properties"]["rechtmakers.opdracht"][
        "default"] == ["rechtmakers", "lsp"]

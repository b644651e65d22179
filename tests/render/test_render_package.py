"""A non-editable install ships the templates: build the wheel, render from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {"rechtmakers/templates/overeenkomst.md.j2", "rechtmakers/templates/overeenkomst.html.j2",
           "rechtmakers/templates/overeenkomst.css"}


def source_copy(target: Path) -> Path:
    """What a source distribution holds, copied: setuptools builds in the tree's build/."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md"):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "rechtmakers", target / "rechtmakers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


@pytest.mark.slow
def test_wheel_carries_templates_and_renders(tmp_path: Path) -> None:
    source = source_copy(tmp_path / "src")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=300, check=False)
    if build.returncode != 0:
        pytest.skip(f"kan geen wheel bouwen hier: {build.stderr[-300:]}")
    wheel = next((tmp_path / "dist").glob("rechtmakers-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert SHIPPED <= names
        assert not any(name.startswith("templates/") for name in names)
        archive.extractall(tmp_path / "site")
    # The unpacked wheel first on the path, the working tree nowhere: as after `pip install .`.
    code = ("import sys, rechtmakers.render.templating as t; from pathlib import Path; "
            "from rechtmakers.cli import main; print(t.shipped_templates(), file=sys.stderr); "
            "sys.argv = ['rechtmakers', 'render', sys.argv[1], '--out', sys.argv[2]]; main()")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "agreements"),
                           str(tmp_path / "uit")], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert str(tmp_path / "site") in done.stderr
    html = tmp_path / "uit" / "positief-gezond-almere" / "positief-gezond-almere.html"
    assert "Artikel 3 – Zo nemen we besluiten" in html.read_text(encoding="utf-8")

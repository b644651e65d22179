"""A non-editable install ships the templates: build the wheel, render from it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {"rechtmakers/templates/overeenkomst.md.j2", "rechtmakers/templates/overeenkomst.html.j2",
           "rechtmakers/templates/overeenkomst.css"}


@pytest.mark.slow
def test_wheel_carries_templates_and_renders(wheel: Path, tmp_path: Path) -> None:
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

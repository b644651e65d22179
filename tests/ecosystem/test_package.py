"""A pip-installed rechtmakers ships its schemas, and `init` points the modelines at them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

from rechtmakers.schema_export import schema_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_carries_the_schemas_that_init_uses(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        for name, text in schema_files().items():
            assert archive.read(f"rechtmakers/schemas/{name}").decode("utf-8") == text
        archive.extractall(site)
    work = tmp_path / "werk"
    (work / ".git").mkdir(parents=True)  # a repository without schemas/
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = ("import sys; from rechtmakers.cli import main; "
            "sys.argv = ['rechtmakers', 'init', 'agreements/nieuw', '--geen-vragen']; main()")
    done = subprocess.run([sys.executable, "-c", code], cwd=work, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    first = (work / "agreements/nieuw/overeenkomst.yaml").read_text().splitlines()[0]
    uri = first.removeprefix("# yaml-language-server: $schema=")
    assert uri == (site / "rechtmakers/schemas/overeenkomst.schema.json").resolve().as_uri()
    schema = Path(url2pathname(urlparse(uri).path))
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "Overeenkomst"

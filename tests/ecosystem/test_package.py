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


def third_party_filters() -> list[tuple[str, str, str, str]]:
    """(message, category, module, comment above it) of each ignore filter in pyproject.toml."""
    lines = (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("filterwarnings = ["))
    found, comment = [], ""
    for line in lines[start + 1:]:
        text = line.strip()
        if text == "]":
            break
        if text.startswith("#"):
            comment += text.lstrip("# ") + " "
        elif text.startswith('"ignore'):
            _, message, category, module = text.strip('",').split(":")[:4]
            found.append((message, category, module.replace("\\\\", "\\"), comment))
            comment = ""
    return found


def test_warnings_are_errors_and_each_ignore_is_targeted_and_explained() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    filters = config["tool"]["pytest"]["ini_options"]["filterwarnings"]
    assert filters[0] == "error"
    assert all(f.startswith("ignore:") for f in filters[1:])
    assert len(third_party_filters()) == len(filters) - 1
    for message, category, module, comment in third_party_filters():
        assert message and category and module, "een filter zonder melding, soort of module"
        assert not module.startswith("rechtmakers"), "een waarschuwing uit eigen code los je op"
        assert len(comment) > 40, f"{message}: zeg waarom"


def test_each_ignored_third_party_warning_is_also_silenced_for_users() -> None:
    """The filter for the tests has a twin in the code that imports the package: a user runs
    without pytest's configuration."""
    code = "\n".join(path.read_text(encoding="utf-8")
                     for path in (ROOT / "rechtmakers").rglob("*.py"))
    for message, _, module, _ in third_party_filters():
        package = module.split("\\")[0].split(".")[0]
        assert f'message="{message}"' in code, message
        assert f'module=r"{package}\\.' in code, package

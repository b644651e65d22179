"""The benchmark scripts are not run by the tests (they print figures), so a renamed function
would break one unnoticed: every name they import from rechtmakers must exist."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def imported_names(script: Path) -> list[tuple[str, str]]:
    """(module, name) of every `from rechtmakers… import name` in script, nested ones too."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    return [(node.module, alias.name) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            and node.module.split(".")[0] == "rechtmakers" for alias in node.names]


@pytest.mark.parametrize("script", sorted(BENCHMARKS.glob("*.py")), ids=lambda p: p.name)
def test_every_name_a_benchmark_imports_exists(script: Path) -> None:
    missing = []
    for module_name, name in imported_names(script):
        module = importlib.import_module(module_name)
        if not hasattr(module, name):
            try:
                importlib.import_module(f"{module_name}.{name}")
            except ImportError:
                missing.append(f"{module_name}.{name}")
    assert not missing, missing


def test_a_missing_name_is_found(tmp_path: Path) -> None:
    script = tmp_path / "bench_old.py"
    script.write_text("def f():\n    from rechtmakers.diff.pair import load_version\n",
                      encoding="utf-8")
    assert imported_names(script) == [("rechtmakers.diff.pair", "load_version")]
    assert not hasattr(importlib.import_module("rechtmakers.diff.pair"), "load_version")

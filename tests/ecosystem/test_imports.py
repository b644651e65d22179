"""The flow runs one way: load → model → checks → render | diff | signoff | inlezen | lsp, with a
thin CLI on top. Read from the source with ast, function-local imports included (an import
under `if TYPE_CHECKING:` is for the type checker only and does not count):

- no import cycle between modules, nor between packages (each subpackage of rechtmakers is one
  node, each top-level module its own);
- `checks` imports no feature package;
- no module imports another module's private (_name) name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "rechtmakers"
FEATURES = ("render", "diff", "signoff", "inlezen", "lsp", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node, but not the body of an `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking_only(child):
            yield from (n for stmt in child.orelse for n in [stmt, *_walk(stmt)])
            continue
        yield child
        yield from _walk(child)


def imports(module: str) -> Iterator[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for each import in module."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in _walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in MODULES:
                    yield full, None, node.lineno
                else:
                    yield base, alias.name, node.lineno


def internal_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, _, _ in imports(module):
            if target in MODULES and target != module:
                edges[module].add(target)
    return edges


def package_of(module: str) -> str:
    """rechtmakers.diff.words → rechtmakers.diff; a top-level module stands for itself."""
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and (PACKAGE / parts[1]).is_dir()):
        return ".".join(parts[:2])
    return module


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle_and_no_false_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set(), "d": {"a", "c"}}) == []


def test_the_reader_sees_local_imports_and_skips_type_only_ones(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from rechtmakers import b\n"
              "def f():\n    from rechtmakers.c import _hidden\n    from . import d\n")
    path = PACKAGE / "a_probe.py"
    monkeypatch.setitem(MODULES, "rechtmakers.a_probe", path)
    monkeypatch.setattr(Path, "read_text", lambda self, **_: source)
    found = [(target, name) for target, name, _ in imports("rechtmakers.a_probe")]
    assert ("rechtmakers.c", "_hidden") in found and ("rechtmakers", "d") in found
    assert all(target != "rechtmakers.b" for target, _ in found)


def test_no_import_cycle_between_modules() -> None:
    assert cycles(internal_edges()) == []


def test_no_import_cycle_between_packages() -> None:
    edges: dict[str, set[str]] = {}
    for module, targets in internal_edges().items():
        source = package_of(module)
        edges.setdefault(source, set()).update(
            package_of(t) for t in targets if package_of(t) != source)
    assert cycles(edges) == []


def test_checks_imports_no_feature_package() -> None:
    bad = [f"{module}:{line} {target}" for module in MODULES
           if module.startswith("rechtmakers.checks")
           for target, _, line in imports(module)
           if any(target == f"rechtmakers.{f}" or target.startswith(f"rechtmakers.{f}.")
                  for f in FEATURES)]
    assert bad == []


def test_no_import_of_another_modules_private_name() -> None:
    bad = [f"{module}:{line} {target}.{name}" for module in MODULES
           for target, name, line in imports(module)
           if name is not None and name.startswith("_") and not name.startswith("__")
           and target.startswith("rechtmakers") and target != module]
    assert bad == []

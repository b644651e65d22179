"""The names of the source are declared once, in rechtmakers/source_names.py: no other module
binds a name to one of them or spells one out in code (a docstring or a comment may)."""

from __future__ import annotations

import ast
from pathlib import Path

from rechtmakers import source_names

PACKAGE = Path(source_names.__file__).resolve().parent
DECLARED = {value for name, value in vars(source_names).items()
            if name.isupper() and isinstance(value, str)}
# "artikelen" and "bijlagen" are also keys of overeenkomst.yaml: as a bare word they are a key.
SPELLED = DECLARED - {source_names.ARTICLES_DIR, source_names.ANNEXES_DIR}


def offences(source: str, name: str) -> list[str]:
    """Each string in code (not a docstring) that is a declared name or a path in a folder."""
    tree = ast.parse(source, name)
    docs = {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [f"{name}:{node.lineno} {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs
            and (node.value in SPELLED or any(node.value.startswith(f"{d}/") for d in DECLARED))]


def test_the_names_of_the_source_are_spelled_out_only_in_source_names() -> None:
    found = [o for path in sorted(PACKAGE.rglob("*.py")) if path.name != "source_names.py"
             for o in offences(path.read_text(encoding="utf-8"),
                               path.relative_to(PACKAGE).as_posix())]
    assert found == []


def test_the_guard_sees_a_name_in_code_and_not_in_a_docstring_or_a_key() -> None:
    source = ('"""Reads partijen.yaml."""\nPARTIES = "partijen.yaml"\nKEY = "artikelen"\n'
              'RECORD = "ondertekeningen/x.yaml"\nBUILT = f"{PARTIES}: de partijen"\n')
    assert offences(source, "probe.py") == ["probe.py:2 'partijen.yaml'",
                                            "probe.py:4 'ondertekeningen/x.yaml'"]

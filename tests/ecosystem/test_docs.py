"""The guides in docs/: their links lead somewhere and their commands exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer

from rechtmakers.cli import app

ROOT = Path(__file__).resolve().parents[2]
GUIDES = sorted((ROOT / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)#:]+)(?:#[^)]*)?\)")
COMMAND = re.compile(r"^\s*rechtmakers ((?:--?\w[\w-]* )*)([a-z]+)([^\n#|>]*)", re.MULTILINE)


def code_blocks(text: str) -> str:
    return "\n".join(re.findall(r"```(?:sh|bash)?\n(.*?)```", text, re.DOTALL))


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_relative_links_exist(guide: Path) -> None:
    for target in LINK.findall(guide.read_text(encoding="utf-8")):
        assert (guide.parent / target).exists(), f"{guide.name}: {target} bestaat niet"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_commands_and_options_in_examples_exist(guide: Path) -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for _, command, rest in COMMAND.findall(code_blocks(guide.read_text(encoding="utf-8"))):
        assert command in commands, f"{guide.name}: rechtmakers {command} bestaat niet"
        known = {opt for param in commands[command].params for opt in param.opts}
        known |= {"--help"}  # every command has it, though it is no parameter of its own
        args = shlex.split(rest.replace("\\", " "))
        unknown = [a for a in args if a.startswith("-") and a.split("=")[0] not in known]
        assert unknown == [], f"{guide.name}: rechtmakers {command} kent {unknown} niet"


def test_the_guides_are_there() -> None:
    assert {p.name for p in GUIDES} >= {"juristen.md", "partners.md", "ci.md", "regels.md"}

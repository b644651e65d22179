"""The commands start fast: `--version` imports no heavy library, a command imports only its own
module, a plain report loads no colour library and an unsigned agreement's documents walk no
history.

How long it takes is measured by benchmarks/bench_startup.py, not here: timings are figures to
report, not something a test on a shared machine can assert.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import rechtmakers.cli
from rechtmakers.cli import COMMAND_MODULES

HEAVY = ("pydantic", "jinja2", "git", "markdown_it", "docx", "babel", "yaml", "rich", "typer")
PROBE = """
import json, sys
sys.argv = ["rechtmakers", "--version"]
from rechtmakers.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run Python as a user's shell would: with bytecode caches, without profiling."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_version_imports_no_heavy_library() -> None:
    result = run("-c", PROBE)
    assert result.stdout == "rechtmakers 0.1.0\n" or result.stdout.startswith("rechtmakers ")
    imported = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))


COMMAND_PROBE = """
import json, sys
sys.argv = ["rechtmakers", *json.loads(sys.argv[1])]
from rechtmakers.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> set[str]:
    """The modules imported by `rechtmakers ARGS` run in cwd with its output in a pipe."""
    result = subprocess.run([sys.executable, "-c", COMMAND_PROBE, json.dumps(args)], cwd=cwd,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, **(env or {})})
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_the_command_table_names_the_module_of_every_command() -> None:
    for module in pkgutil.iter_modules(rechtmakers.cli.__path__, "rechtmakers.cli."):
        importlib.import_module(module.name)  # every module that could register a command
    from rechtmakers.cli.app import app

    registered = {(command.name or command.callback.__name__.replace("_", "-")):
                  command.callback.__module__.rsplit(".", 1)[-1]
                  for command in app.registered_commands if command.callback}
    assert registered == COMMAND_MODULES


def test_validate_imports_only_its_own_command_and_no_colour_in_a_pipe(sample_copy: Path
                                                                        ) -> None:
    imported = modules_after(["validate"], sample_copy.parent.parent, {"TERM": "xterm"})
    commands = {m for m in imported if m.startswith("rechtmakers.cli.")} - {
        "rechtmakers.cli.app", "rechtmakers.cli.dutch", "rechtmakers.cli.formats",
        "rechtmakers.cli.pipes"}
    assert commands == {"rechtmakers.cli.validate"}
    assert not {"rich", "jinja2", "docx", "rechtmakers.signoff.trust"} & imported


def test_help_still_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "rechtmakers", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    for command in COMMAND_MODULES:
        assert f" {command} " in result.stdout, command


def test_forced_colour_still_colours_a_pipe(sample_copy: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "rechtmakers", "validate"],
                            cwd=sample_copy.parent.parent, capture_output=True, text=True,
                            timeout=60, env={**os.environ, "FORCE_COLOR": "1", "TERM": "xterm"})
    assert "\x1b[" in result.stdout and "geen fouten" in result.stdout


def test_unsigned_documents_walk_no_history(git_repo: Path, tmp_path: Path) -> None:
    """Only a record committed at HEAD can name a signer (test_rendered shows the signed
    twin): without one, render does not load the trust rule at all."""
    imported = modules_after(["render", "--format", "md,html", "-o", str(tmp_path / "uit")],
                             git_repo)
    assert "rechtmakers.signoff.trust" not in imported
    assert (tmp_path / "uit").is_dir()


@pytest.mark.parametrize("command", sorted(COMMAND_MODULES))
def test_each_command_works_with_only_its_own_module(command: str) -> None:
    """`rechtmakers COMMAND` registers that command's module alone: its help must not lean on
    a module that another command would have loaded."""
    result = subprocess.run([sys.executable, "-m", "rechtmakers", command, "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert command in result.stdout and "Traceback" not in result.stderr

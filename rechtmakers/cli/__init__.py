"""The command line: a thin shell that parses arguments and calls the core.

Importing this package is cheap: the typer application and its commands load on first use, so
that `rechtmakers --version` answers without importing typer, pydantic or the core.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rechtmakers.cli.dutch import DutchTyper

__all__ = ["app", "main"]


# The module under rechtmakers/cli that registers each command (checked against the registered
# commands by tests/ecosystem/test_startup.py).
COMMAND_MODULES: dict[str, str] = {
    "diff": "diff", "init": "init", "inlezen": "inlezen", "lsp": "lsp", "regels": "regels",
    "render": "render", "review": "review", "schema": "schema", "sign": "signoff",
    "status": "signoff", "verify": "signoff", "log": "signoff", "vaststellen": "signoff",
    "taal": "taal", "validate": "validate",
}


def _application(args: Sequence[str] | None = None) -> DutchTyper:
    """The typer application with the command that args name registered, or with every command
    (for help, an unknown command, or without args).

    Importing one command's module instead of all of them saves start-up time on every run;
    what the user sees does not change, because a command behaves the same either way.
    """
    from importlib import import_module

    command = _command_in(args) if args is not None else None
    names = [COMMAND_MODULES[command]] if command else sorted(set(COMMAND_MODULES.values()))
    for name in names:
        import_module(f"rechtmakers.cli.{name}")  # each module registers its commands
    from rechtmakers.cli.app import app as application

    return application


def _command_in(args: Sequence[str]) -> str | None:
    """The command that args name (after the global options), as the application spells it;
    None when there is none or it is not one of ours."""
    from rechtmakers.cli.formats import normalize_token

    for arg in args:
        if arg in ("-h", "--help"):
            return None
        if not arg.startswith("-"):
            name = normalize_token(arg)
            return name if name in COMMAND_MODULES else None
    return None


class _Package(types.ModuleType):
    """This package, whose name `app` means the application, not the submodule of that name.

    Importing the submodule rechtmakers.cli.app sets the package attribute `app` to it; the
    setter ignores that, so `from rechtmakers.cli import app` is always the typer application
    (the submodule stays importable as rechtmakers.cli.app through sys.modules).
    """

    @property
    def app(self) -> DutchTyper:
        return _application()

    @app.setter
    def app(self, value: object) -> None:
        pass


sys.modules[__name__].__class__ = _Package


def main() -> None:
    """Console entry point (see rechtmakers.cli.app.main).

    A closed pipe on standard output (`rechtmakers status | head -1`) ends the output, not the
    command: the exit code stays what the command found (see rechtmakers.cli.pipes).
    """
    from rechtmakers.cli.pipes import guard_standard_streams

    guard_standard_streams()
    try:
        if sys.argv[1:] == ["--version"]:
            from rechtmakers import __version__

            sys.stdout.write(f"rechtmakers {__version__}\n")
            return
        _application(sys.argv[1:])
        from rechtmakers.cli.app import main as run

        run()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()

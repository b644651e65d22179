"""The command line: a thin shell that parses arguments and calls the core.

Importing this package is cheap: the typer application and its commands load on first use, so
that `rechtmakers --version` answers without importing typer, pydantic or the core.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rechtmakers.cli.dutch import DutchTyper

__all__ = ["app", "main"]


def _application() -> DutchTyper:
    """The typer application with every command registered."""
    from rechtmakers.cli import diff as _diff  # noqa: F401 — each module registers its command
    from rechtmakers.cli import init as _init  # noqa: F401
    from rechtmakers.cli import inlezen as _inlezen  # noqa: F401
    from rechtmakers.cli import lsp as _lsp  # noqa: F401
    from rechtmakers.cli import regels as _regels  # noqa: F401
    from rechtmakers.cli import render as _render  # noqa: F401
    from rechtmakers.cli import review as _review  # noqa: F401
    from rechtmakers.cli import schema as _schema  # noqa: F401
    from rechtmakers.cli import signoff as _signoff  # noqa: F401
    from rechtmakers.cli import taal as _taal  # noqa: F401
    from rechtmakers.cli import validate as _validate  # noqa: F401
    from rechtmakers.cli.app import app as application

    return application


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
        _application()
        from rechtmakers.cli.app import main as run

        run()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()

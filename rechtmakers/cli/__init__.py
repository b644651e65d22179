"""The command line: a thin shell that parses arguments and calls the core."""

from rechtmakers.cli import diff as _diff  # noqa: F401
from rechtmakers.cli import init as _init  # noqa: F401
from rechtmakers.cli import regels as _regels  # noqa: F401
from rechtmakers.cli import render as _render  # noqa: F401
from rechtmakers.cli import review as _review  # noqa: F401 — registers the command
from rechtmakers.cli import schema as _schema  # noqa: F401 — registers the command
from rechtmakers.cli import signoff as _signoff  # noqa: F401 — registers the commands
from rechtmakers.cli import taal as _taal  # noqa: F401 — registers the command
from rechtmakers.cli import validate as _validate  # noqa: F401 — registers the command
from rechtmakers.cli.app import app, main

__all__ = ["app", "main"]

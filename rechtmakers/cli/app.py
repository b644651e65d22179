"""The typer application, its error handling and the options every command shares."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

# Scanning every installed package for pydantic plugins costs start-up time and we use none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from rechtmakers import __version__
from rechtmakers.errors import RechtmakersError

app = typer.Typer(
    name="rechtmakers",
    help="Samenwerkingsovereenkomsten als code: valideren, weergeven, vergelijken en "
    "ondertekenen in git.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rechtmakers {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Toon de versie en stop."),
) -> None:
    """Samenwerkingsovereenkomsten als code: valideren, weergeven, vergelijken en ondertekenen."""


def echo_error(message: str) -> None:
    """A Dutch error line on standard error."""
    typer.echo(f"rechtmakers: {message}", err=True)


@contextmanager
def guarded() -> Iterator[None]:
    """Turn the core's errors into a Dutch message on stderr and their exit code."""
    try:
        yield
    except RechtmakersError as exc:
        echo_error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        echo_error("Afgebroken.")
        raise typer.Exit(130) from None


def main() -> None:
    """Console entry point: no traceback reaches a user unless RECHTMAKERS_DEBUG is set."""
    try:
        app(prog_name="rechtmakers")
    except RechtmakersError as exc:
        echo_error(str(exc))
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 — the last line of defence against a traceback
        if os.environ.get("RECHTMAKERS_DEBUG"):
            raise
        echo_error(f"Interne fout ({type(exc).__name__}: {exc}). Dit is een fout in "
                   "rechtmakers, niet in uw overeenkomst. Meld het, met RECHTMAKERS_DEBUG=1 "
                   "voor de details.")
        sys.exit(2)

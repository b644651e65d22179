"""The typer application, its error handling and the options every command shares."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import typer

# Scanning every installed package for pydantic plugins costs start-up time and we use none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from rechtmakers import __version__
from rechtmakers.cli.dutch import QUIET_HELP, QUIET_KEY, DutchGroup, DutchTyper, get_current_context
from rechtmakers.cli.formats import normalize_token
from rechtmakers.errors import RechtmakersError

T = TypeVar("T")

app = DutchTyper(
    name="rechtmakers",
    cls=DutchGroup,
    help="Samenwerkingsovereenkomsten als code: valideren, weergeven, vergelijken en "
    "ondertekenen in git.",
    epilog="Uitleg per opdracht: rechtmakers OPDRACHT --help. Alle regels: rechtmakers regels.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"],
                      "token_normalize_func": normalize_token},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rechtmakers {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Toon de versie en stop."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Samenwerkingsovereenkomsten als code: valideren, weergeven, vergelijken en ondertekenen.

    Kleur staat uit als de uitvoer geen terminal is of als NO_COLOR is gezet. Exitcode 3
    betekent een fout in rechtmakers zelf: meld die dan.
    """
    ctx.meta[QUIET_KEY] = quiet or bool(ctx.meta.get(QUIET_KEY))


def is_quiet() -> bool:
    """Whether the user asked for quiet output (`rechtmakers --quiet …`)."""
    ctx = get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(QUIET_KEY))


def progress(items: Iterable[T], description: str, *, total: int | None = None,
             minimum: int = 2) -> Iterator[T]:
    """Iterate items with a progress bar on standard error, only where a person watches it.

    No bar when standard error is not a terminal, with --quiet, with TERM=dumb, or for fewer
    than `minimum` items; the bar disappears when done, so output stays clean.
    """
    count = total if total is not None else len(items) if isinstance(items, Sized) else None
    if (is_quiet() or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb"
            or (count is not None and count < minimum)):
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, description=description, total=count, transient=True,
                     console=Console(file=sys.stderr))


def report_written(paths: Iterable[Path]) -> None:
    """Say which files a command wrote, one `geschreven: PAD` line each (not with --quiet)."""
    if is_quiet():
        return
    for path in paths:
        typer.echo(f"geschreven: {path}")


def echo_error(message: str) -> None:
    """A Dutch error line on standard error."""
    from rechtmakers.visible import printable

    typer.echo(f"rechtmakers: {printable(message)}", err=True)


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
    """Console entry point: no traceback reaches a user unless RECHTMAKERS_DEBUG is set.

    Exit codes: 0 done, 1 the agreement has errors, 2 usage or environment, 3 an internal
    error (a bug in rechtmakers), 130 interrupted.
    """
    try:
        app(prog_name="rechtmakers")
    except RechtmakersError as exc:
        echo_error(str(exc))
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 — the last line of defence against a traceback
        if os.environ.get("RECHTMAKERS_DEBUG"):
            raise
        echo_error(internal_error_message(exc))
        sys.exit(INTERNAL_ERROR)


INTERNAL_ERROR = 3


def internal_error_message(exc: BaseException) -> str:
    """What a user reads when rechtmakers itself fails: short, Dutch, and where to report it."""
    from rechtmakers import ISSUES

    return (f"Interne fout ({type(exc).__name__}: {exc}). Dit is een fout in rechtmakers, niet "
            f"in uw overeenkomst. Meld het op {ISSUES}, met de uitvoer van dezelfde opdracht "
            "met RECHTMAKERS_DEBUG=1 ervoor.")

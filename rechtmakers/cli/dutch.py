"""Dutch for what typer and click write themselves: usage lines, headings, help and errors.

Typer's bundled click has no gettext hooks, so the words are replaced where they are made:
a help formatter (usage, headings, "[default: …]"), command classes (the help option, the
completion options) and one error printer for every usage error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

try:  # typer ≥ 0.20 bundles its own click
    from typer import _click as click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
    from typer._click.globals import get_current_context
except ImportError:  # pragma: no cover — older typer on real click
    import click  # type: ignore[no-redef,import-not-found,unused-ignore]
    from click import get_current_context  # type: ignore[no-redef,import-not-found,unused-ignore]
    from click.exceptions import (  # type: ignore[no-redef,import-not-found,unused-ignore]
        ClickException,
        NoArgsIsHelpError,
        UsageError,
    )

__all__ = ["QUIET_KEY", "DutchCommand", "DutchGroup", "DutchTyper", "dutch_message",
           "get_current_context"]

HELP_OPTION = "Toon deze hulp en stop."
OPTION_HELP = {
    "install_completion": "Installeer aanvullen met Tab voor je shell (bash, zsh, fish of "
    "PowerShell).",
    "show_completion": "Toon het aanvulscript voor je shell, om het zelf te installeren.",
}
HEADINGS = {"Arguments": "Argumenten", "Options": "Opties", "Commands": "Opdrachten"}
USAGE_WORDS = (("[OPTIONS]", "[OPTIES]"), ("COMMAND [ARGS]...", "OPDRACHT [ARGUMENTEN]..."))
TYPE_WORDS = {"list[Path]": "paden", "Path": "pad", "path": "pad", "str": "tekst", "int": "getal",
              "float": "getal", "list[str]": "tekst"}
_TYPE_HINT = r"<(list\[\w+\]|\w+)>"

# Patterns stay strings until an error needs them: compiling them costs start-up time.
Translation = tuple[str, Callable[[re.Match[str]], str]]


def _did_you_mean(text: str | None) -> str:
    return f" Bedoelde je {text}?" if text else ""


ERRORS: tuple[Translation, ...] = (
    (r"^Invalid value for (.+?): (?:Value error, )?(.*)$",
     lambda m: f"Ongeldige waarde voor {m[1]}: {dutch_message(m[2])}"),
    (r"^Invalid value: (?:Value error, )?(.*)$",
     lambda m: f"Ongeldige waarde: {dutch_message(m[1])}"),
    (r"^No such option: (\S+?)(?: \(Possible options: (.+)\)| Did you mean (.+)\?)?$",
     lambda m: f"Onbekende optie: {m[1]}.{_did_you_mean(m[2] or m[3])}"),
    (r"^Missing argument (.+?)\.(.*)$", lambda m: f"Het argument {m[1]} ontbreekt."),
    (r"^Missing option (.+?)\.(.*)$", lambda m: f"De optie {m[1]} ontbreekt."),
    (r"^Missing parameter:? (.+?)\.?$", lambda m: f"{m[1]} ontbreekt."),
    (r"^No such command (.+?)\.(?: Did you mean (.+)\?)?$",
     lambda m: f"Onbekende opdracht {m[1]}.{_did_you_mean(m[2])}"),
    (r"^Missing command\.$", lambda m: "Geef een opdracht, zoals validate."),
    (r"^Got unexpected extra arguments?(?:\(s\))? \((.*)\)$",
     lambda m: f"Onverwachte extra argumenten: {m[1]}."),
    (r"^Argument (.+?) takes (\d+) values\.$",
     lambda m: f"Het argument {m[1]} heeft {m[2]} waarden nodig."),
    (r"^Value must be an iterable\.$", lambda m: "Geef een lijst van waarden."),
    (r"^Could not open file (.+?): (.*)$",
     lambda m: f"Het bestand {m[1]} kan niet geopend worden: {m[2]}."),
    (r"^'(.+?)': (.*)$", lambda m: f"'{m[1]}' kan niet geopend worden: {m[2]}."),
    (r"^Option (.+?) requires an argument\.$",
     lambda m: f"De optie {m[1]} heeft een waarde nodig."),
    (r"^Option (.+?) requires (\d+) arguments\.$",
     lambda m: f"De optie {m[1]} heeft {m[2]} waarden nodig."),
    (r"^Option (.+?) does not take a value\.$",
     lambda m: f"De optie {m[1]} neemt geen waarde."),
    (r"^(.+?) is not one of (.+)\.$",
     lambda m: f"{m[1]} kan niet. Kies uit: {m[2]}."),
    (r"^Value (.+?) is not a valid (integer|float|int)\.$",
     lambda m: f"{m[1]} is geen geldig getal."),
    (r"^Value (.+?) is not a valid (.+)\.$", lambda m: f"{m[1]} is geen geldige {m[2]}."),
    (r"^(?:Path|File|Directory) (.+?) does not exist\.$",
     lambda m: f"{m[1]} bestaat niet."),
    (r"^(?:Path|File|Directory) (.+?) is a (file|directory)\.$",
     lambda m: f"{m[1]} is een {'bestand' if m[2] == 'file' else 'map'}."),
    (r"^(?:Path|File|Directory) (.+?) is not (readable|writable)\.$",
     lambda m: f"{m[1]} is niet te {'lezen' if m[2] == 'readable' else 'schrijven'}."),
)


def dutch_message(text: str) -> str:
    """A usage error of click or typer in Dutch (unknown ones stay as they are)."""
    for pattern, dutch in ERRORS:
        match = re.match(pattern, text.strip(), re.DOTALL)
        if match:
            return dutch(match)
    return text


def show_error(exc: ClickException, file: IO[str] | None = None) -> None:
    """Print a usage error as click would, in Dutch: usage line, hint, message."""
    out = file or sys.stderr
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, NoArgsIsHelpError):
        typer.echo(exc.format_message(), file=out)
        return
    if isinstance(exc, UsageError) and ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"Zie '{ctx.command_path} {ctx.help_option_names[0]}' voor hulp.\n"
        typer.echo(f"{ctx.get_usage()}\n{hint}", file=out)
    typer.echo(f"Fout: {dutch_message(exc.format_message())}", file=out)


class DutchFormatter(click.HelpFormatter):
    """Help pages with Dutch usage lines, headings and defaults."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, dutch in USAGE_WORDS:
            args = args.replace(english, dutch)
        super().write_usage(prog, args, "Gebruik: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        super().write_dl([(_types(first), _extras(second)) for first, second in rows],
                         col_max, col_spacing)


def _types(text: str) -> str:
    return re.sub(_TYPE_HINT, lambda m: f"<{TYPE_WORDS.get(m[1], m[1])}>", text)


def _extras(text: str) -> str:
    text = re.sub(r"\[default: ([^\]]*)\]", r"[standaard: \1]", text)
    text = re.sub(r"(\[|; )default: ", r"\1standaard: ", text)
    return text.replace("required]", "verplicht]").replace("env var: ", "omgevingsvariabele: ")


class DutchContext(click.Context):
    formatter_class = DutchFormatter


class _DutchTexts:
    """The context (and so the formatter) and the help option of a Dutch command."""

    context_class: type[click.Context] = DutchContext

    # Any: typer's bundled click returns its TyperOption, an older click an Option.
    def get_help_option(self, ctx: click.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
        return option


QUIET_KEY = "rechtmakers.quiet"
QUIET_HELP = ("Toon alleen meldingen en fouten: geen voortgang, geen bevestiging van wat er "
              "geschreven is, geen samenvatting.")


def _set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[QUIET_KEY] = True


def _quiet_option() -> click.Parameter:
    from typer._coercion import bool_flag_type_descriptor
    from typer.core import TyperOption

    return TyperOption(param_decls=["-q", "--quiet"], is_flag=True, expose_value=False,
                       help=QUIET_HELP, callback=_set_quiet, required=False, default=False,
                       type_descriptor=bool_flag_type_descriptor())


class DutchCommand(_DutchTexts, TyperCommand):
    """A command whose own texts are Dutch, with -q/--quiet like every other command.

    A command that has no quiet option of its own gets one that only marks the context as
    quiet (rechtmakers.cli.app.is_quiet reads it), as `rechtmakers -q OPDRACHT` does.
    """

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params: list[click.Parameter] = super().get_params(ctx)
        if not any(param.name == "quiet" for param in params):
            quiet = _quiet_option()
            params.insert(len(params) - 1 if params and params[-1].name == "help"
                          else len(params), quiet)
        return params


class DutchGroup(_DutchTexts, TyperGroup):
    """The root command: Dutch texts, and every usage error printed in Dutch."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params: list[click.Parameter] = super().get_params(ctx)
        for param in params:  # typer adds the completion options after construction
            if param.name in OPTION_HELP:
                param.help = OPTION_HELP[param.name]  # type: ignore[attr-defined]
        return params

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        # Any as in click's main: extra goes to the context, the result is the command's.
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False,
                                  windows_expand_args=windows_expand_args, **extra)
        except ClickException as exc:
            if not standalone_mode:
                raise
            show_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            typer.echo("\nAfgebroken.", err=True)
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


class DutchTyper(typer.Typer):
    """A Typer whose commands are DutchCommands unless told otherwise."""

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None,
                **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(name, cls=cls or DutchCommand, **kwargs)


def _install_plain_coercion() -> None:
    """Coerce the plain parameter types of rechtmakers without pydantic TypeAdapters.

    Typer 0.29 builds a pydantic TypeAdapter for every parameter a command line uses, a few
    milliseconds each, for what is Path(text), the text itself, or one of an enum's values.
    Those three (and lists of them) are coerced here directly, with typer's own choice check;
    anything else (numbers, files, constrained paths) keeps typer's way.
    """
    import enum
    import typing
    from dataclasses import dataclass
    from pathlib import Path

    import typer.core as typer_core
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import _path_options_requested, coerce_cli_choice

    def plain(annotation: Any) -> bool:
        return annotation in (str, bool) or annotation is Path or (
            isinstance(annotation, type) and issubclass(annotation, enum.Enum))

    # Any: the signatures of typer's private RuntimeParam, whose value is whatever click
    # parsed and whose result is the command's argument.
    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation: Any = self.annotation
            if typing.get_origin(annotation) is list:
                item = typing.get_args(annotation)[0]
                values = value if isinstance(value, (list, tuple)) else [value]
                return [self._one(item, v, param, ctx) for v in values]
            return self._one(annotation, value, param, ctx)

        def _one(self, annotation: Any, value: Any, param: Any, ctx: Any) -> Any:
            if annotation is str:
                return value if isinstance(value, str) else str(value)
            if annotation is Path:
                return value if isinstance(value, Path) else Path(value)
            if annotation is bool:
                if isinstance(value, bool):
                    return value
                word = str(value).strip().lower()
                if word in ("1", "true", "t", "yes", "y", "on", "ja", "j"):
                    return True
                if word in ("0", "false", "f", "no", "n", "off", "nee"):
                    return False
                raise BadParameter(f"{value!r} is geen ja of nee.", ctx=ctx, param=param)
            try:
                return coerce_cli_choice(value, choices=tuple(annotation),
                                         case_sensitive=self.parameter_info.case_sensitive,
                                         ctx=ctx)
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    def build(descriptor: TypeDescriptor) -> RuntimeParam:
        annotation: Any = descriptor.annotation
        item = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list \
            else annotation
        if descriptor.file_annotation is None and plain(item) \
                and not _path_options_requested(descriptor.parameter_info):
            return PlainRuntimeParam(annotation=annotation,
                                     parameter_info=descriptor.parameter_info)
        return build_runtime_param(descriptor)

    setattr(typer_core, "build_runtime_param", build)  # noqa: B010 — not exported by typer


_install_plain_coercion()

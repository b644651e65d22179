"""The Jinja2 environments: shipped templates, an optional house style, strict and escaping.

Templates lay out the document; clause text reaches them only as finished, escaped values
through the filters of each view, so it is never compiled or evaluated as a template.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rechtmakers.errors import UsageError

if TYPE_CHECKING:
    from jinja2 import Environment, Template

TEMPLATE_FOLDER = "templates"


def shipped_templates() -> Path:
    """The folder of the templates that come with the package (package data, see pyproject)."""
    return Path(__file__).resolve().parent.parent / TEMPLATE_FOLDER


def check_house_style(folder: Path | None) -> None:
    if folder is not None and not folder.is_dir():
        raise UsageError(f"De map met sjablonen {folder} bestaat niet.")


def environment(*, house_style: Path | None, autoescape: bool,
                filters: dict[str, Callable[..., Any]],
                finalize: Callable[[Any], Any] | None = None) -> Environment:
    """A strict environment: a house-style folder first, then the shipped templates."""
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemBytecodeCache,
        FileSystemLoader,
        StrictUndefined,
    )

    check_house_style(house_style)
    folders = [house_style] if house_style else []
    loader = ChoiceLoader([FileSystemLoader(str(f)) for f in [*folders, shipped_templates()]])
    env = Environment(loader=loader, undefined=StrictUndefined, autoescape=autoescape,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      finalize=finalize, bytecode_cache=_bytecode_cache(FileSystemBytecodeCache))
    env.filters.update(filters)
    return env


def template_text(env: Environment, name: str) -> str:
    """A file from the template folders as plain text, not compiled (such as the style sheet)."""
    from jinja2 import TemplateNotFound

    try:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    except TemplateNotFound as exc:
        raise UsageError(f"Het sjabloon {name} ontbreekt.") from exc
    return source


def _bytecode_cache(kind: Any) -> Any:
    """Jinja's own per-user cache of compiled templates (keyed by their source), if usable."""
    try:
        return kind()
    except (OSError, RuntimeError):
        return None


def render_template(env: Environment, name: str, **values: Any) -> str:
    """Render one template; a broken house-style template is a usage error, not a traceback."""
    from jinja2 import TemplateError, TemplateSyntaxError

    try:
        template: Template = env.get_template(name)
        return template.render(**values)
    except TemplateSyntaxError as exc:
        raise UsageError(f"Het sjabloon {exc.filename or name} heeft een fout op regel "
                         f"{exc.lineno}: {exc.message}") from exc
    except TemplateError as exc:
        raise UsageError(f"Het sjabloon {name} is niet te gebruiken: {exc}") from exc

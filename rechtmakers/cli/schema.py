"""`rechtmakers schema`: export the JSON Schema of the source format for editors."""

from __future__ import annotations

from pathlib import Path

import typer

from rechtmakers.cli.app import app, guarded, report_written


@app.command()
def schema(
    out: Path = typer.Option(Path("schemas"), "--out", "-o", help="Map waarin de schema's "
                             "komen."),
) -> None:
    """Schrijf het JSON Schema per soort bestand, zodat een editor aanvult en uitlegt."""
    from rechtmakers.errors import UsageError, os_reason
    from rechtmakers.schema_export import write_schemas

    with guarded():
        try:
            written = write_schemas(out)
        except OSError as exc:
            raise UsageError(f"Kan niet schrijven in {out}: {os_reason(exc)}.") from exc
    report_written(written)

"""`rechtmakers lsp`: the language server, over standard input and output."""

from __future__ import annotations

import typer

from rechtmakers.cli.app import app


@app.command()
def lsp(
    stdio: bool = typer.Option(True, "--stdio", help="Praat met de editor over standaard "
                               "invoer en uitvoer (standaard; de enige manier)."),
) -> None:
    """Start de taalserver voor een editor (VS Code, Neovim, Helix): meldingen terwijl je
    typt, springen naar een artikel, hernoemen, nummers van verwijzingen. Zie docs/editors.md.
    """
    import logging
    import os
    import sys

    from rechtmakers.lsp.server import create_server

    # stdout is the editor's channel: messages go to stderr.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="rechtmakers lsp: %(message)s")
    # The protocol gets its own copies of the standard streams (the server closes them when
    # it stops); anything else that would print goes to stderr, never into the protocol.
    reader = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    writer = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    stdout, sys.stdout = sys.stdout, sys.stderr
    try:
        create_server().start_io(reader, writer)
    finally:
        sys.stdout = stdout

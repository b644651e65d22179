"""A closed pipe ends the output, not the command: `rechtmakers validate | head -1` exits with
what validate found.

When the reader of standard output goes away (head read its line, a pager quit), a write raises
BrokenPipeError. Click turns that into exit code 1 without a word, and 1 means "the agreement
has errors": CI with `set -o pipefail` would read a valid agreement as a broken one. So the
entry point wraps the standard streams: from the first broken write on, what the command still
writes goes to /dev/null, and the command finishes and exits with its own code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import Any, TextIO

__all__ = ["ClosedPipeSafe", "guard_standard_streams"]


class ClosedPipeSafe:
    """A text stream that swallows a closed pipe: later output goes to /dev/null."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.closed_pipe = False

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._divert()
            return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._divert()
            self._stream.flush()  # what was buffered now goes to /dev/null

    def _divert(self) -> None:
        """Point the stream's file descriptor at /dev/null, so nothing more can break."""
        self.closed_pipe = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:  # any other attribute of the wrapped stream
        return getattr(self._stream, name)


def guard_standard_streams() -> None:
    """Wrap sys.stdout and sys.stderr (once) when they are real files with a descriptor."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, ClosedPipeSafe):
            continue
        try:
            stream.fileno()
        except (AttributeError, OSError, ValueError):  # a test's capture: no descriptor
            continue
        setattr(sys, name, ClosedPipeSafe(stream))

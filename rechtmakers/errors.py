"""The one error family of rechtmakers: the core raises these, only the CLI reports them."""

from __future__ import annotations


class RechtmakersError(Exception):
    """A problem the user can fix; the message is Dutch and complete."""

    exit_code = 2


class UsageError(RechtmakersError):
    """The command was called wrongly or the environment lacks something (exit 2)."""

    exit_code = 2


class AgreementError(RechtmakersError):
    """The agreement itself is not in order (exit 1)."""

    exit_code = 1

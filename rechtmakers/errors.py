"""The one error family of rechtmakers: the core raises these, only the CLI reports them."""

from __future__ import annotations

import errno


class RechtmakersError(Exception):
    """A problem the user can fix; the message is Dutch and complete."""

    exit_code = 2


class UsageError(RechtmakersError):
    """The command was called wrongly or the environment lacks something (exit 2)."""

    exit_code = 2


class AgreementError(RechtmakersError):
    """The agreement itself is not in order (exit 1)."""

    exit_code = 1


_OS_REASONS = {
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ENOSPC: "de schijf is vol",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "bestaat al",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EMFILE: "te veel open bestanden",
    errno.EIO: "lees- of schrijffout van het apparaat",
}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Dutch (the system's own text is English)."""
    return _OS_REASONS.get(exc.errno or 0, f"systeemfout {exc.errno}" if exc.errno else
                           "onbekende systeemfout")

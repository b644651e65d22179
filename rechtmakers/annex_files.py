"""The annexes of an agreement (bijlagen/): the bytes of each listed file, read from disk
without following a link, or from a past version's files, and why one could not be read."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Literal

from rechtmakers.errors import os_reason
from rechtmakers.load import MAX_FILE_BYTES
from rechtmakers.model import Annex
from rechtmakers.source_names import ANNEXES_DIR

MARKDOWN_SUFFIXES = (".md", ".markdown")
AnnexIssueKind = Literal["missing", "unsafe", "unreadable"]


@dataclass(frozen=True)
class AnnexContent:
    """The bytes of one listed annex file, as read from disk or from a past version."""

    file: str  # as listed under bestand: the path inside bijlagen/
    data: bytes = field(repr=False)

    @property
    def markdown(self) -> bool:
        return self.file.lower().endswith(MARKDOWN_SUFFIXES)

    @cached_property
    def text(self) -> str | None:
        """A Markdown annex as text (UTF-8, line ends as \n); None for other files, or when
        the file is not UTF-8 (validate reports that)."""
        if not self.markdown:
            return None
        try:
            text = self.data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the file's bytes, as `sha256sum` gives it: what a printed copy pins."""
        return hashlib.sha256(self.data).hexdigest()

    @cached_property
    def binding_sha256(self) -> str:
        """What the content digest takes: the bytes, except that a Markdown annex counts as
        its text with \n line ends, so that a checkout with CRLF line ends signs the same."""
        if self.markdown and self.text is not None:
            return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return self.sha256


@dataclass(frozen=True)
class AnnexIssue:
    """Why a listed annex could not be read: the problem is reported at its bestand line."""

    index: int  # position in the list bijlagen of overeenkomst.yaml
    kind: AnnexIssueKind
    message: str


def read_annexes(root: Path, annexes: tuple[Annex, ...], files: Mapping[str, bytes] | None
                 ) -> tuple[dict[str, AnnexContent], tuple[AnnexIssue, ...]]:
    """The bytes of every listed annex, from disk or from the file map, and why any could not
    be read. A path must stay inside bijlagen/, pass no symbolic link and hold at most 1 MB."""
    contents: dict[str, AnnexContent] = {}
    issues: list[AnnexIssue] = []
    for index, annex in enumerate(annexes):
        if annex.file in contents:
            continue
        unsafe = _unsafe_annex_path(annex.file)
        if unsafe:
            issues.append(AnnexIssue(index, "unsafe", unsafe))
            continue
        rel = f"{ANNEXES_DIR}/{annex.file}"
        if files is not None:
            data = files.get(rel)
            if data is None:
                issues.append(AnnexIssue(index, "missing", _missing(annex.file)))
            elif len(data) > MAX_FILE_BYTES:
                issues.append(AnnexIssue(index, "unreadable", _annex_too_large(len(data))))
            else:
                contents[annex.file] = AnnexContent(annex.file, data)
            continue
        read = _read_annex_file(root, annex.file)
        if isinstance(read, AnnexIssue):
            issues.append(AnnexIssue(index, read.kind, read.message))
        else:
            contents[annex.file] = AnnexContent(annex.file, read)
    return contents, tuple(issues)


def _unsafe_annex_path(file: str) -> str:
    """Why a bestand is not a plain path inside bijlagen/ ("" when it is)."""
    path = PurePosixPath(file)
    if "\\" in file or path.is_absolute() or ".." in path.parts or file.startswith("~"):
        return (f'Het bestand "{file}" ligt niet in de map {ANNEXES_DIR}/. Schrijf een pad '
                f"binnen die map, zoals transformatieplan.md, met / tussen mappen.")
    if path.parts and path.parts[0] == ANNEXES_DIR:
        return (f'Schrijf het pad vanaf de map {ANNEXES_DIR}/, zonder die map zelf: '
                f'"{PurePosixPath(*path.parts[1:])}".')
    return ""


def _missing(file: str) -> str:
    return (f'Het bestand {ANNEXES_DIR}/{file} bestaat niet. Zet het bestand in de map '
            f"{ANNEXES_DIR}/ of verbeter de naam.")


def _annex_too_large(size: int) -> str:
    return (f"De bijlage is te groot ({size // 1024} kB; hooguit {MAX_FILE_BYTES // 1000} kB "
            "per bestand). Verklein het bestand of splits het in meer bijlagen.")


def _read_annex_file(root: Path, file: str) -> bytes | AnnexIssue:
    """Read bijlagen/<file> under root without following a symbolic link anywhere on the way."""
    path = root / ANNEXES_DIR
    parts = PurePosixPath(file).parts
    try:
        for part in ("", *parts):
            path = path / part if part else path
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                return AnnexIssue(0, "unsafe", f"{path.relative_to(root)} is een symbolische "
                                  "link. Een bijlage is een gewoon bestand in de map "
                                  f"{ANNEXES_DIR}/: kopieer het bestand erin.")
        if not stat.S_ISREG(info.st_mode):
            return AnnexIssue(0, "unreadable", f"{ANNEXES_DIR}/{file} is geen gewoon bestand.")
        if info.st_size > MAX_FILE_BYTES:
            return AnnexIssue(0, "unreadable", _annex_too_large(info.st_size))
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return AnnexIssue(0, "missing", _missing(file))
    except OSError as exc:
        return AnnexIssue(0, "unreadable", f"De bijlage {ANNEXES_DIR}/{file} kan niet gelezen "
                          f"worden ({os_reason(exc)}).")
    if len(data) > MAX_FILE_BYTES:
        return AnnexIssue(0, "unreadable", _annex_too_large(len(data)))
    return data


def annex_files(root: Path, files: Mapping[str, bytes] | None) -> frozenset[str]:
    """Every file under bijlagen/ (path inside it), hidden files such as .gitkeep left out."""
    prefix = f"{ANNEXES_DIR}/"
    if files is not None:
        found = (rel[len(prefix):] for rel in files if rel.startswith(prefix))
        return frozenset(rel for rel in found if not _hidden(rel))
    folder = root / ANNEXES_DIR
    if folder.is_symlink() or not folder.is_dir():
        return frozenset()
    result: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath).relative_to(folder).as_posix()
        for name in filenames:
            rel = name if base == "." else f"{base}/{name}"
            if not _hidden(rel):
                result.add(rel)
    return frozenset(result)


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))

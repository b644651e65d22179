"""One version of the authority files as a View of facts, read through the same loader and
models as the agreement, and kept by blob id (content never changes under an id) in
<git-dir>/rechtmakers/, so that a second walk of the history parses nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from rechtmakers.cache import JsonCache
from rechtmakers.load import LoadRefusal, read_yaml_bytes
from rechtmakers.model import AgreementMeta, PartiesFile
from rechtmakers.signoff.authority import (
    ADMIN,
    ANCHOR,
    AUTHORITY,
    EVIDENCE,
    LEAD,
    REP,
    FactKey,
    View,
    authority_value,
    rep_value,
)
from rechtmakers.source_names import META_FILE, PARTIES_FILE

M = TypeVar("M", PartiesFile, AgreementMeta)
CACHE_FILE = "gezag.json"
_SOURCES = ("model.py", "load.py", "signoff/authority.py", "signoff/authority_files.py")
Facts = dict[FactKey, str]


@dataclass
class Files:
    """The authority files of one commit by blob id: partijen.yaml, overeenkomst.yaml, and the
    certificate files in vertrouwd/."""

    parties: str | None
    meta: str | None
    anchors: dict[str, str] = field(default_factory=dict)  # file name → blob id


class ViewCache(JsonCache):
    """The facts of each version of partijen.yaml and overeenkomst.yaml, by blob id."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, CACHE_FILE, "versies", _SOURCES, max_entries=20_000)

    def facts(self, blob: str) -> Facts | None | bool:
        """The facts of a blob, None when it could not be read, False when not known yet."""
        entry: Any = self.entries.get(blob)
        if entry is None:
            return False
        if not isinstance(entry, list):
            return None
        return {tuple(item[0]): item[1] for item in entry}

    def put(self, blob: str, facts: Facts | None) -> None:
        self.entries[blob] = None if facts is None else [[list(k), v]
                                                         for k, v in facts.items()]
        self.dirty = True


def parties_facts(data: bytes, root: Path) -> Facts | None:
    parties = _parse(PartiesFile, data, root / PARTIES_FILE)
    if parties is None:
        return None
    facts: Facts = {}
    for party in parties.parties:
        facts[(AUTHORITY, party.id)] = authority_value(party)
        for rep in party.representatives:
            facts[(REP, party.id, rep.email.casefold())] = rep_value(rep)
    return facts


def meta_facts(data: bytes, root: Path) -> Facts | None:
    meta = _parse(AgreementMeta, data, root / META_FILE)
    if meta is None:
        return None
    facts: Facts = {(LEAD,): meta.lead,
                    (EVIDENCE,): meta.required_evidence}
    for admin in meta.administrators:
        facts[(ADMIN, admin.email.casefold())] = rep_value(admin)
    return facts


def read_view(files: Files, parsed: dict[str, Facts | None]) -> View | None:
    """The facts of one version; None when partijen.yaml or overeenkomst.yaml exists but
    cannot be read (the walk then compares with the last readable version)."""
    view: dict[FactKey, str] = {}
    for blob in (files.parties, files.meta):
        if blob is None:
            continue
        found = parsed.get(blob)
        if found is None:
            return None
        view.update(found)
    for name, blob in files.anchors.items():
        view[(ANCHOR, name)] = blob
    return view


def _parse(model: type[M], data: bytes, path: Path) -> M | None:
    try:
        return model.model_validate(read_yaml_bytes(data, path).data)
    except (LoadRefusal, ValidationError, ValueError, TypeError, RecursionError):
        return None

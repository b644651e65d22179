"""Read the two versions to compare, parsing a file that is the same in both only once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from rechtmakers.agreement import (
    ANNEXES_DIR,
    ARTICLES_DIR,
    META_FILE,
    PARTIES_FILE,
    TERMS_FILE,
    CompleteAgreement,
    annex_files,
    load_complete,
    read_annexes,
)
from rechtmakers.load import MAX_FILE_BYTES, LoadRefusal, SourceFile, read_yaml_bytes
from rechtmakers.model import AgreementMeta, Article, PartiesFile, TermsFile

_BOM = b"\xef\xbb\xbf"


def load_alike(root: Path, like: CompleteAgreement, label: str) -> CompleteAgreement:
    """Another version of `like`, in folder root: each file the same as in `like` is taken
    from it (see load_alike_files)."""
    return load_alike_files(agreement_files(root), like, label, root)


def load_alike_files(files: Mapping[str, bytes], like: CompleteAgreement, label: str,
                     root: Path) -> CompleteAgreement:
    """Another version of `like` from its files (path in the folder → bytes), in memory.

    Most of an agreement stays the same between two versions, and parsing YAML with positions
    is most of the cost of a comparison: a file whose text is the same as in `like` is not read
    again. A file that differs is read as load_agreement reads it; if any of them does not load,
    load_complete reads the whole version to report why. root names the place in messages.
    """
    try:
        return _assemble(files, like, root)
    except (LoadRefusal, ValidationError, OSError):
        return load_complete(root, files, label=label)


def agreement_files(root: Path) -> dict[str, bytes]:
    """The files load_agreement reads from folder root, by their path in it."""
    rels = [rel for rel in (META_FILE, PARTIES_FILE, TERMS_FILE) if (root / rel).is_file()]
    rels += [f"{ARTICLES_DIR}/{p.name}" for p in sorted((root / ARTICLES_DIR).glob("*.yaml"))]
    files = {rel: (root / rel).read_bytes() for rel in rels}
    meta = _meta_of(root, files.get(META_FILE))
    if meta is not None and meta.annexes:  # annex bytes as the loader reads them (no links)
        contents, _ = read_annexes(root, meta.annexes, None)
        files.update({f"{ANNEXES_DIR}/{c.file}": c.data for c in contents.values()})
    return files


def _meta_of(root: Path, data: bytes | None) -> AgreementMeta | None:
    if data is None:
        return None
    try:
        return AgreementMeta.model_validate(read_yaml_bytes(data, root / META_FILE).data)
    except (LoadRefusal, ValidationError, OSError):
        return None


def _assemble(files: Mapping[str, bytes], like: CompleteAgreement, root: Path
              ) -> CompleteAgreement:
    wanted = {rel: data for rel, data in files.items() if _is_agreement_file(rel)}
    same = {rel for rel, data in wanted.items() if _same_text(data, like.sources.get(rel))
            and (not rel.startswith(f"{ARTICLES_DIR}/")
                 or PurePosixPath(rel).stem in like.articles)}

    def parse(rel: str, model: type[Any]) -> Any:
        if rel not in wanted:
            raise FileNotFoundError(root / rel)
        return model.model_validate(read_yaml_bytes(wanted[rel], root / rel).data)

    meta = like.meta if META_FILE in same else parse(META_FILE, AgreementMeta)
    parties = like.parties if PARTIES_FILE in same else parse(PARTIES_FILE, PartiesFile).parties
    terms = like.terms if TERMS_FILE in same else (
        parse(TERMS_FILE, TermsFile).terms if TERMS_FILE in wanted else ())
    articles: dict[str, Article] = {}
    for rel in sorted(r for r in wanted if r.startswith(f"{ARTICLES_DIR}/")):
        stem = PurePosixPath(rel).stem
        articles[stem] = like.articles[stem] if rel in same else parse(rel, Article)
    sources = {rel: source for rel, source in like.sources.items() if rel in same}
    contents, issues = read_annexes(root, meta.annexes if meta else (), files)
    if issues:
        raise FileNotFoundError(root / ANNEXES_DIR)
    return replace(like, root=root, meta=meta, parties=parties, terms=terms,
                   articles=articles, sources=sources, annex_contents=contents,
                   annex_issues=issues, annex_files=annex_files(root, files))


def _is_agreement_file(rel: str) -> bool:
    path = PurePosixPath(rel)
    if len(path.parts) == 1:
        return rel in (META_FILE, PARTIES_FILE, TERMS_FILE)
    return len(path.parts) == 2 and path.parts[0] == ARTICLES_DIR and path.suffix == ".yaml"


def _same_text(data: bytes, source: SourceFile | None) -> bool:
    """Whether the loader would read data as exactly the text it read into source."""
    if source is None or len(data) > MAX_FILE_BYTES:
        return False
    try:
        return data.removeprefix(_BOM).decode("utf-8") == source.text
    except UnicodeDecodeError:
        return False

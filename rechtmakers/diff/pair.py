"""Read the two versions to compare, parsing a file that is the same in both only once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rechtmakers.agreement import (
    ARTICLES_DIR,
    META_FILE,
    PARTIES_FILE,
    TERMS_FILE,
    Agreement,
    CodedProblem,
    load_agreement,
)
from rechtmakers.errors import AgreementError
from rechtmakers.load import LoadRefusal, read_yaml
from rechtmakers.model import AgreementMeta, Article, PartiesFile, TermsFile


def load_version(root: Path, label: str) -> Agreement:
    """One version, complete, or an AgreementError that says what keeps it from loading."""
    agreement, problems = load_agreement(root)
    refuse(problems, label)
    return agreement


def load_alike(root: Path, like: Agreement, label: str) -> Agreement:
    """Another version of `like`: each file with the same bytes as in `like` is taken from it.

    Most of an agreement stays the same between two versions, and parsing YAML with positions
    is most of the cost of a comparison. A file that differs is read as load_agreement reads
    it; if any of them does not load, load_agreement reads the whole folder to report why.
    """
    try:
        return _assemble(root, like)
    except (LoadRefusal, ValidationError, OSError):
        return load_version(root, label)


def refuse(problems: list[CodedProblem], label: str) -> None:
    """Raise when the loader found problems: a comparison of half an agreement misleads."""
    if not problems:
        return
    code, first = problems[0]
    more = f" (en nog {len(problems) - 1} andere)" if len(problems) > 1 else ""
    raise AgreementError(f"De versie {label} is niet te lezen: {first.location}: "
                         f"{first.message} [{code}]{more}. Herstel dat eerst; "
                         "rechtmakers validate toont alle meldingen.")


def _assemble(root: Path, like: Agreement) -> Agreement:
    same = _same_files(root, like)
    meta = like.meta if META_FILE in same else _parse(root, META_FILE, AgreementMeta)
    parties = like.parties if PARTIES_FILE in same else _parse(
        root, PARTIES_FILE, PartiesFile).parties
    terms = like.terms if TERMS_FILE in same else _parse_terms(root)
    articles: dict[str, Article] = {}
    for path in sorted((root / ARTICLES_DIR).glob("*.yaml")):
        rel = f"{ARTICLES_DIR}/{path.name}"
        articles[path.stem] = (like.articles[path.stem] if rel in same
                               else _parse(root, rel, Article))
    sources = {rel: source for rel, source in like.sources.items() if rel in same}
    return replace(like, root=root, meta=meta, parties=parties, terms=terms,
                   articles=articles, sources=sources)


def _same_files(root: Path, like: Agreement) -> set[str]:
    """The files of like that root holds with exactly the same bytes."""
    same = set()
    for rel, source in like.sources.items():
        path = root / rel
        if rel.startswith(f"{ARTICLES_DIR}/") and Path(rel).stem not in like.articles:
            continue
        if path.is_file() and path.read_bytes() == source.path.read_bytes():
            same.add(rel)
    return same


def _parse_terms(root: Path) -> tuple[Any, ...]:
    if not (root / TERMS_FILE).is_file():
        return ()
    terms: tuple[Any, ...] = _parse(root, TERMS_FILE, TermsFile).terms
    return terms


def _parse(root: Path, rel: str, model: type[Any]) -> Any:
    """One file read as load_agreement reads it; raises on any problem."""
    path = root / rel
    if not path.is_file():
        raise FileNotFoundError(path)
    return model.model_validate(read_yaml(path).data)

"""Small, JSON-able summaries of one version of a file: what `log` compares between versions.

A summary holds hashes of the canonical (digest) form of each part, so comparing two versions
is cheap, and a summary keyed by its blob id can be kept for the next run.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rechtmakers.diff.binding import binding_meta_parts
from rechtmakers.digest import canonical_article, canonical_party, canonical_term
from rechtmakers.load import LoadRefusal
from rechtmakers.model import AgreementMeta, Article, PartiesFile, TermsFile
from rechtmakers.signoff.changes import FileKind, Summary
from rechtmakers.signoff.records import RecordError, parse_record, read_blob


def fingerprint(value: Any) -> str:
    """A short hash of a JSON-able value."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def summarize_meta(meta: AgreementMeta) -> Summary:
    # Every binding key (issue 12: the one definition in diff.binding), not a fixed list.
    parts = binding_meta_parts(meta)
    return {"versie": meta.version, "status": meta.status, "artikelen": list(meta.articles),
            "parts": {key: fingerprint(value) for key, value in parts.items()}}


def summarize_article(article: Article) -> Summary:
    canonical = canonical_article(article)
    members = canonical.pop("leden", [])
    forms = members if isinstance(members, list) else []  # one canonical form per lid
    canonical.pop("versie", None)
    return {
        "titel": article.title,
        "versie": article.version,
        "binding": fingerprint([canonical, members, article.version]),
        "toelichting": fingerprint(article.explanation),
        "parts": {key: fingerprint(value) for key, value in canonical.items() if key != "id"},
        "leden": [[member.id, fingerprint(form)]
                  for member, form in zip(article.members, forms, strict=True)],
    }


def summarize_parties(parties: PartiesFile) -> Summary:
    return {"partijen": [[p.id, p.name, fingerprint(canonical_party(p)),
                          fingerprint([r.model_dump(mode="json") for r in p.representatives])]
                         for p in parties.parties]}


def summarize_terms(terms: TermsFile) -> Summary:
    return {"begrippen": [[t.term, fingerprint(canonical_term(t))] for t in terms.terms]}


# Any: each summarizer takes its own model.
_KINDS: dict[FileKind, tuple[type[BaseModel], Any]] = {
    FileKind.META: (AgreementMeta, summarize_meta),
    FileKind.PARTIES: (PartiesFile, summarize_parties),
    FileKind.TERMS: (TermsFile, summarize_terms),
    FileKind.ARTICLE: (Article, summarize_article),
}


def summarize_blob(kind: FileKind, data: bytes, path: Path, scratch: Path) -> Summary:
    """Parse one version of a file of this kind and summarize it; {"fout": …} if unreadable.
    An annex is never summarized: its bytes are signed, diff shows what changed in them."""
    if kind is FileKind.SIGNOFF:
        try:
            record = parse_record(data, path, scratch)
        except RecordError as exc:
            return {"fout": str(exc)}
        return {"record": record.model_dump(mode="json", by_alias=True, exclude_none=True)}
    model, summarize = _KINDS[kind]
    try:
        source = read_blob(data, path, scratch)
        summary: Summary = summarize(model.model_validate(source.data))
    except LoadRefusal as refusal:
        return {"fout": f"{path.name}:{refusal.line}:{refusal.column}: {refusal.message}"}
    except ValidationError:
        return {"fout": f"{path.name} past in deze versie niet in het schema"}
    return summary

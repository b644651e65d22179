"""The content digest: SHA-256 over a canonical form of an agreement's binding content only.

Form 2 (this one): every Markdown text is taken as the renderers draw it, parsed into the
document model (document.canonical): a change that moves a line into a list, makes a paragraph
code or a heading changes the digest, rewrapping does not. Form 1 took normalised source text
(normalize_text, kept for the diff's notes); a sign-off record made with form 1 names no `vorm`
and no longer counts (signoff.records.FORM_1_REFUSAL), because form 1 let text change what a
reader sees under the same digest.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from rechtmakers.agreement import Agreement
from rechtmakers.document.canonical import markdown_form, plain_form, readable_markdown
from rechtmakers.errors import AgreementError
from rechtmakers.json_value import JsonObject, JsonValue
from rechtmakers.model import AgreementMeta, Article, Party, Term
from rechtmakers.source_names import META_FILE

# Raise both when the canonical form changes, so that old and new digests never compare equal;
# records name the form they were made with (signoff.records, `vorm`).
DIGEST_FORM = 2
DIGEST_FORMAT = f"rechtmakers-inhoud/{DIGEST_FORM}"
# The keys whose values are Markdown: taken as parsed blocks (the rest as plain text).
MARKDOWN_KEYS = frozenset({"tekst", "kompas", "overwegingen", "betekenis", "wat", "hoe",
                           "wanneer", "helpt", "helpt-niet", "betekent"})

_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_SPACES = re.compile(r"[ \t]+")
_BULLET = re.compile(r"[ \t]*(?:[-*+]|#{1,6}|>)(?:[ \t]|$)")
_ORDERED = re.compile(r"[ \t]*(\d{1,9})[.)](?:[ \t]|$)")


def content_digest(agreement: Agreement,
                   article_form: Callable[[Article], JsonObject] | None = None) -> str:
    """The hex SHA-256 of the agreement's binding content. article_form gives an article's
    canonical form (default canonical_article; diff.binding passes one that remembers it)."""
    form = canonical_form(agreement, article_form)
    data = json.dumps(form, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def canonical_form(agreement: Agreement,
                   article_form: Callable[[Article], JsonObject] | None = None) -> JsonObject:
    """The binding content as plain, normalised data: what the digest is taken over."""
    if agreement.meta is None:
        raise AgreementError(f"{agreement.root}: {META_FILE} is niet te lezen, dus er is "
                             "geen digest van de inhoud. Los eerst de fouten op (rechtmakers "
                             "validate).")
    missing = [a for a in agreement.meta.articles if a not in agreement.articles]
    if missing:
        raise AgreementError(f"{agreement.root}: het artikel {', '.join(missing)} staat in "
                             f"{META_FILE} maar is niet te lezen, dus er is geen digest "
                             "van de inhoud. Los eerst de fouten op (rechtmakers validate).")
    meta = canonical_meta(agreement.meta)
    if agreement.meta.annexes:
        meta["bijlagen"] = canonical_annexes(agreement)
    of_article = article_form or canonical_article
    return {
        "formaat": DIGEST_FORMAT,
        "overeenkomst": meta,
        "partijen": [canonical_party(p) for p in agreement.parties],
        "begrippen": [canonical_term(t) for t in agreement.terms],
        "artikelen": [of_article(agreement.articles[a]) for a in agreement.order],
    }


def canonical_meta(meta: AgreementMeta) -> JsonObject:
    """overeenkomst.yaml without its status, signing rules and administrators: workflow and
    authority, not agreed text."""
    empty = {"annexes"} if not meta.annexes else set()  # old digests stay as they were
    return _dump(meta, exclude={"status", "signing", "administrators", *empty})


def canonical_annexes(agreement: Agreement) -> list[JsonValue]:
    """Each annex as listed, with the SHA-256 of its file: the bytes are signed too."""
    result: list[JsonValue] = []
    for annex in agreement.annexes:
        content = agreement.annex_content(annex)
        if content is None:
            raise AgreementError(f"{agreement.root}: de bijlage {annex.file} staat in "
                                 f"{META_FILE} maar is niet te lezen, dus er is geen digest "
                                 "van de inhoud. Los eerst de fouten op (rechtmakers validate).")
        result.append({**_dump(annex), "sha256": content.binding_sha256})
    return result


def canonical_party(party: Party) -> JsonObject:
    """Who the party is, as a legal person; its representatives, e-mail addresses, keys and
    authority to sign are administration."""
    return _dump(party, include={"id", "name", "kind", "legal_form", "kvk", "seat", "address"})


def canonical_term(term: Term) -> JsonObject:
    return _dump(term)


def canonical_article(article: Article) -> JsonObject:
    """The article without its toelichting, which explains but does not bind."""
    return _dump(article, exclude={"explanation"})


def readable_meta(meta: AgreementMeta) -> JsonObject:
    """canonical_meta with each Markdown text as readable Markdown (for notes, not digests)."""
    return _dump(meta, readable=True, exclude={"status", "signing"})


def readable_article(article: Article) -> JsonObject:
    """canonical_article with each Markdown text as readable Markdown (for notes, not digests):
    where two versions differ here, the diff can name how ("nadruk toegevoegd")."""
    return _dump(article, readable=True, exclude={"explanation"})


def _dump(model: BaseModel, readable: bool = False, **options: Any) -> JsonObject:
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True, **options)
    return {key: _canonical_value(item, key in MARKDOWN_KEYS, readable)
            for key, item in data.items()}


def _canonical_value(value: object, markdown: bool, readable: bool) -> JsonValue:
    """Markdown as parsed blocks, other text plain; the keys of a value decide for its parts.
    What pydantic dumps in JSON mode is JSON; anything else would be a bug, said here rather
    than signed in some spelling json.dumps happens to choose."""
    if isinstance(value, str):
        if not markdown:
            return plain_form(value)
        return readable_markdown(value) if readable else markdown_form(value)
    if isinstance(value, dict):
        return {str(key): _canonical_value(item, key in MARKDOWN_KEYS, readable)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical_value(item, markdown, readable) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    raise TypeError(f"geen JSON-waarde in de canonieke vorm: {type(value).__name__}")


def normalize_text(text: str) -> str:
    """Form 1's text normalisation (no longer the digest's; the diff's notes still use it).
    Text as Markdown reads it: wrapping and runs of blanks do not count, but paragraph
    breaks and the lines of lists, headings and quotes do; Unicode in composed form (NFC)."""
    if _plain_line(text):
        return text.strip()
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (_normalize_paragraph(p) for p in _BLANK_LINE.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _plain_line(text: str) -> bool:
    """One line without runs of blanks, already NFC: most titles, names and members."""
    return ("\n" not in text and "\r" not in text and "\t" not in text and "  " not in text
            and (text.isascii() or unicodedata.is_normalized("NFC", text)))


def _normalize_paragraph(paragraph: str) -> str:
    lines: list[str] = []
    in_list = False
    for raw in paragraph.split("\n"):
        content = _SPACES.sub(" ", raw).strip()
        if not content:
            continue
        ordered = _ORDERED.match(raw)
        item = bool(_BULLET.match(raw)) or bool(ordered and (in_list or not lines
                                                              or ordered.group(1) == "1"))
        if lines and not item:
            lines[-1] = f"{lines[-1]} {content}"
            continue
        indent = len(raw) - len(raw.lstrip(" \t")) if lines else 0
        lines.append(" " * indent + content)
        in_list = item and not raw.lstrip().startswith(("#", ">"))
    return "\n".join(lines)

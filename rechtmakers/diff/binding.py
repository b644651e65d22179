"""What is binding: exactly what changes the digest. One definition for every command.

A change is binding when, and only when, it changes the canonical form that the digest is taken
over (rechtmakers.digest.canonical_form). `diff` (every view), `validate --since`, `log` and
`status` all ask this module, so they can never disagree with the digest or with each other:
NFC and NFD spellings of the same words, or a rewrapped paragraph, are never a change; a new link
target, a removed emphasis, a no-break space or a new `datum` always are.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from rechtmakers.agreement import CompleteAgreement
from rechtmakers.digest import (
    canonical_annexes,
    canonical_article,
    canonical_meta,
    canonical_party,
    canonical_term,
    content_digest,
    readable_article,
)
from rechtmakers.json_value import JsonObject, JsonValue
from rechtmakers.model import AgreementMeta, Article, Party

# Keys of the canonical overeenkomst that the article comparison reports itself.
ORDER_KEY = "artikelen"
# Keys of a canonical article that its rendered words never show.
UNSHOWN_ARTICLE_KEYS = ("id", "onderwerp", "versie")


@dataclass(frozen=True)
class BindingDelta:
    """Which parts of the canonical form differ between two versions.

    `changed` is true exactly when the two digests differ.
    """

    meta_keys: tuple[str, ...]
    parties: bool
    terms: bool
    articles: frozenset[str]
    order: bool
    whole: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.whole or self.meta_keys or self.parties or self.terms or self.articles
                    or self.order)


def binding_delta(old: CompleteAgreement | None, new: CompleteAgreement | None
                  ) -> BindingDelta:
    """Compare the canonical forms of two versions part by part (cheap: equal sources are not
    dumped); a version that is None (the agreement absent there) differs as a whole."""
    if old is None or new is None:
        return BindingDelta((), False, False, frozenset(), False, whole=(old is None) != (
            new is None))
    meta_keys = meta_keys_changed(old.meta, new.meta)
    if (old.meta.annexes or new.meta.annexes) and "bijlagen" not in meta_keys and (
            canonical_meta_of(old).get("bijlagen") != canonical_meta_of(new).get("bijlagen")):
        meta_keys = tuple(sorted((*meta_keys, "bijlagen")))  # an annex's bytes changed
    parties = old.parties != new.parties and (
        [canonical_party(p) for p in old.parties] != [canonical_party(p) for p in new.parties])
    terms = old.terms != new.terms and (
        [canonical_term(t) for t in old.terms] != [canonical_term(t) for t in new.terms])
    ids = set(old.order) | set(new.order)
    articles = frozenset(a for a in ids if article_binding_changed(old.articles.get(a),
                                                                   new.articles.get(a)))
    return BindingDelta(meta_keys, parties, terms, articles, old.order != new.order)


def binding_changed(old: CompleteAgreement | None, new: CompleteAgreement | None) -> bool:
    """Whether the digest of new differs from that of old."""
    return binding_delta(old, new).changed


def meta_keys_changed(old: AgreementMeta, new: AgreementMeta) -> tuple[str, ...]:
    """The keys of overeenkomst.yaml whose binding value differs (in the digest's key order)."""
    if old is new or old == new:
        return ()
    before, after = canonical_meta(old), canonical_meta(new)
    return tuple(key for key in sorted(set(before) | set(after))
                 if before.get(key) != after.get(key))


def canonical_meta_of(agreement: CompleteAgreement) -> JsonObject:
    """The agreement's canonical overeenkomst as the digest takes it: with each annex's
    SHA-256 (digest.canonical_form)."""
    meta = canonical_meta(agreement.meta)
    if agreement.meta.annexes:
        meta["bijlagen"] = canonical_annexes(agreement)
    return meta


def party_binding_changed(before: Party | None, after: Party | None) -> bool:
    """Whether the party's part of the digest (who it is as a legal person) differs."""
    if before is None or after is None:
        return before is not after
    return before != after and canonical_party(before) != canonical_party(after)


def binding_meta_parts(meta: AgreementMeta) -> JsonObject:
    """The binding values of overeenkomst.yaml by key, without its version and article list
    (which `log` reports apart): what `log` fingerprints to tell a binding meta change."""
    return {key: value for key, value in canonical_meta(meta).items()
            if key not in ("versie", ORDER_KEY)}


def article_binding_changed(before: Article | None, after: Article | None) -> bool:
    """Whether the article's part of the digest differs (added and removed articles do)."""
    if before is None or after is None:
        return before is not after
    return before is not after and before != after and (
        canonical_of(before) != canonical_of(after))


def article_content_changed(before: Article | None, after: Article | None) -> bool:
    """A binding change other than the article's own `versie` (what should raise it)."""
    if before is None or after is None or not article_binding_changed(before, after):
        return False
    old, new = dict(canonical_of(before)), dict(canonical_of(after))
    old.pop("versie", None)
    new.pop("versie", None)
    return old != new


# Canonical forms by article object: the two versions of a comparison share the objects of
# unchanged files (diff.pair), so each is normalised once for the comparison and both digests.
_CANONICAL: dict[int, tuple[Article, JsonObject]] = {}
_CANONICAL_LIMIT = 50_000


def canonical_of(article: Article) -> JsonObject:
    """canonical_article, remembered per article object (do not change the result)."""
    found = _CANONICAL.get(id(article))
    if found is not None and found[0] is article:
        return found[1]
    if len(_CANONICAL) >= _CANONICAL_LIMIT:
        _CANONICAL.clear()
    form = canonical_article(article)
    _CANONICAL[id(article)] = (article, form)
    return form


_READABLE: dict[int, tuple[Article, JsonObject]] = {}


def readable_of(article: Article) -> JsonObject:
    """digest.readable_article, remembered per article object: the view notes are made from
    (the binding decision is canonical_of's)."""
    found = _READABLE.get(id(article))
    if found is not None and found[0] is article:
        return found[1]
    if len(_READABLE) >= _CANONICAL_LIMIT:
        _READABLE.clear()
    form = readable_article(article)
    _READABLE[id(article)] = (article, form)
    return form


def digest_of(agreement: CompleteAgreement) -> str:
    """content_digest(agreement), with the articles' canonical forms remembered (canonical_of):
    the redline needs the digest of both versions. The property test holds it to
    content_digest."""
    return content_digest(agreement, canonical_of)


def leaves(value: JsonValue, path: tuple[str | int, ...] = ()
           ) -> Iterator[tuple[tuple[str | int, ...], JsonValue]]:
    """Every scalar of a canonical value with its path."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, (*path, i))
    else:
        yield path, value


def changed_leaves(before: JsonValue, after: JsonValue
                   ) -> list[tuple[tuple[str | int, ...], JsonValue, JsonValue]]:
    """The scalars that differ between two canonical values, by path (None: absent)."""
    old, new = dict(leaves(before)), dict(leaves(after))
    return [(path, old.get(path), new.get(path)) for path in [*old, *(p for p in new
                                                                     if p not in old)]
            if old.get(path) != new.get(path)]

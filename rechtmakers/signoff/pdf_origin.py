"""Whether a signed PDF is our PDF of the version it names, and nothing but signatures after it.

A signed PDF counts only when its pages are the pages of the signing edition of the version
whose digest it names (render.signing_edition; Typst output is deterministic, which is why it is
pinned). Most signing programs append their signature to the file as it was: then the file
begins with exactly the bytes of a fresh render. Where a program rewrote the file, the text of
every page must equal that of the fresh render. After that, only signatures may follow: each a
signed field (with its widget), and the validation data of signatures (DSS). An unsigned field,
another annotation, or anything drawn on a page is refused, whatever pyHanko rates it.

pikepdf reads the structure, pypdf the text of a page; the signatures themselves are validated by
pyHanko alone (pdf_signatures.py).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

# Keys of the catalogue that signing may add or change: the form (its signature fields), the
# validation data, permissions, extensions, the structure tree (a signature widget is tagged
# there), the PDF version and the XMP metadata (the digest is read from the signed revision,
# never from a later one).
# Nothing there is drawn on a page.
_ROOT_CHANGES = frozenset({"/AcroForm", "/DSS", "/Perms", "/Extensions", "/Metadata",
                           "/StructTreeRoot", "/Version"})
_PAGE_SKIP = frozenset({"/Annots", "/Parent"})
_BLANKS = re.compile(r"\s+")
MAX_PAGES = 2_000


@dataclass
class Edition:
    """A fresh render of the signing edition of one version, named for messages."""

    label: str
    data: bytes
    _pages: tuple[str, ...] | None = field(default=None, repr=False)

    def pages(self) -> tuple[str, ...]:
        if self._pages is None:
            self._pages = page_texts(self.data)
        return self._pages


Editions = Callable[[str], Iterable[Edition]]  # digest → the editions of versions with it


def origin_problem(data: bytes, signed_end: int, editions: Iterable[Edition]) -> str | None:
    """Why this PDF, signed up to byte signed_end by the representative, is not our PDF of the
    version it names with nothing but signatures after it; None when it is."""
    found = list(editions)
    if not found:
        return ("er is geen versie met de digest van deze PDF om hem mee te vergelijken, dus "
                "niet vast te stellen dat de pagina's die van de overeenkomst zijn")
    for edition in found:
        if len(edition.data) <= signed_end and data.startswith(edition.data):
            return after_problem(data, len(edition.data))
    try:
        pages = page_texts(data[:signed_end])
    except ValueError as exc:
        return str(exc)
    for edition in found:
        if pages == edition.pages():
            return after_problem(data, signed_end)
    return _page_difference(pages, found[0])


def page_texts(data: bytes) -> tuple[str, ...]:
    """The text of every page, blanks collapsed (ValueError in Dutch when unreadable)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PAGES:
            raise ValueError(f"de PDF heeft meer dan {MAX_PAGES} pagina's")
        return tuple(_BLANKS.sub(" ", page.extract_text() or "").strip()
                     for page in reader.pages)
    except ValueError:
        raise
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        raise ValueError(f"de tekst van de PDF is niet te lezen ({type(exc).__name__})") from None


def _page_difference(pages: Sequence[str], edition: Edition) -> str:
    theirs = edition.pages()
    if len(pages) != len(theirs):
        return (f"de ondertekende PDF heeft {len(pages)} pagina's, de PDF van {edition.label} "
                f"{len(theirs)}: het is niet de PDF van deze versie")
    page = next(i for i, (a, b) in enumerate(zip(pages, theirs, strict=True), 1) if a != b)
    return (f"de tekst van pagina {page} van de ondertekende PDF is niet die van de PDF van "
            f"{edition.label}: het is niet de PDF van deze versie")


def after_problem(data: bytes, base_end: int) -> str | None:
    """What was added after the first base_end bytes that is not a signature, or None."""
    import pikepdf

    if base_end >= len(data.rstrip()):
        return None
    try:
        before = pikepdf.open(io.BytesIO(data[:base_end]))
        after = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        return "de PDF is niet te lezen als een PDF met aanvullingen achteraf"
    with before, after:
        return _root_problem(before, after) or _pages_problem(before, after) or \
            _fields_problem(after, _field_ids(before))


def _root_problem(before: Any, after: Any) -> str | None:
    hashes: dict[tuple[int, int], str] = {}
    for key in set(before.Root.keys()) | set(after.Root.keys()):
        if key in _ROOT_CHANGES or key == "/Pages":
            continue
        old, new = before.Root.get(key), after.Root.get(key)
        if (old is None) != (new is None) or (old is not None and _hash(old, {}) != _hash(
                new, hashes)):
            return (f"na het ondertekenen is er aan de PDF iets anders veranderd dan "
                    f"handtekeningen ({key[1:]} in de catalogus)")
    return None


def _pages_problem(before: Any, after: Any) -> str | None:
    if len(after.pages) != len(before.pages):
        return "na het ondertekenen zijn er pagina's toegevoegd of weggehaald"
    old_hashes: dict[tuple[int, int], str] = {}
    new_hashes: dict[tuple[int, int], str] = {}
    for number, (old, new) in enumerate(zip(before.pages, after.pages, strict=True), start=1):
        if _page_hash(old.obj, old_hashes) != _page_hash(new.obj, new_hashes):
            return (f"na het ondertekenen is er iets getekend op pagina {number}: de inhoud van "
                    "de pagina is veranderd")
        known = [_hash(a, old_hashes) for a in old.obj.get("/Annots", [])]
        for annot in new.obj.get("/Annots", []):
            digest = _hash(annot, new_hashes)
            if digest in known:
                known.remove(digest)
            elif not _signed_widget(annot):
                return f"na het ondertekenen is op pagina {number} {_what(annot)} toegevoegd"
    return None


def _fields_problem(after: Any, known: set[tuple[int, int]]) -> str | None:
    form = after.Root.get("/AcroForm")
    for item in _fields(form.get("/Fields", []) if form is not None else []):
        if item.objgen in known and item.objgen != (0, 0):
            continue
        if not _is_signed_field(item):
            name = str(item.get("/T", "")) or "zonder naam"
            return (f"na het ondertekenen is er een veld zonder handtekening toegevoegd "
                    f"({name}): alleen ondertekende handtekeningvelden mogen volgen")
    return None


def _field_ids(pdf: Any) -> set[tuple[int, int]]:
    form = pdf.Root.get("/AcroForm")
    return {f.objgen for f in _fields(form.get("/Fields", []) if form is not None else [])}


def _fields(items: Iterable[Any], depth: int = 0) -> Iterable[Any]:
    for item in items:
        if not hasattr(item, "get"):
            continue
        yield item
        kids = item.get("/Kids")
        if kids is not None and depth < 8:
            yield from _fields(kids, depth + 1)


def _signed_widget(annot: Any) -> bool:
    if not hasattr(annot, "get") or str(annot.get("/Subtype", "")) != "/Widget":
        return False
    owner = annot if "/FT" in annot else annot.get("/Parent")
    return owner is not None and _is_signed_field(owner)


def _is_signed_field(item: Any) -> bool:
    value = item.get("/V")
    return str(item.get("/FT", "")) == "/Sig" and value is not None and hasattr(value, "get") \
        and "/Contents" in value


def _what(annot: Any) -> str:
    subtype = str(annot.get("/Subtype", "")) if hasattr(annot, "get") else ""
    if subtype == "/Widget":
        return "een veld zonder handtekening (een leeg handtekening- of formulierveld)"
    return f"een aantekening ({subtype[1:] or 'onbekend'})"


def _page_hash(page: Any, memo: dict[tuple[int, int], str]) -> str:
    h = hashlib.sha256()
    for key in sorted(k for k in page.keys() if k not in _PAGE_SKIP):
        h.update(key.encode())
        h.update(_hash(page[key], memo).encode())
    return h.hexdigest()


def _hash(obj: Any, memo: dict[tuple[int, int], str], depth: int = 0) -> str:
    """A hash of an object and everything it refers to (streams by their raw bytes), so that an
    object changed in a later revision under the same number is seen; shared objects once."""
    import pikepdf

    objgen = getattr(obj, "objgen", (0, 0))
    if objgen != (0, 0):
        if objgen in memo:
            return memo[objgen]
        memo[objgen] = "cycle"
    h = hashlib.sha256()
    if depth > 64:
        h.update(b"deep")
    elif isinstance(obj, pikepdf.Stream):
        h.update(b"stream" + obj.read_raw_bytes())
        h.update(_dict_hash(obj.stream_dict, memo, depth, skip=("/Length",)).encode())
    elif isinstance(obj, pikepdf.Dictionary):
        h.update(_dict_hash(obj, memo, depth).encode())
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            h.update(_hash(item, memo, depth + 1).encode())
    else:
        h.update(repr(obj).encode())
    result = h.hexdigest()
    if objgen != (0, 0):
        memo[objgen] = result
    return result


def _dict_hash(obj: Any, memo: dict[tuple[int, int], str], depth: int,
               skip: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256(b"dict")
    for key in sorted(k for k in obj.keys() if k not in skip and k not in _PAGE_SKIP):
        h.update(key.encode())
        h.update(_hash(obj[key], memo, depth + 1).encode())
    return h.hexdigest()

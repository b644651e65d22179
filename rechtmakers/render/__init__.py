"""Rendering: an agreement into readable Dutch documents (Markdown, HTML, DOCX, PDF)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rechtmakers.errors import UsageError

if TYPE_CHECKING:
    from rechtmakers.agreement import Agreement
    from rechtmakers.document.tree import Document

# Who signed exactly this content: party id → signer e-mail → Dutch text (signoff.documented's
# signed_texts); render sits below signoff, so the caller hands it in.
SignOffs = Callable[["Agreement", str], Mapping[str, Mapping[str, str]]]
FORMATS: tuple[str, ...] = ("md", "html", "docx", "pdf")
DEFAULT_FORMATS: tuple[str, ...] = ("md", "html")


@dataclass(frozen=True)
class RenderOptions:
    """What to render: which formats, which edition, in which house style, and where to ask
    who signed (None: blank signature lines, as outside git)."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    explanations: bool = False
    house_style: Path | None = None
    sign_offs: SignOffs | None = None


def parse_formats(text: str) -> tuple[str, ...]:
    """"md,html" → ("md", "html"), in the fixed order of FORMATS; unknown names are refused."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise UsageError(f"Onbekend formaat: {', '.join(unknown) or '(leeg)'}. Kies uit "
                         f"{', '.join(FORMATS)}, gescheiden door komma's.")
    return tuple(name for name in FORMATS if name in names)


def output_stem(document: Document) -> str:
    """The file name without extension: the agreement id, and -toelichting for that edition."""
    return f"{document.id}-toelichting" if document.with_explanations else document.id


def render_agreement(agreement: Agreement, options: RenderOptions) -> dict[str, bytes]:
    """The documents of one agreement as relative path → bytes, in the folder <id>/."""
    from rechtmakers.digest import content_digest
    from rechtmakers.document.build import build_document
    from rechtmakers.document.tree import with_sign_offs

    digest = content_digest(agreement)
    document = build_document(agreement, digest, explanations=options.explanations)
    stem = f"{document.id}/{output_stem(document)}"
    others = tuple(fmt for fmt in options.formats if fmt != "pdf")
    made: dict[str, bytes] = {}
    if others:  # reading editions: who signed this content, and when
        shown = document
        if options.sign_offs is not None:
            shown = with_sign_offs(document, options.sign_offs(agreement, digest))
        made = render_document(shown, replace(options, formats=others))
    if "pdf" in options.formats:
        # The PDF is the signing edition: it draws no sign-offs, so it stays the same bytes
        # while parties sign, and `sign --bewijs` can render it afresh to compare.
        from rechtmakers.render.pdf import render_pdf

        made["pdf"] = render_pdf(document, options.house_style)
    return {f"{stem}.{fmt}": made[fmt] for fmt in options.formats}


def signing_edition(agreement: Agreement) -> bytes:
    """The one PDF of a version that is signed: what `render --format pdf` and `review` write
    (without --toelichting or --templates), and what a signed PDF is compared against."""
    rendered = render_agreement(agreement, RenderOptions(formats=("pdf",)))
    return next(iter(rendered.values()))


def render_document(document: Document, options: RenderOptions) -> dict[str, bytes]:
    """Every requested format of one document tree, by format name."""
    formats = options.formats
    made: dict[str, bytes] = {}
    if "md" in formats:
        from rechtmakers.render.markdown import render_markdown

        made["md"] = render_markdown(document, options.house_style).encode("utf-8")
    if "html" in formats:
        from rechtmakers.render.html import render_html

        made["html"] = render_html(document, options.house_style).encode("utf-8")
    if "docx" in formats:
        from rechtmakers.render.docx import render_docx

        made["docx"] = render_docx(document, options.house_style)
    if "pdf" in formats:
        from rechtmakers.render.pdf import render_pdf

        made["pdf"] = render_pdf(document, options.house_style)
    return {fmt: made[fmt] for fmt in formats}


def render_all(agreements: Iterable[Agreement], options: RenderOptions) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for agreement in agreements:
        files.update(render_agreement(agreement, options))
    return files

"""The DOCX view: real Word styles and numbering, document properties, byte-stable output."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rechtmakers.document.tree import Document
from rechtmakers.errors import UsageError
from rechtmakers.render.docx_body import BodyWriter, write_document
from rechtmakers.render.docx_style import (
    apply_house_style,
    footer,
    header,
    update_fields_on_open,
)
from rechtmakers.render.wordml import INVALID_XML

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

REFERENCE_NAME = "referentie.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
_THUMBNAIL = re.compile(r'<Relationship [^>]*Target="docProps/thumbnail\.jpeg"/>')

# Styles this view adds when the template lacks them: name → (paragraph XML, run XML).
_OWN_STYLES = {
    "Lid": ('<w:spacing w:after="120"/><w:ind w:left="709" w:hanging="709"/>', ""),
    "Toelichting": ('<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" '
                    'w:color="D4A72C"/></w:pBdr><w:shd w:val="clear" w:color="auto" '
                    'w:fill="FBF6E9"/><w:ind w:left="284"/>', '<w:sz w:val="20"/>'),
}


# Writes the body of a document with a writer; the redline (diff.docx) writes its own.
BodyFunction = Callable[[BodyWriter, Document], str]


def render_docx(document: Document, house_style: Path | None = None, *,
                body_of: BodyFunction = write_document, redline: str | None = None) -> bytes:
    """The document as DOCX bytes; the same tree always gives the same bytes.

    body_of writes the body; the package around it (page, styles, numbering, properties,
    footer) is the same for every body, so the redline looks like the rendered document.
    redline (diff.docx) is a redline's core category; its footer then says it is no document
    to sign.
    """
    from docx import Document as open_docx

    reference = _reference(house_style)
    package = open_docx(str(reference) if reference else None)
    _clear_body(package)
    if reference is None:
        _page_setup(package)
        apply_house_style(package)
        header(package, document, redline is not None)
    update_fields_on_open(package)
    _properties(package, document)
    if redline is not None:
        package.core_properties.category = redline
    set_dutch(package)
    styles = _Styles(package)
    numbering = _Numbering(package)
    writer = BodyWriter(styles.id, numbering.new_list, _Links(package).id)
    body = body_of(writer, document)
    numbering.commit()
    if reference is None:
        footer(package, document, redline is not None)
    buffer = io.BytesIO()
    package.save(buffer)
    return stable_zip(buffer.getvalue(), body)


def _reference(house_style: Path | None) -> Path | None:
    """A house style's referentie.docx gives the styles, page and footer; else python-docx's."""
    if house_style and (house_style / REFERENCE_NAME).is_file():
        return house_style / REFERENCE_NAME
    return None


def _clear_body(package: WordDocument) -> None:
    body = package.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _page_setup(package: WordDocument) -> None:
    from docx.shared import Mm

    for section in package.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin, section.bottom_margin = Mm(25), Mm(25)


def _properties(package: WordDocument, document: Document) -> None:
    """Core properties from the document only: fixed dates, so the bytes never drift."""
    stamp = dt.datetime.fromisoformat(document.date).replace(tzinfo=dt.UTC)
    lead = next((p.name for p in document.parties if p.lead), "")
    props = package.core_properties
    props.title = _property(document.title)
    props.subject = "Samenwerkingsovereenkomst"
    props.author = props.last_modified_by = _property(lead)
    props.version = _property(document.version)
    props.content_status = _property(document.status)
    props.identifier = f"sha256:{document.digest}"
    props.language = "nl-NL"
    props.keywords = _property(document.id)
    props.comments = f"Vingerafdruk van deze versie (SHA-256-digest): {document.digest}"
    props.category = _property(document.edition)
    props.revision = 1
    props.created = props.modified = stamp
    props.last_printed = stamp


def _property(text: str) -> str:
    """A core property Word accepts: XML-safe characters only, at most 255 of them (Word's
    limit, which python-docx enforces by failing); longer text is shortened with "…"."""
    text = INVALID_XML.sub("", text)
    return text if len(text) <= 255 else text[:254] + "…"


def set_dutch(package: WordDocument) -> None:
    """Dutch as the default language, so Word checks spelling in Dutch."""
    from docx.oxml import parse_xml

    root = package.styles.element
    rpr = root.find(f"{{{W_NS}}}docDefaults/{{{W_NS}}}rPrDefault/{{{W_NS}}}rPr")
    if rpr is None:
        return
    for old in rpr.findall(f"{{{W_NS}}}lang"):
        rpr.remove(old)
    rpr.append(parse_xml(f'<w:lang xmlns:w="{W_NS}" w:val="nl-NL" w:eastAsia="en-US" '
                         'w:bidi="ar-SA"/>'))


class _Styles:
    """Style name → style id, adding a plain style when a reference document lacks one."""

    def __init__(self, package: WordDocument) -> None:
        self.styles = package.styles
        self.ids: dict[str, str] = {}

    def id(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self._find_or_add(name)
        return self.ids[name]

    def _find_or_add(self, name: str) -> str:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import parse_xml

        try:
            return str(self.styles[name].style_id)
        except KeyError:
            pass
        table = name == "Table Grid"
        style = self.styles.add_style(name, WD_STYLE_TYPE.TABLE if table else
                                      WD_STYLE_TYPE.PARAGRAPH)
        if not table:
            style.base_style = self.styles["Normal"]
            ppr, rpr = _OWN_STYLES.get(name, ("", ""))
            for tag, content in (("pPr", ppr), ("rPr", rpr)):
                if content:
                    style.element.append(parse_xml(f'<w:{tag} xmlns:w="{W_NS}">{content}'
                                                   f"</w:{tag}>"))
        return str(style.style_id)


class _Numbering:
    """List numbering: one abstract definition per kind, a fresh instance per ordered list."""

    def __init__(self, package: WordDocument) -> None:
        self.root = package.part.numbering_part.element
        abstract_ids = [int(a.get(f"{{{W_NS}}}abstractNumId"))
                        for a in self.root.findall(f"{{{W_NS}}}abstractNum")]
        num_ids = [int(n.get(f"{{{W_NS}}}numId")) for n in self.root.findall(f"{{{W_NS}}}num")]
        base = max(abstract_ids, default=0) + 1
        self.abstract = {True: base, False: base + 1}
        self.next_num = max(num_ids, default=0) + 1
        self.nums: list[str] = []
        self.bullets: int | None = None

    def new_list(self, ordered: bool, start: int, level: int) -> int:
        if not ordered and self.bullets is not None:
            return self.bullets
        num_id = self.next_num
        self.next_num += 1
        override = (f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/>'
                    "</w:lvlOverride>" if ordered else "")
        self.nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId '
                         f'w:val="{self.abstract[ordered]}"/>{override}</w:num>')
        if not ordered:
            self.bullets = num_id
        return num_id

    def commit(self) -> None:
        from docx.oxml import parse_xml

        first_num = self.root.find(f"{{{W_NS}}}num")
        for ordered in (True, False):
            node = parse_xml(_abstract_xml(self.abstract[ordered], ordered))
            if first_num is not None:
                first_num.addprevious(node)
            else:
                self.root.append(node)
        for xml in self.nums:
            self.root.append(parse_xml(xml.replace("<w:num ", f'<w:num xmlns:w="{W_NS}" ', 1)))


def _abstract_xml(abstract_id: int, ordered: bool) -> str:
    levels = []
    bullets = ("•", "–", "▪")
    for level in range(3):
        fmt, text = ("decimal", f"%{level + 1}.") if ordered else ("bullet", bullets[level])
        indent = 425 * (level + 1)
        levels.append(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                      f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr>'
                      f'<w:ind w:left="{indent}" w:hanging="425"/></w:pPr></w:lvl>')
    return (f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>')


class _Links:
    """Relationship ids for external links, one per address, in order of first use."""

    def __init__(self, package: WordDocument) -> None:
        self.part = package.part
        self.ids: dict[str, str] = {}

    def id(self, href: str) -> str:
        if href not in self.ids:
            self.ids[href] = str(self.part.relate_to(href, _HYPERLINK, is_external=True))
        return self.ids[href]


def stable_zip(data: bytes, body: str) -> bytes:
    """The package rewritten with the body inserted, fixed timestamps and a fixed entry order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if n != "docProps/thumbnail.jpeg"]
    ordered = [n for n in _FIRST_ENTRIES if n in names]
    ordered += sorted(n for n in names if n not in _FIRST_ENTRIES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ordered:
            content = source.read(name)
            if name == "word/document.xml":
                content = _with_body(content, body)
            elif name == "_rels/.rels":
                content = _THUMBNAIL.sub("", content.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, content)
    return out.getvalue()


def _with_body(document_xml: bytes, body: str) -> bytes:
    text = document_xml.decode("utf-8")
    marker = text.find("<w:body>")
    if marker < 0:
        raise UsageError("Het DOCX-sjabloon heeft geen <w:body>; kies een ander "
                         f"{REFERENCE_NAME}.")
    cut = marker + len("<w:body>")
    return (text[:cut] + body + text[cut:]).encode("utf-8")

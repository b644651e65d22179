"""The Word document at par with the PDF: the PDF's house style (a serif Word has everywhere,
the same heading sizes, black ink and grey notes, the same spacing), CONCEPT in the header of a
concept, and one footer line in one size: "titel · versie · vingerafdruk · pagina N van M".

Used when no house style's referentie.docx gives the styles (render --templates MAP): that one
keeps its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rechtmakers.document.tree import Document
from rechtmakers.render.wordml import INVALID_XML, xml_text

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
# Georgia: a serif on every Word (and close to the PDF's Libertinus); LibreOffice falls back to
# a metric-compatible serif where it is missing.
SERIF = "Georgia"
INK = "000000"
SOFT = "666666"  # the PDF's luma(40%)
FOOTER_SIZE = 16  # half-points: 8 pt, as in the PDF
REDLINE_FOOTER = "WIJZIGINGEN — NIET TER ONDERTEKENING"

# Style name → (size in half-points, bold, colour, space before, space after in twips).
_STYLES: dict[str, tuple[int, bool, str, int, int]] = {
    "Title": (42, True, INK, 0, 120),
    "Subtitle": (20, False, SOFT, 0, 240),
    "Heading 1": (27, True, INK, 432, 216),
    "Heading 2": (22, True, INK, 312, 168),
    "Normal": (22, False, INK, 0, 140),
    "Intense Quote": (22, False, INK, 120, 240),
    "toc 1": (22, False, INK, 0, 40),
}
# The compass as in the PDF: a grey block with a black rule on its left.
_QUOTE = ('<w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="000000"/></w:pBdr>'
          '<w:shd w:val="clear" w:color="auto" w:fill="F0F0F0"/><w:ind w:left="170" '
          'w:right="0"/>')


def apply_house_style(package: WordDocument) -> None:
    """Fonts, sizes, colours and spacing of the PDF's house style."""
    from docx.oxml import parse_xml

    styles = package.styles.element
    rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    if rpr is not None:
        for old in rpr.findall(f"{W}rFonts"):
            rpr.remove(old)
        rpr.insert(0, parse_xml(f'<w:rFonts xmlns:w="{W_NS}" w:ascii="{SERIF}" '
                                f'w:hAnsi="{SERIF}" w:cs="{SERIF}" w:eastAsia="{SERIF}"/>'))
    for name, (size, bold, colour, before, after) in _STYLES.items():
        try:
            style = package.styles[name]
        except KeyError:
            continue
        _plain_fonts(style.element)
        style.font.name = SERIF
        style.font.size = _half_points(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = _rgb(colour)
        style.paragraph_format.space_before = _twips(before)
        style.paragraph_format.space_after = _twips(after)
        _no_border(style.element)
        if name == "Intense Quote":
            _quote_block(style.element)


def _quote_block(element: Any) -> None:
    from docx.oxml import parse_xml

    ppr = element.find(f"{W}pPr")
    if ppr is None:
        return
    for tag in ("ind", "shd", "jc"):
        for old in ppr.findall(f"{W}{tag}"):
            ppr.remove(old)
    extra = parse_xml(f'<w:pPr xmlns:w="{W_NS}">{_QUOTE}</w:pPr>')
    spacing = ppr.find(f"{W}spacing")
    anchor = spacing if spacing is not None else None
    for child in list(extra):
        if anchor is not None:
            anchor.addprevious(child)
        else:
            ppr.append(child)


def _plain_fonts(element: Any) -> None:
    """Theme fonts (Calibri Light, Cambria) win over a named font: remove them."""
    for fonts in element.iter(f"{W}rFonts"):
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(f"{W}{attribute}", None)
    for colour in element.iter(f"{W}color"):
        for attribute in ("themeColor", "themeShade", "themeTint"):
            colour.attrib.pop(f"{W}{attribute}", None)


def _no_border(element: Any) -> None:
    """The default Title's blue rule under it: the PDF has none."""
    for ppr in element.findall(f"{W}pPr"):
        for border in ppr.findall(f"{W}pBdr"):
            ppr.remove(border)


def header(package: WordDocument, document: Document, redline: bool) -> None:
    """CONCEPT in the header of a concept, as on the PDF; a redline says what it is."""
    text = REDLINE_FOOTER if redline else (
        "CONCEPT" if document.concept else "")
    if not text:
        return
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = package.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.font.size = _half_points(FOOTER_SIZE)
    run.font.bold = True
    run.font.color.rgb = _rgb(SOFT)


def footer(package: WordDocument, document: Document, redline: bool) -> None:
    """"titel · versie 1.0.0 · vingerafdruk d74cea6fc538 · pagina 3 van 17", all in 8 pt."""
    from docx.oxml import parse_xml

    lead = f"{REDLINE_FOOTER} · " if redline else ""
    text = (f"{lead}{INVALID_XML.sub('', document.title)} · versie {document.version} · "
            f"vingerafdruk {document.digest[:12]} · pagina ")
    paragraph = package.sections[0].footer.paragraphs[0]
    rpr = f'<w:rPr><w:sz w:val="{FOOTER_SIZE}"/><w:color w:val="{SOFT}"/></w:rPr>'

    def run(words: str) -> str:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(words)}</w:t></w:r>'

    def field(code: str, shown: str) -> str:
        return (f'<w:fldSimple w:instr=" {code} ">{run(shown)}</w:fldSimple>')

    xml = (f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="left"/></w:pPr>{run(text)}'
           f'{field("PAGE", "1")}{run(" van ")}{field("NUMPAGES", "1")}</w:p>')
    paragraph._p.addnext(parse_xml(xml))
    paragraph._p.getparent().remove(paragraph._p)


def update_fields_on_open(package: WordDocument) -> None:
    """Word fills the table of contents (and the page count) when it opens the file."""
    from docx.oxml import parse_xml

    settings = package.settings.element
    if settings.find(f"{W}updateFields") is None:
        settings.append(parse_xml(f'<w:updateFields xmlns:w="{W_NS}" w:val="true"/>'))


def _half_points(size: int) -> Any:
    from docx.shared import Pt

    return Pt(size / 2)


def _twips(value: int) -> Any:
    from docx.shared import Twips

    return Twips(value)


def _rgb(hex_colour: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour)

"""The one model of WordprocessingML that rechtmakers writes: runs (text, a break, a tab) with
their formatting, inside a tracked change or not, and the paragraph marks of tracked
paragraphs. The document writer (render.docx_body) and the redline (diff.docx) both write
through it, so no module reads back XML another one wrote.

Every string goes through xml_text: escaped, and without the characters XML 1.0 forbids.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import Enum
from typing import Protocol
from xml.sax.saxutils import escape as _xml_escape

# Characters that XML 1.0 does not allow; clause text never needs them.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_BOOKMARK = 40  # Word's limit on a bookmark name

# Run formatting, as w:rPr content.
BOLD = "<w:b/>"
ITALIC = "<w:i/>"
CODE_FONT = '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>'
LINK_LOOK = '<w:color w:val="0563C1"/><w:u w:val="single"/>'
REF_LOOK = '<w:color w:val="0563C1"/>'
TERM_LOOK = '<w:u w:val="dotted"/>'


class Track(Enum):
    """A kind of tracked change; value: its element. Text inside a deletion is w:delText."""

    INSERTED = "ins"
    DELETED = "del"
    MOVED_FROM = "moveFrom"
    MOVED_TO = "moveTo"

    @property
    def removes(self) -> bool:
        """Whether accepting it takes the text away."""
        return self in (Track.DELETED, Track.MOVED_FROM)


class Revisions(Protocol):
    """Who made the changes being written, and a fresh w:id for each (diff.docx)."""

    def attrs(self) -> str:
        """'w:id="7" w:author="…" w:date="…"' for one more change."""
        ...

    def next_id(self) -> int:
        """A fresh w:id (for a bookmark: one series of ids for bookmarks and changes)."""
        ...

    def section(self, key: str) -> None:
        """From here on, changes belong to this part of the document (an article id, or the
        front and signatures), for their author and date."""
        ...


@dataclass(frozen=True, slots=True)
class Tracked:
    """A tracked change as it is written: its kind and its attributes."""

    track: Track
    attrs: str

    def around(self, content: str) -> str:
        return f"<w:{self.track.value} {self.attrs}>{content}</w:{self.track.value}>"

    def mark(self) -> str:
        """The change of a paragraph mark, as the last thing in w:pPr."""
        return f"<w:rPr><w:{self.track.value} {self.attrs}/></w:rPr>"


def xml_text(text: str) -> str:
    return _xml_escape(INVALID_XML.sub("", text))


def text_run(text: str, fmt: str = "", tracked: Tracked | None = None) -> str:
    """A run of text; inside a tracked change when given (deleted text as w:delText)."""
    rpr = f"<w:rPr>{fmt}</w:rPr>" if fmt else ""
    tag = "w:delText" if tracked is not None and tracked.track is Track.DELETED else "w:t"
    run = f'<w:r>{rpr}<{tag} xml:space="preserve">{xml_text(text)}</{tag}></w:r>'
    return tracked.around(run) if tracked is not None else run


def break_run(fmt: str = "", tracked: Tracked | None = None) -> str:
    rpr = f"<w:rPr>{fmt}</w:rPr>" if fmt else ""
    run = f"<w:r>{rpr}<w:br/></w:r>"
    return tracked.around(run) if tracked is not None else run


def tab_run(tracked: Tracked | None = None) -> str:
    run = "<w:r><w:tab/></w:r>"
    return tracked.around(run) if tracked is not None else run


def bookmark_name(kind: str, *ids: str) -> str:
    """A bookmark name Word accepts (a letter first, letters, digits and _, at most 40) made of
    a kind and source ids: art_doel, lid_besluitvorming__consent; a long one ends in a hash.

    Ids never hold "__", so the double underscore between ids keeps names apart.
    """
    name = "__".join((kind, *(i.replace("-", "_") for i in ids))) if ids else kind
    name = name.replace("__", "_", 1)
    if len(name) <= MAX_BOOKMARK:
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{name[:MAX_BOOKMARK - 9]}_{digest}"

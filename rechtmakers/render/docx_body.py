"""The body of the DOCX: the document in reading order, the front (title, compass, parties,
terms), each article, the signature pages and the annexes, written with render.docx_writer.

For a redline (diff.docx) the document holds the comparison's marks and `before` is the old
version's document: the front and signature pages, which the tree draws from plain strings
(version, date, digest, parties), are compared with it here, string by string.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from rechtmakers.document.tree import ArticleNode, Document, Flow, Mark, PartyNode
from rechtmakers.render.docx_anchors import (
    annex_bookmark,
    article_bookmark,
    explanation_bookmark,
    link_targets,
    member_bookmark,
    term_bookmark,
)
from rechtmakers.render.docx_writer import BodyWriter, FieldRef, Part, Unit, flow_track
from rechtmakers.render.typography import typeset
from rechtmakers.render.wordml import (
    BOLD,
    CODE_FONT,
    ITALIC,
    Track,
    bookmark_name,
    tab_run,
    text_run,
    xml_text,
)
from rechtmakers.source_names import ARTICLES_DIR, META_FILE, TERMS_FILE

__all__ = ["FRONT", "SIGNING_BOOKMARK", "BodyWriter", "FieldRef", "Part", "Unit",
           "article_bookmark", "bookmark_name", "explanation_bookmark", "member_bookmark",
           "text_run", "write_document", "xml_text"]

SIGNING_BOOKMARK = "ondertekening"
FRONT = "\x00voorwerk"  # the part of a redline that is not an article (for its attribution)
TRACKS = {Mark.INSERTED: Track.INSERTED, Mark.DELETED: Track.DELETED,
          Mark.MOVED_FROM: Track.MOVED_FROM, Mark.MOVED_TO: Track.MOVED_TO}


def write_document(writer: BodyWriter, doc: Document, before: Document | None = None) -> str:
    """The whole document, in reading order, as body XML (before: see the module); with
    Dutch quotes and apostrophes (render.typography)."""
    doc = typeset(doc)
    before = typeset(before) if before is not None else None
    writer.anchors.update(link_targets(doc))
    writer.section(FRONT)
    _front(writer, doc, before)
    for article in doc.articles:
        writer.section(article.id)
        _article(writer, article)
    writer.section(FRONT)
    _signatures(writer, doc, before)
    _annexes(writer, doc)
    return writer.xml()


def pair(w: BodyWriter, old: str | None, new: str, fmt: str = "") -> str:
    """Generated words that may differ from the old version's: the old struck, the new
    inserted; the same, or no old version: as they are."""
    if old is None or old == new:
        return w.t(new, fmt)
    return w.t(old, fmt, Track.DELETED) + w.t(new, fmt, Track.INSERTED)


def _front(w: BodyWriter, doc: Document, before: Document | None) -> None:
    def was(name: str) -> str | None:
        value = getattr(before, name) if before is not None else None
        return value if isinstance(value, str) else None

    w.open_unit(((META_FILE, ("titel",)),))
    w.para("Title", pair(w, was("title"), doc.title))
    w.close_unit()
    if doc.with_explanations:
        w.para("Normal", w.t("Editie met toelichting. De toelichting is niet bindend; "
                             "alleen de tekst van de overeenkomst telt.", ITALIC))
    subtitle = "Versie {0.version} · {0.status} · {0.date_text}"
    w.para("Subtitle", pair(w, subtitle.format(before) if before else None,
                            subtitle.format(doc)))
    old_term = before.term_text if before is not None else doc.term_text
    if doc.term_text or old_term:
        track = None if doc.term_text and old_term else (
            Track.INSERTED if doc.term_text else Track.DELETED)
        w.para("Normal", pair(w, old_term, doc.term_text or old_term or "", BOLD), track=track)
    w.para("Normal", w.t("Vingerafdruk van deze versie (SHA-256-digest): ")
           + pair(w, was("digest"), doc.digest, CODE_FONT))
    w.open_unit(("Ons kompas: ", (META_FILE, ("kompas",))))
    w.flow(doc.compass, style="Intense Quote", lead=w.t("Ons kompas: ", BOLD))
    w.close_unit()
    _contents(w, doc)
    _parties(w, doc, before)
    if doc.considerations:
        w.para("Heading 1", w.t("Overwegingen"), keep_next=True,
               track=_items_track(doc.considerations))
        w.items(doc.considerations, ordered=True,
                fields=[(META_FILE, ("overwegingen", i)) for i in range(len(doc.considerations))])
    if doc.operative:
        w.flow(doc.operative)
    if doc.terms:
        _terms(w, doc)


def _contents(w: BodyWriter, doc: Document) -> None:
    """A table of contents as a Word field (Word fills in the pages when it opens the file,
    see docx_style.update_fields_on_open); until then it lists the headings, as the PDF does.
    In a redline its entries are tracked like the headings they name."""
    # An entry that shows an article's title is a unit of that title: a reviewer who edits the
    # title in the contents means the title (inlezen reads it back).
    entries: list[tuple[str, Track | None, ArticleNode | None]] = [
        (w.t("Partijen"), None, None)]
    if doc.considerations:
        track = _items_track(doc.considerations)
        entries.append((w.t("Overwegingen", track=track), track, None))
    if doc.terms:
        entries.append((w.t("Begrippen"), None, None))
    for article in doc.articles:
        track = TRACKS.get(article.mark) if article.mark is not None else None
        with w.all_tracked(track):
            entries.append((_heading(w, article), track, article))
    entries.append((w.t("Ondertekening"), None, None))
    if doc.annexes:
        whole = {TRACKS.get(x.mark) if x.mark else None for x in doc.annexes}
        track = whole.pop() if len(whole) == 1 else None
        entries.append((w.t("Bijlagen", track=track), track, None))
        for annex in doc.annexes:
            if annex.body is not None:
                track = TRACKS.get(annex.mark) if annex.mark else None
                entries.append((w.t(annex.heading, track=track), track, None))
    w.para("Heading 2", w.t("Inhoud"), keep_next=True)
    begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
             'xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    for i, (runs, track, shown) in enumerate(entries):
        first, last = i == 0, i == len(entries) - 1
        if shown is not None and shown.id:
            w.open_unit(_title_parts(shown), shown.id, mirror=True)
        with w.all_tracked(track):
            w.para("toc 1", (begin if first else "") + runs + (end if last else ""))
        w.close_unit()


def _title_parts(article: ArticleNode) -> tuple[Part, ...]:
    return (f"Artikel {article.number} – ", (f"{ARTICLES_DIR}/{article.id}.yaml", ("titel",)))


def _parties(w: BodyWriter, doc: Document, before: Document | None) -> None:
    """The party list; a party only one version has inserted or deleted."""
    w.para("Heading 1", w.t("Partijen"), keep_next=True, page_break=True)
    num = w.new_list(True, 1, 0)
    old_parties = before.parties if before is not None else doc.parties
    for old, new in merged(old_parties, doc.parties):
        party = new or old
        assert party is not None
        old_text = None if old is None else old.details + _end(old, old_parties)
        new_text = party.details + _end(party, doc.parties if new else old_parties)
        track = Track.INSERTED if old is None else (Track.DELETED if new is None else None)
        with w.all_tracked(track):
            w.para("List Number", pair(w, old.legal_name if old else None, party.legal_name,
                                       BOLD) + pair(w, old_text, new_text), num=(num, 0))


def _terms(w: BodyWriter, doc: Document) -> None:
    w.para("Heading 1", w.t("Begrippen"), keep_next=True)
    w.para("Normal", w.t("In deze overeenkomst hebben deze woorden een vaste betekenis."))
    for i, term in enumerate(doc.terms):
        w.open_unit((f"{term.term}: ", (TERMS_FILE, ("begrippen", i, "betekenis"))))
        with w.all_tracked(flow_track(term.meaning)):
            w.flow(term.meaning, lead=w.bookmark(term_bookmark(term.anchor))
                   + w.t(f"{term.term}: ", BOLD))
        w.close_unit()


def _end(party: PartyNode, parties: Sequence[PartyNode]) -> str:
    """A party list ends in a full stop, its other lines in a semicolon."""
    return "." if parties and parties[-1] is party else ";"


Party = TypeVar("Party", bound=PartyNode)


def merged(old: Sequence[Party], new: Sequence[Party]) -> Iterator[
        tuple[Party | None, Party | None]]:
    """Parties of both versions in the new order, a removed one after its old predecessor."""
    old_by_id = {p.id: p for p in old}
    new_ids = {p.id for p in new}
    gone_after: dict[str | None, list[Party]] = {}
    last: str | None = None
    for party in old:
        if party.id in new_ids:
            last = party.id
        else:
            gone_after.setdefault(last, []).append(party)
    yield from ((p, None) for p in gone_after.get(None, []))
    for party in new:
        yield old_by_id.get(party.id), party
        yield from ((p, None) for p in gone_after.get(party.id, []))


def _items_track(items: Sequence[Flow]) -> Track | None:
    tracks = {flow_track(item) for item in items}
    return tracks.pop() if len(tracks) == 1 else None


def _heading(w: BodyWriter, article: ArticleNode) -> str:
    if article.was is None and article.title_was is None:
        return w.t(article.heading)
    number = str(article.number)
    return (w.t("Artikel ") + pair(w, None if article.was is None else str(article.was),
                                   number)
            + w.t(" – ") + pair(w, article.title_was, article.title))


def _article(w: BodyWriter, article: ArticleNode) -> None:
    track = TRACKS.get(article.mark) if article.mark is not None else None
    if track in (Track.MOVED_FROM, Track.MOVED_TO):
        assert track is not None
        tracked = w.tracked(track)
        attrs = tracked.attrs if tracked is not None else ""
        w.parts.append(f'<w:{track.value}RangeStart {attrs} w:name="verplaatst-{article.id}"/>')
        with w.all_tracked(track):
            _article_body(w, article)
        number = attrs.split('"')[1] if attrs else "0"
        w.parts.append(f'<w:{track.value}RangeEnd w:id="{number}"/>')
        return
    with w.all_tracked(track):
        _article_body(w, article)


def _article_body(w: BodyWriter, article: ArticleNode) -> None:
    aid = article.id
    rel = f"{ARTICLES_DIR}/{aid}.yaml"
    mark = w.bookmark(article_bookmark(aid)) if aid else ""
    w.open_unit(_title_parts(article), aid)
    w.para("Heading 1", mark + _heading(w, article), keep_next=True)
    w.close_unit()
    w.open_unit(((rel, ("tekst",)),), aid)
    w.flow(article.body)
    w.close_unit()
    if article.decision:
        _decision(w, article, rel)
    if article.steps:
        _steps(w, article, rel)
    if article.safeguards:
        tracks = [TRACKS.get(g.mark) if g.mark else None for g in article.safeguards]
        same = set(tracks)
        with w.all_tracked(same.pop() if len(same) == 1 else None):
            w.para("Heading 2", w.t("Waarborgen"), keep_next=True)
        w.table(("Wat", "Hoe", "Wanneer"),
                [(g.what, g.how, g.when) for g in article.safeguards],
                [[(rel, ("inwonerperspectief", "waarborgen", i, key))
                  for key in ("wat", "hoe", "wanneer")] for i in range(len(article.safeguards))],
                aid, tracks)
    for title, flows, where in (("Dit helpt", article.helps, ("gedrag", "helpt")),
                               ("Dit helpt niet", article.hinders, ("gedrag", "helpt-niet")),
                               ("Wat instappen betekent", article.joining,
                                ("instappen", "betekent"))):
        if flows:
            w.para("Heading 2", w.t(title), keep_next=True, track=_items_track(flows))
            w.items(flows, ordered=False, fields=[(rel, (*where, i)) for i in range(len(flows))],
                    article=aid)
    for i, member in enumerate(article.members):
        with w.all_tracked(TRACKS.get(member.mark) if member.mark else None):
            mark = w.bookmark(member_bookmark(aid, member.id)) if aid and member.id else ""
            w.open_unit((f"{member.number}\t", (rel, ("leden", i, "tekst"))), aid, member.id)
            w.flow(member.body, style="Lid", lead=mark + pair(w, member.was, member.number, BOLD)
                   + tab_run(w.tracked(None)))
            w.close_unit()
    if article.explanation:
        with w.all_tracked(flow_track(article.explanation)):
            mark = w.bookmark(explanation_bookmark(aid)) if aid else ""
            w.para("Toelichting", mark + w.t("Toelichting (niet bindend)", BOLD),
                   keep_next=True)
        w.open_unit(((rel, ("toelichting",)),), aid)
        w.flow(article.explanation, style="Toelichting")
        w.close_unit()


def _decision(w: BodyWriter, article: ArticleNode, rel: str) -> None:
    decision = article.decision
    assert decision is not None
    rows: list[tuple[str, str, str | None]] = [("Wie besluit", decision.body, "orgaan"),
                                               ("Hoe", decision.method, None)]
    if decision.quorum:
        rows.append(("Wie er moeten zijn", decision.quorum, "quorum"))
    for label, value, key in rows:
        if key:
            w.open_unit((f"{label}: ", (rel, ("besluitvorming", key))), article.id)
        w.para("Normal", w.t(f"{label}: ", BOLD) + w.t(value))
        w.close_unit()


def _steps(w: BodyWriter, article: ArticleNode, rel: str) -> None:
    tracks = {TRACKS.get(s.mark) if s.mark else None for s in article.steps}
    with w.all_tracked(tracks.pop() if len(tracks) == 1 else None):
        w.para("Heading 2", w.t("Stappen"), keep_next=True)
    num = w.new_list(True, 1, 0)
    for i, step in enumerate(article.steps):
        path = ("conflictdialoog", "stappen", i)
        with w.all_tracked(TRACKS.get(step.mark) if step.mark else None):
            w.open_unit(((rel, (*path, "naam")), "\nWie: ", (rel, (*path, "wie")),
                         " · Termijn: ", (rel, (*path, "termijn"))), article.id)
            w.para("List Number", w.t(step.name, BOLD) + w.runs_break()
                   + w.t(f"Wie: {step.who} · Termijn: {step.term}", ITALIC),
                   num=(num, 0), keep_next=True)
            w.close_unit()
            w.open_unit(((rel, (*path, "tekst")),), article.id)
            w.flow(step.body, level=1, style="List Continue")
            w.close_unit()


def _signatures(w: BodyWriter, doc: Document, before: Document | None) -> None:
    w.para("Heading 1", w.bookmark(SIGNING_BOOKMARK) + w.t("Ondertekening"),
           keep_next=True, page_break=True)
    old_clause = before.signing_clause if before is not None else doc.signing_clause
    for was, now in zip(old_clause, doc.signing_clause, strict=True):
        w.para("Normal", pair(w, was, now))
    w.para("Normal", w.t("Vingerafdruk (SHA-256-digest) van deze versie: ")
           + pair(w, before.digest if before else None, doc.digest, CODE_FONT))
    old_parties = before.parties if before is not None else doc.parties
    for old, new in merged(old_parties, doc.parties):
        party = new or old
        assert party is not None
        track = Track.INSERTED if old is None else (Track.DELETED if new is None else None)
        with w.all_tracked(track):
            _signature_block(w, party, old if new is not None else None)


def _signature_block(w: BodyWriter, party: PartyNode, old: PartyNode | None) -> None:
    line = "_" * 30
    w.para("Heading 2", pair(w, old.legal_name if old else None, party.legal_name),
           keep_next=True)
    old_signers = {s.email.casefold() or s.name: s for s in old.signers} if old else {}
    new_keys = {s.email.casefold() or s.name for s in party.signers}
    gone = [s for key, s in old_signers.items() if key not in new_keys]
    # A party's signers stay on one page: every paragraph keeps with the next but the last.
    count = len(party.signers) + len(gone)
    for n, signer in enumerate(party.signers, start=1):
        was = old_signers.get(signer.email.casefold() or signer.name)
        track = Track.INSERTED if old is not None and was is None else None
        with w.all_tracked(track):
            _signer(w, signer.name, signer.function, signer.signed,
                    None if was is None else (was.name, was.function), line, n == count)
    for n, signer in enumerate(gone, start=len(party.signers) + 1):
        with w.all_tracked(Track.DELETED):
            _signer(w, signer.name, signer.function, signer.signed, None, line, n == count)


def _signer(w: BodyWriter, name: str, function: str, signed: str | None,
            was: tuple[str, str] | None, line: str, last: bool) -> None:
    old_name, old_function = was if was is not None else (None, None)
    if signed:
        w.para("Normal", w.t("Naam: ") + pair(w, old_name, name), keep_next=True)
        w.para("Normal", w.t("Functie: ") + pair(w, old_function, function), keep_next=True)
        w.para("Normal", w.t("Getekend: ") + w.t(signed), keep_next=not last)
        return
    for label, value, old in (("Naam", name, old_name), ("Functie", function, old_function),
                              ("Plaats", line, None), ("Datum", line, None)):
        w.para("Normal", w.t(f"{label}: ") + pair(w, old, value), keep_next=True)
    w.para("Normal", w.runs_break() + w.t(f"Handtekening: {line}"), keep_next=not last)


def _annexes(w: BodyWriter, doc: Document) -> None:
    """The list of annexes (files pinned by their SHA-256), then each Markdown annex's text."""
    if not doc.annexes:
        return
    tracks = {TRACKS.get(x.mark) if x.mark else None for x in doc.annexes}
    whole = tracks.pop() if len(tracks) == 1 else None
    with w.all_tracked(whole):
        w.para("Heading 1", w.t("Bijlagen"), keep_next=True, page_break=True)
        w.para("Normal", w.t("Deze bijlagen horen bij de overeenkomst. Partijen tekenen ze "
                             "mee."))
    num = w.new_list(False, 1, 0)
    for annex in doc.annexes:
        with w.all_tracked(TRACKS.get(annex.mark) if annex.mark else None):
            if annex.body is not None:
                rest = w.t(": de tekst staat hieronder (bestand ") + w.t(
                    annex.file, CODE_FONT) + w.t(").")
            else:
                rest = (w.t(": het bestand ") + w.t(annex.file, CODE_FONT)
                        + w.t(" met SHA-256 ") + w.t(annex.sha256, CODE_FONT) + w.t("."))
            w.para("List Bullet", w.bookmark(annex_bookmark(annex.id))
                   + w.t(annex.heading, BOLD) + rest, num=(num, 0))
    first = True
    for annex in doc.annexes:
        if annex.body is not None:
            with w.all_tracked(TRACKS.get(annex.mark) if annex.mark else None):
                # The first annex follows the list, so no page holds the list alone.
                w.para("Heading 1", w.t(annex.heading), keep_next=True, page_break=not first)
                w.flow(annex.body)
            first = False

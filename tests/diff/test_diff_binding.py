"""Diff and digest never disagree: a change is binding exactly when it changes the digest.

The property test edits the sample at random (words, spelling in NFD, wrapping, kinds of space,
indentation, setext underlines, link reference definitions (issue 21),
emphasis, links, numbers, order, dates, parties, terms, and changes that do not bind) and holds
every comparison against the digest; the tests after it pin the cases of issue 12 in every view.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from typing import Any

import pytest
from diffhelp import SAMPLE, Versions
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rechtmakers.agreement import Agreement, load_complete
from rechtmakers.diff import Comparison, compare
from rechtmakers.diff.binding import binding_changed, digest_of
from rechtmakers.diff.html import render_html
from rechtmakers.diff.json import render_json
from rechtmakers.diff.markdown import render_markdown
from rechtmakers.diff.terminal import render_terminal
from rechtmakers.digest import content_digest
from rechtmakers.document.build import build_document
from rechtmakers.model import Article, Member
from rechtmakers.render.html import render_html as render_document_html

_BASE: list[Agreement] = []


def base() -> Agreement:
    if not _BASE:
        _BASE.append(load_complete(SAMPLE, label="oud"))
    return _BASE[0]


def _with_article(agreement: Agreement, article: Article) -> Agreement:
    articles = dict(agreement.articles)
    articles[article.id] = article
    return dataclasses.replace(agreement, articles=articles)


def _space_at(text: str, pick: int) -> int | None:
    spaces = [i for i, c in enumerate(text) if c == " " and 0 < i < len(text) - 1
              and text[i - 1] != "\n" and text[i + 1] not in " \n-*+0123456789#>[@"]
    return spaces[pick % len(spaces)] if spaces else None


def _word_at(text: str, pick: int) -> tuple[int, int] | None:
    words = []
    start = None
    for i, c in enumerate(text + " "):
        if c.isalpha() and start is None:
            start = i
        elif not c.isalpha() and start is not None:
            if i - start > 3 and (start == 0 or text[start - 1] == " ") and (
                    i == len(text) or text[i] in " ,."):
                words.append((start, i))
            start = None
    return words[pick % len(words)] if words else None


def _edit_text(text: str, how: str, pick: int) -> str:
    """One edit of a Markdown text."""
    if how == "nfd":
        return unicodedata.normalize("NFD", text.replace("e", "é", 1))
    if how == "nfc-same":
        return unicodedata.normalize("NFD", text)
    if how in ("wrap", "double", "nbsp", "narrow"):
        at = _space_at(text, pick)
        if at is None:
            return text
        new = {"wrap": "\n", "double": "  ", "nbsp": "\u00a0", "narrow": "\u202f"}[how]
        return text[:at] + new + text[at + 1:]
    word = _word_at(text, pick)
    if word is None:
        return text
    start, end = word
    if how == "strong":
        return f"{text[:start]}**{text[start:end]}**{text[end:]}"
    if how == "emphasis":
        return f"{text[:start]}*{text[start:end]}*{text[end:]}"
    if how in LINE_EDITS:
        return _edit_lines(text, how, pick)
    if how == "link":
        return f"{text[:start]}[{text[start:end]}](https://a.example/{pick}){text[end:]}"
    if how == "word":
        return f"{text[:start]}anders{text[end:]}"
    return text


LINE_EDITS = ("indent", "indent4", "setext", "refdef", "blank")


def _edit_lines(text: str, how: str, pick: int) -> str:
    """Edits of issue 21, by line: indentation, a setext underline, a link reference
    definition, a blank line."""
    if how == "refdef":
        return f"{text.rstrip()}\n\n[geheim-{pick}]: <https://a.example/{pick}> 'ook na opzegging'"
    lines = text.split("\n")
    at = pick % len(lines)
    if how == "indent":
        lines[at] = "  " + lines[at]
    elif how == "indent4":
        lines[at] = "    " + lines[at]
    elif how == "setext":
        lines.insert(at + 1, "---")
    elif how == "blank":
        lines.insert(at + 1, "")
    return "\n".join(lines)


TEXT_EDITS = ("nfd", "nfc-same", "wrap", "double", "nbsp", "narrow", "strong", "emphasis",
              "link", "word", "indent", "indent4", "setext", "refdef", "blank")


def apply(agreement: Agreement, edit: tuple[str, Any, int]) -> Agreement:
    """One random edit of the agreement, at the model level."""
    what, how, pick = edit
    order = agreement.order
    article = agreement.articles[order[pick % len(order)]]
    meta = agreement.meta
    assert meta is not None
    if what == "text":
        return _with_article(agreement, article.model_copy(
            update={"text": _edit_text(article.text, how, pick)}))
    if what == "member" and article.members:
        members = list(article.members)
        i = pick % len(members)
        members[i] = members[i].model_copy(update={"text": _edit_text(members[i].text, how,
                                                                       pick)})
        return _with_article(agreement, article.model_copy(update={"members": tuple(members)}))
    if what == "title" and how not in LINE_EDITS:  # a title is one line of plain text
        return _with_article(agreement, article.model_copy(
            update={"title": _edit_text(article.title, how, pick)}))
    if what == "kompas":
        return dataclasses.replace(agreement, meta=meta.model_copy(
            update={"compass": _edit_text(meta.compass, how, pick)}))
    if what == "term" and agreement.terms:
        terms = list(agreement.terms)
        i = pick % len(terms)
        terms[i] = terms[i].model_copy(update={"meaning": _edit_text(terms[i].meaning, how,
                                                                      pick)})
        return dataclasses.replace(agreement, terms=tuple(terms))
    if what == "versie":
        return _with_article(agreement, article.model_copy(update={"version": article.version
                                                                   + 1}))
    if what == "datum":
        return dataclasses.replace(agreement, meta=meta.model_copy(
            update={"date": meta.date + dt.timedelta(days=1)}))
    if what == "ingangsdatum" and meta.effective is not None:
        return dataclasses.replace(agreement, meta=meta.model_copy(
            update={"effective": meta.effective + dt.timedelta(days=pick % 3)}))
    if what == "status":
        return dataclasses.replace(agreement, meta=meta.model_copy(update={"status":
                                                                            "vastgesteld"}))
    if what == "toelichting":
        return _with_article(agreement, article.model_copy(
            update={"explanation": f"{article.explanation or ''} Meer uitleg."}))
    if what == "topic":
        return _with_article(agreement, article.model_copy(update={"topic": "overig"}))
    if what == "swap":
        ids = list(order)
        i = pick % (len(ids) - 1)
        ids[i], ids[i + 1] = ids[i + 1], ids[i]
        return dataclasses.replace(agreement, meta=meta.model_copy(
            update={"articles": tuple(ids)}))
    if what == "drop-member" and article.members:
        members = article.members[:-1]
        return _with_article(agreement, article.model_copy(update={"members": members}))
    if what == "add-member":
        member = Member.model_validate({"id": f"nieuw-{pick}", "tekst": "Een nieuw lid."})
        members = (*article.members, member)
        return _with_article(agreement, article.model_copy(update={"members": members}))
    if what == "unlist":  # out of the article list, its file kept
        return dataclasses.replace(agreement, meta=meta.model_copy(
            update={"articles": tuple(a for a in meta.articles if a != article.id)}))
    if what == "member-id" and article.members:
        members = list(article.members)
        members[0] = members[0].model_copy(update={"id": f"ander-{pick}"})
        return _with_article(agreement, article.model_copy(update={"members": tuple(members)}))
    if what == "kvk":
        parties = list(agreement.parties)
        i = pick % len(parties)
        parties[i] = parties[i].model_copy(update={"kvk": f"{10000000 + pick:08d}"})
        return dataclasses.replace(agreement, parties=tuple(parties))
    if what == "representative":
        parties = list(agreement.parties)
        i = pick % len(parties)
        people = tuple(p.model_copy(update={"function": "voorzitter"})
                       for p in parties[i].representatives)
        parties[i] = parties[i].model_copy(update={"representatives": people})
        return dataclasses.replace(agreement, parties=tuple(parties))
    return agreement


EDITS = st.one_of(
    st.tuples(st.sampled_from(["text", "member", "title", "kompas", "term"]),
              st.sampled_from(TEXT_EDITS), st.integers(0, 1000)),
    st.tuples(st.sampled_from(["versie", "datum", "status", "toelichting", "topic", "swap",
                               "drop-member", "add-member", "kvk", "representative", "unlist",
                               "member-id", "ingangsdatum"]),
              st.none(), st.integers(0, 1000)),
)


def _fresh(agreement: Agreement) -> Agreement:
    """A copy without cached properties (order, numbers) of the agreement it was made from."""
    return dataclasses.replace(agreement)


def shown_of(agreement: Agreement) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """What a reader is shown of the binding part (issue 21): the HTML document without status
    and representatives (documented as not binding), as a browser shows it (NFC, every run of
    blanks one space, as HTML outside <pre> draws it), and the ids the DOCX draws as
    bookmarks."""
    document = build_document(agreement, "")
    parties = tuple(dataclasses.replace(p, signers=()) for p in document.parties)
    document = dataclasses.replace(document, status="", parties=parties)
    ids = tuple((a.id, *(m.id for m in a.members)) for a in document.articles)
    html = unicodedata.normalize("NFC", render_document_html(document))
    return re.sub(r"[ \t\r\n]+", " ", html), ids


def assert_agrees(old: Agreement, new: Agreement, *, unshown: bool = False) -> Comparison:
    """Digest, diff and documents agree. unshown: the edit changed a key that the digest binds
    but no document shows (an article's versie or onderwerp: UNSHOWN_ARTICLE_KEYS)."""
    comparison = compare(old, new)
    digest_changed = content_digest(old) != content_digest(new)
    if not unshown:  # three ways: shown ⇔ digest ⇔ diff
        assert (shown_of(old) != shown_of(new)) == digest_changed
    reported = (any(change.binding for change in comparison.changes)
                or any(meta.binding for meta in comparison.metadata))
    assert comparison.binding_changed == digest_changed == reported == binding_changed(old, new)
    assert (digest_of(old), digest_of(new)) == (content_digest(old), content_digest(new))
    # Without word edits (the DOCX redline's comparison) every kind, flag and note is the same.
    light = compare(old, new, words=False)
    assert [(a.id, a.kinds, a.binding, a.substantive, a.notes) for a in light.articles] == [
        (a.id, a.kinds, a.binding, a.substantive, a.notes) for a in comparison.articles]
    if digest_changed:  # and it is shown: in the words, or in a note beside them
        shown = [c for c in comparison.changes if c.binding and (
            c.kind != "changed" or c.notes or any(e.op != "equal" for e in c.edits)
            or _version_changed(comparison, c.article))]
        shown += [m for m in comparison.metadata if m.binding and (m.old != m.new or m.notes)]
        assert shown
    return comparison


def _version_changed(comparison: Comparison, article_id: str) -> bool:
    article = next(a for a in comparison.articles if a.id == article_id)
    return article.version_old != article.version_new


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EDITS, min_size=1, max_size=3))
@example([("member", "nbsp", 0), ("member-id", None, 0)])  # a lid's id and a hidden space
@example([("member-id", None, 0), ("member", "nbsp", 0)])
@example([("text", "indent", 7)])  # issue 21: a paragraph indented into a list item
@example([("text", "indent4", 2)])  # an indented code block
@example([("text", "indent4", 0)])  # the first line into a code block: the words stay the same
@example([("member", "indent4", 0), ("member", "nbsp", 0)])  # one note must not hide another
@example([("text", "setext", 0)])  # a setext heading against a rule
@example([("text", "refdef", 0)])  # a link reference definition: shown nowhere, signed nowhere
# Lids dropped that a toelichting elsewhere refers to: that article's lines read the same.
@example([("drop-member", None, 1), ("drop-member", None, 1), ("drop-member", None, 1)])
def test_digest_changes_iff_diff_reports_a_binding_change(
        edits: list[tuple[str, Any, int]]) -> None:
    old = base()
    new = old
    for edit in edits:
        new = _fresh(apply(new, edit))
    assert_agrees(_fresh(old), new, unshown=any(e[0] in ("versie", "topic") for e in edits))


# The cases of issue 12, in every view.

LINKED = ("Een besluit gaat door",
          "Een besluit gaat volgens de [consent](https://consent.example/regels) door")


@pytest.fixture
def linked(versions: Versions) -> Versions:
    """Both versions with a link in besluitvorming."""
    for root in (versions.old, versions.new):
        path = root / "artikelen/besluitvorming.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(*LINKED), encoding="utf-8")
    return versions


def _views(comparison: Comparison) -> dict[str, str]:
    return {"terminal": render_terminal(comparison, color=False, width=200),
            "md": render_markdown(comparison), "html": render_html(comparison),
            "json": render_json(comparison)}


def test_link_target_is_a_binding_change_in_every_view(linked: Versions) -> None:
    linked.edit("artikelen/besluitvorming.yaml", "consent.example", "evil.example")
    comparison = assert_agrees(*linked.agreements())
    assert comparison.binding_changed
    for name, text in _views(comparison).items():
        assert "link gewijzigd" in text, name
        assert "evil.example" in text, name
    data = json.loads(render_json(comparison))
    assert data["binding_changed"] is True
    # DOCX: named in the summary, and the link itself a tracked change (old target deleted,
    # new target inserted).
    xml = _docx_xml(comparison)
    assert "link gewijzigd: «consent»: https://consent.example/regels → " in xml
    assert "<w:del " in xml.split("consent</w:delText>")[0][-400:]
    (change,) = [c for c in data["changes"] if c["article"] == "besluitvorming"]
    assert change["binding"] and change["notes"] == [
        "link gewijzigd: «consent»: https://consent.example/regels → https://evil.example/regels"]


def _docx_xml(comparison: Comparison) -> str:
    import io
    import zipfile

    from rechtmakers.diff.docx import render_docx

    data = render_docx(comparison, author="A", date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_removed_emphasis_is_a_binding_change(versions: Versions) -> None:
    versions.edit("artikelen/besluitvorming.yaml", "ook als het niet onze",
                  "ook als het **niet** onze")
    versions.old, versions.new = versions.new, versions.old  # the new version drops it
    comparison = assert_agrees(*versions.agreements())
    for name, text in _views(comparison).items():
        assert "nadruk verwijderd: «niet»" in text, name
    assert "geen wijzigingen" not in _views(comparison)["terminal"]
    xml = _docx_xml(comparison)
    assert "nadruk verwijderd: «niet»" in xml
    assert '<w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">niet</w:delText>' in xml


def test_no_break_space_is_a_binding_change(versions: Versions) -> None:
    versions.edit("artikelen/besluitvorming.yaml", "Een besluit gaat", "Een besluit\u00a0gaat")
    comparison = assert_agrees(*versions.agreements())
    (change,) = comparison.changes
    assert change.binding and any("vaste spatie (U+00A0)" in note for note in change.notes)
    for name, text in _views(comparison).items():
        assert "andere spatie" in text, name
    assert "andere spatie" in _docx_xml(comparison)


def test_nfd_spelling_is_no_change(versions: Versions) -> None:
    for rel in ("artikelen/besluitvorming.yaml", "begrippen.yaml", "overeenkomst.yaml"):
        for root, form in ((versions.old, "NFC"), (versions.new, "NFD")):
            path = root / rel
            text = path.read_text(encoding="utf-8").replace(" besluit ", " bésluit ").replace(
                "Almere groeit", "Almère groeit")
            path.write_text(unicodedata.normalize(form, text), encoding="utf-8")
    comparison = assert_agrees(*versions.agreements())
    assert not comparison.binding_changed
    assert comparison.changes == [] and comparison.metadata == ()
    assert "geen wijzigingen" in _views(comparison)["terminal"]


def test_datum_is_binding(versions: Versions) -> None:
    versions.edit("overeenkomst.yaml", "datum: ", "datum: 2030-01-01 #")
    comparison = assert_agrees(*versions.agreements())
    (datum,) = [m for m in comparison.metadata if m.field == "datum"]
    assert datum.binding and comparison.binding_changed
    assert "niet bindend" not in _views(comparison)["md"].split("Datum")[1].split("\n")[0]
    assert "Datum" in _docx_xml(comparison)


def test_a_pure_move_is_binding_but_not_substantive(versions: Versions) -> None:
    from diffhelp import ORDER

    order = [a for a in ORDER if a != "gedrag"]
    order.insert(1, "gedrag")
    versions.order(*order)
    comparison = assert_agrees(*versions.agreements())
    moved = next(c for c in comparison.changes if c.kind == "moved")
    assert (moved.article, moved.binding, moved.substantive) == ("gedrag", True, False)
    assert "verplaatst; niet inhoudelijk" in _views(comparison)["md"]


def test_status_and_representatives_are_not_binding(versions: Versions) -> None:
    versions.edit("overeenkomst.yaml", "status: concept", "status: ter-ondertekening")
    versions.edit("partijen.yaml", "functie: directeur-bestuurder", "functie: bestuurder")
    comparison = assert_agrees(*versions.agreements())
    assert not comparison.binding_changed
    assert comparison.metadata and not any(m.binding for m in comparison.metadata)


def test_log_names_every_binding_key_of_the_agreement() -> None:
    """`log` fingerprints the same binding keys (diff.binding.binding_meta_parts)."""
    from rechtmakers.signoff.changes import meta_events, terms_events
    from rechtmakers.signoff.summaries import summarize_meta, summarize_terms

    agreement = base()
    meta = agreement.meta
    assert meta is not None and meta.effective is not None
    later = meta.model_copy(update={"effective": meta.effective + dt.timedelta(days=1),
                                    "status": "vastgesteld"})
    events = meta_events(summarize_meta(meta), summarize_meta(later))
    binding = [event.text for event in events if event.binding]
    assert binding == ["overeenkomst.yaml gewijzigd: ingangsdatum"]
    assert [event.text for event in events if not event.binding] == [
        "status concept → vastgesteld"]
    nfd = meta.model_copy(update={"compass": unicodedata.normalize("NFD", meta.compass)})
    assert meta_events(summarize_meta(meta), summarize_meta(nfd)) == []
    from rechtmakers.model import TermsFile

    terms = TermsFile.model_validate({"begrippen": [
        {"term": t.term, "betekenis": t.meaning} for t in agreement.terms]})
    swapped = TermsFile.model_validate({"begrippen": [
        {"term": t.term, "betekenis": t.meaning} for t in reversed(agreement.terms)]})
    assert [e.text for e in terms_events(summarize_terms(terms), summarize_terms(swapped))] == [
        "volgorde van de begrippen gewijzigd"]


def test_a_paragraph_indented_into_a_code_block_is_named_beside_the_words() -> None:
    """The words read from the source are the same; the parse is not: the note says so."""
    old = base()
    new = _fresh(apply(old, ("text", "indent4", 0)))
    comparison = assert_agrees(_fresh(old), new)
    (change,) = [c for c in comparison.changes if c.binding]
    assert all(e.op == "equal" for e in change.edits)
    (note,) = change.notes
    assert note.startswith("opmaak gewijzigd in de tekst: «We werken") and "«``` / We" in note
    for name, text in _views(comparison).items():
        assert "opmaak gewijzigd" in text, name

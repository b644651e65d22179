"""Issue 21: a signed PDF counts only when it is our PDF of the version it names, with nothing
but signatures after the representative's. Each attack has an honest twin."""

from __future__ import annotations

import io
from typing import Any

import pytest
from conftest import SAMPLE

from rechtmakers.agreement import Agreement, load_agreement, load_complete
from rechtmakers.digest import content_digest
from rechtmakers.render import signing_edition
from rechtmakers.signoff.pdf_evidence import PdfCheck, check_pdf
from rechtmakers.signoff.pdf_origin import Edition

from .conftest import FATIMA, JOOST
from .pdf_certs import CertificateAuthority, Identity, agreement_pdf, sign


@pytest.fixture(scope="module")
def sample() -> Agreement:
    return load_agreement(SAMPLE)[0]


@pytest.fixture(scope="module")
def edition(sample: Agreement) -> bytes:
    return signing_edition(load_complete(sample.root, label="test"))


@pytest.fixture(scope="module")
def ca() -> CertificateAuthority:
    return CertificateAuthority()


def judged(data: bytes, sample: Agreement, edition: bytes, party: str, ca: CertificateAuthority
           ) -> PdfCheck:
    digest = content_digest(sample)
    return check_pdf(data, digest, sample.party_map[party], [ca.der],
                     editions=lambda d: [Edition("versie 1", edition)] if d == digest else [])


def person(ca: CertificateAuthority, who: tuple[str, str]) -> Identity:
    return ca.issue(*who)


def test_a_one_line_pdf_with_the_digest_and_a_real_signature_is_refused(
        sample: Agreement, edition: bytes, ca: CertificateAuthority) -> None:
    forged = agreement_pdf(content_digest(sample),
                           "Ik ga akkoord met een vergoeding van 1 miljoen euro")
    check = judged(sign(forged, person(ca, JOOST)), sample, edition, "de-schoor", ca)
    assert not check.ok
    assert "het is niet de PDF van deze versie" in (check.reason or "")
    assert "1 pagina's" in (check.reason or "")


def test_our_pdf_signed_counts(sample: Agreement, edition: bytes,
                               ca: CertificateAuthority) -> None:  # the honest twin
    assert judged(sign(edition, person(ca, JOOST)), sample, edition, "de-schoor", ca).ok


def test_signed_twice_by_two_parties_counts_for_both(sample: Agreement, edition: bytes,
                                                     ca: CertificateAuthority) -> None:
    both = sign(sign(edition, person(ca, JOOST), "Handtekening1"), person(ca, FATIMA),
                "Handtekening2")
    assert judged(both, sample, edition, "de-schoor", ca).ok
    assert judged(both, sample, edition, "gemeente-almere", ca).ok


def _overlay(pdf: bytes, signed_field: bool) -> bytes:
    """An incremental update after signing: a signature field whose appearance paints a white
    box and a new article over page 1; empty, as in the issue, or with a value that is no
    signature (a field is judged by what it is, not by what it claims)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page_ref = writer.root["/Pages"].raw_get("/Kids")[0]
    page = page_ref.get_object()
    font = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Font"),
        generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
        generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica")}))
    paint = (b"1 1 1 rg 0 0 595 842 re f 0 0 0 rg BT /F1 14 Tf 60 700 Td "
             b"(Artikel 1. Zilveren Kruis draagt alle tekorten.) Tj ET")
    appearance = writer.add_object(generic.StreamObject({
        generic.NameObject("/Type"): generic.NameObject("/XObject"),
        generic.NameObject("/Subtype"): generic.NameObject("/Form"),
        generic.NameObject("/BBox"): generic.ArrayObject([generic.NumberObject(n)
                                                          for n in (0, 0, 595, 842)]),
        generic.NameObject("/Resources"): generic.DictionaryObject({
            generic.NameObject("/Font"): generic.DictionaryObject({
                generic.NameObject("/F1"): font})})}, stream_data=paint))
    widget = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Widget"),
        generic.NameObject("/FT"): generic.NameObject("/Sig"),
        generic.NameObject("/T"): generic.TextStringObject("Leeg"),
        generic.NameObject("/F"): generic.NumberObject(4),
        generic.NameObject("/P"): page_ref,
        generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(n)
                                                          for n in (0, 0, 595, 842)]),
        generic.NameObject("/AP"): generic.DictionaryObject({
            generic.NameObject("/N"): appearance})})
    if signed_field:
        widget[generic.NameObject("/V")] = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Sig")})
    widget_ref = writer.add_object(widget)
    annots = page.get("/Annots")
    items = list(annots) if annots is not None else []
    page[generic.NameObject("/Annots")] = generic.ArrayObject([*items, widget_ref])
    writer.update_container(page)
    form = writer.root["/AcroForm"]
    fields = form["/Fields"]
    fields.append(widget_ref)
    writer.update_container(form)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("fake_value", [False, True])
def test_an_overlay_field_after_signing_is_refused(sample: Agreement, edition: bytes,
                                                   ca: CertificateAuthority,
                                                   fake_value: bool) -> None:
    overlaid = _overlay(sign(edition, person(ca, JOOST)), fake_value)
    check = judged(overlaid, sample, edition, "de-schoor", ca)
    assert not check.ok
    assert "veld zonder handtekening" in (check.reason or ""), check.reason


def test_an_annotation_after_signing_is_refused(sample: Agreement, edition: bytes,
                                                ca: CertificateAuthority) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(sign(edition, person(ca, JOOST))))
    page = writer.root["/Pages"].raw_get("/Kids")[2].get_object()
    note = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
        generic.NameObject("/Contents"): generic.TextStringObject("Geldt niet voor ons."),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(n)
                                                          for n in (50, 50, 300, 100)])}))
    page[generic.NameObject("/Annots")] = generic.ArrayObject([*page["/Annots"], note])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    check = judged(out.getvalue(), sample, edition, "de-schoor", ca)
    assert not check.ok
    assert "op pagina 3 een aantekening (FreeText) toegevoegd" in (check.reason or "")


def _rewritten(pdf: bytes) -> bytes:
    """The file as a signing program that rewrites it would save it: the same pages, other
    bytes (objects renumbered, streams recompressed)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        out = io.BytesIO()
        document.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                      recompress_flate=True)
        return out.getvalue()


def test_a_rewritten_file_with_the_same_pages_counts(sample: Agreement, edition: bytes,
                                                     ca: CertificateAuthority) -> None:
    rewritten = _rewritten(edition)
    assert not rewritten.startswith(edition)
    assert judged(sign(rewritten, person(ca, JOOST)), sample, edition, "de-schoor", ca).ok


def test_a_rewritten_file_with_another_page_is_refused_naming_it(
        sample: Agreement, edition: bytes, ca: CertificateAuthority) -> None:
    import pikepdf

    with pikepdf.open(io.BytesIO(edition)) as document:
        document.pages[4].Contents = document.make_stream(
            b"BT /F1 12 Tf 72 700 Td (Alles anders.) Tj ET")
        out = io.BytesIO()
        document.save(out)
    check = judged(sign(out.getvalue(), person(ca, JOOST)), sample, edition, "de-schoor", ca)
    assert not check.ok
    assert "de tekst van pagina 5 van de ondertekende PDF is niet die van" in (
        check.reason or "")


def test_without_a_version_to_compare_nothing_counts(sample: Agreement, edition: bytes,
                                                     ca: CertificateAuthority) -> None:
    signed = sign(edition, person(ca, JOOST))
    check = check_pdf(signed, content_digest(sample), sample.party_map["de-schoor"], [ca.der],
                      editions=None)
    assert not check.ok and "niet te vergelijken" in (check.reason or "")


def test_many_signatures_are_checked_once_per_signer(sample: Agreement, edition: bytes,
                                                     ca: CertificateAuthority,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 21: 120 signatures took 72 s (every signature checked against every later
    revision). Now pyHanko checks a wanted signature only until its signer has a good one."""
    from rechtmakers.signoff import pdf_signatures

    joost, fatima = person(ca, JOOST), person(ca, FATIMA)
    data = edition
    for i in range(10):
        data = sign(data, joost if i % 2 == 0 else fatima, f"Handtekening{i + 1}")
    calls: list[int] = []
    original = pdf_signatures.SignedPdf.check

    def counted(self: pdf_signatures.SignedPdf, index: int, anchors: Any) -> Any:
        calls.append(index)
        return original(self, index, anchors)

    monkeypatch.setattr(pdf_signatures.SignedPdf, "check", counted)
    assert judged(data, sample, edition, "de-schoor", ca).ok
    assert calls == [0]  # the first of Joost's five signatures is good: the rest is not read
    assert judged(data, sample, edition, "gemeente-almere", ca).ok
    assert calls == [0, 1]

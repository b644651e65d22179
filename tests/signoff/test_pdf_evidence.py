"""A signed PDF as sign-off evidence: pyHanko's verdict per signature, judged for one party."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE

from rechtmakers.agreement import Agreement, load_agreement, load_complete
from rechtmakers.digest import content_digest
from rechtmakers.errors import AgreementError
from rechtmakers.model import Party
from rechtmakers.render import signing_edition
from rechtmakers.signoff import pdf_evidence
from rechtmakers.signoff.pdf_evidence import (
    FactsCache,
    PdfCheck,
    check_pdf,
    trust_anchors,
)
from rechtmakers.signoff.pdf_origin import Edition
from rechtmakers.signoff.pdf_signatures import revision_digests

from .conftest import FATIMA, JOOST, commit_all, edit
from .pdf_certs import (
    DAY,
    NOW,
    CertificateAuthority,
    Identity,
    add_text,
    agreement_pdf,
    sign,
)

OLD_DIGEST = "0" * 64


@pytest.fixture(scope="module")
def sample() -> Agreement:
    return load_agreement(SAMPLE)[0]


@pytest.fixture(scope="module")
def digest(sample: Agreement) -> str:
    return content_digest(sample)


@pytest.fixture(scope="module")
def ca() -> CertificateAuthority:
    return CertificateAuthority()


@pytest.fixture(scope="module")
def pdf(sample: Agreement) -> bytes:
    """The sample's signing edition, as render and review make it (issue 21: only our PDF of
    the version counts)."""
    return edition_of(sample)


def edition_of(agreement: Agreement) -> bytes:
    key = content_digest(agreement)
    if key not in _RENDERED:
        _RENDERED[key] = signing_edition(load_complete(agreement.root, label="test"))
    return _RENDERED[key]


_RENDERED: dict[str, bytes] = {}


def editions(digest: str) -> list[Edition]:
    """The fresh signing edition of the sample for its digest; none for any other digest."""
    sample = load_agreement(SAMPLE)[0]
    return [Edition("versie 1.0.0", edition_of(sample))] if digest == content_digest(
        sample) else []


def judged(data: bytes, digest: str, who: Party, anchors: list[bytes], **options: Any
          ) -> PdfCheck:
    options.setdefault("editions", editions)
    return check_pdf(data, digest, who, anchors, **options)


def party(sample: Agreement, party_id: str) -> Party:
    return sample.party_map[party_id]


def person(ca: CertificateAuthority, who: tuple[str, str], **options: Any) -> Identity:
    return ca.issue(who[0], who[1], **options)


def test_a_representative_signature_counts(sample: Agreement, digest: str,
                                           ca: CertificateAuthority, pdf: bytes) -> None:
    signed = sign(pdf, person(ca, JOOST))
    check = judged(signed, digest, party(sample, "de-schoor"), [ca.der])
    assert check.ok, check.reason
    [accepted] = check.accepted
    assert accepted.representative is not None
    assert accepted.representative.email == JOOST[1]
    assert accepted.facts.subject == f"CN={JOOST[0]}, E={JOOST[1]}"
    assert accepted.facts.modification == "NONE"
    assert check.signed_digest == digest


def test_an_email_in_the_subject_alt_name_counts(sample: Agreement, digest: str,
                                                 ca: CertificateAuthority, pdf: bytes) -> None:
    signed = sign(pdf, person(ca, JOOST, in_subject=False, in_san=True))
    assert judged(signed, digest, party(sample, "de-schoor"), [ca.der]).ok


def test_a_byte_changed_after_signing_is_refused(sample: Agreement, digest: str,
                                                 ca: CertificateAuthority, pdf: bytes) -> None:
    plain = agreement_pdf(digest)  # its text is plain in the file, to change one byte of
    signed = sign(plain, person(ca, JOOST))
    assert signed.count(b"Doel van") == 1
    changed = signed.replace(b"Doel van", b"Doel vaN")
    check = judged(changed, digest, party(sample, "de-schoor"), [ca.der],
                   editions=lambda _: [Edition("versie 1.0.0", plain)])
    assert not check.ok
    assert "na het ondertekenen veranderd" in (check.reason or "")


def test_content_added_after_signing_is_refused(sample: Agreement, digest: str,
                                                ca: CertificateAuthority, pdf: bytes) -> None:
    signed = add_text(sign(pdf, person(ca, JOOST)), "Artikel 2. Alles anders")
    check = judged(signed, digest, party(sample, "de-schoor"), [ca.der])
    assert not check.ok
    assert "na het ondertekenen is er iets getekend op pagina 1" in (check.reason or "")


def test_the_pdf_of_an_earlier_version_is_stale(sample: Agreement, digest: str,
                                                ca: CertificateAuthority) -> None:
    signed = sign(agreement_pdf(OLD_DIGEST), person(ca, JOOST))
    check = judged(signed, digest, party(sample, "de-schoor"), [ca.der],
                      version_of={OLD_DIGEST: "0.9.0"}.get)
    assert not check.ok
    assert "versie 0.9.0" in (check.reason or "")
    assert check.signed_digest == OLD_DIGEST
    unknown = judged(signed, digest, party(sample, "de-schoor"), [ca.der])
    assert "niet in de geschiedenis" in (unknown.reason or "")


def test_an_untrusted_ca_is_refused(sample: Agreement, digest: str, pdf: bytes,
                                    ca: CertificateAuthority) -> None:
    stranger_ca = CertificateAuthority("Onbekende Uitgever")
    signed = sign(pdf, person(stranger_ca, JOOST))
    check = judged(signed, digest, party(sample, "de-schoor"), [ca.der])
    assert not check.ok
    assert "komt niet van een uitgever die deze overeenkomst vertrouwt" in (check.reason or "")
    assert not judged(signed, digest, party(sample, "de-schoor"), []).ok


def test_a_certificate_expired_at_signing_time_is_refused(sample: Agreement, digest: str,
                                                          ca: CertificateAuthority,
                                                          pdf: bytes) -> None:
    expired = person(ca, JOOST, not_before=NOW - 400 * DAY, not_after=NOW - DAY)
    check = judged(sign(pdf, expired), digest, party(sample, "de-schoor"), [ca.der])
    assert not check.ok
    assert "verlopen toen er getekend werd" in (check.reason or "")


def test_a_certificate_that_expires_later_still_counts(sample: Agreement, digest: str,
                                                       ca: CertificateAuthority,
                                                       pdf: bytes) -> None:
    """Validity is judged at signing time: verifying next year gives the same answer."""
    signed = sign(pdf, person(ca, JOOST, not_after=NOW + DAY))
    later = dt.datetime.now(dt.UTC) + 30 * DAY
    assert judged(signed, digest, party(sample, "de-schoor"), [ca.der], now=later).ok


def test_a_non_representative_is_refused(sample: Agreement, digest: str,
                                         ca: CertificateAuthority, pdf: bytes) -> None:
    signed = sign(pdf, person(ca, ("Mallory", "mallory@elders.example")))
    check = judged(signed, digest, party(sample, "de-schoor"), [ca.der])
    assert not check.ok
    assert "Geen handtekening in de PDF is van een vertegenwoordiger van De Schoor" in (
        check.reason or "")
    assert "mallory@elders.example" in (check.reason or "")


def test_the_right_name_with_another_email_is_refused(sample: Agreement, digest: str,
                                                      ca: CertificateAuthority,
                                                      pdf: bytes) -> None:
    signed = sign(pdf, person(ca, (JOOST[0], "joost@prive.example")))
    check = judged(signed, digest, party(sample, "de-schoor"), [ca.der])
    assert not check.ok
    assert "niet de naam" in (check.reason or "")


def test_two_parties_sign_one_pdf(sample: Agreement, digest: str, ca: CertificateAuthority,
                                  pdf: bytes) -> None:
    both = sign(sign(pdf, person(ca, JOOST), "Handtekening1"), person(ca, FATIMA),
                "Handtekening2")
    schoor = judged(both, digest, party(sample, "de-schoor"), [ca.der])
    almere = judged(both, digest, party(sample, "gemeente-almere"), [ca.der])
    assert schoor.ok and almere.ok, (schoor.reason, almere.reason)
    assert [s.facts.field for s in schoor.accepted] == ["Handtekening1"]
    assert [s.facts.field for s in almere.accepted] == ["Handtekening2"]
    assert not judged(both, digest, party(sample, "zilveren-kruis"), [ca.der]).ok


def test_a_pdf_without_signature_is_refused(sample: Agreement, digest: str,
                                            ca: CertificateAuthority, pdf: bytes) -> None:
    check = judged(pdf, digest, party(sample, "de-schoor"), [ca.der])
    assert check.reason is not None and check.reason.startswith("De PDF bevat geen handtekening")


def test_a_file_that_is_no_pdf_is_refused(sample: Agreement, digest: str,
                                          ca: CertificateAuthority) -> None:
    for data in (b"", b"hallo", b"%PDF-1.7\n" + bytes(range(256)) * 8):
        check = judged(data, digest, party(sample, "de-schoor"), [ca.der])
        assert check.reason is not None and "geen leesbare PDF" in check.reason


def test_a_pdf_without_digest_is_refused(sample: Agreement, digest: str,
                                         ca: CertificateAuthority) -> None:
    bare = agreement_pdf(digest, keywords="", identifier=False)
    check = judged(sign(bare, person(ca, JOOST)), digest, party(sample, "de-schoor"),
                      [ca.der])
    assert "noemt geen digest" in (check.reason or "")


def test_the_digest_is_read_as_rendered_and_a_redline_is_no_version(digest: str) -> None:
    assert revision_digests(agreement_pdf(digest)) == [digest]
    keywords_only = agreement_pdf(digest, identifier=False)
    assert revision_digests(keywords_only) == [digest]
    redline = agreement_pdf(digest, keywords=f"oud:sha256:{OLD_DIGEST}, nieuw:sha256:{digest}",
                            identifier=False)
    assert revision_digests(redline) == []


def test_the_digest_comes_from_the_signed_revision(sample: Agreement, digest: str,
                                                   ca: CertificateAuthority) -> None:
    """Metadata changed after signing (a later revision naming the current digest) does not
    turn the PDF of an old version into one of this version."""
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = sign(agreement_pdf(OLD_DIGEST), person(ca, JOOST))
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    xmp = writer.root["/Metadata"].get_object()
    xmp._data = xmp.data.replace(OLD_DIGEST.encode(), digest.encode())  # noqa: SLF001
    xmp._encoded_data = None  # noqa: SLF001
    writer.update_container(xmp)
    out = io.BytesIO()
    writer.write(out)
    assert revision_digests(out.getvalue()) == [digest]  # the newest revision says current
    check = judged(out.getvalue(), digest, party(sample, "de-schoor"), [ca.der])
    assert not check.ok
    assert check.signatures[0].facts.digest == OLD_DIGEST


def test_facts_are_cached_by_the_pdfs_hash(tmp_path: Path, sample: Agreement, digest: str,
                                           ca: CertificateAuthority, pdf: bytes,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    signed = sign(pdf, person(ca, JOOST))
    cache = FactsCache(tmp_path)
    first = judged(signed, digest, party(sample, "de-schoor"), [ca.der], cache=cache)
    cache.save()

    def refuse(*_: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(pdf_evidence, "SignedPdf", refuse)
    again = judged(signed, digest, party(sample, "de-schoor"), [ca.der],
                      cache=FactsCache(tmp_path))
    assert again == first
    # Other anchors are another question: not answered from the cache.
    with pytest.raises(AssertionError, match="read again"):
        judged(signed, digest, party(sample, "de-schoor"), [], cache=FactsCache(tmp_path))


def test_trust_anchors_come_from_pem_files_in_vertrouwd(tmp_path: Path,
                                                        ca: CertificateAuthority) -> None:
    other = CertificateAuthority("Tweede")
    files = {"vertrouwd/a.pem": ca.pem + other.pem, "vertrouwd/leesmij.txt": b"x",
             "artikelen/doel.yaml": b"", "vertrouwd/sub/b.pem": b"geen"}
    assert trust_anchors(files) == [ca.der, other.der]
    with pytest.raises(AgreementError, match="vertrouwd/kapot.pem"):
        trust_anchors({"vertrouwd/kapot.pem": b"geen certificaat"})
    assert trust_anchors({"vertrouwd/ca.crt": ca.pem}) == [ca.der]


def test_only_the_partys_own_signatures_are_checked(tmp_path: Path, sample: Agreement,
                                                    digest: str, ca: CertificateAuthority,
                                                    pdf: bytes) -> None:
    """Checking a signature compares every later revision: done for the party asked about,
    and added to the cached facts when another party asks."""
    both = sign(sign(pdf, person(ca, JOOST), "Handtekening1"), person(ca, FATIMA),
                "Handtekening2")
    cache = FactsCache(tmp_path)
    judged(both, digest, party(sample, "de-schoor"), [ca.der], cache=cache)
    [entry] = cache.entries.values()
    assert [f["checked"] for f in entry] == [True, False]
    assert judged(both, digest, party(sample, "gemeente-almere"), [ca.der], cache=cache).ok
    [entry] = cache.entries.values()
    assert [f["checked"] for f in entry] == [True, True]


@pytest.fixture(scope="module")
def rendered(sample: Agreement) -> bytes:
    """The sample as `render --format pdf` makes it (Typst, PDF/A)."""
    from rechtmakers.render import RenderOptions, render_agreement

    [data] = render_agreement(sample, RenderOptions(formats=("pdf",))).values()
    return data


def test_the_rendered_pdf_signed_by_two_parties_counts(sample: Agreement, digest: str,
                                                       ca: CertificateAuthority,
                                                       rendered: bytes) -> None:
    assert revision_digests(rendered) == [digest]
    both = sign(sign(rendered, person(ca, JOOST), "Handtekening1"), person(ca, FATIMA),
                "Handtekening2")
    assert judged(both, digest, party(sample, "de-schoor"), [ca.der]).ok
    assert judged(both, digest, party(sample, "gemeente-almere"), [ca.der]).ok


def test_a_signed_redline_is_no_version(git_repo: Path, agreement: Path, cli: Any,
                                        sample: Agreement, ca: CertificateAuthority) -> None:
    edit(agreement / "overeenkomst.yaml", "\nversie: 1.", "\nversie: 9.")
    commit_all(git_repo, "Nieuwe versie")
    out = git_repo / "redline.pdf"
    result = cli("diff", "HEAD~1", "HEAD", agreement, "--format", "pdf", "--out", out)
    assert result.exit_code == 0, result.output
    redline = out.read_bytes()
    assert b"sha256:" in redline and revision_digests(redline) == []
    model = load_agreement(agreement)[0]
    check = judged(sign(redline, person(ca, JOOST)), content_digest(model),
                      model.party_map["de-schoor"], [ca.der])
    assert "noemt geen digest" in (check.reason or "")


def test_damaged_pdfs_give_reasons_not_tracebacks(sample: Agreement, digest: str,
                                                  ca: CertificateAuthority, pdf: bytes) -> None:
    import random

    signed = sign(pdf, person(ca, JOOST))
    chance = random.Random(16)
    for _ in range(24):
        damaged = bytearray(signed)
        start = chance.randrange(len(damaged))
        for at in range(start, min(len(damaged), start + chance.choice((1, 8, 200)))):
            damaged[at] = chance.randrange(256)
        check = judged(bytes(damaged), digest, party(sample, "de-schoor"), [ca.der])
        assert check.ok or check.reason
    truncated = judged(signed[: len(signed) // 2], digest, party(sample, "de-schoor"),
                          [ca.der])
    assert not truncated.ok

"""Test certificates made with `cryptography`, and PDFs signed with pyHanko as a signing tool does.

A CertificateAuthority issues representatives' certificates (e-mail in the subject or in the
SubjectAltName); sign() adds a PAdES signature in an incremental update, as Acrobat or an
e-signature service would; agreement_pdf() makes a PDF that carries a content digest in its
XMP metadata the way `render --format pdf` does (issue 11: dc:identifier and pdf:Keywords).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Identity:
    """A certificate with its private key, and the chain up to its CA."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    chain: tuple[x509.Certificate, ...]


def _usage(ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=not ca, content_commitment=not ca,
                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                         key_cert_sign=ca, crl_sign=ca, encipher_only=False, decipher_only=False)


class CertificateAuthority:
    """A root CA that issues signing certificates."""

    _serial = 1

    def __init__(self, name: str = "Test Vertrouwensdienst") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test")])
        self.cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                     .public_key(self.key.public_key()).serial_number(self._next())
                     .not_valid_before(NOW - 3650 * DAY).not_valid_after(NOW + 3650 * DAY)
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
                     .add_extension(_usage(ca=True), True)
                     .sign(self.key, hashes.SHA256()))

    @classmethod
    def _next(cls) -> int:
        cls._serial += 1
        return cls._serial

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def issue(self, name: str, email: str | None, *, in_subject: bool = True,
              in_san: bool = False, not_before: dt.datetime | None = None,
              not_after: dt.datetime | None = None) -> Identity:
        key = ec.generate_private_key(ec.SECP256R1())
        attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
        if email and in_subject:
            attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
        builder = (x509.CertificateBuilder().subject_name(x509.Name(attributes))
                   .issuer_name(self.cert.subject).public_key(key.public_key())
                   .serial_number(self._next())
                   .not_valid_before(not_before or NOW - 30 * DAY)
                   .not_valid_after(not_after or NOW + 365 * DAY)
                   .add_extension(_usage(ca=False), True))
        if email and in_san:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.RFC822Name(email)]), False)
        return Identity(builder.sign(self.key, hashes.SHA256()), key, (self.cert,))


def agreement_pdf(digest: str, article: str = "Artikel 1. Doel van de samenwerking",
                  keywords: str | None = None, identifier: bool = True) -> bytes:
    """A one-page PDF like rendered agreement output: the digest in XMP and Info metadata."""
    import pikepdf

    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font,
                                                Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    text = f"BT /F1 12 Tf 72 770 Td ({article}) Tj ET".encode("latin-1")
    page.Contents = pdf.make_stream(text)
    token = f"sha256:{digest}"
    words = keywords if keywords is not None else f"rechtmakers, {token}"
    pdf.docinfo["/Title"] = "Samenwerkingsovereenkomst"
    pdf.docinfo["/Keywords"] = words
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = "Samenwerkingsovereenkomst"
        if identifier:
            meta["dc:identifier"] = token
        meta["pdf:Keywords"] = words
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=False)
    return out.getvalue()


def sign(pdf: bytes, identity: Identity, field: str = "Handtekening1") -> bytes:
    """Add a PAdES signature in an incremental update, as a PDF signing tool does."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = serialization.Encoding.DER
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(identity.cert.public_bytes(der)),
        signing_key=asn1_keys.PrivateKeyInfo.load(identity.key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(c.public_bytes(der)) for c in identity.chain]))
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


def add_text(pdf: bytes, text: str) -> bytes:
    """Change the page's text in an incremental update after signing: new content."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page_ref = writer.root["/Pages"].raw_get("/Kids")[0]
    page = page_ref.get_object()
    stream = generic.StreamObject(
        stream_data=f"BT /F1 12 Tf 72 700 Td ({text}) Tj ET".encode("latin-1"))
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

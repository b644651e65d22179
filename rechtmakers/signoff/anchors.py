"""Trust anchors for signed PDFs, trusted from history as all authority is.

A certificate file in `vertrouwd/` counts in the version the trusted history made count (a
beheerder's evidence, or the root); a file at HEAD that differs counts for nothing and is
named. Only a CA counts as an anchor (basicConstraints CA, and keyCertSign): a plain
end-entity certificate would otherwise vouch for itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rechtmakers.git import files as gitfiles
from rechtmakers.git import repo as gitrepo
from rechtmakers.signoff.pdf_evidence import is_anchor_file, trust_anchors
from rechtmakers.source_names import TRUST_DIR


@dataclass(frozen=True)
class Anchors:
    """The certificates that count, and a Dutch note per file in vertrouwd/ that does not."""

    certificates: tuple[bytes, ...]
    notes: tuple[str, ...] = ()


class CommittedAnchors:
    """The anchors that count at HEAD, worked out once and only when a PDF asks."""

    def __init__(self, repo: gitrepo.Repo, files: Mapping[str, bytes],
                 trusted: Mapping[str, str]) -> None:
        self.repo, self.files, self.trusted = repo, files, trusted
        self._found: Anchors | None = None

    def get(self) -> Anchors:
        """Raises AgreementError for a counting file that holds no usable CA certificate."""
        if self._found is None:
            self._found = self._decide()
        return self._found

    def _decide(self) -> Anchors:
        blobs = gitfiles.read_blobs(self.repo, self.trusted.values())
        counting = {f"{TRUST_DIR}/{name}": blobs[blob] for name, blob in self.trusted.items()
                    if blob in blobs}
        notes = [f"{rel} is toegevoegd of gewijzigd zonder het bewijs van een beheerder; die "
                 "uitgever telt niet" for rel, data in sorted(self.files.items())
                 if is_anchor_file(rel) and counting.get(rel) != data]
        anchors, refused = ca_anchors(counting)
        return Anchors(tuple(anchors), tuple(refused + notes))


def ca_anchors(files: Mapping[str, bytes]) -> tuple[list[bytes], list[str]]:
    """The DER certificates of these files that are CAs allowed to sign certificates, and a
    Dutch note for each that is not (an AgreementError for a file without a certificate)."""
    from cryptography import x509

    anchors: list[bytes] = []
    notes: list[str] = []
    for der in trust_anchors(files):
        certificate = x509.load_der_x509_certificate(der)
        problem = ca_problem(certificate)
        if problem is None:
            anchors.append(der)
            continue
        name = certificate.subject.rfc4514_string() or "(zonder naam)"
        notes.append(f"het certificaat {name} in {TRUST_DIR}/ is geen uitgever en telt niet "
                     f"als vertrouwensanker: {problem}; zet daar alleen het certificaat van de "
                     "vertrouwensdienst (de CA), niet dat van een persoon")
    return anchors, notes


def ca_problem(certificate: object) -> str | None:
    """Why a certificate is no CA (Dutch), or None when it is one."""
    from cryptography import x509

    assert isinstance(certificate, x509.Certificate)
    try:
        basic = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return "het heeft geen basicConstraints met CA"
    if not basic.ca:
        return "basicConstraints zegt dat het geen CA is"
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return "het heeft geen keyUsage met keyCertSign"
    if not usage.key_cert_sign:
        return "keyUsage staat niet toe dat het certificaten tekent (keyCertSign)"
    return None

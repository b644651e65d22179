"""`sign --bewijs ONDERTEKEND.pdf`, `status` and `verify` as a user runs them: in a process of
their own, with Python's own warning settings, standard error carries no Python warning.

In-process tests run with every warning an error (pyproject.toml); this is the user's side of
that policy: a warning from a package of someone else (pyHanko's DSA import under cryptography
51, say) is filtered where that package is imported, so it never reaches a user's terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import JOOST, MAINTAINER, SUBDIR, Identity, commit_all
from .pdf_certs import CertificateAuthority, sign
from .test_pdf_signoff import rendered


def run(git_repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONWARNINGS",
                                                              "RECHTMAKERS_DEBUG")}
    return subprocess.run([sys.executable, "-m", "rechtmakers", *args], cwd=git_repo, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_pdf_route_prints_no_python_warning(git_repo: Path, be: Identity,
                                                tmp_path: Path) -> None:
    agreement = git_repo / SUBDIR
    authority = CertificateAuthority()
    (agreement / "vertrouwd").mkdir()
    (agreement / "vertrouwd" / "vertrouwensdienst.pem").write_bytes(authority.pem)
    commit_all(git_repo, "Vertrouwde uitgever van certificaten")
    pdf = tmp_path / "ondertekend.pdf"
    pdf.write_bytes(sign(rendered(agreement), authority.issue(*JOOST), "Handtekening1"))
    be(MAINTAINER)
    for args in (["sign", "--partij", "de-schoor", "--bewijs", str(pdf), str(agreement)],
                 ["status", str(agreement)], ["verify", str(agreement)]):
        done = run(git_repo, *args)
        assert "Warning" not in done.stderr and "warn" not in done.stderr.lower(), done.stderr
        assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "ondertekende PDF" in run(git_repo, "status", str(agreement)).stdout


def test_a_warning_would_be_seen_here(git_repo: Path) -> None:
    """The honest twin: the same subprocess does show a Python warning when one is raised."""
    code = "import warnings; warnings.warn('proef', UserWarning)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    done = subprocess.run([sys.executable, "-c", code], cwd=git_repo, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert "UserWarning: proef" in done.stderr

"""Fixtures for the diff tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from diffhelp import SAMPLE, Versions


@pytest.fixture
def versions(tmp_path: Path) -> Versions:
    """Two writable copies of the sample agreement: oud/ and nieuw/."""
    old = tmp_path / "oud" / SAMPLE.name
    new = tmp_path / "nieuw" / SAMPLE.name
    shutil.copytree(SAMPLE, old)
    shutil.copytree(SAMPLE, new)
    return Versions(old, new)

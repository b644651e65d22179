"""Whatever is put in place of an article, validation ends in a pass or a clean finding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rechtmakers.findings import Severity
from rechtmakers.validate import validate_agreement

DATA = Path(__file__).parent / "data"
# The YAML test suite (MIT, see its LICENSE and README.md), in the repository's own test data
# so that every clone runs it.
SUITE = DATA / "yaml-test-suite"
FIXTURE_OK = [HealthCheck.function_scoped_fixture]
SUITE_CASES = sorted(SUITE.glob("*.yaml"))


@pytest.fixture(scope="module")
def agreement_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("robust") / "minimal"
    shutil.copytree(DATA / "minimal", root)
    return root


def check_with_article(root: Path, content: bytes) -> list[str]:
    """Validate with content as artikelen/doel.yaml; every finding must be complete and Dutch."""
    (root / "artikelen" / "doel.yaml").write_bytes(content)
    report = validate_agreement(root)
    for finding in report.findings:
        assert finding.code and finding.message
        assert finding.location.line >= 1 and finding.location.column >= 1
        assert "Traceback" not in finding.message
    return [f.code for f in report.findings if f.severity is Severity.ERROR]


def test_yaml_test_suite_is_handled(agreement_root: Path) -> None:
    outcomes: dict[str, list[str]] = {}
    for case in SUITE_CASES:
        outcomes[case.name] = check_with_article(agreement_root, case.read_bytes())
    # Not one of the suite's documents is a valid article, so each must give a finding.
    assert all(outcomes.values()), [name for name, codes in outcomes.items() if not codes]
    assert len(outcomes) >= 400


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(agreement_root: Path, content: bytes) -> None:
    check_with_article(agreement_root, content)


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30),
                     st.sampled_from(["doel", "1.0.0", "2026-01-21", "[[doel]]", "@wijkteam"]))
_keys = st.sampled_from(["id", "titel", "onderwerp", "versie", "tekst", "leden", "gedrag",
                         "besluitvorming", "stappen", "helpt", "x", "wijze"])
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)), max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.dictionaries(_keys, _values, max_size=8))
def test_random_yaml_never_crashes(agreement_root: Path, data: dict[str, object]) -> None:
    import yaml

    check_with_article(agreement_root, yaml.safe_dump(data, allow_unicode=True).encode())


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"#\n\t,?%@`")), max_size=120))
def test_random_yaml_punctuation_never_crashes(agreement_root: Path, text: str) -> None:
    check_with_article(agreement_root, text.encode())

"""A mutation fuzzer that stays (issue 15): mutants of the valid sample never crash a command.

Each example takes the minimal valid agreement, mutates one or more of its files (a key renamed
or dropped, a value of another type, a list reshaped, hostile characters in a text, or bytes of
the YAML itself changed) and runs validate, render (md, html and docx, with --force) and diff
in-process. Every outcome must be a result or one of our own errors (an exit code with a Dutch
message); any other exception fails the test, and hypothesis shrinks it to a small example.

By default it runs a few dozen mutants (well under a minute); RECHTMAKERS_FUZZ=lang runs a
thousand.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "minimal"
LONG = os.environ.get("RECHTMAKERS_FUZZ") == "lang"
FILES = sorted(str(p.relative_to(SAMPLE)) for p in SAMPLE.rglob("*.yaml"))
ORIGINAL = {rel: yaml.safe_load((SAMPLE / rel).read_text(encoding="utf-8")) for rel in FILES}

KEYS = ["id", "titel", "onderwerp", "versie", "tekst", "leden", "partijen", "artikelen",
        "status", "datum", "penvoerder", "kompas", "overwegingen", "begrippen", "term",
        "betekenis", "naam", "soort", "vertegenwoordigers", "email", "besluitvorming",
        "conflictdialoog", "stappen", "termijn", "wie", "inwonerperspectief", "waarborgen",
        "gedrag", "helpt", "helpt-niet", "toelichting", "bijlagen", "rechtsvorm", "kvk",
        "ingangsdatum", "einddatum", "ondertekening", "bevoegdheid", "x", ""]
HOSTILE = ["\x1b[2K", "\x00", "\x7f", "\x9b", "\u202e", "\u200b", "\ufeff", "\u0430", "\r",
           "\v", "[[", "]]", "[[doel]]", "[[doel.x]]", "@wijkteam", "@", "**", "*", "_", "`",
           "<script>", "&amp;", "|", "#", ": ", "- ", "\n\n", "\n- ", "1. ", "[a](javascript:x)",
           "[nog invullen: x]", "\\", '"', "'", "{", "}", "&a", "*a", "!!python/object", "…",
           "\U0001f600", "\ud7ff", "a" * 300, " " * 50]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True), st.text(max_size=40),
    st.sampled_from(HOSTILE + ["doel", "1.0.0", "2026-01-21", "concept", "vastgesteld",
                               "consent", "welzijn", "stichting", "1:20", "on", "0x1f"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=12)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside node (the root too)."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _mutate_data(data: Any, draw: Callable[..., Any]) -> Any:
    path = draw(st.sampled_from(_paths(data)))
    kind = draw(st.sampled_from(["replace", "drop", "rename", "add", "chars", "reshape"]))
    if not path:
        return draw(VALUES) if kind == "replace" else data
    parent, last = _get(data, path[:-1]), path[-1]
    value = parent[last]
    if kind == "replace":
        parent[last] = draw(VALUES)
    elif kind == "drop":
        del parent[last]
    elif kind == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(KEYS))] = parent.pop(last)
    elif kind == "add" and isinstance(value, dict):
        value[draw(st.sampled_from(KEYS))] = draw(VALUES)
    elif kind == "add" and isinstance(value, list):
        value.insert(draw(st.integers(0, len(value))), draw(VALUES))
    elif kind == "chars" and isinstance(value, str):
        at = draw(st.integers(0, len(value)))
        parent[last] = value[:at] + draw(st.sampled_from(HOSTILE)) + value[at:]
    elif kind == "reshape":
        parent[last] = draw(st.sampled_from([[value], {"x": value}, [value, value], str(value)]))
    return data


def _mutate_text(text: bytes, draw: Callable[..., Any]) -> bytes:
    at = draw(st.integers(0, len(text)))
    cut = draw(st.integers(0, 8))
    insert = draw(st.sampled_from([h.encode("utf-8", "surrogatepass") for h in HOSTILE]
                                  + [b"\t", b"  ", b"\n  ", b": ", b"- ", b"\xff", b"&a ", b"*a"]))
    return text[:at] + insert + text[at + cut:]


@st.composite
def mutants(draw: Callable[..., Any]) -> dict[str, bytes]:
    """Relative path → bytes of every file of a mutated copy of the sample."""
    files = {rel: (SAMPLE / rel).read_bytes() for rel in FILES}
    for _ in range(draw(st.integers(1, 3))):
        rel = draw(st.sampled_from(FILES))
        try:
            data = yaml.safe_load(files[rel]) if draw(st.booleans()) else None
        except yaml.YAMLError:  # an earlier text mutation broke it: mutate the text again
            data = None
        if data is not None:
            mutated = _mutate_data(data, draw)
            files[rel] = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False,
                                        width=2000).encode("utf-8", "surrogatepass")
        else:
            files[rel] = _mutate_text(files[rel], draw)
    return files


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=1000 if LONG else 40, deadline=None, derandomize=not LONG,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(files=mutants())
def test_mutants_never_crash_a_command(workspace: Path, cli: Callable[..., Any],
                                       files: dict[str, bytes]) -> None:
    root = workspace / "minimal"
    shutil.rmtree(root, ignore_errors=True)
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    out = workspace / "uit"
    for args in (["validate", "--format", "json", root],
                 ["validate", root],
                 ["render", "--force", "-f", "md,html,docx", "-o", out, root],
                 ["diff", SAMPLE, root],
                 ["diff", "-f", "html", SAMPLE, root],
                 ["taal", "-f", "md", root]):
        result = cli(*args)  # catch_exceptions=False: anything but our own errors fails here
        assert result.exit_code in (0, 1, 2), (args, result.output[-500:])
        assert "Traceback" not in result.output


def test_the_sample_itself_passes_every_command(workspace: Path, cli: Callable[..., Any]) -> None:
    assert cli("validate", SAMPLE).exit_code == 0
    assert cli("render", "-f", "md,html,docx", "-o", workspace / "gewoon", SAMPLE).exit_code == 0
    assert ORIGINAL  # the data the mutants start from

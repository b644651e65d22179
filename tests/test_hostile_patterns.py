"""Every regular expression of rechtmakers runs in linear time on hostile text (issue 15).

The patterns are collected from every module (compiled patterns and the *_PATTERN strings of
the model), so a new pattern is tested without anyone adding it here. Each is run with
finditer, match and fullmatch over texts of 100 kB and more built to make a backtracking
engine stumble: long runs of one character, openers without closers, delimiters in a row.
A generous bound (2 s per run, where a linear pattern takes milliseconds) keeps it from flaking.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import rechtmakers

N = 100_000
BOUND = 2.0


def _patterns() -> dict[str, re.Pattern[str] | re.Pattern[bytes]]:
    found: dict[str, re.Pattern[str] | re.Pattern[bytes]] = {}
    seen: set[tuple[object, int]] = set()
    for info in pkgutil.walk_packages(rechtmakers.__path__, "rechtmakers."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.endswith("_PATTERN") and isinstance(value, str):
                value = re.compile(value)
            if isinstance(value, re.Pattern) and (value.pattern, value.flags) not in seen:
                seen.add((value.pattern, value.flags))  # imported elsewhere: test it once
                found[f"{info.name}.{name}"] = value
    return found


PATTERNS = _patterns()

_UNITS = [" ", "a", "1", "a.", "a-", "-", ".", "a@", "@a", "@a-", "@", "[[", "]]", "[", "]",
          "[a](", "](", "(", ")", "*", "**", " *a", " **a", "a**", " __a", "_", "`", "``",
          "\n", "\n ", " \n", "\n\n", "\t", "#", "# ", ":", "1.", "1:", "0", "a\u200b",
          "\u0430", "a\u0430", "<", "&", "|", "~", "\\", "'", '"', "'a", '"a', "1. a\n", "- ",
          "a ", "A", "A1", "ij", "ee", "a'", "0x", "x-", "--", "!", "?", "…", "\x01", "\x1b[",
          ",", ", ", "A001, "]
_COMPOSED = {
    "placeholder-blanks": "# [nog invullen:" + " " * N,
    "placeholder-no-colon": "[nog invullen" + " " * N,
    "placeholder-repeated": "[nog invullen:" * (N // 14),
    "email-dots": "a@" + "a." * (N // 2) + "@",
    "email-at-dots": "a." * (N // 2) + "@" + "a." * (N // 2),
    "status-blanks": "status: x" + " " * N + "y",
    "status-quoted": "status: 'a" + " " * N + "'b",
    "suppress-blanks": "#" + " " * N,
    "suppress-codes": "# rechtmakers: negeer " + "A001, " * (N // 6) + "x",
    "digits-then-word": "1" * N + " x",
    "newline-blanks": "\n" + " " * N,
    "blank-lines": "\n \n" * (N // 3) + "x",
    "reference-open": "[[" + "a" * N,
    "reference-dotted": "[[" + "a." * (N // 2),
    "mention-hyphens": "@" + "a-" * (N // 2) + ".",
    "semver-dots": "1." * (N // 2),
    "semver-tail": "1.0.0-" + "a." * (N // 2) + "!",
    "slug-hyphens": "a-" * (N // 2) + "-",
    "link-open": "[" + "a" * N + "](",
    "strong-spaced": " **a" * (N // 4),
    "emphasis-spaced": " *a *" * (N // 5),
    "list-indent": " " * N + "1",
    "duration": "1 " * (N // 2) + "dagenx",
    "dotted": "a." * (N // 2) + "1",
    "scheme": "a" * N + ":",
    "hash": "0x" + "f" * N,
    "tag-open": "<xmp:CreateDate>" + "a" * N,
    "ident": " <" * (N // 2),
    "mixed-word": "a\u0430" * (N // 2),
}
INPUTS = {f"{unit!r}×": unit * (N // len(unit) + 1) for unit in _UNITS} | _COMPOSED


# Patterns only ever anchored (pattern.match(line) or fullmatch at one place): searched through
# a text they would be quadratic on runs of blanks or digits, but they are never searched, so
# only match and fullmatch are timed for them.
MATCH_ONLY = {"rechtmakers.digest._BULLET", "rechtmakers.digest._ORDERED",
              "rechtmakers.inlezen.compare._MEMBER_NUMBER",
              "rechtmakers.inlezen.splice._BLOCK_PREFIX",
              "rechtmakers.syntax_hints._FIRST_WORD", "rechtmakers.syntax_hints._VALUE_START"}


def _run(pattern: re.Pattern[str] | re.Pattern[bytes], text: str, *, search: bool = True
         ) -> float:
    subject: str | bytes = text
    if isinstance(pattern.pattern, bytes):
        subject = text.encode("utf-8", "replace")
    start = time.perf_counter()
    if search:
        for _ in pattern.finditer(subject):  # type: ignore[arg-type]
            pass
    pattern.match(subject)  # type: ignore[arg-type]
    pattern.fullmatch(subject)  # type: ignore[arg-type]
    return time.perf_counter() - start


def test_the_patterns_are_found() -> None:
    from rechtmakers.checks.placeholders import PLACEHOLDER
    from rechtmakers.diff.text import _STRONG
    from rechtmakers.model_base import EMAIL_PATTERN
    from rechtmakers.signoff.seal import _STATUS_LINE
    from rechtmakers.validate import _SUPPRESS

    found = {(p.pattern, p.flags) for p in PATTERNS.values()}
    for expected in (PLACEHOLDER, _STRONG, _STATUS_LINE, _SUPPRESS, re.compile(EMAIL_PATTERN)):
        assert (expected.pattern, expected.flags) in found
    assert len(PATTERNS) >= 40


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_hostile_text(name: str) -> None:
    pattern = PATTERNS[name]
    slow = {label: seconds for label, text in INPUTS.items()
            if (seconds := _run(pattern, text, search=name not in MATCH_ONLY)) > BOUND}
    assert not slow, f"{name} ({pattern.pattern!r}) is slow on {slow}"

"""`rechtmakers regels`: the rule reference, from the rules themselves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.checks import RULES

ROOT = Path(__file__).resolve().parents[2]
Cli = Callable[..., Any]


def test_lists_every_rule_with_code_severity_name_and_summary(cli: Cli) -> None:
    result = cli("regels")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(RULES)
    for line, rule in zip(lines, RULES.values(), strict=True):
        assert line.split()[:3] == [rule.code, rule.severity.dutch, rule.name]
        assert line.endswith(rule.summary)


@pytest.mark.parametrize("code", ["D004", "d004", "termijn-is-duur"])
def test_explains_one_rule_with_a_good_and_a_bad_example(cli: Cli, code: str) -> None:
    result = cli("regels", code)
    assert result.exit_code == 0
    assert result.stdout.startswith("D004 termijn-is-duur (fout)\n")
    assert "Goed: `termijn: 2 weken`" in result.stdout
    assert "Fout: `termijn: snel`" in result.stdout


def test_every_checking_rule_documents_a_bad_example() -> None:
    """The docstring of a check is its user documentation (see docs/regels.md)."""
    undocumented = [code for code, rule in RULES.items()
                    if rule.check is not None and "Fout" not in rule.explanation]
    assert undocumented == []


@pytest.mark.parametrize("wanted, suggestion", [("C01", "C001"), ("D04", "D004"),
                                                ("nog-invulen", "N001")])
def test_unknown_rule_is_a_usage_error_with_a_suggestion(cli: Cli, wanted: str,
                                                         suggestion: str) -> None:
    result = cli("regels", wanted)
    assert result.exit_code == 2
    assert f'De regel "{wanted}" bestaat niet.' in result.stderr
    assert f"Bedoelde je {suggestion}" in result.stderr
    assert result.stdout == ""


def test_markdown_of_one_rule(cli: Cli) -> None:
    result = cli("regels", "N001", "--format", "md")
    assert result.stdout.startswith("## N001\n\n**nog-invullen** · waarschuwing · ")
    assert "    titel: '[nog invullen: titel van de overeenkomst]'" in result.stdout


def test_docs_rule_reference_is_up_to_date(cli: Cli) -> None:
    expected = cli("regels", "--format", "md").stdout
    actual = (ROOT / "docs" / "regels.md").read_text(encoding="utf-8")
    assert actual == expected, ("docs/regels.md is verouderd: draai "
                                "`rechtmakers regels --format md > docs/regels.md`")
    for rule in RULES.values():
        assert f"\n## {rule.code}\n" in actual


def test_every_rule_has_a_good_and_a_wrong_example() -> None:
    """`regels` promises a good and a wrong example for every rule, the load and schema rules
    included (their documentation is written by hand in checks/source.py)."""
    lacking = [code for code, rule in RULES.items()
               if "Goed" not in rule.explanation or "Fout" not in rule.explanation]
    assert lacking == []


def _blocks(text: str) -> list[str]:
    """The indented code blocks of a rule's explanation, in order."""
    blocks, current = [], []
    for line in text.splitlines():
        if line.startswith("    "):
            current.append(line[4:])
        elif current and not line.strip() == "":
            blocks.append("\n".join(current) + "\n")
            current = []
    if current:
        blocks.append("\n".join(current) + "\n")
    return blocks


@pytest.mark.parametrize("code", [c for c in RULES if c.startswith("Y")
                                  and len(_blocks(RULES[c].explanation)) >= 2])
def test_yaml_examples_are_what_they_say(code: str) -> None:
    """The good example of a load rule loads; its wrong example is refused with that code."""
    from rechtmakers.load import LoadRefusal, read_yaml_bytes

    good, bad = _blocks(RULES[code].explanation)[:2]
    source = read_yaml_bytes(good.encode(), Path("goed.yaml"))
    assert source.cut_by_comment == {}
    try:
        source = read_yaml_bytes(bad.encode(), Path("fout.yaml"))
    except LoadRefusal as refusal:
        assert refusal.code == code
    else:
        assert code == "Y015" and source.cut_by_comment

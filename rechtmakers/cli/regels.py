"""`rechtmakers regels`: every rule with its code and severity, or one rule explained."""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from rechtmakers.cli.app import app, guarded

if TYPE_CHECKING:
    from rechtmakers.checks.base import Rule

MD_HEADER = """# Regels

Elke melding van `rechtmakers validate` heeft een code. Hieronder staat per regel wat hij
controleert, met een goed en een fout voorbeeld. Een regel strenger maken of uitzetten kan in
`[tool.rechtmakers]` van `pyproject.toml`, bijvoorbeeld `ernst = { N001 = "fout" }` zodat open
invulplekken een fout zijn. Eén melding negeren kan met het commentaar
`# rechtmakers: negeer CODE` op de regel erboven.

Dit bestand is gemaakt met `rechtmakers regels --format md`; pas het niet met de hand aan.

| code | ernst | naam | samenvatting |
|---|---|---|---|
"""


class RulesFormat(StrEnum):
    tekst = "tekst"
    md = "md"


def complete_codes(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the rule codes that start with what was typed, with their summary."""
    from rechtmakers.checks import RULES

    return [(code, rule.summary) for code, rule in RULES.items()
            if code.lower().startswith(incomplete.lower())]


@app.command()
def regels(
    code: str = typer.Argument(None, metavar="CODE", show_default=False,
                               autocompletion=complete_codes, help=(
        "Een regelcode (zoals C001) of regelnaam: toon de uitleg met een goed en een fout "
        "voorbeeld.")),
    fmt: RulesFormat = typer.Option(RulesFormat.tekst, "--format", "-f", help=(
        "tekst (voor de terminal) of md (Markdown, zoals docs/regels.md).")),
) -> None:
    """Toon alle regels van validate, of leg één regel uit."""
    from rechtmakers.checks import RULES

    with guarded():
        rules = [find_rule(code)] if code else list(RULES.values())
    if fmt is RulesFormat.md:
        typer.echo(markdown(rules, full=not code), nl=False)
    elif code:
        typer.echo(explain(rules[0]))
    else:
        typer.echo(listing(rules))


def find_rule(wanted: str) -> Rule:
    """The rule with this code or name; a Dutch UsageError with a suggestion otherwise."""
    from rechtmakers.checks import RULES
    from rechtmakers.errors import UsageError

    by_key = {rule.code.lower(): rule for rule in RULES.values()}
    by_key |= {rule.name: rule for rule in RULES.values()}
    found = by_key.get(wanted.strip().lower())
    if found:
        return found
    guess = difflib.get_close_matches(wanted.strip().lower(), list(by_key), n=1, cutoff=0.5)
    hint = f" Bedoelde je {by_key[guess[0]].code} ({by_key[guess[0]].name})?" if guess else ""
    raise UsageError(f'De regel "{wanted}" bestaat niet.{hint} Alle regels: rechtmakers regels.')


def listing(rules: list[Rule]) -> str:
    """One line per rule: code, severity, name, summary."""
    width = max(len(rule.name) for rule in rules)
    return "\n".join(f"{rule.code}  {rule.severity.dutch:<12}  {rule.name:<{width}}  "
                     f"{rule.summary}" for rule in rules)


def explain(rule: Rule) -> str:
    """The rule's heading and its documentation, for the terminal."""
    return (f"{rule.code} {rule.name} ({rule.severity.dutch})\n{rule.summary}\n\n"
            f"{rule.explanation.strip()}")


def markdown(rules: list[Rule], *, full: bool) -> str:
    """The rule reference in Markdown: a table and a section per rule."""
    sections = "".join(_section(rule) for rule in rules)
    if not full:
        return sections.lstrip("\n")
    table = "".join(f"| [{r.code}](#{r.code.lower()}) | {r.severity.dutch} | {r.name} | "
                    f"{_cell(r.summary)} |\n" for r in rules)
    return MD_HEADER + table + sections


def _section(rule: Rule) -> str:
    return (f"\n## {rule.code}\n\n**{rule.name}** · {rule.severity.dutch} · {rule.summary}\n\n"
            f"{rule.explanation.strip()}\n")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")

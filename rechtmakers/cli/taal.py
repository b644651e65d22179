"""`rechtmakers taal`: readability scores and plain-language findings per article."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from rechtmakers.cli.app import app, guarded
from rechtmakers.source_names import DEFAULT_DIR
from rechtmakers.visible import printable

_C1 = re.compile("[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")

if TYPE_CHECKING:
    from rechtmakers.json_value import JsonObject
    from rechtmakers.language.readability import Counts
    from rechtmakers.language.report import AgreementReport, Located


class Format(StrEnum):
    tekst = "tekst"
    json = "json"
    md = "md"
    html = "html"


@app.command()
def taal(
    paths: list[Path] = typer.Argument(None, metavar="PAD", help="Overeenkomsten (mappen) of "
                                       f"een map met overeenkomsten. Standaard: {DEFAULT_DIR}/.",
                                       show_default=False),
    fmt: Format = typer.Option(Format.tekst, "--format", "-f", help="Uitvoer: tekst, json, md "
                               "of html (de passages gemarkeerd in de tekst)."),
) -> None:
    """Toon per artikel de leesbaarheid en de taalmeldingen (T001–T007).

    Scores zijn een richtlijn, geen oordeel. Exitcode 0: rapport getoond (ook met meldingen).
    1: een overeenkomst is niet te lezen (rechtmakers validate toont waarom). 2: verkeerd
    aangeroepen.
    """
    from rechtmakers.language.config import load_config
    from rechtmakers.language.report import agreement_report
    from rechtmakers.validate import find_agreements
    from rechtmakers.versions import working

    with guarded():
        config = load_config(Path.cwd())
        roots = find_agreements(paths or [])
        # Through the gate: a file that did not load would shift every article number after it.
        loaded = [working(root) for root in roots]
    reports = [agreement_report(agreement, config) for agreement in loaded]
    typer.echo(FORMATTERS[fmt.value](reports), nl=False)


def number(value: float) -> str:
    """A score as Dutch writes it: one decimal, with a comma."""
    return f"{value:.1f}".replace(".", ",")


def _scores(counts: Counts) -> str:
    return (f"Flesch-Douma {number(counts.flesch_douma)} ({counts.douma_band}), Leesindex A "
            f"{number(counts.leesindex_a)} ({counts.leesindex_band})")


def _line(finding: Located) -> str:
    return f"  {finding.location}: {finding.code} {finding.severity.dutch}: {finding.message}"


def as_text(reports: list[AgreementReport]) -> str:
    lines: list[str] = []
    for report in reports:
        lines.append(f"{report.title}")
        for article in report.articles:
            label = f"Artikel {article.number}" if article.number else "Overeenkomst"
            lines.append(f"{label} – {article.title}: {article.counts.sentences} zinnen, "
                         f"{article.counts.words} woorden; {_scores(article.counts)}")
            lines.extend(_line(finding) for finding in article.findings)
        lines.extend(_line(finding) for finding in report.findings)
        count = sum(len(a.findings) for a in report.articles) + len(report.findings)
        noun = "melding" if count == 1 else "meldingen"
        lines.append(f"Totaal: {report.total.sentences} zinnen, {report.total.words} woorden; "
                     f"{_scores(report.total)}; {count} {noun}.")
        lines.append("")
    return printable("\n".join(lines))


def as_markdown(reports: list[AgreementReport]) -> str:
    from rechtmakers.render.markdown import code_span, escape

    def md(text: str) -> str:  # data as Markdown text on one line, as render escapes it
        return escape(printable(" ".join(text.split())))

    lines: list[str] = []
    for report in reports:
        lines += [f"# Taalrapport: {md(report.title)}", "",
                  "| Artikel | Zinnen | Woorden | Flesch-Douma | Leesindex A | Meldingen |",
                  "|---|---:|---:|---:|---:|---:|"]
        for article in report.articles:
            counts = article.counts
            lines.append(f"| {article.number or ''} {md(article.title)} | {counts.sentences} | "
                         f"{counts.words} | {number(counts.flesch_douma)} ({counts.douma_band}) | "
                         f"{number(counts.leesindex_a)} ({counts.leesindex_band}) | "
                         f"{len(article.findings)} |")
        total = report.total
        lines += [f"| **Totaal** | {total.sentences} | {total.words} | "
                  f"{number(total.flesch_douma)} ({total.douma_band}) | "
                  f"{number(total.leesindex_a)} ({total.leesindex_band}) | |", ""]
        findings = [f for a in report.articles for f in a.findings] + list(report.findings)
        lines += [f"- {code_span(printable(str(f.location)))} **{f.code}** {md(f.message)}"
                  for f in findings]
        lines.append("")
    return "\n".join(lines)


def _counts(counts: Counts) -> JsonObject:
    return {"sentences": counts.sentences, "words": counts.words,
            "syllables": counts.syllables,
            "flesch_douma": round(counts.flesch_douma, 1), "flesch_douma_band": counts.douma_band,
            "leesindex_a": round(counts.leesindex_a, 1),
            "leesindex_a_band": counts.leesindex_band}


def _finding(finding: Located) -> JsonObject:
    return {"code": finding.code, "severity": finding.severity, "message": finding.message,
            "file": finding.location.display_path(), "line": finding.location.line,
            "column": finding.location.column, "passage": finding.excerpt}


def as_json(reports: list[AgreementReport]) -> str:
    import json

    data = [{"id": r.id, "title": r.title, "total": _counts(r.total),
             "findings": [_finding(f) for f in r.findings],
             "articles": [{"id": a.id, "number": a.number, "title": a.title,
                           **_counts(a.counts),
                           "findings": [_finding(f) for f in a.findings]}
                          for a in r.articles]} for r in reports]
    # C1 and DEL only stand inside JSON strings, where \u escapes mean the same.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}",
                   json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def as_html(reports: list[AgreementReport]) -> str:
    from rechtmakers.render.templating import environment

    env = environment(house_style=None, autoescape=True, filters={
        "getal": number,
        "zip_messages": lambda codes, messages: "; ".join(
            f"{code}: {message}" for code, message in zip(codes, messages, strict=True))})
    return env.get_template("taal.html.j2").render(reports=reports)


FORMATTERS = {"tekst": as_text, "json": as_json, "md": as_markdown, "html": as_html}

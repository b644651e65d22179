"""Quick fixes wherever a finding names its fix: "Bedoelde je …?", the plain word of a T-rule,
the colon or quotes a syntax hint asks for, the indentation it names, a raised versie."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

if TYPE_CHECKING:
    from rechtmakers.lsp.server import RechtmakersServer

Fix = tuple[str, list[lsp.TextEdit]]
Maker = Callable[[re.Match[str], lsp.Diagnostic, list[str]], Fix | None]


def _text(lines: list[str], rng: lsp.Range) -> str:
    if rng.start.line != rng.end.line or rng.start.line >= len(lines):
        return ""
    return lines[rng.start.line][rng.start.character:rng.end.character]


def _replace(title: str, rng: lsp.Range, text: str) -> Fix:
    return title, [lsp.TextEdit(rng, text)]


def _suggestion(match: re.Match[str], diagnostic: lsp.Diagnostic, lines: list[str]) -> Fix:
    word = match.group(1)
    return _replace(f"Vervang door {word}", diagnostic.range, word)


def _plain_word(match: re.Match[str], diagnostic: lsp.Diagnostic, lines: list[str]
                ) -> Fix | None:
    old, new = match.group(1), match.group(2).split(" of ")[0].strip()
    shown = _text(lines, diagnostic.range)
    if shown.lower() != old.lower() or "…" in new:
        return None
    if shown[:1].isupper():
        new = new[:1].upper() + new[1:]
    return _replace(f'Schrijf "{new}"', diagnostic.range, new)


def _colon(match: re.Match[str], diagnostic: lsp.Diagnostic, lines: list[str]) -> Fix | None:
    word = match.group(1)
    start = diagnostic.range.start
    line = lines[start.line] if start.line < len(lines) else ""
    if not line.startswith(word, start.character):
        return None
    at = lsp.Position(start.line, start.character + len(word))
    rest = line[at.character:]
    insert = ":" if rest.startswith(" ") or not rest else ": "
    return f'Zet een dubbele punt na "{word}"', [lsp.TextEdit(lsp.Range(at, at), insert)]


def _quote(match: re.Match[str], diagnostic: lsp.Diagnostic, lines: list[str]) -> Fix | None:
    number = diagnostic.range.start.line
    line = lines[number] if number < len(lines) else ""
    start = value_start(line)
    value = line[start:].rstrip()
    if not value or value.startswith("|"):
        return None
    body = value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" \
        else value
    if body.startswith(("'", '"')) and not value.endswith(body[0]):
        body = value  # an opening quote that never closes: it is part of the text
    quoted = "'" + body.replace("'", "''") + "'"
    rng = lsp.Range(lsp.Position(number, start), lsp.Position(number, start + len(value)))
    return _replace("Zet de tekst tussen enkele aanhalingstekens", rng, quoted)


def _indent(match: re.Match[str], diagnostic: lsp.Diagnostic, lines: list[str]
            ) -> Fix | None:
    wanted = int(match.group(1))
    number = diagnostic.range.start.line
    line = lines[number] if number < len(lines) else ""
    now = len(line) - len(line.lstrip(" "))
    rng = lsp.Range(lsp.Position(number, 0), lsp.Position(number, now))
    return _replace(f"Spring in met {wanted} spaties", rng, " " * wanted)


def _exact(match: re.Match[str], diagnostic: lsp.Diagnostic, lines: list[str]
           ) -> Fix | None:
    """Replace the value on the finding's line by what the message spells out."""
    new = match.group(1)
    number = diagnostic.range.start.line
    line = lines[number] if number < len(lines) else ""
    start = value_start(line)
    end = len(line.split(" #")[0].rstrip())
    if start >= end:
        return None
    rng = lsp.Range(lsp.Position(number, start), lsp.Position(number, end))
    return _replace(f"Schrijf {new}", rng, new)


def value_start(line: str) -> int:
    """Where the value on a `key: value` or `- value` line starts."""
    match = re.match(r" *(?:- +)*(?:[\w-]+: +)?", line)
    return match.end() if match else 0


FIXES: tuple[tuple[re.Pattern[str], Maker], ...] = (
    (re.compile(r'Bedoelde je "([^"]+)"\?'), _suggestion),
    (re.compile(r"Bedoelde je (\[\[[a-z0-9.-]+\]\]|@[a-z0-9-]+)\?"), _suggestion),
    (re.compile(r'^"([^"]+)" is ambtelijke taal; schrijf liever "([^"]+)"'), _plain_word),
    (re.compile(r'Na "([\w-]+)" ontbreekt de dubbele punt'), _colon),
    (re.compile(r"Laat deze regel inspringen met (\d+) spaties"), _indent),
    (re.compile(r"Maak er versie: (\d+) van"), _exact),
    (re.compile(r"schrijf dan bijvoorbeeld versie: (\d+)\."), _exact),
    (re.compile(r"Verhoog het versienummer, bijvoorbeeld naar (\d+\.\d+\.\d+)"), _exact),
    (re.compile(r"[Zz]et (?:de hele tekst(?: dan)?|die dan) tussen aanhalingstekens(?!: \")"),
     _quote),
    (re.compile(r'tussen aanhalingstekens: ("[^"]*")'), _exact),
)


def fixes_for(diagnostic: lsp.Diagnostic, lines: list[str]) -> list[Fix]:
    found = []
    for pattern, make in FIXES:
        match = pattern.search(diagnostic.message)
        if match is not None and (fix := make(match, diagnostic, lines)) is not None:
            found.append(fix)
    return found


def register(server: RechtmakersServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_actions(ls: RechtmakersServer, params: lsp.CodeActionParams
                     ) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        lines = [line.rstrip("\r\n") for line in document.lines]
        actions: list[lsp.CodeAction] = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != "rechtmakers":
                continue
            for title, edits in fixes_for(diagnostic, lines):
                actions.append(lsp.CodeAction(
                    title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                    is_preferred=len(actions) == 0,
                    edit=lsp.WorkspaceEdit(changes={uri: edits})))
        return actions

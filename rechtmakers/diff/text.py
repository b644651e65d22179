"""The rendered Dutch text of an agreement as lines: what the word-level comparison reads."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

from rechtmakers.agreement import Agreement
from rechtmakers.document.labels import DECISION_METHODS, PARTY_KINDS
from rechtmakers.model import Article, Party
from rechtmakers.resolve import resolve_plain

Say = Callable[[str], str]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r"^[ \t]*(?:([-*+])|(\d+)[.)])[ \t]+", re.MULTILINE)
_MAY_LIST = re.compile(r"(?:^|\n)[ \t]*(?:[-*+]|\d+[.)])[ \t]")
# The content of strong text cannot run past the next ** (or __): an opener without a closer
# then costs the distance to the next delimiter, not the rest of the line.
_STRONG = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"
                     r"|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"
                       r"|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\s]+\)")
_CODE = re.compile(r"`([^`\n]+)`")

def article_lines(article: Article, say: Say, number: int | None) -> list[str]:
    """The article as a reader sees it, one line per paragraph, list item, member or block entry.

    The title comes first; members read "3.1 …"; each line ends in a newline. `say` turns the
    references of a text into words (see resolver).
    """
    lines = [_plain(article.title), *_paragraphs(say(article.text))]
    lines.extend(block_lines(article, say))
    for i, member in enumerate(article.members, start=1):
        first, *rest = _paragraphs(say(member.text)) or ("",)
        lines.append(f"{number or 0}.{i} {first}")
        lines.extend(rest)
    return [f"{line}\n" for line in lines]


def source_words(article: Article, path: tuple[str | int, ...]) -> tuple[object, ...]:
    """The words the diff shows of the part of an article at path (a path of its canonical
    form, the references as written): to tell whether they show a binding change."""
    if path[:1] == ("tekst",):
        return _paragraphs(article.text)
    if path[:1] == ("titel",):
        return (_plain(article.title),)
    if path[:1] == ("leden",):
        return tuple(_paragraphs(member.text) for member in article.members)
    return tuple(block_lines(article, str))


def resolver(agreement: Agreement) -> Say:
    """References read as in this version of the agreement: "artikel 3", a party's name."""
    return lambda text: resolve_plain(text, agreement)


def explanation_lines(article: Article, say: Say) -> list[str]:
    """The toelichting as lines (none when there is none)."""
    return [plain_line(line) for line in paragraphs(say(article.explanation or ""))]


def plain_line(text: str) -> str:
    """One line: white space (also newlines) collapsed, ending in a newline."""
    return f"{' '.join(text.split())}\n"


def party_line(party: Party) -> str:
    return f"{party.name} ({PARTY_KINDS[party.kind]})"


def paragraphs(markdown: str) -> list[str]:
    """Markdown as readable lines: one per paragraph or list item, inline markup removed."""
    return list(_paragraphs(markdown))


@lru_cache(maxsize=16384)
def _paragraphs(markdown: str) -> tuple[str, ...]:
    # Both versions and every view lay out mostly the same texts: read each only once.
    lines: list[str] = []
    for block in _BLANK_LINE.split(markdown.strip()) if "\n" in markdown else (markdown,):
        for item in _list_items(block) if _MAY_LIST.search(block) else (block,):
            line = _plain(item)
            if line:
                lines.append(line)
    return tuple(lines)


def _list_items(block: str) -> list[str]:
    matches = list(_LIST_ITEM.finditer(block))
    if not matches:
        return [block]
    items = [block[:matches[0].start()]] if matches[0].start() > 0 else []
    ends = [m.start() for m in matches[1:]] + [len(block)]
    for match, end in zip(matches, ends, strict=True):
        marker = "•" if match.group(1) else f"{match.group(2)}."
        items.append(f"{marker} {block[match.end():end]}")
    return items


def plain_words(text: str) -> str:
    """Inline Markdown as the words a reader sees: markup removed, blanks collapsed, NFC."""
    return _plain(text)


def _plain(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return text


def block_lines(article: Article, say: Say) -> Iterator[str]:
    """The structured block of a domain article, as readable lines."""
    if article.decision:
        yield f"Wie besluit: {_plain(say(article.decision.body))}"
        yield f"Hoe: {DECISION_METHODS[article.decision.method]}"
        if article.decision.quorum:
            yield f"Wie er moeten zijn: {_plain(say(article.decision.quorum))}"
    if article.dialogue:
        for i, step in enumerate(article.dialogue.steps, start=1):
            yield _plain(f"Stap {i}: {say(step.name)}. Wie: {say(step.who)}. "
                         f"Termijn: {step.term}.")
            yield from _paragraphs(say(step.text))
    if article.citizen:
        for guard in article.citizen.safeguards:
            yield f"Wat: {_plain(say(guard.what))}"
            yield f"Hoe: {_plain(say(guard.how))}"
            yield f"Wanneer: {_plain(say(guard.when))}"
    if article.conduct:
        yield from (f"Dit helpt: {_plain(say(item))}" for item in article.conduct.helps)
        yield from (f"Dit helpt niet: {_plain(say(item))}" for item in article.conduct.hinders)
    if article.joining:
        yield from (f"Wat instappen betekent: {_plain(say(item))}"
                    for item in article.joining.means)

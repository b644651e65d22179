"""One set of format names for every command, with the other spellings as aliases.

Human-readable output is `tekst` everywhere (validate, taal, regels, diff, status, verify, log);
`text`, `human` and `terminal` are accepted for it, `markdown` for `md` and `word` for `docx`.
Choices are matched through click's token normalisation, which the root context passes on to
every command: both the user's word and the command's choices are normalised, so an alias
finds its format whatever a command calls it internally.
"""

from __future__ import annotations

TEXT = "tekst"
ALIASES = {"text": TEXT, "human": TEXT, "terminal": TEXT, "markdown": "md", "word": "docx"}


def normalize_token(token: str) -> str:
    """A format name (or command or option name) in its one spelling: lower case, no alias."""
    lowered = token.lower()
    return ALIASES.get(lowered, lowered)


def canonical_formats(value: str) -> list[str]:
    """The formats of a comma-separated list such as render's `md,html`, aliases resolved."""
    return [normalize_token(part.strip()) for part in value.split(",") if part.strip()]

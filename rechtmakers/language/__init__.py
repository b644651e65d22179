"""Plain Dutch checks of clause texts: jargon, long sentences, passive voice and readability."""

from rechtmakers.language.analysis import sentence_spans
from rechtmakers.language.config import ConfigError, LanguageConfig, load_config
from rechtmakers.language.readability import Counts, Scores, count_text, readability
from rechtmakers.language.rules import RULES, LanguageFinding, check_text, unused_terms
from rechtmakers.language.syllables import count_syllables

__all__ = [
    "RULES",
    "ConfigError",
    "Counts",
    "LanguageConfig",
    "LanguageFinding",
    "Scores",
    "check_text",
    "count_syllables",
    "count_text",
    "load_config",
    "readability",
    "sentence_spans",
    "unused_terms",
]

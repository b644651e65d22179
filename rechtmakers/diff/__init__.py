"""Compare two versions of an agreement: article changes, word edits, and their views."""

from rechtmakers.diff.articles import ArticleDiff, Change
from rechtmakers.diff.compare import Comparison, compare
from rechtmakers.diff.metadata import MetaChange
from rechtmakers.diff.words import Edit

__all__ = ["ArticleDiff", "Change", "Comparison", "Edit", "MetaChange", "compare"]

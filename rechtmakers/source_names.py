"""The names of an agreement's source, declared once: its files and folders, the settings file
and the folder `validate` and `diff` search by default.

This module imports nothing, so any module may use it without loading the model (the CLI's
start-up, safe_write) and without breaking the one-way flow. Dutch messages that name a file
or folder build its name from these constants.
"""

from __future__ import annotations

META_FILE = "overeenkomst.yaml"  # the agreement itself: title, version, article order
PARTIES_FILE = "partijen.yaml"  # the parties and their representatives (and keys)
TERMS_FILE = "begrippen.yaml"  # the defined terms
ARTICLES_DIR = "artikelen"  # one <id>.yaml per article
ANNEXES_DIR = "bijlagen"  # the annexes' files, signed with the text
SIGNOFFS_DIR = "ondertekeningen"  # the sign-off records and their evidence
TRUST_DIR = "vertrouwd"  # certificates that may vouch for a signed PDF

CONFIG_FILE = "rechtmakers.toml"  # the settings, when not in pyproject.toml
PROJECT_FILE = "pyproject.toml"  # may hold the settings as [tool.rechtmakers]
DEFAULT_DIR = "agreements"  # where the agreements are when no path is given

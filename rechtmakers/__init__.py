"""rechtmakers: samenwerkingsovereenkomsten als code."""

__version__ = "0.1.0"
# Where rechtmakers lives: CI templates install from here (pinned to the tag v<version>), and an
# internal error tells the user to report it here. pyproject.toml's [project.urls] agrees.
REPOSITORY = "https://github.com/rechtmakers/rechtmakers"
ISSUES = f"{REPOSITORY}/issues"

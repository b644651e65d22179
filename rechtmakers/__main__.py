"""`python -m rechtmakers`."""

from rechtmakers.cli import main

main()

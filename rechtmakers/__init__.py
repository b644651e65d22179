"""rechtmakers: samenwerkingsovereenkomsten als code."""

__version__ = "0.1.0"

"""`rechtmakers inlezen`: a partner's returned Word review read back into the YAML source."""

from rechtmakers.inlezen.core import Outcome, read_back

__all__ = ["Outcome", "read_back"]

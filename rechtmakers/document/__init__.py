"""The document model: the parsed, numbered tree of an agreement that is drawn and diffed."""

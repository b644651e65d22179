"""rechtmakers lsp: a language server that runs the validator while the jurist types.

It sits after checks in the flow: it reads the agreement with the loader, checks it with the
same engine as `rechtmakers validate`, and shows numbers and texts as the document shows them.
"""

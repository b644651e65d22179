"""`rechtmakers --version` starts fast: no heavy library is imported for it.

How long it takes is measured by benchmarks/bench_validate.py, not here: timings are figures to
report, not something a test on a shared machine can assert.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("pydantic", "jinja2", "git", "markdown_it", "docx", "babel", "yaml", "rich", "typer")
PROBE = """
import json, sys
sys.argv = ["rechtmakers", "--version"]
from rechtmakers.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run Python as a user's shell would: with bytecode caches, without profiling."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_version_imports_no_heavy_library() -> None:
    result = run("-c", PROBE)
    assert result.stdout == "rechtmakers 0.1.0\n" or result.stdout.startswith("rechtmakers ")
    imported = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))

"""Accept or reject all tracked changes of DOCX files in LibreOffice, and print their paragraphs.

Run with the system Python that has LibreOffice's `uno` module (Debian python3-uno), not the
project's virtual environment:

    /usr/bin/python3 uno_changes.py OUT.json accept:a.docx reject:a.docx keep:b.docx

Each argument is MODE:PATH; MODE is accept (.uno:AcceptAllTrackedChanges), reject
(.uno:RejectAllTrackedChanges) or keep (read as it is). It starts its own headless soffice with
a private user profile and pipe, so runs never share state, and writes a JSON object to OUT:
{"MODE:PATH": [[kind, style, label, text], ...]} with one entry per paragraph in reading order
(kind "p" for body paragraphs, "cel" for the paragraphs of table cells, row by row), or
{"fout": message} when LibreOffice could not be started.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def _property(name: str, value: Any) -> Any:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _connect(pipe: str, process: subprocess.Popen[bytes]) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 90
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def _paragraphs(text: Any, kind: str, out: list[list[str]]) -> None:
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            label = element.getPropertyValue("ListLabelString") or ""
            out.append([kind, element.getPropertyValue("ParaStyleName"), label,
                        element.getString()])
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in _cell_names(element):
                _paragraphs(element.getCellByName(name).getText(), "cel", out)


def _cell_names(table: Any) -> list[str]:
    """Cell names (A1, B1, …, A2, …) row by row, as the table reads."""
    names = list(table.getCellNames())

    def order(name: str) -> tuple[int, int]:
        letters = "".join(c for c in name if c.isalpha())
        digits = "".join(c for c in name if c.isdigit())
        column = 0
        for c in letters:
            column = column * 26 + ord(c.upper()) - 64
        return int(digits or 0), column

    return sorted(names, key=order)


def read(ctx: Any, jobs: list[tuple[str, Path]]) -> dict[str, Any]:
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    found: dict[str, Any] = {}
    for mode, path in jobs:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(path.resolve())),
                                           "_blank", 0, (_property("Hidden", True),))
        try:
            if mode in COMMANDS:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, COMMANDS[mode], "", 0, ())
            out: list[list[str]] = []
            _paragraphs(doc.getText(), "p", out)
            left = 0
            redlines = doc.getRedlines().createEnumeration()
            while redlines.hasMoreElements():
                redlines.nextElement()
                left += 1
            found[f"{mode}:{path}"] = {"paragraphs": out, "changes_left": left}
        finally:
            doc.close(True)
    return found


def main(argv: list[str]) -> int:
    target = Path(argv[0])
    jobs = []
    for arg in argv[1:]:
        mode, _, path = arg.partition(":")
        jobs.append((mode, Path(path)))
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        target.write_text(json.dumps({"fout": "soffice niet gevonden"}), encoding="utf-8")
        return 2
    with tempfile.TemporaryDirectory(prefix="rechtmakers-uno-") as profile:
        pipe = f"rechtmakers_{os.getpid()}_{time.monotonic_ns()}"
        process = subprocess.Popen(
            [program, "--headless", "--invisible", "--nologo", "--norestore",
             "--nodefault", "--nolockcheck", f"-env:UserInstallation=file://{profile}",
             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ctx = _connect(pipe, process)
            result = read(ctx, jobs)
            try:
                ctx.ServiceManager.createInstanceWithContext(
                    "com.sun.star.frame.Desktop", ctx).terminate()
            except Exception:  # noqa: BLE001 - the bridge closes as soffice quits
                pass
        except Exception as exc:  # noqa: BLE001 - reported to the test as data
            result = {"fout": f"{type(exc).__name__}: {exc}"}
        finally:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    target.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

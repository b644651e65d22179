"""A partner's review made by the real client: LibreOffice, driven over UNO.

Run by the system Python that has `uno` (Debian python3-uno), not by the project's venv:

    /usr/bin/python3 uno_review.py IN.docx OUT.docx SPEC.json

SPEC.json: {"author": "Petra Jansen", "edits": [{"find": "…", "replace": "…", "track": true}],
"comments": [{"find": "…", "text": "…", "author": "…"}]}. Each edit replaces the first match
of `find` (case-sensitive) with change tracking on or off; each comment is an annotation that
spans its match. The result is saved as Word 2007 XML (DOCX). LibreOffice runs headless with
its own profile, started and stopped by this script.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, process):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 — not listening yet
            if time.time() > deadline or process.poll() is not None:
                raise
            time.sleep(0.2)


def set_user(ctx, author):
    first, _, last = author.partition(" ")
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    access.setPropertyValue("givenname", first)
    access.setPropertyValue("sn", last)
    access.commitChanges()


def find(doc, text):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"niet gevonden in het document: {text!r}")
    return found


def _now():
    from com.sun.star.util import DateTime  # type: ignore[import-not-found]

    moment = time.gmtime()
    stamp = DateTime()
    stamp.Year, stamp.Month, stamp.Day = moment.tm_year, moment.tm_mon, moment.tm_mday
    stamp.Hours, stamp.Minutes, stamp.Seconds = moment.tm_hour, moment.tm_min, moment.tm_sec
    return stamp


def review(ctx, source, target, spec):
    set_user(ctx, spec.get("author", "Petra Jansen"))
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                       (prop("Hidden", True),))
    try:
        for edit in spec.get("edits", []):
            doc.RecordChanges = bool(edit.get("track", True))
            find(doc, edit["find"]).setString(edit["replace"])
        doc.RecordChanges = False
        for comment in spec.get("comments", []):
            found = find(doc, comment["find"])
            note = doc.createInstance("com.sun.star.text.textfield.Annotation")
            note.Author = comment.get("author", spec.get("author", "Petra Jansen"))
            note.Content = comment["text"]
            note.DateTimeValue = _now()
            found.getText().insertTextContent(found, note, True)
        doc.storeToURL(uno.systemPathToFileUrl(target),
                       (prop("FilterName", "MS Word 2007 XML"), prop("Overwrite", True)))
    finally:
        doc.close(True)


def main(argv):
    source, target, spec_path = (os.path.abspath(a) for a in argv[1:4])
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    home = tempfile.mkdtemp(prefix="rm-uno-")
    pipe = f"rechtmakers_review_{os.getpid()}"
    program = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"
    process = subprocess.Popen(
        [program, f"-env:UserInstallation={uno.systemPathToFileUrl(home + '/profiel')}",
         "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"--accept=pipe,name={pipe};urp;"],
        env={**os.environ, "HOME": home}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe, process)
        review(ctx, source, target, spec)
        try:
            ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                         ctx).terminate()
        except Exception:  # noqa: BLE001 — the bridge closes as LibreOffice quits
            pass
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv)

"""Benchmark `rechtmakers inlezen` against `render --format docx` (prints figures; not a test).

Target (issue 12): reading back a review with 20 tracked edits and 5 comments of the synthetic
1,000-article agreement takes ≤ 2 × `rechtmakers render --format docx` of the same agreement,
measured in the same run, both through the command line (start-up, reading, validating and
writing included). The review is made here by editing the rendered DOCX's XML the way Word
stores tracked changes (w:del/w:ins) and comments (comments.xml with a comment range): a
LibreOffice round trip of a document this size would measure LibreOffice, not us.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

RUNS = 3
EDITS = 20
COMMENTS = 5
_LID = re.compile(r'<w:bookmarkStart w:id="\d+" w:name="lid_[^"]+"/>')
_RUN = re.compile(r'<w:r><w:t xml:space="preserve">([^<]{20,})</w:t></w:r>')
_STAMP = 'w:author="Petra Jansen" w:date="2026-03-01T10:00:00Z"'
_COMMENTS_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                  "comments+xml")
_COMMENTS_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                 "comments")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def wall(cmd: list[str], cwd: Path, runs: int = RUNS, reset: Path | None = None,
         backup: Path | None = None) -> float:
    times = []
    for _ in range(runs):
        if reset is not None and backup is not None:
            shutil.rmtree(reset)
            shutil.copytree(backup, reset)
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(done.stderr.decode()[-2000:])
    return min(times)


def make_review(docx: bytes) -> bytes:
    """20 tracked word changes in leden and 5 comments on others, as Word writes them."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    xml = source.read("word/document.xml").decode("utf-8")
    starts = [m.end() for m in _LID.finditer(xml)]
    step = max(1, len(starts) // (EDITS + COMMENTS))
    chosen = starts[::step][:EDITS + COMMENTS]
    pieces, last, notes = [], 0, []
    for n, at in enumerate(chosen):
        run = _RUN.search(xml, at)
        assert run is not None
        pieces.append(xml[last:run.start()])
        text = run.group(1)
        if n < EDITS:
            # A word of the clause's own text (not a party name): the last lower-case one.
            word = next(w for w in reversed(text.split(" ")) if w.isalpha() and w.islower())
            head, _, tail = text.rpartition(f" {word}")
            pieces.append(f'<w:r><w:t xml:space="preserve">{head} </w:t></w:r>'
                          f'<w:del w:id="{900 + n}" {_STAMP}><w:r><w:delText>{word}'
                          f'</w:delText></w:r></w:del><w:ins w:id="{950 + n}" {_STAMP}><w:r>'
                          f'<w:t>voortaan</w:t></w:r></w:ins>'
                          f'<w:r><w:t xml:space="preserve">{tail}</w:t></w:r>')
        else:
            cid = n - EDITS
            pieces.append(f'<w:commentRangeStart w:id="{cid}"/>{run.group()}'
                          f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference '
                          f'w:id="{cid}"/></w:r>')
            notes.append(f'<w:comment w:id="{cid}" w:author="Karel de Vries" '
                         'w:date="2026-03-01T11:00:00Z"><w:p><w:r><w:t>Klopt dit wel?</w:t>'
                         "</w:r></w:p></w:comment>")
        last = run.end()
    pieces.append(xml[last:])
    comments = f'<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{_W}">' \
               f'{"".join(notes)}</w:comments>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = "".join(pieces).encode("utf-8")
            elif name == "[Content_Types].xml":
                content = content.replace(b"</Types>", (
                    f'<Override PartName="/word/comments.xml" ContentType="{_COMMENTS_TYPE}"/>'
                    "</Types>").encode())
            elif name == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdOpm" Type="{_COMMENTS_REL}" Target="comments.xml"/>'
                    "</Relationships>").encode())
            target.writestr(name, content)
        target.writestr("word/comments.xml", comments)
    return out.getvalue()


def cpu(action: Callable[[], Any], runs: int = RUNS, before: Callable[[], Any] | None = None
        ) -> float:
    """Least CPU time of a few runs in this process: steadier than wall time on a busy host."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def in_process(root: Path, backup: Path, review: Path) -> tuple[float, float]:
    """CPU seconds of render --format docx (read, validate, render) and of inlezen (writes)."""
    from rechtmakers.digest import content_digest
    from rechtmakers.document.build import build_document
    from rechtmakers.inlezen import read_back
    from rechtmakers.render.docx import render_docx
    from rechtmakers.validate import validate_agreement

    def render() -> None:
        agreement = validate_agreement(root).agreement
        render_docx(build_document(agreement, content_digest(agreement)))

    def reset() -> None:
        shutil.rmtree(root)
        shutil.copytree(backup, root)

    read = cpu(lambda: read_back(review, root, root.parent), before=reset)
    return cpu(render), read


def main() -> None:
    exe = [sys.executable, "-m", "rechtmakers"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = work / "synthetisch"
        synth.generate(root, articles=1000, parties=15, seed=1)
        backup = work / "kopie"
        shutil.copytree(root, backup)
        render = wall([*exe, "render", str(root), "-f", "docx", "-o", str(work / "b")], work)
        docx = (work / "b" / "synthetisch" / "synthetisch.docx").read_bytes()
        review = work / "review.docx"
        review.write_bytes(make_review(docx))
        dry = wall([*exe, "inlezen", str(review), str(root), "--dry-run", "-f", "json"], work)
        applied = wall([*exe, "inlezen", str(review), str(root), "-f", "json"], work,
                       reset=root, backup=backup)
        shutil.rmtree(root)
        shutil.copytree(backup, root)
        done = subprocess.run([*exe, "inlezen", str(review), str(root)], cwd=work,
                              capture_output=True, text=True, check=False)
        summary = [line for line in done.stdout.splitlines()
                   if line.startswith(("Gewijzigd", "Opmerkingen", "Niet toegepast",
                                       "Conflicten"))]
        cpu_render, cpu_read = in_process(root, backup, review)
    print("synthetic agreement: 1,000 articles, 15 parties; review: "
          f"{EDITS} tracked edits, {COMMENTS} comments")
    print("command line, wall, best of 3:")
    print(f"  rechtmakers render -f docx          {render:.3f} s")
    print(f"  rechtmakers inlezen --dry-run       {dry:.3f} s   ({dry / render:.2f} x render)")
    print(f"  rechtmakers inlezen (writes)        {applied:.3f} s   ({applied / render:.2f} x "
          "render)   target <= 2.0 x")
    print(f"  exit {done.returncode}: {'; '.join(summary)}")
    print("in process, CPU time, best of 3 (steadier on a shared machine):")
    print(f"  render (validate + tree + docx)     {cpu_render:.3f} s")
    print(f"  inlezen (writes + validates)        {cpu_read:.3f} s   ({cpu_read / cpu_render:.2f}"
          " x render)   target <= 2.0 x")


if __name__ == "__main__":
    main()

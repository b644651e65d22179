"""The shortest edit script between two sequences (Myers, 1986): fast when few things changed.

Every comparison of sequences in the package goes through here, with its bounds: diff shows
differences with sequence_opcodes, inlezen aligns words and paragraphs with alignment_opcodes.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher

# (tag, i1, i2, j1, j2) as difflib's get_opcodes gives them.
Opcode = tuple[str, int, int, int, int]

# The bounds of every comparison in the package, here and nowhere else. Each keeps a comparison
# near linear in the size of what is compared, also on hostile text.
#
# Showing differences (diff): beyond MAX_EDITS edits a sequence was rewritten rather than edited,
# and the shortest edit script (O((N + M) · D) for D edits) gives way to difflib's longest common
# stretches, which read better for a rewritten text.
MAX_EDITS = 200
# Beyond this many pairs of items difflib's search is not run: it is quadratic on repetitive
# text; the stretch between the common start and end counts as replaced.
MAX_PAIRS = 1_000_000
# Aligning (inlezen): a reviewer's edit is spliced into the source at the aligned words, and an
# alignment coarser than the shortest script turns a small edit into a large (or refused) one.
# So inlezen keeps the shortest script up to ten times more edits than diff, and beyond that
# takes the stretch as rewritten: no difflib stage, whose longest-first matching may pair a
# common word with one far away.
ALIGN_EDITS = 2_000


def sequence_opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """How diff compares two sequences (words, lines, keys): a shortest edit script when there
    are at most MAX_EDITS edits (Myers, near linear), else the longest common stretches first
    (difflib), else, beyond MAX_PAIRS pairs, the common start and end kept and the middle
    replaced."""
    ops = opcodes(a, b, MAX_EDITS)
    if ops is not None:
        return ops
    if len(a) * len(b) <= MAX_PAIRS:
        return list(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    return _rewritten(a, b)


def alignment_opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """How inlezen aligns two sequences: a shortest edit script when there are at most
    ALIGN_EDITS edits, else the common start and end kept and the middle replaced."""
    ops = opcodes(a, b, ALIGN_EDITS)
    return ops if ops is not None else _rewritten(a, b)


def _rewritten(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """The common start and end kept, everything between replaced: linear time."""
    start = _common_prefix(a, b)
    end = _common_suffix(a[start:], b[start:])
    result: list[Opcode] = []
    if start:
        result.append(("equal", 0, start, 0, start))
    result.append(("replace", start, len(a) - end, start, len(b) - end))
    if end:
        result.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return result


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], limit: int) -> list[Opcode] | None:
    """Opcodes of a shortest edit script, or None when it needs more than limit edits.

    Time is O((N + M) · D) for D edits, so a paragraph with a few changed words is compared in
    about the time it takes to read it.
    """
    prefix = _common_prefix(a, b)
    suffix = _common_suffix(a[prefix:], b[prefix:])
    middle = _middle(a[prefix:len(a) - suffix], b[prefix:len(b) - suffix], limit)
    if middle is None:
        return None
    ops: list[Opcode] = []
    if prefix:
        ops.append(("equal", 0, prefix, 0, prefix))
    ops.extend((tag, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix)
               for tag, i1, i2, j1, j2 in middle)
    if suffix:
        ops.append(("equal", len(a) - suffix, len(a), len(b) - suffix, len(b)))
    return _merged(ops)


def _common_prefix(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _middle(a: Sequence[Hashable], b: Sequence[Hashable], limit: int) -> list[Opcode] | None:
    n, m = len(a), len(b)
    if not n or not m:
        return [("delete", 0, n, 0, 0)] if n else ([("insert", 0, 0, 0, m)] if m else [])
    trace = _forward(a, b, limit)
    return None if trace is None else _backtrack(trace, n, m)


def _forward(a: Sequence[Hashable], b: Sequence[Hashable], limit: int) -> list[list[int]] | None:
    """The furthest reach on each diagonal after each number of edits, until both ends meet."""
    n, m = len(a), len(b)
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace: list[list[int]] = []
    for d in range(min(n + m, limit) + 1):
        trace.append(v[offset - d - 1:offset + d + 2])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                return trace
    return None


def _backtrack(trace: list[list[int]], n: int, m: int) -> list[Opcode]:
    """Walk the trace back from the end: each step is one edit followed by a run of matches."""
    steps: list[Opcode] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        v = trace[d]  # diagonals -d-1 … d+1, stored from index 0

        def reach(k: int, v: list[int] = v, d: int = d) -> int:
            return v[k + d + 1]

        k = x - y
        if k == -d or (k != d and reach(k - 1) < reach(k + 1)):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = reach(prev_k)
        prev_y = prev_x - prev_k
        if x > prev_x and y > prev_y:
            run = min(x - prev_x, y - prev_y)
            steps.append(("equal", x - run, x, y - run, y))
            x, y = x - run, y - run
        if d == 0:
            break
        if x == prev_x:
            steps.append(("insert", x, x, prev_y, y))
        else:
            steps.append(("delete", prev_x, x, y, y))
        x, y = prev_x, prev_y
    steps.reverse()
    return steps


def _merged(ops: list[Opcode]) -> list[Opcode]:
    """Neighbouring opcodes joined: runs of equal, and each stretch of changes as one."""
    out: list[Opcode] = []
    for tag, i1, i2, j1, j2 in ops:
        if i1 == i2 and j1 == j2:
            continue
        if out and (out[-1][0] == "equal") == (tag == "equal"):
            last = out[-1]
            merged_tag = "equal" if tag == "equal" else _change_tag(last[1], i2, last[3], j2)
            out[-1] = (merged_tag, last[1], i2, last[3], j2)
        else:
            out.append((tag if tag == "equal" else _change_tag(i1, i2, j1, j2), i1, i2, j1, j2))
    return out


def _change_tag(i1: int, i2: int, j1: int, j2: int) -> str:
    if i1 == i2:
        return "insert"
    return "delete" if j1 == j2 else "replace"

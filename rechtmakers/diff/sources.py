"""Which two versions to compare: git revisions, the working tree, or two agreement folders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rechtmakers.agreement import (
    ARTICLES_DIR,
    META_FILE,
    PARTIES_FILE,
    TERMS_FILE,
    CompleteAgreement,
    is_agreement_dir,
    load_complete,
)
from rechtmakers.diff.compare import Comparison, compare
from rechtmakers.diff.pair import load_alike, load_alike_files
from rechtmakers.errors import UsageError
from rechtmakers.git import commit as gitcommit
from rechtmakers.git import files as gitfiles
from rechtmakers.git import history as githistory
from rechtmakers.git import repo as gitrepo
from rechtmakers.source_names import DEFAULT_DIR
from rechtmakers.versions import Versions

WORKING_TREE = "werkmap"
TOOL_AUTHOR = "rechtmakers"


@dataclass(frozen=True)
class Request:
    """What the user asked for: revisions (None: the working tree) and a path, or two folders."""

    old_rev: str | None = "HEAD"
    new_rev: str | None = None
    path: Path | None = None
    folders: tuple[Path, Path] | None = None
    labels: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Result:
    """The comparison, and who and when to name as the author of the changes (for DOCX).

    `attribution` names, per article id (and FRONT for the agreement's own files), the author
    and date of the last commit between the two versions that touched it; author and date
    stand for the changes no commit made (the working tree, two folders).
    """

    comparison: Comparison
    author: str
    date: dt.datetime
    attribution: Mapping[str, tuple[str, dt.datetime]] = field(default_factory=dict)


def parse_arguments(args: Sequence[str], cwd: Path) -> Request:
    """[OLD] [NEW] [PATH], or two agreement folders; the last argument is PATH when it exists."""
    if len(args) > 3:
        raise UsageError("Te veel argumenten: geef hooguit OUD, NIEUW en een pad.")
    if len(args) == 2 and all(is_agreement_dir(cwd / a) for a in args):
        return Request(folders=(cwd / args[0], cwd / args[1]), labels=(args[0], args[1]))
    revs, path = list(args), None
    if revs and (cwd / revs[-1]).exists():
        path = cwd / revs.pop()
    if len(revs) > 2:
        raise UsageError(f"{args[-1]} is geen bestaand pad. Geef hooguit twee revisies: OUD en "
                         "NIEUW.")
    if not revs:
        return Request("HEAD", None, path)
    return Request(revs[0], revs[1] if len(revs) > 1 else None, path)


def load_comparison(request: Request, cwd: Path, *, words: bool = True,
                    attribute: bool = True) -> Result:
    """Read both versions and compare them (without words: see compare); with attribute, name
    the commit behind each changed article (for the DOCX redline)."""
    if request.folders:
        (old_dir, new_dir), (old_label, new_label) = request.folders, request.labels
        new = load_complete(new_dir, label=new_label)
        old = load_alike(old_dir, new, old_label)
        comparison = compare(old, new, old_label=old_label, new_label=new_label, words=words)
        return Result(comparison, TOOL_AUTHOR, _fixed_date(comparison.latest))
    return _from_git(request, cwd, words, attribute)


def _from_git(request: Request, cwd: Path, words: bool = True,
              attribute: bool = True) -> Result:
    repo = gitrepo.open_repo(request.path or cwd)
    old_rev, new_rev = request.old_rev or "HEAD", request.new_rev
    old_sha = gitrepo.resolve_revision(repo, old_rev)
    new_sha = gitrepo.resolve_revision(repo, new_rev) if new_rev else None
    start = gitrepo.repo_relative(repo, request.path) if request.path else DEFAULT_DIR
    subdir = _agreement_dir(repo, start, new_sha, old_sha)
    new_label = new_rev or WORKING_TREE
    new = _version(repo, new_sha, subdir, new_label, None)
    old = _version(repo, old_sha, subdir, old_rev, new)
    comparison = compare(old, new, old_label=old_rev, new_label=new_label, words=words)
    attribution = (_attribution(repo, subdir, old_sha, new_sha, comparison) if attribute
                   else {})
    if new_sha is None:
        return Result(comparison, TOOL_AUTHOR, _fixed_date(comparison.latest), attribution)
    name, date = githistory.commit_author(repo, new_sha)
    return Result(comparison, name or TOOL_AUTHOR, dt.datetime.fromisoformat(date), attribution)


FRONT_FILES = (META_FILE, PARTIES_FILE, TERMS_FILE)


def _attribution(repo: gitrepo.Repo, subdir: str, old_sha: str, new_sha: str | None,
                 comparison: Comparison) -> dict[str, tuple[str, dt.datetime]]:
    """Per changed article (and FRONT): the author and date of the last commit after old and up
    to new (or HEAD, for the working tree) that touched its file, or the article order when
    only its place changed. A file the working tree changed since has no commit: left out."""
    from rechtmakers.diff.docx import FRONT

    wanted = [a.id for a in comparison.articles if a.kinds]
    if not wanted and not comparison.metadata:
        return {}
    last = _last_commits(repo, subdir, old_sha, new_sha or "HEAD")
    dirty = _dirty_files(repo, subdir) if new_sha is None else set()

    def newest(files: Sequence[str]) -> tuple[str, dt.datetime] | None:
        if any(rel in dirty for rel in files):
            return None
        known = [last[rel] for rel in files if rel in last]
        return max(known, key=lambda item: item[1]) if known else None

    found: dict[str, tuple[str, dt.datetime]] = {}
    for article_id in wanted:
        own = f"{ARTICLES_DIR}/{article_id}.yaml"
        who = newest([own]) if own in last or own in dirty else newest([META_FILE])
        if who is not None:
            found[article_id] = who
    front = newest(FRONT_FILES)
    if front is not None:
        found[FRONT] = front
    return found


def _last_commits(repo: gitrepo.Repo, subdir: str, old_sha: str, end: str
                  ) -> dict[str, tuple[str, dt.datetime]]:
    """Per file of the agreement: the author and date of the last commit after old_sha and up
    to end that touched it."""
    before = {commit.sha for commit in githistory.history(repo, subdir, old_sha)}
    commits = [c for c in githistory.history(repo, subdir, end) if c.sha not in before]
    last: dict[str, tuple[str, dt.datetime]] = {}
    for commit in reversed(commits):  # oldest first: a later commit overwrites
        for change in commit.changes:
            last[change.path] = (commit.author or TOOL_AUTHOR,
                                 dt.datetime.fromisoformat(commit.date))
    return last


def _dirty_files(repo: gitrepo.Repo, subdir: str) -> set[str]:
    """The agreement's files (relative to its folder) that the working tree changed."""
    prefix = f"{subdir.rstrip('/')}/" if subdir else ""
    return {path[len(prefix):] for _, path in gitcommit.uncommitted(repo, subdir)
            if path.startswith(prefix)}


def _version(repo: gitrepo.Repo, sha: str | None, subdir: str, label: str,
             like: CompleteAgreement | None) -> CompleteAgreement | None:
    """One side: the working tree, or the revision read from git in memory (its place in the
    working tree names it in messages); None where the agreement does not exist (it is new,
    or gone, in this version)."""
    root = repo.work_tree / subdir
    if sha is None:
        if not is_agreement_dir(root):
            return None
        return load_alike(root, like, label) if like else load_complete(root, label=label)
    files = Versions(repo, subdir, root, cached=False).files_at(sha)  # without sign-offs
    if META_FILE not in files:
        return None
    if like is None:
        return load_complete(root, files, label=label)
    return load_alike_files(files, like, label, root)


def _agreement_dir(repo: gitrepo.Repo, start: str, *shas: str | None) -> str:
    """The one agreement folder that start (a repository path) names, holds or lies in."""
    found: set[str] = set()
    for sha in shas:
        found.update(_agreements_in(repo, sha, start))
    if not found:
        raise UsageError(f"Geen overeenkomst gevonden in {start or '.'}: er is geen map met een "
                         f"{META_FILE}, niet in de werkmap en niet in de revisies.")
    if len(found) > 1:
        names = ", ".join(sorted(found))
        raise UsageError(f"Er zijn meerdere overeenkomsten ({names}). Kies er één, "
                         f"bijvoorbeeld: rechtmakers diff HEAD {sorted(found)[0]}")
    return found.pop()


def _agreements_in(repo: gitrepo.Repo, sha: str | None, start: str) -> set[str]:
    """Agreement folders (repository paths) at or under start, or holding start."""
    if sha is None:
        top = repo.work_tree / start
        files = [p.relative_to(repo.work_tree).as_posix()
                 for p in top.rglob(META_FILE)] if top.is_dir() else []
    else:
        files = [f"{start}/{rel}" if start else rel
                 for rel in gitfiles.blob_ids(repo, sha, start) if rel.endswith(META_FILE)]
    folders = {str(PurePosixPath(f).parent) for f in files if PurePosixPath(f).name == META_FILE}
    return folders | _holding(repo, sha, start)


def _holding(repo: gitrepo.Repo, sha: str | None, start: str) -> set[str]:
    """The agreement folder that contains start (a file or folder inside an agreement)."""
    for parent in PurePosixPath(start).parents:
        folder = str(parent)
        if folder == ".":
            break
        if _has_meta(repo, sha, folder):
            return {folder}
    return set()


def _has_meta(repo: gitrepo.Repo, sha: str | None, folder: str) -> bool:
    if sha is None:
        return is_agreement_dir(repo.work_tree / folder)
    return META_FILE in gitfiles.blob_ids(repo, sha, folder)


def _fixed_date(agreement: CompleteAgreement) -> dt.datetime:
    """The agreement's own date: the same input gives the same document."""
    day = agreement.meta.date
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

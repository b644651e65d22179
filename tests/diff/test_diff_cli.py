"""`rechtmakers diff` on real temporary git repositories and on two folders."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from diffhelp import Versions

AGREEMENT = Path("agreements/positief-gezond-almere")
BESLUIT = AGREEMENT / "artikelen" / "besluitvorming.yaml"


def git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return git_repo


def test_head_against_working_tree(repo: Path, cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "Een besluit gaat door", "Een voorstel gaat door")
    result = cli("diff")
    assert result.exit_code == 0, result.output
    assert "HEAD → werkmap" in result.stdout
    assert "Een [-besluit-]{+voorstel+} gaat door" in result.stdout


def test_nothing_changed(repo: Path, cli: Callable[..., Any]) -> None:
    result = cli("diff")
    assert result.exit_code == 0
    assert "geen wijzigingen" in result.stdout


def test_two_revisions(repo: Path, git_env: dict[str, str], cli: Callable[..., Any]) -> None:
    git(repo, git_env, "tag", "v1")
    edit(repo / BESLUIT, "drie werkdagen", "vijf werkdagen")
    git(repo, git_env, "commit", "-q", "-am", "Langer reageren")
    edit(repo / BESLUIT, "vijf werkdagen", "tien werkdagen")  # the working tree differs again
    data = json.loads(cli("diff", "v1", "HEAD", "--format", "json").stdout)
    assert (data["old"]["label"], data["new"]["label"]) == ("v1", "HEAD")
    [change] = data["changes"]
    assert change["article"] == "besluitvorming" and change["kind"] == "changed"
    assert [e for e in change["edits"] if e["op"] != "equal"] == [
        {"op": "delete", "text": "drie"}, {"op": "insert", "text": "vijf"}]


def test_one_revision_against_the_working_tree_with_a_path(
        repo: Path, git_env: dict[str, str], cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "drie werkdagen", "vijf werkdagen")
    git(repo, git_env, "commit", "-q", "-am", "Langer reageren")
    result = cli("diff", "HEAD~1", str(AGREEMENT), "-f", "md")
    assert result.exit_code == 0, result.output
    assert "<del>drie</del><ins>vijf</ins>" in result.stdout


def test_unknown_revision_is_a_usage_error(repo: Path, cli: Callable[..., Any]) -> None:
    result = cli("diff", "bestaat-niet")
    assert result.exit_code == 2
    assert "De revisie bestaat-niet bestaat niet." in result.stderr


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              cli: Callable[..., Any]) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("diff")
    assert result.exit_code == 2
    assert "git-repository" in result.stderr


def test_unreadable_version_is_an_agreement_error(repo: Path, cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "onderwerp: besluitvorming", "onderwerp: besluitvorming\nonderwerp: x")
    result = cli("diff")
    assert result.exit_code == 1
    assert "De versie werkmap is niet te lezen" in result.stderr
    assert "besluitvorming.yaml" in result.stderr


def test_new_agreement_is_all_added(repo: Path, git_env: dict[str, str],
                                    cli: Callable[..., Any]) -> None:
    git(repo, git_env, "rm", "-r", "-q", "--cached", "agreements")
    git(repo, git_env, "commit", "-q", "-m", "Nog leeg")
    data = json.loads(cli("diff", "-f", "json").stdout)
    assert {c["kind"] for c in data["changes"]} == {"added"}
    assert len(data["changes"]) == 18
    assert data["old"]["version"] is None
    assert "nieuwe overeenkomst, versie 1.1.0" in cli("diff").stdout


def test_two_folders(tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch,
                     cli: Callable[..., Any]) -> None:
    import shutil

    shutil.copytree(sample_dir, tmp_path / "oud")
    shutil.copytree(sample_dir, tmp_path / "nieuw")
    edit(tmp_path / "nieuw" / "artikelen" / "besluitvorming.yaml", "drie werkdagen",
         "vijf werkdagen")
    monkeypatch.chdir(tmp_path)
    result = cli("diff", "oud", "nieuw")
    assert result.exit_code == 0, result.output
    assert "oud → nieuw" in result.stdout and "[-drie-]{+vijf+}" in result.stdout


def test_out_writes_the_file_atomically(repo: Path, cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "Een besluit gaat door", "Een voorstel gaat door")
    shown = cli("diff", "-f", "html").stdout
    result = cli("diff", "-f", "html", "--out", "uit/redline.html")
    assert result.exit_code == 0 and result.stdout == "geschreven: uit/redline.html\n"
    assert (repo / "uit" / "redline.html").read_text(encoding="utf-8") == shown
    assert [p.name for p in (repo / "uit").iterdir()] == ["redline.html"]


def test_docx_needs_out(repo: Path, cli: Callable[..., Any]) -> None:
    result = cli("diff", "-f", "docx")
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_too_many_arguments(repo: Path, cli: Callable[..., Any]) -> None:
    result = cli("diff", "a", "b", "c", "d")
    assert result.exit_code == 2
    assert "Te veel argumenten" in result.stderr


def test_color_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from rechtmakers.cli.diff import _color

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _color()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    monkeypatch.delenv("NO_COLOR")
    assert not _color()


def test_unreadable_old_revision_names_it(repo: Path, git_env: dict[str, str],
                                          cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "onderwerp: besluitvorming", "onderwerp: besluitvorming\nonderwerp: x")
    git(repo, git_env, "commit", "-q", "-am", "Kapot")
    edit(repo / BESLUIT, "onderwerp: besluitvorming\nonderwerp: x", "onderwerp: besluitvorming")
    result = cli("diff")
    assert result.exit_code == 1
    assert "De versie HEAD is niet te lezen" in result.stderr


def test_path_inside_an_agreement(repo: Path, cli: Callable[..., Any]) -> None:
    edit(repo / BESLUIT, "drie werkdagen", "vijf werkdagen")
    result = cli("diff", "HEAD", str(BESLUIT))
    assert result.exit_code == 0, result.output
    assert "[-drie-]{+vijf+}" in result.stdout


def test_md_and_json_never_write_control_characters(versions: Versions, tmp_path: Path,
                                                   cli: Callable[..., Any],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A title with ESC ] 0; … BEL (retitles a terminal) and a C1 control (U+009B, CSI):
    escaped in Markdown, written as \\u escapes in JSON (the same data for a tool)."""
    title = "titel: Samenwerkingsovereenkomst Positief Gezond Almere"
    # Written as YAML escapes ("\\e", "\\x9b"): the source holds no raw control character.
    versions.edit("overeenkomst.yaml", title,
                  'titel: "Samenwerkingsovereenkomst Positief Gezond Almere \\e]0;gehackt\\a '
                  '\\x9b31m"')
    monkeypatch.chdir(tmp_path)
    args = ("diff", "oud/positief-gezond-almere", "nieuw/positief-gezond-almere")
    markdown = cli(*args, "--format", "md")
    assert markdown.exit_code == 0, markdown.output
    assert "\x1b" not in markdown.stdout and "\x9b" not in markdown.stdout
    assert "\\x1b\\]0;gehackt\\x07" in markdown.stdout
    data = cli(*args, "--format", "json")
    assert data.exit_code == 0, data.output
    assert not any("\x7f" <= c <= "\x9f" or c < " " and c != "\n" for c in data.stdout)
    parsed = json.loads(data.stdout)
    assert any("\x1b]0;gehackt\x07 \x9b31m" in str(m.get("new")) for m in parsed["metadata"])
    # The honest twin: a plain title passes unchanged.
    assert "Samenwerkingsovereenkomst Positief Gezond Almere" in markdown.stdout

"""`inlezen` compares with what the DOCX contained: sign-offs, representatives and the status
that changed since it was rendered are no edits of the reviewer; a redline is no review; hostile
documents are refused in bounded time."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from . import hostile_docx
from .test_inlezen import AGREEMENT, edit_docx, git, render_docx, run

Cli = Callable[..., Any]
NOTHING = "Geen wijzigingen en geen opmerkingen gevonden."
JOOST = ("Joost Hellendoorn", "j.hellendoorn@deschoor.example")
FATIMA = ("Fatima el Amrani", "f.elamrani@almere.example")


def become(monkeypatch: pytest.MonkeyPatch, person: tuple[str, str]) -> None:
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", person[0])
        monkeypatch.setenv(f"GIT_{role}_EMAIL", person[1])


def sign(cli: Cli, monkeypatch: pytest.MonkeyPatch, repo: Path, person: tuple[str, str],
         party: str) -> None:
    become(monkeypatch, person)
    result = cli("sign", "--partij", party, repo / AGREEMENT)
    assert result.exit_code == 0, result.output


def save(tmp_path: Path, data: bytes, name: str = "review.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_untouched_after_more_sign_offs(git_repo: Path, cli: Cli, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    sign(cli, monkeypatch, git_repo, JOOST, "de-schoor")
    docx = render_docx(git_repo / AGREEMENT)  # shows "Getekend: …" for De Schoor
    assert "Getekend" in zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    sign(cli, monkeypatch, git_repo, FATIMA, "gemeente-almere")
    result = run(cli, git_repo, monkeypatch, str(save(tmp_path, docx)))
    assert result.exit_code == 0, result.output
    assert NOTHING in result.output and "Niet toegepast" not in result.output
    assert git(git_repo, "status", "--porcelain") == ""


def test_untouched_before_any_sign_off(git_repo: Path, cli: Cli, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    docx = render_docx(git_repo / AGREEMENT)  # blank signature lines
    sign(cli, monkeypatch, git_repo, JOOST, "de-schoor")
    result = run(cli, git_repo, monkeypatch, str(save(tmp_path, docx)))
    assert result.exit_code == 0, result.output
    assert NOTHING in result.output


def test_untouched_after_a_representative_was_added(git_repo: Path, cli: Cli, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    docx = render_docx(git_repo / AGREEMENT)
    parties = git_repo / AGREEMENT / "partijen.yaml"
    text = parties.read_text(encoding="utf-8")
    anchor = "        email: j.hellendoorn@deschoor.example\n"
    parties.write_text(text.replace(anchor, anchor + "      - naam: Els de Wit\n"
                                    "        functie: bestuurder\n"
                                    "        email: e.dewit@deschoor.example\n"), "utf-8")
    git(git_repo, "commit", "-qam", "Tweede bestuurder van De Schoor")
    result = run(cli, git_repo, monkeypatch, str(save(tmp_path, docx)))
    assert result.exit_code == 0, result.output
    assert NOTHING in result.output


def test_untouched_after_vaststellen(git_repo: Path, cli: Cli, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from rechtmakers.agreement import load_agreement

    docx = render_docx(git_repo / AGREEMENT)  # "Versie … · Concept"
    model, _ = load_agreement(git_repo / AGREEMENT)
    for party in model.parties:
        person = party.representatives[0]
        sign(cli, monkeypatch, git_repo, (person.name, person.email), party.id)
    sealed = cli("vaststellen", git_repo / AGREEMENT)
    assert sealed.exit_code == 0, sealed.output
    result = run(cli, git_repo, monkeypatch, str(save(tmp_path, docx)))
    assert result.exit_code == 0, result.output
    assert NOTHING in result.output


def test_an_edit_is_still_found_after_sign_offs(git_repo: Path, cli: Cli, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The honest twin: a real edit in a DOCX rendered before a sign-off is applied, and the
    signature blocks that changed since are not reported."""
    docx = edit_docx(render_docx(git_repo / AGREEMENT),
                     ("minstens een week voor de vergadering",
                      "minstens tien dagen voor de vergadering"))
    sign(cli, monkeypatch, git_repo, JOOST, "de-schoor")
    result = run(cli, git_repo, monkeypatch, str(save(tmp_path, docx)))
    assert result.exit_code == 0, result.output
    assert "Gewijzigd: 1 veld(en)." in result.output
    assert "Niet toegepast" not in result.output
    source = (git_repo / AGREEMENT / "artikelen" / "besluitvorming.yaml").read_text("utf-8")
    assert "minstens tien dagen voor de vergadering" in source


def test_an_edit_of_a_signature_block_is_still_reported(git_repo: Path, cli: Cli,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    docx = edit_docx(render_docx(git_repo / AGREEMENT),
                     ("directeur-bestuurder", "voorzitter raad van bestuur"))
    sign(cli, monkeypatch, git_repo, FATIMA, "gemeente-almere")
    result = run(cli, git_repo, monkeypatch, str(save(tmp_path, docx)))
    assert result.exit_code == 1, result.output
    assert "Niet toegepast: 1." in result.output
    assert "voorzitter raad van bestuur" in result.output


def _with_core(docx: bytes, category: str) -> bytes:
    core = zipfile.ZipFile(io.BytesIO(docx)).read("docProps/core.xml").decode()
    start, end = core.index("<cp:category>"), core.index("</cp:category>")
    core = core[:start] + f"<cp:category>{category}</cp:category>" + core[end + 14:]
    return hostile_docx.replace_parts(docx, {"docProps/core.xml": core.encode()})


def _with_footer(docx: bytes, text: str) -> bytes:
    footer = (f'<w:ftr xmlns:w="{hostile_docx.W_NS}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
              "</w:ftr>").encode()
    package = zipfile.ZipFile(io.BytesIO(docx))
    name = next(n for n in package.namelist() if n.startswith("word/footer"))
    return hostile_docx.replace_parts(docx, {name: footer})


@pytest.mark.parametrize("mark", ["category", "footer"])
def test_a_redline_is_refused(git_repo: Path, cli: Cli, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch, mark: str) -> None:
    docx = render_docx(git_repo / AGREEMENT)
    marked = _with_core(docx, "rechtmakers-vergelijking") if mark == "category" else \
        _with_footer(docx, "Positief Gezond · WIJZIGINGEN — NIET TER ONDERTEKENING · pagina 1")
    result = run(cli, git_repo, monkeypatch, str(save(tmp_path, marked)))
    assert result.exit_code == 2, result.output
    assert "dit is een vergelijking, geen review-document" in result.output
    assert "Reviewers" not in result.output
    assert git(git_repo, "status", "--porcelain") == ""


def test_a_review_with_an_ordinary_category_and_footer_is_read(
        git_repo: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docx = _with_footer(render_docx(git_repo / AGREEMENT), "Positief Gezond · versie 9.9.9")
    result = run(cli, git_repo, monkeypatch, str(save(tmp_path, docx)))
    assert result.exit_code == 0 and NOTHING in result.output, result.output


def test_many_long_comments_are_read_with_short_quotes(git_repo: Path, cli: Cli,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from rechtmakers.inlezen.reader import MAX_QUOTE

    docx = hostile_docx.many_long_comments(render_docx(git_repo / AGREEMENT))
    review = save(tmp_path, docx)
    monkeypatch.chdir(git_repo)
    result = cli("inlezen", str(review), "--dry-run", "--format", "json")
    assert result.exit_code in (0, 1), result.output[-500:]
    import json

    comments = json.loads(result.output)["comments"]
    assert len(comments) == 10_000
    assert all(len(c["quote"]) <= MAX_QUOTE for c in comments)
    assert git(git_repo, "status", "--porcelain") == ""


def test_a_comment_keeps_its_quote(git_repo: Path, cli: Cli, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    docx = hostile_docx.many_long_comments(render_docx(git_repo / AGREEMENT), 1, 40)
    monkeypatch.chdir(git_repo)
    result = cli("inlezen", str(save(tmp_path, docx)), "--dry-run")
    assert "bij: “" + "a" * 40 + "”" in result.output


@pytest.mark.parametrize("make", [hostile_docx.many_empty_paragraphs,
                                  hostile_docx.without_digest])
def test_millions_of_empty_paragraphs_are_refused(git_repo: Path, cli: Cli, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  make: Callable[[bytes], bytes]) -> None:
    review = save(tmp_path, make(render_docx(git_repo / AGREEMENT)))
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code == 2, result.output
    assert "te groot" in result.output or "niet door rechtmakers gemaakt" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("target", ["/dev/zero", "map"])
def test_only_a_regular_file_is_read(git_repo: Path, cli: Cli, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    review = tmp_path / "review.docx"
    if target == "map":
        review.mkdir()
    else:
        os.symlink(target, review)
    result = run(cli, git_repo, monkeypatch, str(review))
    assert result.exit_code == 2, result.output
    assert "geen gewoon bestand" in result.output or "niet te lezen" in result.output


def test_a_link_to_a_real_review_is_read(git_repo: Path, cli: Cli, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real = save(tmp_path, render_docx(git_repo / AGREEMENT), "echt.docx")
    link = tmp_path / "review.docx"
    os.symlink(real, link)
    result = run(cli, git_repo, monkeypatch, str(link))
    assert result.exit_code == 0 and NOTHING in result.output, result.output


def test_a_redline_from_diff_is_refused(git_repo: Path, cli: Cli, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    rule = git_repo / AGREEMENT / "artikelen" / "besluitvorming.yaml"
    rule.write_text(rule.read_text("utf-8").replace("minstens een week", "minstens tien dagen"),
                    "utf-8")
    git(git_repo, "commit", "-qam", "Tien dagen")
    monkeypatch.chdir(git_repo)
    made = cli("diff", "HEAD~1", "HEAD", "-f", "docx", "--out", str(tmp_path / "redline.docx"))
    assert made.exit_code == 0, made.output
    result = cli("inlezen", str(tmp_path / "redline.docx"))
    assert result.exit_code == 2, result.output
    assert "dit is een vergelijking, geen review-document" in result.output
    assert "Reviewers" not in result.output and "titel" not in result.output
    assert git(git_repo, "status", "--porcelain") == ""

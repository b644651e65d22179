"""`rechtmakers render` as a user meets it: output, exit codes, --force, atomic writing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import rechtmakers.render as render_package
from rechtmakers.render import pdf

Cli = Callable[..., Any]
ID = "positief-gezond-almere"


@pytest.fixture
def workdir(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with agreements/positief-gezond-almere, as the current directory."""
    root = sample_copy.parents[1]
    monkeypatch.chdir(root)
    return root


def break_reference(workdir: Path) -> None:
    path = workdir / "agreements" / ID / "artikelen" / "doel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[[inwonerperspectief]]",
                                                             "[[bestaat-niet]]"),
                    encoding="utf-8")


def test_default_renders_md_and_html_into_build(workdir: Path, cli: Cli) -> None:
    result = cli("render")
    assert result.exit_code == 0, result.output
    folder = workdir / "build" / ID
    assert sorted(p.name for p in folder.iterdir()) == [f"{ID}.html", f"{ID}.md"]
    assert f"geschreven: build/{ID}/{ID}.md" in result.stdout
    assert not list(workdir.glob(".rechtmakers-render-*"))


def test_all_formats_and_reviewer_edition(workdir: Path, cli: Cli,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli("render", "--format", "pdf,md,docx,html", "--toelichting", "--out", "uit")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (workdir / "uit" / ID).iterdir())
    assert names == [f"{ID}-toelichting.{ext}" for ext in ("docx", "html", "md", "pdf")]
    html = (workdir / "uit" / ID / f"{ID}-toelichting.html").read_text(encoding="utf-8")
    assert '<aside class="toelichting"' in html


def test_errors_stop_rendering_with_exit_1(workdir: Path, cli: Cli) -> None:
    break_reference(workdir)
    result = cli("render")
    assert result.exit_code == 1
    assert "doel.yaml" in result.stderr and "[[bestaat-niet]]" in result.stderr
    assert "Niets weergegeven" in result.stderr
    assert not (workdir / "build").exists()


def test_force_renders_despite_errors(workdir: Path, cli: Cli) -> None:
    break_reference(workdir)
    result = cli("render", "--force")
    assert result.exit_code == 0, result.output
    assert "ondanks fouten" in result.stderr
    markdown = (workdir / "build" / ID / f"{ID}.md").read_text(encoding="utf-8")
    assert "\\[\\[bestaat-niet\\]\\]" in markdown


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "md,xml"), "Onbekend formaat: xml"),
    (("--templates", "bestaat-niet"), "De map met sjablonen bestaat-niet bestaat niet"),
    (("agreements/geen",), "bestaat niet"),
])
def test_usage_errors_exit_2(workdir: Path, cli: Cli, args: tuple[str, ...],
                             message: str) -> None:
    result = cli("render", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (workdir / "build").exists()


def test_pdf_needs_no_program_on_the_path(workdir: Path, cli: Cli,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(workdir / "leeg"))
    result = cli("render", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert (workdir / "build" / ID / f"{ID}.pdf").read_bytes().startswith(b"%PDF-")


def test_failing_format_leaves_nothing_and_keeps_other_files(workdir: Path, cli: Cli,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    folder = workdir / "build" / ID
    folder.mkdir(parents=True)
    (folder / "notities.txt").write_text("van mij", encoding="utf-8")
    (folder / f"{ID}.md").write_text("oude versie", encoding="utf-8")

    def broken(document: object, house_style: object = None) -> bytes:
        raise render_package.UsageError("PDF mislukt (test).")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    result = cli("render", "--format", "md,html,pdf")
    assert result.exit_code == 2
    assert "PDF mislukt (test)." in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notities.txt", f"{ID}.md"]
    assert (folder / f"{ID}.md").read_text(encoding="utf-8") == "oude versie"
    assert not list(workdir.glob("build/.rechtmakers-render-*"))
    assert not list(workdir.glob(".rechtmakers-render-*"))
    result = cli("render")
    assert result.exit_code == 0
    assert (folder / "notities.txt").read_text(encoding="utf-8") == "van mij"
    assert (folder / f"{ID}.md").read_text(encoding="utf-8").startswith("# Samenwerking")


def test_write_failure_is_a_clean_error(workdir: Path, cli: Cli) -> None:
    (workdir / "build").write_text("ik ben een bestand", encoding="utf-8")
    result = cli("render")
    assert result.exit_code == 2
    assert "is een bestand, geen map" in result.stderr


def test_house_style_overrides_one_template(workdir: Path, cli: Cli) -> None:
    style = workdir / "huisstijl"
    style.mkdir()
    (style / "overeenkomst.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    result = cli("render", "--templates", "huisstijl")
    assert result.exit_code == 0, result.output
    html = (workdir / "build" / ID / f"{ID}.html").read_text(encoding="utf-8")
    assert "rebeccapurple" in html and "Artikel 3" in html


def test_broken_house_template_is_a_usage_error(workdir: Path, cli: Cli) -> None:
    style = workdir / "huisstijl"
    style.mkdir()
    (style / "overeenkomst.md.j2").write_text("# {{ doc.titel }}\n", encoding="utf-8")
    result = cli("render", "--templates", "huisstijl")
    assert result.exit_code == 2
    assert "overeenkomst.md.j2" in result.stderr and "titel" in result.stderr
    (style / "overeenkomst.md.j2").write_text("{% for x in %}\n", encoding="utf-8")
    result = cli("render", "--templates", "huisstijl")
    assert result.exit_code == 2
    assert "regel 1" in result.stderr


def test_version_does_not_import_renderers() -> None:
    code = ("import sys; from rechtmakers.cli import app; "
            "import typer.testing; typer.testing.CliRunner().invoke(app, ['--version']); "
            "print(sorted(m for m in ('jinja2', 'markdown_it', 'docx', 'babel') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert out.stdout.strip() == "[]"


def test_a_broken_pdf_template_is_reported_in_dutch(workdir: Path, cli: Cli) -> None:
    style = workdir / "huisstijl"
    style.mkdir()
    (style / "overeenkomst.typ").write_text("#let d = json(bytes(sys.inputs.rechtmakers))\n"
                                            "#d.bestaat-niet\n", encoding="utf-8")
    result = cli("render", "--format", "pdf", "--templates", "huisstijl")
    assert result.exit_code == 2
    assert "Het sjabloon" in result.stderr and "overeenkomst.typ" in result.stderr
    assert "Traceback" not in result.output
    assert not (workdir / "build").exists()

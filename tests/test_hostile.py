"""Issue 15: a hostile or careless repository. One test (or more) per row of the issue's table.

Sign-off rows (sign through a link, a 262-character party id in a record, status: vastgesteld)
are tested with sign-off; the patterns each get a timed test in test_hostile_patterns.py.
"""

from __future__ import annotations

import io
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rechtmakers.findings import Severity
from rechtmakers.validate import validate_agreement

DATA = Path(__file__).parent / "data"
Cli = Callable[..., Any]
ARTICLE = "id: doel\ntitel: Waarom we samenwerken\nonderwerp: doel\nversie: 1\n"
ESCAPES = "\\e[2K\\r\\e]0;pwned\\a"  # as written between double quotes in YAML
BOUND = 10.0  # seconds: linear work takes a fraction; quadratic work takes minutes


@pytest.fixture
def agreement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "agreements" / "minimal"
    shutil.copytree(DATA / "minimal", root)
    monkeypatch.chdir(tmp_path)
    return root


def write_article(root: Path, content: str) -> None:
    (root / "artikelen" / "doel.yaml").write_text(content, encoding="utf-8")


def block(text: str) -> str:
    return ARTICLE + "tekst: |\n" + "".join(f"  {line}\n" for line in text.split("\n"))


def findings(root: Path) -> list[tuple[str, int, int]]:
    return [(f.code, f.location.line, f.location.column) for f in validate_agreement(root).findings]


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


# --- bounded time ----------------------------------------------------------------------------

def test_placeholder_with_a_megabyte_of_blanks_in_a_comment(agreement: Path) -> None:
    write_article(agreement, block("Tekst.") + "# [nog invullen:" + " " * 990_000 + "\n")
    _, seconds = timed(lambda: validate_agreement(agreement))
    assert seconds < BOUND


def test_placeholder_found_with_its_hint(agreement: Path) -> None:
    write_article(agreement, block("Tekst.") + "# [nog invullen:   naam  ]\n"
                  "# [nog invullen]\n# [NOG INVULLEN:\n")
    report = validate_agreement(agreement)
    messages = [(f.location.line, f.message) for f in report.findings if f.code == "N001"]
    assert messages[0] == (7, "Nog invullen: naam.")
    assert messages[1][0] == 8 and len(messages) == 2


def test_email_with_thirty_thousand_dots(agreement: Path) -> None:
    path = agreement / "partijen.yaml"
    path.write_text(path.read_text().replace("anna@wijkteam.example",
                                             "a@" + "a." * 30_000 + "@"))
    report, seconds = timed(lambda: validate_agreement(agreement))
    assert seconds < 2.0
    assert [f.code for f in report.errors] == ["S006"] or report.errors


def test_four_thousand_findings_in_one_text_each_at_its_place(agreement: Path) -> None:
    line = "[[nergens]] " * 40
    write_article(agreement, block("\n".join([line] * 100)))
    report, seconds = timed(lambda: validate_agreement(agreement))
    broken = [f for f in report.findings if f.code == "R003"]
    assert len(broken) == 4000
    assert seconds < BOUND
    # Line 6 is the first line of the block; every reference is 12 characters on.
    assert (broken[0].location.line, broken[0].location.column) == (6, 3)
    assert (broken[41].location.line, broken[41].location.column) == (7, 15)
    assert (broken[-1].location.line, broken[-1].location.column) == (105, 3 + 39 * 12)


def test_a_file_of_unknown_keys_reads_in_linear_time(agreement: Path) -> None:
    """'Bedoelde je …?' compares each key with every allowed one: only for the first findings."""
    from rechtmakers.schema_errors import SUGGESTION_LIMIT

    keys = "".join(f"titl{i}: x\n" for i in range(60_000))  # about 1 MB
    write_article(agreement, block("Tekst.") + keys)
    report, seconds = timed(lambda: validate_agreement(agreement))
    unknown = [f for f in report.errors if f.code == "S002"]
    assert len(unknown) == 60_000
    assert seconds < BOUND
    assert 'Bedoelde je "titel"?' in unknown[0].message
    assert "Bedoelde je" not in unknown[SUGGESTION_LIMIT].message
    assert (unknown[-1].location.line, unknown[-1].location.column) == (60_006, 1)


def test_positions_in_quoted_and_folded_scalars() -> None:
    from rechtmakers.load import read_yaml_bytes

    source = read_yaml_bytes(b'a: "x\\ty z"\nb: >\n  een\n  twee drie\n', Path("x.yaml"))
    assert source.offset_location(("a",), 4).column == 10  # the z, after an escape
    assert (source.offset_location(("b",), 4).line, source.offset_location(("b",), 4).column) \
        == (4, 3)
    many = [source.offset_location(("b",), i) for i in range(12, -1, -1)]  # any order
    assert many[0].line == 4 and many[-1] == source.offset_location(("b",), 0)


def test_many_findings_through_taal(agreement: Path, cli: Cli) -> None:
    write_article(agreement, block("\n".join(["teneinde derhalve middels. "] * 3000)))
    result, seconds = timed(lambda: cli("taal", str(agreement)))
    assert result.exit_code == 0
    assert seconds < BOUND


@pytest.mark.parametrize("unit", [" **a", " *a", " __a", "[a](", "[[x]] ", "a"])
def test_markup_heavy_text_through_every_command(agreement: Path, cli: Cli, tmp_path: Path,
                                                 unit: str) -> None:
    write_article(agreement, block(unit * (300_000 // len(unit))))
    for args in (["validate", str(agreement)], ["taal", str(agreement)],
                 ["render", "--force", "-f", "md,html,docx", "-o", str(tmp_path / "uit"),
                  str(agreement)],
                 ["diff", str(DATA / "minimal"), str(agreement)]):
        result, seconds = timed(lambda args=args: cli(*args))
        assert result.exit_code in (0, 1), (args, result.output[-500:])
        assert seconds < BOUND, (args, seconds)


def test_diff_of_two_rewritten_hostile_texts(agreement: Path, cli: Cli, tmp_path: Path) -> None:
    old = tmp_path / "oud" / "minimal"
    shutil.copytree(agreement, old)
    write_article(old, block("a b " * 60_000))
    write_article(agreement, block("b a " * 60_000))
    result, seconds = timed(lambda: cli("diff", "-f", "json", str(old), str(agreement)))
    assert result.exit_code == 0
    assert seconds < BOUND


# --- limits that hold ------------------------------------------------------------------------

def test_a_long_party_id_is_refused(agreement: Path) -> None:
    path = agreement / "partijen.yaml"
    path.write_text(path.read_text().replace("id: gemeente", "id: " + "g" * 262))
    assert any(f.code.startswith("S") for f in validate_agreement(agreement).errors)


@pytest.mark.parametrize("title", ["Samen\\e\\0\\v werken", "A" * 190 + "\\x01\\x7f"])
def test_word_never_fails_on_control_characters_in_a_title(agreement: Path, cli: Cli,
                                                          tmp_path: Path, title: str) -> None:
    import zipfile

    meta = agreement / "overeenkomst.yaml"
    meta.write_text(meta.read_text().replace("titel: Samenwerking in de wijk",
                                             f'titel: "{title}"'))
    result = cli("render", "--force", "-f", "md,html,docx", "-o", str(tmp_path / "uit"),
                 str(agreement))
    assert result.exit_code == 0, result.output
    docx = tmp_path / "uit" / "minimal" / "minimal.docx"
    core = zipfile.ZipFile(docx).read("docProps/core.xml").decode()
    assert "<dc:title>" in core
    assert (tmp_path / "uit" / "minimal" / "minimal.md").is_file()


def test_word_shortens_core_properties_over_255_characters(sample_dir: Path) -> None:
    import dataclasses
    import zipfile

    from rechtmakers.agreement import load_agreement
    from rechtmakers.document.build import build_document
    from rechtmakers.render.docx import render_docx

    document = build_document(load_agreement(sample_dir)[0], "0" * 64)
    long = dataclasses.replace(document, title="Samenwerking " * 40, id="x" * 300,
                               version="1.0.0-" + "a" * 300)
    core = zipfile.ZipFile(io.BytesIO(render_docx(long))).read("docProps/core.xml").decode()
    title = core.split("<dc:title>")[1].split("</dc:title>")[0]
    assert len(title) == 255 and title.endswith("…")


def test_render_force_with_an_article_id_unlike_its_file(agreement: Path, cli: Cli,
                                                         tmp_path: Path) -> None:
    path = agreement / "artikelen" / "doel.yaml"
    path.write_text(path.read_text().replace("id: doel", "id: anders"))
    result = cli("render", "--force", "-f", "md,html,docx", "-o", str(tmp_path / "uit"),
                 str(agreement))
    assert result.exit_code == 0, result.output
    assert "Waarom we samenwerken" in (tmp_path / "uit/minimal/minimal.md").read_text()


# --- nothing hidden --------------------------------------------------------------------------

def test_escape_sequences_in_a_title_are_an_error_at_their_place(agreement: Path) -> None:
    write_article(agreement, ARTICLE.replace("titel: Waarom we samenwerken",
                                             f'titel: "Waarom{ESCAPES} we"') + "tekst: a\n")
    found = [(f.code, f.location.line, f.location.column, f.severity)
             for f in validate_agreement(agreement).findings if f.code == "H001"]
    assert found == [("H001", 2, 15, Severity.ERROR)]  # the backslash of \e


@pytest.mark.parametrize("raw, column", [(b"\x7f", 12), (b"\x1b", 12), (b"\xc2\x9b", 12),
                                        (b"\x0b", 12), (b"\r", 12)])
def test_a_raw_control_character_is_refused_at_its_place(agreement: Path, raw: bytes,
                                                         column: int) -> None:
    content = ARTICLE.encode() + b"tekst: Wij " + raw + b"zijn.\n"
    (agreement / "artikelen" / "doel.yaml").write_bytes(content)
    found = [(code, line, col) for code, line, col in findings(agreement) if code == "Y003"]
    assert found == [("Y003", 5, column)]
    message = next(f.message for f in validate_agreement(agreement).findings if f.code == "Y003")
    assert "stuurteken" in message and "U+" in message


def test_bidi_and_zero_width_are_errors_and_homoglyphs_warnings_at_their_place(
        agreement: Path) -> None:
    write_article(agreement, block("Wij betalen binnen \u202e03 dagen.\n"
                                   "Elke p\u0430rtij doet mee.\n"
                                   "Een zo\u200bals hier.\n"
                                   "Gewoon \u03bfok."))
    found = sorted((code, line, col) for code, line, col in findings(agreement)
                   if code.startswith("H"))
    assert found == [("H002", 6, 22), ("H002", 8, 9), ("H003", 7, 8), ("H003", 9, 10)]
    report = validate_agreement(agreement)
    assert all(f.severity is Severity.ERROR for f in report.findings if f.code == "H002")
    assert all(f.severity is Severity.WARNING for f in report.findings if f.code == "H003")


def test_an_escaped_bidi_character_is_found_too(agreement: Path) -> None:
    write_article(agreement, ARTICLE + 'tekst: "Wij betalen \\u202e03 dagen."\n')
    assert ("H002", 5, 21) in findings(agreement)


def test_clean_texts_have_no_hidden_findings(sample_dir: Path) -> None:
    assert not [f for f in validate_agreement(sample_dir).findings if f.code.startswith("H")]


def _hostile_title(agreement: Path) -> None:
    meta = agreement / "overeenkomst.yaml"
    meta.write_text(meta.read_text().replace("titel: Samenwerking in de wijk",
                                             f'titel: "Samen{ESCAPES}\\u202e werken"'))
    write_article(agreement, ARTICLE.replace("titel: Waarom we samenwerken",
                                             f'titel: "Waarom{ESCAPES}"')
                  + "tekst: Wij willen dat elke inwoner goed kan leven.\n")


@pytest.mark.parametrize("args", [["taal", "{a}"], ["taal", "-f", "md", "{a}"],
                                  ["taal", "-f", "json", "{a}"], ["validate", "{a}"],
                                  ["diff", "{old}", "{a}"]])
def test_terminal_output_carries_no_control_characters(agreement: Path, cli: Cli,
                                                       args: list[str]) -> None:
    _hostile_title(agreement)
    result = cli(*[a.format(a=agreement, old=DATA / "minimal") for a in args])
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1), output
    for char in ("\x1b", "\x07", "\r", "\u202e"):
        assert char not in output, (args, char)
    if args[0] == "diff" or (args[0] == "taal" and "json" not in args):
        assert "\\x1b" in output or "\u241b" in output  # shown, not hidden


def test_taal_markdown_escapes_data(agreement: Path, cli: Cli) -> None:
    write_article(agreement, ARTICLE.replace("titel: Waarom we samenwerken",
                                             "titel: <script>alert(1)</script> | *x*")
                  + "tekst: Wij willen dat elke inwoner goed kan leven.\n")
    result = cli("taal", "-f", "md", str(agreement))
    assert result.exit_code == 0
    assert "<script>" not in result.stdout
    assert "\\<script\\>alert(1)\\</script\\> \\| \\*x\\*" in result.stdout


# --- writes ----------------------------------------------------------------------------------

def test_diff_out_onto_a_source_file_is_a_usage_error(agreement: Path, cli: Cli) -> None:
    target = agreement / "overeenkomst.yaml"
    before = target.read_bytes()
    result = cli("diff", "-f", "html", "--out", str(target), str(DATA / "minimal"),
                 str(agreement))
    assert result.exit_code == 2
    assert "schrijft nooit in de bron van een overeenkomst" in result.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("out", ["agreements", "agreements/minimal/build"])
def test_render_never_writes_into_an_agreement(agreement: Path, cli: Cli, out: str) -> None:
    result = cli("render", "-o", out, str(agreement))
    assert result.exit_code == 2
    assert "schrijft nooit in de bron" in result.stderr
    assert not (agreement / "minimal.md").exists()


# --- values mean what they say ---------------------------------------------------------------

@pytest.mark.parametrize("value, code", [("1:20", "Y014"), ("017", "Y014"), ("1_0", "Y014"),
                                         ("on", "Y014"), ("yes", "Y014"), ("true", "S003")])
def test_yaml_1_1_versions_are_refused(agreement: Path, value: str, code: str) -> None:
    write_article(agreement, ARTICLE.replace("versie: 1", f"versie: {value}") + "tekst: a\n")
    report = validate_agreement(agreement)
    found = [(f.code, f.location.line, f.location.column, f.message) for f in report.errors
             if f.location.file.name == "doel.yaml"]
    assert found[0][:3] == (code, 4, 9)
    if code == "Y014":
        assert "YAML 1.1" in found[0][3] and f'"{value}"' in found[0][3]


@pytest.mark.parametrize("field, value", [("id", '"doel\\n"'), ("versie", '"1\\n"')])
def test_a_trailing_newline_is_not_accepted(agreement: Path, field: str, value: str) -> None:
    write_article(agreement, ARTICLE.replace(f"{field}: {'doel' if field == 'id' else '1'}",
                                             f"{field}: {value}", 1) + "tekst: a\n")
    assert validate_agreement(agreement).errors


def test_an_email_address_with_a_trailing_newline_is_refused(agreement: Path) -> None:
    path = agreement / "partijen.yaml"
    path.write_text(path.read_text().replace("email: anna@wijkteam.example",
                                             'email: "anna@wijkteam.example\\n"'))
    assert validate_agreement(agreement).errors


# --- configuration ---------------------------------------------------------------------------

_CONFIGS = [("rechtmakers.toml", "uit = [{a = 1}]\n"), ("rechtmakers.toml", "ernst = 3\n"),
            ("rechtmakers.toml", "[taal]\nzinslengte = \"lang\"\n"),
            ("pyproject.toml", "tool = 3\n"), ("pyproject.toml", "[tool]\nrechtmakers = 3\n")]


# render does not run the language rules, so it never reads the [taal] table.
@pytest.mark.parametrize("command, name, content", [
    (command, name, content) for command in ("validate", "taal", "render")
    for name, content in _CONFIGS if not (command == "render" and "[taal]" in content)])
def test_configuration_errors_are_usage_errors(agreement: Path, cli: Cli, name: str,
                                               content: str, command: str) -> None:
    (agreement.parents[1] / name).write_text(content)
    (agreement.parents[1] / ".git").mkdir()
    result = cli(command, str(agreement))
    assert result.exit_code == 2, result.output
    assert name in result.stderr and "Interne fout" not in result.stderr


def test_json_of_taal_escapes_c1_characters(agreement: Path, cli: Cli) -> None:
    write_article(agreement, ARTICLE.replace("titel: Waarom we samenwerken",
                                             'titel: "Waarom\\x9b"') + "tekst: a\n")
    result = cli("taal", "-f", "json", str(agreement))
    assert "\x9b" not in result.stdout
    assert json.loads(result.stdout)[0]["articles"][1]["title"] == "Waarom\x9b"

"""The command line as a whole: Dutch help and errors, quiet, colour, progress, completion."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from rechtmakers.cli import app
from rechtmakers.cli.app import progress
from rechtmakers.cli.dutch import dutch_message

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "data" / "minimal"
ENGLISH = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "[default:",
           "[required]", "Error:", "Try '", "Install completion", "Missing ", "No such ",
           "Invalid value", "Aborted")
ANSI = re.compile(r"\x1b\[([0-9;]*)m")
Cli = Callable[..., Any]


def commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def assert_dutch(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"Engels in de uitvoer: {found}\n{text}"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "agreements" / "minimal")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_root_help_is_dutch(cli: Cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gebruik: rechtmakers [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "Opdrachten:" in result.stdout and "Toon deze hulp en stop." in result.stdout
    assert "Installeer aanvullen met Tab" in result.stdout
    assert_dutch(result.stdout)


@pytest.mark.parametrize("name", commands())
def test_every_command_and_option_has_dutch_help(cli: Cli, name: str) -> None:
    result = cli(name, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Gebruik: rechtmakers {name} [OPTIES]")
    assert_dutch(result.stdout)
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help, f"{name} heeft geen uitleg"
    missing = [p.name for p in command.params if not getattr(p, "help", None)]
    assert missing == [], f"{name}: opties zonder uitleg: {missing}"


@pytest.mark.parametrize("args, message", [
    (["validate", "--bla"], "Fout: Onbekende optie: --bla."),
    (["validate", "--format", "xml"], "Fout: Ongeldige waarde voor '--format' / '-f': 'xml' "
     "kan niet. Kies uit: 'tekst', 'json', 'github', 'sarif'."),
    (["regels", "a", "b"], "Fout: Onverwachte extra argumenten: b."),
    (["schema", "x", "y"], "Fout: Onverwachte extra argumenten: x y."),
    (["init"], "Fout: Het argument 'MAP' ontbreekt."),
    (["init", "x", "--titel"], "Fout: De optie '--titel' heeft een waarde nodig."),
    (["valideer"], "Fout: Onbekende opdracht 'valideer'."),
])
def test_usage_errors_are_dutch_on_stderr(cli: Cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert_dutch(result.stderr)


def test_usage_error_shows_dutch_usage_and_hint(cli: Cli) -> None:
    result = cli("validate", "--bla")
    assert result.stderr.startswith("Gebruik: rechtmakers validate [OPTIES]")
    assert "Zie 'rechtmakers validate -h' voor hulp." in result.stderr


def test_no_command_shows_the_help(cli: Cli) -> None:
    result = cli()
    assert result.exit_code == 2
    assert "Gebruik: rechtmakers" in result.stderr and "Opdrachten:" in result.stderr


def test_aborted_question_is_dutch(cli: Cli, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("init", "nieuw", "--vragen", input="")
    assert result.exit_code == 1
    assert "Afgebroken." in result.stderr
    assert not (tmp_path / "nieuw").exists()


def test_core_errors_go_to_stderr(cli: Cli, workdir: Path) -> None:
    result = cli("validate", "bestaat-niet")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("rechtmakers: Het pad bestaat-niet bestaat niet.")


@pytest.mark.parametrize("english, dutch", [
    ("Got unexpected extra argument (a)", "Onverwachte extra argumenten: a."),
    ("Invalid value for 'MAP': Path 'x' does not exist.",
     "Ongeldige waarde voor 'MAP': 'x' bestaat niet."),
    ("Invalid value for '-n': Value 'drie' is not a valid integer.",
     "Ongeldige waarde voor '-n': 'drie' is geen geldig getal."),
    ("No such option: --stirct Did you mean --strict?",
     "Onbekende optie: --stirct. Bedoelde je --strict?"),
    ("No such command 'valdate'. Did you mean 'validate'?",
     "Onbekende opdracht 'valdate'. Bedoelde je 'validate'?"),
    ("Missing option '--partij'.", "De optie '--partij' ontbreekt."),
    ("Something new.", "Something new."),
])
def test_click_messages_in_dutch(english: str, dutch: str) -> None:
    assert dutch_message(english) == dutch


def test_global_quiet_hides_the_summary(cli: Cli, workdir: Path) -> None:
    assert "geen fouten" in cli("validate").stdout
    result = cli("--quiet", "validate")
    assert result.exit_code == 0
    assert result.stdout == ""


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert list(progress(range(5), "Tellen")) == [0, 1, 2, 3, 4]
    assert sys.stderr.getvalue() == ""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(progress(iter(range(5)), "Tellen", total=5)) == [0, 1, 2, 3, 4]
    assert "Tellen" in terminal.getvalue()


def test_no_progress_bar_for_one_item_or_when_quiet(cli: Cli, workdir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(progress(["a"], "Eén")) == ["a"]
    assert terminal.getvalue() == ""

    @app.command("proef-voortgang", hidden=True)
    def probe() -> None:
        """Alleen voor deze test."""
        typer.echo(",".join(progress(["a", "b", "c"], "Proef")))

    try:
        result = cli("--quiet", "proef-voortgang")
        assert result.stdout == "a,b,c\n"
        assert "Proef" not in result.stderr
    finally:
        app.registered_commands.pop()


def has_colour(text: str) -> bool:
    """Whether text has ANSI colour codes (bold and dim are no colour, says no-color.org)."""
    codes = [int(c) for match in ANSI.findall(text) for c in match.split(";") if c]
    return any(30 <= c <= 48 or 90 <= c <= 107 for c in codes)


def run_in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run the real command with a pseudo-terminal as its output; return what it printed."""
    import pty

    main, child = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "rechtmakers", *args], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, stdout=child, stderr=child) as process:
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=30)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals zijn er alleen op Unix")
def test_colour_on_a_terminal_unless_no_color(workdir: Path) -> None:
    doel = workdir / "agreements/minimal/artikelen/doel.yaml"
    doel.write_text(doel.read_text().replace("[[besluitvorming]]", "[[besluiten]]"))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    coloured = run_in_terminal(["validate"], workdir, env)
    assert has_colour(coloured), coloured
    no_colour = run_in_terminal(["validate"], workdir, {**env, "NO_COLOR": "1"})
    assert "R003" in no_colour and not has_colour(no_colour)
    piped = subprocess.run([sys.executable, "-m", "rechtmakers", "validate"], cwd=workdir,
                           env=env, capture_output=True, text=True)
    assert "R003" in piped.stdout and not ANSI.search(piped.stdout + piped.stderr)


def test_shell_completion_of_rule_codes() -> None:
    env = {**os.environ, "_RECHTMAKERS_COMPLETE": "complete_zsh",
           "_TYPER_COMPLETE_ARGS": "rechtmakers regels D00"}
    result = subprocess.run([sys.executable, "-m", "rechtmakers"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert '"D004":"De termijn van een stap is een duur."' in result.stdout
    env["_TYPER_COMPLETE_ARGS"] = "rechtmakers validate --format "
    result = subprocess.run([sys.executable, "-m", "rechtmakers"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert '"sarif"' in result.stdout


# One consistent command line: format names, quiet, output files, internal errors.
TEXT_FORMAT_COMMANDS = [["validate"], ["taal"], ["regels"], ["status"], ["verify"], ["log"],
                        ["diff"]]


@pytest.mark.parametrize("command", TEXT_FORMAT_COMMANDS, ids=lambda c: c[0])
def test_readable_output_is_called_tekst_everywhere(cli: Cli, command: list[str]) -> None:
    result = cli(*command, "--format", "xml")
    assert result.exit_code == 2
    assert "Kies uit: 'tekst'" in result.stderr, result.stderr
    help_text = cli(*command, "--help").stdout
    assert "tekst" in help_text
    choices = re.search(r"--format <([^>]*)>", help_text)
    assert choices and choices.group(1).split("|")[0] == "tekst", help_text
    assert not re.search(r"\b(human|text)\b", help_text), help_text


@pytest.mark.parametrize("alias", ["tekst", "text", "human", "TEKST", "Text"])
@pytest.mark.parametrize("command", ["validate", "taal"])
def test_format_aliases_are_accepted(cli: Cli, workdir: Path, command: str, alias: str) -> None:
    expected = cli(command, "--format", "tekst")
    result = cli(command, "--format", alias)
    assert result.exit_code == expected.exit_code == 0, result.output
    assert result.stdout == expected.stdout


def test_render_accepts_format_aliases(cli: Cli, workdir: Path) -> None:
    result = cli("render", "--format", "markdown,HTML", "--out", "uit")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (workdir / "uit" / "minimal").iterdir()) == [".html", ".md"]


@pytest.mark.parametrize("name", commands())
def test_every_command_has_quiet(cli: Cli, name: str) -> None:
    result = cli(name, "--help")
    assert "-q, --quiet" in result.stdout, f"{name} mist -q/--quiet"


@pytest.mark.parametrize("where", ["global", "command"])
def test_quiet_hides_what_render_and_diff_wrote(cli: Cli, workdir: Path, where: str) -> None:
    def run(*args: str) -> Any:
        return cli("-q", *args) if where == "global" else cli(args[0], "-q", *args[1:])

    assert "geschreven: " in cli("render", "--out", "uit").stdout
    assert run("render", "--out", "uit2").stdout == ""
    assert (workdir / "uit2" / "minimal").is_dir()
    assert run("validate").stdout == ""


def test_diff_out_reports_what_it_wrote(cli: Cli, workdir: Path) -> None:
    shutil.copytree(workdir / "agreements" / "minimal", workdir / "nieuw")
    doel = workdir / "nieuw" / "artikelen" / "doel.yaml"
    doel.write_text(doel.read_text().replace("goed kan leven", "goed en gezond kan leven"))
    result = cli("diff", "agreements/minimal", "nieuw", "--format", "md", "--out", "w.md")
    assert result.exit_code == 0, result.output
    assert result.stdout == "geschreven: w.md\n"
    assert "gezond" in (workdir / "w.md").read_text()
    quiet = cli("diff", "agreements/minimal", "nieuw", "-f", "md", "-o", "w2.md", "-q")
    assert quiet.stdout == "" and (workdir / "w2.md").is_file()


def test_internal_error_exits_3_and_says_where_to_report(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import importlib

    from rechtmakers import ISSUES

    app_module = importlib.import_module("rechtmakers.cli.app")
    regels = importlib.import_module("rechtmakers.cli.regels")

    def broken(*args: object) -> str:
        raise RuntimeError("kapot")

    monkeypatch.setattr(regels, "listing", broken)
    monkeypatch.setattr(sys, "argv", ["rechtmakers", "regels"])
    monkeypatch.delenv("RECHTMAKERS_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        app_module.main()
    assert info.value.code == 3
    err = capsys.readouterr().err
    assert "Interne fout (RuntimeError: kapot)" in err
    assert "Dit is een fout in rechtmakers" in err and ISSUES in err
    assert "Traceback" not in err


def test_click_messages_we_know_of_are_all_dutch() -> None:
    """Every usage message the bundled click and typer can give, in Dutch."""
    english = [
        "Got unexpected extra argument(s) (a b)", "Got unexpected extra argument (a)",
        "Argument 'x' takes 2 values.", "Option '--x' requires an argument.",
        "Option '--x' requires 2 arguments.", "Option '--x' does not take a value.",
        "No such option: --x", "No such command 'x'.", "Missing command.",
        "Missing argument 'MAP'.", "Missing option '--partij'.", "Missing parameter: x",
        "Invalid value for '-f': 'x' is not one of 'tekst', 'json'.",
        "Invalid value: Value 'x' is not a valid integer.", "Value must be an iterable.",
        "Path 'x' does not exist.", "File 'x' is a directory.", "Directory 'x' is a file.",
        "Path 'x' is not readable.", "File 'x' is not writable.",
        "Could not open file 'x': Permission denied",
    ]
    for text in english:
        dutch = dutch_message(text)
        assert dutch != text, text
        assert_dutch(dutch)


def test_skip_reasons_are_dutch() -> None:
    """A skip reason is read by whoever runs the tests: Dutch too."""
    english = re.compile(r"\b(is missing|not installed|missing|skipped|requires?|only on|cannot|"
                         r"could not|no such|not found)\b", re.IGNORECASE)
    reason = re.compile(r"""(?:pytest\.skip\(|reason=)\s*f?(["'])(.*?)\1""")
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for match in reason.finditer(path.read_text(encoding="utf-8")):
            if english.search(match.group(2)):
                found.append(f"{path.relative_to(ROOT)}: {match.group(2)}")
    assert found == []

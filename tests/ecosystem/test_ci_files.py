"""The pre-commit hook and the example CI workflows: valid, and calling commands that exist."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from rechtmakers.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "agreements" / "positief-gezond-almere"
WORKFLOWS = [ROOT / "docs/ci/github-actions.yml", ROOT / "docs/ci/gitlab-ci.yml"]
INVOCATION = re.compile(r"\brechtmakers ([a-z]+)([^\n|>;&]*)")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def hook() -> dict[str, Any]:
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    return next(h for h in hooks if h["id"] == "rechtmakers-validate")


ANNEX_AND_ISSUER = ("agreements/a/bijlagen/begroting.pdf", "agreements/a/bijlagen/plan.md",
                    "agreements/a/bijlagen/map/tabel.xlsx", "agreements/a/vertrouwd/ca.pem")


def test_hook_matches_every_agreement_file_and_nothing_else() -> None:
    files = re.compile(hook()["files"])
    sample = [p for p in SAMPLE.rglob("*") if p.is_file()]
    assert any("bijlagen" in p.parts for p in sample)
    for path in sample:
        assert files.search(path.relative_to(ROOT).as_posix()), path
    for path in ANNEX_AND_ISSUER:  # an annex of any kind is binding; an issuer decides trust
        assert files.search(path), path
    assert "types" not in hook()  # `types: [yaml]` would drop every annex that is not YAML
    for other in (".pre-commit-config.yaml", "docs/ci/gitlab-ci.yml", "schemas/x.json",
                  "agreements/a/ondertekeningen/de-schoor.yaml", "pyproject.toml",
                  "agreements/a/artikelen/oud/doel.yaml.bak", "docs/bijlagen.md"):
        assert not files.search(other), other


def test_repository_config_validates_on_a_changed_annex_or_issuer() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    own = next(h for repo in config["repos"] for h in repo["hooks"]
               if h["id"] == "rechtmakers-validate")
    for path in ANNEX_AND_ISSUER:
        assert re.search(own["files"], path.replace("agreements/a/", f"agreements/{SAMPLE.name}/"))


@pytest.mark.parametrize("broken, expected", [(None, 0), ("artikel", 1), ("bijlage", 1)])
def test_hook_entry_validates_the_agreements_of_the_files_it_gets(
        tmp_path: Path, broken: str | None, expected: int) -> None:
    target = tmp_path / "agreements" / SAMPLE.name
    shutil.copytree(SAMPLE, target)
    doel = target / "artikelen/doel.yaml"
    annex = target / "bijlagen/transformatieplan.md"
    if broken == "artikel":
        doel.write_text(doel.read_text().replace("onderwerp: doel", "onderwerp: missie"))
    if broken == "bijlage":  # an annex over the limit of 1 MB: an error of the B rules
        annex.write_text("Een te lange bijlage.\n" * 60_000, encoding="utf-8")
    entry = shlex.split(hook()["entry"])
    assert entry[0] == "rechtmakers"
    changed = [annex] if broken == "bijlage" else [doel, target / "partijen.yaml"]
    files = [str(p.relative_to(tmp_path)) for p in changed]
    result = subprocess.run([sys.executable, "-m", "rechtmakers", *entry[1:], *files],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == expected, result.stdout + result.stderr


def test_repository_config_runs_ruff_and_validates_our_agreements() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    ids = {h["id"] for repo in config["repos"] for h in repo["hooks"]}
    assert {"ruff", "rechtmakers-validate", "rechtmakers-schema", "rechtmakers-regels"} <= ids


def shell_lines(workflow: Any) -> list[str]:
    """The shell code of a workflow: `run` of GitHub steps, `script` of GitLab jobs."""
    if isinstance(workflow, dict):
        own = [workflow["run"]] if isinstance(workflow.get("run"), str) else []
        own += [line for line in workflow.get("script", []) if isinstance(line, str)]
        return own + [line for value in workflow.values() for line in shell_lines(value)]
    if isinstance(workflow, list):
        return [line for item in workflow for line in shell_lines(item)]
    return []


def invocations() -> list[tuple[str, str, list[str]]]:
    found = []
    for path in WORKFLOWS:
        for line in shell_lines(load(path)):
            for match in INVOCATION.finditer(line):
                found.append((path.name, match.group(1), shlex.split(match.group(2))))
    return found


@pytest.mark.parametrize("workflow, command, args", invocations(),
                         ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_workflow_commands_and_options_exist(workflow: str, command: str,
                                             args: list[str]) -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert command in commands, f"{workflow}: rechtmakers {command} bestaat niet"
    known = {opt for param in commands[command].params for opt in param.opts}
    unknown = [a for a in args if a.startswith("-") and a.split("=")[0] not in known]
    assert unknown == [], f"{workflow}: rechtmakers {command} kent {unknown} niet"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_validates_renders_publishes_and_comments_the_redline(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    used = {(command, " ".join(args)) for name, command, args in invocations()
            if name == path.name}
    assert any(command == "validate" for command, _ in used)
    assert any(command == "render" for command, _ in used)
    assert any(command == "diff" and "--format md" in args for command, args in used)
    workflow = load(path)
    if path.name.startswith("github"):
        steps = workflow["jobs"]["overeenkomsten"]["steps"]
        uses = [step.get("uses", "") for step in steps]
        assert any(u.startswith("actions/upload-artifact") for u in uses)
        assert any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
        assert "gh pr comment" in text
        assert workflow["jobs"]["overeenkomsten"]["permissions"]["pull-requests"] == "write"
    else:
        assert "build/" in workflow["weergeven"]["artifacts"]["paths"]
        assert "merge_requests/$CI_MERGE_REQUEST_IID/notes" in text


def test_github_workflow_commands_run_on_a_pull_request(git_repo: Path,
                                                       git_env: dict[str, str]) -> None:
    """What the workflow runs, run in a real repository with a pull-request branch."""
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=git_repo, env=git_env, check=True,
                       capture_output=True)

    git("checkout", "-q", "-b", "wijziging")
    article = git_repo / "agreements" / SAMPLE.name / "artikelen" / "besluitvorming.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "samen in de stuurgroep.", "samen in het regio-overleg.", 1), encoding="utf-8")
    git("commit", "-q", "-am", "Besluiten in het regio-overleg")
    outputs = {}
    for name, command, args in invocations():
        if name != "github-actions.yml":
            continue
        args = [a.replace("origin/${{ github.base_ref }}", "main") for a in args]
        result = subprocess.run([sys.executable, "-m", "rechtmakers", command, *args],
                                cwd=git_repo, env=git_env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, f"{command} {args}: {result.stdout}{result.stderr}"
        outputs[(command, " ".join(args))] = result.stdout
    redline = outputs[("diff", "main HEAD --format md")]
    assert "<del>de stuurgroep</del><ins>het regio-overleg</ins>" in redline
    built = {p.suffix for p in (git_repo / "build").rglob("*") if p.is_file()}
    assert {".md", ".html", ".docx"} <= built


INSTALL = re.compile(r'"(rechtmakers(?:\[\w+\])? @ git\+(\S+)@([^"\s]+))"')


def install_lines() -> list[tuple[str, str, str]]:
    """(requirement, repository URL, tag) of every install line in the CI templates."""
    return [match.groups() for path in WORKFLOWS  # type: ignore[misc]
            for match in INSTALL.finditer(path.read_text(encoding="utf-8"))]


def git_ref_exists(ref: str) -> bool:
    """Whether this repository has ref as a branch or a tag."""
    return any(subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet",
                               f"{kind}/{ref}^{{commit}}"], capture_output=True,
                              check=False).returncode == 0
               for kind in ("refs/heads", "refs/tags", "refs/remotes/origin"))


def test_ci_templates_install_from_our_repository_at_a_ref_it_has() -> None:
    import tomllib

    from rechtmakers import REPOSITORY, __version__

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    assert urls["Repository"] == REPOSITORY
    lines = install_lines()
    assert len(lines) == 2  # one install line in each template
    for path in WORKFLOWS:
        assert re.search(r'pip install (--quiet )?"rechtmakers @ git\+', path.read_text()), path
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for requirement, url, ref in lines:
        assert url == REPOSITORY, requirement
        # The branch main until the first release, then the tag of this version: never a tag
        # that the repository does not have (see docs/ci.md, "Een versie uitbrengen").
        assert ref in ("main", f"v{__version__}"), requirement
        assert requirement in docs and requirement in readme, requirement
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert "pip install rechtmakers" not in text and "pip install --quiet rechtmakers" \
            not in text, f"{path.name}: op PyPI staat geen rechtmakers"
        comments = [line.split("#", 1)[1] for line in text.splitlines()
                    if "#" in line and "${{" not in line and "'##" not in line]
        english = [c for c in comments if re.search(r"\b(the|and|with|for|every|read)\b", c)]
        assert english == [], f"{path.name}: Engels commentaar {english}"


def test_the_install_ref_exists_in_this_repository() -> None:
    """The ref of the install line is in the repository as it is: no tag the tests made."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("geen git-repository of geen git: de refs zijn niet te controleren")
    for requirement, _, ref in install_lines():
        assert git_ref_exists(ref), f"{requirement}: {ref} bestaat niet in deze repository"


@pytest.mark.slow
def test_install_line_works_against_this_repository(tmp_path: Path) -> None:
    """The install line of the templates, run against this repository as it is.

    Only the repository URL is replaced, by this repository's path (pip needs a host in a
    git+file URL); no tag or branch is made for the test. --target and --no-deps keep it to
    rechtmakers itself, so the test needs no network beyond the build backend pip sets up."""
    from rechtmakers import REPOSITORY, __version__

    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("geen git-repository of geen git: de installatie uit git kan niet getest")
    line, _, ref = next(found for found in install_lines() if found[0].startswith("rechtmakers @"))
    if not git_ref_exists(ref):
        pytest.fail(f"{ref} bestaat niet in deze repository: de installatieregel kan niet werken")
    clone = tmp_path / "kloon.git"  # every branch and tag as this repository has them
    subprocess.run(["git", "clone", "--quiet", "--mirror", str(ROOT), str(clone)],
                   check=True, capture_output=True, timeout=120)
    has = subprocess.run(["git", "-C", str(clone), "show-ref", "--quiet", f"refs/heads/{ref}",
                          f"refs/tags/{ref}"], capture_output=True, check=False)
    if has.returncode != 0:  # a clone whose main is only origin/main: the host's main
        subprocess.run(["git", "-C", str(clone), "update-ref", f"refs/heads/{ref}",
                        f"refs/remotes/origin/{ref}"], check=True, capture_output=True)
    requirement = line.replace(REPOSITORY, f"file://localhost{clone}")
    target = tmp_path / "doel"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                             "--disable-pip-version-check", "--target", str(target),
                             requirement], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (target / "rechtmakers" / "cli" / "app.py").is_file()
    assert f'__version__ = "{__version__}"' in (target / "rechtmakers" / "__init__.py").read_text()
    assert list(target.glob(f"rechtmakers-{__version__}.dist-info"))


def redline_scripts() -> list[tuple[str, str]]:
    """(template, shell script) of the part that makes redline.md and cuts comment.md."""
    github = load(WORKFLOWS[0])["jobs"]["overeenkomsten"]["steps"]
    gitlab = load(WORKFLOWS[1])["redline"]["script"]
    made = next(step["run"] for step in github if step.get("name") == "Redline maken")
    cut = [line for line in gitlab if "redline.md" in line and "git fetch" not in line]
    made = made.replace("${{ github.base_ref }}", "main")  # as GitHub fills it in
    return [("github", made), ("gitlab", "\n".join(cut))]


@pytest.mark.parametrize("template, script",
                         [pytest.param(*found, id=found[0]) for found in redline_scripts()])
@pytest.mark.parametrize("size", [100, 200_000])
def test_redline_comment_is_cut_on_a_line_end_never_inside_a_character(
        tmp_path: Path, template: str, script: str, size: int) -> None:
    """The comment stays valid UTF-8 when the redline is long: a cut by bytes (`head -c`)
    would split 'ë' or '€'. The real diff is replaced by a stand-in that prints a long text."""
    line = "Wijziging in artikel één: <del>€ 5</del><ins>€ 6</ins> — ë ß 😀\n"
    redline = (line * (size // len(line) + 1))[:size]
    redline = redline[: redline.rfind("\n") + 1] or line
    (tmp_path / "uit.md").write_text(redline, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stand_in = bin_dir / "rechtmakers"
    stand_in.write_text(f"#!/bin/sh\ncat '{tmp_path / 'uit.md'}'\n", encoding="utf-8")
    stand_in.chmod(0o755)
    (bin_dir / "python").symlink_to(sys.executable)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
    done = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    comment = (tmp_path / "comment.md").read_bytes().decode("utf-8")  # strict: whole characters
    if len(redline) <= 60_000:
        assert comment == redline
    else:
        kept, _, note = comment.rpartition("\n\n")
        assert len(comment) <= 60_100 and redline.startswith(kept + "\n")
        assert note == "…ingekort; de volledige redline staat bij de artifacts.\n"

"""`rechtmakers review` as a director meets it: the page in headless Chromium on a laptop and a
phone, the box on top, what changed and why, who signed, and what the sender is told."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import (
    JOOST,
    NAME,
    NEXT,
    VERSION,
    Identity,
    commit_all,
    edit,
    git,
    to_signing,
)
from .test_status import sign

Cli = Callable[..., Any]
PAGE = f"{NAME}-de-schoor.html"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# Measured inside the page's own document, loaded in an iframe of the given width: headless
# Chromium will not make its window narrower than 500 px, an iframe can be.
_PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:{height}px;border:0"></iframe>
<script>
var f = document.getElementById("f");
f.onload = function () {{
  var d = f.contentDocument, box = d.querySelector(".vraag");
  d.querySelectorAll("details").forEach(function (e) {{ e.open = true; }});  // all unfolded
  document.body.dataset.meting = JSON.stringify({{
    scroll: d.documentElement.scrollWidth, inner: f.contentWindow.innerWidth,
    h1: d.querySelectorAll("h1").length, boxTop: box ? box.getBoundingClientRect().top : -1,
    box: box ? box.innerText : "", toc: d.querySelectorAll("nav.inhoudsopgave a").length}});
}};
</script></body></html>"""


@pytest.fixture(scope="module")
def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip("Chromium is niet geïnstalleerd; .ci/run installeert het")
    return found


def chromium(browser: str, profile: Path, width: int, height: int, *args: str) -> str:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", "--allow-file-access-from-files", f"--user-data-dir={profile}",
               f"--window-size={width},{height}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    return done.stdout


def measure(browser: str, page: Path, width: int, height: int = 800) -> dict[str, Any]:
    probe = page.with_name(f"meting-{width}.html")
    probe.write_text(_PROBE.format(src=page.name, width=width, height=height), "utf-8")
    dom = chromium(browser, page.parent / f"profiel-{width}", 1300, height + 100,
                   "--virtual-time-budget=10000", "--dump-dom", probe.as_uri())
    match = re.search(r'data-meting="([^"]*)"', dom)
    assert match, dom[:500]
    return dict(json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&")))


@pytest.fixture
def changed(git_repo: Path, agreement: Path, cli: Cli, be: Identity) -> Path:
    """De Schoor signed VERSION; then article 3 changed (with a reason), the version is NEXT."""
    to_signing(agreement)
    sign(cli, be, JOOST, "de-schoor", agreement)
    rule = agreement / "artikelen" / "besluitvorming.yaml"
    edit(rule, "minstens een week voor de vergadering", "minstens tien dagen voor de vergadering")
    edit(rule, "drie werkdagen om te reageren", "vijf werkdagen om te reageren")
    edit(agreement / "overeenkomst.yaml", f"versie: {VERSION}", f"versie: {NEXT}")
    git(git_repo, "commit", "-qam", "Besluitvorming: meer tijd om te reageren")
    return agreement


def write_page(cli: Cli, agreement: Path, out: Path, *args: str) -> Any:
    result = cli("review", "--partij", "de-schoor", agreement, "--out", out,
                 "--uiterlijk", "2027-01-18", *args)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_in_chromium(browser: str, changed: Path, cli: Cli, tmp_path: Path,
                              width: int) -> None:
    out = tmp_path / "uit"
    write_page(cli, changed, out)
    page = out / PAGE
    shot = tmp_path / f"review-{width}.png"  # kept with the test's files, to look at
    chromium(browser, tmp_path / "profiel", width, 2400, f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == width
    seen = measure(browser, page, width)
    assert seen["inner"] == width
    assert seen["scroll"] <= width, seen  # nothing wider than the screen
    assert seen["h1"] == 1 and seen["toc"] >= 4
    assert 0 <= seen["boxTop"] < 300  # the box is on the first screen
    box = " ".join(seen["box"].split())
    assert f"Keur versie {NEXT}" in box and "Stichting De Schoor (KvK 99990002)" in box
    assert "maandag 18 januari 2027" in box
    assert "Marieke Voskuil" in box and "m.voskuil@ggd-flevoland.example" in box
    assert "Artikel 3 – Zo nemen we besluiten (bindend)" in box


def test_what_changed_in_plain_words(changed: Path, cli: Cli, tmp_path: Path) -> None:
    write_page(cli, changed, tmp_path / "uit")
    html = (tmp_path / "uit" / PAGE).read_text(encoding="utf-8")
    assert re.search(r"Lid 3\.\d+: “een week” wordt “tien dagen”\.", html)
    assert re.search(r"Lid 3\.\d+: “drie” wordt “vijf”\.", html)
    assert "Besluitvorming: meer tijd om te reageren" in html  # the reason, from the commit
    assert "Bindend: dit verandert wat u ondertekent." in html
    assert "<title>Ter goedkeuring: " in html and '<p class="gegevens">Ter goedkeuring · ' in html
    # Only the changed article is in the redline; the full text once, folded.
    redline = html[html.index('id="vergelijking"'):html.index('id="getekend"')]
    assert redline.count("<details open>") == 1 and "<del>een week</del>" in redline
    assert html.count(f"Lees de volledige tekst van versie {NEXT}") == 1
    assert html.count("<h1") == 1
    own = html[html.index("<body>"):html.index('id="tekst"')]  # the page's words, not the text's
    assert "digest" not in re.sub(r"<[^>]+>", "", own).lower() and "vingerafdruk" in own
    assert re.search(r"<li class=\"deze\"><span class=\"partij\">Stichting De Schoor</span>"
                     r"<span class=\"staat\">tekende een eerdere versie</span><ul><li>Joost "
                     r"Hellendoorn \(directeur-bestuurder\): versie " + re.escape(VERSION)
                     + r", \d+ \w+ \d{4}</li>",
                     html)
    assert html.count('class="deze"') == 1  # only the party the page is for


def test_keyless_party_gets_no_ssh_step_and_the_sender_a_warning(changed: Path, cli: Cli,
                                                                  tmp_path: Path) -> None:
    result = write_page(cli, changed, tmp_path / "uit")
    assert "let op: Stichting De Schoor (KvK 99990002) kan niet zelf akkoord geven" in \
        result.output
    html = (tmp_path / "uit" / PAGE).read_text(encoding="utf-8")
    assert "ssh-keygen" not in html and "--bewijs" not in html
    assert "U kunt nu niet zelf akkoord geven" in html
    assert "rechtmakers sign --partij de-schoor</pre>" in html  # the git route, folded


def test_quiet_writes_nothing_but_warnings(changed: Path, cli: Cli, tmp_path: Path) -> None:
    result = cli("-q", "review", "--partij", "de-schoor", changed, "--out", tmp_path / "uit")
    assert result.exit_code == 0
    assert "Geschreven" not in result.output
    assert (tmp_path / "uit" / PAGE).is_file()


def test_another_contact_and_a_dutch_date(changed: Path, cli: Cli, tmp_path: Path) -> None:
    write_page(cli, changed, tmp_path / "uit", "--contact", "r.oudshoorn@ggd-flevoland.example")
    html = (tmp_path / "uit" / PAGE).read_text(encoding="utf-8")
    box = html[html.index('class="vraag"'):html.index('class="inhoudsopgave"')]
    assert "Ruben Oudshoorn" in box and "Marieke Voskuil" not in box
    write_page(cli, changed, tmp_path / "twee", "--contact", "Els Bakker <e.bakker@x.example>")
    html = (tmp_path / "twee" / PAGE).read_text(encoding="utf-8")
    assert '<a href="mailto:e.bakker@x.example">' in html and "Els Bakker" in html


@pytest.mark.parametrize("value", ["18 januari", "2027-02-30", "x" * 5000])
def test_a_bad_date_is_a_usage_error(changed: Path, cli: Cli, tmp_path: Path,
                                     value: str) -> None:
    result = cli("review", "--partij", "de-schoor", changed, "--out", tmp_path / "uit",
                 "--uiterlijk", value)
    assert result.exit_code == 2 and "geen datum" in result.output
    assert not (tmp_path / "uit").exists()


def test_never_writes_through_a_committed_link(git_repo: Path, changed: Path, cli: Cli,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "elders.html"
    victim.write_text("van iemand anders\n")
    (git_repo / "uit").mkdir()
    os.symlink(victim, git_repo / "uit" / PAGE)
    commit_all(git_repo, "Een geplante link")
    monkeypatch.chdir(git_repo)
    result = cli("review", "--partij", "de-schoor", changed, "--out", "uit")
    assert result.exit_code == 2 and "symbolische link" in result.output
    assert victim.read_text() == "van iemand anders\n"
    honest = cli("review", "--partij", "de-schoor", changed, "--out", "elders")
    assert honest.exit_code == 0 and (git_repo / "elders" / PAGE).is_file()


def test_a_sealed_version_asks_nothing(git_repo: Path, agreement: Path, cli: Cli,
                                       be: Identity, tmp_path: Path) -> None:
    from .test_status import sign_all

    to_signing(agreement)
    sign_all(git_repo, agreement, cli, be)
    assert cli("vaststellen", agreement).exit_code == 0
    result = cli("review", "--partij", "de-schoor", agreement, "--out", tmp_path / "uit")
    assert result.exit_code == 0 and "al vastgesteld" in result.output
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [PAGE]
    html = (tmp_path / "uit" / PAGE).read_text(encoding="utf-8")
    assert "Deze versie is vastgesteld" in html and "Zo geeft u akkoord" not in html
    assert "<title>Vastgesteld: " in html and '<p class="gegevens">Vastgesteld · ' in html


def test_the_discussion_docx_comes_back_as_a_review(git_repo: Path, agreement: Path, cli: Cli,
                                                    be: Identity, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A concept's page sends the DOCX; returned untouched after a sign-off, nothing to do."""
    out = tmp_path / "uit"
    result = cli("review", "--partij", "de-schoor", agreement, "--out", out)
    assert result.exit_code == 0 and "ter bespreking" in result.output
    html = (out / PAGE).read_text(encoding="utf-8")
    assert "<title>Ter bespreking: " in html and '<p class="gegevens">Ter bespreking · ' in html
    docx = out / f"{NAME}-versie-{VERSION}.docx"
    sign(cli, be, JOOST, "de-schoor", agreement)
    monkeypatch.chdir(git_repo)
    back = cli("inlezen", str(docx))
    assert back.exit_code == 0, back.output
    assert "Geen wijzigingen en geen opmerkingen gevonden." in back.output

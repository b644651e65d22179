"""The HTML in headless Chromium: it loads, it is laid out for desktop and phone, no overflow."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from rechtmakers.agreement import load_agreement

pytestmark = pytest.mark.slow
Render = Callable[..., dict[str, bytes]]
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(scope="module")
def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip("Chromium is niet geïnstalleerd; .ci/run installeert het")
    return found


def chromium(browser: str, profile: Path, width: int, height: int, *args: str) -> str:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
               f"--window-size={width},{height}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    return done.stdout


@pytest.mark.parametrize(("explanations", "width", "height"), [
    (False, 1200, 2000), (False, 390, 1800), (True, 1400, 1600)])
def test_screenshot(browser: str, render_files: Render, sample_dir: Path, tmp_path: Path,
                    explanations: bool, width: int, height: int) -> None:
    page = tmp_path / "overeenkomst.html"
    page.write_bytes(render_files(sample_dir, ("html",), explanations=explanations)["html"])
    shot = tmp_path / "scherm.png"
    chromium(browser, tmp_path / "profiel", width, height, f"--screenshot={shot}",
             page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == width
    assert len(data) > 20_000  # a blank page compresses to far less


@pytest.mark.parametrize("width", [500, 1200])
def test_nothing_sticks_out_sideways(browser: str, render_files: Render, sample_dir: Path,
                                     tmp_path: Path, width: int) -> None:
    """500 px is headless Chromium's narrowest window; it gets the phone layout (< 36rem)."""
    html = render_files(sample_dir, ("html",))["html"].decode()
    probe = ("<script>document.body.dataset.maat = document.documentElement.scrollWidth + 'x' "
             "+ window.innerWidth + 'x' + document.querySelectorAll('article').length</script>")
    page = tmp_path / "meting.html"
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = chromium(browser, tmp_path / "profiel", width, 1600, "--dump-dom", page.as_uri())
    match = re.search(r'data-maat="(\d+)x(\d+)x(\d+)"', dom)
    assert match, dom[:500]
    scroll, inner, articles = map(int, match.groups())
    listed = load_agreement(sample_dir)[0].meta
    assert listed is not None
    assert scroll <= inner and articles == len(listed.articles)

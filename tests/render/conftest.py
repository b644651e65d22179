"""Fixtures for the render tests: rendering through the API, and hostile clause text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rechtmakers.agreement import load_agreement
from rechtmakers.render import RenderOptions, render_agreement

GOLDEN = Path(__file__).parent / "golden"

HOSTILE = (
    "Let op: <script>alert(1)</script> en <img src=x onerror=alert(2)>.\n"
    "Klik [hier](javascript:alert(3)) of [daar](data:text/html;base64,PHNjcmlwdD4=) of "
    "<javascript:alert(4)> of [JaVaScRiPt](  JAVASCRIPT:alert(5)).\n"
    "Sjabloon: {{ 7*7 }} en {% raw %}rauw{% endraw %} en {# commentaar #}.\n"
    "Veilig: [de wet](https://wetten.overheid.nl/) en [[besluitvorming]].\n"
)


@pytest.fixture
def render_files() -> Callable[..., dict[str, bytes]]:
    """Render an agreement folder through the API: format name → bytes."""

    def render(root: Path, formats: tuple[str, ...] = ("md", "html"), **options: object
               ) -> dict[str, bytes]:
        agreement, problems = load_agreement(root)
        assert not problems, problems
        files = render_agreement(agreement, RenderOptions(formats=formats, **options))  # type: ignore[arg-type]
        return {name.rsplit(".", 1)[1]: data for name, data in files.items()}

    return render


@pytest.fixture
def hostile_copy(sample_copy: Path) -> Path:
    """The sample agreement with hostile clause text in article 1 and in a member."""
    article = sample_copy / "artikelen" / "doel.yaml"
    text = article.read_text(encoding="utf-8")
    block = "".join(f"  {line}\n" for line in HOSTILE.splitlines())
    text = text.replace("tekst: |\n", "tekst: |\n" + block + "\n", 1)
    article.write_text(text, encoding="utf-8")
    return sample_copy

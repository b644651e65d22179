"""Language settings from pyproject.toml or rechtmakers.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from rechtmakers.findings import Severity
from rechtmakers.language import ConfigError, LanguageConfig, load_config
from rechtmakers.language.config import DEFAULT_ALLOWED


def write(folder: Path, name: str, text: str) -> Path:
    (folder / ".git").mkdir(exist_ok=True)  # the search for settings stops at the repository
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_settings(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert load_config(tmp_path) == LanguageConfig()


def test_pyproject_table(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", """
[tool.rechtmakers]
uit = ["T004", "R001"]
ernst = { T003 = "fout", T006 = "uit" }

[tool.rechtmakers.taal]
zinslengte = 15
lettergrepen = 8
toegestaan = ["Zorgverzekeraar"]
jargon = { "stakeholders" = "betrokkenen" }
""")
    sub = tmp_path / "agreements"
    sub.mkdir()
    config = load_config(sub)
    assert config.max_sentence_words == 15
    assert config.max_word_syllables == 8
    assert config.disabled == frozenset({"T004", "T006"})  # ernst = "uit" switches it off
    assert config.severity == {"T003": Severity.ERROR}
    assert config.allowed_words == DEFAULT_ALLOWED | {"zorgverzekeraar"}
    assert config.extra_jargon == {"stakeholders": "betrokkenen"}
    assert not config.enabled("T006") and config.severity_of("T003") is Severity.ERROR


def test_rechtmakers_toml_with_english_keys(tmp_path: Path) -> None:
    write(tmp_path, "rechtmakers.toml", "[language]\nmax-sentence-words = 12\n")
    assert load_config(tmp_path).max_sentence_words == 12


@pytest.mark.parametrize(("table", "fragment"), [
    ("zinslengte = 'twintig'", "'zinslengte' moet een geheel getal"),
    ("lettergrepen = 0", "groter dan 0"),
    ("toegestaan = 'zorg'", "lijst van woorden"),
    ("jargon = ['indien']", "tabel van jargon"),
    ("zinslengt = 20", "kent de instelling 'zinslengt' niet"),
])
def test_bad_settings_name_the_file(tmp_path: Path, table: str, fragment: str) -> None:
    path = write(tmp_path, "rechtmakers.toml", f"[taal]\n{table}\n")
    with pytest.raises(ValueError) as caught:
        load_config(tmp_path)
    assert isinstance(caught.value, ConfigError)
    assert fragment in str(caught.value) and str(path) in str(caught.value)


def test_invalid_toml(tmp_path: Path) -> None:
    write(tmp_path, "rechtmakers.toml", "[taal\n")
    with pytest.raises(ValueError, match=r"geen geldige TOML \(regel 1, kolom 6\)"):
        load_config(tmp_path)

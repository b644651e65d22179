"""The editor experience, proven with the real yaml-language-server (the engine of VS Code YAML)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest

from rechtmakers.model import AgreementMeta, Article
from rechtmakers.scaffold import Scaffold, create_agreement
from rechtmakers.schema_export import packaged_schema_dir
from rechtmakers.vocabulary import Topic

from . import lsp

ROOT = Path(__file__).resolve().parents[2]
COMMAND, MISSING = lsp.find_server()
pytestmark = pytest.mark.skipif(COMMAND is None, reason=MISSING)

ARTICLE_MODELINE = "# yaml-language-server: $schema=../../../schemas/artikel.schema.json\n"
META_MODELINE = "# yaml-language-server: $schema=../../schemas/overeenkomst.schema.json\n"


class Editor:
    """A workspace like a user's repository, with one server that has it open."""

    def __init__(self, workspace: Path, client: lsp.LanguageClient) -> None:
        self.workspace = workspace
        self.client = client
        self._opened = 0

    def open(self, rel: str, text: str) -> tuple[str, list[dict[str, Any]]]:
        """Write and open a document; return its URI and the diagnostics the server publishes."""
        path = self.workspace / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self._opened += 1
        uri = path.as_uri()
        self.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        return uri, self.client.diagnostics(uri)

    def completion(self, uri: str, line: int, character: int) -> list[str]:
        result = self.client.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        items = result["items"] if isinstance(result, dict) else result or []
        return [item["label"] for item in items]

    def hover(self, uri: str, line: int, character: int) -> str:
        result = self.client.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        if not result:
            return ""
        contents = result["contents"]
        return str(contents["value"] if isinstance(contents, dict) else contents)


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    assert COMMAND is not None
    workspace = tmp_path_factory.mktemp("repo")
    (workspace / ".git").mkdir()
    shutil.copytree(ROOT / "schemas", workspace / "schemas")
    schema_uri = (workspace / "schemas" / "artikel.schema.json").as_uri()
    settings = {"yaml": {"validate": True, "hover": True, "completion": True,
                         "schemaStore": {"enable": False},
                         "schemas": {schema_uri: ["**/zonder-modeline/artikelen/*.yaml"]}}}
    client = lsp.start(COMMAND, workspace, settings)
    try:
        yield Editor(workspace, client)
    finally:
        client.close()


def description(model: Any, key: str) -> str:
    """The Dutch description of a key, as the model gives it."""
    info = next(info for name, info in model.model_fields.items() if info.alias == key)
    return str(info.description)


def test_missing_required_key_is_reported(editor: Editor) -> None:
    _, diagnostics = editor.open("agreements/a/artikelen/doel.yaml", ARTICLE_MODELINE + (
        "id: doel\ntitel: Waarom we samenwerken\nonderwerp: doel\nversie: 1\n"))
    messages = [d["message"] for d in diagnostics]
    assert any('"tekst"' in m for m in messages), messages
    assert all(d["severity"] == 1 for d in diagnostics)


def test_complete_document_has_no_diagnostics(editor: Editor) -> None:
    _, diagnostics = editor.open("agreements/a/artikelen/besluitvorming.yaml", ARTICLE_MODELINE + (
        "id: besluitvorming\ntitel: Zo nemen we besluiten\nonderwerp: besluitvorming\n"
        "versie: 1\ntekst: We besluiten samen.\nbesluitvorming:\n  wijze: consent\n"
        "  orgaan: de stuurgroep\n"))
    assert diagnostics == []


def test_onderwerp_values_are_completed(editor: Editor) -> None:
    uri, _ = editor.open("agreements/b/artikelen/nieuw.yaml", ARTICLE_MODELINE + (
        "id: nieuw\ntitel: Nieuw\nonderwerp: \nversie: 1\ntekst: Tekst.\n"))
    labels = editor.completion(uri, 3, len("onderwerp: "))
    assert labels == list(get_args(Topic))


def test_keys_of_a_block_are_completed(editor: Editor) -> None:
    uri, _ = editor.open("agreements/b/artikelen/besluiten.yaml", ARTICLE_MODELINE + (
        "id: besluiten\ntitel: Besluiten\nonderwerp: besluitvorming\nversie: 1\n"
        "tekst: Tekst.\nbesluitvorming:\n  wijze: consent\n  \n"))
    labels = editor.completion(uri, 8, 2)
    assert {"orgaan", "quorum"} <= set(labels)


def test_hover_shows_the_dutch_description(editor: Editor) -> None:
    uri, _ = editor.open("agreements/c/artikelen/doel.yaml", ARTICLE_MODELINE + (
        "id: doel\ntitel: Waarom\nonderwerp: doel\nversie: 1\ntekst: Tekst.\n"))
    assert description(Article, "titel") in editor.hover(uri, 2, 2)
    assert description(Article, "onderwerp") in editor.hover(uri, 3, 2)


def test_hover_on_a_block_shows_its_own_description(editor: Editor) -> None:
    uri, _ = editor.open("agreements/c/artikelen/gedrag.yaml", ARTICLE_MODELINE + (
        "id: gedrag\ntitel: Gedrag\nonderwerp: gedrag\nversie: 1\ntekst: Tekst.\ngedrag:\n"
        "  helpt:\n    - Luisteren.\n  helpt-niet:\n    - Zwijgen.\n"))
    assert description(Article, "gedrag") in editor.hover(uri, 6, 2)


def test_pattern_errors_are_explained_in_dutch(editor: Editor) -> None:
    _, diagnostics = editor.open("agreements/d/overeenkomst.yaml", META_MODELINE + (
        "id: d\ntitel: T\nversie: '1.2'\nstatus: concept\ndatum: 21-01-2026\n"
        "penvoerder: ggd\nkompas: Wat heeft deze inwoner nodig?\nartikelen: [doel]\n"))
    by_line = {d["range"]["start"]["line"]: d["message"] for d in diagnostics}
    assert by_line.get(3) == "Schrijf drie getallen met punten, bijvoorbeeld 1.2.0."
    assert by_line.get(5) == "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-21."
    assert description(AgreementMeta, "kompas") in editor.hover(
        editor.workspace.joinpath("agreements/d/overeenkomst.yaml").as_uri(), 7, 2)


def test_schema_from_settings_without_modeline(editor: Editor) -> None:
    """The VS Code route: `yaml.schemas` in settings.json maps the schema onto artikelen/."""
    uri, diagnostics = editor.open("zonder-modeline/artikelen/doel.yaml",
                                   "id: doel\ntitel: Waarom\nonderwerp: doel\nversie: 1\n")
    assert any('"tekst"' in d["message"] for d in diagnostics)
    assert description(Article, "versie") in editor.hover(uri, 3, 1)


@pytest.mark.parametrize("schemas", ["repository", "packaged"])
def test_scaffold_opens_without_diagnostics(editor: Editor, schemas: str) -> None:
    """What `rechtmakers init` writes is valid for the editor, with either kind of modeline."""
    root = editor.workspace / "agreements" / f"nieuw-{schemas}"
    files = create_agreement(root, Scaffold(), None if schemas == "repository"
                             else packaged_schema_dir())
    for path in files:
        rel = str(path.relative_to(editor.workspace))
        uri, diagnostics = editor.open(rel, path.read_text(encoding="utf-8"))
        assert diagnostics == [], rel
    meta = (root / "overeenkomst.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(meta) if text.startswith("penvoerder:"))
    assert description(AgreementMeta, "penvoerder") in editor.hover(
        (root / "overeenkomst.yaml").as_uri(), line, 2)

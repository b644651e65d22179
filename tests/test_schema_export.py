"""The exported JSON Schema explains every key in Dutch, so an editor can help while typing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from rechtmakers.model import FILE_MODELS
from rechtmakers.schema_export import DRAFT, schema_for


def properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            yield f"{path}.{key}", value
            yield from properties(value, f"{path}.{key}")
        for key, value in node.items():
            if key != "properties":
                yield from properties(value, path)
    elif isinstance(node, list):
        for item in node:
            yield from properties(item, path)


@pytest.mark.parametrize("kind", sorted(FILE_MODELS))
def test_every_key_has_a_dutch_title_and_description(kind: str) -> None:
    schema = schema_for(kind)
    assert schema["$schema"] == DRAFT
    found = list(properties(schema))
    assert found
    for path, prop in found:
        assert prop.get("title") and prop.get("description"), path
        assert not prop["description"].startswith(("The ", "A ", "An ")), path


def test_article_schema_offers_the_topics() -> None:
    onderwerp = schema_for("artikel")["properties"]["onderwerp"]
    assert "inwonerperspectief" in onderwerp["enum"]
    assert "Onderwerp" == onderwerp["title"]

"""JSON Schema (draft 2020-12) of each file kind, straight from the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rechtmakers.model import FILE_MODELS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://rechtmakers.example/schemas/"
FILE_DESCRIPTIONS = {
    "overeenkomst": "overeenkomst.yaml: de overeenkomst zelf — titel, versie, kompas, "
    "overwegingen en de volgorde van de artikelen.",
    "partijen": "partijen.yaml: de partijen en wie namens hen mag tekenen.",
    "begrippen": "begrippen.yaml: woorden met een vaste betekenis in deze overeenkomst.",
    "artikel": "artikelen/<id>.yaml: één artikel met zijn tekst, leden en blokken.",
}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with a Dutch title and description on every key."""
    model = FILE_MODELS[kind]
    body = model.model_json_schema(by_alias=True)
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": f"{SCHEMA_BASE}{kind}.schema.json"}
    schema.update(body)
    schema["description"] = FILE_DESCRIPTIONS[kind]
    return schema


def schema_files() -> dict[str, str]:
    """File name → text, for every file kind; the same bytes on every run."""
    return {f"{kind}.schema.json": json.dumps(schema_for(kind), ensure_ascii=False, indent=2)
            + "\n" for kind in FILE_MODELS}


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into out (atomically per file); return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        target = out / name
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    return written

"""JSON Schema (draft 2020-12) of each file kind, straight from the model."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from rechtmakers.model import FILE_MODELS
from rechtmakers.model_base import EMAIL_PATTERN, SEMVER_PATTERN, SLUG_PATTERN
from rechtmakers.source_names import ARTICLES_DIR, META_FILE, PARTIES_FILE, TERMS_FILE

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Shown by yaml-language-server (and VS Code) instead of "String does not match the pattern".
PATTERN_MESSAGES = {
    SLUG_PATTERN: "Gebruik alleen kleine letters, cijfers en streepjes, zoals de-schoor.",
    SEMVER_PATTERN: "Schrijf drie getallen met punten, bijvoorbeeld 1.2.0.",
    DATE_PATTERN: "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-21.",
    EMAIL_PATTERN: "Dit is geen geldig e-mailadres.",
}
SCHEMA_BASE = "https://rechtmakers.example/schemas/"
FILE_DESCRIPTIONS = {
    "overeenkomst": f"{META_FILE}: de overeenkomst zelf — titel, versie, kompas, "
    "overwegingen en de volgorde van de artikelen.",
    "partijen": f"{PARTIES_FILE}: de partijen en wie namens hen mag tekenen.",
    "begrippen": f"{TERMS_FILE}: woorden met een vaste betekenis in deze overeenkomst.",
    "artikel": f"{ARTICLES_DIR}/<id>.yaml: één artikel met zijn tekst, leden en blokken.",
}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with a Dutch title and description on every key."""
    model = FILE_MODELS[kind]
    body = model.model_json_schema(by_alias=True)
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": f"{SCHEMA_BASE}{kind}.schema.json"}
    schema.update(editor_friendly(body))
    schema["description"] = FILE_DESCRIPTIONS[kind]
    return schema


def editor_friendly(schema: dict[str, Any]) -> dict[str, Any]:
    """The same constraints, written so that editors complete and explain them well.

    Pydantic writes an optional field as `anyOf: [X, {type: null}]`; yaml-language-server then
    shows the description of X instead of the field's own, and completes less. We write
    `type: [X, null]` instead, inlining a referenced block (each is used once); a date gets a
    pattern so that editors without format checks still mark 21-01-2026 as wrong, and every
    pattern a Dutch `patternErrorMessage`.
    """
    original: dict[str, Any] = schema.get("$defs", {})
    defs = {name: _rewrite(body, original) for name, body in original.items()}
    body = _rewrite({k: v for k, v in schema.items() if k != "$defs"}, defs)
    reachable = _reachable(body, defs)
    kept = {name: value for name, value in defs.items() if name in reachable}
    return {"$defs": kept, **body} if kept else body


def _reachable(body: Any, defs: dict[str, Any]) -> set[str]:
    """The $defs still used after inlining, directly or through another $def."""
    reachable: set[str] = set()
    todo = _refs(body)
    while todo:
        name = todo.pop()
        if name not in reachable and name in defs:
            reachable.add(name)
            todo |= _refs(defs[name])
    return reachable


def _refs(node: Any) -> set[str]:
    """The names of the $defs that node refers to."""
    return set(re.findall(r'"#/\$defs/(\w+)"', json.dumps(node)))


def _rewrite(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_rewrite(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _rewrite(value, defs) for key, value in node.items()}
    if node.get("format") == "date" and "pattern" not in node:
        node["pattern"] = DATE_PATTERN
    if node.get("pattern") in PATTERN_MESSAGES:
        node["patternErrorMessage"] = PATTERN_MESSAGES[node["pattern"]]
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        node = _nullable(node, next(o for o in options if o != {"type": "null"}), defs)
    return node


def _nullable(node: dict[str, Any], other: dict[str, Any], defs: dict[str, Any]
              ) -> dict[str, Any]:
    """`anyOf: [other, null]` as one schema whose type also allows null."""
    own = {k: v for k, v in node.items() if k != "anyOf" and not (k == "default" and v is None)}
    ref = other.get("$ref", "")
    match = re.fullmatch(r"#/\$defs/(\w+)", ref)
    if match and match.group(1) in defs:
        body = _rewrite(copy.deepcopy(defs[match.group(1)]), defs)  # a block in a block
        own["description"] = " ".join(filter(None, (body.get("description"),
                                                    own.get("description"))))
        body.update(own)
        other = body
    elif "type" not in other:
        return node
    merged = {**other, **own}
    kind = other.get("type")
    merged["type"] = [*kind, "null"] if isinstance(kind, list) else [kind, "null"]
    return merged


def schema_files() -> dict[str, str]:
    """File name → text, for every file kind; the same bytes on every run."""
    return {f"{kind}.schema.json": json.dumps(schema_for(kind), ensure_ascii=False, indent=2)
            + "\n" for kind in FILE_MODELS}


def packaged_schema_dir() -> Path:
    """The schemas shipped inside the installed package (kept equal to schema_files())."""
    return Path(str(resources.files("rechtmakers") / "schemas"))


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into out (atomically per file); return the paths written."""
    from rechtmakers.safe_write import check_target, write_file

    check_target(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        target = out / name
        write_file(target, text.encode("utf-8"), below=out)  # never through a planted link
        written.append(target)
    return written

"""JSON Schema files generated from the pydantic models (the single source)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ikz_extract.models import ErrorRecord, record_adapter


def schema_documents() -> dict[str, dict[str, Any]]:
    return {
        "record.schema.json": record_adapter.json_schema(),
        "error.schema.json": ErrorRecord.model_json_schema(),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schema_documents().items():
        path = out_dir / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written

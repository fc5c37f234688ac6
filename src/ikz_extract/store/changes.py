"""The change report: which records a run added, changed or removed, and which fields moved.

One changes.jsonl line per record whose line in records.jsonl differs from the previous
run: ``{record_id, source, change, fields}``. For a changed record ``fields`` maps the dotted
name of every type-specific field that differs (``kurzprofil.einwohner``) to ``[old, new]``.
Lists are compared whole: an inserted Kommune would otherwise shift every later index.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ikz_extract.store.jsonl import dumps

Change = Literal["added", "changed", "removed"]


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested objects → {dotted.name: leaf}; lists, scalars and empty objects are leaves."""
    if isinstance(value, dict) and value:
        flat: dict[str, Any] = {}
        for name, inner in value.items():
            flat.update(flatten(inner, f"{prefix}.{name}" if prefix else str(name)))
        return flat
    return {prefix: value}


def field_changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, list[Any]]:
    """Dotted field name → [old, new] for every field of ``record["fields"]`` that differs."""
    before = flatten((old or {}).get("fields") or {})
    after = flatten((new or {}).get("fields") or {})
    before.pop("", None)
    after.pop("", None)
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    }


def change_line(
    record_id: str,
    source: str,
    change: Change,
    old_line: str | None = None,
    new_line: str | None = None,
    reason: str | None = None,
) -> str:
    """One changes.jsonl line; ``fields`` stays empty for added and removed records.

    ``reason`` says why a record went: its source is gone, or it now fails.
    """
    fields: dict[str, list[Any]] = {}
    if change == "changed" and old_line is not None and new_line is not None:
        fields = field_changes(json.loads(old_line), json.loads(new_line))
    line: dict[str, Any] = {
        "record_id": record_id,
        "source": source,
        "change": change,
        "fields": fields,
    }
    if reason is not None:
        line["reason"] = reason
    return dumps(line)

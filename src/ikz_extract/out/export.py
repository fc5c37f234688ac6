"""``ikz-extract export``: the records as flat tables (Parquet or CSV) or as a GraphML network.

Parquet carries each column's type; CSV is UTF-8 with a header, text quoted, so AGS and
postcodes keep their leading zeros in the file, and ``datapackage.json`` beside the CSV
files says each column's type (a reader that guesses types must be told they are text).
Every file is written beside its final name and renamed into place, so a reader never
sees half a table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ikz_extract.models import RecordBase
from ikz_extract.out.columns import ColumnType
from ikz_extract.out.network import Network, build_network, write_graphml
from ikz_extract.out.read import read_records
from ikz_extract.out.tables import TABLES, Table

Format = Literal["parquet", "csv", "graphml"]
FORMATS: tuple[Format, ...] = ("parquet", "csv", "graphml")
GRAPHML = "network.graphml"
DATAPACKAGE = "datapackage.json"
EXPORT_DIR = "export"

ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    "text": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}
FRICTIONLESS_TYPES: dict[ColumnType, str] = {
    "text": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
}


def arrow_table(spec: Table, records: list[RecordBase], network: Network) -> pa.Table:
    """One table with the types of its spec, also when it has no rows."""
    rows = spec.records(records, network)
    columns = spec.columns
    schema = pa.schema(
        [pa.field(c.name, ARROW_TYPES[c.type], metadata={"source": c.source}) for c in columns]
    )
    arrays = [pa.array([row[c.name] for row in rows], ARROW_TYPES[c.type]) for c in columns]
    return pa.Table.from_arrays(arrays, schema=schema)


def export(out: str | Path, fmt: Format, to: str | Path | None = None) -> list[Path]:
    """Write the tables (or the network) of ``OUT/records.jsonl`` into ``to`` (default
    ``OUT/export``); returns the files written."""
    folder = Path(to) if to is not None else Path(out) / EXPORT_DIR
    records: list[RecordBase] = list(read_records(out))
    network = build_network(records)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        return [_replace(folder / GRAPHML, lambda tmp: write_graphml(network, tmp))]
    written = []
    if fmt == "csv":
        text = json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"
        written.append(_replace(folder / DATAPACKAGE, lambda tmp: _write_text(tmp, text)))
    for spec in TABLES:
        data = arrow_table(spec, records, network)
        path = folder / f"{spec.name}.{fmt}"
        writer = _write_parquet if fmt == "parquet" else _write_csv
        written.append(_replace(path, partial(writer, data)))
    return written


def datapackage() -> dict[str, Any]:
    """A Frictionless Data Package that says each CSV column's type, since CSV cannot."""
    return {
        "profile": "tabular-data-package",
        "name": "ikz-extract-export",
        "resources": [
            {
                "name": spec.name,
                "path": f"{spec.name}.csv",
                "format": "csv",
                "encoding": "utf-8",
                "description": spec.description,
                "schema": {
                    "fields": [
                        {
                            "name": c.name,
                            "type": FRICTIONLESS_TYPES[c.type],
                            "description": c.description or c.source,
                        }
                        for c in spec.columns
                    ]
                },
            }
            for spec in TABLES
        ],
    }


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _write_parquet(data: pa.Table, path: Path) -> None:
    pq.write_table(data, path)


def _write_csv(data: pa.Table, path: Path) -> None:
    options = pa_csv.WriteOptions(include_header=True, quoting_style="needed")
    pa_csv.write_csv(data, path, write_options=options)


def _replace(path: Path, write: Callable[[Path], None]) -> Path:
    """Write through a temporary file beside ``path``, then rename it into place."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)
    return path

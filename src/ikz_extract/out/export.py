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

from ikz_extract.out.columns import ColumnType
from ikz_extract.out.network import NetworkBuilder, write_graphml
from ikz_extract.out.read import read_records, records_path
from ikz_extract.out.tables import NETWORK_TABLES, RECORD_TABLES, TABLES, Table

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


class TableWriter:
    """One table's file, written in batches as records stream by, so memory does not grow
    with the corpus; renamed into place by ``close``."""

    BATCH = 2000

    def __init__(self, spec: Table[Any], path: Path, fmt: Format) -> None:
        self.spec, self.path, self.fmt = spec, path, fmt
        self.columns = spec.columns
        self.schema = pa.schema(
            [
                pa.field(c.name, ARROW_TYPES[c.type], metadata={"source": c.source})
                for c in self.columns
            ]
        )
        self.tmp = path.with_name(f".{path.name}.tmp")
        self.writer: pq.ParquetWriter | pa_csv.CSVWriter
        if fmt == "parquet":
            self.writer = pq.ParquetWriter(self.tmp, self.schema)
        else:
            options = pa_csv.WriteOptions(include_header=True, quoting_style="needed")
            self.writer = pa_csv.CSVWriter(self.tmp, self.schema, write_options=options)
        self.rows: list[dict[str, Any]] = []

    def add(self, item: Any) -> None:
        self.rows += self.spec.dicts(item, self.columns)
        if len(self.rows) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        arrays = [
            pa.array([row[c.name] for row in self.rows], ARROW_TYPES[c.type]) for c in self.columns
        ]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows = []

    def close(self) -> Path:
        self._flush()  # also when empty: a table without rows still has its columns
        self.writer.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        self.writer.close()
        self.tmp.unlink(missing_ok=True)


def export(out: str | Path, fmt: Format, to: str | Path | None = None) -> list[Path]:
    """Write the tables (or the network) of ``OUT/records.jsonl`` into ``to`` (default
    ``OUT/export``); returns the files written. Reads the records once, one at a time."""
    source = records_path(out)  # a missing file fails here, before any file is written
    records = read_records(source)
    folder = Path(to) if to is not None else source.parent / EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    builder = NetworkBuilder()
    if fmt == "graphml":
        for record in records:
            builder.add(record)
        network = builder.network()
        return [_replace(folder / GRAPHML, partial(write_graphml, network))]
    writers: list[TableWriter] = []
    try:
        writers = [TableWriter(t, folder / f"{t.name}.{fmt}", fmt) for t in RECORD_TABLES]
        for record in records:
            builder.add(record)
            for writer in writers:
                writer.add(record)
        network = builder.network()
        for spec in NETWORK_TABLES:
            writer = TableWriter(spec, folder / f"{spec.name}.{fmt}", fmt)
            writers.append(writer)
            writer.add(network)
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    written = [writer.close() for writer in writers]
    if fmt == "csv":
        text = json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"
        written.append(_replace(folder / DATAPACKAGE, partial(_write_text, text=text)))
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


def _write_text(path: Path, *, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _replace(path: Path, write: Callable[[Path], None]) -> Path:
    """Write through a temporary file beside ``path``, then rename it into place."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)
    return path

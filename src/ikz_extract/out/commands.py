"""The ``export`` and ``report`` commands; cli.py registers them. Heavy imports (pyarrow,
networkx, spaCy's displaCy) happen inside, so other commands start without them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

console = Console(stderr=True)

OutArgument = Annotated[
    Path, typer.Argument(help="Output folder of `ikz-extract run` (or its records.jsonl).")
]


def export_command(
    out: OutArgument,
    fmt: Annotated[
        Literal["parquet", "csv", "graphml"],
        typer.Option(
            "--format",
            "-f",
            help="parquet or csv: one file per table (documents, profiles, participants, "
            "persons, mentions, dates, sections, nodes, edges); graphml: the cooperation "
            "network.",
        ),
    ] = "parquet",
    to: Annotated[
        Path | None, typer.Option("--to", help="Folder for the files (default: OUT/export).")
    ] = None,
) -> None:
    """Write the records as flat tables or as the cooperation network.

    Parquet keeps every column's type (AGS and PLZ are text); CSV is UTF-8 with a header,
    with datapackage.json giving the column types. The columns are listed in the README.
    """
    from ikz_extract.out.export import export
    from ikz_extract.out.read import RecordsError

    try:
        written = export(out, fmt, to)
    except RecordsError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    for path in written:
        console.print(f"wrote {path}")


def report_command(
    out: OutArgument,
    to: Annotated[
        Path | None, typer.Option("--to", help="Folder for the report (default: OUT/report).")
    ] = None,
) -> None:
    """Write a static HTML report: summary, counts, profiles, the network, a page per record.

    Open index.html in a browser from disk; it needs no server and nothing from the network.
    """
    from ikz_extract.out.read import RecordsError
    from ikz_extract.out.report import write_report

    try:
        index = write_report(out, to)
    except RecordsError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    console.print(f"wrote {index} (open it in a browser)")

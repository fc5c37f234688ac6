"""Command line: ``ikz-extract run | inspect | schema``. Thin: the work is in pipeline/batch."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ikz_extract import PIPELINE_VERSION
from ikz_extract.batch import ERRORS, RECORDS, run_batch
from ikz_extract.discover import InputError, SourceFile, discover
from ikz_extract.loaders import LoadError
from ikz_extract.pipeline import Options, extract, read_source
from ikz_extract.schemas import write_schemas

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Extract validated, linked JSONL records from German IKZ documents "
    "(portal profiles, strategy PDFs, press releases, web pages).",
)
console = Console(stderr=True)
out = Console()


@app.command(epilog="Example: ikz-extract run samples/ 'more/**/*.pdf' --out out/")
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    spacy_model: Annotated[
        str | None,
        typer.Option(help="Name of an installed spaCy model whose NER adds candidates (optional)."),
    ] = None,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Skip the NER pass.")] = False,
    max_pages: Annotated[
        int,
        typer.Option(
            help="Read at most this many pages of a PDF (a warning says when more were cut)."
        ),
    ] = 500,
) -> None:
    """Extract every input document into OUT/records.jsonl (errors into OUT/errors.jsonl).

    Exit code 0 when every document gave a record, 1 when some failed (the others are
    still written), 2 on usage errors.
    """
    try:
        sources, warnings = discover(inputs)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="INPUTS") from exc
    for warning in warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    options = Options(annotate=not no_nlp, spacy_model=spacy_model, max_pages=max_pages)
    summary = run_batch(sources, out_dir, options)
    table = Table(title=f"ikz-extract {PIPELINE_VERSION}: {len(sources)} documents")
    table.add_column("record type")
    table.add_column("records", justify="right")
    for record_type, count in sorted(summary.by_type.items()):
        table.add_row(record_type, str(count))
    table.add_row("[red]failed[/]", str(summary.failed))
    console.print(table)
    for error in summary.errors:
        console.print(
            f"[red]{error.source}[/]: {error.error_type}: {error.message}\n  hint: {error.hint}"
        )
    console.print(
        f"wrote {out_dir / RECORDS} ({summary.records} records), "
        f"{out_dir / ERRORS} ({summary.failed} errors)"
    )
    raise typer.Exit(1 if summary.failed else 0)


@app.command(epilog="Example: ikz-extract inspect samples/000_96834933350ee318.txt")
def inspect(
    file: Annotated[Path, typer.Argument(help="One document.", exists=True, dir_okay=False)],
    blocks: Annotated[bool, typer.Option(help="Show the loader's blocks.")] = True,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Skip the NER pass.")] = False,
) -> None:
    """Show how one document is read: its blocks, detected sections, type and record."""
    source = SourceFile(file, file.name)
    try:
        result = extract(source, read_source(source), Options(annotate=not no_nlp))
    except LoadError as exc:
        console.print(f"[red]{exc.error_type}[/]: {exc.message}\nhint: {exc.hint}")
        raise typer.Exit(1) from exc
    doc, record = result.document, result.record
    if blocks:
        table = Table(title=f"blocks ({doc.media_type}, loader {doc.loader})")
        for column in ("#", "kind", "lvl", "page", "text"):
            table.add_column(column)
        for i, block in enumerate(doc.blocks):
            table.add_row(
                str(i),
                block.kind,
                str(block.level or ""),
                str(block.page or ""),
                block.text[:100].replace("\n", " ⏎ "),
            )
        out.print(table)
    sections = Table(title="sections")
    for column in ("heading", "key", "span", "text"):
        sections.add_column(column)
    for section in record.sections:
        sections.add_row(
            section.heading or "—",
            section.key or "",
            str(section.span),
            section.text[:80].replace("\n", " ⏎ "),
        )
    out.print(sections)
    c = result.classification
    out.print(
        f"record type: [bold]{c.record_type}[/] (confidence {c.confidence}); "
        f"reasons: {'; '.join(c.reasons)}; scores: {c.scores}"
    )
    out.print_json(record.model_dump_json())


@app.command(epilog="Example: ikz-extract schema --out schemas/")
def schema(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the files.")] = Path(
        "schemas"
    ),
) -> None:
    """Write the JSON Schema files of records and errors, generated from the models."""
    for path in write_schemas(out_dir):
        console.print(f"wrote {path}")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        console.print("interrupted")
        sys.exit(130)

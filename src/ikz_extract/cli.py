"""Command line: ``ikz-extract run | inspect | schema``. Thin: the work is in pipeline/batch."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ikz_extract import PIPELINE_VERSION
from ikz_extract.batch import CHANGES, ERRORS, RECORDS, RunSettings, run_batch
from ikz_extract.batch.executors import ExecutorName
from ikz_extract.discover import InputError, SourceFile, discover
from ikz_extract.loaders import LoadError, PdfBackend
from ikz_extract.options import Options
from ikz_extract.pool import WorkerStartError
from ikz_extract.progress import make_progress
from ikz_extract.schemas import write_schemas
from ikz_extract.store.commit import LockedError
from ikz_extract.store.manifest import MANIFEST, ManifestError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Extract validated, linked JSONL records from German IKZ documents "
    "(portal profiles, strategy PDFs, press releases, web pages).",
)
console = Console(stderr=True)
out = Console()

PdfBackendOption = Annotated[
    PdfBackend,
    typer.Option(
        help="PDF reader: pdfplumber (default, pure Python) or pdfium (PDFium, much faster); "
        "both give the same blocks."
    ),
]


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
    pdf_backend: PdfBackendOption = "pdfplumber",
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes (default: one per CPU).", min=1),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Extract every document again, changed or not.")
    ] = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Re-hash every file instead of trusting an unchanged size and mtime.",
        ),
    ] = False,
    keep_removed: Annotated[
        bool,
        typer.Option(
            "--keep-removed",
            help="Keep the records of inputs that are gone (marked with a warning).",
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds one document may take before it is stopped (0: no limit).", min=0
        ),
    ] = 120.0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress display and no summary table.")
    ] = False,
    executor: Annotated[
        ExecutorName,
        typer.Option(
            help="Where documents run: local (worker processes here) or dask (a Dask "
            "cluster; needs pip install 'ikz-extract\\[dask]')."
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786) for --executor dask; without it, "
            "a local Dask cluster of --workers processes."
        ),
    ] = None,
) -> None:
    """Extract every input document into OUT/records.jsonl (errors into OUT/errors.jsonl).

    A re-run only extracts what is new or changed, and writes what changed to
    OUT/changes.jsonl. Exit code 0 when every document has a record, 1 when some failed (the
    others are still written), 2 on usage errors (also options that cannot work, such as a
    spaCy model that is not installed), 3 when the output folder cannot be used.
    """
    try:
        sources, warnings = discover(inputs)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="INPUTS") from exc
    for warning in warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    options = Options(
        annotate=not no_nlp,
        spacy_model=spacy_model,
        max_pages=max_pages,
        pdf_backend=pdf_backend,
    )
    settings = RunSettings(
        workers=workers,
        force=force,
        verify=verify,
        keep_removed=keep_removed,
        timeout=timeout or None,
        executor=executor,
        scheduler=scheduler,
    )
    progress = make_progress("quiet" if quiet else "auto", console)
    try:
        summary = run_batch(sources, out_dir, options, settings=settings, progress=progress)
    except WorkerStartError as exc:  # e.g. --spacy-model names a model that is not installed
        console.print(f"[red]error:[/] cannot start the extraction: {exc}")
        raise typer.Exit(2) from exc
    except (LockedError, ManifestError, OSError) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(3) from exc
    except KeyboardInterrupt as exc:  # click would turn it into "Aborted!" and exit 1
        console.print("interrupted; the next run reuses the documents finished so far")
        raise typer.Exit(130) from exc
    if summary.recovered:
        console.print("[yellow]note:[/] finished the commit of an earlier run that was killed")
    if summary.reused:
        console.print(f"note: reused {summary.reused} results of an earlier run that was killed")
    if summary.ignored:
        console.print(f"note: ignored {summary.ignored} files inside the output folder {out_dir}")
    if not quiet:
        title = f"ikz-extract {PIPELINE_VERSION}: {len(sources)} documents"
        table = Table(title=title, min_width=len(title))
        table.add_column("documents")
        table.add_column("count", justify="right")
        for label, count in summary.counts().items():
            style = "red" if label == "failed" and count else ""
            table.add_row(f"[{style}]{label}[/]" if style else label, str(count))
        if summary.kept:
            table.add_row("kept (source gone)", str(summary.kept))
        table.add_section()
        for record_type, count in sorted(summary.by_type.items()):
            table.add_row(f"records: {record_type}", str(count))
        console.print(table)
    for error in summary.errors:
        console.print(
            f"[red]{error.source}[/]: {error.error_type}: {error.message}\n  hint: {error.hint}"
        )
    if not quiet:
        console.print(
            f"wrote {out_dir / RECORDS} ({summary.records} records), "
            f"{out_dir / ERRORS} ({summary.failed} errors), {out_dir / CHANGES}, "
            f"{out_dir / MANIFEST}"
        )
    raise typer.Exit(1 if summary.failed else 0)


@app.command(epilog="Example: ikz-extract inspect samples/000_96834933350ee318.txt")
def inspect(
    file: Annotated[Path, typer.Argument(help="One document.", exists=True, dir_okay=False)],
    blocks: Annotated[bool, typer.Option(help="Show the loader's blocks.")] = True,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Skip the NER pass.")] = False,
    pdf_backend: PdfBackendOption = "pdfplumber",
) -> None:
    """Show how one document is read: its blocks, detected sections, type and record."""
    from ikz_extract.pipeline import extract, read_source  # heavy: spaCy, PDF and HTML readers

    if not file.is_file():  # a FIFO or device would block the read forever
        raise typer.BadParameter(f"{file} is not a regular file", param_hint="FILE")
    source = SourceFile(file, file.name)
    options = Options(annotate=not no_nlp, pdf_backend=pdf_backend)
    try:
        result = extract(source, read_source(source), options)
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


@app.command(
    "eval", epilog="Example: ikz-extract eval tests/gold/seeds.gold.jsonl out/records.jsonl"
)
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Hand-annotated gold JSONL.", exists=True)],
    records: Annotated[Path, typer.Argument(help="records.jsonl of a run.", exists=True)],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss.")] = False,
    min_f1: Annotated[
        float | None, typer.Option(help="Exit 1 when a label's span F1 is below this.")
    ] = None,
) -> None:
    """Precision, recall and F1 of the entities per label (span match and linked-id match)."""
    from ikz_extract.nlp.evaluate import evaluate, group_errors, per_label_f1, render_report

    report = evaluate(gold, records)
    out.print(render_report(report))
    if report.missing:
        console.print(f"[yellow]no record for gold documents:[/] {', '.join(report.missing)}")
    if errors:
        for key, misses in group_errors(report).items():
            out.print(f"[bold]{key}[/]")
            for miss in misses:
                out.print(f"  {miss}")
    if min_f1 is not None:
        low = {k: f for k, f in per_label_f1(report).items() if f < min_f1}
        if low:
            console.print(
                f"[red]below {min_f1}:[/] " + ", ".join(f"{k} {f:.3f}" for k, f in low.items())
            )
            raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        console.print("interrupted")
        sys.exit(130)

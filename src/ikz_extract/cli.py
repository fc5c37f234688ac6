"""Command line: ``ikz-extract run | inspect | schema``. Thin: the work is in pipeline/batch."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ikz_extract import PIPELINE_VERSION
from ikz_extract.batch import CHANGES, ERRORS, RECORDS, RunSettings, run_batch
from ikz_extract.batch.executors import ExecutorName
from ikz_extract.batch.model import DEFAULT_MAX_MEMORY
from ikz_extract.discover import InputError, SourceFile, discover_inputs, select
from ikz_extract.loaders import LoadError, PdfBackend
from ikz_extract.logs import LogFormat, configure
from ikz_extract.options import Options
from ikz_extract.out.commands import export_command, report_command
from ikz_extract.pool import WorkerStartError
from ikz_extract.progress import make_progress
from ikz_extract.schemas import write_schemas
from ikz_extract.store.commit import LockedError, OutputError
from ikz_extract.store.jsonl import escape_surrogates, to_json
from ikz_extract.store.manifest import MANIFEST, ManifestError

if TYPE_CHECKING:
    from ikz_extract.web.step import WebInputs

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Extract validated, linked JSONL records from German IKZ documents "
    "(portal profiles, strategy PDFs, press releases, web pages).",
)
console = Console(stderr=True)
out = Console()
MAX_FAILURES_SHOWN = 10  # the rest are in errors.jsonl


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters, bidi overrides and bytes that are
    not UTF-8 (file names) as visible escapes (``\\t``, ``\\x1b``, ``\\xff``)."""
    if text.isprintable():
        return text
    parts = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            parts.append(f"\\x{code - 0xDC00:02x}")
        elif char == " " or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            parts.append(char)
        else:
            parts.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(parts)


def say(*parts: str | tuple[str, str]) -> None:
    """Print on stderr; strings are escaped (``printable``) and never read as rich markup."""
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(printable(part[0]), style=part[1])
        else:
            text.append(printable(part))
    console.print(text, soft_wrap=True)  # a path is never broken across lines


class Terminated(KeyboardInterrupt):
    """SIGTERM, ended like Ctrl-C: the run stops where it is and the next one resumes."""


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While a run goes: SIGTERM raises ``Terminated`` in this process (workers just die)."""
    owner = os.getpid()

    def handle(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a forked worker that inherited the handler
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _version(value: bool) -> None:
    if value:
        out.print(f"ikz-extract {PIPELINE_VERSION}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Extract validated, linked JSONL records from German IKZ documents."""


PdfBackendOption = Annotated[
    PdfBackend,
    typer.Option(
        help="PDF reader: pdfplumber (default, pure Python) or pdfium (PDFium, much faster). "
        "pdfium finds no tables, cannot tell soft from hard line-end hyphens, reads the ff "
        "ligature as one f, loses a few word spaces and does not warn of undecodable glyphs; "
        "headings are the same."
    ),
]


@app.command(
    epilog="Example: ikz-extract run samples/ 'more/**/*.pdf' https://portal.example/sitemap.xml "
    "--contact you@example.org --out out/"
)
def run(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (recursive), globs, or http(s) URLs (a sitemap or RSS/Atom "
            "feed expands to the pages it lists)."
        ),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    spacy_model: Annotated[
        str | None,
        typer.Option(help="Name of an installed spaCy model whose NER adds candidates (optional)."),
    ] = None,
    no_nlp: Annotated[
        bool, typer.Option("--no-nlp", help="Skip the NER pass.", metavar="")
    ] = False,
    max_pages: Annotated[
        int,
        typer.Option(
            help="Read at most this many pages of a PDF (a warning says when more were cut).",
            min=1,
        ),
    ] = 500,
    pdf_backend: PdfBackendOption = "pdfplumber",
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes (default: one per CPU).", min=1),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Extract every document again, changed or not.", metavar=""),
    ] = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Re-hash every file instead of trusting an unchanged size and mtime.",
            metavar="",
        ),
    ] = False,
    keep_removed: Annotated[
        bool,
        typer.Option(
            "--keep-removed",
            help="Keep the records of inputs that are gone (marked with a warning).",
            metavar="",
        ),
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Drop the records of inputs of earlier runs that this run does not name.",
        ),
    ] = False,
    include_hidden: Annotated[
        bool,
        typer.Option("--include-hidden", help="Read hidden files and folders (.name) too."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds one document may take before it is stopped (0: no limit).", min=0
        ),
    ] = 120.0,
    max_memory: Annotated[
        int,
        typer.Option(
            help="Megabytes of memory one worker may use; a document that needs more gets "
            "an error line of type too_large (0: no limit).",
            min=0,
        ),
    ] = DEFAULT_MAX_MEMORY >> 20,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No progress display and no summary table.", metavar=""),
    ] = False,
    input_file: Annotated[
        str | None,
        typer.Option(help="Read more inputs (paths or URLs), one a line, from FILE ('-': stdin)."),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            help="Only files whose relative path, and pages of a sitemap or feed whose URL, "
            "match this glob ('*.pdf', '*/profile/*'; repeat)."
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(help="Leave out files and listed pages whose path or URL matches this glob."),
    ] = None,
    max_docs: Annotated[
        int | None,
        typer.Option(help="A trial run: only the first N files (others' records stay).", min=1),
    ] = None,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose", "-v", count=True, help="A log line per document; -vv debug.", metavar=""
        ),
    ] = 0,
    log_format: Annotated[
        LogFormat, typer.Option(help="Log lines as text or as JSON objects (one per line).")
    ] = "text",
    contact: Annotated[
        str | None,
        typer.Option(help="E-mail or URL for site owners, sent in the User-Agent of web fetches."),
    ] = None,
    delay: Annotated[
        float, typer.Option(help="Seconds between two requests to the same host.", min=0)
    ] = 0.0,
    fetch_timeout: Annotated[
        float, typer.Option(help="Seconds a web server may stay silent.", min=0.1)
    ] = 30.0,
    max_download_mb: Annotated[
        float, typer.Option(help="Largest web response read (MB); larger ones fail.", min=0.001)
    ] = 100.0,
    allow_private_network: Annotated[
        bool,
        typer.Option(
            "--allow-private-network",
            help="Fetch loopback, private and link-local addresses too (refused by default).",
        ),
    ] = False,
    keep_downloads: Annotated[
        bool,
        typer.Option(
            "--keep-downloads", help="Keep the fetched bytes in OUT/downloads (offline re-runs)."
        ),
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
    OUT/changes.jsonl. Exit code 0 when every document has a record, 1 when some failed or
    were skipped (the others are still written), 2 on usage errors (also options that cannot
    work, such as a spaCy model that is not installed), 3 when the output folder cannot be
    used, 130 on Ctrl-C and 143 on SIGTERM (the next run resumes).
    """
    from ikz_extract.web.urls import is_url  # light; httpx only when there are URLs

    if out_dir.exists() and not out_dir.is_dir():
        raise typer.BadParameter(
            printable(f"{out_dir} is a file, not a folder"), param_hint="--out"
        )
    given = [*(inputs or []), *(_read_inputs(input_file) if input_file else [])]
    if not given:
        raise typer.BadParameter("give at least one input", param_hint="INPUTS")
    urls = tuple(name for name in given if is_url(name))
    paths = [name for name in given if not is_url(name)]
    found = discover_inputs(paths, include_hidden=include_hidden)
    for warning in found.warnings:
        say(("warning: ", "yellow"), warning)
    # Left out by --include/--exclude/--max-docs: not named, so their records are kept.
    sources = select(found.sources, include, exclude, max_docs)
    configure(verbose, log_format, sys.stderr)
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
        prune=prune,
        timeout=timeout or None,
        max_memory=(max_memory << 20) or None,
        executor=executor,
        scheduler=scheduler,
    )
    progress = make_progress("quiet" if quiet else "auto", console)
    try:
        web = _web_inputs(
            urls,
            include=tuple(include or ()),
            exclude=tuple(exclude or ()),
            contact=contact,
            delay=delay,
            timeout=fetch_timeout,
            max_bytes=int(max_download_mb * 1_000_000),
            allow_private_network=allow_private_network,
            keep_downloads=keep_downloads,
            report=None if quiet else lambda n: say(f"checked {n} web pages …"),
        )
        with sigterm_as_interrupt():
            summary = run_batch(
                sources,
                out_dir,
                options,
                settings=settings,
                progress=progress,
                names=found.names,
                missing=found.missing,
                web=web,
            )
    except InputError as exc:
        raise typer.BadParameter(printable(str(exc)), param_hint="INPUTS") from exc
    except WorkerStartError as exc:  # e.g. --spacy-model names a model that is not installed
        say(("error: ", "red"), f"cannot start the extraction: {exc}")
        raise typer.Exit(2) from exc
    except (LockedError, ManifestError, OutputError, sqlite3.Error, OSError) as exc:
        say(("error: ", "red"), str(exc))
        raise typer.Exit(3) from exc
    except KeyboardInterrupt as exc:  # click would turn it into "Aborted!" and exit 1
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        say(f"{what}; the next run reuses the documents finished so far")
        raise typer.Exit(143 if isinstance(exc, Terminated) else 130) from exc
    if summary.recovered:
        say(("note: ", "yellow"), "finished the commit of an earlier run that was killed")
    if summary.reused:
        say(f"note: reused {summary.reused} results of an earlier run that was killed")
    if summary.ignored:
        say(f"note: ignored {summary.ignored} files inside the output folder {out_dir}")
    if found.hidden:
        say(f"note: skipped {found.hidden} hidden files or folders (--include-hidden reads them)")
    if summary.unnamed:
        say(
            f"note: kept the output of {summary.unnamed} inputs of earlier runs that this run "
            "does not name (--prune drops them)"
        )
    if not quiet:
        title = f"ikz-extract {PIPELINE_VERSION}: {len(sources)} files, {len(urls)} URLs"
        table = Table(title=title, min_width=len(title))
        table.add_column("documents")
        table.add_column("count", justify="right")
        for label, count in summary.counts().items():
            style = "red" if label == "failed" and count else ""
            table.add_row(f"[{style}]{label}[/]" if style else label, str(count))
        if summary.kept:
            table.add_row("kept (source gone)", str(summary.kept))
        if summary.stale:
            table.add_row("kept (failed this time)", str(summary.stale))
        if found.warnings:
            table.add_row(Text("skipped", style="red"), str(len(found.warnings)))
        if found.hidden:
            table.add_row("hidden (not read)", str(found.hidden))
        if summary.unnamed:
            table.add_row("not named (kept)", str(summary.unnamed))
        table.add_section()
        for record_type, count in sorted(summary.by_type.items()):
            table.add_row(f"records: {record_type}", str(count))
        table.add_row("records with warnings", str(summary.with_warnings))
        console.print(table)
    for error in summary.errors[:MAX_FAILURES_SHOWN]:
        say((error.source, "red"), f": {error.error_type}: {error.message}")
        say(f"  hint: {error.hint}")
    if len(summary.errors) > MAX_FAILURES_SHOWN:
        more = len(summary.errors) - MAX_FAILURES_SHOWN
        say(f"… and {more} more failures: see {out_dir / ERRORS}")
    if not quiet:
        say(
            f"wrote {out_dir / RECORDS} ({summary.records} records), "
            f"{out_dir / ERRORS} ({summary.failed + summary.unnamed_failed} errors), "
            f"{out_dir / CHANGES}, "
            f"{out_dir / MANIFEST}"
        )
    raise typer.Exit(1 if summary.failed or found.warnings else 0)


@app.command(epilog="Example: ikz-extract inspect samples/000_96834933350ee318.txt")
def inspect(
    file: Annotated[Path, typer.Argument(help="One document.", exists=True, dir_okay=False)],
    blocks: Annotated[bool, typer.Option(help="Show the loader's blocks.")] = True,
    no_nlp: Annotated[
        bool, typer.Option("--no-nlp", help="Skip the NER pass.", metavar="")
    ] = False,
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
        say((exc.error_type, "red"), f": {exc.message}")
        say(f"hint: {exc.hint}")
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
                Text(printable(block.text[:100].replace("\n", " ⏎ "))),
            )
        out.print(table)
    sections = Table(title="sections")
    for column in ("heading", "key", "span", "text"):
        sections.add_column(column)
    for section in record.sections:
        sections.add_row(
            Text(printable(section.heading or "—")),
            section.key or "",
            str(section.span),
            Text(printable(section.text[:80].replace("\n", " ⏎ "))),
        )
    out.print(sections)
    c = result.classification
    out.print(
        Text.assemble(
            "record type: ",
            (c.record_type, "bold"),
            printable(
                f" (confidence {c.confidence}); reasons: {'; '.join(c.reasons)}; scores: {c.scores}"
            ),
        )
    )
    pretty = json.dumps(json.loads(to_json(record)), indent=2, ensure_ascii=False)
    out.print(Text(escape_surrogates(pretty)), soft_wrap=True)  # JSON escapes the rest


@app.command(epilog="Example: ikz-extract schema --out schemas/")
def schema(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the files.")] = Path(
        "schemas"
    ),
) -> None:
    """Write the JSON Schema files of records and errors, generated from the models."""
    if out_dir.exists() and not out_dir.is_dir():
        raise typer.BadParameter(
            printable(f"{out_dir} is a file, not a folder"), param_hint="--out"
        )
    try:
        written = write_schemas(out_dir)
    except OSError as exc:
        say(("error: ", "red"), f"cannot write {out_dir}: {exc.strerror or exc}")
        raise typer.Exit(1) from exc
    for path in written:
        say(f"wrote {path}")


@app.command(
    "eval", epilog="Example: ikz-extract eval tests/gold/seeds.gold.jsonl out/records.jsonl"
)
def evaluate_command(
    gold: Annotated[
        Path, typer.Argument(help="Hand-annotated gold JSONL.", exists=True, dir_okay=False)
    ],
    records: Annotated[
        Path, typer.Argument(help="records.jsonl of a run.", exists=True, dir_okay=False)
    ],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss.")] = False,
    min_f1: Annotated[
        float | None, typer.Option(help="Exit 1 when a label's span F1 is below this.")
    ] = None,
) -> None:
    """Precision, recall and F1 of the entities per label (span match and linked-id match)."""
    from ikz_extract.nlp.evaluate import evaluate, group_errors, per_label_f1, render_report

    try:
        report = evaluate(gold, records)
    except (ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        # not JSON lines, or the arguments swapped: gold lines have "key", records "source"
        raise typer.BadParameter(
            printable(
                f"cannot read {gold} as gold and {records} as records ({type(exc).__name__}: "
                f"{exc}); give the gold JSONL first, then a records.jsonl"
            ),
            param_hint="GOLD RECORDS",
        ) from exc
    if report.documents == 0:
        say(
            ("error: ", "red"),
            f"no gold document of {gold} matches a record of {records} (by source file name); "
            "nothing was scored",
        )
        raise typer.Exit(1)
    out.print(render_report(report))
    if report.missing:
        say(("no record for gold documents: ", "yellow"), ", ".join(report.missing))
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


def _read_inputs(name: str) -> list[str]:
    """One input a line (blank lines and ``#`` comments skipped) from a file or stdin."""
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(printable(f"{name}: {exc}"), param_hint="--input-file") from exc
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _web_inputs(
    urls: tuple[str, ...],
    *,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    contact: str | None,
    delay: float,
    timeout: float,
    max_bytes: int,
    allow_private_network: bool,
    keep_downloads: bool,
    report: Callable[[int], None] | None,
) -> WebInputs | None:
    if not urls:
        return None
    from ikz_extract.web.address import EVERYWHERE
    from ikz_extract.web.client import FetchSettings
    from ikz_extract.web.step import WebInputs

    settings = FetchSettings(
        contact=contact,
        timeout=timeout,
        max_bytes=max_bytes,
        delay=delay,
        allowed_networks=EVERYWHERE if allow_private_network else (),
    )
    return WebInputs(urls, settings, include, exclude, keep_downloads, report)


app.command("export", epilog="Example: ikz-extract export out/ --format csv --to tables/")(
    export_command
)
app.command("report", epilog="Example: ikz-extract report out/ && xdg-open out/report/index.html")(
    report_command
)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        console.print("interrupted")
        sys.exit(130)

"""Hostile document contents (issue 9, item 3): each in ONE batch with good files, with the
default memory limit, and every good file must still get its record.

The batch runs with NER (the long text must be annotated whole) and two workers; the
module fixture measures the peak resident memory of the workers (``RUSAGE_CHILDREN``).
"""

from __future__ import annotations

import json
import resource
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ikz_extract import pipeline
from ikz_extract.batch import RunSettings, run_batch
from ikz_extract.batch.model import DEFAULT_MAX_MEMORY
from ikz_extract.discover import discover
from ikz_extract.document import Document
from ikz_extract.loaders import load
from ikz_extract.loaders.limits import MAX_HTML_BYTES, MAX_INPUT_BYTES
from ikz_extract.models import ErrorRecord, record_adapter
from ikz_extract.options import Options
from ikz_extract.pool import address_space
from tests.fixtures import hostile as h
from tests.fixtures.corpus import PROFILE_000

FILES = {
    "good.txt": lambda: PROFILE_000.read_bytes(),
    "good.pdf": h.good_pdf,
    "bomb.pdf": h.bomb_pdf,
    "many_chars.pdf": h.many_chars_pdf,
    "long.txt": h.long_german_text,
    "one_node.html": h.one_node_html,
    "utf16.html": lambda: h.wide_html("utf-16"),
    "utf32.html": lambda: h.wide_html("utf-32"),
    "mislabelled.html": h.mislabelled_html,
    "broken_xref.pdf": h.broken_xref_pdf,
    "zero_pages.pdf": h.zero_page_pdf,
    "blank.txt": lambda: b" \n\t\n   \n",
    "mentions_pdf.txt": h.pdf_mentioning_text,
}
HUGE = MAX_INPUT_BYTES + (2 << 30)  # about 2.5 GB, sparse: costs no disk


@dataclass
class Outcome:
    records: dict[str, dict[str, Any]]  # by source key
    errors: dict[str, ErrorRecord]  # by file name
    peak_worker_rss: int  # bytes


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    folder.mkdir()
    for name, make in FILES.items():
        (folder / name).write_bytes(make())
    with (folder / "huge.txt").open("wb") as file:
        file.truncate(HUGE)
    sources, _ = discover([str(folder)])
    run_batch(sources, root / "out", Options(), settings=RunSettings(workers=2, timeout=900))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    records = {}
    for line in (root / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines():
        record = record_adapter.validate_json(line)
        records[record.source.key] = json.loads(line)
    errors = {
        Path(e.source).name: e
        for e in (
            ErrorRecord.model_validate_json(line)
            for line in (root / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
        )
    }
    return Outcome(records, errors, peak)


def _text(record: dict[str, Any]) -> str:
    return "\n".join(s["text"] for s in record["sections"])


def _warned(outcome: Outcome, name: str, fragment: str) -> dict[str, Any]:
    record = outcome.records[name]
    assert any(fragment in w for w in record["warnings"]), record["warnings"]
    return record


def _error(outcome: Outcome, name: str, error_type: str) -> ErrorRecord:
    assert name not in outcome.records
    error = outcome.errors[name]
    assert error.error_type == error_type, error
    assert error.message and error.hint
    return error


def test_every_good_file_got_its_record(outcome: Outcome) -> None:
    assert {"good.txt", "good.pdf"} <= set(outcome.records)
    assert "Havixbeck" in _text(outcome.records["good.pdf"])
    assert set(outcome.records) | set(outcome.errors) == {*FILES, "huge.txt"}


def test_memory_stayed_bounded(outcome: Outcome) -> None:
    assert DEFAULT_MAX_MEMORY <= 2 << 30
    assert 0 < outcome.peak_worker_rss < 2 << 30, outcome.peak_worker_rss


def test_a_pdf_decompression_bomb_is_refused(outcome: Outcome) -> None:
    error = _error(outcome, "bomb.pdf", "too_large")
    assert "decompression bomb" in error.message


def test_a_pdf_page_with_millions_of_characters(outcome: Outcome) -> None:
    """Counted in the page's string operands before pdfminer builds an object per char."""
    record = _warned(outcome, "many_chars.pdf", "page(s) 1 show more than 200,000 characters")
    assert not any("no text layer" in w for w in record["warnings"])


def _hungry_load(data: bytes, **options: Any) -> Document:
    """``load``, except that a document saying HUNGRY takes 20 MB after 20 MB, as a parser
    would that builds objects for every character of an absurd page."""
    if not data.startswith(b"HUNGRY"):
        return load(data, **options)
    held = []
    while True:
        held.append(bytearray(20 << 20))


def test_a_document_beyond_the_memory_limit_gets_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's cap turns the allocation that crosses it into an error line, and a
    fresh worker reads the next documents."""
    monkeypatch.setattr(pipeline, "load", _hungry_load)  # forked workers inherit it
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_hungry.txt").write_bytes(b"HUNGRY\n" + h.SENTENCE.encode())
    (folder / "b_good.pdf").write_bytes(h.good_pdf())
    (folder / "c_good.txt").write_bytes(PROFILE_000.read_bytes())
    sources, _ = discover([str(folder)])
    # forked, a worker starts as large as this process: the cap leaves it 600 MB more
    settings = RunSettings(workers=1, timeout=300, max_memory=address_space() + (600 << 20))
    summary = run_batch(sources, tmp_path / "out", Options(annotate=False), settings=settings)
    assert len(summary.errors) == 1, summary.errors
    (error,) = summary.errors
    assert (Path(error.source).name, error.error_type) == ("a_hungry.txt", "too_large")
    assert "--max-memory" in error.hint
    records = (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) == 2


def test_a_huge_file_is_refused_by_its_size_and_hashed_in_chunks(outcome: Outcome) -> None:
    error = _error(outcome, "huge.txt", "too_large")
    assert f"over {MAX_INPUT_BYTES >> 20} MB" in error.message
    assert error.sha256 is not None and len(error.sha256) == 64


def test_text_beyond_spacys_limit_is_annotated_whole(outcome: Outcome) -> None:
    record = outcome.records["long.txt"]
    text = _text(record)
    assert len(text) > 1_000_000
    ends = [e["end"] for e in record["entities"]]
    assert max(ends) > 1_250_000  # entities near the end, in document coordinates
    assert not any("failed" in w for w in record["warnings"]), record["warnings"]
    dates = {d["value"] for d in record["dates"]}
    assert {"--11-12", "--02-01"} <= dates


def test_a_50_mb_html_page_of_one_text_node_keeps_5_mb_of_text(outcome: Outcome) -> None:
    record = _warned(outcome, "one_node.html", "the HTML page is 50.0 MB")
    assert 0.95 * MAX_HTML_BYTES < len(_text(record)) <= MAX_HTML_BYTES


@pytest.mark.parametrize("name", ["utf16.html", "utf32.html"])
def test_utf16_and_utf32_html_with_a_bom(outcome: Outcome, name: str) -> None:
    record = outcome.records[name]
    assert record["source"]["media_type"] == "text/html"
    assert record["title"] == "Gemeinsamer Bauhof"
    assert "<p>" not in _text(record) and "Havixbeck" in _text(record)


def test_a_wrong_charset_declaration(outcome: Outcome) -> None:
    record = outcome.records["mislabelled.html"]
    assert "„gemeinsam statt einsam“" in _text(record)
    assert record["title"] == "Gemeinsame Straßenunterhaltung"


def test_a_broken_cross_reference_table(outcome: Outcome) -> None:
    _error(outcome, "broken_xref.pdf", "corrupt_pdf")


def test_a_pdf_with_0_pages(outcome: Outcome) -> None:
    _warned(outcome, "zero_pages.pdf", "the PDF has no pages")


def test_a_whitespace_only_file(outcome: Outcome) -> None:
    _warned(outcome, "blank.txt", "only whitespace")


def test_a_text_mentioning_the_pdf_header_is_text(outcome: Outcome) -> None:
    record = outcome.records["mentions_pdf.txt"]
    assert record["source"]["media_type"] == "text/plain"
    assert "%PDF-1.7" in _text(record)

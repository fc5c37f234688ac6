"""Bad input never stops a batch (issue 5, item 7): a record with warnings or an error line.

All bad files go through ONE batch (module fixture), together with a good profile, as they
would in a real folder; each test then checks what one of them became.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ikz_extract.batch import RunSettings, Summary, run_batch
from ikz_extract.cli import app
from ikz_extract.discover import discover
from ikz_extract.loaders.limits import cap_html
from ikz_extract.models import ErrorRecord, record_adapter
from ikz_extract.options import Options
from tests.fixtures import bad_input as bad
from tests.fixtures.corpus import PROFILE_000

FILES = {
    "good.txt": lambda: PROFILE_000.read_bytes(),
    "empty.html": lambda: b"",
    "truncated.pdf": bad.truncated_pdf,
    "encrypted.pdf": bad.encrypted_pdf,
    "encrypted_no_user_password.pdf": lambda: bad.encrypted_pdf(user_password=""),
    "scanned.pdf": bad.scanned_pdf,
    "noise.html": bad.random_bytes,
    "latin1.html": bad.cp1252_html,
    "huge.html": bad.huge_html,
    "deep.html": bad.deep_html,
    "long.pdf": bad.many_pages_pdf,
    "english.txt": bad.english_text,
}


# Below the default (500) only to keep the test fast: pdfplumber reads ~80 pages a second.
MAX_PAGES = 50


@dataclass
class Outcome:
    summary: Summary
    records: dict[str, dict[str, Any]]  # by source key
    errors: dict[str, ErrorRecord]  # by source file name
    warnings: list[str]  # discover's


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    root = tmp_path_factory.mktemp("bad")
    folder = root / "in"
    folder.mkdir()
    for name, make in FILES.items():
        (folder / name).write_bytes(make())
    bad.make_fifo(folder / "pipe.html")
    bad.make_link_loop(folder)
    sources, warnings = discover([str(folder)])
    summary = run_batch(
        sources,
        root / "out",
        Options(annotate=False, max_pages=MAX_PAGES),
        settings=RunSettings(workers=2, timeout=60),
    )
    lines = (root / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    records = {}
    for line in lines:
        record = record_adapter.validate_json(line)  # every record is valid
        records[record.source.key] = json.loads(line)
    errors = {
        Path(e.source).name: e
        for e in (
            ErrorRecord.model_validate_json(line)
            for line in (root / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
        )
    }
    return Outcome(summary, records, errors, warnings)


def _error(outcome: Outcome, name: str, error_type: str) -> ErrorRecord:
    assert name not in outcome.records, f"{name} should have failed"
    error = outcome.errors[name]
    assert error.error_type == error_type, error
    assert error.message and error.hint  # something a person can act on
    return error


def _warned(outcome: Outcome, name: str, fragment: str) -> dict[str, Any]:
    record = outcome.records[name]
    assert any(fragment in w for w in record["warnings"]), record["warnings"]
    return record


def _text(record: dict[str, Any]) -> str:
    return "\n".join(s["text"] for s in record["sections"])


def test_the_batch_went_on_and_counted_every_document(outcome: Outcome) -> None:
    assert set(outcome.records) | set(outcome.errors) >= {*FILES, "pipe.html", "loop_a.html"}
    assert "good.txt" in outcome.records
    assert outcome.summary.failed == len(outcome.errors) == 7
    # every bad file is refused by a rule of its own, none by the 60 s time limit
    assert not [e for e in outcome.errors.values() if e.error_type == "timeout"]


def test_zero_byte_file(outcome: Outcome) -> None:
    _error(outcome, "empty.html", "empty_file")


def test_truncated_pdf(outcome: Outcome) -> None:
    error = _error(outcome, "truncated.pdf", "corrupt_pdf")
    assert "truncated" in error.hint


def test_encrypted_pdf_with_a_password_is_a_clear_error(outcome: Outcome) -> None:
    error = _error(outcome, "encrypted.pdf", "encrypted_pdf")
    assert "password" in error.message and "qpdf" in error.hint


def test_encrypted_pdf_that_opens_with_the_empty_password_is_read(outcome: Outcome) -> None:
    record = outcome.records["encrypted_no_user_password.pdf"]
    assert "Havixbeck" in _text(record)


def test_pdf_without_a_text_layer(outcome: Outcome) -> None:
    _warned(outcome, "scanned.pdf", "no text layer — scanned document, OCR not supported")


def test_random_bytes_named_html(outcome: Outcome) -> None:
    _error(outcome, "noise.html", "unknown_format")


def test_cp1252_html_without_a_charset_declaration(outcome: Outcome) -> None:
    record = outcome.records["latin1.html"]
    assert record["title"] == "Gemeinsame Straßenunterhaltung in Münster"
    assert "„gemeinsam statt einsam“" in _text(record)


def test_a_50_mb_html_page(outcome: Outcome) -> None:
    record = _warned(outcome, "huge.html", "the HTML page is 50.0 MB; only its first")
    assert record["sections"], "the part that was read is in the record"


def test_scripts_and_inline_images_do_not_count_against_the_html_limit() -> None:
    article = "<h1>Kooperation</h1><p>Der Kreis Borken koordiniert das Netzwerk.</p>"
    script = "<script>" + "var x = 1;" * 100_000 + "</script>"
    image = '<img src="data:image/png;base64,' + "QUJD" * 100_000 + '">'
    page = f"<html><head>{script}</head><body>{image}{article}</body></html>".encode()
    kept, warnings = cap_html(page, limit=100_000)
    assert warnings == [] and article.encode() in kept and len(kept) < 1000
    big = b"<p>x</p>" * 50_000
    cut, warnings = cap_html(big, limit=100_000)
    assert len(cut) <= 100_000 and big.startswith(cut) and big[len(cut) :].startswith(b"<")
    assert len(warnings) == 1  # cut at a tag boundary, and said so


def test_html_nested_10000_levels_deep(outcome: Outcome) -> None:
    record = outcome.records["deep.html"]
    assert "Tief verschachtelt" in _text(record)


def test_a_2000_page_pdf_is_cut_at_max_pages_with_a_warning(outcome: Outcome) -> None:
    record = _warned(outcome, "long.pdf", f"only the first {MAX_PAGES} of 2000 pages were read")
    assert record["source"]["pages"] == 2000
    assert "Seite 50 " in _text(record) and "Seite 51 " not in _text(record)
    assert Options().max_pages == 500  # the default: a limit is always set


def test_a_non_german_document_is_a_record_with_a_warning(outcome: Outcome) -> None:
    _warned(outcome, "english.txt", "does not look German")
    assert not any("German" in w for w in outcome.records["good.txt"]["warnings"])


def test_a_fifo_is_reported_instead_of_blocking_the_batch(outcome: Outcome) -> None:
    error = _error(outcome, "pipe.html", "unreadable")
    assert "not a regular file" in error.message


def test_a_symlink_loop(outcome: Outcome) -> None:
    for name in ("loop_a.html", "loop_b.html"):
        assert "symbolic link loop" in _error(outcome, name, "unreadable").message
    assert any("sub/up: symbolic link to a folder, not followed" in w for w in outcome.warnings)


@pytest.fixture
def world_dir() -> Iterator[Path]:
    """A folder outside pytest's private tmp (0700), so an unprivileged user can enter it."""
    folder = Path(tempfile.mkdtemp(prefix="ikz-unreadable-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_an_unreadable_file(world_dir: Path) -> None:
    """chmod 000. Root reads such a file anyway, so as root the batch runs in a child
    process that drops to the unprivileged user ``nobody`` (uid 65534) first."""
    folder, out = world_dir / "in", world_dir / "out"
    folder.mkdir(mode=0o777)
    out.mkdir(mode=0o777)
    folder.chmod(0o777)
    out.chmod(0o777)
    (folder / "good.txt").write_bytes(PROFILE_000.read_bytes())
    (folder / "good.txt").chmod(0o644)
    locked = folder / "locked.txt"
    locked.write_bytes(PROFILE_000.read_bytes())
    locked.chmod(0o000)
    sources, _ = discover([str(folder)])

    def batch() -> None:
        run_batch(
            sources, out, Options(annotate=False), settings=RunSettings(workers=1, timeout=None)
        )

    if os.geteuid() == 0:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            try:
                os.setgid(65534)
                os.setuid(65534)
                batch()
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
    else:
        batch()
    errors = [
        ErrorRecord.model_validate_json(line)
        for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [(Path(e.source).name, e.error_type) for e in errors] == [("locked.txt", "unreadable")]
    assert "permission denied" in errors[0].message
    assert len((out / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_cli_exit_code_1_when_anything_failed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(PROFILE_000.read_bytes())
    (folder / "noise.html").write_bytes(bad.random_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "--no-nlp", "-q"])
    assert result.exit_code == 1
    assert "unknown_format" in result.output
    assert len((out / "records.jsonl").read_text().splitlines()) == 1

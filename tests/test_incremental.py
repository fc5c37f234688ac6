"""Re-run rules (issue 5): skip what is unchanged, re-extract what changed, report it."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

import ikz_extract.options
import ikz_extract.pipeline
from ikz_extract.batch import REMOVED_WARNING, RunSettings, Summary, fingerprint_for, run_batch
from ikz_extract.discover import discover
from ikz_extract.models import record_adapter, record_id_for
from ikz_extract.options import Options
from tests.fixtures.bad_input import german_pdf
from tests.fixtures.corpus import PROFILE_000, backdate, profile_text, write_profiles

FAST = Options(annotate=False)


def run(folder: Path, out: Path, options: Options = FAST, **settings: Any) -> Summary:
    sources, _ = discover([str(folder)])
    return run_batch(
        sources, out, options, settings=RunSettings(**{"workers": 1, "timeout": None, **settings})
    )


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def manifest_rows(out: Path) -> dict[str, dict[str, Any]]:
    db = sqlite3.connect(out / "manifest.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return {row["key"]: dict(row) for row in db.execute("SELECT * FROM sources")}
    finally:
        db.close()


def test_unchanged_rerun_skips_everything_and_keeps_the_bytes(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 6)
    first = run(folder, out)
    assert (first.added, first.extracted, first.failed) == (6, 6, 0)
    before = (out / "records.jsonl").read_bytes()
    again = run(folder, out)
    assert again.extracted == 0
    assert (again.unchanged, again.added, again.changed, again.removed) == (6, 0, 0, 0)
    assert (out / "records.jsonl").read_bytes() == before
    assert (out / "changes.jsonl").read_text() == ""


def test_kreis_borken_republished_reports_the_einwohner_change(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    profile = folder / "kreis_borken.txt"
    seed = PROFILE_000.read_text(encoding="utf-8")
    profile.write_text(seed, encoding="utf-8")
    run(folder, out)
    profile.write_text(seed.replace("Einwohner: 371.898", "Einwohner: 380.796"), encoding="utf-8")
    summary = run(folder, out)
    assert (summary.changed, summary.unchanged, summary.added) == (1, 0, 0)
    assert lines(out / "changes.jsonl") == [
        {
            "record_id": record_id_for("kreis_borken.txt"),
            "source": profile.as_posix(),
            "change": "changed",
            "fields": {"kurzprofil.einwohner": [371898, 380796]},
        }
    ]
    (record,) = lines(out / "records.jsonl")
    assert record["fields"]["kurzprofil"]["einwohner"] == 380796


def test_added_and_removed_sources(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    paths = write_profiles(folder, 4)
    run(folder, out)
    paths[1].unlink()
    write_profiles(folder, 1, start=10)
    summary = run(folder, out)
    assert (summary.added, summary.removed, summary.unchanged) == (1, 1, 3)
    changes = {(c["source"], c["change"]) for c in lines(out / "changes.jsonl")}
    assert changes == {
        (paths[1].as_posix(), "removed"),
        ((folder / "profile_0010.txt").as_posix(), "added"),
    }
    keys = sorted(r["source"]["key"] for r in lines(out / "records.jsonl"))
    assert keys == ["profile_0000.txt", "profile_0002.txt", "profile_0003.txt", "profile_0010.txt"]
    assert "profile_0001.txt" not in manifest_rows(out)


def test_keep_removed_keeps_the_record_marked(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    paths = write_profiles(folder, 3)
    run(folder, out)
    gone_id = record_id_for(paths[0].name)
    paths[0].unlink()
    summary = run(folder, out, keep_removed=True)
    assert (summary.removed, summary.kept) == (1, 1)
    records = {r["record_id"]: r for r in lines(out / "records.jsonl")}
    assert len(records) == 3
    assert REMOVED_WARNING in records[gone_id]["warnings"]
    assert all(REMOVED_WARNING not in r["warnings"] for i, r in records.items() if i != gone_id)
    record_adapter.validate_python(records[gone_id])  # still a valid record
    assert manifest_rows(out)[paths[0].name]["status"] == "removed"
    # Kept again without a second warning or a second "removed" report …
    again = run(folder, out, keep_removed=True)
    assert (again.removed, again.kept) == (0, 1)
    kept = {r["record_id"]: r for r in lines(out / "records.jsonl")}[gone_id]
    assert kept["warnings"].count(REMOVED_WARNING) == 1
    # … back as "added" when its source returns …
    paths[0].write_text(profile_text(0), encoding="utf-8")
    back = run(folder, out, keep_removed=True)
    assert (back.added, back.kept, back.extracted) == (1, 0, 1)
    restored = {r["record_id"]: r for r in lines(out / "records.jsonl")}[gone_id]
    assert REMOVED_WARNING not in restored["warnings"]
    paths[0].unlink()
    run(folder, out, keep_removed=True)
    # … and dropped by a run without the option.
    dropped = run(folder, out)
    assert dropped.removed == 1
    assert gone_id not in {r["record_id"] for r in lines(out / "records.jsonl")}


def test_size_and_mtime_match_means_not_read_and_verify_reads(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    (path,) = write_profiles(folder, 1, age_s=3600)
    run(folder, out)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Einwohner: 300.000", "Einwohner: 399.999"), encoding="utf-8")
    assert path.stat().st_size == stat.st_size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    trusted = run(folder, out)
    assert (trusted.extracted, trusted.unchanged) == (0, 1)  # the file was not even read
    verified = run(folder, out, verify=True)
    assert (verified.extracted, verified.changed) == (1, 1)
    (change,) = lines(out / "changes.jsonl")
    assert change["fields"] == {"kurzprofil.einwohner": [300000, 399999]}


def test_a_freshly_written_file_is_hashed_even_when_size_and_mtime_match(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    (path,) = write_profiles(folder, 1)  # mtime: now, too fresh to vouch for the content
    run(folder, out)
    assert manifest_rows(out)[path.name]["mtime_ns"] is None
    stat = path.stat()
    path.write_text(path.read_text().replace("300.000", "300.001"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    summary = run(folder, out)
    assert summary.changed == 1


def test_new_pipeline_version_reextracts_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 3)
    run(folder, out)
    monkeypatch.setattr(ikz_extract.pipeline, "PIPELINE_VERSION", "9.9.9+test")  # the record
    monkeypatch.setattr(ikz_extract.options, "PIPELINE_VERSION", "9.9.9+test")  # fingerprint
    summary = run(folder, out)
    assert summary.extracted == 3
    assert {r["source"]["pipeline_version"] for r in lines(out / "records.jsonl")} == {"9.9.9+test"}
    assert {row["fingerprint"].split(";")[0] for row in manifest_rows(out).values()} == {
        "9.9.9+test"
    }


def test_changed_options_reextract_only_the_documents_they_affect(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 2)
    (folder / "brochure.pdf").write_bytes(german_pdf(pages=3))
    run(folder, out, Options(annotate=False, max_pages=500))
    fewer_pages = run(folder, out, Options(annotate=False, max_pages=1))
    assert (fewer_pages.extracted, fewer_pages.changed, fewer_pages.unchanged) == (1, 1, 2)
    pdf = next(r for r in lines(out / "records.jsonl") if r["source"]["key"] == "brochure.pdf")
    assert any("only the first 1 of 3 pages" in w for w in pdf["warnings"])
    pdfium = run(folder, out, Options(annotate=False, max_pages=1, pdf_backend="pdfium"))
    assert (pdfium.extracted, pdfium.unchanged + pdfium.changed) == (1, 3)


def test_which_options_concern_which_documents() -> None:
    for media_type in ("text/plain", "text/html", "application/pdf", None):
        # The NER shapes every document …
        assert fingerprint_for(Options(annotate=True), media_type) != fingerprint_for(
            Options(annotate=False), media_type
        )
    # … the page limit and the PDF backend only PDFs (and sources that failed, type unknown).
    for media_type, differs in (("text/plain", False), ("application/pdf", True), (None, True)):
        for other in (Options(max_pages=7), Options(pdf_backend="pdfium")):
            changed = fingerprint_for(other, media_type) != fingerprint_for(Options(), media_type)
            assert changed is differs


def test_force_reextracts_all_and_identical_output_counts_as_unchanged(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 3)
    run(folder, out)
    before = (out / "records.jsonl").read_bytes()
    forced = run(folder, out, force=True)
    assert (forced.extracted, forced.unchanged, forced.changed) == (3, 3, 0)
    assert (out / "records.jsonl").read_bytes() == before


def test_failed_source_keeps_its_error_until_it_is_fixed(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 1)
    broken = folder / "broken.html"
    broken.write_bytes(b"")
    backdate(broken, 3600)
    first = run(folder, out)
    assert first.failed == 1
    again = run(folder, out)
    assert (again.failed, again.extracted) == (1, 0)  # same bytes: not retried
    assert [e["error_type"] for e in lines(out / "errors.jsonl")] == ["empty_file"]
    assert manifest_rows(out)["broken.html"]["status"] == "failed"
    broken.write_text(PROFILE_000.read_text(encoding="utf-8"), encoding="utf-8")
    fixed = run(folder, out)
    assert (fixed.failed, fixed.added, fixed.extracted) == (0, 1, 1)
    assert (out / "errors.jsonl").read_text() == ""


def test_a_record_that_now_fails_is_removed_and_reported(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    (path,) = write_profiles(folder, 1)
    run(folder, out)
    path.write_bytes(b"")
    summary = run(folder, out)
    assert (summary.failed, summary.removed, summary.records) == (1, 1, 0)
    (change,) = lines(out / "changes.jsonl")
    assert change["change"] == "removed" and "empty_file" in change["reason"]


def test_manifest_row_holds_what_the_rules_need(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    (path,) = write_profiles(folder, 1, age_s=3600)
    (folder / "empty.txt").write_bytes(b"")
    run(folder, out)
    first = manifest_rows(out)
    row = first[path.name]
    data = path.read_bytes()
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert (row["size"], row["mtime_ns"]) == (len(data), path.stat().st_mtime_ns)
    assert row["pipeline_version"] == ikz_extract.PIPELINE_VERSION
    assert row["fingerprint"].startswith(ikz_extract.PIPELINE_VERSION + ";annotate=False")
    assert (row["record_id"], row["status"], row["error"]) == (
        record_id_for(path.name),
        "ok",
        None,
    )
    record_line = (out / "records.jsonl").read_bytes().rstrip(b"\n")
    assert row["record_sha256"] == hashlib.sha256(record_line).hexdigest()
    failed = first["empty.txt"]
    assert failed["status"] == "failed"
    assert json.loads(failed["error"])["error_type"] == "empty_file"
    time.sleep(0.01)  # timestamps have millisecond resolution
    run(folder, out)
    second = manifest_rows(out)[path.name]
    assert second["first_seen"] == row["first_seen"]
    assert second["last_seen"] > row["last_seen"]


def test_a_tampered_record_line_is_extracted_again(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 3)
    run(folder, out)
    good = (out / "records.jsonl").read_text(encoding="utf-8")
    tampered = good.splitlines()
    tampered[1] = tampered[1].replace('"einwohner":', '"einwohner": ', 1)
    (out / "records.jsonl").write_text("\n".join(tampered) + "\n", encoding="utf-8")
    summary = run(folder, out)
    assert (summary.extracted, summary.unchanged) == (1, 3)  # identical output: unchanged
    assert (out / "records.jsonl").read_text(encoding="utf-8") == good


def test_lost_records_file_is_rebuilt(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 3)
    run(folder, out)
    good = (out / "records.jsonl").read_bytes()
    Path(os.path.realpath(out / "records.jsonl")).unlink()  # the file, not the link to it
    summary = run(folder, out)
    assert (summary.extracted, summary.unchanged, summary.added) == (3, 3, 0)
    assert (out / "records.jsonl").read_bytes() == good
    assert (out / "changes.jsonl").read_text() == ""  # nothing changed since the last commit


def test_an_output_folder_inside_the_input_folder_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_profiles(folder, 2)
    out = folder / "out"
    run(folder, out)
    again = run(folder, out)  # discover now also finds records.jsonl, manifest.sqlite, …
    assert again.ignored >= 4
    assert (again.extracted, again.unchanged, again.records) == (0, 2, 2)

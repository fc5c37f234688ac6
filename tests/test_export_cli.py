"""Command-line conventions: export/report commands, input selection, logs, the summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from ikz_extract.cli import MAX_FAILURES_SHOWN, app
from tests.conftest import SAMPLES

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def _keys(out: Path) -> list[str]:
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted(json.loads(line)["source"]["key"] for line in lines)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES / "000_96834933350ee318.txt", folder)
    shutil.copy(SAMPLES / "002_e904c1fb7a28568a.txt", folder / "sub")
    shutil.copy(SAMPLES / "002_profile_klimakreis_borken.html", folder / "sub")
    return folder


def test_include_exclude_and_max_docs_select_inputs(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    args = ["run", str(folder), "--no-nlp", "--workers", "1", "--quiet"]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "a"), "--include", "*.txt"])
    assert result.exit_code == 0, result.output
    assert _keys(tmp_path / "a") == ["000_96834933350ee318.txt", "sub/002_e904c1fb7a28568a.txt"]
    result = runner.invoke(
        app, [*args, "-o", str(tmp_path / "b"), "--exclude", "sub/*", "--exclude", "*.html"]
    )
    assert result.exit_code == 0, result.output
    assert _keys(tmp_path / "b") == ["000_96834933350ee318.txt"]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "c"), "--max-docs", "2"])
    assert result.exit_code == 0, result.output
    assert _keys(tmp_path / "c") == [
        "000_96834933350ee318.txt",
        "sub/002_e904c1fb7a28568a.txt",
    ]


def test_verbose_json_logs_a_line_per_document(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "empty.html").write_bytes(b"")
    result = runner.invoke(
        app,
        [
            "run",
            str(folder),
            "-o",
            str(tmp_path / "o"),
            "--no-nlp",
            "--workers",
            "1",
            "-v",
            "--log-format",
            "json",
        ],
    )
    assert result.exit_code == 1
    logs = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert sorted(log["key"] for log in logs) == [
        "000_96834933350ee318.txt",
        "empty.html",
        "sub/002_e904c1fb7a28568a.txt",
        "sub/002_profile_klimakreis_borken.html",
    ]
    failed = next(log for log in logs if log["key"] == "empty.html")
    assert failed["status"] == "failed" and failed["error_type"] == "empty_file"
    ok = next(log for log in logs if log["key"] == "000_96834933350ee318.txt")
    assert ok["status"] == "ok" and ok["record_type"] == "ikz_profile" and ok["level"] == "info"
    quiet = runner.invoke(
        app, ["run", str(folder), "-o", str(tmp_path / "p"), "--no-nlp", "--workers", "1"]
    )
    assert not any(line.startswith("{") for line in quiet.output.splitlines())


def test_summary_counts_records_with_warnings_and_caps_the_failures(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "003_ad2c3ff7510822b0.txt", folder)  # two warnings (TOC vs body)
    shutil.copy(SAMPLES / "000_96834933350ee318.txt", folder)
    failures = MAX_FAILURES_SHOWN + 3
    for i in range(failures):
        (folder / f"empty{i:02d}.txt").write_bytes(b"")
    result = runner.invoke(
        app, ["run", str(folder), "-o", str(tmp_path / "o"), "--no-nlp", "--workers", "1"]
    )
    assert result.exit_code == 1
    [row] = [line for line in result.output.splitlines() if "records with warnings" in line]
    assert row.split("│")[-2].strip() == "1"
    shown = [line for line in result.output.splitlines() if ": empty_file:" in line]
    assert len(shown) == MAX_FAILURES_SHOWN
    assert "and 3 more failures: see" in result.output
    errors = (tmp_path / "o" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(errors) == failures


def test_boolean_options_show_as_flags() -> None:
    result = runner.invoke(app, ["run", "--help"])
    line = next(line for line in result.output.splitlines() if "--force" in line)
    assert "<bool>" not in line and "--no-force" not in line
    assert "Extract every document again" in line


def test_export_and_report_commands(samples_out: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", str(samples_out), "--format", "csv", "--to", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "datapackage.json").is_file()
    header = (tmp_path / "participants.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == '"record_id","record_type","cooperation","role","name","ags","level"'
    result = runner.invoke(app, ["report", str(samples_out), "--to", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "r" / "records").glob("*.html"))) == 10


def test_export_of_a_folder_without_records_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path)])
    assert result.exit_code == 1
    assert "run `ikz-extract run INPUTS --out OUT` first" in " ".join(result.output.split())

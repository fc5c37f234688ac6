"""The command line as a user meets it: exit codes, outputs, help."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from ikz_extract.cli import app
from ikz_extract.models import ErrorRecord, record_adapter
from tests.conftest import SAMPLES

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def _corpus(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for i, name in enumerate(names):
        shutil.copy(SAMPLES / name, folder / ("sub" if i else "") / name)
    return folder


def test_run_writes_one_valid_record_per_document(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, "000_96834933350ee318.txt", "002_e904c1fb7a28568a.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(folder), "--out", str(out), "--no-nlp"])
    assert result.exit_code == 0, result.output
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    records = [record_adapter.validate_json(line) for line in lines]
    assert sorted(r.source.key for r in records) == [
        "000_96834933350ee318.txt",
        "sub/002_e904c1fb7a28568a.txt",
    ]
    assert [r.record_id for r in records] == sorted(r.record_id for r in records)
    assert (out / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_record_ids_are_stable_across_runs_and_locations(tmp_path: Path) -> None:
    ids = []
    for where in ("a", "b"):
        folder = tmp_path / where / "docs"
        folder.mkdir(parents=True)
        shutil.copy(SAMPLES / "002_e904c1fb7a28568a.txt", folder)
        out = tmp_path / where / "out"
        assert runner.invoke(app, ["run", str(folder), "-o", str(out), "--no-nlp"]).exit_code == 0
        ids.append(json.loads((out / "records.jsonl").read_text())["record_id"])
    assert ids[0] == ids[1]


def test_failed_document_gives_exit_1_and_the_others_are_written(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, "002_e904c1fb7a28568a.txt")
    (folder / "empty.html").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(folder), "--out", str(out), "--no-nlp"])
    assert result.exit_code == 1
    assert len((out / "records.jsonl").read_text().splitlines()) == 1
    errors = [
        ErrorRecord.model_validate_json(line)
        for line in (out / "errors.jsonl").read_text().splitlines()
    ]
    assert [e.error_type for e in errors] == ["empty_file"]
    assert errors[0].source.endswith("empty.html") and errors[0].hint


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["run", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.output
    assert runner.invoke(app, ["run", "--bogus-option"]).exit_code == 2
    assert runner.invoke(app, ["run", str(tmp_path / "*.none"), "-o", str(tmp_path)]).exit_code == 2


def test_every_command_has_help_with_an_example() -> None:
    for command in ("run", "inspect", "schema"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: ikz-extract " + command in result.output


def test_inspect_shows_blocks_sections_type_and_record() -> None:
    result = runner.invoke(app, ["inspect", str(SAMPLES / "002_e904c1fb7a28568a.txt"), "--no-nlp"])
    assert result.exit_code == 0, result.output
    assert "blocks (text/plain" in result.output
    assert "zusammenarbeit_seit" in result.output  # a section key
    assert "record type: ikz_profile" in result.output
    assert '"einwohner": 380796' in result.output


def test_schema_command_writes_the_schemas(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    schema = json.loads((tmp_path / "record.schema.json").read_text())
    assert "ikz_profile" in schema["discriminator"]["mapping"]

"""The command line as a user meets it: exit codes, outputs, help."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from ikz_extract import PIPELINE_VERSION
from ikz_extract.cli import app
from ikz_extract.models import ErrorRecord, record_adapter
from tests.conftest import SAMPLES
from tests.fixtures.corpus import write_profiles

IKZ_EXTRACT = Path(sys.executable).parent / "ikz-extract"

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


# ---------------------------------------------------------------- messages for people (issue 9)


def _no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output


def test_version_and_short_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.strip() == f"ikz-extract {PIPELINE_VERSION}"
    for args in (["-h"], ["run", "-h"], ["eval", "-h"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage:" in result.output, args


@pytest.mark.parametrize(
    "option", [["--max-pages", "-5"], ["--max-pages", "0"], ["--timeout", "-1"], ["--workers", "0"]]
)
def test_nonsense_values_are_usage_errors(tmp_path: Path, option: list[str]) -> None:
    folder = _corpus(tmp_path, "002_e904c1fb7a28568a.txt")
    result = runner.invoke(app, ["run", str(folder), "-o", str(tmp_path / "out"), *option])
    _no_traceback(result)
    assert result.exit_code == 2 and option[0] in result.output
    assert not (tmp_path / "out").exists()


def test_out_naming_a_file_is_a_usage_error(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, "002_e904c1fb7a28568a.txt")
    target = tmp_path / "file.txt"
    target.write_text("mine", encoding="utf-8")
    for args in (["run", str(folder), "--out", str(target)], ["schema", "--out", str(target)]):
        result = runner.invoke(app, args)
        _no_traceback(result)
        assert result.exit_code == 2 and "is a file, not a folder" in result.output
    assert target.read_text(encoding="utf-8") == "mine"


def test_eval_misuse_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    gold = Path("tests/gold/seeds.gold.jsonl")
    folder = _corpus(tmp_path, "002_e904c1fb7a28568a.txt")
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(folder), "-o", str(out), "--no-nlp"]).exit_code == 0
    records = out / "records.jsonl"
    swapped = runner.invoke(app, ["eval", str(records), str(gold)])
    _no_traceback(swapped)
    assert swapped.exit_code == 2 and "give the gold JSONL first" in swapped.output
    not_json = runner.invoke(app, ["eval", str(gold), str(SAMPLES / "002_e904c1fb7a28568a.txt")])
    _no_traceback(not_json)
    assert not_json.exit_code == 2
    folder_arg = runner.invoke(app, ["eval", str(gold), str(out)])
    _no_traceback(folder_arg)
    assert folder_arg.exit_code == 2


def test_eval_fails_when_no_gold_document_matches_a_record(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"key": "other.txt", "entities": [], "persons": []}\n', encoding="utf-8")
    folder = _corpus(tmp_path, "002_e904c1fb7a28568a.txt")
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(folder), "-o", str(out), "--no-nlp"]).exit_code == 0
    result = runner.invoke(app, ["eval", str(gold), str(out / "records.jsonl")])
    _no_traceback(result)
    assert result.exit_code == 1 and "no gold document" in result.output
    assert "1.000" not in result.output


def test_a_skipped_input_makes_the_exit_code_1(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, "002_e904c1fb7a28568a.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SAMPLES / "000_96834933350ee318.txt", elsewhere)
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    result = runner.invoke(app, ["run", str(folder), "-o", str(tmp_path / "out"), "--no-nlp"])
    assert result.exit_code == 1, result.output
    assert "symbolic link to a folder, not followed" in result.output
    assert "skipped" in result.output
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""


def test_a_file_argument_with_a_leading_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLES / "002_e904c1fb7a28568a.txt", tmp_path / "-dash.txt")
    result = runner.invoke(app, ["run", "-o", "out", "--no-nlp", "--", "-dash.txt"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out" / "records.jsonl").read_text())["source"]["key"] == (
        "-dash.txt"
    )


def test_sigterm_ends_a_run_like_ctrl_c_and_the_next_run_resumes(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 40)
    args = [str(IKZ_EXTRACT), "run", str(folder), "-o", str(out), "--no-nlp", "--workers", "1"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    spools = out / ".ikz-extract"
    deadline = time.monotonic() + 120
    while sum(p.read_bytes().count(b"\n") for p in spools.glob("spool-*.jsonl")) < 3:
        assert proc.poll() is None, "finished before the signal"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert b"terminated" in stderr and b"Traceback" not in stderr
    assert not (out / "records.jsonl").exists()
    rerun = subprocess.run(args, capture_output=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert b"reused" in rerun.stderr
    assert len((out / "records.jsonl").read_text().splitlines()) == 40

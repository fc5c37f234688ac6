"""A re-run never drops a record it was not asked to drop (issue 9, item 5)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ikz_extract.pipeline
from ikz_extract.batch.merge import STALE_PREFIX
from ikz_extract.batch.plan import TRANSIENT_ERRORS
from ikz_extract.cli import app
from ikz_extract.discover import SourceFile
from ikz_extract.models import ErrorRecord, RecordBase, record_id_for
from ikz_extract.options import Options
from tests.fixtures.corpus import PROFILE_000, write_profiles

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})
ARGS = ["--no-nlp", "--workers", "1", "--timeout", "0"]


def cli(out: Path, *inputs: str | Path, extra: tuple[str, ...] = ()) -> Any:
    return runner.invoke(app, ["run", *map(str, inputs), "-o", str(out), *ARGS, *extra])


def records(out: Path) -> dict[str, dict[str, Any]]:
    text = (out / "records.jsonl").read_text(encoding="utf-8")
    return {r["source"]["key"]: r for r in map(json.loads, text.splitlines())}


def errors(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]


def changes(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "changes.jsonl").read_text().splitlines()]


def test_inputs_not_named_again_keep_their_records_and_prune_drops_them(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    write_profiles(a, 2)
    write_profiles(b, 8, start=10)
    assert cli(out, a, b).exit_code == 0
    assert len(records(out)) == 10
    only_a = cli(out, a)
    assert only_a.exit_code == 0, only_a.output
    assert len(records(out)) == 10  # b's eight records stay: b was merely not named
    assert changes(out) == []
    assert "8 inputs of earlier runs that this run does not name" in only_a.output
    pruned = cli(out, a, extra=("--prune",))
    assert pruned.exit_code == 0
    assert sorted(records(out)) == ["profile_0000.txt", "profile_0001.txt"]
    assert [(c["change"], c["reason"]) for c in changes(out)] == [
        ("removed", "not named by this run; dropped by --prune")
    ] * 8


def test_error_lines_of_inputs_not_named_stay_but_do_not_fail_the_run(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    write_profiles(a, 1)
    (a / "empty.txt").write_bytes(b"")
    write_profiles(b, 1, start=10)
    assert cli(out, a, b).exit_code == 1
    only_b = cli(out, b)
    assert only_b.exit_code == 0, only_b.output  # every input of this run has a record
    assert "empty_file" not in only_b.output  # not this run's failure: not listed
    assert [e["error_type"] for e in errors(out)] == ["empty_file"]  # but kept
    assert len(records(out)) == 2


def test_a_file_gone_from_a_folder_named_again_is_removed(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    (gone, *_) = write_profiles(a, 3)
    write_profiles(b, 1, start=10)
    assert cli(out, a, b).exit_code == 0
    gone.unlink()
    assert cli(out, a).exit_code == 0
    assert sorted(records(out)) == ["profile_0001.txt", "profile_0002.txt", "profile_0010.txt"]
    (change,) = changes(out)
    assert change["change"] == "removed" and change["reason"] == "its source is gone"


def test_a_file_argument_that_no_longer_exists_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first, second = write_profiles(tmp_path / "in", 2)
    assert cli(out, first, second).exit_code == 0
    second.unlink()
    result = cli(out, first, second)  # named again, but gone: not a usage error
    assert result.exit_code == 0, result.output
    assert sorted(records(out)) == ["profile_0000.txt"]
    assert [c["change"] for c in changes(out)] == ["removed"]
    # an input that names nothing and never named anything is still a usage error
    assert cli(out, first, tmp_path / "never.txt").exit_code == 2


def test_a_glob_named_again_removes_only_what_it_matches(tmp_path: Path) -> None:
    out, folder = tmp_path / "out", tmp_path / "in"
    txt = write_profiles(folder, 2)
    other = folder / "other.md"
    other.write_text(PROFILE_000.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli(out, folder).exit_code == 0
    txt[0].unlink()
    other.unlink()
    assert cli(out, f"{folder}/*.txt").exit_code == 0
    # profile_0000.txt matched the glob and is gone; other.md is gone too, but not named
    assert sorted(records(out)) == ["other.md", "profile_0001.txt"]


def _fails_with(error_type: str) -> Any:
    real = ikz_extract.pipeline.extract_or_error

    def extract(source: SourceFile, options: Options) -> RecordBase | ErrorRecord:
        if source.key != "profile_0000.txt":
            return real(source, options)
        return ErrorRecord(
            source=source.path.as_posix(),
            record_id=record_id_for(source.key),
            error_type=error_type,
            message=f"simulated {error_type}",
            hint="run again",
        )

    return extract


@pytest.mark.parametrize("error_type", sorted(TRANSIENT_ERRORS))
def test_a_transient_failure_keeps_the_last_good_record_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error_type: str
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 2)
    assert cli(out, folder).exit_code == 0
    good = records(out)["profile_0000.txt"]
    monkeypatch.setattr(ikz_extract.pipeline, "extract_or_error", _fails_with(error_type))
    failed = cli(out, folder, extra=("--force",))
    assert failed.exit_code == 1
    kept = records(out)["profile_0000.txt"]
    assert kept["fields"] == good["fields"]
    (warning,) = [w for w in kept["warnings"] if w.startswith(STALE_PREFIX)]
    assert error_type in warning
    assert [e["error_type"] for e in errors(out)] == [error_type]
    again = cli(out, folder, extra=("--force",))  # still failing: one warning, not two
    assert again.exit_code == 1
    assert records(out)["profile_0000.txt"] == kept
    monkeypatch.undo()
    healed = cli(out, folder)  # retried without --force: transient failures always are
    assert healed.exit_code == 0
    assert records(out)["profile_0000.txt"] == good
    assert errors(out) == []
    (change,) = changes(out)  # the line lost its warning: reported, with no field changed
    assert (change["change"], change["fields"]) == ("changed", {})
    assert "transient failure" in change["reason"]


def test_a_failure_of_the_bytes_still_removes_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 2)
    assert cli(out, folder).exit_code == 0
    monkeypatch.setattr(ikz_extract.pipeline, "extract_or_error", _fails_with("corrupt_pdf"))
    assert cli(out, folder, extra=("--force",)).exit_code == 1
    assert sorted(records(out)) == ["profile_0001.txt"]


def test_the_same_relative_path_under_two_folders_gives_two_records(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (one,) = write_profiles(tmp_path / "one", 1)
    (two,) = write_profiles(tmp_path / "two", 1, start=5)
    two = two.rename(two.with_name(one.name))
    result = cli(out, tmp_path / "one", tmp_path / "two")
    assert result.exit_code == 0, result.output
    found = records(out)
    assert len(found) == 2 and len({r["record_id"] for r in found.values()}) == 2
    assert found[one.name]["source"]["path"] == one.as_posix()
    assert found[two.as_posix()]["source"]["path"] == two.as_posix()
    assert cli(out, tmp_path / "one", tmp_path / "two").output.count("unchanged") == 1


def test_hidden_files_and_folders_are_skipped_counted_and_can_be_included(
    tmp_path: Path,
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    (profile,) = write_profiles(folder, 1)
    (folder / ".hidden.txt").write_bytes(profile.read_bytes())
    (folder / ".git").mkdir()
    shutil.copy(profile, folder / ".git" / "inside.txt")
    result = cli(out, folder)
    assert result.exit_code == 0
    assert "skipped 2 hidden files or folders" in result.output
    assert sorted(records(out)) == ["profile_0000.txt"]
    included = cli(out, folder, extra=("--include-hidden",))
    assert included.exit_code == 0
    assert sorted(records(out)) == [".git/inside.txt", ".hidden.txt", "profile_0000.txt"]
    back = cli(out, folder)  # hidden again, but still there: not named, so kept
    assert back.exit_code == 0 and len(records(out)) == 3


def _hangs_on_the_first(source: SourceFile, options: Options) -> RecordBase | ErrorRecord:
    if source.key == "profile_0000.txt":
        time.sleep(60)
    return _REAL_EXTRACT(source, options)


_REAL_EXTRACT = ikz_extract.pipeline.extract_or_error


def test_a_real_timeout_in_a_worker_keeps_the_last_good_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 2)
    assert cli(out, folder).exit_code == 0
    good = records(out)["profile_0000.txt"]
    # the worker process is forked, so it runs the patched function: one document hangs
    monkeypatch.setattr(ikz_extract.pipeline, "extract_or_error", _hangs_on_the_first)
    args = ["run", str(folder), "-o", str(out), "--no-nlp", "--workers", "1", "--force"]
    result = runner.invoke(app, [*args, "--timeout", "1"])
    assert result.exit_code == 1, result.output
    kept = records(out)["profile_0000.txt"]
    assert kept["fields"] == good["fields"]
    assert any(w.startswith(f"{STALE_PREFIX} (timeout") for w in kept["warnings"])
    assert [e["error_type"] for e in errors(out)] == ["timeout"]

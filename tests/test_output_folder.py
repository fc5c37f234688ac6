"""The output folder cannot be turned against its user (issue 9, items 3, 4 and 6): nothing
read from the manifest or the state folder leads a run outside OUT, a damaged or foreign
manifest stops the run with exit 3, and readers always see one run's complete set."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikz_extract.cli import app
from tests.fixtures.corpus import write_profiles

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})
ARGS = ["--no-nlp", "--workers", "1", "--timeout", "0", "-q"]


def run(folder: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["run", str(folder), "-o", str(out), *ARGS])
    # no traceback: an exception other than the exit would be one
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A committed OUT, and a victim folder beside it that must survive every run."""
    folder, out, victim = tmp_path / "in", tmp_path / "out", tmp_path / "victim"
    write_profiles(folder, 2)
    assert run(folder, out)[0] == 0
    victim.mkdir()
    (victim / "precious.txt").write_text("keep me", encoding="utf-8")
    return folder, out, victim


def set_state(out: Path, name: str, value: str) -> None:
    db = sqlite3.connect(out / "manifest.sqlite")
    with db:
        db.execute("INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)", (name, value))
    db.close()


def intact(victim: Path) -> bool:
    return sorted(os.listdir(victim)) == ["precious.txt"]


@pytest.mark.parametrize("value", ["../../victim", "{victim}", "commit-1/../../../victim"])
def test_a_pending_commit_outside_out_is_refused(
    setup: tuple[Path, Path, Path], value: str
) -> None:
    folder, out, victim = setup
    set_state(out, "pending_commit", value.format(victim=victim))
    code, output = run(folder, out)
    assert code == 3, output
    assert "not a generation folder" in output and "Traceback" not in output
    assert intact(victim)


def test_a_pending_commit_naming_a_link_to_elsewhere_is_refused(
    setup: tuple[Path, Path, Path],
) -> None:
    folder, out, victim = setup
    (out / ".ikz-extract" / "commit-99").symlink_to(victim)
    set_state(out, "pending_commit", "commit-99")
    assert run(folder, out)[0] == 3
    assert intact(victim)


def test_a_current_link_leading_outside_is_refused(setup: tuple[Path, Path, Path]) -> None:
    folder, out, victim = setup
    current = out / ".ikz-extract" / "current"
    current.unlink()
    current.symlink_to(victim)
    assert run(folder, out)[0] == 3
    assert intact(victim)


def test_a_state_folder_that_is_a_link_is_refused(setup: tuple[Path, Path, Path]) -> None:
    folder, out, victim = setup
    state = out / ".ikz-extract"
    state.rename(out / "moved")
    state.symlink_to(victim)
    code, output = run(folder, out)
    assert code == 3 and "not a folder this program made" in output
    assert intact(victim)


def test_planted_links_in_the_state_folder_are_never_followed(
    setup: tuple[Path, Path, Path],
) -> None:
    folder, out, victim = setup
    state = out / ".ikz-extract"
    (state / "commit-77").symlink_to(victim)  # looks like leftover staging of a killed run
    (state / "spool-5.jsonl").symlink_to(victim / "precious.txt")  # looks like a journal
    (folder / "profile_0000.txt").write_text("geändert", encoding="utf-8")
    code, output = run(folder, out)
    assert code == 0, output
    assert intact(victim) and (victim / "precious.txt").read_text() == "keep me"


def test_a_damaged_manifest_page_is_exit_3_with_a_message(setup: tuple[Path, Path, Path]) -> None:
    folder, out, _ = setup
    path = out / "manifest.sqlite"
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) >= 3 * page
    data[page + 100 : len(data)] = b"\xa5" * (len(data) - page - 100)  # every page after the first
    path.write_bytes(bytes(data))
    code, output = run(folder, out)
    assert code == 3, output
    assert "manifest" in output and "move it away" in output and "Traceback" not in output


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
        "CREATE TABLE sources (key TEXT PRIMARY KEY, other TEXT)",
    ],
)
def test_a_foreign_database_is_exit_3_and_left_untouched(tmp_path: Path, schema: str) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 1)
    out.mkdir()
    db = sqlite3.connect(out / "manifest.sqlite")
    with db:
        db.execute(schema)
    db.close()
    before = (out / "manifest.sqlite").read_bytes()
    code, output = run(folder, out)
    assert code == 3, output
    assert "not an ikz-extract manifest" in output and "Traceback" not in output
    assert (out / "manifest.sqlite").read_bytes() == before


def test_a_reader_resolving_the_link_once_reads_one_run(tmp_path: Path) -> None:
    """The documented reader protocol: realpath of records.jsonl, siblings from its folder;
    that folder stays readable through the next run."""
    folder, out = tmp_path / "in", tmp_path / "out"
    paths = write_profiles(folder, 3)
    assert run(folder, out)[0] == 0
    first = Path(os.path.realpath(out / "records.jsonl")).parent
    snapshot = {name: (first / name).read_bytes() for name in ("records.jsonl", "errors.jsonl")}
    paths[0].unlink()
    assert run(folder, out)[0] == 0
    second = Path(os.path.realpath(out / "records.jsonl")).parent
    assert second != first and second.parent == first.parent
    assert {name: (first / name).read_bytes() for name in snapshot} == snapshot
    assert (second / "changes.jsonl").read_text().count('"removed"') == 1
    for name in ("records.jsonl", "errors.jsonl", "changes.jsonl"):
        assert Path(os.path.realpath(out / name)).parent == second


def test_a_manifest_that_is_a_link_is_refused(setup: tuple[Path, Path, Path]) -> None:
    folder, out, victim = setup
    (out / "manifest.sqlite").rename(victim / "manifest.sqlite")
    (out / "manifest.sqlite").symlink_to(victim / "manifest.sqlite")
    before = (victim / "manifest.sqlite").read_bytes()
    code, output = run(folder, out)
    assert code == 3 and "symbolic link" in output
    assert (victim / "manifest.sqlite").read_bytes() == before


def test_edited_error_lines_in_the_manifest_and_journal_are_not_trusted(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_profiles(folder, 1)
    (folder / "empty.txt").write_bytes(b"")
    assert run(folder, out)[0] == 1
    db = sqlite3.connect(out / "manifest.sqlite")
    with db:
        db.execute("UPDATE sources SET error = 'not json' WHERE status = 'failed'")
    db.close()
    code, output = run(folder, out)  # extracted again instead of copying the edited line
    assert code == 1, output
    lines = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and '"error_type":"empty_file"' in lines[0]
    # a journal line of a killed run with an edited payload is not reused either
    (out / ".ikz-extract" / "spool-99.jsonl").write_bytes(b'{"key": "empty.txt"}\tgarbage\n')
    code, output = run(folder, out)
    assert code == 1 and "Traceback" not in output

"""File names that are not UTF-8 or carry tabs, quotes, dashes, markup or escape sequences
(issue 9, item 3): each still gets its record, in a batch with good files, and none reaches
the terminal raw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.fixtures.corpus import PROFILE_000

IKZ_EXTRACT = Path(sys.executable).parent / "ikz-extract"

# (name as bytes, what the terminal shows instead of the raw bytes)
HOSTILE = [
    (b"caf\xe9-latin1.txt", b"caf\\xe9-latin1.txt"),  # not UTF-8
    (b"tab\there.txt", b"tab\\there.txt"),
    (b"quote\"s'.txt", b"quote\"s'.txt"),
    (b"-leading-dash.txt", b"-leading-dash.txt"),
    (b"\x1b[31mred\x1b[0m.txt", b"\\x1b[31mred\\x1b[0m.txt"),
    (b"[bold]markup[red] :warning:.txt", b"[bold]markup[red] :warning:.txt"),
]


def _run(folder: Path, out: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "300"}
    args = [str(IKZ_EXTRACT), "run", str(folder), "-o", str(out), "--no-nlp", "--workers", "1"]
    return subprocess.run(args, capture_output=True, env=env, timeout=300, check=False)


def test_hostile_file_names_get_records_and_are_escaped_on_the_terminal(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "in")
    for sub in (b"[", b"empty"):
        os.makedirs(os.path.join(folder, sub))
    text = PROFILE_000.read_bytes()
    names = [name for name, _ in HOSTILE] + [b"[/]slash.txt", b"good.txt"]
    for name in names:
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(text)
    # the same names for empty files: each fails, and its error goes to the terminal
    empty = [os.path.join(b"empty", name) for name, _ in HOSTILE]
    for name in empty:
        with open(os.path.join(folder, name), "wb"):
            pass
    out = tmp_path / "out"
    result = _run(Path(os.fsdecode(folder)), out)
    terminal = result.stdout + result.stderr
    assert result.returncode == 1, terminal  # the empty files failed, nothing else
    assert b"Traceback" not in terminal
    assert b"\x1b" not in terminal and b"\xe9" not in terminal
    terminal.decode("utf-8")  # never a byte that is not UTF-8
    for _, shown in HOSTILE:
        assert b"empty/" + shown + b": empty_file" in terminal, shown

    raw = (out / "records.jsonl").read_bytes()
    raw.decode("utf-8")  # valid UTF-8 JSON lines
    records = [json.loads(line) for line in raw.splitlines()]
    paths = sorted(os.fsencode(r["source"]["path"]) for r in records)  # lossless
    assert paths == sorted(os.path.join(folder, name) for name in names)
    assert len({r["record_id"] for r in records}) == len(names)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_bytes().splitlines()]
    assert sorted(os.fsencode(e["source"]) for e in errors) == sorted(
        os.path.join(folder, name) for name in empty
    )

    again = _run(Path(os.fsdecode(folder)), out)  # the manifest keeps these names too
    assert again.returncode == 1 and b"Traceback" not in again.stderr
    assert (out / "records.jsonl").read_bytes() == raw
    assert (out / "errors.jsonl").read_bytes() == (out / "errors.jsonl").read_bytes()
    assert b"added" in again.stderr and b"unchanged" in again.stderr


def test_inspect_shows_a_hostile_name_and_text_escaped(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"a[\xff\x1bx.txt")
    with open(name, "wb") as handle:
        handle.write(b"# Titel [/] \x1b[31m\n\nText [bold]x[/bold] aus K\xc3\xb6ln.\n")
    result = subprocess.run(
        [str(IKZ_EXTRACT), "inspect", os.fsdecode(name), "--no-nlp"],
        capture_output=True,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "200"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout and b"\xff" not in result.stdout
    assert "Text [bold]x[/bold] aus Köln.".encode() in result.stdout  # not read as markup
    assert b'"path": "' + os.fsencode(tmp_path) + b'/a[\\udcff\\u001bx.txt"' in result.stdout

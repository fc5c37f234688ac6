"""JSONL files that are either the old or the new version, never half of one."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """Lone surrogates (a file name that is not UTF-8) as JSON escapes: ``\\udcff``.

    A JSON text holds them only inside strings, so the result is valid JSON that encodes as
    UTF-8, and Python's ``json.loads`` gives the surrogates back (``os.fsencode`` the bytes).
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(value: Any) -> str:
    """One compact JSON line, non-ASCII as is, lone surrogates escaped."""
    return escape_surrogates(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def to_json(model: BaseModel) -> str:
    """The model's JSON line; a path that is not UTF-8 keeps its surrogates, escaped."""
    try:
        return model.model_dump_json()
    except ValueError:  # PydanticSerializationError: pydantic refuses lone surrogates
        return dumps(model.model_dump(mode="json"))


def _default_mode() -> int:
    """What ``open()`` would give a new file: mkstemp's 0600 would hide output from others."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _default_mode()


def atomic_write_lines(path: Path, lines: Iterable[str]) -> int:
    """Write ``lines`` (one JSON document each) via temp file + fsync + rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            count = write_lines(handle, lines)
            finish(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return count


def open_new(path: Path) -> IO[str]:
    """A fresh file for text lines, readable like any other output file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    return os.fdopen(fd, "w", encoding="utf-8", newline="\n")


def write_lines(handle: IO[str], lines: Iterable[str]) -> int:
    count = 0
    for line in lines:
        handle.write(line)
        handle.write("\n")
        count += 1
    return count


def finish(handle: IO[str]) -> None:
    """Flush and fsync: after this the bytes survive a crash of the process and the machine."""
    handle.flush()
    os.fsync(handle.fileno())
    os.fchmod(handle.fileno(), FILE_MODE)


def fsync_dir(folder: Path) -> None:
    """Make renames and creations in ``folder`` durable (a no-op where folders cannot sync)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

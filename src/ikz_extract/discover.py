"""Discover: command-line inputs (files, folders, globs) → sources with stable keys."""

from __future__ import annotations

import errno
import glob
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class InputError(ValueError):
    """An input argument that names nothing; a usage error, not a document error."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    key: str  # relative to the input it was found under: stable across machines and runs


def discover(inputs: list[str]) -> tuple[list[SourceFile], list[str]]:
    """All files named by ``inputs``, sorted by key, and warnings (skipped links, duplicates).

    Folders are walked recursively without following directory symlinks (each gets a
    warning), so a symlink loop cannot trap the walk; hidden files (``.name``) are skipped.
    File links are kept even when they lead nowhere: reading them fails with a clear error.
    """
    found: dict[str, SourceFile] = {}
    warnings: list[str] = []
    for raw in inputs:
        for source in _expand(raw, warnings):
            other = found.get(source.key)
            if other is not None and other.path.resolve() != source.path.resolve():
                warnings.append(
                    f"{source.path}: same key {source.key!r} as {other.path}; "
                    f"skipped (give the inputs as separate runs or one common folder)"
                )
                continue
            found[source.key] = source
    return sorted(found.values(), key=lambda s: s.key), warnings


def _expand(raw: str, warnings: list[str]) -> list[SourceFile]:
    path = Path(raw)
    if glob.has_magic(raw):
        root = Path(_literal_prefix(raw))
        matches = sorted(Path(p) for p in glob.glob(raw, recursive=True))
        files = [p for p in matches if p.is_file() and not p.name.startswith(".")]
        if not files:
            raise InputError(f"no files match {raw!r}")
        return [SourceFile(p, _key(p, root)) for p in files]
    if path.is_dir():
        return _walk(path, warnings)
    if path.exists():
        return [SourceFile(path, path.name)]
    if path.is_symlink():
        raise InputError(f"{raw}: {_bad_link(path)}")
    raise InputError(f"{raw}: no such file or folder")


def _walk(root: Path, warnings: list[str]) -> list[SourceFile]:
    result = []
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=_walk_error(warnings)):
        linked = sorted(d for d in dirs if (Path(folder) / d).is_symlink())
        for name in linked:
            if not name.startswith("."):
                warnings.append(
                    f"{Path(folder) / name}: symbolic link to a folder, not followed "
                    "(give the folder itself as an input to include it)"
                )
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        # The key's folder part once per folder: per file, pathlib cost 1 s per 20,000.
        base = Path(folder)
        prefix = _key(base, root) + "/" if base != root else ""
        for name in sorted(files):
            if name.startswith("."):
                continue
            # A link that leads nowhere (loop, missing target) stays a source: the batch
            # gives it an errors.jsonl line, where a person looks for what went wrong.
            result.append(SourceFile(base / name, prefix + name))
    return result


def _bad_link(path: Path) -> str:
    """Why a symbolic link leads nowhere: a loop, or a missing target."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"


def _walk_error(warnings: list[str]) -> Callable[[OSError], None]:
    """A folder os.walk cannot list becomes a warning instead of vanishing silently."""

    def record(exc: OSError) -> None:
        warnings.append(f"{exc.filename}: cannot list the folder ({exc.strerror}), skipped")

    return record


def _key(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _literal_prefix(pattern: str) -> str:
    parts = Path(pattern).parts
    literal: list[str] = []
    for part in parts:
        if glob.has_magic(part):
            break
        literal.append(part)
    return str(Path(*literal)) if literal else "."

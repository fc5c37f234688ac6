"""Discover: command-line inputs (files, folders, globs) → sources with stable keys."""

from __future__ import annotations

import errno
import fnmatch
import glob
import os
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path


class InputError(ValueError):
    """An input argument that names nothing; a usage error, not a document error."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    key: str  # relative to the input it was found under: stable across machines and runs
    # A web page (``web.step``): ``path`` is its downloaded copy, ``key`` its normalised URL.
    url: str | None = None  # the URL fetched
    final_url: str | None = None  # after redirects
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    listed_by: str | None = None  # the URL input that named it (see store.manifest.Row)

    @property
    def origin(self) -> str:
        """Where the document came from, as error lines and the manifest name it."""
        return self.url or self.path.as_posix()


@dataclass(slots=True)
class Discovery:
    """What the inputs name now, and what they were meant to name (for the re-run rules)."""

    sources: list[SourceFile]
    warnings: list[str] = field(default_factory=list)  # each a skipped input or a folder
    hidden: int = 0  # hidden files and folders skipped (``--include-hidden`` reads them)
    names: list[str] = field(default_factory=list)  # every input as given
    missing: list[str] = field(default_factory=list)  # inputs that name nothing now


def discover(inputs: list[str]) -> tuple[list[SourceFile], list[str]]:
    """All files named by ``inputs``, sorted by key, and warnings; raises if one names nothing."""
    found = discover_inputs(inputs)
    if found.missing:
        raise InputError(missing_message(found.missing[0]))
    return found.sources, found.warnings


def discover_inputs(inputs: list[str], include_hidden: bool = False) -> Discovery:
    """All files named by ``inputs``, sorted by key; an input naming nothing goes to ``missing``.

    Folders are walked recursively without following directory symlinks (each gets a
    warning), so a symlink loop cannot trap the walk; hidden files and folders (``.name``)
    are skipped and counted unless ``include_hidden``. File links are kept even when they
    lead nowhere: reading them fails with a clear error. Two inputs with the same relative
    path under different folders both stay: the later one is keyed by its path as given.
    """
    found: dict[str, SourceFile] = {}
    result = Discovery([], names=list(inputs))
    for raw in inputs:
        expanded = _expand(raw, result, include_hidden)
        if expanded is None:
            result.missing.append(raw)
            continue
        for source in expanded:
            other = found.get(source.key)
            if other is not None and _same_file(other.path, source.path):
                continue
            if other is not None:
                source = SourceFile(source.path, source.path.as_posix())
                if source.key in found:
                    result.warnings.append(
                        f"{source.path}: same key {source.key!r} as {found[source.key].path}; "
                        "skipped (give the inputs as separate runs or one common folder)"
                    )
                    continue
            found[source.key] = source
    result.sources = sorted(found.values(), key=lambda s: s.key)
    return result


def missing_message(raw: str) -> str:
    if glob.has_magic(raw) and not os.path.lexists(raw):
        return f"no files match {raw!r}"
    path = Path(raw)
    if path.is_symlink():
        return f"{raw}: {_bad_link(path)}"
    return f"{raw}: no such file or folder"


def names_path(name: str, path: str) -> bool:
    """Whether the input ``name`` (file, folder or glob, as given) covers the source ``path``.

    Decides whether a source that is gone was meant by this run (its record goes) or merely
    not named (its record stays).
    """
    if glob.has_magic(name) and not os.path.lexists(name):
        return _glob_match(posixpath.normpath(Path(name).as_posix()).split("/"), path.split("/"))
    root = Path(name).as_posix()
    if path == root:
        return True
    if root == ".":
        return not (path.startswith("/") or path == ".." or path.startswith("../"))
    return path.startswith(root.rstrip("/") + "/")


def _glob_match(pattern: list[str], parts: list[str]) -> bool:
    """glob's rules on path segments: ``*`` stays within a segment, ``**`` spans any number."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(_glob_match(rest, parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatchcase(parts[0], head) and _glob_match(rest, parts[1:])


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop resolves to nothing
        return a == b


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _expand(raw: str, found: Discovery, include_hidden: bool) -> list[SourceFile] | None:
    path = Path(raw)
    if glob.has_magic(raw) and not os.path.lexists(raw):  # "a[1].pdf" may be a file name
        # glob itself leaves hidden names out unless the pattern spells the dot.
        root = Path(_literal_prefix(raw))
        matches = sorted(Path(p) for p in glob.glob(raw, recursive=True))
        return [SourceFile(p, _key(p, root)) for p in matches if p.is_file()] or None
    if path.is_dir():
        return _walk(path, found, include_hidden)
    if path.exists():
        return [SourceFile(path, path.name)]
    return None


def _walk(root: Path, found: Discovery, include_hidden: bool) -> list[SourceFile]:
    result = []
    warnings = found.warnings
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=_walk_error(warnings)):
        linked = sorted(d for d in dirs if (Path(folder) / d).is_symlink())
        for name in linked:
            if include_hidden or not _hidden(name):
                warnings.append(
                    f"{Path(folder) / name}: symbolic link to a folder, not followed "
                    "(give the folder itself as an input to include it)"
                )
        kept = sorted(d for d in dirs if d not in linked and (include_hidden or not _hidden(d)))
        found.hidden += len(dirs) - len(linked) - len(kept)
        dirs[:] = kept
        # The key's folder part once per folder: per file, pathlib cost 1 s per 20,000.
        base = Path(folder)
        prefix = _key(base, root) + "/" if base != root else ""
        for name in sorted(files):
            if _hidden(name) and not include_hidden:
                found.hidden += 1
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


def select(
    sources: list[SourceFile],
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    max_docs: int | None = None,
) -> list[SourceFile]:
    """The sources whose key is ``selected``, the first ``max_docs`` of them."""
    chosen = [s for s in sources if selected(s.key, include, exclude)]
    return chosen if max_docs is None else chosen[:max_docs]


def selected(
    name: str, include: Sequence[str] | None = None, exclude: Sequence[str] | None = None
) -> bool:
    """Whether ``name`` matches an ``include`` glob (any, when none is given) and no
    ``exclude`` glob: --include/--exclude, for a file's key (its relative path, "sub/a.pdf")
    and a listed page's URL alike. ``*`` also crosses "/", so ``*.pdf`` selects PDFs in every
    folder and ``*/profile/*`` pages under every host."""
    if include and not any(fnmatch.fnmatchcase(name, p) for p in include):
        return False
    return not any(fnmatch.fnmatchcase(name, p) for p in exclude or ())

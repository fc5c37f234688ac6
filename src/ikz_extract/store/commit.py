"""The commit protocol: records.jsonl, errors.jsonl, changes.jsonl and the manifest move together.

A run never edits the output files in place. Each run that commits writes a new
**generation**, a folder ``OUT/.ikz-extract/commit-<run>/`` with the three files, and one
symbolic link ``OUT/.ikz-extract/current`` names the generation in use. The files users
read, ``OUT/records.jsonl`` etc., are fixed links to ``.ikz-extract/current/<name>``, so
a switch of ``current`` (one atomic rename) replaces all three at once. The steps, and what
a ``kill -9`` at each point leaves behind:

1. **Extract.** Every finished document is appended to the run's spool
   (``OUT/.ikz-extract/spool-<run>.jsonl``, see ``store.spool``). Killed here: the output
   files and the manifest are untouched (the previous run's state, consistent); the next run
   reuses every spool entry whose source is still byte-identical.
2. **Stage.** The new generation is written and fsync'ed, while the manifest rows are
   updated inside one open SQLite transaction. Killed here: SQLite rolls the transaction
   back; the folder is garbage, deleted by the next run. Still the previous state.
3. **Commit.** In that same transaction the manifest records ``pending_commit = commit-<run>``,
   then COMMIT. This is the single point at which the run happens: the staged files are
   durable before it, so the manifest never describes files that could be lost.
4. **Publish.** ``current`` is switched to the new generation (a new link renamed over it),
   the links in OUT are made if missing, ``pending_commit`` is cleared, generations older
   than the previous one and the spools are deleted. Killed between 3 and the end of 4: the
   next run starts with ``recover()``, which sees ``pending_commit`` and publishes again
   (idempotent) before it reads anything. A reader sees the previous generation or the new
   one, all three files of it.

A reader that opens several files and must get them from one run resolves the link once
(``os.path.realpath("OUT/records.jsonl")``) and opens its siblings in that folder; the
previous generation stays until the next run publishes, so such a reader has a full run's
time to finish.

Nothing read from the manifest or the state folder can point a run outside OUT: a pending
commit or ``current`` must name a generation folder (``commit-<digits>``) directly inside
the state folder, which must be a real folder, not a link; anything else stops the run
(``OutputError``) instead of being followed. An output folder written by an older version
(plain files) is moved to this layout by hard links, consistent at every step.

Belt and braces: the manifest stores the sha256 of every record's line, and a run only
copies an unchanged record from records.jsonl when the line still has that hash; a line
that is missing or differs (edited by hand, restored from a backup) is extracted again.

One run at a time per output folder: a POSIX lock on ``OUT/.ikz-extract/lock`` (released by
the kernel when the process dies, and not inherited by worker processes).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from ikz_extract.store.jsonl import fsync_dir
from ikz_extract.store.manifest import Manifest
from ikz_extract.store.spool import spool_files

STATE_DIR = ".ikz-extract"
PENDING = "pending_commit"
COMMIT_PREFIX = "commit-"
CURRENT = "current"
LEGACY = "commit-0"  # the files of an output folder from before generations
PUBLISHED = ("records.jsonl", "errors.jsonl", "changes.jsonl")
CRASH_ENV = "IKZ_EXTRACT_CRASH_AT"  # fault injection for the crash tests; unset in real use
_GENERATION = re.compile(r"commit-\d{1,18}")


class LockedError(RuntimeError):
    """Another run is writing to the same output folder."""


class OutputError(RuntimeError):
    """The output folder holds something this program did not write and will not follow."""


def crash_point(name: str) -> None:
    """Die like ``kill -9`` here when the crash tests ask for it (one env lookup otherwise)."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), 9)


def state_dir(out_dir: Path) -> Path:
    folder = out_dir / STATE_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutputError(
            f"{folder} is not a folder this program made (a link or a file); "
            "move it away or use a new output folder"
        )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the folder's lock for the run; a second run fails at once with a clear message."""
    lock = state_dir(out_dir) / "lock"
    if lock.is_symlink():
        lock.unlink()
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise LockedError(
                f"{out_dir} is in use by another ikz-extract run; wait for it to finish"
            ) from exc
        yield
    finally:
        os.close(fd)  # closing releases a POSIX lock


def staging_dir(out_dir: Path, run_id: int) -> Path:
    folder = state_dir(out_dir) / f"{COMMIT_PREFIX}{run_id}"
    _remove(folder)
    folder.mkdir()
    return folder


def generation(out_dir: Path, name: str | None) -> Path | None:
    """The generation folder ``name`` names, if it is one of ours; None for no name."""
    if name is None:
        return None
    folder = out_dir / STATE_DIR / name
    if not _GENERATION.fullmatch(name) or folder.is_symlink() or not folder.is_dir():
        raise OutputError(
            f"{out_dir}: the manifest or {STATE_DIR}/{CURRENT} names {name!r}, which is not a "
            "generation folder of this program; move the output folder away and run again"
        )
    return folder


def current(out_dir: Path) -> Path | None:
    """The published generation (``current``), or None when there is none (yet)."""
    link = out_dir / STATE_DIR / CURRENT
    if not link.is_symlink():
        return None
    return generation(out_dir, os.readlink(link))


def published_file(out_dir: Path, name: str) -> Path | None:
    """Where the last published ``name`` is read from: never a path outside OUT.

    The current generation's file; for an output folder written before generations (or
    copied with links followed) the plain file in OUT; None when there is none.
    """
    folder = current(out_dir)
    if folder is not None:
        path = folder / name
        return path if path.is_file() and not path.is_symlink() else None
    path = out_dir / name
    return path if path.is_file() and not path.is_symlink() else None


def publish(out_dir: Path, manifest: Manifest) -> bool:
    """Step 4: switch ``current`` to the committed generation. True if there was one.

    Idempotent: a kill anywhere in it is finished by publishing again.
    """
    staged = generation(out_dir, manifest.get_state(PENDING))
    if staged is None:
        return False
    previous = current(out_dir)
    if previous is None and any(_is_plain(out_dir / name) for name in PUBLISHED):
        previous = _adopt_plain_files(out_dir)
    _point(out_dir / STATE_DIR / CURRENT, staged.name)
    crash_point("after-switch")
    _link_published(out_dir)
    fsync_dir(out_dir)
    crash_point("before-cleanup")
    with manifest.transaction():
        manifest.set_state(PENDING, None)
    keep = {staged.name} | ({previous.name} if previous is not None else set())
    _remove_generations(out_dir, lambda name: name not in keep)
    for spool in spool_files(state_dir(out_dir)):
        spool.unlink(missing_ok=True)
    return True


def recover(out_dir: Path, manifest: Manifest) -> bool:
    """At the start of a run: finish a committed run's publish, drop uncommitted staging.

    Spools of a run that died before its commit stay: the new run reuses their entries.
    Returns True when a dead run's commit was completed.
    """
    finished = publish(out_dir, manifest)
    folder = current(out_dir)
    newest = _number(folder.name) if folder is not None else -1
    _remove_generations(out_dir, lambda name: _number(name) > newest)
    return finished


def _adopt_plain_files(out_dir: Path) -> Path:
    """Move plain output files (an older version's layout) into a generation of their own.

    Hard links (copies where the file system has none) into ``commit-0``, ``current`` to it,
    then each plain file replaced by its link: every step shows the same complete set.
    """
    folder = out_dir / STATE_DIR / LEGACY
    _remove(folder)
    folder.mkdir()
    for name in PUBLISHED:
        plain = out_dir / name
        if _is_plain(plain):
            try:
                os.link(plain, folder / name)
            except OSError:
                shutil.copy2(plain, folder / name)
        else:
            (folder / name).touch()
    fsync_dir(folder)
    _point(out_dir / STATE_DIR / CURRENT, LEGACY)
    crash_point("after-adopt")
    _link_published(out_dir)
    return folder


def _link_published(out_dir: Path) -> None:
    """``OUT/<name>`` → ``.ikz-extract/current/<name>`` for each published file."""
    for name in PUBLISHED:
        target = f"{STATE_DIR}/{CURRENT}/{name}"
        link = out_dir / name
        if link.is_symlink() and os.readlink(link) == target:
            continue
        _point(link, target)
        crash_point(f"after-link-{name}")


def _point(link: Path, target: str) -> None:
    """Make ``link`` a symbolic link to ``target`` atomically (a new link renamed over it)."""
    tmp = link.with_name(f".{link.name}.tmp")  # one run at a time: the lock is held
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if link.name == CURRENT and link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # a copy of OUT that followed the link: our folder, stale
    os.replace(tmp, link)
    fsync_dir(link.parent)


def _remove_generations(out_dir: Path, doomed: Callable[[str], bool]) -> None:
    for entry in (out_dir / STATE_DIR).iterdir():
        if _GENERATION.fullmatch(entry.name) and doomed(entry.name):
            _remove(entry)


def _remove(path: Path) -> None:
    """Delete ``path`` itself: a link is unlinked, never followed."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _is_plain(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _number(name: str) -> int:
    return int(name[len(COMMIT_PREFIX) :])

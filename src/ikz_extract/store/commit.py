"""The commit protocol: records.jsonl, errors.jsonl, changes.jsonl and the manifest move together.

A run never edits the output files in place. Its steps, and what a ``kill -9`` at each
point leaves behind:

1. **Extract.** Every finished document is appended to the run's spool
   (``OUT/.ikz-extract/spool-<run>.jsonl``, see ``store.spool``). Killed here: the output
   files and the manifest are untouched (the previous run's state, consistent); the next run
   reuses every spool entry whose source is still byte-identical.
2. **Stage.** The new records.jsonl, errors.jsonl and changes.jsonl are written into
   ``OUT/.ikz-extract/commit-<run>/`` and fsync'ed, while the manifest rows are updated inside
   one open SQLite transaction. Killed here: SQLite rolls the transaction back; the staging
   folder is garbage, deleted by the next run. Still the previous state.
3. **Commit.** In that same transaction the manifest records ``pending_commit = commit-<run>``,
   then COMMIT. This is the single point at which the run happens: the staged files are
   durable before it, so the manifest never describes files that could be lost.
4. **Publish.** Each staged file is renamed over its final name (atomic), the folder is
   fsync'ed, ``pending_commit`` is cleared, the spools are deleted. Killed between 3 and the
   end of 4: the next run starts with ``recover()``, which sees ``pending_commit`` and
   finishes the renames (roll forward: a staged file that still exists has not been moved yet),
   before it reads anything. A reader that looks at records.jsonl in that window sees the
   previous complete file, never a mix.

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
import shutil
from collections.abc import Iterator
from pathlib import Path

from ikz_extract.store.jsonl import fsync_dir
from ikz_extract.store.manifest import Manifest
from ikz_extract.store.spool import spool_files

STATE_DIR = ".ikz-extract"
PENDING = "pending_commit"
COMMIT_PREFIX = "commit-"
PUBLISHED = ("records.jsonl", "errors.jsonl", "changes.jsonl")
CRASH_ENV = "IKZ_EXTRACT_CRASH_AT"  # fault injection for the crash tests; unset in real use


class LockedError(RuntimeError):
    """Another run is writing to the same output folder."""


def crash_point(name: str) -> None:
    """Die like ``kill -9`` here when the crash tests ask for it (one env lookup otherwise)."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), 9)


def state_dir(out_dir: Path) -> Path:
    folder = out_dir / STATE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the folder's lock for the run; a second run fails at once with a clear message."""
    fd = os.open(state_dir(out_dir) / "lock", os.O_RDWR | os.O_CREAT, 0o644)
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
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    return folder


def publish(out_dir: Path, manifest: Manifest) -> bool:
    """Step 4: move the committed staged files into place. True if there was a commit to finish.

    Idempotent: a file already moved is simply no longer in the staging folder.
    """
    pending = manifest.get_state(PENDING)
    if pending is None:
        return False
    staged = state_dir(out_dir) / pending
    for name in PUBLISHED:
        if (staged / name).exists():
            os.replace(staged / name, out_dir / name)
            crash_point(f"after-rename-{name}")
    fsync_dir(out_dir)
    crash_point("before-cleanup")
    with manifest.transaction():
        manifest.set_state(PENDING, None)
    shutil.rmtree(staged, ignore_errors=True)
    for spool in spool_files(state_dir(out_dir)):
        spool.unlink(missing_ok=True)
    return True


def recover(out_dir: Path, manifest: Manifest) -> bool:
    """At the start of a run: finish a committed run's publish, drop uncommitted staging.

    Spools of a run that died before its commit stay: the new run reuses their entries.
    Returns True when a dead run's commit was completed.
    """
    finished = publish(out_dir, manifest)
    for folder in state_dir(out_dir).glob(f"{COMMIT_PREFIX}*"):
        shutil.rmtree(folder, ignore_errors=True)
    return finished

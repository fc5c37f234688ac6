"""Worker processes with a per-task time limit: a stuck or crashed worker is replaced.

``concurrent.futures`` cannot stop one running task, and a killed worker breaks the whole
executor; a batch must instead give a pathological document its error line and go on.
So each worker here has its own pipe and runs one task at a time; the parent waits on all
pipes and process sentinels with the nearest deadline as timeout, kills a worker whose
task overran (SIGKILL, then a fresh worker) and reports a worker that died. The normal path
costs one pipe round trip per document.

Workers run the initializer once (the spaCy pipeline is built there, once per process;
forked workers inherit it when the parent built it first), then cap their own address space
(``RLIMIT_AS``, ``memory_limit``): an allocation beyond it raises ``MemoryError`` in the
task, which the task turns into its error line, instead of the machine swapping. The cap is
on virtual memory, so resident memory stays below it too; pdfminer, pdfium and spaCy run
within it (a worker holds about 450 MB of address space when it starts),
ignore Ctrl-C (the parent decides), and on Linux die with the parent even after a
``kill -9`` of it, so no orphan keeps burning CPU on a document nobody waits for.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_READY = "ready"


class WorkerStartError(RuntimeError):
    """The initializer failed (e.g. a spaCy model that is not installed): nothing can run."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A task that gave no result: it overran the time or memory limit, or its worker died
    or raised."""

    kind: Literal["timeout", "crashed", "too_large"]
    detail: str


def _context() -> BaseContext:
    # fork: workers start in milliseconds with the modules already imported; the parent
    # runs no threads (the progress display refreshes from the main loop), so it is safe.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _die_with_parent(parent: int) -> None:
    """Linux: SIGKILL this worker when the parent dies, whatever killed the parent."""
    if sys.platform != "linux":
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def limit_memory(limit: int) -> None:
    """Cap this process's address space at ``limit`` bytes (Linux and macOS: RLIMIT_AS).

    Never below what the process already holds plus 256 MB, so a worker forked from a
    large parent can still work; a platform without the limit runs without it.
    """
    try:
        import resource
    except ImportError:  # Windows
        return
    held = address_space()
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (max(limit, held + (256 << 20)), -1))


def address_space(pid: int | str | None = "self") -> int:
    """Bytes of address space a process holds (VmSize); 0 where /proc is missing."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _worker_main(
    conn: Connection,
    parent: int,
    fn: Callable[[Any], Any],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
    memory_limit: int | None,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    if initializer is not None:
        try:
            initializer(*initargs)
        except Exception as exc:
            conn.send(WorkerStartError(f"{type(exc).__name__}: {exc}"))
            return
    if memory_limit is not None:
        limit_memory(memory_limit)
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result: Any = fn(task)
        except MemoryError:
            result = Failure("too_large", "the memory limit was reached")
        except Exception as exc:  # fn should not raise; if it does, the batch still goes on
            result = Failure("crashed", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


@dataclass(eq=False)
class _Worker(Generic[T]):
    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: T | None = None
    busy: bool = False
    deadline: float = field(default=float("inf"))
    peak: int = 0  # the largest address space seen while busy, in bytes


class WorkerPool(Generic[T, R]):
    """Runs ``fn`` over tasks in ``size`` processes; results arrive as they finish."""

    def __init__(
        self,
        size: int,
        fn: Callable[[T], R],
        *,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        timeout: float | None = None,
        memory_limit: int | None = None,
        on_tick: Callable[[], None] | None = None,
        tick: float = 0.25,
    ) -> None:
        self.size = max(1, size)
        self.fn = fn
        self.initializer = initializer
        self.initargs = initargs
        self.timeout = timeout if timeout and timeout > 0 else None
        self.memory_limit = memory_limit if memory_limit and memory_limit > 0 else None
        self.on_tick = on_tick
        self.tick = tick
        self._ctx = _context()
        self._workers: list[_Worker[T]] = []
        self._undispatched = 0

    @property
    def shares_parent_memory(self) -> bool:
        """Workers are forked: what the parent built before, they have without building it."""
        return self._ctx.get_start_method() == "fork"

    def run(self, tasks: Sequence[T]) -> Iterator[tuple[T, R | Failure]]:
        """(task, result or Failure) for every task, in completion order.

        One worker without a time or memory limit runs in this process: nothing to kill or
        cap, no overhead.
        """
        if not tasks:
            return
        if self.size == 1 and self.timeout is None and self.memory_limit is None:
            yield from self._run_inline(tasks)
            return
        try:
            yield from self._run_pool(tasks)
        finally:
            self._shutdown()

    def _run_inline(self, tasks: Sequence[T]) -> Iterator[tuple[T, R | Failure]]:
        if self.initializer is not None:
            try:
                self.initializer(*self.initargs)
            except Exception as exc:
                raise WorkerStartError(f"{type(exc).__name__}: {exc}") from exc
        for task in tasks:
            try:
                result: R | Failure = self.fn(task)
            except MemoryError:
                result = Failure("too_large", "the memory limit was reached")
            except Exception as exc:
                result = Failure("crashed", f"{type(exc).__name__}: {exc}")
            yield task, result
            if self.on_tick is not None:
                self.on_tick()

    def _start(self) -> _Worker[T]:
        parent_conn, child_conn = self._ctx.Pipe()
        process = self._ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(
                child_conn,
                os.getpid(),
                self.fn,
                self.initializer,
                self.initargs,
                self.memory_limit,
            ),
            daemon=True,
        )
        process.start()
        child_conn.close()
        worker: _Worker[T] = _Worker(process, parent_conn)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker[T]) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self._workers.remove(worker)

    def _run_pool(self, tasks: Sequence[T]) -> Iterator[tuple[T, R | Failure]]:
        queue = iter(tasks)
        remaining = self._undispatched = len(tasks)
        for _ in range(min(self.size, remaining)):
            self._start()
        while remaining:
            for worker in self._workers:
                if worker.ready and not worker.busy:
                    task = next(queue, None)
                    if task is None:
                        break
                    self._undispatched -= 1
                    worker.task, worker.busy = task, True
                    worker.deadline = (
                        time.monotonic() + self.timeout if self.timeout else float("inf")
                    )
                    with contextlib.suppress(OSError):  # a dead worker is reported by _poll
                        worker.conn.send(task)
            nearest = min((w.deadline for w in self._workers if w.busy), default=float("inf"))
            wait_for = min(self.tick, max(0.0, nearest - time.monotonic()))
            handles: list[Any] = [w.conn for w in self._workers]
            handles += [w.process.sentinel for w in self._workers]
            ready = set(wait(handles, timeout=wait_for))
            for worker in list(self._workers):
                outcome = self._poll(worker, ready)
                if outcome is not None:
                    remaining -= 1
                    yield outcome
            if self.on_tick is not None:
                self.on_tick()

    def _poll(self, worker: _Worker[T], ready: set[Any]) -> tuple[T, R | Failure] | None:
        """A finished, overrun or dead worker's outcome; replaces the worker when it is gone."""
        if worker.conn in ready or worker.conn.poll():
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                return self._replace(worker, "crashed", self._death(worker))
            if isinstance(message, str) and message == _READY:
                worker.ready = True
                return None
            if isinstance(message, WorkerStartError):
                raise message
            task = worker.task
            assert task is not None
            worker.task, worker.busy, worker.deadline = None, False, float("inf")
            worker.peak = 0
            if isinstance(message, Failure) and message.kind == "too_large":
                self._retire(worker)  # a fresh worker next, not one with a fragmented heap
                if self._undispatched > 0:
                    self._start()
            return task, message
        if worker.process.sentinel in ready or not worker.process.is_alive():
            if self.memory_limit and worker.peak > 0.9 * self.memory_limit:
                # near its cap a C library may abort instead of raising MemoryError
                return self._replace(worker, "too_large", "the memory limit was reached")
            return self._replace(worker, "crashed", self._death(worker))
        if worker.busy and self.memory_limit:
            worker.peak = max(worker.peak, address_space(worker.process.pid))
        if worker.busy and time.monotonic() > worker.deadline:
            return self._replace(worker, "timeout", f"stopped after {self.timeout:g} s")
        return None

    def _death(self, worker: _Worker[T]) -> str:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                return f"the worker process was killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"the worker process was killed by signal {-code}"
        return f"the worker process exited with code {code}"

    def _replace(
        self, worker: _Worker[T], kind: Literal["timeout", "crashed", "too_large"], detail: str
    ) -> tuple[T, R | Failure] | None:
        task, was_busy = worker.task, worker.busy
        self._retire(worker)
        if not was_busy and not worker.ready:  # died in its initializer: nothing will run
            raise WorkerStartError(f"a worker process failed to start: {detail}")
        if self._undispatched > 0:
            self._start()
        if not was_busy:
            return None
        assert task is not None
        return task, Failure(kind, detail)

    def _shutdown(self) -> None:
        for worker in self._workers:
            if not worker.busy:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in list(self._workers):
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._retire(worker)

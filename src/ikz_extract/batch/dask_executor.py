"""Documents on a Dask cluster (``--executor dask``): beyond what one machine can do.

Each document is one independent Dask task; only this process plans, spools, merges and
commits, exactly as with the local pool. Design points:

- **bytes, not paths**: the parent reads each file and ships its bytes, so workers on
  other machines need no access to the inputs (and a record's ``path`` is the user's path,
  as in a local run); a file the parent cannot read gets its error line here, from the
  same ``run_task`` the workers run, so it is the line a local run writes;
- **one spaCy pipeline per worker process**: a worker plugin builds it when the worker
  joins (also a worker that joins or restarts later), and checks that the worker runs the
  same pipeline version as this process: records must not depend on where they were made;
- **bounded memory, one document per worker thread**: the next task is sent when one
  finishes, and results are yielded as they finish. As in the local pool, a worker never
  holds a second document queued behind the one it runs: a worker that dies or is
  restarted after a timeout would take that innocent document down with it (an error line
  a local run does not write), and its time limit would count while it waits;
- **timeouts**: a task still running ``timeout`` seconds after a worker thread became free
  for it gets a ``timeout`` failure and its worker is restarted (Dask cannot stop one
  task); a task whose workers died (Dask gives up after its ``allowed-failures``) gets a
  ``crashed`` failure. Both become error lines in ``batch.execute`` and are retried on the
  next run, like the local pool's.

dask is an optional dependency (``pip install ikz-extract[dask]``): only
``batch.execute.executor_for`` imports this module, and only for ``--executor dask``.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin, wait

from ikz_extract import PIPELINE_VERSION
from ikz_extract.batch.executors import Outcome, init_worker, run_task
from ikz_extract.batch.plan import Task
from ikz_extract.options import Options
from ikz_extract.pool import Failure, WorkerStartError

IN_FLIGHT_PER_THREAD = 1  # see the module docstring


class PipelinePlugin(WorkerPlugin):
    """Build the spaCy pipeline once per worker process, when the worker (re)starts."""

    name = "ikz-extract-pipeline"

    def __init__(self, options: Options, version: str = PIPELINE_VERSION) -> None:
        self.options, self.version = options, version

    def setup(self, worker: Any = None) -> None:
        if self.version != PIPELINE_VERSION:
            raise WorkerStartError(
                f"worker runs ikz-extract pipeline {PIPELINE_VERSION}, the run needs "
                f"{self.version}: install the same version on every machine"
            )
        init_worker(self.options)


def _read(task: Task) -> bytes | None:
    """The document's bytes; None: this process cannot read it either."""
    try:
        return task.source.path.read_bytes()
    except OSError:
        return None


class DaskExecutor:
    """Runs tasks on a Dask scheduler at ``scheduler``, or on a LocalCluster of ``workers``."""

    def __init__(
        self,
        scheduler: str | None,
        workers: int,
        timeout: float | None,
        on_tick: Callable[[], None] | None,
        tick: float = 0.25,
    ) -> None:
        self.scheduler, self.workers = scheduler, max(1, workers)
        self.timeout = timeout if timeout and timeout > 0 else None
        self.on_tick, self.tick = on_tick, tick

    def run(self, tasks: Sequence[Task]) -> Iterator[tuple[Task, Outcome]]:
        if not tasks:
            return
        with self._client() as client:
            self._prepare(client, tasks[0].options)
            yield from self._stream(client, tasks)

    @contextlib.contextmanager
    def _client(self) -> Iterator[Client]:
        if self.scheduler is not None:
            try:
                client = Client(self.scheduler, timeout=30)
            except OSError as exc:
                raise WorkerStartError(f"cannot reach the Dask scheduler: {exc}") from exc
            with client:
                yield client
            return
        cluster = LocalCluster(
            n_workers=self.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        with cluster, Client(cluster) as client:
            yield client

    def _prepare(self, client: Client, options: Options) -> None:
        """Every worker builds the pipeline (and checks the version) before the first task."""
        plugin = PipelinePlugin(options)
        if self.scheduler is not None:
            client.wait_for_workers(1, timeout=60)
        try:
            client.register_plugin(plugin, name=PipelinePlugin.name)
        except Exception as exc:
            raise WorkerStartError(f"a Dask worker failed to start: {exc}") from exc

    def _stream(self, client: Client, tasks: Sequence[Task]) -> Iterator[tuple[Task, Outcome]]:
        """Submit within the window, yield each result as it finishes, enforce timeouts."""
        queue = iter(enumerate(tasks))
        window = self._window(client)
        # Keys unique to this run: a shared scheduler must not hand one run's result to
        # another, and a key is sent as UTF-8, which a file name need not be.
        run = uuid.uuid4().hex
        # future → (task, moment a worker thread was free for it, or None while queued)
        flying: dict[Future[Any], list[Any]] = {}
        ready: deque[tuple[Task, Outcome]] = deque()  # finished, timed out, or unreadable here

        def fill() -> None:
            while len(flying) < window:
                item = next(queue, None)
                if item is None:
                    return
                number, task = item
                data = _read(task)
                if data is None:  # run_task reads again and words the error as locally
                    ready.append((task, run_task(task)))
                    continue
                future = client.submit(run_task, task, data, key=f"ikz-{run}-{number}", pure=False)
                flying[future] = [task, None]

        fill()
        while flying or ready:
            while ready:
                yield ready.popleft()
            if not flying:
                fill()
                continue
            threads = self._threads(client)
            now = time.monotonic()
            for slot in list(flying.values())[:threads]:
                if slot[1] is None:
                    slot[1] = now
            with contextlib.suppress(TimeoutError):
                wait(list(flying), timeout=self.tick, return_when="FIRST_COMPLETED")
            for future in [f for f in flying if f.done()]:
                task, _ = flying.pop(future)
                ready.append((task, _outcome(future)))
            if self.timeout is not None:
                for future, (task, started) in list(flying.items()):
                    if future.done():  # finished meanwhile: the next round yields it
                        continue
                    if started is not None and time.monotonic() - started > self.timeout:
                        flying.pop(future)
                        self._stop(client, future)
                        failure = Failure("timeout", f"stopped after {self.timeout:g} s")
                        ready.append((task, failure))
            fill()  # before the results go out: the workers need not wait for the spool
            if self.on_tick is not None:
                self.on_tick()

    def _threads(self, client: Client) -> int:
        threads: int = sum(client.nthreads().values())
        return max(1, threads)

    def _window(self, client: Client) -> int:
        return IN_FLIGHT_PER_THREAD * self._threads(client)

    def _stop(self, client: Client, future: Future[Any]) -> None:
        """Restart the worker running an overrun task: Dask cannot stop one task."""
        key = future.key
        running = [w for w, keys in client.processing().items() if key in keys]
        future.cancel()
        if running:
            with contextlib.suppress(Exception):  # a worker without a nanny cannot restart
                client.restart_workers(running, raise_for_error=False)


def _outcome(future: Future[Any]) -> Outcome:
    """The task's result, or the Failure that says why there is none."""
    if future.status == "finished":
        result: Outcome = future.result()
        return result
    if future.status == "cancelled":
        return Failure("crashed", "the Dask task was cancelled")
    exc = future.exception()
    if type(exc).__name__ == "KilledWorker":
        return Failure("crashed", f"the Dask worker running it died: {exc}")
    return Failure("crashed", f"{type(exc).__name__}: {exc}")

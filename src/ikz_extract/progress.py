"""Progress of a batch: a rich bar on a terminal, periodic log lines otherwise, or nothing.

The display never runs a thread of its own (rich's auto-refresh would): the batch calls
``tick()`` from its main loop, so worker processes can be forked safely at any time.
"""

from __future__ import annotations

import time
from typing import IO, Literal, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichBar
from rich.text import Text

Mode = Literal["auto", "rich", "plain", "quiet"]


class Progress(Protocol):
    def start(self, total: int, skipped: int) -> None:
        """``total`` documents will be extracted; ``skipped`` need not be (up to date)."""

    def advance(self, pages: int) -> None:
        """One document finished (``pages`` of it, 0 when it has none)."""

    def tick(self) -> None:
        """Called often from the batch's main loop; redraws at most a few times a second."""

    def stop(self) -> None: ...


class NullProgress:
    """``--quiet``."""

    def start(self, total: int, skipped: int) -> None:
        pass

    def advance(self, pages: int) -> None:
        pass

    def tick(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class PlainProgress:
    """Log lines for CI and files: one every ``interval`` seconds, and one at the end."""

    def __init__(self, stream: IO[str], interval: float = 10.0) -> None:
        self.stream = stream
        self.interval = interval
        self.total = self.done = self.pages = 0
        self.started = self.last = 0.0

    def start(self, total: int, skipped: int) -> None:
        self.total, self.done, self.pages = total, 0, 0
        self.started = self.last = time.monotonic()
        self._log(f"ikz-extract: {total} documents to extract ({skipped} up to date)")

    def advance(self, pages: int) -> None:
        self.done += 1
        self.pages += pages
        self.tick()

    def tick(self) -> None:
        now = time.monotonic()
        if now - self.last >= self.interval and self.done < self.total:
            self.last = now
            self._log(self.line(now))

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate > 0 else None
        return (
            f"ikz-extract: {self.done}/{self.total} documents, {self.pages} pages, "
            f"{rate:.1f} documents/s, ETA {_duration(eta) if eta is not None else '?'}"
        )

    def stop(self) -> None:
        if self.total:
            now = time.monotonic()
            self._log(
                f"ikz-extract: {self.done}/{self.total} documents, {self.pages} pages "
                f"in {_duration(now - self.started)}"
            )

    def _log(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} docs/s", style="progress.data.speed")


class RichProgress:
    """The terminal bar: documents done/total, pages, documents per second, ETA."""

    def __init__(self, console: Console, refresh_per_second: float = 8.0) -> None:
        self.bar = RichBar(
            TextColumn("[bold]extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("docs · {task.fields[pages]} pages ·"),
            _RateColumn(),
            TextColumn("· ETA"),
            TimeRemainingColumn(),
            console=console,
            auto_refresh=False,
            transient=False,
        )
        self.min_gap = 1.0 / refresh_per_second
        self.last = 0.0
        self.task_id = self.bar.add_task("extract", total=0, pages=0, visible=False)
        self.pages = 0

    def start(self, total: int, skipped: int) -> None:
        if total == 0:
            return
        self.bar.update(self.task_id, total=total, visible=True)
        self.bar.start()
        self.bar.refresh()

    def advance(self, pages: int) -> None:
        self.pages += pages
        self.bar.update(self.task_id, advance=1, pages=self.pages)
        self.tick()

    def tick(self) -> None:
        now = time.monotonic()
        if now - self.last >= self.min_gap:
            self.last = now
            self.bar.refresh()

    def stop(self) -> None:
        self.bar.refresh()
        self.bar.stop()


def make_progress(mode: Mode, console: Console) -> Progress:
    """``auto``: the bar when the console is a terminal, log lines when it is not."""
    if mode == "quiet":
        return NullProgress()
    if mode == "rich" or (mode == "auto" and console.is_terminal):
        return RichProgress(console)
    return PlainProgress(console.file)

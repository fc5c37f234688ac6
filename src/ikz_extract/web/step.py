"""The fetch step of a batch run: URL inputs → pages → keep, extract, gone or error.

Runs inside ``batch.run`` after the file inputs are planned, under the output folder's
lock, because it needs the manifest's validators. For every input URL the body decides
what it is: a sitemap or feed (``listing``) expands to the pages it lists (filtered by the
include/exclude patterns), anything else is a page. Per page, against the last run's row:

- a 304 answer to ``If-None-Match`` / ``If-Modified-Since``, or a 200 whose sha256 is the
  last one (a server without validators): **unchanged**, the record kept byte for byte;
- a 200 with other bytes: written to a download file and extracted like a local file;
- 404 / 410 for a page that had a record: **gone** (its record removed);
- a transient failure (5xx, 429 after the retries, timeout, connection error):
  ``fetch_failed``, one of ``batch.plan.TRANSIENT_ERRORS``: the last good record is
  **kept** (with a warning) beside the error line, as for a file;
- anything refused (robots.txt, an internal address, a redirect loop, too large): an error.

Every page remembers the input that named it (``listed_by``: the sitemap, feed or page URL
as given). A page of the last run that no listing of this run names is left to
``Planner.add_absent``: **gone** when its input is named again (it left the listing),
kept when its input is not named this run. When an input's listing cannot be fetched, its
pages known from earlier runs are revalidated one by one instead of being taken for gone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ikz_extract.batch.plan import TRANSIENT_ERRORS, Item, Kind, Planner, Task, fingerprint_for
from ikz_extract.discover import SourceFile, selected
from ikz_extract.models import ErrorRecord, record_id_for
from ikz_extract.store.manifest import Row
from ikz_extract.store.spool import Entry
from ikz_extract.web.client import (
    FETCH_REFUSED,
    HTTP_ERROR,
    Client,
    FetchError,
    FetchSettings,
    Response,
)
from ikz_extract.web.listing import parse_listing
from ikz_extract.web.urls import input_key, normalise_url

DOWNLOADS = "downloads"  # OUT/downloads with --keep-downloads
MAX_LISTING_DEPTH = 3  # sitemap index → sitemap → pages, with one level to spare
GONE_STATUS = (404, 410)
REPORT_EVERY = 50
FETCH_THREADS = 4  # across hosts; the client allows ``per_host`` to one host at a time
FETCH_BATCH = 32


@dataclass(frozen=True, slots=True)
class WebInputs:
    """The URL inputs of a run and how to fetch them."""

    urls: tuple[str, ...]
    settings: FetchSettings = field(default_factory=FetchSettings)
    include: tuple[str, ...] = ()  # glob patterns a listed page's URL must match (any)
    exclude: tuple[str, ...] = ()  # glob patterns that drop a listed page
    keep_downloads: bool = False
    # Told the number of pages checked so far, every ``REPORT_EVERY`` pages (fetching a
    # large portal politely takes minutes before the extraction's progress bar starts).
    report: Callable[[int], None] | None = None


@dataclass(slots=True)
class WebStep:
    """What the step leaves for the rest of the run: the page keys, and downloads to drop."""

    keys: set[str] = field(default_factory=set)
    # Listed, but left out by --include/--exclude: not named by this run, so not gone.
    left_out: set[str] = field(default_factory=set)
    scratch: Path | None = None
    requests: int = 0
    body_bytes: int = 0

    def cleanup(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def plan_web(
    planner: Planner, web: WebInputs, out_dir: Path, state: Path, client: Client | None = None
) -> WebStep:
    """Fetch and plan every page the URL inputs name; the planner gets items and tasks."""
    folder = out_dir / DOWNLOADS if web.keep_downloads else state / "fetched"
    step = WebStep(scratch=None if web.keep_downloads else folder)
    owned = client is None
    client = client or Client(web.settings)
    try:
        _Fetcher(planner, web, client, folder, step).run()
    finally:
        step.requests, step.body_bytes = client.requests, client.body_bytes
        if owned:
            client.__exit__(None, None, None)
    return step


class _Fetcher:
    def __init__(
        self, planner: Planner, web: WebInputs, client: Client, folder: Path, step: WebStep
    ) -> None:
        self.planner, self.web, self.client, self.folder, self.step = (
            planner,
            web,
            client,
            folder,
            step,
        )
        self.listings: set[str] = set()
        self.origin = ""  # the input being expanded: what its pages are ``listed_by``
        self.origin_of: dict[str, str] = {}  # page key → its input
        self.failed_inputs: set[str] = set()  # inputs whose listing could not be read
        self.queued: list[tuple[str, str, Row | None]] = []  # (key, url, row) to fetch
        self.decided = 0

    def run(self) -> None:
        for url in self.web.urls:
            self.origin = input_key(url)
            self.input(url)
        self.fetch_queued()
        if self.failed_inputs:
            for key, row in self.planner.rows.items():
                known = row.status != "failed" and key not in self.step.keys
                if known and row.listed_by in self.failed_inputs and key not in self.listings:
                    self.origin = row.listed_by
                    self.page(row.path)
            self.fetch_queued()

    def claim(self, key: str) -> None:
        """``key`` is decided by this run, as a page of the input being expanded."""
        self.step.keys.add(key)
        self.origin_of.setdefault(key, self.origin)

    # ------------------------------------------------------------ inputs and listings

    def input(self, url: str, depth: int = 0) -> None:
        """An input URL, or a sitemap of an index: a listing to expand, or a page."""
        try:
            key = normalise_url(url)
        except ValueError as exc:
            self.fail(url, url, FetchError(FETCH_REFUSED, f"{url}: {exc}", "give an http(s) URL"))
            return
        if key in self.listings or key in self.step.keys:
            return
        row = self.planner.rows.get(key)
        etag, modified = self.validators(row)
        try:
            response = self.client.get(url, etag, modified)
        except FetchError as exc:
            if row is None or row.status == "failed":  # perhaps a listing: its pages stay
                self.failed_inputs.add(self.origin)
            self.claim(key)
            self.decide(key, url, row, exc)
            return
        listing = parse_listing(response.body) if response.status == 200 else None
        if listing is None:
            unknown = row is None or row.status == "failed"
            if response.status in GONE_STATUS and unknown:
                self.failed_inputs.add(self.origin)  # perhaps a sitemap that moved
            if depth:  # listed in a sitemap index, but no sitemap: not a page either
                self.failed_inputs.add(self.origin)
                what = "not a sitemap" if response.status == 200 else f"HTTP {response.status}"
                message = f"{url}: listed in a sitemap index, but {what}"
                self.fail(key, url, FetchError(HTTP_ERROR, message, "check the sitemap index"))
                return
            self.claim(key)
            self.decide(key, url, row, response)
            return
        self.listings.add(key)
        if depth < MAX_LISTING_DEPTH:
            for child in listing.sitemaps:
                self.input(child, depth + 1)
        for page in listing.pages:
            if self.wanted(page):
                self.page(page)
            else:
                self.step.left_out.add(input_key(page))

    def wanted(self, url: str) -> bool:
        return selected(url, self.web.include, self.web.exclude)

    def page(self, url: str) -> None:
        """Queue a listed page (fetched by ``fetch_queued``), once per normalised URL."""
        try:
            key = normalise_url(url)
        except ValueError as exc:
            self.fail(url, url, FetchError(FETCH_REFUSED, f"{url}: {exc}", "give an http(s) URL"))
            return
        if key not in self.step.keys:
            self.claim(key)
            self.queued.append((key, url, self.planner.rows.get(key)))

    def fetch_queued(self) -> None:
        """Fetch the queued pages in threads (the client limits each host), decide in order.

        A batch at a time, so a slow page cannot make the finished ones pile up in memory.
        """
        queued, self.queued = self.queued, []

        def fetch(item: tuple[str, str, Row | None]) -> Response | FetchError:
            etag, modified = self.validators(item[2])
            try:
                return self.client.get(item[1], etag, modified)
            except FetchError as exc:
                return exc

        with ThreadPoolExecutor(max_workers=FETCH_THREADS) as pool:
            for start in range(0, len(queued), FETCH_BATCH):
                batch = queued[start : start + FETCH_BATCH]
                for (key, url, row), result in zip(batch, pool.map(fetch, batch), strict=True):
                    self.decide(key, url, row, result)
                    self.decided += 1
                    if self.web.report is not None and self.decided % REPORT_EVERY == 0:
                        self.web.report(self.decided)

    # ------------------------------------------------------------ one page

    def keepable(self, row: Row | None) -> bool:
        """The last run's output for this page still holds if its bytes are the same."""
        planner = self.planner
        if row is None or planner.settings.force:
            return False
        if row.fingerprint != planner.fingerprint(row.media_type):
            return False
        if row.status == "ok":
            old = planner.old.get(row.record_id)
            return old is not None and old.valid
        return row.status == "failed" and _error_type(row.error) not in TRANSIENT_ERRORS

    def validators(self, row: Row | None) -> tuple[str | None, str | None]:
        if row is None or not self.keepable(row):
            return None, None
        return row.etag, row.last_modified

    def decide(self, key: str, url: str, row: Row | None, result: Response | FetchError) -> None:
        record_id = record_id_for(key)
        plan = self.planner.plan
        old = self.planner.old.get(record_id)
        if isinstance(result, FetchError):  # transient ones keep the record: batch.merge
            self.fail(key, url, result)
            return
        if result.status in GONE_STATUS:
            if row is not None and row.status in ("ok", "removed"):
                plan.items.append(Item(record_id, "gone", row=row, old=old))
                return
            message = f"{url}: HTTP {result.status}, no such page"
            self.fail(key, url, FetchError(HTTP_ERROR, message, "check the URL"))
            return
        sha = hashlib.sha256(result.body).hexdigest() if result.status != 304 else None
        if row is not None and self.keepable(row) and (result.status == 304 or sha == row.sha256):
            kind: Kind = "keep" if row.status == "ok" else "keep_error"
            plan.items.append(Item(record_id, kind, row=row, old=old))
            plan.touched[key] = dataclasses.replace(
                row,
                final_url=result.final_url,
                etag=result.etag or row.etag,
                last_modified=result.last_modified or row.last_modified,
                fetched_at=result.fetched_at,
                listed_by=self.origin_of.get(key, row.listed_by),
            )
            plan.skipped += 1
            return
        if result.status == 304:  # no usable old output (or validators never sent): ask again
            try:
                result = self.client.get(url)
            except FetchError as exc:
                self.fail(key, url, exc)
                return
            if result.status == 304:
                message = "HTTP 304 Not Modified to a request without validators"
                self.fail(key, url, FetchError(HTTP_ERROR, message, "tell the site's owner"))
                return
            if result.status in GONE_STATUS:
                self.decide(key, url, row, result)
                return
        self.extract(key, url, result)

    def extract(self, key: str, url: str, response: Response) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        record_id = record_id_for(key)
        path = self.folder / record_id
        path.write_bytes(response.body)
        if self.web.keep_downloads:
            meta = {
                "url": url,
                "final_url": response.final_url,
                "fetched_at": response.fetched_at,
                "etag": response.etag,
                "last_modified": response.last_modified,
                "content_type": response.content_type,
            }
            # hidden, so ``run OUT/downloads`` reads the documents and not their metadata
            (self.folder / f".{record_id}.json").write_text(json.dumps(meta, indent=1) + "\n")
        source = SourceFile(
            path,
            key,
            url=url,
            final_url=response.final_url,
            etag=response.etag,
            last_modified=response.last_modified,
            fetched_at=response.fetched_at,
            listed_by=self.origin_of.get(key),
        )
        options = self.planner.options
        self.planner.plan.tasks.append(Task(source, len(response.body), None, options))

    # ------------------------------------------------------------ errors

    def failure(self, key: str, url: str, exc: FetchError) -> tuple[Entry, str]:
        message = exc.message.removeprefix(f"{url}: ")  # the line's source says it already
        error = ErrorRecord(
            source=url,
            record_id=record_id_for(key),
            error_type=exc.error_type,
            message=message,
            hint=exc.hint,
        )
        entry = Entry(
            key=key,
            path=url,
            record_id=error.record_id,
            status="failed",
            sha256=None,
            size=None,
            mtime_ns=None,
            fingerprint=fingerprint_for(self.planner.options, None),
            error_type=exc.error_type,
            listed_by=self.origin_of.get(key, self.origin),
        )
        return entry, error.model_dump_json()

    def fail(self, key: str, url: str, exc: FetchError) -> None:
        self.claim(key)
        entry, payload = self.failure(key, url, exc)
        ref = self.planner.spool.append(entry, payload)
        self.planner.plan.items.append(Item(entry.record_id, "new", ref=ref))


def _error_type(line: str | None) -> str | None:
    if not line:
        return None
    try:
        value = json.loads(line).get("error_type")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None

"""Batch runs: many documents into OUT/records.jsonl, errors.jsonl, changes.jsonl.

One job per module, in the order a run uses them:

- ``plan``: what changed since the last run (the re-run rules), so only that is extracted;
- ``execute``: the planned documents through the pipeline, in worker processes, to the spool;
- ``merge``: the spool and the old records.jsonl merged into the staged output files and the
  manifest, committed as ``store.commit`` describes;
- ``run``: ``run_batch``, which ties the three together under the output folder's lock;
- ``model``: ``RunSettings`` and ``Summary``, shared by all of them.
"""

from ikz_extract.batch.execute import default_workers
from ikz_extract.batch.merge import CHANGES, ERRORS, RECORDS, REMOVED_WARNING
from ikz_extract.batch.model import RunSettings, Summary
from ikz_extract.batch.plan import fingerprint_for
from ikz_extract.batch.run import run_batch

__all__ = [
    "CHANGES",
    "ERRORS",
    "RECORDS",
    "REMOVED_WARNING",
    "RunSettings",
    "Summary",
    "default_workers",
    "fingerprint_for",
    "run_batch",
]

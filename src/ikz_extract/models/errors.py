from __future__ import annotations

from ikz_extract.models.base import StrictModel


class ErrorRecord(StrictModel):
    """One line of errors.jsonl: a document that gave no record, and what a person can do."""

    source: str
    record_id: str
    error_type: str
    message: str
    hint: str
    sha256: str | None = None

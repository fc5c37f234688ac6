from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ErrorRecord(BaseModel):
    """One line of errors.jsonl: a document that gave no record, and what a person can do."""

    model_config = ConfigDict(extra="forbid")

    source: str
    record_id: str
    error_type: str
    message: str
    hint: str
    sha256: str | None = None

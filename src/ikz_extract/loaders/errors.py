"""Errors a loader raises for input it cannot read; the batch records them and goes on."""

from __future__ import annotations


class LoadError(Exception):
    """A document that yields no record. ``hint`` tells a person what to do about it."""

    def __init__(self, error_type: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.hint = hint

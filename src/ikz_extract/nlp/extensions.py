"""Custom attributes the ikz components attach to spans (registered once, idempotently)."""

from __future__ import annotations

from spacy.tokens import Span


def ensure_extensions() -> None:
    """``span._.ikz``: a JSON-able dict with what a component knows beyond label and kb_id
    (canonical name, candidates, date value and precision, person role …)."""
    if not Span.has_extension("ikz"):
        Span.set_extension("ikz", default=None)

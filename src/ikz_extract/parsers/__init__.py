"""Parse: Document → the type-specific part of a record. Parsers know German
administration, not file formats."""

from __future__ import annotations

from collections.abc import Callable

from ikz_extract.document import Document
from ikz_extract.parsers.base import Parsed
from ikz_extract.parsers.classify import Classification, classify
from ikz_extract.parsers.generic import parse_generic
from ikz_extract.parsers.profile import parse_profile

PARSERS: dict[str, Callable[[Document], Parsed]] = {
    "ikz_profile": parse_profile,
    "generic": parse_generic,
}

__all__ = ["PARSERS", "Classification", "Parsed", "classify", "parse"]


def parse(doc: Document) -> tuple[Parsed, Classification]:
    classification = classify(doc)
    return PARSERS[classification.record_type](doc), classification

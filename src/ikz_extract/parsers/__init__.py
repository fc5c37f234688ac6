"""Parse: Document → the type-specific part of a record. Parsers know German
administration, not file formats."""

from __future__ import annotations

from collections.abc import Callable

from ikz_extract.document import Document
from ikz_extract.parsers import generic, pdfdoc, press, profile, strategy, webpage
from ikz_extract.parsers.base import Parsed
from ikz_extract.parsers.classify import Classification, classify

PARSERS: dict[str, Callable[[Document], Parsed]] = {
    profile.RECORD_TYPE: profile.parse,
    strategy.RECORD_TYPE: strategy.parse,
    press.RECORD_TYPE: press.parse,
    webpage.RECORD_TYPE: webpage.parse,
    pdfdoc.RECORD_TYPE: pdfdoc.parse,
    generic.RECORD_TYPE: generic.parse,
}

__all__ = ["PARSERS", "Classification", "Parsed", "classify", "parse"]


def parse(doc: Document) -> tuple[Parsed, Classification]:
    classification = classify(doc)
    return PARSERS[classification.record_type](doc), classification

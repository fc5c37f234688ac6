"""One document through load → parse → annotate → validate; a batch of them to the store.

Everything a document can do wrong ends as an ErrorRecord here, never as an exception
that stops the batch.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ikz_extract import PIPELINE_VERSION
from ikz_extract.discover import SourceFile
from ikz_extract.document import Document
from ikz_extract.loaders import LoadError, PdfBackend, load
from ikz_extract.loaders.language import language_warnings
from ikz_extract.models import (
    ErrorRecord,
    ProfileFields,
    RecordBase,
    Section,
    SourceInfo,
    record_adapter,
    record_id_for,
)
from ikz_extract.nlp import AnnotationResult, Annotator, TextUnit
from ikz_extract.parsers import Classification, parse


@dataclass(frozen=True, slots=True)
class Options:
    """Everything that changes the records produced from the same bytes."""

    annotate: bool = True
    spacy_model: str | None = None
    max_pages: int | None = 500
    pdf_backend: PdfBackend = "pdfplumber"

    def fingerprint(self) -> str:
        return (
            f"{PIPELINE_VERSION};annotate={self.annotate};model={self.spacy_model};"
            f"max_pages={self.max_pages};pdf_backend={self.pdf_backend}"
        )


@cache
def annotator_for(spacy_model: str | None) -> Annotator:
    """One spaCy pipeline per process, built on first use."""
    return Annotator(spacy_model)


@dataclass(slots=True)
class Extraction:
    """A document's result, with what ``inspect`` shows beyond the record."""

    record: RecordBase
    document: Document
    classification: Classification


def read_source(source: SourceFile) -> bytes:
    try:
        return source.path.read_bytes()
    except PermissionError as exc:
        raise LoadError(
            "unreadable", f"permission denied: {exc.strerror}", "check the file's permissions"
        ) from exc
    except IsADirectoryError as exc:
        raise LoadError("unreadable", "a folder, not a file", "name files or folders") from exc
    except OSError as exc:
        raise LoadError(
            "unreadable",
            f"cannot read the file: {exc.strerror or exc}",
            "check that the file exists and is readable",
        ) from exc


def extract(source: SourceFile, data: bytes, options: Options) -> Extraction:
    """Bytes of one source → a validated record. Raises LoadError or ValidationError."""
    document = load(data, max_pages=options.max_pages, pdf_backend=options.pdf_backend)
    parsed, classification = parse(document)
    info = SourceInfo(
        path=source.path.as_posix(),
        key=source.key,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=document.media_type,
        bytes=len(data),
        pages=document.pages,
        loader=document.loader,
        pipeline_version=PIPELINE_VERSION,
    )
    annotations = AnnotationResult()
    if options.annotate:
        annotator = annotator_for(options.spacy_model)
        units = _text_units(document, parsed.sections)
        annotations = annotator.annotate(units, document_date=parsed.document_date)
        _link_bodies(parsed.fields, annotator)
    record = record_adapter.validate_python(
        {
            "record_id": record_id_for(source.key),
            "record_type": parsed.record_type,
            "source": info,
            "title": parsed.title,
            "sections": parsed.sections,
            "fields": parsed.fields,
            "entities": annotations.entities,
            "municipalities": annotations.municipalities,
            "persons": annotations.persons,
            "dates": annotations.dates,
            "warnings": [
                *document.warnings,
                *language_warnings(document.text),
                *parsed.warnings,
                *annotations.warnings,
            ],
        }
    )
    return Extraction(record, document, classification)


def _text_units(document: Document, sections: list[Section]) -> list[TextUnit]:
    """Every heading and section text, placed in document coordinates."""
    units = []
    for i, section in enumerate(sections):
        if section.heading_span is not None:
            start, end = section.heading_span
            units.append(TextUnit(document.text[start:end], start, i))
        if section.text:
            units.append(TextUnit(section.text, section.span[0], i))
    return units


def _link_bodies(fields: BaseModel, annotator: Annotator) -> None:
    """Profile fields that name Kommunen/Kreise carry their official keys."""
    if isinstance(fields, ProfileFields):
        fields.kommunen = [annotator.link_body(b.name) for b in fields.kommunen]
        fields.sonstige_beteiligte = [
            annotator.link_body(b.name) for b in fields.sonstige_beteiligte
        ]
        if fields.hauptverantwortlich is not None:
            fields.hauptverantwortlich = annotator.link_body(fields.hauptverantwortlich.name)


def extract_or_error(source: SourceFile, options: Options) -> RecordBase | ErrorRecord:
    """The batch's unit of work: a record, or an error line a person can act on."""
    record_id = record_id_for(source.key)
    sha256: str | None = None
    try:
        data = read_source(source)
        sha256 = hashlib.sha256(data).hexdigest()
        return extract(source, data, options).record
    except LoadError as exc:
        return ErrorRecord(
            source=source.path.as_posix(),
            record_id=record_id,
            error_type=exc.error_type,
            message=exc.message,
            hint=exc.hint,
            sha256=sha256,
        )
    except ValidationError as exc:
        return ErrorRecord(
            source=source.path.as_posix(),
            record_id=record_id,
            error_type="invalid_record",
            message=f"the extracted record fails validation: {exc}",
            hint="a parser bug; please report it with the document",
            sha256=sha256,
        )
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return ErrorRecord(
            source=source.path.as_posix(),
            record_id=record_id,
            error_type="internal_error",
            message=f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})",
            hint="a bug in ikz-extract; please report it with the document",
            sha256=sha256,
        )

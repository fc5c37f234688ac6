"""One document through load → parse → annotate → validate; a batch of them to the store.

Everything a document can do wrong ends as an ErrorRecord here, never as an exception
that stops the batch.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel, ValidationError

from ikz_extract import PIPELINE_VERSION
from ikz_extract.discover import SourceFile
from ikz_extract.document import Document
from ikz_extract.loaders import LoadError, load
from ikz_extract.loaders.language import language_warnings
from ikz_extract.loaders.limits import MAX_INPUT_BYTES
from ikz_extract.models import (
    ErrorRecord,
    GenericFields,
    PageDate,
    Person,
    PressReleaseFields,
    ProfileFields,
    RecordBase,
    Section,
    SourceInfo,
    WebPageFields,
    record_adapter,
    record_id_for,
)
from ikz_extract.models.table import Tabelle
from ikz_extract.nlp import AnnotationResult, Annotator, TextUnit
from ikz_extract.options import Options
from ikz_extract.parsers import PARSERS, Classification, Parsed, classify, generic
from ikz_extract.steps import failed_step


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


class TooLarge(LoadError):
    """A file over ``MAX_INPUT_BYTES``: never read into memory, only hashed in chunks."""

    def __init__(self, size: int, sha256: str) -> None:
        super().__init__(
            "too_large",
            f"the file has {size / 2**20:,.0f} MB; files over {MAX_INPUT_BYTES >> 20} MB "
            "are not read",
            "check the file: no IKZ publication is this large (a dump, a video, an archive?)",
        )
        self.sha256 = sha256


def read_source(source: SourceFile) -> bytes:
    """The file's bytes; its size is checked first, so a huge file is never read whole."""
    try:
        with source.path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_INPUT_BYTES:
                raise TooLarge(size, _sha256_of(file))
            return file.read()
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


def _sha256_of(file: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := file.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


def extract(source: SourceFile, data: bytes, options: Options) -> Extraction:
    """Bytes of one source → a validated record. Raises LoadError (unreadable input).

    Every step after loading degrades instead of failing: a detector that raises scores 0,
    a type-specific parser that raises (or whose fields fail validation) gives way to the
    generic record, a failed NER or linking pass leaves a record without what it would
    have added; each with a warning that names the step.
    """
    document = load(data, max_pages=options.max_pages, pdf_backend=options.pdf_backend)
    classification = classify(document)
    warnings = list(classification.warnings)
    parsed = _parse(document, classification.record_type, warnings)
    info = SourceInfo(
        path=None if source.url else source.path.as_posix(),
        # the address fetched wins over the page's own claim (canonical link / og:url)
        url=source.url or document.url,
        final_url=source.final_url,
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
        annotations = _annotate(document, parsed, options, warnings)
    try:
        record = _validate(source, info, document, parsed, annotations, warnings)
    except ValidationError as exc:
        if parsed.record_type == generic.RECORD_TYPE:
            raise
        warnings.append(
            failed_step(f"the {parsed.record_type} record", exc, "the generic record type was used")
        )
        parsed = _parse(document, generic.RECORD_TYPE, warnings)
        record = _validate(source, info, document, parsed, annotations, warnings)
    return Extraction(record, document, classification)


def _parse(document: Document, record_type: str, warnings: list[str]) -> Parsed:
    """The type's parser; the generic one when it fails; one plain section when that fails."""
    for kind in dict.fromkeys((record_type, generic.RECORD_TYPE)):
        try:
            return PARSERS[kind](document)
        except MemoryError:
            raise
        except Exception as exc:
            fallback = "the generic record type was used"
            if kind == generic.RECORD_TYPE:
                fallback = "the record has the whole text as one section"
            warnings.append(failed_step(f"the {kind} parser", exc, fallback))
    text = document.text
    section = Section(heading=None, key=None, text=text, span=(0, len(text)))
    return Parsed(
        generic.RECORD_TYPE, document.title, [section], GenericFields(titel=document.title)
    )


def _annotate(
    document: Document, parsed: Parsed, options: Options, warnings: list[str]
) -> AnnotationResult:
    """The NER pass and the linking that uses it; a failure leaves the record without them."""
    try:
        annotator = annotator_for(options.spacy_model)
        units = _text_units(document, parsed.sections)
        annotations = annotator.annotate(units, document_date=parsed.document_date)
    except MemoryError:
        raise
    except Exception as exc:
        warnings.append(failed_step("named-entity recognition", exc, "the record has no entities"))
        return AnnotationResult()
    links: list[tuple[str, Callable[[], None]]] = [
        ("linking Kommunen to their keys", partial(_link_bodies, parsed.fields, annotator)),
        ("linking persons", partial(_link_persons, parsed.fields, annotations)),
    ]
    for step, link in links:
        try:
            link()
        except MemoryError:
            raise
        except Exception as exc:
            warnings.append(failed_step(step, exc, "fields keep the names as written"))
    return annotations


def _validate(
    source: SourceFile,
    info: SourceInfo,
    document: Document,
    parsed: Parsed,
    annotations: AnnotationResult,
    warnings: list[str],
) -> RecordBase:
    return record_adapter.validate_python(
        {
            "record_id": record_id_for(source.key),
            "record_type": parsed.record_type,
            "source": info,
            "title": parsed.title,
            "published": _published(document),
            "sections": parsed.sections,
            "fields": parsed.fields,
            "entities": annotations.entities,
            "municipalities": annotations.municipalities,
            "persons": annotations.persons,
            "dates": annotations.dates,
            "tabellen": tables(document),
            "warnings": [
                *document.warnings,
                *language_warnings(document.text),
                *warnings,
                *parsed.warnings,
                *annotations.warnings,
            ],
        }
    )


def _published(document: Document) -> PageDate | None:
    found = document.published
    if found is None:
        return None
    return PageDate.model_validate(
        {"value": found.value, "precision": found.precision, "source": found.source,
         "span": found.span}
    )  # fmt: skip


def tables(document: Document) -> list[Tabelle]:
    """The loader's data tables (not a table of contents) as the record gives them."""
    return [
        Tabelle(
            titel=b.caption,
            kopf=list(b.rows[0]),
            zeilen=[list(r) for r in b.rows[1:]],
            seite=b.page,
        )
        for b in document.blocks
        if b.kind == "table" and b.rows
    ]


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
    """Fields that name Kommunen/Kreise (profile participants, a web page's members) carry
    their official keys."""
    if isinstance(fields, WebPageFields):
        fields.mitglieder = [annotator.link_body(b.name) for b in fields.mitglieder]
    if isinstance(fields, ProfileFields):
        fields.kommunen = [annotator.link_body(b.name) for b in fields.kommunen]
        fields.sonstige_beteiligte = [
            annotator.link_body(b.name) for b in fields.sonstige_beteiligte
        ]
        if fields.hauptverantwortlich is not None:
            fields.hauptverantwortlich = annotator.link_body(fields.hauptverantwortlich.name)


def _link_persons(fields: BaseModel, found: AnnotationResult) -> None:
    """Quote speakers and office holders get name, office and affiliation from the NER persons.

    Parsers keep who is quoted or listed as the text writes it ("so Feller", "Bürgermeister
    Jörn Möltgen"); the NER pass knows who that is (and merged the person's mentions).
    """
    if isinstance(fields, PressReleaseFields):
        for zitat in fields.zitate:
            person = _person_named(zitat.sprecher, zitat.sprecher_span, found)
            if person is not None:
                zitat.sprecher = _name_with_title(person)
                zitat.rolle = person.role
                zitat.zugehoerigkeit = person.affiliation
                zitat.zugehoerigkeit_ags = person.affiliation_ags
    elif isinstance(fields, WebPageFields):
        places = {m.ags: m for m in found.municipalities}
        for holder in (h for gremium in fields.gremien for h in gremium.mitglieder):
            person = _person_named(holder.name, holder.span, found)
            if person is None:
                continue
            holder.name = _name_with_title(person)
            holder.rolle = person.role
            place = places.get(person.affiliation_ags or "")
            # the place's official name ("Havixbeck" for "Gemeinde Havixbeck"); a Kreis
            # keeps its word, a Regierungsbezirk or an organisation stays as the text says
            kommune = place.name if place is not None and place.level != "GOV_REGION" else None
            holder.kommune = kommune or person.affiliation
            holder.ags = person.affiliation_ags


def _person_named(
    written: str | None, span: tuple[int, int] | None, found: AnnotationResult
) -> Person | None:
    """The person a written name refers to: the PERSON entity inside its span, else the
    person whose full name it contains, else the only one whose family name ends it."""
    by_name = {p.name: p for p in found.persons}
    if span is not None:
        for e in found.entities:
            if e.label == "PERSON" and e.start < span[1] and span[0] < e.end:
                person = by_name.get(e.normalized or e.text)
                if person is not None:
                    return person
    words = (written or "").split()

    def contains(name: str) -> bool:
        part = name.split()
        return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))

    full = [p for p in found.persons if contains(p.name)]
    if full:
        return max(full, key=lambda p: len(p.name))
    family = [
        p
        for p in found.persons
        if p.family_name and words[-len(p.family_name.split()) :] == p.family_name.split()
    ]
    return family[0] if len(family) == 1 else None


def _name_with_title(person: Person) -> str:
    return f"{person.title} {person.name}" if person.title else person.name


def extract_or_error(
    source: SourceFile, options: Options, data: bytes | None = None
) -> RecordBase | ErrorRecord:
    """The batch's unit of work: a record, or an error line a person can act on.

    ``data``: the file's bytes when the caller read them already (a Dask worker on another
    machine gets bytes, not a path it could read); None reads ``source.path``.
    """
    record_id = record_id_for(source.key)
    sha256: str | None = None
    try:
        if data is None:
            data = read_source(source)
        sha256 = hashlib.sha256(data).hexdigest()
        return extract(source, data, options).record
    except LoadError as exc:
        return ErrorRecord(
            source=source.origin,
            record_id=record_id,
            error_type=exc.error_type,
            message=exc.message,
            hint=exc.hint,
            sha256=exc.sha256 if isinstance(exc, TooLarge) else sha256,
        )
    except MemoryError:
        raise  # the pool reports it (too_large) and replaces the worker
    except ValidationError as exc:
        return ErrorRecord(
            source=source.origin,
            record_id=record_id,
            error_type="invalid_record",
            message=f"the extracted record fails validation: {exc}",
            hint="a parser bug; please report it with the document",
            sha256=sha256,
        )
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return ErrorRecord(
            source=source.origin,
            record_id=record_id,
            error_type="internal_error",
            message=f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})",
            hint="a bug in ikz-extract; please report it with the document",
            sha256=sha256,
        )

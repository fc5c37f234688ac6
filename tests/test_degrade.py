"""No rule loses a document (issue 9, item 2): a failing detector, parser, NER or linking
step degrades the record, with a warning that names the step; and long texts are
annotated in chunks whose offsets stay right."""

from __future__ import annotations

import pytest

from ikz_extract import pipeline
from ikz_extract.document import Document
from ikz_extract.models import GenericRecord, ProfileRecord
from ikz_extract.nlp.annotator import TextUnit, chunked
from ikz_extract.parsers import PARSERS
from ikz_extract.parsers.base import Evidence, Parsed
from ikz_extract.parsers.classify import DETECTORS
from tests.conftest import extract_bytes
from tests.fixtures.corpus import PROFILE_000


def _boom(doc: Document) -> Evidence:
    raise KeyError("a rule's bug")


def test_a_failing_detector_scores_zero_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(DETECTORS, "press_release", _boom)
    record = extract_bytes(PROFILE_000.read_bytes(), "p.txt")
    assert isinstance(record, ProfileRecord)  # the other detectors still decide
    (warning,) = [w for w in record.warnings if "failed" in w]
    assert warning.startswith("the press_release detector failed (KeyError")
    assert "test_degrade.py" in warning


def test_a_failing_parser_gives_the_generic_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: Document) -> Parsed:
        raise IndexError("list index out of range")

    monkeypatch.setitem(PARSERS, "ikz_profile", broken)
    record = extract_bytes(PROFILE_000.read_bytes(), "p.txt")
    assert isinstance(record, GenericRecord)
    assert record.sections and record.title
    assert any(
        w.startswith("the ikz_profile parser failed (IndexError") and "generic" in w
        for w in record.warnings
    )


def test_when_every_parser_fails_the_text_is_one_section(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: Document) -> Parsed:
        raise ValueError("no")

    for kind in ("ikz_profile", "generic"):
        monkeypatch.setitem(PARSERS, kind, broken)
    record = extract_bytes(PROFILE_000.read_bytes(), "p.txt")
    assert isinstance(record, GenericRecord)
    assert len(record.sections) == 1 and "Kreis Borken" in record.sections[0].text
    assert sum("parser failed" in w for w in record.warnings) == 2


def test_failing_ner_leaves_a_record_without_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    annotator = pipeline.annotator_for(None)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("[E088] Text of length 1300000 exceeds maximum")

    monkeypatch.setattr(annotator, "annotate", broken)
    record = extract_bytes(PROFILE_000.read_bytes(), "p.txt", annotate=True)
    assert isinstance(record, ProfileRecord)
    assert record.entities == [] and record.fields.kommunen
    assert any(
        w.startswith("named-entity recognition failed (RuntimeError") for w in record.warnings
    )


def test_failing_linking_keeps_the_names(monkeypatch: pytest.MonkeyPatch) -> None:
    annotator = pipeline.annotator_for(None)

    def broken(name: str) -> None:
        raise AttributeError("gazetteer")

    monkeypatch.setattr(annotator, "link_body", broken)
    record = extract_bytes(PROFILE_000.read_bytes(), "p.txt", annotate=True)
    assert isinstance(record, ProfileRecord) and record.entities
    assert any(w.startswith("linking Kommunen to their keys failed") for w in record.warnings)


def test_fields_that_fail_validation_give_the_generic_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = PARSERS["ikz_profile"]

    def invalid(doc: Document) -> Parsed:
        parsed = real(doc)
        parsed.fields = {"kommunen": 5}  # type: ignore[assignment]
        return parsed

    monkeypatch.setitem(PARSERS, "ikz_profile", invalid)
    record = extract_bytes(PROFILE_000.read_bytes(), "p.txt")
    assert isinstance(record, GenericRecord)
    assert any(
        w.startswith("the ikz_profile record failed (ValidationError") for w in record.warnings
    )


def test_long_units_are_chunked_at_paragraph_ends_with_offsets_kept() -> None:
    paragraph = "Die Gemeinde Havixbeck kooperiert mit Billerbeck. " * 40 + "\n\n"
    text = paragraph * 200  # about 410,000 characters
    unit = TextUnit(text, 1000, 3)
    pieces = chunked([TextUnit("kurz", 0, 0), unit], limit=100_000)
    assert pieces[0] == TextUnit("kurz", 0, 0)
    rest = pieces[1:]
    assert len(rest) >= 5 and all(len(p.text) <= 100_000 for p in rest)
    assert "".join(p.text for p in rest) == text
    for piece in rest:
        assert text[piece.offset - 1000 : piece.offset - 1000 + len(piece.text)] == piece.text
        assert piece.section == 3
    assert all(p.text.endswith("\n\n") for p in rest[:-1])  # cut between paragraphs

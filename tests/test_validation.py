"""Validation validates what is written (issue 10, item 5): a value the linking passes set
after parsing is checked like a parsed one, and a failing check degrades the record with a
warning that names the step instead of writing the invalid value."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from ikz_extract import pipeline
from ikz_extract.models import Body, GenericRecord, ProfileFields, ProfileRecord
from ikz_extract.nlp import Annotator
from tests.conftest import extract_bytes
from tests.fixtures.corpus import PROFILE_000


def test_assigning_an_invalid_list_is_rejected() -> None:
    fields = ProfileFields(titel="IKZ", kommunen=[Body(name="Havixbeck")])
    with pytest.raises(ValidationError):
        fields.kommunen = ["not a Body", 42]  # type: ignore[list-item]
    assert fields.kommunen == [Body(name="Havixbeck")]


def test_a_linking_pass_that_sets_invalid_values_keeps_the_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    annotator = pipeline.annotator_for(None)

    def junk(name: str) -> object:
        return 42

    monkeypatch.setattr(annotator, "link_body", junk)
    record = extract_bytes(PROFILE_000.read_bytes(), "p.txt", annotate=True)
    assert isinstance(record, ProfileRecord)
    assert record.fields.kommunen and all(isinstance(b, Body) for b in record.fields.kommunen)
    assert any(
        w.startswith("linking Kommunen to their keys failed (ValidationError")
        for w in record.warnings
    )


def test_a_value_mutated_in_place_fails_the_final_validation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def mutate(fields: BaseModel, annotator: Annotator) -> None:
        assert isinstance(fields, ProfileFields)
        fields.kommunen.extend(["not a Body", 42])  # type: ignore[list-item]

    monkeypatch.setattr(pipeline, "_link_bodies", mutate)
    record = extract_bytes(PROFILE_000.read_bytes(), "p.txt", annotate=True)
    assert isinstance(record, GenericRecord)  # the profile record was not written
    assert "not a Body" not in record.model_dump_json()
    assert any(
        w.startswith("the ikz_profile record failed (ValidationError") for w in record.warnings
    )

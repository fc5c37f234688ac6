"""schemas/ is generated from the models; this fails when someone forgets `make schemas`."""

from __future__ import annotations

import json

from ikz_extract.schemas import render, schema_documents
from tests.conftest import ROOT


def test_committed_schemas_match_the_models() -> None:
    for name, schema in schema_documents().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == render(schema), f"schemas/{name} is stale: run `make schemas`"


def test_record_schema_knows_every_record_type() -> None:
    schema = json.loads((ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
    mapping = schema["discriminator"]["mapping"]
    assert set(mapping) == {
        "ikz_profile",
        "strategy_document",
        "press_release",
        "web_page",
        "pdf_document",
        "generic",
    }

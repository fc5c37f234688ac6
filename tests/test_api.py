"""The Python API as a notebook uses it: extract, run, read_records, nlp, entry points."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

import ikz_extract
from ikz_extract.batch import Summary
from ikz_extract.models import ProfileRecord, WebPageRecord
from tests.conftest import SAMPLES

PROFILE = SAMPLES / "002_profile_klimakreis_borken.html"


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (nothing imported yet) and return its output."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    return done.stdout.strip()


def test_import_stays_light() -> None:
    heavy = ("spacy", "pydantic", "pyarrow", "networkx", "pdfplumber", "trafilatura")
    code = f"import sys, ikz_extract; print([m for m in {heavy!r} if m in sys.modules])"
    assert _python(code) == "[]"


def test_components_load_through_the_spacy_entry_point() -> None:
    code = (
        "import spacy, sys\n"
        "nlp = spacy.blank('de')\n"
        "nlp.add_pipe('ikz_gazetteer'); nlp.add_pipe('ikz_merge')\n"
        "print([(e.text, e.label_, e.kb_id_) for e in nlp('Der Kreis Borken plant.').ents])"
    )
    assert _python(code) == "[('Kreis Borken', 'DISTRICT', '05554')]"


def test_extract_a_path_gives_the_record_model() -> None:
    record = ikz_extract.extract(PROFILE)
    assert isinstance(record, ProfileRecord)
    assert record.fields.hauptverantwortlich is not None
    assert record.fields.hauptverantwortlich.ags == "05554"
    assert record.source.path == PROFILE.as_posix() and record.source.key == PROFILE.name


def test_extract_bytes_without_nlp() -> None:
    data = (SAMPLES / "001_stadtregion_muenster.html").read_bytes()
    record = ikz_extract.extract(data, name="stadtregion.html", annotate=False)
    assert isinstance(record, WebPageRecord)
    assert record.source.key == "stadtregion.html" and record.source.path is None
    assert record.entities == [] and len(record.fields.mitglieder) == 12
    # without NER the members stay unlinked (linking is part of the NER pass)
    assert {m.ags for m in record.fields.mitglieder} == {None}


def test_extract_a_url_through_the_web_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    web = types.ModuleType("ikz_extract.web")
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        return PROFILE.read_bytes()

    web.fetch = fetch  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ikz_extract.web", web)
    url = "https://www.example.org/ikz/klimakreis"
    record = ikz_extract.extract(url, annotate=False)
    assert fetched == [url]
    assert record.source.url == url and record.source.path is None
    assert record.title is not None and record.title.startswith("Klimakreis Borken")


def test_extract_a_url_without_web_fetching_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ikz_extract.web", types.ModuleType("ikz_extract.web"))
    with pytest.raises(NotImplementedError, match="no web fetching"):
        ikz_extract.extract("https://www.example.org/x")


def test_unknown_options_are_refused() -> None:
    with pytest.raises(TypeError, match="unknown option"):
        ikz_extract.extract(PROFILE, anotate=False)


def test_run_and_read_records(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / PROFILE.name).write_bytes(PROFILE.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    summary = ikz_extract.run(folder, tmp_path / "out", annotate=False, workers=1)
    assert isinstance(summary, Summary)
    assert (summary.added, summary.failed, summary.records) == (1, 1, 1)
    [record] = list(ikz_extract.read_records(tmp_path / "out"))
    assert isinstance(record, ProfileRecord) and record.source.key == PROFILE.name
    again = ikz_extract.run([str(folder)], tmp_path / "out", annotate=False, workers=1)
    assert again.unchanged == 1 and again.added == 0


def test_read_records_names_a_bad_line(tmp_path: Path) -> None:
    from ikz_extract.out.read import RecordsError

    (tmp_path / "records.jsonl").write_text('{"record_id": 1}\n', encoding="utf-8")
    with pytest.raises(RecordsError, match=r"records.jsonl:1: not a valid record"):
        list(ikz_extract.read_records(tmp_path))


def test_nlp_is_the_extraction_pipeline() -> None:
    nlp = ikz_extract.nlp()
    assert nlp.pipe_names == ["ikz_dates", "ikz_gazetteer", "ikz_orgs", "ikz_persons", "ikz_merge"]
    doc = nlp("Der Kreis Borken und die Stadt Münster")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Kreis Borken", "DISTRICT", "05554"),
        ("Stadt Münster", "MUNICIPALITY", "05515000"),
    ]
    import ikz_extract.nlp as subpackage  # the call works after the subpackage import too

    assert subpackage() is nlp

"""The components as spaCy factories: usable in another pipeline, serialisable, merged by an
explicit priority; the Annotator maps offsets back to the document."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import Span

from ikz_extract.nlp import Annotator, TextUnit
from ikz_extract.nlp.merge import DEFAULT_PRIORITY
from ikz_extract.nlp.pipeline import COMPONENTS, add_ikz_components, build_pipeline


def test_components_work_in_someone_elses_pipeline() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    add_ikz_components(nlp)
    assert nlp.pipe_names == ["sentencizer", *COMPONENTS]
    doc = nlp("Landrat Dr. Kai Zwicker (Kreis Borken) sprach am 27.08.2021 in Bocholt.")
    assert [(e.label_, e.text, e.kb_id_) for e in doc.ents] == [
        ("PERSON", "Kai Zwicker", ""),
        ("DISTRICT", "Kreis Borken", "05554"),
        ("DATE", "27.08.2021", ""),
        ("MUNICIPALITY", "Bocholt", "05554008"),
    ]
    assert doc.ents[2]._.ikz["value"] == "2021-08-27"


def test_a_single_component_can_be_used_alone() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("ikz_gazetteer", config={"home_land": "09"})
    doc = nlp("Treffen in Senden und der Stadt Münster.")
    # with Bayern as home Land, the Bavarian homonyms win (and "in Senden" is a place there)
    keys = {s.text: s.kb_id_ for s in doc.spans["ikz_places"]}
    assert keys == {"Senden": "09775152", "Stadt Münster": "09779187"}


def test_pipeline_round_trips_through_disk(tmp_path: Path) -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("ikz_gazetteer", config={"min_bare_population": 5000})
    nlp.add_pipe("ikz_merge", config={"priority": ["DISTRICT", "MUNICIPALITY"]})
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("ikz_gazetteer").min_bare_population == 5000
    assert loaded.get_pipe("ikz_merge").priority == ["DISTRICT", "MUNICIPALITY"]
    assert [e.text for e in loaded("Kreis Borken").ents] == ["Kreis Borken"]


def test_merge_priority_is_explicit() -> None:
    """ORG beats a place inside it; a statistical model's span only fills gaps."""
    assert DEFAULT_PRIORITY[:3] == ["ORG", "DATE", "PERSON"]
    nlp = spacy.blank("de")
    nlp.add_pipe("ikz_merge")
    doc = nlp.make_doc("Bezirksregierung Münster und Paula Beispiel")
    doc.spans["ikz_places"] = [Span(doc, 1, 2, label="MUNICIPALITY", kb_id="05515000")]
    doc.spans["ikz_orgs"] = [Span(doc, 0, 2, label="ORG")]
    doc.ents = [Span(doc, 0, 1, label="ORG"), Span(doc, 3, 5, label="PER")]  # "the model"
    doc = nlp.get_pipe("ikz_merge")(doc)
    assert [(e.label_, e.text) for e in doc.ents] == [
        ("ORG", "Bezirksregierung Münster"),
        ("PERSON", "Paula Beispiel"),
    ]


def test_offsets_are_document_offsets_with_sections() -> None:
    doc_text = "Titel\n\nDer Kreis Borken lädt ein.\n\nKontakt: 46325 Borken"
    units = [
        TextUnit("Der Kreis Borken lädt ein.", 7, 0),
        TextUnit("Kontakt: 46325 Borken", 35, 1),
    ]
    result = Annotator().annotate(units)
    assert [(e.text, e.section) for e in result.entities] == [
        ("Kreis Borken", 0),
        ("Borken", 1),
    ]
    for e in result.entities:
        assert doc_text[e.start : e.end] == e.text


def test_pipeline_is_built_once_per_process() -> None:
    assert build_pipeline() is build_pipeline()
    assert Annotator().nlp is Annotator().nlp


def test_unknown_spacy_model_is_a_clear_error() -> None:
    import pytest

    with pytest.raises(ValueError, match="not installed"):
        Annotator("xx_no_such_model")


def test_tokenizer_cache_still_caches_after_the_gazetteer_is_built() -> None:
    """The gazetteer's patterns once filled spaCy's tokenizer cache, so no document chunk
    was ever cached again (half of annotate's time). Counted in calls, not timed."""
    import cProfile
    import pstats

    from ikz_extract.nlp.pipeline import build_pipeline

    nlp = build_pipeline(None)
    text = "Die Gemeinde Havixbeck plant gemeinsam mit dem Kreis Coesfeld eine neue Kita"
    nlp.tokenizer(text)  # first sight: tokenised and cached
    profile = cProfile.Profile()
    profile.enable()
    nlp.tokenizer(text)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    uncached = sum(v[0] for k, v in stats.items() if k[2] == "_tokenize")
    assert uncached == 0

"""The NER pass as users see it: through the pipeline, in the records (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikz_extract.models import AnyRecord, PressReleaseRecord, ProfileRecord, WebPageRecord
from ikz_extract.nlp.evaluate import evaluate, per_label_f1
from ikz_extract.store import atomic_write_lines
from tests.conftest import ROOT, SAMPLES, extract_file

SEEDS = sorted(SAMPLES.glob("00[0-4]_*.txt"))


@pytest.fixture(scope="module")
def records() -> dict[str, AnyRecord]:
    return {path.name[:3]: extract_file(path, annotate=True) for path in SEEDS}  # type: ignore[misc]


def test_gold_f1_per_label_through_the_pipeline(
    records: dict[str, AnyRecord], tmp_path: Path
) -> None:
    path = tmp_path / "records.jsonl"
    atomic_write_lines(path, (r.model_dump_json() for r in records.values()))
    report = evaluate(ROOT / "tests" / "gold" / "seeds.gold.jsonl", path)
    assert report.documents == 5
    for which in ("span", "linked"):
        scores = per_label_f1(report, which)
        low = {label: round(f1, 3) for label, f1 in scores.items() if f1 < 0.95}
        assert not low, f"{which} F1 below 0.95: {low}"


def test_entities_point_into_their_section(records: dict[str, AnyRecord]) -> None:
    for record in records.values():
        assert record.entities, record.source.key
        for e in record.entities:
            assert e.section is not None
            section = record.sections[e.section]
            s, t = section.span
            inside_text = s <= e.start and e.end <= t and section.text[e.start - s : e.end - s]
            hs = section.heading_span
            inside_heading = hs is not None and hs[0] <= e.start and e.end <= hs[1]
            assert inside_text == e.text or inside_heading, (record.source.key, e)


def test_001_members_and_office_holders(records: dict[str, AnyRecord]) -> None:
    r = records["001"]
    linked = {m.name: m.ags for m in r.municipalities if m.level == "MUNICIPALITY"}
    members = [
        "Altenberge",
        "Ascheberg",
        "Drensteinfurt",
        "Everswinkel",
        "Greven",
        "Havixbeck",
        "Nottuln",
        "Ostbevern",
        "Münster",
        "Senden",
        "Sendenhorst",
        "Telgte",
    ]
    assert set(members) <= set(linked)
    assert all(linked[m] and linked[m].startswith("055") for m in members)
    assert linked["Senden"] == "05558044"  # the Gemeinde Senden in Kreis Coesfeld
    people = {p.name: p for p in r.persons}
    assert people["Jörn Möltgen"].role == "Bürgermeister"
    assert people["Jörn Möltgen"].affiliation_ags == "05558020"  # Havixbeck
    assert people["Katrin Reuscher"].role == "Bürgermeisterin"
    assert people["Katrin Reuscher"].affiliation_ags == "05570040"  # Sendenhorst
    assert people["Robin Denstorff"].role == "Stadtbaurat"
    assert people["Robin Denstorff"].affiliation_ags == "05515000"  # Münster
    # the Lenkungskreis the page lists: who from the parser, office and Kommune from the NER
    assert isinstance(r, WebPageRecord)
    [gremium] = r.fields.gremien
    assert [(m.name, m.rolle, m.kommune, m.ags) for m in gremium.mitglieder] == [
        ("Jörn Möltgen", "Bürgermeister", "Havixbeck", "05558020"),
        ("Katrin Reuscher", "Bürgermeisterin", "Sendenhorst", "05570040"),
        ("Robin Denstorff", "Stadtbaurat", "Münster", "05515000"),
    ]


def test_004_regierungspraesidenten_regions_and_dates(records: dict[str, AnyRecord]) -> None:
    r = records["004"]
    people = {p.name: p for p in r.persons}
    assert people["Dorothee Feller"].role == "Regierungspräsidentin"
    assert people["Judith Pirscher"].role == "Regierungspräsidentin"
    assert people["Hans-Josef Vogel"].role == "Regierungspräsident"
    # "(Münster)" after a Regierungspräsidentin names her Regierungsbezirk
    assert (people["Dorothee Feller"].affiliation, people["Dorothee Feller"].affiliation_ags) == (
        "Münster",
        "055",
    )
    assert people["Judith Pirscher"].affiliation_ags == "057"
    assert people["Hans-Josef Vogel"].affiliation_ags == "059"
    # the quotes' speakers are these persons
    assert isinstance(r, PressReleaseRecord)
    assert [
        (q.sprecher, q.rolle, q.zugehoerigkeit, q.zugehoerigkeit_ags) for q in r.fields.zitate
    ] == [
        ("Dorothee Feller", "Regierungspräsidentin", "Münster", "055"),
        ("Judith Pirscher", "Regierungspräsidentin", "Detmold", "057"),
        ("Hans-Josef Vogel", "Regierungspräsident", "Arnsberg", "059"),
    ]
    regions = {m.ags for m in r.municipalities if m.level == "GOV_REGION"}
    assert regions == {"055", "057", "059"}
    values = {(d.value, d.precision) for d in r.dates}
    assert ("2021-08-27", "day") in values
    assert ("2022", "year") in values and ("2019", "year") in values
    assert not any("20.000" in d.text for d in r.dates)


def test_003_landrat_and_dates(records: dict[str, AnyRecord]) -> None:
    r = records["003"]
    landrat = next(p for p in r.persons if p.family_name == "Schulze Pellengahr")
    assert (landrat.given_name, landrat.title, landrat.role) == ("Christian", "Dr.", "Landrat")
    assert landrat.affiliation_ags == "05558"  # Kreis Coesfeld
    values = {(d.value, d.precision) for d in r.dates}
    assert ("2025-06-24", "day") in values and ("2025-06", "month") in values


def test_000_districts_city_and_linked_profile_fields(records: dict[str, AnyRecord]) -> None:
    r = records["000"]
    districts = {m.ags for m in r.municipalities if m.level == "DISTRICT"}
    assert {
        "05554",
        "05558",
        "05566",
        "05570",
    } <= districts  # Borken, Coesfeld, Steinfurt, Warendorf
    assert any(m.ags == "05515000" and m.level == "MUNICIPALITY" for m in r.municipalities)
    values = {(d.value, d.precision) for d in r.dates}
    assert ("2020-12-31", "day") in values and ("2018", "year") in values
    assert isinstance(r, ProfileRecord)
    assert [(k.name, k.ags) for k in r.fields.kommunen] == [
        ("Kreis Borken", "05554"),
        ("Kreis Coesfeld", "05558"),
        ("Kreis Warendorf", "05570"),
        ("Kreis Steinfurt", "05566"),
        ("Münster", "05515000"),
    ]
    assert r.fields.hauptverantwortlich is not None
    assert r.fields.hauptverantwortlich.ags == "05554"
    assert [b.ags for b in r.fields.sonstige_beteiligte] == [None]  # Münsterland e.V.

"""Exported tables and network, read back the way users read them (DuckDB, pandas, networkx).

Expected values were read by a person in samples/ and out/records.jsonl: Kreis Borken
(05554) leads both profiles, the Stadtregion Münster page lists twelve member Kommunen,
the press release quotes three Regierungspräsident*innen.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import networkx as nx
import pandas as pd
import pytest

from ikz_extract.models import Body, ProfileRecord
from ikz_extract.out.export import export
from ikz_extract.out.network import build_network
from ikz_extract.out.read import read_records
from ikz_extract.out.tables import TABLE_NAMES, table

STADTREGION = [
    ("Altenberge", "05566004"),
    ("Ascheberg", "05558004"),
    ("Drensteinfurt", "05570016"),
    ("Everswinkel", "05570024"),
    ("Greven", "05566012"),
    ("Havixbeck", "05558020"),
    ("Nottuln", "05558032"),
    ("Ostbevern", "05570032"),
    ("Münster", "05515000"),
    ("Senden", "05558044"),
    ("Sendenhorst", "05570040"),
    ("Telgte", "05570044"),
]
PRESIDENTS = [
    ("Dorothee Feller", "Regierungspräsidentin", "Münster", "055"),
    ("Hans-Josef Vogel", "Regierungspräsident", "Arnsberg", "059"),
    ("Judith Pirscher", "Regierungspräsidentin", "Detmold", "057"),
]
PROFILES = {
    "Informelle Regionalentwicklung im Münsterland",
    "Klimakreis Borken – Interkommunales Netzwerk als Erfolgsschlüssel lokaler Klimaschutzarbeit",
}


@pytest.fixture(scope="module")
def parquet(samples_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parquet")
    written = export(samples_out, "parquet", folder)
    assert sorted(p.name for p in written) == sorted(f"{n}.parquet" for n in TABLE_NAMES)
    return folder


@pytest.fixture(scope="module")
def csv(samples_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    export(samples_out, "csv", folder)
    return folder


def _csv_types(folder: Path, name: str) -> dict[str, str]:
    """Column types as datapackage.json states them."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["name"] == name]
    return {f["name"]: f["type"] for f in resource["schema"]["fields"]}


def _pandas_csv(folder: Path, name: str) -> pd.DataFrame:
    text = [c for c, t in _csv_types(folder, name).items() if t == "string"]
    return pd.read_csv(folder / f"{name}.csv", dtype=dict.fromkeys(text, str))


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_table_reads_in_duckdb_and_pandas_with_its_columns(
    parquet: Path, csv: Path, name: str
) -> None:
    columns = [c.name for c in table(name).columns]
    frame = pd.read_parquet(parquet / f"{name}.parquet")
    assert list(frame.columns) == columns and len(frame) > 0
    relation = duckdb.sql(f"SELECT * FROM '{parquet / name}.parquet'")
    assert relation.columns == columns
    assert len(relation.fetchall()) == len(frame)
    from_csv = _pandas_csv(csv, name)
    assert list(from_csv.columns) == columns and len(from_csv) == len(frame)
    assert list(_csv_types(csv, name)) == columns
    in_duck = duckdb.sql(f"SELECT count(*) FROM read_csv('{csv / name}.csv')").fetchall()[0]
    assert in_duck == (len(frame),)


def test_kreis_borken_leads_both_profiles(parquet: Path, csv: Path) -> None:
    rows = duckdb.sql(
        f"SELECT DISTINCT cooperation, name, ags FROM '{parquet}/participants.parquet' "
        "WHERE role = 'hauptverantwortlich' ORDER BY cooperation"
    ).fetchall()
    assert rows == [(title, "Kreis Borken", "05554") for title in sorted(PROFILES)]
    frame = _pandas_csv(csv, "participants")
    lead = frame[frame.role == "hauptverantwortlich"]
    assert set(lead.cooperation) == PROFILES and set(lead.ags) == {"05554"}
    assert "05554" in (csv / "participants.csv").read_text(encoding="utf-8")


def test_the_twelve_members_of_the_stadtregion_with_their_ags(parquet: Path, csv: Path) -> None:
    for frame in (
        pd.read_parquet(parquet / "participants.parquet"),
        _pandas_csv(csv, "participants"),
    ):
        members = frame[frame.role == "mitglied"]
        assert set(members.cooperation) == {
            "Organisation und Zusammenarbeit in der Stadtregion Münster"
        }
        for _, page in members.groupby("record_id"):  # the text dump and the HTML page
            assert list(zip(page.name, page.ags, strict=True)) == STADTREGION
            assert set(page.level) == {"MUNICIPALITY"}


def test_the_three_regierungspraesidentinnen_with_roles(parquet: Path) -> None:
    rows = duckdb.sql(
        "SELECT DISTINCT name, role, affiliation, affiliation_ags "
        f"FROM '{parquet}/persons.parquet' WHERE role LIKE 'Regierungspräsident%' ORDER BY name"
    ).fetchall()
    assert rows == PRESIDENTS


def test_profile_columns_keep_types_and_leading_zeros(parquet: Path, csv: Path) -> None:
    frame = pd.read_parquet(parquet / "profiles.parquet").sort_values("einwohner")
    assert list(frame.einwohner) == [371898, 371898, 380796, 380796]
    assert [d.isoformat() for d in frame.einwohner_stand] == ["2020-12-31"] * 2 + ["2024-12-31"] * 2
    assert list(frame.zusammenarbeit_seit) == [2018, 2018, 2011, 2011]
    assert set(frame.kontakt_plz) == {"46325"} and set(frame.hauptverantwortlich_ags) == {"05554"}
    assert set(frame.flaeche_km2) == {1420.98}
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{parquet}/profiles.parquet'").fetchall()
    types = {row[0]: row[1] for row in described}
    assert types["kontakt_plz"] == "VARCHAR" and types["einwohner_stand"] == "DATE"
    assert types["einwohner"] == "BIGINT" and types["flaeche_km2"] == "DOUBLE"
    assert _csv_types(csv, "profiles")["kontakt_plz"] == "string"


def test_documents_have_their_date_and_warning_count(parquet: Path) -> None:
    rows = duckdb.sql(
        f"SELECT record_type, date, n_warnings FROM '{parquet}/documents.parquet' "
        "WHERE record_type IN ('press_release', 'strategy_document') ORDER BY record_type"
    ).fetchall()
    assert (
        rows
        == [("press_release", "2021-08-27", 0)] * 2 + [("strategy_document", "2025-06-24", 2)] * 2
    )
    total = duckdb.sql(f"SELECT count(*) FROM '{parquet}/documents.parquet'").fetchall()[0]
    assert total == (10,)


def test_every_mention_is_the_text_of_its_section_at_its_span(parquet: Path) -> None:
    """mentions and sections join on record and section index; offsets agree."""
    rows = duckdb.sql(
        f"""SELECT m.text, substr(s.text, m.start - s.span_start + 1, m."end" - m.start)
        FROM '{parquet}/mentions.parquet' m JOIN '{parquet}/sections.parquet' s
        ON m.record_id = s.record_id AND m.section = s.section
        WHERE m.start >= s.span_start AND m."end" <= s.span_end"""
    ).fetchall()
    assert len(rows) > 200
    assert all(text == found for text, found in rows)


def test_dates_keep_iso_values(parquet: Path) -> None:
    frame = pd.read_parquet(parquet / "dates.parquet")
    assert {"2021-08-27", "2025-06-24"} <= set(frame.value)
    assert set(frame.precision) <= {"day", "month", "year"}


def test_graphml_loads_in_networkx_with_the_expected_edges(
    samples_out: Path, tmp_path: Path
) -> None:
    [path] = export(samples_out, "graphml", tmp_path)
    graph = nx.read_graphml(path)
    # profile 000: 4 Kreise, Münster, Münsterland e.V.; the Stadtregion: 12 Kommunen with
    # Münster; the Klimakreis profile names Kreis Borken alone (no edge)
    assert graph.number_of_nodes() == 17
    assert graph.number_of_edges() == 6 * 5 // 2 + 12 * 11 // 2
    assert graph.nodes["05554"]["name"] == "Kreis Borken"
    assert graph.nodes["05554"]["cooperations"] == 2
    assert graph.nodes["05515000"]["population"] == 308258
    assert graph.nodes["05515000"]["regierungsbezirk"] == "Münster"
    assert graph.nodes["05558020"]["kreis"] == "Kreis Coesfeld"
    assert graph.nodes["Münsterland e.V."]["level"] == "OTHER"
    assert graph.has_edge("05515000", "05554") and graph.has_edge("05558020", "05570044")
    assert not graph.has_edge("05554", "05558020")
    # the profile as HTML and as text is one cooperation: weight 1, both record ids
    edge = graph.edges["05515000", "05554"]
    assert edge["weight"] == 1 and len(edge["record_ids"].split("; ")) == 2


def test_edge_weight_counts_distinct_cooperations(samples_out: Path) -> None:
    """Two different cooperations of the same two bodies give weight 2."""
    profile = next(r for r in read_records(samples_out) if isinstance(r, ProfileRecord))
    other = profile.model_copy(deep=True)
    other.record_id, other.title = "x" * 16, "Gemeinsames Gewerbegebiet"
    other.fields.hauptverantwortlich = Body(name="Kreis Borken", ags="05554", level="DISTRICT")
    other.fields.kommunen = [Body(name="Münster", ags="05515000", level="MUNICIPALITY")]
    other.fields.sonstige_beteiligte = []
    network = build_network([profile, other])
    [edge] = [e for e in network.edges if {e.source, e.target} == {"05515000", "05554"}]
    assert edge.weight == 2
    assert edge.cooperations == sorted([profile.title or "", "Gemeinsames Gewerbegebiet"])


def test_export_of_an_empty_run_writes_typed_empty_tables(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text("", encoding="utf-8")
    export(tmp_path, "parquet")
    frame = pd.read_parquet(tmp_path / "export" / "participants.parquet")
    assert len(frame) == 0 and "ags" in frame.columns

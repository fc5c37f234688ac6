"""ikz_orgs: legal forms, authorities, named bodies."""

from __future__ import annotations

import pytest

from ikz_extract.nlp import Annotator, TextUnit


@pytest.fixture(scope="module")
def ann() -> Annotator:
    return Annotator()


def orgs(ann: Annotator, text: str) -> list[str]:
    return [e.text for e in ann.annotate([TextUnit(text, 0, 0)]).entities if e.label == "ORG"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("die Stadt Münster sowie der Münsterland e. V. haben", ["Münsterland e. V."]),
        ("Sonstige Beteiligte: Münsterland e.V.", ["Münsterland e.V."]),
        ("Die Stadtwerke Münster GmbH und die Sparkasse Westmünsterland", [
            "Stadtwerke Münster GmbH", "Sparkasse Westmünsterland"]),
        ("die Wirtschaftsförderung Kreis Kleve GmbH in 47533 Kleve", [
            "Wirtschaftsförderung Kreis Kleve GmbH"]),
        ("Einwohner: 371.898 (IT.NRW, 31.12.2020)", ["IT.NRW"]),
        ("Mitgliedschaft im Zweckverband EUREGIO", ["Zweckverband EUREGIO"]),
        ("durch die Gesellschaft zur Förderung regenerativer Energien (GFC) gefördert", [
            "Gesellschaft zur Förderung regenerativer Energien (GFC)"]),
        ("mit seiner Wirtschaftsförderungsgesellschaft (wfc) die Entwicklung", [
            "Wirtschaftsförderungsgesellschaft (wfc)"]),
        ("durch das Netzwerk „Zukunft durch Innovation“ (zdi) die Arbeit", [
            "Netzwerk „Zukunft durch Innovation“ (zdi)"]),
        ("vom Ministerium für Heimat, Kommunales, Bau und Digitalisierung des Landes", [
            "Ministerium für Heimat, Kommunales, Bau und Digitalisierung"]),
        ("Der Zweckverband Schienenpersonennahverkehr Münsterland (ZVM) plant", [
            "Zweckverband Schienenpersonennahverkehr Münsterland (ZVM)"]),
        ("mit der IHK Nord Westfalen und der Energieagentur.NRW", [
            "IHK Nord Westfalen", "Energieagentur.NRW"]),
        ("der Agenda 2030 der Vereinten Nationen", ["Vereinten Nationen"]),
        ("gegen den TSV München und den SC Freiburg", ["TSV München", "SC Freiburg"]),
    ],
)  # fmt: skip
def test_organisations(ann: Annotator, text: str, expected: list[str]) -> None:
    assert orgs(ann, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "die tägliche Arbeit der Kreisverwaltung und des Kreistages",
        "Der Lenkungskreis ist zuständig für die operative Steuerung.",
        "KREISHAUS | IN COESFELD",
        "Die Sicherheit der Bürgerinnen und Bürger hat Priorität.",
    ],
)
def test_generic_bodies_are_not_organisations(ann: Annotator, text: str) -> None:
    assert orgs(ann, text) == []

"""The hand-annotated gold of the five seeds (tests/gold/seeds.gold.jsonl), scored on the
annotator directly (paragraph units, independent of the pipeline), and the evaluator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from ikz_extract.nlp.evaluate import (
    EvalReport,
    Mention,
    evaluate,
    evaluate_annotator,
    match_document,
    per_label_f1,
    render_report,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "seeds.gold.jsonl"
SEEDS = ROOT / "samples"  # byte-identical copies of ../shared/seeds (tests/test_samples.py)
THRESHOLD = 0.95


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return evaluate_annotator(GOLD, SEEDS)


def test_gold_covers_all_five_seeds() -> None:
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5
    for line in lines:
        text = (SEEDS / line["key"]).read_text(encoding="utf-8")
        for e in line["entities"]:
            assert text[e["start"] : e["end"]] == e["text"]


@pytest.mark.parametrize(
    "label", ["MUNICIPALITY", "DISTRICT", "GOV_REGION", "PERSON", "DATE", "ORG"]
)
def test_per_label_f1_on_the_seeds(report: EvalReport, label: str) -> None:
    assert report.documents == 5
    assert per_label_f1(report, "span")[label] >= THRESHOLD, report.errors
    assert per_label_f1(report, "linked")[label] >= THRESHOLD, report.errors


def test_persons_with_role_and_affiliation(report: EvalReport) -> None:
    assert report.person_names.f1 >= THRESHOLD
    assert report.person_full.f1 >= THRESHOLD


def test_report_renders(report: EvalReport) -> None:
    console = Console(record=True, width=140)
    console.print(render_report(report))
    assert "DISTRICT" in console.export_text()


def _mention(label: str, text: str, link: str | None, left: str, right: str) -> Mention:
    return Mention(label, text, link, left, right)


def test_matching_uses_context_and_counts_wrong_links() -> None:
    gold = [
        _mention("MUNICIPALITY", "Münster", "05515000", "Kreis Steinfurt, ", "\n## Stichworte"),
        _mention("GOV_REGION", "Münster", "055", "Regierungsbezirk ", " Einwohner"),
        _mention("MUNICIPALITY", "Münster", "05515000", "die Stadt ", " sowie"),
    ]
    pred = [  # a loader reshaped whitespace and markup; one link is wrong; one mention missed
        _mention("MUNICIPALITY", "Münster", "09779187", "die Stadt ", " sowie der"),
        _mention("MUNICIPALITY", "Münster", "05515000", "Kreis Steinfurt,  ", " Stichworte"),
        _mention("DATE", "2018", "2018", "im Jahr ", ""),
    ]
    report = EvalReport()
    match_document(gold, pred, report)
    assert (report.span["MUNICIPALITY"].tp, report.span["MUNICIPALITY"].fp) == (2, 0)
    assert report.linked["MUNICIPALITY"].tp == 1
    assert report.span["GOV_REGION"].fn == 1
    assert report.span["DATE"].fp == 1


def test_evaluate_reads_records_jsonl(tmp_path: Path) -> None:
    """Records are matched by source file name; entity context comes from its section."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "key": "x.txt",
                "entities": [
                    {"label": "DISTRICT", "text": "Kreis Borken", "kb_id": "05554",
                     "left": "Kontakt:\n\n", "right": "\nBurloer"},
                    {"label": "DATE", "text": "2018", "value": "2018", "left": "seit ",
                     "right": ""},
                ],
                "persons": [],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    record = {
        "source": {"key": "sub/x.txt"},
        "title": "T",
        "sections": [{"heading": "Kontakt", "key": None, "text": "Kreis Borken\nBurloer",
                      "span": [10, 30]}],
        "entities": [{"label": "DISTRICT", "text": "Kreis Borken", "start": 10, "end": 22,
                      "section": 0, "kb_id": "05554", "normalized": "Kreis Borken"}],
        "persons": [],
    }  # fmt: skip
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = evaluate(gold, records)
    assert report.documents == 1
    assert report.span["DISTRICT"].f1 == 1.0
    assert report.span["DATE"].recall == 0.0

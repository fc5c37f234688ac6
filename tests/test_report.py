"""The HTML report, rendered by a real browser (headless Chromium from Debian's package)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from ikz_extract.models import record_adapter
from ikz_extract.out.report import warning_kind, write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PROFILE_TITLES = [
    "Informelle Regionalentwicklung im Münsterland",
    "Klimakreis Borken – Interkommunales Netzwerk als Erfolgsschlüssel lokaler Klimaschutzarbeit",
]


def _chromium(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "install Chromium (apt-get install -y chromium; .ci/run does)"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
        page.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


@pytest.fixture(scope="module")
def report(samples_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(samples_out, tmp_path_factory.mktemp("report"))


def test_index_in_chromium_shows_profiles_network_and_summary(report: Path, tmp_path: Path) -> None:
    dom = html.fromstring(_chromium(report, tmp_path, "--dump-dom").stdout)
    titles = [a.text_content().strip() for a in dom.xpath("//table[@class='profiles']//td/a")]
    assert sorted(set(titles)) == PROFILE_TITLES and len(titles) == 4
    labels = {t.text_content() for t in dom.xpath("//svg[@class='network']//g[@class='node']/text")}
    assert {"Kreis Borken", "Münster", "Telgte", "Münsterland e.V."} <= labels
    assert len(dom.xpath("//svg[@class='network']//line")) == 81
    summary = {
        tr[0].text_content(): tr[1].text_content()
        for tr in dom.xpath("//table[@class='summary']//tr")
    }
    assert summary["records"] == "10" and summary["records with warnings"] == "2"
    warnings = dom.xpath("//h2[@id='warnings']/following-sibling::table[1]//td[@class='warning']")
    assert any("table of contents" in w.text_content() for w in warnings)
    shot = tmp_path / "index.png"
    _chromium(report, tmp_path, "--window-size=1200,2400", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_record_page_in_chromium_highlights_entities(report: Path, tmp_path: Path) -> None:
    dom = html.fromstring(_chromium(report, tmp_path, "--dump-dom").stdout)
    link = next(
        a.get("href")
        for a in dom.xpath("//table[@class='profiles']//td/a")
        if a.text_content().strip() == PROFILE_TITLES[0]
    )
    page = report.parent / link
    dom = html.fromstring(_chromium(page, tmp_path, "--dump-dom").stdout)
    assert dom.xpath("//h1")[0].text_content() == PROFILE_TITLES[0]
    marks = [" ".join(m.text_content().split()) for m in dom.xpath("//mark[@class='entity']")]
    # displaCy writes the text, the label and the AGS into each mark
    assert "Kreis Borken DISTRICT 05554" in marks
    assert "Münster MUNICIPALITY 05515000" in marks
    participants = [[td.text_content() for td in tr.xpath("td")] for tr in dom.xpath("//table//tr")]
    assert ["Kreis Borken", "05554", "DISTRICT", "hauptverantwortlich"] in participants


def test_record_page_shows_warnings_and_each_section(samples_out: Path, report: Path) -> None:
    lines = (samples_out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    record = next(
        r for r in map(record_adapter.validate_json, lines) if r.record_type == "strategy_document"
    )
    page = html.fromstring((report.parent / "records" / f"{record.record_id}.html").read_bytes())
    warnings = [li.text_content() for li in page.xpath("//li[@class='warning']")]
    assert warnings == record.warnings and len(warnings) == 2
    assert len(page.xpath("//section[@class='text']")) == len(record.sections)


def test_warning_kinds_group_alike_warnings() -> None:
    a = warning_kind("the table of contents lists B.IX 'Umwelt' (page 14) but the body has none")
    b = warning_kind("the table of contents lists B.IX 'Soziales' (page 3) but the body has none")
    assert a == b == "the table of contents lists B.IX '…' (page N) but the body has none"


def test_report_of_an_empty_run(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text("", encoding="utf-8")
    index = write_report(tmp_path)
    page = html.fromstring(index.read_bytes())
    assert "No IKZ profile among the records." in page.text_content()
    assert page.xpath("//svg") == []


def test_entities_in_a_heading_are_highlighted_too(samples_out: Path, report: Path) -> None:
    lines = (samples_out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    record = next(
        r for r in map(record_adapter.validate_json, lines) if r.record_type == "strategy_document"
    )
    page = html.fromstring((report.parent / "records" / f"{record.record_id}.html").read_bytes())
    marks = [" ".join(m.text_content().split()) for m in page.xpath("//h3//mark[@class='entity']")]
    assert "KREISES COESFELD DISTRICT 05558" in marks

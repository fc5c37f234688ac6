"""``ikz-extract report``: a static HTML report of an output folder, to open from disk.

``index.html`` has the run's figures, counts by type and by warning, the profiles, the
cooperation network as a picture and every record; ``records/<record_id>.html`` shows a
record's sections with its entities highlighted by spaCy's displaCy, and its warnings.
No server, no script, no file from the network: the pages work offline.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from spacy import displacy

from ikz_extract import PIPELINE_VERSION
from ikz_extract.batch.merge import CHANGES, ERRORS
from ikz_extract.models import Entity, ErrorRecord, ProfileFields, RecordBase, Section
from ikz_extract.out.drawing import draw
from ikz_extract.out.network import NetworkBuilder
from ikz_extract.out.participants import participants
from ikz_extract.out.read import read_records, records_path

REPORT_DIR = "report"
ENTITY_COLOURS = {
    "MUNICIPALITY": "#aec7e8",
    "DISTRICT": "#ffbb78",
    "GOV_REGION": "#98df8a",
    "PERSON": "#f7b6d2",
    "ORG": "#c5b0d5",
    "DATE": "#dbdb8d",
}


@dataclass(frozen=True, slots=True)
class RenderedSection:
    heading: str | None
    key: str | None
    page: int | None
    heading_html: str | None  # displaCy's markup of a heading that names entities
    html: str  # displaCy's markup: the section text with its entities


def warning_kind(warning: str) -> str:
    """A warning without its particulars ("chapter '…' is titled '…'"), to count alike ones."""
    kind = re.sub(r"'[^']*'|\"[^\"]*\"|„[^“]*“", "'…'", warning)
    return re.sub(r"\d+([.,]\d+)*", "N", kind)


def _displacy(text: str, offset: int, entities: list[Entity]) -> str:
    ents = [
        {"start": e.start - offset, "end": e.end - offset, "label": e.label, "kb_id": e.kb_id or ""}
        for e in entities
    ]
    return displacy.render(
        [{"text": text, "ents": ents, "title": None}],
        style="ent",
        manual=True,
        page=False,
        jupyter=False,
        options={"colors": ENTITY_COLOURS},
    )


def render_section(record: RecordBase, index: int, section: Section) -> RenderedSection:
    """The section's heading and text with the entities that lie in them, as displaCy draws
    them. Offsets are in document coordinates: the text starts at ``span[0]``, the heading
    at ``heading_span[0]`` (used only where the heading is that stretch of text)."""
    own = sorted((e for e in record.entities if e.section == index), key=lambda e: e.start)
    start, end = section.span
    html = _displacy(section.text, start, [e for e in own if start <= e.start and e.end <= end])
    heading_html = None
    if section.heading and section.heading_span is not None:
        h_start, h_end = section.heading_span
        named = [e for e in own if h_start <= e.start and e.end <= h_end]
        if named and all(
            section.heading[e.start - h_start : e.end - h_start] == e.text for e in named
        ):
            heading_html = _displacy(section.heading, h_start, named)
    return RenderedSection(section.heading, section.key, section.page, heading_html, html)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@dataclass(frozen=True, slots=True)
class RecordLine:
    """What the overview shows of a record; the record itself is let go once its page is
    written, so the report's memory does not grow with the corpus."""

    record_id: str
    record_type: str
    title: str | None
    source: str
    entities: int
    warnings: list[str]
    profile: dict[str, Any] | None  # the profile table's cells, for an IKZ profile


def _line(record: RecordBase) -> RecordLine:
    fields = getattr(record, "fields", None)
    profile = None
    if isinstance(fields, ProfileFields):
        lead = fields.hauptverantwortlich
        profile = {
            "lead": lead.name if lead is not None else None,
            "lead_ags": lead.ags if lead is not None else None,
            "kommunen": len(fields.kommunen),
            "einwohner": fields.kurzprofil.einwohner,
            "rechtsform": fields.rechtsform,
            "seit": fields.zusammenarbeit_seit,
        }
    source = record.source.url or record.source.path or record.source.key
    return RecordLine(
        record.record_id,
        record.record_type,
        record.title,
        source,
        len(record.entities),
        record.warnings,
        profile,
    )


def write_report(out: str | Path, to: str | Path | None = None) -> Path:
    """Write the report of ``OUT`` into ``to`` (default ``OUT/report``); returns index.html.
    Reads the records once: each record's page is written as it comes."""
    source = records_path(out)
    folder = Path(to) if to is not None else source.parent / REPORT_DIR
    env = Environment(
        loader=PackageLoader("ikz_extract.out", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    common = {"version": PIPELINE_VERSION, "entity_colours": ENTITY_COLOURS}
    (folder / "records").mkdir(parents=True, exist_ok=True)
    page = env.get_template("record.html")
    builder = NetworkBuilder()
    lines: list[RecordLine] = []
    for record in read_records(source):
        builder.add(record)
        lines.append(_line(record))
        html = page.render(
            **common,
            root="../",
            record=record,
            sections=[render_section(record, i, s) for i, s in enumerate(record.sections)],
            participants=participants(record),
        )
        (folder / "records" / f"{record.record_id}.html").write_text(html, encoding="utf-8")
    errors = [ErrorRecord.model_validate(e) for e in _jsonl(source.parent / ERRORS)]
    changes = Counter(str(c.get("change")) for c in _jsonl(source.parent / CHANGES))
    network = builder.network()
    index = env.get_template("index.html").render(
        **common,
        root="",
        records=lines,
        errors=errors,
        changes=dict(sorted(changes.items())),
        by_type=Counter(r.record_type for r in lines).most_common(),
        warnings=Counter(warning_kind(w) for r in lines for w in r.warnings).most_common(),
        with_warnings=sum(1 for r in lines if r.warnings),
        profiles=[r for r in lines if r.profile is not None],
        network=network,
        drawing=draw(network),
        source=source,
    )
    (folder / "index.html").write_text(index, encoding="utf-8")
    return folder / "index.html"

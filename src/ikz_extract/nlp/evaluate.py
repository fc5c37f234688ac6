"""Score entities against hand-annotated gold: per label P/R/F1 for span and linked-id match.

Gold (one JSONL line per document, see tests/gold/build_seeds_gold.py):
``{"key": file name, "entities": [{label, text, kb_id | value, occurrence, start, end, left,
right}], "persons": [{name, role, affiliation, affiliation_ags, …}]}``.

Matching is robust to loader details: a predicted entity matches a gold entity of the same
label and the same exact text; among several gold mentions of that text, the one whose
surrounding text (``left``/``right``, whitespace and markup ignored) agrees best is taken,
each gold mention at most once. So predictions need not share the gold's offsets, only the
text around them. *Span* match = label + text + place; *linked* match additionally needs the
same ``kb_id`` (places) or normalised value (dates); ORG and PERSON have no id, so their
linked score equals their span score. Persons are scored as people (one per document and
name): by name, and by name + role + affiliation key.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from ikz_extract.nlp.annotator import Annotator, TextUnit

LABELS = ("MUNICIPALITY", "DISTRICT", "GOV_REGION", "PERSON", "ORG", "DATE")
_NOISE = re.compile(r"[\s#*_>|`\-–—]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(slots=True)
class Mention:
    """An entity reduced to what matching needs."""

    label: str
    text: str
    link: str | None  # kb_id or date value
    left: str
    right: str


@dataclass(slots=True)
class PersonFacts:
    name: str
    role: str | None = None
    affiliation_ags: str | None = None


@dataclass(slots=True)
class EvalReport:
    span: dict[str, Counts] = field(default_factory=lambda: {lb: Counts() for lb in LABELS})
    linked: dict[str, Counts] = field(default_factory=lambda: {lb: Counts() for lb in LABELS})
    person_names: Counts = field(default_factory=Counts)
    person_full: Counts = field(default_factory=Counts)
    documents: int = 0
    missing: list[str] = field(default_factory=list)  # gold keys without a record
    errors: list[str] = field(default_factory=list)  # per-mention differences, for reading

    def micro(self, which: str = "span") -> Counts:
        total = Counts()
        for c in (self.span if which == "span" else self.linked).values():
            total.add(c)
        return total


def _norm(s: str) -> str:
    return _NOISE.sub(" ", s).strip()


def _context_score(gold: Mention, pred: Mention) -> int:
    """Characters of agreeing context: common suffix of left + common prefix of right."""
    gl, pl = _norm(gold.left)[::-1], _norm(pred.left)[::-1]
    gr, pr = _norm(gold.right), _norm(pred.right)
    score = 0
    for a, b in zip(gl, pl, strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(gr, pr, strict=False):
        if a != b:
            break
        score += 1
    return score


def match_document(
    gold: Sequence[Mention], pred: Sequence[Mention], report: EvalReport, key: str = ""
) -> None:
    """Add one document's counts to ``report``."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g.label == p.label and g.text == p.text:
                pairs.append((_context_score(g, p), gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], pred[pi]
        report.span[g.label].tp += 1
        if g.link == p.link:
            report.linked[g.label].tp += 1
        else:
            report.linked[g.label].fp += 1
            report.linked[g.label].fn += 1
            report.errors.append(f"{key}: {g.label} {g.text!r} linked {p.link} (gold {g.link})")
    for gi, g in enumerate(gold):
        if gi not in used_g and g.label in report.span:
            report.span[g.label].fn += 1
            report.linked[g.label].fn += 1
            report.errors.append(f"{key}: missed {g.label} {g.text!r} …{g.left[-25:]!r}")
    for pi, p in enumerate(pred):
        if pi not in used_p and p.label in report.span:
            report.span[p.label].fp += 1
            report.linked[p.label].fp += 1
            report.errors.append(f"{key}: spurious {p.label} {p.text!r} …{p.left[-25:]!r}")


def match_persons(
    gold: Sequence[PersonFacts], pred: Sequence[PersonFacts], report: EvalReport
) -> None:
    gold_names = {g.name: g for g in gold}
    pred_names = {p.name: p for p in pred}
    for name, g in gold_names.items():
        p = pred_names.get(name)
        if p is None:
            report.person_names.fn += 1
            report.person_full.fn += 1
            continue
        report.person_names.tp += 1
        if (p.role, p.affiliation_ags) == (g.role, g.affiliation_ags):
            report.person_full.tp += 1
        else:
            report.person_full.fp += 1
            report.person_full.fn += 1
    for name in pred_names:
        if name not in gold_names:
            report.person_names.fp += 1
            report.person_full.fp += 1


def gold_mentions(line: Mapping[str, Any]) -> list[Mention]:
    out = []
    for e in line["entities"]:
        link = e.get("value") if e["label"] == "DATE" else e.get("kb_id")
        out.append(Mention(e["label"], e["text"], link, e.get("left", ""), e.get("right", "")))
    return out


def gold_persons(line: Mapping[str, Any]) -> list[PersonFacts]:
    return [
        PersonFacts(p["name"], p.get("role"), p.get("affiliation_ags")) for p in line["persons"]
    ]


def mentions_from_text(
    text: str, entities: Iterable[Mapping[str, Any]], *, width: int = 40
) -> list[Mention]:
    """Predicted entities whose offsets index ``text`` (the document text)."""
    out = []
    for e in entities:
        s, t = int(e["start"]), int(e["end"])
        link = e.get("normalized") if e["label"] == "DATE" else e.get("kb_id")
        out.append(Mention(e["label"], e["text"], link, text[max(0, s - width) : s],
                           text[t : t + width]))  # fmt: skip
    return out


def mentions_from_record(record: Mapping[str, Any], *, width: int = 40) -> list[Mention]:
    """Predicted entities of a records.jsonl line, with context from their section text."""
    sections = record.get("sections") or []
    title = record.get("title") or ""
    out = []
    for e in record.get("entities") or []:
        link = e.get("normalized") if e["label"] == "DATE" else e.get("kb_id")
        sec = e.get("section")
        left = right = ""
        if sec is not None and 0 <= sec < len(sections):
            st = sections[sec]
            base = int(st["span"][0])
            body = str(st["text"])
            s, t = int(e["start"]) - base, int(e["end"]) - base
            heading = str(st.get("heading") or "")
            if body[s:t] == e["text"]:
                left, right = body[max(0, s - width) : s], body[t : t + width]
            elif e["text"] in heading:  # an entity of the section's heading
                i = heading.find(e["text"])
                left, right = heading[max(0, i - width) : i], heading[i + len(e["text"]) :][:width]
        elif e["text"] in title:
            i = title.find(e["text"])
            left, right = title[max(0, i - width) : i], title[i + len(e["text"]) :][:width]
        out.append(Mention(e["label"], e["text"], link, left, right))
    return out


def persons_from_record(record: Mapping[str, Any]) -> list[PersonFacts]:
    return [
        PersonFacts(p["name"], p.get("role"), p.get("affiliation_ags"))
        for p in record.get("persons") or []
    ]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(gold_path: Path, records_path: Path) -> EvalReport:
    """Score a records.jsonl against a gold file; records are matched by source file name."""
    gold = {str(g["key"]): g for g in _read_jsonl(gold_path)}
    records: dict[str, dict[str, Any]] = {}
    for rec in _read_jsonl(records_path):
        source = rec.get("source") or {}
        key = Path(str(source.get("key") or source.get("path") or "")).name
        records[key] = rec
        stem = Path(key).stem
        records.setdefault(stem, rec)
    report = EvalReport()
    for key, g in gold.items():
        found = records.get(key) or records.get(Path(key).stem)
        if found is None:
            report.missing.append(key)
            continue
        report.documents += 1
        match_document(gold_mentions(g), mentions_from_record(found), report, key)
        match_persons(gold_persons(g), persons_from_record(found), report)
    return report


def paragraph_units(text: str) -> list[TextUnit]:
    """Split a plain text at blank lines into units with document offsets (no sections)."""
    units: list[TextUnit] = []
    pos = 0
    for m in [*_BLANK_LINE.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        if text[pos:end].strip():
            units.append(TextUnit(text[pos:end], pos, None))
        if m is not None:
            pos = m.end()
    return units


def evaluate_annotator(
    gold_path: Path, texts_dir: Path, annotator: Annotator | None = None
) -> EvalReport:
    """Score the annotator directly on the gold's source texts (independent of the pipeline):
    each text is split into paragraphs, annotated, and matched like a record."""
    annotator = annotator or Annotator()
    report = EvalReport()
    for g in _read_jsonl(gold_path):
        path = texts_dir / str(g["key"])
        if not path.exists():
            report.missing.append(str(g["key"]))
            continue
        text = path.read_text(encoding="utf-8")
        result = annotator.annotate(paragraph_units(text))
        report.documents += 1
        entities = [e.model_dump() for e in result.entities]
        match_document(gold_mentions(g), mentions_from_text(text, entities), report, g["key"])
        facts = [PersonFacts(p.name, p.role, p.affiliation_ags) for p in result.persons]
        match_persons(gold_persons(g), facts, report)
    return report


def render_report(report: EvalReport) -> Table:
    """The report as a rich Table (one row per label, span and linked P/R/F1)."""
    table = Table(title=f"NER evaluation ({report.documents} documents)")
    table.add_column("label")
    table.add_column("gold", justify="right")
    for kind in ("span", "linked"):
        for col in ("P", "R", "F1"):
            table.add_column(f"{kind} {col}", justify="right")
    rows: list[tuple[str, Counts, Counts]] = [
        (lb, report.span[lb], report.linked[lb]) for lb in LABELS
    ]
    rows.append(("all (micro)", report.micro("span"), report.micro("linked")))
    rows.append(("persons: name", report.person_names, report.person_names))
    rows.append(("persons: +role +affil.", report.person_full, report.person_full))
    for name, span, linked in rows:
        table.add_row(
            name,
            str(span.tp + span.fn),
            *(f"{v:.3f}" for v in (span.precision, span.recall, span.f1)),
            *(f"{v:.3f}" for v in (linked.precision, linked.recall, linked.f1)),
        )
    if report.missing:
        table.caption = "no record for: " + ", ".join(report.missing)
    return table


def per_label_f1(report: EvalReport, which: str = "span") -> dict[str, float]:
    table = report.span if which == "span" else report.linked
    return {lb: c.f1 for lb, c in table.items()}


def group_errors(report: EvalReport) -> dict[str, list[str]]:
    """Errors by document key, for printing."""
    out: dict[str, list[str]] = defaultdict(list)
    for err in report.errors:
        key, _, rest = err.partition(": ")
        out[key].append(rest)
    return dict(out)

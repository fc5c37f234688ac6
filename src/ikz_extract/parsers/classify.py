"""Decide the record type from the content, never from the file name or folder.

Every record type's module offers ``detect(doc) -> Evidence``; the strongest claim of at
least ``THRESHOLD`` wins, otherwise the document becomes a generic record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ikz_extract.parsers.pdfdoc as pdfdoc
import ikz_extract.parsers.press as press
import ikz_extract.parsers.profile as profile
import ikz_extract.parsers.strategy as strategy
import ikz_extract.parsers.webpage as webpage
from ikz_extract.document import Document
from ikz_extract.parsers.base import Evidence
from ikz_extract.steps import failed_step

THRESHOLD = 0.5
DETECTORS = {
    profile.RECORD_TYPE: profile.detect,
    strategy.RECORD_TYPE: strategy.detect,
    press.RECORD_TYPE: press.detect,
    webpage.RECORD_TYPE: webpage.detect,
    pdfdoc.RECORD_TYPE: pdfdoc.detect,  # last: any PDF, so real evidence wins a tie
}


@dataclass(slots=True)
class Classification:
    record_type: str
    confidence: float
    reasons: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # detectors that failed


def classify(doc: Document) -> Classification:
    evidence: dict[str, Evidence] = {}
    warnings: list[str] = []
    for name, detect in DETECTORS.items():
        try:
            evidence[name] = detect(doc)
        except MemoryError:
            raise  # the document is too large for this process: the batch reports that
        except Exception as exc:
            evidence[name] = Evidence(0.0)
            warnings.append(failed_step(f"the {name} detector", exc, f"{name} scored 0"))
    scores = {name: round(e.score, 2) for name, e in evidence.items()}
    best = max(evidence, key=lambda name: evidence[name].score)
    if evidence[best].score < THRESHOLD:
        return Classification("generic", 0.5, ["no record type scored ≥ 0.5"], scores, warnings)
    chosen = evidence[best]
    return Classification(best, round(chosen.score, 2), list(chosen.reasons), scores, warnings)

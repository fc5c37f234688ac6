"""Decide the record type from the content, never from the file name or folder."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikz_extract.document import Document
from ikz_extract.parsers.headings import heading_key, inline_heading
from ikz_extract.parsers.profile import PROFILE_KEYS


@dataclass(slots=True)
class Classification:
    record_type: str
    confidence: float
    reasons: list[str] = field(default_factory=list)


def classify(doc: Document) -> Classification:
    found: list[str] = []
    for block in doc.blocks:
        key = heading_key(block.text) or (inline_heading(block.text) or (None,))[0]
        if key in PROFILE_KEYS and key not in found:
            found.append(key)
    if len(found) >= 3:
        confidence = min(1.0, 0.5 + len(found) / 12)
        return Classification(
            "ikz_profile",
            round(confidence, 2),
            [f"{len(found)} profile headings: {', '.join(found)}"],
        )
    return Classification("generic", 0.5, ["no record type matched"])

"""The one table of German section headings, with spelling variants and synonyms.

Every record type looks its headings up here, so a new alias serves all of them.
"""

from __future__ import annotations

import re
import unicodedata

# canonical key → accepted headings (compared after ``normalize_heading``)
HEADINGS: dict[str, tuple[str, ...]] = {
    "stichworte": (
        "Stichworte",
        "Stichwort",
        "Stichwörter",
        "Schlagworte",
        "Schlagwörter",
        "Schlüsselwörter",
        "Themen",
        "Themenfelder",
        "Tags",
    ),
    "hauptverantwortlich": (
        "Hauptverantwortlich",
        "Hauptverantwortliche",
        "Hauptverantwortliche Kommune",
        "Federführung",
        "Federführend",
        "Federführende Kommune",
        "Verantwortlich",
        "Projektträger",
        "Träger",
    ),
    "sonstige_beteiligte": (
        "Sonstige Beteiligte",
        "Beteiligte",
        "Weitere Beteiligte",
        "Weitere Partner",
        "Kooperationspartner",
        "Projektpartner",
        "Partner",
        "Beteiligte Partner",
    ),
    "kurzprofil": ("Kurzprofil", "Steckbrief", "Eckdaten", "Daten und Fakten", "Gebietsprofil"),
    "anlass": (
        "Anlass",
        "Ausgangslage",
        "Ausgangssituation",
        "Hintergrund",
        "Problemstellung",
        "Anlass und Hintergrund",
        "Anlass der Zusammenarbeit",
        "Motivation",
    ),
    "ziel": (
        "Ziel",
        "Ziele",
        "Zielsetzung",
        "Zielsetzungen",
        "Projektziel",
        "Projektziele",
        "Ziel der Zusammenarbeit",
        "Ziele der Zusammenarbeit",
    ),
    "umsetzung": (
        "Umsetzung",
        "Durchführung",
        "Vorgehen",
        "Vorgehensweise",
        "Realisierung",
        "Projektbeschreibung",
        "Beschreibung",
        "Maßnahmen",
        "Umsetzung und Maßnahmen",
    ),
    "finanzierung": (
        "Finanzierung",
        "Förderung",
        "Fördermittel",
        "Kosten",
        "Finanzierung und Förderung",
        "Kosten und Finanzierung",
        "Finanzierung/Förderung",
    ),
    "rechtsform": (
        "Rechtsform",
        "Organisationsform",
        "Rechtsgrundlage",
        "Rechtliche Grundlage",
        "Rechtliche Form",
        "Form der Zusammenarbeit",
    ),
    "zusammenarbeit_seit": (
        "Zusammenarbeit seit",
        "Kooperation seit",
        "Beginn der Zusammenarbeit",
        "Start der Zusammenarbeit",
        "Laufzeit",
        "Seit",
    ),
    "kontakt": (
        "Kontakt",
        "Kontakte",
        "Ansprechpartner",
        "Ansprechpartnerin",
        "Ansprechpartnerinnen",
        "Ansprechperson",
        "Ansprechpersonen",
        "Kontaktdaten",
        "Kontaktperson",
        "Kontakt und Ansprechpartner",
    ),
    "links": (
        "Links",
        "Weiterführende Links",
        "Weblinks",
        "Weitere Informationen",
        "Mehr Informationen",
        "Downloads",
        "Link",
        "Internet",
    ),
}

# Gender forms (Ansprechpartner*in, Ansprechpartner:innen, Ansprechpartner/-in, …).
_GENDER = re.compile(r"(?:\*|:|/-?|_|\()\s*in(?:nen)?\)?\b|innen\b")
_EDGES = re.compile(r"^[\s#*_>\-–•|]+|[\s#*_:.\-–|]+$")


def normalize_heading(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = _EDGES.sub("", text)
    text = _GENDER.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


_LOOKUP: dict[str, str] = {
    normalize_heading(alias): key for key, aliases in HEADINGS.items() for alias in aliases
}
_LONGEST = max(len(alias) for alias in _LOOKUP)


def heading_key(text: str) -> str | None:
    """The canonical key of a heading, or None when the text is no known heading."""
    if len(text) > _LONGEST + 12:
        return None
    return _LOOKUP.get(normalize_heading(text))


_INLINE = re.compile(r"^\s*(?:\*\*)?([^:\n]{2,40}?)(?:\*\*)?\s*:(?:\*\*)?[ \t]+(?=\S)")


def inline_heading(text: str) -> tuple[str, str, int] | None:
    """``Anlass: Ausbau der …`` → (key, heading, offset of the content) for a known heading."""
    match = _INLINE.match(text)
    if match is None:
        return None
    key = heading_key(match.group(1))
    return (key, match.group(1).strip(), match.end()) if key else None

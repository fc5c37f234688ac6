"""IKZ profile ("Steckbrief" of the state portal): every portal heading becomes a field."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ikz_extract.document import Block, Document
from ikz_extract.german.dates import parse_numeric_date
from ikz_extract.german.numbers import parse_int, parse_number
from ikz_extract.models import Body, Kontakt, Kurzprofil, LinkRef, ProfileFields
from ikz_extract.parsers.base import Evidence, Parsed, lines, prose
from ikz_extract.parsers.headings import heading_key, inline_heading
from ikz_extract.parsers.sections import SectionDraft, section_models, split_sections

RECORD_TYPE = "ikz_profile"
PROFILE_KEYS = frozenset(
    {
        "stichworte",
        "hauptverantwortlich",
        "sonstige_beteiligte",
        "kurzprofil",
        "anlass",
        "ziel",
        "umsetzung",
        "finanzierung",
        "rechtsform",
        "zusammenarbeit_seit",
        "kontakt",
        "links",
    }
)


def detect(doc: Document) -> Evidence:
    """Three or more of the portal's headings make a profile."""
    found: list[str] = []
    for block in doc.blocks:
        key = heading_key(block.text) or (inline_heading(block.text) or (None,))[0]
        if key in PROFILE_KEYS and key not in found:
            found.append(key)
    if len(found) < 3:
        return Evidence(len(found) / 10, (f"{len(found)} profile headings",))
    score = min(1.0, 0.5 + len(found) / 12)
    return Evidence(score, (f"{len(found)} profile headings: {', '.join(found)}",))


def parse(doc: Document) -> Parsed:
    drafts = split_sections(doc, known_only=True)
    by_key: dict[str, SectionDraft] = {}
    warnings: list[str] = []
    for draft in drafts:
        if draft.key in PROFILE_KEYS:
            if draft.key in by_key:
                warnings.append(f"heading {draft.heading!r} appears twice; the first is used")
                continue
            by_key[draft.key] = draft

    def text(key: str) -> str:
        draft = by_key.get(key)
        return draft.to_model(doc.text).text if draft else ""

    preamble = drafts[0] if drafts and drafts[0].key is None else None
    titel, kommunen = _title_and_participants(doc, preamble)
    if not titel:
        warnings.append("no title found")
    missing = sorted(PROFILE_KEYS - by_key.keys())
    if missing:
        warnings.append("headings missing: " + ", ".join(missing))
    fields = ProfileFields(
        titel=titel or "",
        kommunen=[Body(name=name) for name in kommunen],
        stichworte=_stichworte(by_key.get("stichworte"), text("stichworte")),
        hauptverantwortlich=_first_body(text("hauptverantwortlich")),
        sonstige_beteiligte=[Body(name=n) for n in split_names(text("sonstige_beteiligte"))],
        kurzprofil=parse_kurzprofil(text("kurzprofil")),
        anlass=prose(text("anlass")),
        ziel=prose(text("ziel")),
        umsetzung=prose(text("umsetzung")),
        finanzierung=prose(text("finanzierung")),
        rechtsform=prose(text("rechtsform")),
        zusammenarbeit_seit=_year(text("zusammenarbeit_seit")),
        kontakt=parse_kontakt(text("kontakt")),
        links=_links(by_key.get("links"), text("links")),
    )
    return Parsed(
        "ikz_profile", fields.titel or doc.title, section_models(doc, drafts), fields, warnings
    )


def _title_and_participants(doc: Document, preamble: SectionDraft | None) -> tuple[str, list[str]]:
    """The title, then the line under it naming the participating Kommunen/Kreise."""
    blocks = list(preamble.blocks) if preamble else []
    h1 = next((b for b in doc.blocks if b.kind == "heading" and b.level == 1), None)
    title_block = h1 or (blocks[0] if blocks else None)
    if title_block is None:
        return "", []
    after = [b for b in blocks if b.start > title_block.start and b.kind != "heading"]
    participants = split_names(after[0].text) if after else []
    return " ".join(title_block.text.split()), participants


_NAME_SPLIT = re.compile(r"\s*(?:\n|;|,(?!\s*(?:e\.\s?V|GmbH|AöR|eG)\b)|\s+sowie\s+)\s*")
_AND = re.compile(r"\s+und\s+(?=(?:Kreis|Stadt|Gemeinde|Städteregion|[A-ZÄÖÜ]\w+$))")


def split_names(text: str) -> list[str]:
    """``Kreis Borken, Kreis Coesfeld und Münster`` → one entry per body."""
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        names.extend(
            p.strip(" .") if not p.rstrip().endswith(("e.V.", "e. V.")) else p.strip()
            for p in _AND.split(part)
        )
    return [n for n in names if n]


def _first_body(text: str) -> Body | None:
    names = split_names(text)
    return Body(name=names[0]) if names else None


@cache
def topic_vocabulary() -> frozenset[str]:
    raw = resources.files("ikz_extract.data").joinpath("topics.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold()
        for line in raw.splitlines()
        if line.strip() and not line.startswith("#")
    )


def split_topics(line: str) -> list[str]:
    """Split a line into known topics, or keep it whole when any part is unknown.

    Greedy longest match over words, so multi-word topics ("Innere Verwaltung") survive.
    """
    vocabulary = topic_vocabulary()
    words = line.split()
    topics: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            candidate = " ".join(words[i:j])
            if candidate.casefold() in vocabulary:
                topics.append(candidate)
                i = j
                break
        else:
            return [line.strip()]
    return topics


def _stichworte(draft: SectionDraft | None, text: str) -> list[str]:
    if draft is None:
        return []
    items = [b for b in draft.blocks if b.kind == "list_item"]
    if items:  # tags that were separate elements stay separate
        return [b.text for b in items]
    linked = _tag_links(draft.blocks)
    if linked:
        return linked
    tags: list[str] = []
    for line in lines(text):
        for part in re.split(r"\s*[,;|]\s*", line):
            if part:
                tags.extend(split_topics(part))
    return tags


def _tag_links(blocks: list[Block]) -> list[str]:
    """A block made only of links (a tag cloud) gives one tag per link."""
    tags: list[str] = []
    for block in blocks:
        if not block.links:
            return []
        rest = block.text
        for link in block.links:
            rest = rest.replace(link.text, "", 1)
        if rest.strip(" ,;|·\n"):
            return []
        tags.extend(link.text for link in block.links)
    return tags


_POPULATION = re.compile(r"^Einwohner(?:innen|\*innen|:innen)?(?:zahl)?\s*:?\s*(.+)$", re.I)
_AREA = re.compile(r"^(?:Fläche|Gebietsfläche)\s*:?\s*(.+)$", re.I)
_REGBEZ = re.compile(r"^(?:Regierungsbezirk|Reg\.-Bez\.|RB)\s*:?\s*(.+)$", re.I)
_GEBIET = re.compile(r"^(?:Gebiet|Region|Kommune|Kreis/Kommune)\s*:\s*(.+)$", re.I)
_PAREN = re.compile(r"\(([^)]*)\)")
_ACRONYM_DOT = re.compile(r"(?<=\b[A-Z]{2}\.)\s+(?=[A-Z]{2,}\b)")


def parse_kurzprofil(text: str) -> Kurzprofil:
    """Lines such as ``Einwohner: 371.898 (IT.NRW, 31.12.2020)`` and ``Fläche: 1.420,98 km²``."""
    result = Kurzprofil()
    for line in lines(text):
        if match := _POPULATION.match(line):
            value = match.group(1)
            paren = _PAREN.search(value)
            result.einwohner = parse_int(_PAREN.sub("", value))
            if paren:
                inner = paren.group(1)
                result.einwohner_stand = parse_numeric_date(inner)
                source = re.sub(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4}", "", inner)
                source = _ACRONYM_DOT.sub("", source.strip(" ,;"))
                result.einwohner_quelle = re.sub(r"\s+", " ", source) or None
        elif match := _AREA.match(line):
            result.flaeche_km2 = parse_number(match.group(1))
        elif match := _REGBEZ.match(line):
            result.regierungsbezirk = match.group(1).strip()
        elif match := _GEBIET.match(line):
            result.gebiet = match.group(1).strip()
        elif result.gebiet is None and ":" not in line:
            result.gebiet = line
    return result


def _year(text: str) -> int | None:
    match = re.search(r"\b(1[89]\d\d|20\d\d|2100)\b", text)
    return int(match.group(1)) if match else None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:Telefon|Tel\.?|Fon|Phone)\s*:?\s*(\+?[\d][\d /()\-–]{4,}\d)", re.I)
_PLZ_ORT = re.compile(
    r"\b(\d{5})\s+([A-ZÄÖÜ][\w.\-/()äöüß]*(?:\s+(?!Telefon|Tel\b|Fax|E-Mail"
    r"|Mail|Internet|Web|www)[\w.\-/()äöüß]+)*)"
)
_STREET = re.compile(
    r"([A-ZÄÖÜ][\w.\-äöüß]*(?:\s+[\w.\-äöüß]+)*?\s+\d+\s?[a-zA-Z]?"
    r"(?:\s?[-–/]\s?\d+\s?[a-z]?)?)\s*,?\s*$"
)
_LABELS = re.compile(r"^(?:Telefon|Tel|Fax|Telefax|E-Mail|Mail|Internet|Web|www)\b", re.I)


def parse_kontakt(text: str) -> Kontakt:
    """Contact block, robust to line breaks in odd places ("Burloer Str. 93 46325" / "Borken …")."""
    if not text.strip():
        return Kontakt()
    flat = " ".join(lines(text))
    result = Kontakt()
    if email := _EMAIL.search(flat):
        result.email = email.group()
    if phone := _PHONE.search(flat):
        result.telefon = re.sub(r"\s+", " ", phone.group(1)).strip()
    plz = _PLZ_ORT.search(flat)
    if plz:
        result.plz, result.ort = plz.group(1), plz.group(2).strip(" ,")
        before = flat[: plz.start()].rstrip(" ,")
        street = _STREET.search(before)
        if street:
            result.strasse = _street_only(street.group(1), lines(text))
    first = lines(text)[0]
    if not _LABELS.match(first) and not re.search(r"\d{3}|@", first):
        result.organisation = first
    return result


def _street_only(candidate: str, raw_lines: list[str]) -> str:
    """Cut what precedes the street on its own line (the organisation) off the candidate."""
    for line in raw_lines:
        stripped = re.sub(r"\s+\d{5}\b.*$", "", line).strip(" ,")
        if stripped and candidate.endswith(stripped):
            return stripped
    return candidate.strip()


def _links(draft: SectionDraft | None, text: str) -> list[LinkRef]:
    if draft is None:
        return []
    found = [link for block in draft.blocks for link in block.links]
    result: list[LinkRef] = []
    for line in lines(text):
        matches = [link for link in found if link.text in line or link.url in line]
        if matches:
            result.extend(
                LinkRef(text=m.text, url=m.url)
                for m in matches
                if LinkRef(text=m.text, url=m.url) not in result
            )
        else:
            result.append(LinkRef(text=line, url=None))
    return result

"""Record type: an organisation's web page (and the fallback for any HTML page).

Sections by headings with their lists; the member municipalities a page enumerates
("… haben sich 12 benachbarte Kommunen zusammengeschlossen: Altenberge, …"), checked against
the stated count; office holders listed under a body ("Aktuelle Mitglieder des
Lenkungskreises:" and "Bürgermeister Jörn Möltgen, Havixbeck"). An office holder is kept
as the list item names them, with the span; office and municipality are the NER pass's
knowledge, which ``pipeline.py`` fills in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ikz_extract.document import Block, Document
from ikz_extract.loaders.furniture import is_breadcrumb, is_ui_text
from ikz_extract.models import Body, Section
from ikz_extract.models.webpage import Amtstraeger, Gremium, Liste, Seitenabschnitt, WebPageFields
from ikz_extract.parsers.base import Evidence, Parsed, prose
from ikz_extract.parsers.headings import heading_key
from ikz_extract.parsers.profile import split_names

RECORD_TYPE = "web_page"

NUMBER_WORDS = {
    "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "einundzwanzig": 21, "zweiundzwanzig": 22, "dreiundzwanzig": 23,
    "vierundzwanzig": 24, "fünfundzwanzig": 25, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
}  # fmt: skip
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_MEMBER_NOUN = (
    r"(?:Kommunen(?: und Kreise)?|Städte(?: und Gemeinden)?|Gemeinden(?: und Städte)?|"
    r"Kreise(?: und kreisfreien? Städte)?|Mitglieder|Mitglieds(?:kommunen|gemeinden|städte)|"
    r"Partner(?:kommunen)?|Nachbar(?:kommunen|gemeinden|städte)|Verbandsmitglieder|Landkreise)"
)
# "… haben sich 12 benachbarte Kommunen zusammengeschlossen: Altenberge, …, und Telgte."
_COUNTED = re.compile(
    rf"(?<![\w.]){_COUNT}\s+(?:[a-zäöüß-]+\s+){{0,3}}{_MEMBER_NOUN}\b[^:.!?]{{0,120}}:\s*"
    r"(?P<names>[^.!?:]+)",
    re.IGNORECASE,
)
# "Mitglieder sind: A, B und C."  "Dazu gehören: …"
_UNCOUNTED = re.compile(
    rf"\b(?:{_MEMBER_NOUN}\s+sind|Dazu gehören|Beteiligt sind|Mitglieder)\b[^:.!?]{{0,60}}:\s*"
    r"(?P<names>[^.!?:]+)"
)
_BODY_INTRO = (
    re.compile(r"\bMitglieder (?:des|der|im|in der) (?P<body>[A-ZÄÖÜ][\wäöüß-]+)"),
    re.compile(r"\b(?:Dem|Der) (?P<body>[A-ZÄÖÜ][\wäöüß-]+) gehören(?: \w+)? an\b"),
    re.compile(r"\b(?:Zum|Zur) (?P<body>[A-ZÄÖÜ][\wäöüß-]+) gehören\b"),
    re.compile(r"\b(?:Der|Die|Das) (?P<body>[A-ZÄÖÜ][\wäöüß-]+) (?:besteht|setzt sich) aus\b"),
)
_ORGANISATION = re.compile(
    r"\b(?:Gremien|Gremium|Organisation|Mitglieder|Geschäftsstelle|Vorstand|Beirat|"
    r"Lenkungskreis|Lenkungsgruppe|Verbandsversammlung|Bürgermeisterrunde|Steuerungsgruppe|"
    r"Satzung|Zweckverband|Arbeitsgemeinschaft)\b"
)
# The words of a list item that name its holder: before the comma or the parenthesis.
_HOLDER_HEAD = re.compile(r"[^,(]+")
# Lower-case words that belong to a name ("Ursula von der Leyen").
_NAME_PARTICLES = frozenset({"von", "van", "de", "zu", "der", "den", "ter", "ten", "vom"})


def detect(doc: Document) -> Evidence:
    """Any HTML page is a web page unless another type claims it; organisation cues add."""
    html = doc.media_type == "text/html"
    score = 0.45 if html else 0.1
    reasons = ["an HTML page"] if html else []
    content = _content(doc)
    if _members(content)[0]:
        score += 0.25
        reasons.append("enumerates member municipalities")
    if _bodies(content):
        score += 0.15
        reasons.append("lists office holders of a body")
    headings = " ".join(b.text for b in content if b.kind == "heading")
    if _ORGANISATION.search(headings):
        score += 0.1
        reasons.append("organisation headings")
    return Evidence(min(score, 0.9), tuple(reasons))


def parse(doc: Document) -> Parsed:
    content = _content(doc)
    title_block = _title_block(content)
    titel = title_block.text if title_block is not None else doc.title
    after = content[content.index(title_block) + 1 :] if title_block is not None else content
    intro, parts = _split(after)
    warnings: list[str] = []
    members, stated, members_warning = _members(content)
    if members_warning:
        warnings.append(members_warning)
    fields = WebPageFields(
        titel=titel,
        einleitung=prose("\n\n".join(b.text for b in intro if b.kind != "list_item")),
        abschnitte=[_abschnitt(part) for part in parts],
        mitglieder=[Body(name=name) for name in members],
        mitglieder_anzahl=stated,
        gremien=_bodies(content),
    )
    sections = [_section(doc, titel, intro)] if intro else []
    sections += [_section(doc, part.heading.text, part.blocks) for part in parts if part.blocks]
    return Parsed(RECORD_TYPE, titel, sections, fields, warnings)


# --------------------------------------------------------------------------- structure


@dataclass(slots=True)
class _Part:
    heading: Block
    blocks: list[Block] = field(default_factory=list)


def _content(doc: Document) -> list[Block]:
    """Blocks without furniture a text dump still holds ("Seiteninhalt", "Navigation")."""
    return [b for b in doc.blocks if not is_ui_text(b.text) and not is_breadcrumb(b.text)]


def _title_block(blocks: list[Block]) -> Block | None:
    h1 = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
    return h1 or next((b for b in blocks if b.kind == "heading"), None)


def _is_list_intro(blocks: list[Block], i: int) -> bool:
    """ "Aktuelle Mitglieder des Lenkungskreises:" above a list introduces it; a text dump
    makes such a line a heading, but it opens no section."""
    block = blocks[i]
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        block.text.rstrip().endswith(":")
        and following is not None
        and (following.kind == "list_item")
    )


def _split(blocks: list[Block]) -> tuple[list[Block], list[_Part]]:
    intro: list[Block] = []
    parts: list[_Part] = []
    for i, block in enumerate(blocks):
        if block.kind == "heading" and not _is_list_intro(blocks, i):
            parts.append(_Part(block))
        elif parts:
            parts[-1].blocks.append(block)
        else:
            intro.append(block)
    return intro, parts


def _list_runs(blocks: list[Block]) -> list[tuple[str | None, list[Block]]]:
    """Runs of list items (one HTML list each), with the line that introduces them."""
    runs: list[tuple[str | None, list[Block]]] = []
    current: list[Block] | None = None
    group: str | None = None
    for i, block in enumerate(blocks):
        if block.kind != "list_item":
            current = None
            continue
        if current is None or block.group != group:
            before = blocks[i - 1] if i > 0 else None
            intro = (
                before.text
                if before is not None and before.kind != "list_item" and before.text.endswith(":")
                else None
            )
            current = []
            runs.append((intro, current))
            group = block.group
        current.append(block)
    return runs


def _lists(blocks: list[Block]) -> list[Liste]:
    return [
        Liste(einleitung=intro, items=[b.text for b in items])
        for intro, items in _list_runs(blocks)
    ]


def _abschnitt(part: _Part) -> Seitenabschnitt:
    text = "\n\n".join(b.text for b in part.blocks if b.kind != "list_item")
    span = (part.blocks[0].start, part.blocks[-1].end) if part.blocks else None
    return Seitenabschnitt(
        titel=part.heading.text.strip(" :"), text=prose(text), listen=_lists(part.blocks), span=span
    )


def _section(doc: Document, heading: str | None, blocks: list[Block]) -> Section:
    start, end = blocks[0].start, blocks[-1].end
    key = heading_key(heading) if heading else None  # "Kontakt" on a web page is "kontakt" too
    return Section(heading=heading, key=key, text=doc.text[start:end], span=(start, end))


# --------------------------------------------------------------------------- members


def count_value(word: str) -> int | None:
    """ "12" or "zwölf" → 12."""
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.lower())


def _members(blocks: list[Block]) -> tuple[list[str], int | None, str | None]:
    """The first enumeration of members: names, the stated count, a warning on mismatch."""
    for block in blocks:
        if block.kind == "heading" or ":" not in block.text:  # an enumeration follows a colon
            continue
        text = " ".join(block.text.split())
        match = _COUNTED.search(text)
        stated = count_value(match.group("count")) if match else None
        if match is None:
            match = _UNCOUNTED.search(text)
        if match is None:
            continue
        names = split_names(match.group("names"))
        if len(names) < 2 or not all(_is_name(n) for n in names):
            continue
        warning = None
        if stated is not None and stated != len(names):
            warning = f"the page states {stated} members but names {len(names)}"
        return names, stated, warning
    return [], None, None


def _is_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and text[0].isupper()


# --------------------------------------------------------------------------- bodies


def body_name(intro: str) -> str | None:
    """ "Aktuelle Mitglieder des Lenkungskreises:" → "Lenkungskreis"."""
    for pattern in _BODY_INTRO:
        match = pattern.search(intro)
        if match is None:
            continue
        name = match.group("body")
        genitive = re.search(r"\bdes\s+" + re.escape(name), intro)
        if genitive and len(name) > 4:
            if name.endswith("ees"):  # des Komitees
                name = name[:-1]
            elif name.endswith("es"):  # des Lenkungskreises, des Beirates
                name = name[:-2]
            elif name.endswith("s"):  # des Vorstands, des Gremiums
                name = name[:-1]
        return name
    return None


def holder_span(item: str) -> tuple[int, int] | None:
    """Where a list item names its holder: "Bürgermeister Jörn Möltgen, Havixbeck" → the
    words before the comma. Two to six words, each capitalised (titles too) or a name
    particle; "Protokoll der letzten Sitzung" names no one."""
    head = _HOLDER_HEAD.match(item)
    if head is None:
        return None
    words = head.group().split()
    shaped = all(w[:1].isupper() or w in _NAME_PARTICLES for w in words)
    if not (2 <= len(words) <= 6 and shaped and words[-1][:1].isupper()):
        return None
    start = head.start() + len(head.group()) - len(head.group().lstrip())
    return start, head.start() + len(head.group().rstrip())


def _bodies(blocks: list[Block]) -> list[Gremium]:
    bodies: list[Gremium] = []
    for intro, items in _list_runs(blocks):
        name = body_name(intro) if intro else None
        if name is None:
            continue
        holders: list[Amtstraeger] = []
        for item in items:
            span = holder_span(item.text)
            if span is not None:
                holders.append(
                    Amtstraeger(
                        name=" ".join(item.text[span[0] : span[1]].split()),
                        span=(item.start + span[0], item.start + span[1]),
                    )
                )
        if holders:
            bodies.append(Gremium(name=name, mitglieder=holders))
    return bodies

"""Record type: press release (Pressemitteilung).

The layout every German press office shares, read from the blocks: a date near the
headline, the dateline that opens the body ("Münster. Rund 50 …"), body paragraphs with
quotes attributed in a few fixed forms, photo captions with credits ("© Bezirksregierung
Münster"). Works on HTML and on text dumps of the same page, where site furniture
("Hauptinhalt", "Bild herunterladen", gallery buttons) is still in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ikz_extract.document import Block, Document
from ikz_extract.german.dates import find_dates
from ikz_extract.loaders.furniture import is_breadcrumb, is_meta_line, is_ui_text, norm
from ikz_extract.models import Section
from ikz_extract.models.press import Bild, PressReleaseFields, Zitat
from ikz_extract.parsers.base import Evidence, Parsed

RECORD_TYPE = "press_release"

# Titles of the site section, never the headline of a release.
SECTION_TITLES = frozenset(
    {
        "presse",
        "pressemitteilung",
        "pressemitteilungen",
        "pressemeldung",
        "pressemeldungen",
        "presseinformation",
        "presseinformationen",
        "medieninformation",
        "medieninformationen",
        "pressedienst",
        "pressearchiv",
        "aktuelles",
        "aktuelle meldungen",
        "meldungen",
        "nachrichten",
        "news",
        "neuigkeiten",
        "hauptinhalt",
        "inhalt",
        "seiteninhalt",
        "inhaltsbereich",
    }
)
_RELEASE_WORD = re.compile(
    r"\b(?:pressemitteilung|pressemeldung|presseinformation|medieninformation)(?:en)?\b",
    re.IGNORECASE,
)
# "Münster. Rund 50 …", "Kreis Coesfeld. …", "Bocholt (ots) – …", "Detmold, 12.03.2024 – …"
_DATELINE = re.compile(
    r"^(?P<ort>[A-ZÄÖÜ][\wäöüß.-]*(?:[ /-][A-ZÄÖÜ(][\wäöüß.()-]*){0,3}?)"
    r"(?:,\s*(?:den\s+)?\d{1,2}\.\s?(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)\s?(?:\d{2,4})?)?"
    r"(?:\s*\((?:ots|dpa|epd|kna|pm|red)\))?"
    r"(?:\.|\s+[–—-]|:)\s+(?=[A-ZÄÖÜ„\"»0-9])"
)
_NOT_A_PLACE = frozenset({"dr", "prof", "st", "nr", "hr", "fr", "bzw", "ca", "vgl", "z", "u", "d"})
# Where the body of a release ends: galleries, contacts, related links.
_END_OF_BODY = re.compile(
    r"^(?:bildergalerie|galerie|fotogalerie|fotos?|bilder|downloads?|pressekontakt|"
    r"pressestelle|kontakt|ansprechpartner(?:in)?|weitere links|weiterführende links|"
    r"links|weitere (?:pressemitteilungen|meldungen|informationen|nachrichten)|"
    r"das könnte sie auch interessieren|mehr zum thema|v\.i\.s\.d\.p\.)\b",
    re.IGNORECASE,
)
_CONTACT_LINE = re.compile(
    r"^(?:pressekontakt|pressestelle|kontakt für (?:die )?medien|ansprechpartner(?:in)? für die "
    r"presse|v\.i\.s\.d\.p\.)",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(?:^|[\s,;(])(?P<credit>(?:©|\(c\)|copyright\b|fotos?:|bild(?:er)?:|quelle:|"
    r"bildquelle:|foto(?:grafie)?\s+von\b)\s*[^)]*?)\)?\s*$",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(
    r"\b(?:Bezirksregierung|Kreis|Landkreis|Stadt|Gemeinde|Städteregion|Regionalverband|"
    r"Landschaftsverband|Ministerium|Staatskanzlei|Landesregierung|Zweckverband|Kreisverwaltung|"
    r"Stadtverwaltung|Gemeindeverwaltung)\b(?:\s+(?:für\s+)?[A-ZÄÖÜ][\w.-]*){0,4}"
)
_SITE_SUFFIX = re.compile(
    r"\s*(?:[-–|:]\s*)?(?:logo|startseite|home|zur startseite)\s*$", re.IGNORECASE
)


def detect(doc: Document) -> Evidence:
    """A dateline, a date near the headline, attributed quotes, the word itself."""
    score = 0.0
    reasons: list[str] = []
    layout = _layout(doc, body_limit=12)
    head = " ".join(b.text for b in doc.blocks[:15])
    if _RELEASE_WORD.search(head) or _RELEASE_WORD.search(doc.meta.get("title", "")):
        score += 0.25
        reasons.append("says Pressemitteilung")
    if layout.dateline is not None:
        score += 0.3
        reasons.append(f"dateline {layout.dateline!r}")
    if layout.date is not None:
        score += 0.2
        reasons.append(f"date {layout.date.isoformat()} near the headline")
    if layout.body and any(_quotes(doc, layout.body)):
        score += 0.2
        reasons.append("attributed quotes")
    if layout.body is None or len(layout.body) == 0:
        score = min(score, 0.3)
    return Evidence(min(score, 1.0), tuple(reasons) or ("no press-release layout",))


def parse(doc: Document) -> Parsed:
    layout = _layout(doc)
    warnings: list[str] = []
    body = layout.body or []
    titel = layout.headline or _title_from_meta(doc)
    if not titel:
        warnings.append("no headline found")
    if layout.date is None:
        warnings.append("no release date found")
    if not body:
        warnings.append("no body text found")
    bilder = list(_images(doc, layout))
    fields = PressReleaseFields(
        titel=titel,
        datum=layout.date,
        ort=layout.dateline,
        herausgeber=_publisher(doc, bilder),
        text="\n\n".join(b.text for b in body if b.kind != "heading") or None,
        zitate=list(_quotes(doc, body)),
        bilder=bilder,
    )
    return Parsed(
        RECORD_TYPE, titel or doc.title, _sections(doc, layout, bilder), fields, warnings,
        document_date=layout.date,
    )  # fmt: skip


# --------------------------------------------------------------------------- layout


@dataclass(slots=True)
class _Layout:
    headline: str | None = None
    headline_block: Block | None = None
    date: dt.date | None = None
    date_block: Block | None = None
    dateline: str | None = None
    body: list[Block] | None = None


def _is_furniture(block: Block) -> bool:
    text = block.text
    if block.kind == "boilerplate":
        return True
    if len(text) > 200:
        return is_breadcrumb(text)
    return (
        is_ui_text(text) or is_breadcrumb(text) or norm(text).lower().rstrip(":") in SECTION_TITLES
    )


def _is_credit_line(block: Block) -> bool:
    return block.kind == "caption" or (
        len(block.text) <= 400 and _CREDIT.search(block.text) is not None
    )


def _dateline(text: str) -> str | None:
    match = _DATELINE.match(text)
    if match is None or len(text) < 80:
        return None
    place = match.group("ort").strip()
    if place.lower().rstrip(".") in _NOT_A_PLACE or len(place) < 3:
        return None
    return place


def _first_date(text: str) -> dt.date | None:
    for found in find_dates(text):
        if found.precision == "day" and found.range_start is None:
            return dt.date.fromisoformat(found.value[:10])
    return None


def _meta_date(doc: Document) -> dt.date | None:
    keys = ("article:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date")
    for key in (*keys, "date_text"):
        value = doc.meta.get(key, "")
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
        found = _first_date(value)
        if found:
            return found
    return None


def _layout(doc: Document, body_limit: int | None = None) -> _Layout:
    """Where headline, date, dateline and body are; ``body_limit`` blocks suffice to detect."""
    blocks = [b for b in doc.blocks[: None if body_limit is None else 60] if not _is_furniture(b)]
    layout = _Layout()
    start = None
    for i, block in enumerate(blocks[:40]):
        if block.kind in ("paragraph", "list_item") and not _is_credit_line(block):
            place = _dateline(block.text)
            if place is not None:
                layout.dateline, start = place, i
                break
    if start is None:  # no dateline: the first paragraph of prose below a headline
        for i, block in enumerate(blocks[:40]):
            prose_like = block.kind == "paragraph" and len(block.text) >= 120
            if prose_like and i > 0 and not _is_credit_line(block):
                start = i
                break
    if start is None:
        layout.date = _meta_date(doc)
        return layout
    layout.body = _body(blocks[start : None if body_limit is None else start + body_limit])
    _headline_and_date(blocks[:start], layout)
    if layout.date is None:
        layout.date = _meta_date(doc)
    if layout.dateline is None and layout.headline_block is not None:
        layout.dateline = _place_of_date_line(blocks[:start])
    return layout


def _body(blocks: list[Block]) -> list[Block]:
    """Paragraphs from the dateline on, up to the gallery, contact or link section.

    Credits, bylines and the short lines a text dump keeps between paragraphs (alt texts,
    widget labels) are skipped; sub-headings stay, so the body keeps its shape.
    """
    body: list[Block] = []
    for block in blocks:
        text = norm(block.text)
        if (block.kind == "heading" or len(text) < 60) and _END_OF_BODY.match(text):
            break
        if _CONTACT_LINE.match(text):
            break
        if _is_credit_line(block) or (is_meta_line(text) and len(text) < 60):
            continue
        short_line = block.kind == "paragraph" and len(text) < 50
        if body and short_line and not text.endswith((".", "!", "?", "“", '"', ":")):
            continue
        body.append(block)
    while body and body[-1].kind == "heading":
        body.pop()
    return body


def _headline_and_date(before: list[Block], layout: _Layout) -> None:
    """Scan back from the body: the date line and the headline sit right above it.

    A heading wins over a plain line found first (that line is the subtitle); a text dump
    has no headings, and there the line above the body is the headline.
    """
    plain: tuple[str, Block] | None = None
    for block in reversed(before[-8:]):
        lines = [line.strip() for line in block.text.split("\n") if line.strip()]
        rest: list[str] = []
        for line in lines:
            found = _first_date(line)
            if found is not None and is_meta_line(line):
                if layout.date is None:
                    layout.date, layout.date_block = found, block
            else:
                rest.append(line)
        if not rest or layout.headline is not None:
            continue
        text = " ".join(rest)
        if _is_credit_line(block) or norm(text).lower() in SECTION_TITLES:
            continue
        if block.kind == "heading":
            layout.headline, layout.headline_block = text, block
            continue
        # a plain line may be the headline; a short one alone is an alt text ("drei Personen")
        headline_like = len(text) <= 200 and not text.endswith(".")
        if plain is None and headline_like and (len(text) >= 25 or len(rest) < len(lines)):
            plain = (text, block)
    if layout.headline is None and plain is not None:
        layout.headline, layout.headline_block = plain


def _place_of_date_line(before: list[Block]) -> str | None:
    """ "Detmold, 12.03.2024" above the headline names the place when no dateline does."""
    for block in before[-8:]:
        match = re.match(
            r"^([A-ZÄÖÜ][\wäöüß-]+(?: [A-ZÄÖÜ][\wäöüß-]+)?),\s*(?:den\s+)?\d", block.text
        )
        if match and is_meta_line(block.text):
            return match.group(1)
    return None


def _title_from_meta(doc: Document) -> str | None:
    title = doc.meta.get("og:title") or doc.meta.get("title")
    if not title:
        return doc.title
    title = re.sub(r"^(?:Pressemitteilung|Pressemeldung|Presseinformation)\s*(?:\d+/\d+)?:\s*", "",
                   title, flags=re.IGNORECASE)  # fmt: skip
    return re.split(r"\s+[|–—]\s+", title)[0].strip() or None


# --------------------------------------------------------------------------- people

_TITLE = r"(?:(?:Dr|Prof|Dipl\.-Ing|Dipl\.-Kfm)\.\s+)"
_NAME_PART = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
_PARTICLE = r"(?:von der|van der|von|van|de|zu|vom|ten|ter)"
_ORG_WORDS = (
    "Stadt|Gemeinde|Kreis|Kreises|Landkreis|Bezirksregierung|Regierungsbezirk|Verwaltung|"
    "Rathaus|Kreishaus"
)
NAME = (
    rf"(?:{_TITLE}*{_NAME_PART}(?:\s+(?:{_PARTICLE}\s+)?(?!(?:{_ORG_WORDS})\b){_NAME_PART}){{1,3}})"
)
_ROLE_STEMS = (
    r"meister|r[aä]t|präsident|minister|direktor|dezernent|leiter|führer|sprecher|"
    r"kämmerer|manager|sekretär|referent|koordinator|gastgeber|chef|rektor|"
    r"vorsitzende|beigeordnete|abgeordnete|beauftragte"
)
ROLE = rf"[A-ZÄÖÜ][a-zäöüß]*?(?:{_ROLE_STEMS})(?:in|r)?"
# Regierungspräsident*innen, Bürgermeister:innen, BürgermeisterInnen
_ROLE_PLURAL = re.compile(
    rf"(?P<base>[A-ZÄÖÜ][a-zäöüß]*?(?:{_ROLE_STEMS}))(?P<mark>\*|:|_|/-?|I)innen"
)
_AFFILIATION = r"(?:\s*\((?P<aff>[A-ZÄÖÜ][^()]{1,40})\))?"
_SINGLE = re.compile(
    rf"(?:(?P<place>[A-ZÄÖÜ][a-zäöüß]+)s\s+)?(?P<role>{ROLE})\s+(?P<name>{NAME}){_AFFILIATION}"
)
_ENUM_ITEM = re.compile(rf"(?P<name>{NAME}){_AFFILIATION}")


@dataclass(frozen=True, slots=True)
class Mention:
    """A person as the text names them: "Regierungspräsidentin Dorothee Feller (Münster)"."""

    name: str
    role: str | None
    affiliation: str | None


@cache
def _given_names() -> dict[str, str]:
    """Given name → sex (m / w / u), from the package's CC BY list of registered names."""
    raw = resources.files("ikz_extract.data").joinpath("names/given_names.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in raw.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2:
            out[parts[0]] = parts[1]
    return out


def sex_of(name: str) -> str:
    """m / w / u from the first given name ("Hans-Josef" falls back to "Hans")."""
    first = re.sub(rf"^{_TITLE}+", "", name).split()[0] if name.split() else ""
    names = _given_names()
    return names.get(first) or names.get(first.split("-")[0], "u")


def singular_role(base: str, mark: str, sex: str) -> str:
    """The office of one person from a gendered plural: Regierungspräsident + w → …präsidentin."""
    if sex == "w":
        return re.sub(r"rat$", "rät", base) + "in"
    if sex == "m":
        return re.sub(r"rät$", "rat", base)
    return f"{base}{mark}in"


def find_mentions(text: str) -> list[Mention]:
    """People named with an office, in singular ("Landrat Dr. X") or enumerated after a plural
    ("Regierungspräsident*innen A (Münster), B (Detmold) und C (Arnsberg)")."""
    found: list[Mention] = []
    for plural in _ROLE_PLURAL.finditer(text):
        rest = text[plural.end() : plural.end() + 300]
        rest = re.sub(r"^\s*(?:\([^)]{1,12}\)\s*)?", "", rest)  # "(v.l.)"
        for item in _ENUM_ITEM.finditer(rest):
            if item.start() > 0 and not re.search(r"(?:,|\bund|\bsowie)\s*$", rest[: item.start()]):
                break
            name = item.group("name")
            role = singular_role(plural.group("base"), plural.group("mark"), sex_of(name))
            found.append(Mention(name, role, item.group("aff")))
            rest_after = rest[item.end() :]
            if not re.match(r"\s*(?:,|und\b|sowie\b)", rest_after):
                break
    for single in _SINGLE.finditer(text):
        place = single.group("place")
        found.append(
            Mention(single.group("name"), single.group("role"), single.group("aff") or place)
        )
    return found


def role_for(name: str, mentions: list[Mention]) -> str | None:
    return next((m.role for m in mentions if m.name == name and m.role), None)


# --------------------------------------------------------------------------- quotes

_OPEN = '„"»«‚'
_CLOSE = '“”"«»‘'
_VERBS = (
    r"so|sagt|sagte|erklärt|erklärte|betont|betonte|ergänzt|ergänzte|unterstreicht|"
    r"unterstrich|meint|meinte|berichtet|berichtete|resümiert|resümierte|bilanziert|"
    r"bilanzierte|freut sich|freute sich|fügt|fügte|hebt|hob|stellt|stellte|sagt weiter|"
    r"so weiter|führt aus|führte aus|zeigt sich|zeigte sich|appelliert|appellierte|mahnt|mahnte|"
    r"erläutert|erläuterte|kommentiert|kommentierte|versichert|versicherte|verspricht|versprach"
)
_QUOTE = rf"[{_OPEN}](?P<q>[^{_OPEN}{_CLOSE}]{{12,}}?)[{_CLOSE}]"
_WHO = r"(?P<who>(?:Dr\.|Prof\.|[^.,:;„“\"»«]){2,80}?)"
# „…“, so Dorothee Feller[, Gastgeberin …].   „…“, erklärt Judith Pirscher.
_QUOTE_THEN_SPEAKER = re.compile(
    rf"{_QUOTE}\s*,?\s*(?:{_VERBS})\s+{_WHO}(?:\s+(?:hinzu|fest|hervor|aus|weiter))?"
    r"(?P<tail>,[^.„]{2,120})?(?=[.,;:!?]|\s*$)"
)
# so Hans-Josef Vogel: „…“    Landrat X sagt: „…“
_SPEAKER_THEN_QUOTE = re.compile(
    rf"(?:\b(?:{_VERBS})\s+{_WHO}|(?P<who2>[A-ZÄÖÜ][^.,:;„“]{{2,80}}?)\s+(?:{_VERBS}))"
    rf"\s*:\s*{_QUOTE}"
)


def _quotes(doc: Document, body: list[Block]) -> Iterator[Zitat]:
    mentions: list[Mention] | None = None  # people named in the whole text, found on demand
    seen: set[tuple[int, int]] = set()
    for block in body:
        found: list[tuple[int, int, str, str, str | None]] = []
        for m in _QUOTE_THEN_SPEAKER.finditer(block.text):
            found.append((m.start("q"), m.end("q"), m.group("q"), m.group("who"), m.group("tail")))
        for m in _SPEAKER_THEN_QUOTE.finditer(block.text):
            who = m.group("who") or m.group("who2")
            found.append((m.start("q"), m.end("q"), m.group("q"), who, None))
        for start, end, quote, who, tail in sorted(found):
            span = (block.start + start, block.start + end)
            if span in seen:
                continue
            if mentions is None:
                mentions = find_mentions("\n".join(b.text for b in doc.blocks))
            person = _speaker(who, mentions)
            if person is None:
                continue
            seen.add(span)
            apposition = tail.strip(" ,") if tail else None
            yield Zitat(
                text=" ".join(quote.split()),
                sprecher=person.name,
                rolle=person.role or _role_from_apposition(apposition),
                zugehoerigkeit=person.affiliation,
                span=span,
            )


def _speaker(who: str, mentions: list[Mention]) -> Mention | None:
    """The person a short attribution names, completed from other mentions in the text.

    "so Dorothee Feller" and "sagte Bölling bei der Übergabe" both name someone whom the
    release introduces elsewhere with office and district; that fuller mention is used.
    """
    run: list[str] = []  # the capitalised run: "Bölling bei der Übergabe" → "Bölling"
    for word in who.split():
        if word[:1].isupper() or (run and word in ("von", "van", "de", "zu", "der", "den")):
            run.append(word)
        elif run:
            break
    if not run:
        return None
    said = find_mentions(" ".join(run))
    direct = said[0] if said else None
    surname = run[-1]
    best: Mention | None = None
    for mention in mentions:
        if mention.name.split()[-1] != surname:
            continue
        if (
            direct is not None
            and direct.name not in mention.name
            and mention.name not in direct.name
        ):
            continue
        richer = (
            best is None or (mention.role and not best.role) or len(mention.name) > len(best.name)
        )
        if richer:
            best = mention
    if best is None:
        if direct is not None:
            return direct
        if len(run) >= 2 and sex_of(run[0]) != "u":  # a plain name: "Anna Schulte"
            return Mention(" ".join(run), None, None)
        return None
    role = (direct.role if direct else None) or best.role or role_for(best.name, mentions)
    affiliation = (direct.affiliation if direct else None) or best.affiliation
    name = best.name if direct is None or len(best.name) >= len(direct.name) else direct.name
    return Mention(name, role, affiliation)


def _role_from_apposition(apposition: str | None) -> str | None:
    """ "Gastgeberin der zweiten Zukunftsmesse" after the name is a role when nothing better is."""
    if not apposition or len(apposition) > 80:
        return None
    return apposition


# --------------------------------------------------------------------------- images, publisher


def _images(doc: Document, layout: _Layout) -> Iterator[Bild]:
    body_ids = {id(b) for b in layout.body or []}
    seen: set[str] = set()
    for block in doc.blocks:
        if id(block) in body_ids or _is_furniture(block):
            continue
        if block.kind != "caption" and not (
            block.kind == "paragraph" and _is_credit_line(block) and len(block.text) <= 400
        ):
            continue
        text = " ".join(block.text.split())
        if text in seen:
            continue
        seen.add(text)
        match = _CREDIT.search(text)
        credit = match.group("credit").strip() if match else None
        description = text[: match.start("credit")] if match else text
        description = description.strip(" ,;:–-(")
        yield Bild(
            beschreibung=description or None, bildnachweis=credit, span=(block.start, block.end)
        )


def _publisher(doc: Document, bilder: list[Bild]) -> str | None:
    """The issuing body: page metadata, the site's own name, else the photo credits."""
    for key in ("publisher", "dc.publisher", "og:site_name", "application-name", "site_name"):
        value = doc.meta.get(key)
        if value:
            value = _SITE_SUFFIX.sub("", value).strip(" -–|")
            if value:
                return value
    for bild in bilder:
        credit = bild.bildnachweis or ""
        match = _AUTHORITY.search(credit)
        if match:
            return match.group(0).strip()
    for block in doc.blocks:
        if _CONTACT_LINE.match(block.text):
            match = _AUTHORITY.search(block.text)
            if match:
                return match.group(0).strip()
    return None


# --------------------------------------------------------------------------- sections


def _sections(doc: Document, layout: _Layout, bilder: list[Bild]) -> list[Section]:
    """The date line, the body under the headline, then one section per photo caption.

    Spans are contiguous stretches of the document text, so site furniture around the
    release (and between its parts, in a text dump) stays out of every section.
    """
    sections: list[Section] = []
    head = layout.headline_block
    date = layout.date_block
    if date is not None and date is not head:
        sections.append(
            Section(heading=None, key=None, text=date.text, span=(date.start, date.end))
        )
    body = layout.body or []
    if body:
        start, end = body[0].start, body[-1].end
        sections.append(
            Section(
                heading=layout.headline,
                key=None,
                text=doc.text[start:end],
                span=(start, end),
                heading_span=(head.start, head.end) if head is not None else None,
            )
        )
    for bild in bilder:
        if bild.span is not None:
            start, end = bild.span
            sections.append(
                Section(heading="Bild", key=None, text=doc.text[start:end], span=(start, end))
            )
    return sections

"""Record type: press release (Pressemitteilung).

The layout every German press office shares, read from the blocks: a date near the
headline, the dateline that opens the body ("Münster. Rund 50 …"), body paragraphs with
quotes attributed in a few fixed forms, photo captions with credits ("© Bezirksregierung
Münster"). Works on HTML and on text dumps of the same page, where site furniture
("Hauptinhalt", "Bild herunterladen", gallery buttons) is still in the text.

A quote's speaker is kept as the attribution writes it, with its span; who that is (full
name, office, affiliation) is the NER pass's knowledge, which ``pipeline.py`` fills in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ikz_extract.document import Block, Document
from ikz_extract.german.dates import find_dates
from ikz_extract.loaders.furniture import is_breadcrumb, is_meta_line, is_ui_text, norm
from ikz_extract.models import Section
from ikz_extract.models.press import Bild, PressReleaseFields, Zitat
from ikz_extract.nlp.resources import load_common_words, load_gazetteer
from ikz_extract.parsers.base import Evidence, Parsed
from ikz_extract.parsers.sections import section_models, split_sections

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
    if layout.body and any(_quotes(layout.body)):
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
        zitate=list(_quotes(body)),
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
    labelled = text[match.end("ort") :].lstrip().startswith(":")
    return place if _is_place(place, labelled) else None


# Words that end a role or title, never a place ("Kreisbrandmeister", "Landrätin").
_ROLE_END = re.compile(
    r"(?:meister|meisterin|rat|rätin|leiter|leiterin|präsident|präsidentin|minister|ministerin|"
    r"sprecher|sprecherin|direktor|direktorin|chef|chefin|vorsitzender?|referent|referentin|"
    r"beauftragter?|dezernent|dezernentin|kanzler|kanzlerin|pfarrer|pfarrerin|professor|"
    r"professorin)$",
    re.IGNORECASE,
)


def _is_place(place: str, labelled: bool) -> bool:
    """A place the gazetteer knows, or capitalised words that are no role, title, initial
    or label ("Kreisbrandmeister Dr.", "J.", "Hintergrund:" are not places)."""
    words = place.replace("/", " ").split()
    if not words or len(place) < 3:
        return False
    gazetteer = load_gazetteer().by_form
    if place in gazetteer or any(w in gazetteer for w in words if len(w) > 3):
        return True
    if labelled:  # "Hintergrund: …", "Info: …": a label, unless a known place
        return False
    common = load_common_words()
    for word in words:
        bare = word.strip("().")
        if len(bare) <= 2 or bare.lower() in _NOT_A_PLACE or word.endswith("."):
            return False  # an initial or an abbreviation ("Dr.", "St.")
        if _ROLE_END.search(bare) or bare in common:
            return False
    return True


def _first_date(text: str) -> dt.date | None:
    for found in find_dates(text):
        if found.precision == "day" and found.range_start is None:
            try:  # a day without its year ("--11-06") is no date of a release
                return dt.date.fromisoformat(found.value[:10])
            except ValueError:
                continue
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
    r"(?:,[^.„]{2,120})?(?=[.,;:!?]|\s*$)"  # an apposition after the name is passed over
)
# so Hans-Josef Vogel: „…“    Landrat X sagt: „…“
_SPEAKER_THEN_QUOTE = re.compile(
    rf"(?:\b(?:{_VERBS})\s+{_WHO}|(?P<who2>[A-ZÄÖÜ][^.,:;„“]{{2,80}}?)\s+(?:{_VERBS}))"
    rf"\s*:\s*{_QUOTE}"
)
# Lower-case words that belong to a name ("Ursula von der Leyen").
_NAME_PARTICLES = frozenset({"von", "van", "de", "zu", "der", "den", "ter", "ten", "vom"})


def _quotes(body: list[Block]) -> Iterator[Zitat]:
    """Quotes with the speaker as the attribution writes them, and where.

    Who the speaker is (full name, office, affiliation) is the NER pass's answer: the
    pipeline fills ``rolle`` and ``zugehoerigkeit`` from the record's persons.
    """
    seen: set[tuple[int, int]] = set()
    for block in body:
        found: list[tuple[int, int, str, int, str]] = []
        for m in _QUOTE_THEN_SPEAKER.finditer(block.text):
            found.append((m.start("q"), m.end("q"), m.group("q"), m.start("who"), m.group("who")))
        for m in _SPEAKER_THEN_QUOTE.finditer(block.text):
            who = "who" if m.group("who") else "who2"
            found.append((m.start("q"), m.end("q"), m.group("q"), m.start(who), m.group(who)))
        for start, end, quote, at, who in sorted(found):
            span = (block.start + start, block.start + end)
            named = _named(who)
            if span in seen or named is None:
                continue
            seen.add(span)
            name_start, name_end = named
            yield Zitat(
                text=" ".join(quote.split()),
                sprecher=" ".join(who[name_start:name_end].split()),
                sprecher_span=(block.start + at + name_start, block.start + at + name_end),
                span=span,
            )


def _named(who: str) -> tuple[int, int] | None:
    """Where an attribution names its speaker: the run of capitalised words in it.

    "Dorothee Feller", "Bölling bei der Übergabe" → "Bölling", "die Landrätin Anna Schulte"
    → "Landrätin Anna Schulte" (an office stays in the written name; the NER pass tells).
    """
    words = list(re.finditer(r"\S+", who))
    first = next((i for i, w in enumerate(words) if w.group()[:1].isupper()), None)
    if first is None:
        return None
    last = first
    for i in range(first + 1, len(words)):
        word = words[i].group()
        if word[:1].isupper():
            last = i
        elif word not in _NAME_PARTICLES:
            break
    return words[first].start(), words[last].end()


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
    """The release's sections: on a web page all the loader kept, split at its headings.

    The HTML loader has already cut the page to its main content, so lead, teaser and
    closing sections are the release's too. A text dump still holds the site around the
    release: there the sections are the date line, everything from below the headline to
    the end of the body (a lead above the dateline included), then one per photo caption,
    each a contiguous stretch of the document text.
    """
    if doc.media_type == "text/html":
        return section_models(doc, split_sections(doc))
    sections: list[Section] = []
    head = layout.headline_block
    date = layout.date_block
    body = layout.body or []
    start_block = body[0] if body else None
    if head is not None and start_block is not None and head.end <= start_block.start:
        after = [b for b in doc.blocks if head.end <= b.start < start_block.start]
        start_block = after[0] if after else start_block
    if date is not None and date is not head:
        inside = start_block is not None and start_block.start <= date.start < body[-1].end
        if not inside:
            sections.append(
                Section(heading=None, key=None, text=date.text, span=(date.start, date.end))
            )
    if body and start_block is not None:
        start, end = start_block.start, body[-1].end
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

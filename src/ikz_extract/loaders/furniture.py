"""German web-page furniture recognised by its words: controls, bylines, breadcrumb trails.

Class names and tags tell the HTML loader most of what is furniture; what remains is text
that only its words give away ("Seite drucken", "Zurück zur Übersicht", gallery buttons,
"Veröffentlicht: 22.05.2024", "© Stadt Münster"). The HTML loader drops such blocks; the
parsers use the same rules on text dumps, where no markup is left to tell.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphen, zero widths
_WORDCHAR = re.compile(r"\w")
# Blocks whose whole text is one of these are controls or furniture, never content.
_UI_PHRASES = frozenset(
    """
    seite drucken|drucken|druckansicht|seite teilen|teilen|artikel teilen|beitrag teilen|
    nach oben|zum seitenanfang|seitenanfang|zurück nach oben|nach oben scrollen|top|
    zurück|weiter|vor|zurück zur übersicht|zur übersicht|zurück zur liste|mehr|mehr erfahren|
    weiterlesen|mehr lesen|mehr anzeigen|alle anzeigen|details|bild herunterladen|
    bild vergrößern|foto vergrößern|galerie öffnen|zur bildergalerie|vorlesen|
    hauptinhalt|seiteninhalt|navigation|hauptnavigation|menü|menü schließen|menü öffnen|
    suche|suchen|schließen|öffnen|expand|move|close|facebook|twitter|x|instagram|whatsapp|
    linkedin|xing|threads|mastodon|bluesky|e-mail|per e-mail versenden|per e-mail teilen|
    link kopieren|seite empfehlen|feedback|anzeige|werbung|sie sind hier|sie befinden sich hier|
    schrift vergrößern|schriftgröße|kontrast|leichte sprache|gebärdensprache|startseite|
    zur startseite|zum inhalt springen|zum hauptinhalt springen|zur navigation springen
    """.replace("\n", "").split("|")
)
_UI_PHRASES = frozenset(p.strip() for p in _UI_PHRASES if p.strip())
# Words of gallery/slider controls: a short block made only of these is a widget.
_UI_WORDS = frozenset(
    "move schließen expand zurück weiter close next prev previous vorheriges nächstes "
    "vorherige nächste play pause start stop bild von service-bereich servicebereich "
    "kontaktformular inhaltsverzeichnis sitemap".split()
)
# A breadcrumb trail that no class name gave away: "Sie sind hier: Start > Themen > …".
BREADCRUMB = re.compile(
    r"^\s*(?:sie sind hier|sie befinden sich hier|you are here)\s*:"
    r".{0,200}$",
    re.IGNORECASE | re.DOTALL,
)
_PLACEHOLDER = re.compile(r"\{[\w.-]+\}|\{\{[^}]*\}\}|\[\[[^]]*\]\]")


def norm(text: str) -> str:
    """NFC, invisible characters gone, whitespace collapsed: the text as a reader sees it.

    ``str.split()`` splits at exactly the characters ``\\s`` matches, so joining its parts
    is ``re.sub(r"\\s+", " ", …).strip()``, without a replacement per space.
    """
    return " ".join(_INVISIBLE.sub("", unicodedata.normalize("NFC", text)).split())


def is_ui_text(text: str) -> bool:
    """Short blocks of UI words: buttons, share bars, gallery controls, template tokens."""
    if len(text) > 200:  # cheap exit: prose is never a control
        return False
    flat = norm(text).lower()
    if len(flat) > 80:
        return False
    if flat.rstrip(" :›»>→·|") in _UI_PHRASES:
        return True
    rest = _PLACEHOLDER.sub(" ", flat)
    words = [w for w in re.split(r"[\s|·/\\]+", rest) if _WORDCHAR.search(w)]
    return not words or (len(flat) <= 60 and all(w.strip(".,:;!?") in _UI_WORDS for w in words))


def is_breadcrumb(text: str) -> bool:
    """A trail such as "Sie sind hier: Start > Themen > …"."""
    return bool(BREADCRUMB.match(text))


_META_WORDS = re.compile(
    r"geschrieben von|veröffentlicht|aktualisiert|zuletzt geändert|letzte änderung|"
    r"^stand:|autor(?:in)?:|lesezeit|zugriffe|besucher:|kategorien?:|schlagw(?:o|ö)rter:|"
    r"^tags:|^fotos?:|^bild(?:er)?:|^quelle:|©|\bcopyright\b",
    re.IGNORECASE,
)
_DATE_TIME = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b|\b\d{1,2}\.\s?(?:januar|februar|märz|april|"
    r"mai|juni|juli|august|september|oktober|november|dezember)(?:\s\d{4})?|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b\d{1,2}[:.]\d{2}\s?(?:uhr)?\b|\bvor \d+ (?:minuten|stunden|tagen)\b|"
    r"\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b",
    re.IGNORECASE,
)


def is_meta_line(text: str) -> bool:
    """Bylines, dates, hit counters, credits: page metadata, not reading text.

    A line is metadata when it carries a metadata keyword, when it is little more than a
    date or time, or when it is a short "Von …" byline.
    """
    if len(text) > 150:
        return False
    if _META_WORDS.search(text):
        return True
    words = re.findall(r"\w+", text)
    if text.lower().startswith(("von ", "by ")) and len(words) <= 8:
        return True
    if not _DATE_TIME.search(text):
        return False
    rest = re.findall(r"[^\W\d]\w*", _DATE_TIME.sub(" ", text))
    return len(rest) <= 2

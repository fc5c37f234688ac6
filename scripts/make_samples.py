#!/usr/bin/env python3
"""Build the sample documents in samples/ (and layout variants) from the seed dumps.

The seeds in ../shared/seeds are plain-text dumps of real web pages and a PDF.
ikz-extract has to read the *originals* (HTML with boilerplate, a hyphenated PDF
brochure), so this script re-creates plausible originals whose text is the seed's
text.  Everything is deterministic: fixed PDF dates, vendored fonts, no randomness,
so running it twice gives the same bytes and tests can check that.

Usage: .venv/bin/python scripts/make_samples.py [--seeds DIR] [--out DIR]
       [--variants-out DIR | --no-variants]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import pairwise
from pathlib import Path

from fpdf import FPDF
from fpdf import __version__ as FPDF_VERSION

from ikz_extract.german.dates import MONTH_NAMES

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO_ROOT.parent / "shared" / "seeds"
DEFAULT_OUT = REPO_ROOT / "samples"
DEFAULT_VARIANTS = REPO_ROOT / "tests" / "fixtures" / "variants"
FONT_DIR = Path(__file__).resolve().parent / "fonts"

# Fixed so the PDF bytes (Info dict, /ID) never depend on the clock.
PDF_DATE = datetime(2025, 6, 24, 10, 0, 0, tzinfo=timezone.utc)
VARIANT_PDF_DATE = datetime(2024, 3, 12, 9, 0, 0, tzinfo=timezone.utc)

PROFILE_HEADINGS = (
    "Stichworte",
    "Hauptverantwortlich",
    "Sonstige Beteiligte",
    "Kurzprofil",
    "Anlass",
    "Ziel",
    "Umsetzung",
    "Finanzierung",
    "Rechtsform",
    "Zusammenarbeit seit",
    "Kontakt",
    "Links",
)


# --------------------------------------------------------------------------- seeds


def read_seed(seeds: Path, prefix: str) -> tuple[Path, str]:
    """Find a seed by its number prefix; the hash part of the name is not ours to know."""
    matches = sorted(seeds.glob(f"{prefix}_*.txt"))
    if len(matches) != 1:
        raise SystemExit(f"expected exactly one seed {prefix}_*.txt in {seeds}, got {matches}")
    return matches[0], matches[0].read_text(encoding="utf-8")


def esc(text: str) -> str:
    """Escape text for HTML element content (quotes stay literal, as on real pages)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted HTML attribute."""
    return html.escape(text, quote=True)


def slug(text: str) -> str:
    """URL slug the way WordPress builds it for German terms."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    s = text.lower().translate(table)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# --------------------------------------------------------------------------- profiles

SPACER = "\u00a0"  # a paragraph holding only a (non-breaking) space, as WordPress leaves them


@dataclass
class Section:
    """One heading of an IKZ profile and its paragraphs (each a list of <br>-separated lines)."""

    name: str
    markup: str  # "h2" or "strong" (seed 000's two heading styles) or "plain"
    paras: list[list[str]] = field(default_factory=list)


@dataclass
class Profile:
    """An IKZ profile as the portal shows it."""

    title: str
    participants: str
    sections: list[Section]

    def section(self, name: str) -> Section:
        """Look a section up by heading; every profile page has all twelve."""
        for sec in self.sections:
            if sec.name == name:
                return sec
        raise KeyError(name)


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Split section lines into paragraphs at blank lines; a lone-space line is a spacer."""
    paras: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if line == "":
            if cur:
                paras.append(cur)
                cur = []
        elif line.strip() == "":
            if cur:
                paras.append(cur)
                cur = []
            paras.append([SPACER])
        else:
            cur.append(line.rstrip())
    if cur:
        paras.append(cur)
    return paras


def parse_profile(text: str) -> Profile:
    """Parse both seed profile dumps: Markdown (000) and plain text with 'Heading:' lines (002)."""
    names = "|".join(re.escape(h) for h in PROFILE_HEADINGS)
    head_re = re.compile(rf"^(?:## (?P<h2>{names}):|\*\*(?P<st>{names}):\*\*|(?P<pl>{names}):)$")
    lines = text.split("\n")
    body_start = next(i for i, ln in enumerate(lines) if head_re.match(ln))
    intro = [ln.strip() for ln in lines[:body_start] if ln.strip()]
    if len(intro) != 2:
        raise SystemExit(f"profile seed: expected title and participants line, got {intro}")
    title = intro[0].removeprefix("# ")
    sections: list[Section] = []
    buf: list[str] = []
    for line in lines[body_start:]:
        m = head_re.match(line)
        if m:
            if sections:
                sections[-1].paras = _paragraphs(buf)
            markup = "h2" if m["h2"] else "strong" if m["st"] else "plain"
            sections.append(Section(m["h2"] or m["st"] or m["pl"], markup))
            buf = []
        elif line.strip() != "---":
            buf.append(line)
    sections[-1].paras = _paragraphs(buf)
    if [s.name for s in sections] != list(PROFILE_HEADINGS):
        raise SystemExit(f"profile seed: headings {[s.name for s in sections]}")
    return Profile(title, intro[1], sections)


EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def inline(line: str) -> str:
    """Escape one text line; turn e-mail addresses into mailto links and keep <sup>2</sup>."""
    out = esc(line).replace("&lt;sup&gt;2&lt;/sup&gt;", "<sup>2</sup>")
    return EMAIL_RE.sub(lambda m: f'<a href="mailto:{m[0]}">{m[0]}</a>', out)


def para_html(lines: list[str], css: str = "") -> str:
    """One <p>, lines joined with <br>; a spacer paragraph becomes <p>&nbsp;</p>."""
    cls = f' class="{css}"' if css else ""
    if lines == [SPACER]:
        return "<p>&nbsp;</p>"
    return f"<p{cls}>" + "<br>\n".join(inline(ln) for ln in lines) + "</p>"


def tag_list(tags: Sequence[str]) -> str:
    """Stichworte as tag links, the way the portal renders its taxonomy."""
    items = "".join(
        f'<li><a href="/stichwort/{slug(t)}/" rel="tag">{esc(t)}</a></li>' for t in tags
    )
    return f'<ul class="tags">{items}</ul>'


PORTAL_NAV = """\
<nav class="main-navigation" id="site-navigation" aria-label="Hauptmenü">
  <button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menü</button>
  <ul id="primary-menu" class="menu">
    <li class="menu-item"><a href="/">Startseite</a></li>
    <li class="menu-item current-menu-ancestor"><a href="/projekte/">Projekte</a></li>
    <li class="menu-item"><a href="/themen/">Themen</a></li>
    <li class="menu-item"><a href="/projektkarte/">Projektkarte</a></li>
    <li class="menu-item"><a href="/landespreis/">Landespreis</a></li>
    <li class="menu-item"><a href="/service/">Service &amp; Downloads</a></li>
    <li class="menu-item"><a href="/kontakt/">Kontakt</a></li>
  </ul>
</nav>"""

COOKIE_NOTICE = """\
<div class="cookie-notice" id="cookie-notice" role="dialog" aria-live="polite" \
aria-label="Cookie-Hinweis">
  <p class="cookie-notice__text">Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung \
unserer Website zu ermöglichen. Weitere Informationen finden Sie in unserer \
<a href="/datenschutz/">Datenschutzerklärung</a>.</p>
  <button type="button" class="cookie-notice__accept" data-cookie-set="accept">\
Akzeptieren</button>
  <button type="button" class="cookie-notice__decline" data-cookie-set="refuse">\
Nur notwendige Cookies</button>
</div>"""

PORTAL_FOOTER = """\
<footer class="site-footer" id="colophon">
  <div class="site-footer__widgets">
    <section class="widget">
      <h2 class="widget-title">Interkommunales.NRW</h2>
      <p>Das Portal für interkommunale Zusammenarbeit in Nordrhein-Westfalen.</p>
    </section>
    <section class="widget">
      <h2 class="widget-title">Newsletter</h2>
      <p><a href="/newsletter/">Jetzt anmelden</a></p>
    </section>
  </div>
  <nav class="footer-navigation" aria-label="Fußzeilenmenü">
    <ul>
      <li><a href="/impressum/">Impressum</a></li>
      <li><a href="/datenschutz/">Datenschutz</a></li>
      <li><a href="/barrierefreiheit/">Erklärung zur Barrierefreiheit</a></li>
      <li><a href="/sitemap/">Sitemap</a></li>
    </ul>
  </nav>
  <p class="copyright">© 2025 Ministerium für Heimat, Kommunales, Bau und Digitalisierung \
des Landes Nordrhein-Westfalen</p>
</footer>"""


def portal_sidebar(links: Sequence[tuple[str, str]]) -> str:
    """The 'Weitere Projekte' sidebar; its titles must not leak into the record."""
    items = "\n".join(f'    <li><a href="{attr(u)}">{esc(t)}</a></li>' for t, u in links)
    return (
        '<aside class="sidebar widget-area" id="secondary">\n'
        '  <section class="widget widget_related">\n'
        '    <h2 class="widget-title">Weitere Projekte</h2>\n'
        f"    <ul>\n{items}\n    </ul>\n"
        "  </section>\n"
        '  <section class="widget widget_search">\n'
        '    <h2 class="widget-title">Projektsuche</h2>\n'
        '    <form role="search" method="get" action="/"><label for="s">Suchbegriff</label>'
        '<input type="search" id="s" name="s"><button type="submit">Suchen</button></form>\n'
        "  </section>\n"
        "</aside>"
    )


def portal_page(
    *, head_meta: str, title: str, breadcrumb_path: str, article: str, sidebar: str
) -> str:
    """Wrap an IKZ profile article in the portal's page chrome."""
    return f"""<!DOCTYPE html>
<html lang="de-DE">
<head>
{head_meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} – Interkommunales.NRW</title>
<link rel="stylesheet" id="ikz-theme-css" href="/wp-content/themes/ikz-nrw/style.css?ver=2.4.1" \
media="all">
<link rel="canonical" href="https://interkommunales.nrw/projekte/{breadcrumb_path}/">
<script>
  window.dataLayer = window.dataLayer || [];
  document.documentElement.className = document.documentElement.className.replace("no-js", "js");
</script>
<style>.screen-reader-text{{position:absolute;left:-9999px}}</style>
</head>
<body class="ikz_projekt-template-default single single-ikz_projekt">
<a class="skip-link screen-reader-text" href="#main">Zum Inhalt springen</a>
{COOKIE_NOTICE}
<div id="page" class="site">
<header class="site-header" id="masthead">
  <div class="site-branding">
    <a href="/" rel="home"><img src="/wp-content/themes/ikz-nrw/img/logo-ikz-nrw.svg" \
alt="Interkommunales.NRW" width="240" height="60"></a>
    <p class="site-description">Gemeinsam mehr erreichen</p>
  </div>
{PORTAL_NAV}
</header>
<nav aria-label="breadcrumb" class="breadcrumb">
  <ol>
    <li><a href="/">Startseite</a></li>
    <li><a href="/projekte/">Projekte</a></li>
    <li aria-current="page">{esc(title)}</li>
  </ol>
</nav>
<div id="content" class="site-content">
<main id="main" class="site-main">
{article}
</main>
{sidebar}
</div>
{PORTAL_FOOTER}
</div>
<script src="/wp-content/themes/ikz-nrw/js/navigation.js?ver=2.4.1"></script>
<noscript>Bitte aktivieren Sie JavaScript, um alle Funktionen der Seite zu nutzen.</noscript>
</body>
</html>
"""


# Seed 000 names three links without their targets; these are invented, plausible ones.
LINKS_000 = {
    "Münsterland-Erklärung": "https://www.muensterland.com/regionalentwicklung/muensterland-erklaerung/",
    "Stadt Münster / Regionalentwicklung": "https://www.stadt-muenster.de/stadtentwicklung/regionalentwicklung",
    "Kreis Coesfeld Regionalentwicklung": "https://www.kreis-coesfeld.de/themen/wirtschaft/regionalentwicklung",
}
TAGS_000 = ("Teilnehmer Landespreis Wirtschaftsförderung",)
TAGS_002 = ("Katastrophenschutz", "Klima")


def check_tags(profile: Profile, tags: Sequence[str]) -> None:
    """The tag list must be exactly the seed's Stichworte text."""
    seed = " ".join(" ".join(p) for p in profile.section("Stichworte").paras)
    if seed != " ".join(tags):
        raise SystemExit(f"Stichworte {seed!r} != {tags!r}")


def links_html(lines: list[str], urls: dict[str, str] | None) -> str:
    """Link lines: named links (000, URLs invented) or bare <URL> lines (002)."""
    out: list[str] = []
    for line in lines:
        if urls is None:
            url = line.strip("<>")
            out.append(f'<a href="{attr(url)}" target="_blank" rel="noopener">{esc(url)}</a>')
        else:
            href = attr(urls[line])
            out.append(f'<a href="{href}" target="_blank" rel="noopener">{esc(line)}</a>')
    return "<p>" + "<br>\n".join(out) + "</p>"


def render_profile_000(profile: Profile) -> str:
    """Profile 000: <h2> headings without colon plus <strong>Heading:</strong> paragraphs.

    This mirrors the seed, which mixes '## Anlass:' and '**Finanzierung:**'.
    """
    check_tags(profile, TAGS_000)
    parts: list[str] = [
        '<article id="post-4711" class="ikz_projekt type-ikz_projekt status-publish">',
        '<header class="entry-header">',
        f'<h1 class="entry-title">{esc(profile.title)}</h1>',
        f'<p class="participants">{esc(profile.participants)}</p>',
        "</header>",
        '<div class="entry-content">',
    ]
    for sec in profile.sections:
        if sec.name == "Stichworte":
            body = tag_list(TAGS_000)
        elif sec.name == "Links":
            body = links_html([ln for p in sec.paras for ln in p], LINKS_000)
        elif sec.name == "Kontakt":
            lines = [ln for p in sec.paras for ln in p]
            body = "<address>" + "<br>\n".join(inline(ln) for ln in lines) + "</address>"
        elif sec.name == "Kurzprofil":
            body = "\n".join(para_html(p, "kurzprofil") for p in sec.paras)
        else:
            body = "\n".join(para_html(p) for p in sec.paras)
        if sec.markup == "h2":
            parts.append(f'<section class="ikz-field ikz-field--{slug(sec.name)}">')
            parts.append(f'<h2 class="ikz-field__title">{esc(sec.name)}</h2>')
            parts.append('<hr class="ikz-divider">')
            if body:
                parts.append(body)
            parts.append("</section>")
        else:
            parts.append('<hr class="ikz-divider">')
            parts.append(f"<p><strong>{esc(sec.name)}:</strong></p>")
            if body:
                parts.append(body)
    parts += ["</div>", "</article>"]
    sidebar = portal_sidebar(
        [
            (
                "Klimakreis Borken – Interkommunales Netzwerk als Erfolgsschlüssel lokaler "
                "Klimaschutzarbeit",
                "/projekte/klimakreis-borken/",
            ),
            ("Gemeinsames Gewerbegebiet Hessenweg", "/projekte/gewerbegebiet-hessenweg/"),
            ("Digitale Bauakte im Kreis Steinfurt", "/projekte/digitale-bauakte-steinfurt/"),
            ("Interkommunales Archiv Coesfeld", "/projekte/interkommunales-archiv-coesfeld/"),
        ]
    )
    return portal_page(
        head_meta='<meta charset="utf-8">',
        title=profile.title,
        breadcrumb_path=slug(profile.title),
        article="\n".join(parts),
        sidebar=sidebar,
    )


def render_profile_002(profile: Profile) -> str:
    """Profile 002: <h3>Heading:</h3> labels with <div> values, km² as a character."""
    check_tags(profile, TAGS_002)
    parts: list[str] = [
        '<article class="projekt-profil" id="projekt-5233">',
        f"<h1>{esc(profile.title)}</h1>",
        f'<p class="participants">{esc(profile.participants)}</p>',
        '<div class="projekt-profil__felder">',
    ]
    for sec in profile.sections:
        if sec.name == "Stichworte":
            body = tag_list(TAGS_002)
        elif sec.name == "Links":
            body = links_html([ln for p in sec.paras for ln in p], None)
        elif sec.name == "Kontakt":
            lines = [ln for p in sec.paras for ln in p]
            body = '<p class="kontakt">' + "<br>\n".join(inline(ln) for ln in lines) + "</p>"
        else:
            body = "\n".join(para_html(p) for p in sec.paras)
        parts.append(f'<div class="feld feld-{slug(sec.name)}">')
        parts.append(f'<h3 class="feld__label">{esc(sec.name)}:</h3>')
        parts.append(f'<div class="feld__wert">{body}</div>')
        parts.append("</div>")
    parts += ["</div>", "</article>"]
    sidebar = portal_sidebar(
        [
            (
                "Informelle Regionalentwicklung im Münsterland",
                "/projekte/informelle-regionalentwicklung-im-muensterland/",
            ),
            ("KlimaNetz Kreis Coesfeld", "/projekte/klimanetz-kreis-coesfeld/"),
            (
                "Gemeinsamer Katastrophenschutzplan Westmünsterland",
                "/projekte/katastrophenschutzplan-westmuensterland/",
            ),
        ]
    )
    return portal_page(
        head_meta='<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        title=profile.title,
        breadcrumb_path="klimakreis-borken",
        article="\n".join(parts),
        sidebar=sidebar,
    )


def render_profile_variant(profile: Profile) -> str:
    """Seed 000 as a <dl> with heading synonyms, for the loader's synonym handling."""
    synonyms = {
        "Anlass": "Ausgangslage",
        "Ziel": "Zielsetzung",
        "Finanzierung": "Förderung",
        "Kontakt": "Ansprechpartner",
    }
    rows: list[str] = []
    for sec in profile.sections:
        label = synonyms.get(sec.name, sec.name)
        lines = [ln for p in sec.paras for ln in p if ln != SPACER]
        if sec.name == "Links":
            value = "<br>".join(f'<a href="{attr(LINKS_000[ln])}">{esc(ln)}</a>' for ln in lines)
        elif sec.name == "Kurzprofil" or sec.name == "Kontakt":
            value = "<br>".join(inline(ln) for ln in lines)
        else:
            value = "".join(f"<p>{inline(' '.join(p))}</p>" for p in sec.paras if p != [SPACER])
        rows.append(f"  <dt>{esc(label)}</dt>\n  <dd>{value}</dd>")
    rows_html = "\n".join(rows)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Projektsteckbrief: {esc(profile.title)}</title>
</head>
<body>
<div class="topbar"><a href="/">Kooperationsbörse Westfalen</a> | \
<a href="/login">Anmelden</a></div>
<div class="container">
<div class="steckbrief">
<h1>{esc(profile.title)}</h1>
<p class="beteiligte">Beteiligte Kommunen: {esc(profile.participants)}</p>
<dl class="projektdaten">
{rows_html}
</dl>
</div>
</div>
<div class="footer">Kooperationsbörse Westfalen · <a href="/impressum">Impressum</a></div>
</body>
</html>
"""


# --------------------------------------------------------------------------- web page (001)

STADTREGION_H2 = (
    "Die Räte in der Stadtregion",
    "Bürgermeisterrunde und Lenkungskreis",
    "Ansprechpartnerrunde",
    "Geschäftsstelle Stadtregion",
)


@dataclass
class WebPage:
    """Seed 001 with its lost structure restored: h1, blocks of (kind, text)."""

    title: str
    blocks: list[tuple[str, str]]  # ("p" | "h2" | "li", text)


def parse_webpage(text: str) -> WebPage:
    """Restore headings (lines that were <h2>) and the member list of seed 001."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if lines[0] != "Seiteninhalt":
        raise SystemExit("seed 001: expected the 'Seiteninhalt' skip link first")
    blocks: list[tuple[str, str]] = []
    for line in lines[2:]:
        if line in STADTREGION_H2:
            blocks.append(("h2", line))
        elif line.startswith("- "):
            blocks.append(("li", line[2:]))
        else:
            blocks.append(("p", line))
    if sum(k == "h2" for k, _ in blocks) != len(STADTREGION_H2):
        raise SystemExit("seed 001: not all h2 headings found")
    return WebPage(lines[1], blocks)


def blocks_html(blocks: list[tuple[str, str]], heading: str) -> str:
    """Render (kind, text) blocks; consecutive list items share one <ul>."""
    out: list[str] = []
    in_list = False
    for kind, text in blocks:
        if kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        if kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if kind == "h2":
            out.append(f"<{heading}>{esc(text)}</{heading}>")
        elif kind == "li":
            out.append(f"  <li>{esc(text)}</li>")
        else:
            out.append(f"<p>{esc(text)}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def render_webpage(page: WebPage) -> str:
    """Seed 001 as a page of a city website with the usual chrome around <main>."""
    content = blocks_html(page.blocks, "h2")
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Organisation und Zusammenarbeit - Stadtregion Münster | Stadt Münster</title>
<meta name="description" content="Gremien und Organisation der Stadtregion Münster.">
<link rel="stylesheet" href="/typo3temp/assets/compressed/merged-4d1c2a.css">
<script src="/typo3temp/assets/compressed/merged-9f8e7d.js"></script>
</head>
<body id="p5120">
<ul class="skiplinks">
  <li><a href="#seiteninhalt">Seiteninhalt</a></li>
</ul>
<header id="kopf">
  <a class="logo" href="/"><img src="/fileadmin/templates/img/logo-stadt-muenster.svg" \
alt="Stadt Münster"></a>
  <nav id="hauptnavigation" aria-label="Hauptnavigation">
    <ul>
      <li><a href="/rathaus">Rathaus</a></li>
      <li><a href="/leben">Leben in Münster</a></li>
      <li><a href="/wirtschaft">Wirtschaft</a></li>
      <li><a href="/kultur">Kultur</a></li>
      <li><a href="/tourismus">Tourismus</a></li>
      <li class="aktiv"><a href="/stadtregion">Stadtregion</a></li>
    </ul>
  </nav>
  <form class="suche" action="/suche"><input type="search" name="q" \
placeholder="Suchbegriff eingeben"><button>Suchen</button></form>
</header>
<nav class="breadcrumb" aria-label="breadcrumb">
  <a href="/">Startseite</a> &gt; <a href="/stadtregion">Stadtregion Münster</a> &gt; \
<span>Organisation</span>
</nav>
<div id="content">
<main id="seiteninhalt">
<h1>{esc(page.title)}</h1>
{content}
</main>
<aside class="marginalspalte">
  <h2>Stadtregion Münster</h2>
  <ul>
    <li><a href="/stadtregion">Übersicht</a></li>
    <li class="aktiv"><a href="/stadtregion/organisation">Organisation und Zusammenarbeit</a></li>
    <li><a href="/stadtregion/projekte">Projekte</a></li>
    <li><a href="/stadtregion/wohnen">Wohnen in der Stadtregion</a></li>
    <li><a href="/stadtregion/kontakt">Kontakt</a></li>
  </ul>
  <div class="kontaktbox">
    <h2>Kontakt</h2>
    <p>Stadt Münster<br>Amt für Stadtentwicklung, Stadtplanung, Verkehrsplanung<br>\
48127 Münster</p>
  </div>
</aside>
</div>
<footer id="fuss">
  <ul>
    <li><a href="/impressum">Impressum</a></li>
    <li><a href="/datenschutz">Datenschutz</a></li>
    <li><a href="/barrierefreiheit">Barrierefreiheit</a></li>
    <li><a href="/kontakt">Kontakt</a></li>
  </ul>
  <p>© Stadt Münster 2025</p>
</footer>
</body>
</html>
"""


def render_webpage_variant(page: WebPage) -> str:
    """Seed 001 with <section>/<h3> structure, as another CMS would emit it."""
    sections: list[list[tuple[str, str]]] = [[]]
    for block in page.blocks:
        if block[0] == "h2":
            sections.append([])
        sections[-1].append(block)
    out: list[str] = []
    for sec in sections:
        out.append('<section class="textblock">')
        out.append(blocks_html(sec, "h3"))
        out.append("</section>")
    body = "\n".join(out)
    return f"""<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>{esc(page.title)}</title></head>
<body>
<div class="wrapper">
<div class="nav"><a href="/">Stadtregion</a> · <a href="/projekte">Projekte</a> · \
<a href="/presse">Presse</a></div>
<div class="main">
<h1>{esc(page.title)}</h1>
{body}
</div>
<div class="foot"><a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a></div>
</div>
</body>
</html>
"""


# --------------------------------------------------------------------------- press (004)


@dataclass
class Press:
    """The pieces of seed 004, in page order."""

    caption1: str
    date: str
    headline: str
    paragraphs: list[str]
    caption2: str


def parse_press(text: str) -> Press:
    """Pick seed 004 apart; the fixed strings are the site's chrome and are checked."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    fixed_head = ["Presse", "Hauptinhalt", "Pressemitteilungen", "drei Personen"]
    if lines[:4] != fixed_head:
        raise SystemExit(f"seed 004: unexpected start {lines[:4]}")
    caption1, date, headline = lines[4], lines[5], lines[6]
    end = lines.index("Bildergalerie von teilnehmenden Start-ups")
    tail = lines[end:]
    expected_tail = [
        "Bildergalerie von teilnehmenden Start-ups",
        "Foto mit zwei Personen",
        None,
        "Bild herunterladen",
        "Weitere Links",
        "Service-Bereich, Kontaktformular, Inhaltsverzeichnis",
        "Navigation",
    ]
    for want, got in zip(expected_tail, tail, strict=False):
        if want is not None and want != got:
            raise SystemExit(f"seed 004: expected {want!r}, got {got!r}")
    if "{pp_gallery_content}" not in tail:
        raise SystemExit("seed 004: gallery placeholder missing")
    return Press(caption1, date, headline, lines[7:end], tail[2])


def split_credit(caption: str) -> tuple[str, str]:
    """Separate '… © Bezirksregierung Münster' so the credit can get its own element."""
    head, _, credit = caption.rpartition("© ")
    return head, "© " + credit


def render_press(p: Press) -> str:
    """Seed 004 on a Bezirksregierung-like site, including the prettyPhoto gallery template."""
    cap1, credit1 = split_credit(p.caption1)
    cap2, credit2 = split_credit(p.caption2)
    day, month, year = p.date.split(".")
    paras = "\n".join(f"<p>{esc(t)}</p>" for t in p.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="windows-1252">
<title>Zweite Zukunftsmesse Kleinstädte | Bezirksregierung Münster</title>
<link rel="stylesheet" href="/system/modules/brms/css/layout.css">
<link rel="stylesheet" href="/system/modules/brms/js/prettyPhoto/css/prettyPhoto.css">
<script src="/system/modules/brms/js/jquery.min.js"></script>
<script src="/system/modules/brms/js/prettyPhoto/jquery.prettyPhoto.js"></script>
</head>
<body class="presse">
<div id="skipnavigation">
  <a href="#hauptinhalt">Zum Hauptinhalt springen</a>
  <a href="#hauptnavigation">Zur Navigation springen</a>
</div>
<header id="header">
  <a href="/" class="logo"><img src="/system/modules/brms/img/logo_brms.png" \
alt="Bezirksregierung Münster - Logo"></a>
  <nav id="hauptnavigation" aria-label="Hauptnavigation">
    <ul>
      <li><a href="/de/startseite/">Startseite</a></li>
      <li><a href="/de/themen/">Themen</a></li>
      <li><a href="/de/service/">Service</a></li>
      <li class="active"><a href="/de/presse/">Presse</a></li>
      <li><a href="/de/ueber_uns/">Über uns</a></li>
    </ul>
  </nav>
  <div class="sectiontitle">Presse</div>
</header>
<div id="wrapper">
<main id="main">
<h2 class="invisible" id="hauptinhalt">Hauptinhalt</h2>
<h1 class="section-title">Pressemitteilungen</h1>
<div class="pm-detail">
<figure class="pm-bild">
  <a href="/system/files/media/pressemitteilungen/2021/zukunftsmesse_2021.jpg" rel="prettyPhoto">\
<img src="/system/files/media/pressemitteilungen/2021/zukunftsmesse_2021_thumb.jpg" \
alt="drei Personen" width="620" height="413"></a>
  <figcaption>{esc(cap1)}<span class="copyright">{esc(credit1)}</span></figcaption>
</figure>
<p class="date"><time datetime="{year}-{month}-{day}">{esc(p.date)}</time></p>
<h2 class="pm-headline">{esc(p.headline)}</h2>
<div class="pm-text">
{paras}
</div>
<div class="bildergalerie">
  <h3>Bildergalerie von teilnehmenden Start-ups</h3>
  <figure>
    <a href="/system/files/media/pressemitteilungen/2021/startup_bottom_up_city.jpg" \
rel="prettyPhoto[galerie]"><img \
src="/system/files/media/pressemitteilungen/2021/startup_bottom_up_city_thumb.jpg" \
alt="Foto mit zwei Personen" width="300" height="200"></a>
    <figcaption>{esc(cap2)}<span class="copyright">{esc(credit2)}</span></figcaption>
  </figure>
  <p class="download"><a href="/system/files/media/pressemitteilungen/2021/\
startup_bottom_up_city.jpg" download>Bild herunterladen</a></p>
</div>
</div>
</main>
<aside id="marginal">
  <h2>Weitere Links</h2>
  <ul>
    <li><a href="/de/presse/pressemitteilungen/archiv/">Pressearchiv</a></li>
    <li><a href="/de/presse/ansprechpartner/">Ansprechpartner der Pressestelle</a></li>
  </ul>
</aside>
</div>
<footer id="footer">
  <h2 class="invisible">Service-Bereich, Kontaktformular, Inhaltsverzeichnis</h2>
  <ul class="service">
    <li><a href="/de/kontakt/">Kontaktformular</a></li>
    <li><a href="/de/inhaltsverzeichnis/">Inhaltsverzeichnis</a></li>
    <li><a href="/de/impressum/">Impressum</a></li>
    <li><a href="/de/datenschutz/">Datenschutz</a></li>
  </ul>
  <h2 class="invisible">Navigation</h2>
  <p>© Bezirksregierung Münster – Domplatz 1–3 – 48143 Münster</p>
</footer>
<div class="pp_pic_holder" style="display:none">
  <div class="ppt">&nbsp;</div>
  <div class="pp_content_container">
    <div class="pp_content">
      <a class="pp_move" href="#">Move</a> <a class="pp_close" href="#">Schließen</a>
      <a href="#" class="pp_expand" title="Expand the image">Expand</a>
      <div class="pp_nav">
        <a href="#" class="pp_arrow_previous">Zurück</a> <a href="#" class="pp_previous">Zurück</a>
        <a href="#" class="pp_next">Weiter</a> <a href="#" class="pp_arrow_next">Weiter</a>
      </div>
      <div class="pp_gallery">{{pp_gallery_content}}</div>
    </div>
  </div>
</div>
</body>
</html>
"""


def render_press_variant(p: Press) -> str:
    """Seed 004 in another CMS: <article>, <time>, images without captions in the flow."""
    day, month, year = p.date.split(".")
    long_date = f"{int(day)}. {MONTH_NAMES[int(month) - 1]} {year}"
    paras = "\n".join(f"    <p>{esc(t)}</p>" for t in p.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Pressemitteilung: {esc(p.headline)}</title>
</head>
<body>
<header class="top"><a href="/">Bezirksregierung Münster</a>
<ul class="menu"><li><a href="/presse">Presse</a></li><li><a href="/themen">Themen</a></li></ul>
</header>
<main>
<article class="press-release">
  <header>
    <p class="kicker">Pressemitteilung</p>
    <h1>{esc(p.headline)}</h1>
    <time datetime="{year}-{month}-{day}">{long_date}</time>
  </header>
  <img src="/media/zukunftsmesse.jpg" alt="drei Personen">
  <div class="text">
{paras}
  </div>
  <img src="/media/startup.jpg" alt="Foto mit zwei Personen">
</article>
</main>
<footer><a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a></footer>
</body>
</html>
"""


# --------------------------------------------------------------------------- PDF layout

Measure = Callable[[str], float]

# Words that must be hyphenated at a line end, with the only allowed split.  The seed
# shows "men-" / "schenwürdiges"; "Wirtschafts-" / "förderung…" is the other case asked for.
FORCED_SPLITS = {
    "menschenwürdiges": "men",
    "Wirtschaftsförderungsgesellschaft": "Wirtschafts",
}
# Correct split points where the simple syllable rule below would go wrong
# (morpheme boundaries before a vowel, mostly).  "-" marks allowed breaks.
HYPHENATION = {
    "Schulabgängerinnen": "Schul-ab-gän-ge-rin-nen",
    "Schulabgänger": "Schul-ab-gän-ger",
    "Arbeitsplatzversorgungsquote": "Ar-beits-platz-ver-sor-gungs-quo-te",
    "Verhältnismäßigkeit": "Ver-hält-nis-mä-ßig-keit",
    "Orientierungsmaßstab": "Ori-en-tie-rungs-maß-stab",
    "Geschäftsabläufe": "Ge-schäfts-ab-läu-fe",
    "Abwägungsprozesse": "Ab-wä-gungs-pro-zes-se",
    "Abwägungsprozessen": "Ab-wä-gungs-pro-zes-sen",
    "Extremwetterereignissen": "Ex-trem-wet-ter-er-eig-nis-sen",
    "Energieeffizienz": "Ener-gie-ef-fi-zi-enz",
    "Erreichbarkeit": "Er-reich-bar-keit",
    "Einschulungskind": "Ein-schu-lungs-kind",
    "Infrastruktureinrichtungen": "In-fra-struk-tur-ein-rich-tun-gen",
    "Infrastruktur": "In-fra-struk-tur",
    "Radverkehrsinfrastruktur": "Rad-ver-kehrs-in-fra-struk-tur",
    "Ladeinfrastruktur": "La-de-in-fra-struk-tur",
    "Verkehrsinfrastruktur": "Ver-kehrs-in-fra-struk-tur",
    "Pflegeinfrastruktur": "Pfle-ge-in-fra-struk-tur",
    "Treibhausgasemissionen": "Treib-haus-gas-emis-sio-nen",
    "Treibhausgasneutralität": "Treib-haus-gas-neu-tra-li-tät",
    "Arbeitsmarktstabilität": "Ar-beits-markt-sta-bi-li-tät",
    "Gesellschaftsbereiche": "Ge-sell-schafts-be-rei-che",
    "Qualitätssicherung": "Qua-li-täts-si-che-rung",
    "Zusammengehörigkeitsgefühl": "Zu-sam-men-ge-hö-rig-keits-ge-fühl",
    "Unternehmensnachfolgen": "Un-ter-neh-mens-nach-fol-gen",
    "Unternehmensnachfolge": "Un-ter-neh-mens-nach-fol-ge",
    "Verwaltungsdienstleistungen": "Ver-wal-tungs-dienst-leis-tun-gen",
    "Wiedereingliederung": "Wie-der-ein-glie-de-rung",
    "Ausbildungsmöglichkeiten": "Aus-bil-dungs-mög-lich-kei-ten",
    "Einkaufsmöglichkeiten": "Ein-kaufs-mög-lich-kei-ten",
    "Angebotsschulformen": "An-ge-bots-schul-for-men",
    "Gleichstellungsbeauftragten": "Gleich-stel-lungs-be-auf-trag-ten",
    "Interessenvertretung": "In-ter-es-sen-ver-tre-tung",
    "Informationskampagnen": "In-for-ma-ti-ons-kam-pa-gnen",
    "Sensibilisierung": "Sen-si-bi-li-sie-rung",
    "Digitalisierungsstrategie": "Di-gi-ta-li-sie-rungs-stra-te-gie",
    "Personalentwicklungskonzept": "Per-so-nal-ent-wick-lungs-kon-zept",
    "Klimaschutzaktivitäten": "Kli-ma-schutz-ak-ti-vi-tä-ten",
    "Nachhaltigkeitsmanagements": "Nach-hal-tig-keits-ma-nage-ments",
    "Nachhaltigkeitskriterien": "Nach-hal-tig-keits-kri-te-ri-en",
    "Nachhaltigkeitsziele": "Nach-hal-tig-keits-zie-le",
    "Entwicklungsprozess": "Ent-wick-lungs-pro-zess",
    "Regionalentwicklungsprozesses": "Re-gio-nal-ent-wick-lungs-pro-zes-ses",
    "Quartiersentwicklung": "Quar-tiers-ent-wick-lung",
    "Wohnraumentwicklung": "Wohn-raum-ent-wick-lung",
    "Kreisentwicklung": "Kreis-ent-wick-lung",
    "Personalentwicklung": "Per-so-nal-ent-wick-lung",
    "Existenzgründungen": "Exis-tenz-grün-dun-gen",
    "Expansionsvorhaben": "Ex-pan-si-ons-vor-ha-ben",
    "Energieberatungen": "Ener-gie-be-ra-tun-gen",
    "Arbeitsanforderungen": "Ar-beits-an-for-de-run-gen",
    "Herausforderungen": "He-raus-for-de-run-gen",
    "Unterstützungsangebote": "Un-ter-stüt-zungs-an-ge-bo-te",
    "Unterstützungsangeboten": "Un-ter-stüt-zungs-an-ge-bo-ten",
    "Mobilitätsangebote": "Mo-bi-li-täts-an-ge-bo-te",
    "Betreuungsangebote": "Be-treu-ungs-an-ge-bo-te",
    "Bildungsangebote": "Bil-dungs-an-ge-bo-te",
    "Bildungsangeboten": "Bil-dungs-an-ge-bo-ten",
    "Präventionsangeboten": "Prä-ven-ti-ons-an-ge-bo-ten",
    "Begegnungsangebote": "Be-geg-nungs-an-ge-bo-te",
    "Tourismusangebote": "Tou-ris-mus-an-ge-bo-te",
    "Beratungsangebote": "Be-ra-tungs-an-ge-bo-te",
    "Kommunikationsformate": "Kom-mu-ni-ka-ti-ons-for-ma-te",
    "Innovationsfähigkeit": "In-no-va-ti-ons-fä-hig-keit",
    "Ausbildungsangebote": "Aus-bil-dungs-an-ge-bo-te",
    "Orientierungsrahmen": "Ori-en-tie-rungs-rah-men",
    "Orientierungs": "Ori-en-tie-rungs",
    "Mitarbeiterinnen": "Mit-ar-bei-te-rin-nen",
    "Mitarbeitenden": "Mit-ar-bei-ten-den",
    "Absolventinnen": "Ab-sol-ven-tin-nen",
    "Absolventen": "Ab-sol-ven-ten",
    "Arbeitsumfeld": "Ar-beits-um-feld",
    "Arbeitsumfelds": "Ar-beits-um-felds",
    "Bildungsumfeld": "Bil-dungs-um-feld",
    "Arbeitsorganisation": "Ar-beits-or-ga-ni-sa-ti-on",
    "Verkehrserziehungsmaßnahmen": "Ver-kehrs-er-zie-hungs-maß-nah-men",
    "Verkehrserziehung": "Ver-kehrs-er-zie-hung",
    "Erholungsraum": "Er-ho-lungs-raum",
    "Pensionseintritt": "Pen-si-ons-ein-tritt",
    "Folgelasten": "Fol-ge-las-ten",
    "Umweltverbundes": "Um-welt-ver-bun-des",
    "Umweltverbund": "Um-welt-ver-bund",
    "Bürgerveranstaltungen": "Bür-ger-ver-an-stal-tun-gen",
    "Veranstaltungsreihen": "Ver-an-stal-tungs-rei-hen",
    "Einwanderungsgeschichte": "Ein-wan-de-rungs-ge-schich-te",
    "Zuwanderungsgeschichte": "Zu-wan-de-rungs-ge-schich-te",
    "Geschlechtsidentitäten": "Ge-schlechts-iden-ti-tä-ten",
    "Erwerbstätigkeit": "Er-werbs-tä-tig-keit",
    "Europaaktivitäten": "Eu-ro-pa-ak-ti-vi-tä-ten",
    "Aufgabenwahrnehmung": "Auf-ga-ben-wahr-neh-mung",
    "Aufrechterhaltung": "Auf-recht-er-hal-tung",
    "Abhängigkeit": "Ab-hän-gig-keit",
    "weiterentwickeln": "wei-ter-ent-wi-ckeln",
    "weiterentwickelt": "wei-ter-ent-wi-ckelt",
    "Weiterentwicklung": "Wei-ter-ent-wick-lung",
    "Kooperation": "Ko-ope-ra-ti-on",
    "Kooperationen": "Ko-ope-ra-ti-o-nen",
    "Kooperationsprojekte": "Ko-ope-ra-ti-ons-pro-jek-te",
    "Koordination": "Ko-or-di-na-ti-on",
    "Kreisverwaltung": "Kreis-ver-wal-tung",
    "zukunftsorientierte": "zu-kunfts-ori-en-tier-te",
    "zukunftsorientierten": "zu-kunfts-ori-en-tier-ten",
    "Anpassungsfähigkeit": "An-pas-sungs-fä-hig-keit",
    "Ausdrucksformen": "Aus-drucks-for-men",
}

_CONS_UNITS = ("sch", "ch", "ck", "ph", "qu")
# Consonant pairs that begin a syllable together ("Fort-schrei-bung", "Ab-stim-mung").
_ONSETS = {
    ("sch", "r"),
    ("sch", "l"),
    ("s", "t"),
    ("s", "p"),
    ("p", "r"),
    ("t", "r"),
    ("b", "r"),
    ("d", "r"),
    ("k", "r"),
    ("g", "r"),
    ("f", "r"),
    ("p", "l"),
    ("b", "l"),
    ("k", "l"),
    ("g", "l"),
    ("f", "l"),
}
_VOWEL_UNITS = ("äu", "au", "ei", "eu", "ai", "ie")
_VOWELS = set("aeiouyäöü")


def syllable_points(word: str) -> list[int]:
    """Split positions from a simple German syllable rule (V-CV, VC-CV); good enough for
    most words, HYPHENATION overrides the ones it gets wrong."""
    if word in HYPHENATION:
        parts = HYPHENATION[word].split("-")
        points, pos = [], 0
        for part in parts[:-1]:
            pos += len(part)
            points.append(pos)
        if "".join(parts) != word:
            raise ValueError(f"bad hyphenation entry {word}")
        return points
    w = word.lower()
    units: list[tuple[int, str, bool]] = []  # (start, letters, is_vowel)
    i = 0
    while i < len(w):
        unit = next((u for u in _CONS_UNITS if w.startswith(u, i)), None)
        if unit:
            units.append((i, unit, False))
            i += len(unit)
            continue
        unit = next((u for u in _VOWEL_UNITS if w.startswith(u, i)), None)
        if unit:
            units.append((i, unit, True))
            i += len(unit)
            continue
        units.append((i, w[i], w[i] in _VOWELS))
        i += 1
    vowel_idx = [k for k, (_, _, v) in enumerate(units) if v]
    points = []
    for a, b in pairwise(vowel_idx):
        cons = units[a + 1 : b]
        if len(cons) >= 3 and (cons[-2][1], cons[-1][1]) in _ONSETS:
            points.append(cons[-2][0])
        elif cons:
            points.append(cons[-1][0])
    return points


_WORD_RE = re.compile(r"^(?P<lead>[(„\"]*)(?P<core>.*?)(?P<trail>[.,;:!?)“\"]*)$")


def hyphen_splits(word: str) -> list[tuple[str, str]]:
    """All ways to break a word at a line end, shortest head first: (head incl. '-', tail)."""
    m = _WORD_RE.match(word)
    if not m:
        return []
    lead, core, trail = m["lead"], m["core"], m["trail"]
    if core in FORCED_SPLITS:
        k = len(FORCED_SPLITS[core])
        return [(lead + core[:k] + "-", core[k:] + trail)]
    if "-" in core.strip("-"):
        # existing hyphen (Nordrhein-Westfalen): break after it, add nothing
        return [
            (lead + core[: i + 1], core[i + 1 :] + trail)
            for i, ch in enumerate(core)
            if ch == "-" and 0 < i < len(core) - 1
        ]
    if not core.isalpha() or len(core) < 10:
        return []
    pts = [p for p in syllable_points(core) if p >= 3 and len(core) - p >= 3]
    return [(lead + core[:p] + "-", core[p:] + trail) for p in pts]


@dataclass
class WrapStats:
    """Which hyphenations the wrapper made, so the run can be checked."""

    hyphenated: list[tuple[str, str]] = field(default_factory=list)


def wrap_forced(
    words: list[str], at: int, width: float, measure: Measure, stats: WrapStats
) -> list[str]:
    """Break a paragraph so that words[at] is split at its FORCED_SPLITS point.

    Greedy filling would usually leave that word mid-line, so the break is made
    mandatory and the other breaks are chosen to keep the ragged edge even (least
    squared slack, as a typesetter would): the split then looks natural.
    """
    head, tail = hyphen_splits(words[at])[0]
    tokens = [*words[:at], head, tail, *words[at + 1 :]]
    n = len(tokens)
    inf = float("inf")
    best: list[float] = [0.0] + [inf] * n
    prev: list[int] = [0] * (n + 1)
    for j in range(1, n + 1):
        for a in range(j - 1, -1, -1):
            line_w = measure(" ".join(tokens[a:j]))
            if line_w > width and j - a > 1:
                break
            if a <= at < j - 1:  # the head must end its line
                continue
            cost = best[a] + (0.0 if j == n else (width - line_w) ** 2)
            if cost < best[j]:
                best[j], prev[j] = cost, a
    breaks: list[int] = []
    j = n
    while j > 0:
        breaks.append(j)
        j = prev[j]
    starts = [0, *reversed(breaks[1:])]
    lines = [" ".join(tokens[a:b]) for a, b in zip(starts, reversed(breaks), strict=True)]
    stats.hyphenated.append((head, tail))
    return lines


# Ragged-right text is only hyphenated when the gap left at the line end is this wide (mm).
MIN_HYPHEN_SLACK = 20.0


def wrap_text(text: str, width: float, measure: Measure, stats: WrapStats) -> list[str]:
    """Greedy line filling, hyphenating long words when the line would end far too short."""
    words = text.split()
    for i, word in enumerate(words):
        m = _WORD_RE.match(word)
        if m and m["core"] in FORCED_SPLITS:
            return wrap_forced(words, i, width, measure, stats)
    pending = list(words)
    lines: list[str] = []
    cur = ""
    while pending:
        word = pending.pop(0)
        cand = f"{cur} {word}" if cur else word
        if measure(cand) <= width:
            cur = cand
            continue
        fitting = [
            (head, tail)
            for head, tail in hyphen_splits(word)
            if measure(f"{cur} {head}" if cur else head) <= width
        ]
        slack = width - (measure(cur + " ") if cur else 0.0)
        if fitting and slack >= MIN_HYPHEN_SLACK:
            head, tail = fitting[-1]
            lines.append(f"{cur} {head}" if cur else head)
            stats.hyphenated.append((head, tail))
            cur = ""
            pending.insert(0, tail)
        elif cur:
            lines.append(cur)
            cur = ""
            pending.insert(0, word)
        else:
            cur = word  # a single word wider than the line: let it stick out
    if cur:
        lines.append(cur)
    return lines


RGB = tuple[int, int, int]
BLACK: RGB = (30, 30, 30)
GREY: RGB = (120, 120, 120)
PETROL: RGB = (0, 92, 110)
LIGHT: RGB = (214, 226, 224)


@dataclass(frozen=True)
class Font:
    """A font choice: family, style ('' or 'B'), size in pt, colour."""

    family: str
    style: str
    size: float
    color: RGB = BLACK


class Document(FPDF):
    """FPDF with a running header and a page-number footer chosen per page kind."""

    def __init__(
        self,
        header_text: str,
        footer: Callable[[int], str],
        header_font: Font,
        footer_font: Font,
    ) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.header_text = header_text
        self.footer_fmt = footer
        self.header_font = header_font
        self.footer_font = footer_font
        self.next_kind = "body"
        self.kinds: dict[int, str] = {}
        self.set_auto_page_break(False)
        self.set_margins(20, 20, 20)

    def use(self, font: Font) -> None:
        """Switch font and colour together."""
        self.set_font(font.family, font.style, font.size)
        self.set_text_color(*font.color)

    def new_page(self, kind: str) -> None:
        """Add a page of a kind: cover, front (no header), body, photo, back."""
        self.next_kind = kind
        self.add_page()

    def header(self) -> None:
        """Running header on body pages only."""
        self.kinds[self.page] = self.next_kind
        if self.next_kind not in ("body", "photo"):
            return
        self.use(self.header_font)
        self.text(20, 12, self.header_text)
        self.set_draw_color(*LIGHT)
        self.set_line_width(0.3)
        self.line(20, 14, 190, 14)

    def footer(self) -> None:
        """Page number on every page but the cover."""
        if self.kinds.get(self.page) == "cover":
            return
        label = self.footer_fmt(self.page)
        self.use(self.footer_font)
        self.text((210 - self.get_string_width(label)) / 2, 287, label)


@dataclass
class Flow:
    """Lays out paragraphs top to bottom, starting new pages when a line does not fit."""

    pdf: Document
    left: float
    width: float
    top: float
    bottom: float
    stats: WrapStats
    y: float = 0.0
    # (kind, first page, last page) per laid-out block, to check page-spanning blocks
    spans: list[tuple[str, int, int]] = field(default_factory=list)

    def new_page(self, kind: str = "body") -> None:
        """Start a fresh page and put the cursor at its top."""
        self.pdf.new_page(kind)
        self.y = self.top

    def space(self, mm: float) -> None:
        """Vertical gap, dropped at the top of a page."""
        if self.y > self.top:
            self.y += mm

    def room(self, mm: float) -> None:
        """Keep-with-next: begin a new page unless mm of height is left."""
        if self.y + mm > self.bottom:
            self.new_page()

    def lines(
        self,
        lines: Sequence[str],
        font: Font,
        leading: float,
        indent: float = 0.0,
        bullet: str | None = None,
        kind: str = "para",
    ) -> None:
        """Draw already-wrapped lines; a bullet hangs left of the first one."""
        first_page = self.pdf.page
        for n, line in enumerate(lines):
            if self.y + leading > self.bottom:
                self.new_page()
            if n == 0:
                first_page = self.pdf.page
            baseline = self.y + leading * 0.72
            self.pdf.use(font)
            if bullet and n == 0:
                self.pdf.text(self.left + indent - 4.2, baseline, bullet)
            self.pdf.text(self.left + indent, baseline, line)
            self.y += leading
        self.spans.append((kind, first_page, self.pdf.page))

    def paragraph(
        self,
        text: str,
        font: Font,
        leading: float,
        indent: float = 0.0,
        bullet: str | None = None,
        kind: str = "para",
    ) -> None:
        """Wrap text to the column (minus indent) and draw it."""
        self.pdf.use(font)
        wrapped = wrap_text(text, self.width - indent, self.pdf.get_string_width, self.stats)
        self.lines(wrapped, font, leading, indent, bullet, kind)


def photo(pdf: FPDF, x: float, y: float, w: float, h: float) -> None:
    """A placeholder where the brochure has a photo (flat colour, no text)."""
    pdf.set_fill_color(*LIGHT)
    pdf.rect(x, y, w, h, style="F")
    pdf.set_fill_color(190, 208, 204)
    pdf.rect(x, y + h * 0.62, w, h * 0.38, style="F")


def dot_leader(pdf: FPDF, x: float, right: float, y: float, label: str, page: str) -> None:
    """TOC line: label, dots, right-aligned page number."""
    pdf.text(x, y, label)
    num_w = pdf.get_string_width(page)
    pdf.text(right - num_w, y, page)
    start = x + pdf.get_string_width(label + " ")
    dot_w = pdf.get_string_width(".")
    n = int((right - num_w - 1.5 - start) / dot_w)
    if n > 0:
        pdf.text(start, y, "." * n)


# --------------------------------------------------------------------------- strategy (003)


@dataclass
class Block:
    """A piece of the strategy body: part/chapter/subhead/para/bullet/cont (continuation)."""

    kind: str
    text: str


@dataclass
class Strategy:
    """Seed 003 split into the brochure's parts."""

    cover: list[list[str]]
    vorwort: list[list[str]]
    toc_title: str
    toc_subtitle: str
    toc: list[tuple[str, int]]
    title: str
    subtitle: str
    body: list[Block]
    imprint: list[list[str]]


def groups(lines: Sequence[str]) -> list[list[str]]:
    """Split lines into blank-line separated groups (whitespace-only lines are blank)."""
    out: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


PART_RE = re.compile(r"^[AB]\. [A-ZÄÖÜ ]+$")
CHAPTER_RE = re.compile(r"^[IVX]+\. [A-ZÄÖÜß ,.\-]+$")
SUBHEAD_RE = re.compile(r"^[A-ZÄÖÜ]+:$")


def parse_body(lines: Sequence[str]) -> list[Block]:
    """Classify body lines and undo the original's page breaks.

    A blank line inside a paragraph is a page break of the original PDF: text that
    continues a block ending without a full stop is joined to it, and a word split
    as 'Sys-' / 'tems' is joined back into 'Systems'.
    """
    blocks: list[Block] = []
    for grp in groups(lines):
        for line in grp:
            if PART_RE.match(line):
                blocks.append(Block("part", line))
            elif CHAPTER_RE.match(line):
                blocks.append(Block("chapter", line))
            elif SUBHEAD_RE.match(line):
                blocks.append(Block("subhead", line))
            elif line.startswith("- "):
                blocks.append(Block("bullet", line[2:]))
            else:
                prev = blocks[-1] if blocks else None
                if (
                    prev
                    and prev.kind in ("para", "bullet", "cont")
                    and not re.search(r"[.:!?]$", prev.text)
                ):
                    if prev.text.endswith("-") and line[:1].islower():
                        prev.text = prev.text[:-1] + line
                    else:
                        prev.text = f"{prev.text} {line}"
                elif line[:1].islower():
                    blocks.append(Block("cont", line))  # 'ten. Die Orientierungs-…' (seed glitch)
                else:
                    blocks.append(Block("para", line))
    return blocks


def parse_strategy(text: str) -> Strategy:
    """Cut seed 003 at its section markers; each part is checked for the expected shape."""
    lines = text.split("\n")
    i_vor = lines.index("VORWORT")
    i_toc = lines.index("INHALT")
    i_body = lines.index("STRATEGISCHE ZIELE DES KREISES COESFELD")
    i_imp = lines.index("KREISHAUS | IN COESFELD")
    cover = groups(lines[:i_vor])
    if len(cover) != 6:
        raise SystemExit(f"seed 003: cover has {len(cover)} groups")
    vorwort = groups(lines[i_vor + 1 : i_toc])
    toc_groups = groups(lines[i_toc:i_body])
    toc = []
    for line in toc_groups[2]:
        label, _, page = line.partition("\t")
        toc.append((label, int(page)))
    body_groups = lines[i_body:i_imp]
    title = body_groups[0]
    subtitle = groups(body_groups)[1][0]
    body = parse_body(body_groups[1:])
    if body[0].text != subtitle:
        raise SystemExit("seed 003: expected the 'beschlossen vom Kreistag' line")
    return Strategy(
        cover=cover,
        vorwort=vorwort,
        toc_title=toc_groups[0][0],
        toc_subtitle=toc_groups[1][0],
        toc=toc,
        title=title,
        subtitle=subtitle,
        body=body[1:],
        imprint=groups(lines[i_imp:]),
    )


def toc_targets(strategy: Strategy) -> dict[tuple[str, str], int]:
    """Map (part letter, roman numeral) to the TOC page, e.g. ('B', 'IX') -> 14."""
    targets: dict[tuple[str, str], int] = {}
    part = ""
    for label, page in strategy.toc:
        head = label.split(".")[0]
        if head in ("A", "B"):
            part = head
            targets[(part, "")] = page
        elif part:
            targets[(part, head)] = page
    return targets


# Body text metrics of the brochure (pt, mm).  Chosen so every chapter starts on the
# page the seed's table of contents names and page breaks fall inside a paragraph
# and inside a bullet item somewhere.
BODY_SIZE = 10.0
BODY_LEADING = 4.9
BODY_BOTTOM = 276.0


def dash_footer(page: int) -> str:
    """Footer text '– 7 –' as in many printed brochures."""
    return f"– {page} –"


def build_strategy_pdf(s: Strategy) -> tuple[bytes, WrapStats, list[tuple[str, int, int]]]:
    """Lay out the Kreis Coesfeld brochure: cover, photo, Vorwort, Inhalt, body, imprint."""
    fam = "DejaVu"
    pdf = Document(
        header_text="Strategische Ziele des Kreises Coesfeld",
        footer=dash_footer,
        header_font=Font(fam, "", 7.5, GREY),
        footer_font=Font(fam, "", 8.5, GREY),
    )
    pdf.add_font(fam, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(fam, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_creation_date(PDF_DATE)
    pdf.set_title("Strategische Ziele des Kreises Coesfeld")
    pdf.set_author("Kreis Coesfeld, Der Landrat")
    pdf.set_subject("Beschluss des Kreistages vom 24.06.2025")
    pdf.set_creator("ikz-extract scripts/make_samples.py")
    pdf.set_producer(f"fpdf2 {FPDF_VERSION}")
    pdf.set_lang("de-DE")
    stats = WrapStats()

    body_font = Font(fam, "", BODY_SIZE)
    leading = BODY_LEADING

    # --- page 1: cover
    pdf.new_page("cover")
    pdf.set_fill_color(*PETROL)
    pdf.rect(0, 0, 210, 118, style="F")
    (title,), beschluss, (zukunft,), (ziele,), address, (copyright_line,) = s.cover
    pdf.use(Font(fam, "B", 40, (255, 255, 255)))
    pdf.text(20, 58, title)
    pdf.use(Font(fam, "", 13, (255, 255, 255)))
    for n, line in enumerate(beschluss):
        pdf.text(20, 78 + n * 6.5, line)
    pdf.use(Font(fam, "B", 24, PETROL))
    pdf.text(20, 140, zukunft)
    pdf.use(Font(fam, "", 15, BLACK))
    pdf.text(20, 149, ziele)
    photo(pdf, 20, 158, 170, 72)
    pdf.use(Font(fam, "", 9, BLACK))
    for n, line in enumerate(address):
        pdf.use(Font(fam, "B" if n == 0 else "", 9, BLACK))
        pdf.text(20, 243 + n * 4.3, line)
    pdf.use(Font(fam, "", 7.5, GREY))
    pdf.text(20, 284, copyright_line)

    # --- page 2: full-page photo (inside cover)
    pdf.new_page("front")
    photo(pdf, 0, 0, 210, 270)

    # --- page 3: Vorwort
    flow = Flow(pdf, left=20, width=170, top=22, bottom=BODY_BOTTOM, stats=stats)
    flow.new_page("front")
    pdf.use(Font(fam, "B", 22, PETROL))
    pdf.text(20, 36, "VORWORT")
    flow.y = 46
    vfont = Font(fam, "", 10)
    vlead = 4.9
    salutation, *rest = s.vorwort
    flow.lines(salutation, vfont, vlead)
    flow.space(3)
    *paras, ihr, signature = rest
    for para in paras:
        flow.paragraph(" ".join(para), vfont, vlead)
        flow.space(2.6)
    flow.space(2)
    flow.lines(ihr, vfont, vlead)
    flow.space(6)
    flow.lines(signature[:1], Font(fam, "B", 10), vlead)
    flow.lines(signature[1:], vfont, vlead)
    if pdf.page != 3:
        raise SystemExit("layout: Vorwort does not fit on page 3")

    # --- page 4: Inhalt
    pdf.new_page("front")
    pdf.use(Font(fam, "B", 22, PETROL))
    pdf.text(20, 36, s.toc_title)
    pdf.use(Font(fam, "B", 11, BLACK))
    pdf.text(20, 50, s.toc_subtitle)
    y = 62.0
    for label, page in s.toc:
        top_level = label == "Vorwort" or label[:2] in ("A.", "B.")
        if label.startswith("B."):
            y += 3
        pdf.use(Font(fam, "B" if top_level else "", 10.5, BLACK))
        dot_leader(pdf, 20 if top_level else 27, 190, y, label, str(page))
        y += 8.2 if top_level else 7.4

    # --- pages 5..: body
    targets = toc_targets(s)
    flow.new_page("body")
    pdf.use(Font(fam, "B", 15, PETROL))
    pdf.text(20, flow.y + 6, s.title)
    pdf.use(Font(fam, "", 9.5, GREY))
    pdf.text(20, flow.y + 12.5, s.subtitle)
    flow.y += 19
    part = ""
    for block in s.body:
        if block.kind == "part":
            part = block.text[0]
            goto_page(flow, targets[(part, "")], block.text)
            flow.space(5)
            flow.room(7 + 3 * leading)
            pdf.use(Font(fam, "B", 13.5, PETROL))
            pdf.text(20, flow.y + 5.5, block.text)
            flow.y += 10
        elif block.kind == "chapter":
            numeral = block.text.split(".")[0]
            goto_page(flow, targets[(part, numeral)], block.text)
            flow.space(4)
            flow.room(6 + 3 * leading)
            pdf.use(Font(fam, "B", 10.5, PETROL))
            pdf.text(20, flow.y + 4.5, block.text)
            flow.y += 7.5
        elif block.kind == "subhead":
            flow.space(1.5)
            flow.room(5 + 3 * leading)
            pdf.use(Font(fam, "B", 9.5, BLACK))
            pdf.text(20, flow.y + 3.6, block.text)
            flow.y += 5.6
        elif block.kind == "para":
            flow.paragraph(block.text, body_font, leading)
            flow.space(2.2)
        elif block.kind == "bullet":
            flow.paragraph(block.text, body_font, leading, indent=5, bullet="•", kind="bullet")
            flow.space(1.1)
        else:  # continuation of the previous bullet after the original's page break
            flow.paragraph(block.text, body_font, leading, indent=5, kind="cont")
            flow.space(1.1)

    # --- last page: imprint
    pdf.new_page("back")
    (caption,), (impressum,), address, contact, (stand,), (bild,), credits, (social,) = s.imprint
    photo(pdf, 20, 20, 170, 95)
    pdf.use(Font(fam, "B", 8, GREY))
    pdf.text(20, 121, caption)
    pdf.use(Font(fam, "B", 14, PETROL))
    pdf.text(20, 140, impressum)
    y = 150.0
    for n, line in enumerate(address):
        pdf.use(Font(fam, "B" if n == 0 else "", 9.5, BLACK))
        pdf.text(20, y, line)
        y += 4.6
    y += 3
    pdf.use(Font(fam, "", 9.5, BLACK))
    for line in contact:
        pdf.text(20, y, line)
        y += 4.6
    y += 3
    pdf.text(20, y, stand)
    y += 12
    pdf.use(Font(fam, "B", 11, PETROL))
    pdf.text(20, y, bild)
    y += 7
    cflow = Flow(pdf, left=20, width=170, top=y, bottom=280, stats=stats, y=y)
    for line in credits:
        cflow.paragraph(line, Font(fam, "", 8.5, BLACK), 4.1)
    pdf.use(Font(fam, "B", 11, PETROL))
    pdf.text(20, cflow.y + 10, social)

    return bytes(pdf.output()), stats, flow.spans


def goto_page(flow: Flow, target: int, heading: str) -> None:
    """Start a chapter on the page the table of contents promises.

    Pages skipped entirely carry a photo, as in the printed brochure.
    """
    page = flow.pdf.page
    if page > target:
        raise SystemExit(f"layout: {heading!r} lands on page {page}, TOC says {target}")
    if page < target and flow.bottom - flow.y > 70:
        photo(flow.pdf, flow.left, flow.y + 8, flow.width, flow.bottom - flow.y - 8)
    while flow.pdf.page < target:
        skipped = flow.pdf.page + 1 < target
        flow.new_page("photo" if skipped else "body")
        if skipped:
            photo(flow.pdf, 20, 22, 170, 254)


# --------------------------------------------------------------------------- strategy variant

VARIANT_TOC_TITLE = "Inhaltsverzeichnis"

# Invented text about a different Kreis; a layout variant, not a real publication.
VARIANT_BODY: list[tuple[str, str]] = [
    ("h1", "1. Einleitung"),
    ("h2", "1.1 Anlass und Auftrag"),
    (
        "p",
        "Der Kreis Steinfurt steht wie viele ländlich geprägte Kreise in Nordrhein-Westfalen "
        "vor tiefgreifenden Veränderungen. Der demografische Wandel, der Fachkräftemangel, die "
        "Folgen des Klimawandels und die Digitalisierung der Arbeitswelt verändern die "
        "Rahmenbedingungen für Verwaltung, Wirtschaft und Zivilgesellschaft gleichermaßen. Mit "
        "der Strategie 2030 legt der Kreistag fest, an welchen Zielen sich die Kreisverwaltung "
        "in den kommenden Jahren orientiert und wie die verfügbaren Ressourcen eingesetzt "
        "werden.",
    ),
    (
        "p",
        "Die Strategie 2030 ersetzt das Leitbild aus dem Jahr 2015. Sie wurde im Auftrag des "
        "Kreisausschusses von einer verwaltungsinternen Projektgruppe erarbeitet und vom "
        "Kreistag am 12.03.2024 beschlossen. Die Ziele gelten bis zum Jahr 2030 und werden "
        "nach der Hälfte der Laufzeit überprüft.",
    ),
    ("h2", "1.2 Beteiligungsprozess"),
    (
        "p",
        "In den Jahren 2022 und 2023 fanden vier Regionalkonferenzen in Rheine, Ibbenbüren, "
        "Greven und Steinfurt statt. Beteiligt waren die Bürgermeisterinnen und Bürgermeister "
        "der 24 Städte und Gemeinden, die Fraktionen des Kreistages, Kammern, Verbände, "
        "Hochschulen sowie interessierte Bürgerinnen und Bürger. Über eine Online-Beteiligung "
        "gingen mehr als 1.200 Hinweise ein, die in die Formulierung der Handlungsfelder "
        "eingeflossen sind.",
    ),
    ("h1", "2. Leitbild „Kreis Steinfurt 2030“"),
    (
        "p",
        "Der Kreis Steinfurt versteht sich als verlässlicher Partner seiner Städte und "
        "Gemeinden und als Dienstleister für die rund 450.000 Menschen, die hier leben. Er "
        "handelt nachhaltig, wirtschaftlich und bürgernah. Entscheidungen werden transparent "
        "vorbereitet und nachvollziehbar begründet. Der Kreis setzt auf Kooperation statt "
        "Konkurrenz: Aufgaben, die eine Kommune allein nicht oder nur mit unverhältnismäßigem "
        "Aufwand erfüllen kann, sollen gemeinsam und kreisweit organisiert werden.",
    ),
    ("h1", "3. Strategische Handlungsfelder"),
    (
        "p",
        "Die Strategie 2030 bündelt die Ziele des Kreises in fünf Handlungsfeldern. Für jedes "
        "Handlungsfeld werden Leitziele und messbare Teilziele benannt, deren Erreichung im "
        "jährlichen Strategiebericht dokumentiert wird.",
    ),
    ("h2", "3.1 Wirtschaft, Arbeit und Fachkräfte"),
    (
        "p",
        "Der Kreis Steinfurt ist ein starker Standort für Industrie, Handwerk und "
        "Landwirtschaft. Die Beschäftigung ist in den vergangenen zehn Jahren deutlich "
        "gestiegen; gleichzeitig fehlen in vielen Branchen qualifizierte Arbeitskräfte.",
    ),
    (
        "li",
        "Sicherung von Gewerbe- und Industrieflächen in enger Abstimmung mit der "
        "Regionalplanung und den kreisangehörigen Kommunen.",
    ),
    (
        "li",
        "Ausbau der Fachkräfteinitiative gemeinsam mit der Agentur für Arbeit, dem Jobcenter "
        "und den Kammern.",
    ),
    (
        "li",
        "Unterstützung von Gründungen und Unternehmensnachfolgen durch die "
        "Wirtschaftsförderungs- und Entwicklungsgesellschaft des Kreises.",
    ),
    ("h2", "3.2 Klimaschutz und Energie"),
    (
        "p",
        "Der Kreis Steinfurt will bis zum Jahr 2040 bilanziell treibhausgasneutral werden. "
        "Die Kreisverwaltung geht mit ihren eigenen Liegenschaften und ihrem Fuhrpark voran "
        "und unterstützt die Kommunen bei der kommunalen Wärmeplanung.",
    ),
    ("li", "Ausbau von Photovoltaik auf allen geeigneten kreiseigenen Dächern bis 2027."),
    ("li", "Gemeinsame Energieberatung für private Haushalte in allen 24 Kommunen."),
    ("li", "Förderung von Bürgerenergiegesellschaften und regionaler Wertschöpfung."),
    ("h2", "3.3 Mobilität im ländlichen Raum"),
    (
        "p",
        "Gute Erreichbarkeit ist eine Voraussetzung für gleichwertige Lebensverhältnisse. "
        "Der öffentliche Nahverkehr wird mit Schnellbuslinien und flexiblen "
        "Bedarfsverkehren weiterentwickelt; das Radwegenetz entlang der Kreisstraßen wird "
        "lückenlos ausgebaut.",
    ),
    ("h2", "3.4 Digitale Verwaltung"),
    (
        "p",
        "Bis 2028 sollen alle häufig nachgefragten Verwaltungsleistungen des Kreises online "
        "beantragt werden können. Die Kreisverwaltung stellt den Kommunen gemeinsame "
        "Plattformen bereit, etwa für die digitale Bauakte, das Dokumentenmanagement und "
        "die Bezahlfunktion.",
    ),
    ("h2", "3.5 Interkommunale Zusammenarbeit"),
    (
        "p",
        "Interkommunale Zusammenarbeit ist für den Kreis Steinfurt ein Grundprinzip. "
        "Bewährte Kooperationen wie die gemeinsame Vergabestelle, das interkommunale "
        "Gewerbegebiet und die Zusammenarbeit im Rettungsdienst werden fortgeführt. Neue "
        "Kooperationen werden auf der Grundlage öffentlich-rechtlicher Vereinbarungen oder "
        "in Zweckverbänden organisiert, wenn dadurch Kosten gesenkt oder Leistungen "
        "verbessert werden.",
    ),
    ("li", "Jährliche Kooperationskonferenz mit den Bürgermeisterinnen und Bürgermeistern."),
    ("li", "Gemeinsame Personalgewinnung und Ausbildung in Verwaltungsberufen."),
    ("li", "Prüfung weiterer gemeinsamer Servicestellen, zum Beispiel für Fördermittel."),
    ("h1", "4. Umsetzung und Controlling"),
    (
        "p",
        "Die Verwaltung berichtet dem Kreistag jährlich über den Stand der Umsetzung. Die "
        "Fachbereiche leiten aus den Leitzielen Maßnahmen für ihre Jahresplanung ab und "
        "verknüpfen sie mit dem Haushalt.",
    ),
    ("h2", "4.1 Strategiebericht und Kennzahlen"),
    (
        "p",
        "Für jedes Handlungsfeld werden zwei bis vier Kennzahlen festgelegt, etwa die Zahl "
        "der online verfügbaren Verwaltungsleistungen, der Anteil erneuerbarer Energien am "
        "Stromverbrauch oder die Zahl der gemeinsam mit anderen Kommunen erbrachten "
        "Aufgaben. Die Kennzahlen werden jährlich im Strategiebericht veröffentlicht und im "
        "Kreisausschuss beraten.",
    ),
    ("h2", "4.2 Fortschreibung"),
    (
        "p",
        "Die Strategie wird im Jahr 2027 überprüft. Dabei werden die Städte und Gemeinden, "
        "die Fraktionen des Kreistages und die Öffentlichkeit erneut beteiligt. Änderungen "
        "der Leitziele beschließt der Kreistag; die Teilziele kann der Kreisausschuss "
        "anpassen.",
    ),
    (
        "small",
        "Herausgeber: Kreis Steinfurt, Der Landrat, Tecklenburger Straße 10, "
        "48565 Steinfurt. Stand: März 2024.",
    ),
]


def build_variant_pdf(toc_pages: dict[str, int] | None = None) -> tuple[bytes, dict[str, int]]:
    """A short strategy paper in another house style (Helvetica, WinAnsi, 'Seite N').

    Laid out twice: the first pass learns on which page each heading lands, the second
    prints those numbers in the table of contents.
    """
    pdf = Document(
        header_text="Kreis Steinfurt | Strategie 2030",
        footer=lambda n: f"Seite {n}",
        header_font=Font("Helvetica", "", 8, GREY),
        footer_font=Font("Helvetica", "", 9, BLACK),
    )
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(VARIANT_PDF_DATE)
    pdf.set_title("Kreis Steinfurt – Strategie 2030")
    pdf.set_subject("Fiktives Testdokument für ikz-extract (Layout-Variante)")
    pdf.set_creator("ikz-extract scripts/make_samples.py")
    pdf.set_producer(f"fpdf2 {FPDF_VERSION}")
    stats = WrapStats()
    flow = Flow(pdf, left=25, width=160, top=24, bottom=272, stats=stats)
    flow.new_page("front")
    pdf.use(Font("Helvetica", "", 14))
    pdf.text(25, 45, "Kreis Steinfurt")
    pdf.use(Font("Helvetica", "B", 28, (20, 60, 120)))
    pdf.text(25, 60, "Strategie 2030")
    pdf.use(Font("Helvetica", "", 12))
    pdf.text(25, 70, "Leitbild und strategische Ziele für die Kreisentwicklung")
    pdf.use(Font("Helvetica", "", 11, GREY))
    pdf.text(25, 78, "beschlossen vom Kreistag am 12.03.2024")
    pdf.use(Font("Helvetica", "B", 14))
    pdf.text(25, 105, VARIANT_TOC_TITLE)
    y = 116.0
    for kind, text in VARIANT_BODY:
        if kind not in ("h1", "h2"):
            continue
        page = str((toc_pages or {}).get(text, 0))
        pdf.use(Font("Helvetica", "B" if kind == "h1" else "", 11))
        dot_leader(pdf, 25 if kind == "h1" else 31, 185, y, text, page)
        y += 7.5 if kind == "h1" else 6.5
    landed: dict[str, int] = {}
    flow.new_page("body")
    body = Font("Helvetica", "", 11)
    for kind, text in VARIANT_BODY:
        if kind == "h1":
            flow.space(7)
            flow.room(10 + 3 * 5.6)
            landed[text] = pdf.page
            pdf.use(Font("Helvetica", "B", 15, (20, 60, 120)))
            pdf.text(25, flow.y + 6, text)
            flow.y += 11
        elif kind == "h2":
            flow.space(3)
            flow.room(8 + 3 * 5.6)
            landed[text] = pdf.page
            pdf.use(Font("Helvetica", "B", 12))
            pdf.text(25, flow.y + 5, text)
            flow.y += 8.5
        elif kind == "p":
            flow.paragraph(text, body, 5.6)
            flow.space(3)
        elif kind == "small":
            flow.space(12)
            flow.paragraph(text, Font("Helvetica", "", 8.5, GREY), 4.2)
        else:
            flow.paragraph(text, body, 5.6, indent=6, bullet="–", kind="bullet")
            flow.space(1.5)
    return bytes(pdf.output()), landed


# --------------------------------------------------------------------------- main


def write(path: Path, data: bytes) -> None:
    """Write bytes unless the file already holds them.

    Replacing (not overwriting) the file also works when it is read-only, as the
    copied seeds may be.
    """
    if path.is_file() and path.read_bytes() == data:
        print(f"{path} unchanged")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_bytes(data)
    print(f"{path} ({len(data)} bytes)")


def make_samples(seeds: Path, out: Path, variants_out: Path | None) -> None:
    """Produce samples/ (and the layout variants) from the seed dumps."""
    seed_paths = {p: read_seed(seeds, p) for p in ("000", "001", "002", "003", "004")}
    for path, _ in seed_paths.values():
        write(out / path.name, path.read_bytes())

    profile_000 = parse_profile(seed_paths["000"][1])
    profile_002 = parse_profile(seed_paths["002"][1])
    webpage = parse_webpage(seed_paths["001"][1])
    press = parse_press(seed_paths["004"][1])
    strategy = parse_strategy(seed_paths["003"][1])

    write(
        out / "000_profile_regionalentwicklung.html",
        render_profile_000(profile_000).encode("utf-8"),
    )
    write(out / "001_stadtregion_muenster.html", render_webpage(webpage).encode("utf-8"))
    write(
        out / "002_profile_klimakreis_borken.html", render_profile_002(profile_002).encode("utf-8")
    )
    pdf_bytes, stats, spans = build_strategy_pdf(strategy)
    check_strategy_layout(stats, spans)
    write(out / "003_strategische_ziele_kreis_coesfeld.pdf", pdf_bytes)
    # strict: every character of the page must exist in windows-1252
    write(
        out / "004_pressemitteilung_zukunftsmesse.html",
        render_press(press).encode("cp1252", errors="strict"),
    )

    if variants_out is not None:
        write(
            variants_out / "profile_variant.html",
            render_profile_variant(profile_000).encode("utf-8"),
        )
        write(variants_out / "press_variant.html", render_press_variant(press).encode("utf-8"))
        write(
            variants_out / "webpage_variant.html", render_webpage_variant(webpage).encode("utf-8")
        )
        _, landed = build_variant_pdf()
        variant_pdf, landed_again = build_variant_pdf(landed)
        if landed != landed_again:
            raise SystemExit("variant PDF: TOC page numbers did not settle")
        write(variants_out / "strategy_variant.pdf", variant_pdf)


def check_strategy_layout(stats: WrapStats, spans: list[tuple[str, int, int]]) -> None:
    """Fail loudly if the brochure lost the features the loader is meant to be tested on."""
    done = {(head, tail.rstrip(".,;:")) for head, tail in stats.hyphenated}
    for word, head in FORCED_SPLITS.items():
        if (head + "-", word[len(head) :]) not in done:
            raise SystemExit(f"layout: {word} was not hyphenated as {head}-")
    if len(done) <= len(FORCED_SPLITS):
        raise SystemExit("layout: no ordinary hyphenation at line ends")
    if not any(k == "para" and a != b for k, a, b in spans):
        raise SystemExit("layout: no paragraph continues across a page break")
    if not any(k == "bullet" and a != b for k, a, b in spans):
        raise SystemExit("layout: no bullet item continues across a page break")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="seed .txt folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where samples go")
    ap.add_argument(
        "--variants-out",
        type=Path,
        default=DEFAULT_VARIANTS,
        help="where the layout variants go (default tests/fixtures/variants)",
    )
    ap.add_argument("--no-variants", action="store_true", help="skip the layout variants")
    args = ap.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"seed folder {args.seeds} not found", file=sys.stderr)
        return 2
    make_samples(args.seeds, args.out, None if args.no_variants else args.variants_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

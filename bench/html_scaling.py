"""How does the HTML path scale with page size? Times per size, never a pass/fail.

Builds realistic pages of 100 KB … 5 MB, deterministically (same bytes on every run): a
site header with navigation, a cookie notice and a breadcrumb trail, one long article
(headline, date line, lead, sections of prose paragraphs, lists with links, figures with
credits, tables, bold sub-headings, "Mehr erfahren" links, a teaser box now and then),
readers' posts under it, a sidebar and a footer whose link lists grow with the page.
``load_html`` is timed with trafilatura's reference and without it (``reference=False``);
the last column is trafilatura alone on the same page (``html_reference.reference_text``),
a cost this project does not control. A linear path shows a flat ``s/MB`` column. Times
are CPU seconds of this process (best of ``--rounds``), which a busy machine disturbs far
less than the wall clock (``--wall``).

    .venv/bin/python bench/html_scaling.py [--sizes 0.1,0.5,1,2,5] [--rounds N]
    .venv/bin/python bench/html_scaling.py --vocabulary small   # every word common
    .venv/bin/python bench/html_scaling.py --profile 2 [--top 25]   # cProfile of one size

The page is timed as given: ``loaders.limits.cap_html`` (which cuts larger pages) is not
applied, so the table shows the cost the limits have to guard against. ``load_html``
itself keeps at most ``limits.MAX_HTML_TEXT_CHARS`` of main text (1 million characters,
reached at about 1.1 MB of this prose): the ``blocks`` column stops growing there.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import time
from collections.abc import Callable

from ikz_extract.loaders.html import load_html

SIZES_MB = (0.1, 0.5, 1.0, 2.0, 5.0)

_FUNCTION = (
    "der die das und in zu den von mit für auf ist im dem nicht ein eine als auch es an "
    "werden aus hat dass sie nach wird bei einer um am sind noch wie einem über einen so "
    "zum haben nur oder aber vor zur bis durch sich mehr sowie unter gegen ihre seine alle"
).split()
_CONTENT = (
    "Kreis Gemeinde Stadt Kooperation Verwaltung Bürgerinnen Bürger Klimaschutz Mobilität "
    "Digitalisierung Förderung Projekt Region Münsterland Netzwerk Zusammenarbeit Haushalt "
    "Ausschuss Beschluss Rat Landrat Bürgermeisterin Bürgermeister Feuerwehr Bauhof Schule "
    "Kita Radweg Breitband Wasserversorgung Abwasser Energie Wärmeplanung Quartier Ehrenamt "
    "Jugend Senioren Integration Wirtschaft Tourismus Landwirtschaft Umwelt Naturschutz "
    "Straße Brücke Sanierung Planung Umsetzung Beteiligung Veranstaltung Workshop Konzept "
    "Strategie Zukunft Ziel Maßnahme Ergebnis Bericht Vertrag Vereinbarung Partner Land "
    "Bund Europa Mittel Euro Millionen Jahr Monat Woche gemeinsam regional interkommunal "
    "nachhaltig digital öffentlich neu erfolgreich wichtig schnell kostenlos barrierefrei "
    "Antrag Verfahren Angebot Bedarf Entwicklung Einrichtung Unterstützung Information "
    "Kosten Aufgabe Leistung Verantwortung Kommune Kommunen Landkreis Region Verband Verein"
).split()
# German compounds give real text its long tail of rare words: "Radwegekonzept",
# "Schulbauprogramm", "Klimaschutzmanagerin".
_STEMS = (
    "Klima Rad Schul Wasser Energie Bau Verkehr Jugend Kultur Sport Feuerwehr Wirtschafts "
    "Umwelt Stadt Kreis Gemeinde Bürger Familien Senioren Wald Dorf Markt Haushalts Finanz "
    "Personal Breitband Netz Wärme Strom Abfall Grün Spiel Kinder Arbeits Gesundheits Pflege "
    "Integrations Ordnungs Friedhofs"
).split()
_ENDS = (
    "schutz weg amt plan konzept netz zentrum programm projekt förderung verwaltung ausschuss "
    "beirat fonds bericht bedarf kosten anlage platz straße haus büro stelle dienst "
    "management strategie initiative kampagne gipfel messe verein verband gruppe rat tag "
    "woche preis quote satzung"
).split()
_SMALL_VOCABULARY = (_FUNCTION[:20], _CONTENT[:100])  # --vocabulary small: a stress test
_NAMES = "Anna Müller|Jörg Schmitz|Petra Hoffmann|Deniz Yılmaz|Klaus Becker|Maria Weber".split("|")
_PLACES = "Borken|Coesfeld|Steinfurt|Warendorf|Münster|Ahaus|Gronau|Dülmen|Rheine".split("|")


class _Writer:
    """Prose from a seeded generator: every paragraph different, every run the same.

    Word frequencies are roughly those of German prose: function words often, a few hundred
    content words now and then, and a long tail of compounds, numbers and dates that occur
    only a few times per page. ``small`` draws from about 120 words only (a worst case for
    any lookup by word: every word of the page is common).
    """

    def __init__(self, seed: int, small: bool = False) -> None:
        self.rng = random.Random(seed)
        self.small = small

    def word(self) -> str:
        rng = self.rng
        if self.small:
            function, content = _SMALL_VOCABULARY
            return rng.choice(function) if rng.random() < 0.4 else rng.choice(content)
        roll = rng.random()
        if roll < 0.45:
            return rng.choice(_FUNCTION)
        if roll < 0.8:
            return rng.choice(_CONTENT)
        if roll < 0.9:
            return rng.choice(_STEMS) + rng.choice(_ENDS)
        if roll < 0.97:
            return rng.choice(_STEMS) + rng.choice(_STEMS).lower() + rng.choice(_ENDS)
        if roll < 0.985:
            return f"{rng.randint(1, 28)}.{rng.randint(1, 12):02d}.{rng.randint(2015, 2025)}"
        return str(rng.randint(2, 9999))

    def sentence(self, words: tuple[int, int] = (8, 22)) -> str:
        rng = self.rng
        n = rng.randint(*words)
        parts = [self.word() for _ in range(n)]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(n), f"{rng.randint(2, 480)} {rng.choice(('Euro', 'km'))}")
        if rng.random() < 0.2:
            parts.insert(rng.randrange(n), f"in {rng.choice(_PLACES)},")
        text = " ".join(parts)
        return text[0].upper() + text[1:] + rng.choice((".", ".", ".", "!", "?"))

    def paragraph(self, sentences: tuple[int, int] = (2, 7)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def title(self, words: tuple[int, int] = (2, 6)) -> str:
        return " ".join(self.rng.choice(_CONTENT) for _ in range(self.rng.randint(*words)))

    def link(self, n: int) -> str:
        return f'<a href="/seite/{n}-{self.rng.randint(1, 9999)}">{self.title((1, 4))}</a>'


def _header(w: _Writer) -> str:
    menu = "".join(f"<li>{w.link(i)}</li>" for i in range(40))
    return (
        '<header class="site-header"><a href="/"><img alt="Kreis Beispiel" src="/logo.png">'
        f'</a><nav class="mainnav"><ul>{menu}</ul></nav>'
        '<div class="cookie-banner"><p>Wir verwenden Cookies, um Ihnen die bestmögliche '
        "Nutzung unserer Webseite zu ermöglichen.</p><button>Akzeptieren</button></div>"
        "</header>"
        '<div class="breadcrumb"><a href="/">Startseite</a> › <a href="/aktuelles">Aktuelles'
        "</a> › Pressemitteilung</div>"
    )


def _section(w: _Writer, n: int) -> str:
    rng = w.rng
    parts = [f"<h2>{w.title()}</h2>"]
    for _ in range(rng.randint(3, 8)):
        if rng.random() < 0.15:
            parts.append(f"<p>{w.paragraph((1, 2))} {w.link(n)} {w.sentence()}</p>")
        else:
            parts.append(f"<p>{w.paragraph()}</p>")
    if rng.random() < 0.6:
        items = "".join(
            f"<li>{w.link(n) if rng.random() < 0.3 else w.sentence((3, 12))}</li>"
            for _ in range(rng.randint(3, 9))
        )
        parts.append(f"<ul>{items}</ul>")
    if rng.random() < 0.3:
        parts.append(
            f'<figure><img src="/bild/{n}.jpg" alt=""><figcaption>{w.sentence((4, 10))} '
            f"Foto: {rng.choice(_NAMES)}</figcaption></figure>"
        )
    if rng.random() < 0.2:
        parts.append(f"<p><strong>{w.title()}</strong></p><p>{w.paragraph()}</p>")
    if rng.random() < 0.15:
        rows = "".join(
            f"<tr><td>{w.title((1, 3))}</td><td>{rng.randint(1, 999)} Euro</td></tr>"
            for _ in range(rng.randint(2, 6))
        )
        parts.append(f"<table><tr><th>Posten</th><th>Betrag</th></tr>{rows}</table>")
    if rng.random() < 0.2:
        parts.append(f'<p><a href="/mehr/{n}">Mehr erfahren</a></p>')
    if rng.random() < 0.1:
        teasers = "".join(f"<li>{w.link(n)}</li>" for _ in range(4))
        parts.append(f"<h3>Das könnte Sie auch interessieren</h3><ul>{teasers}</ul>")
    return "".join(parts)


def build_page(size: int, seed: int = 2024, small: bool = False) -> bytes:
    """A page of about ``size`` bytes (UTF-8); the same bytes for the same arguments."""
    w = _Writer(seed, small)
    head = (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        "<title>Gemeinsam für die Region | Kreis Beispiel</title>"
        '<meta name="description" content="Pressemitteilung des Kreises Beispiel">'
        "</head><body>"
    )
    article = [
        f"<article><h1>{w.title((4, 8))}</h1><p>Veröffentlicht am 21.02.2024</p>"
        f'<p class="lead"><strong>{w.paragraph((1, 2))}</strong></p>'
    ]
    sidebar: list[str] = []
    footer_links: list[str] = []
    posts: list[str] = []  # readers' posts under the article: text the reference may drop
    used = len(head) + 12_000  # header, sidebar and footer frames, roughly
    n = 0
    while used < size:
        section = _section(w, n)
        article.append(section)
        used += len(section.encode())
        if n % 4 == 0:
            post = (
                f'<div class="beitrag"><p><b>{w.rng.choice(_NAMES)}</b> am '
                f"{w.rng.randint(1, 28)}.{w.rng.randint(1, 12)}.2024</p><p>{w.paragraph((1, 4))}"
                f'</p><p><a href="/antworten/{n}">Antworten</a></p></div>'
            )
            posts.append(post)
            used += len(post.encode())
        if n % 5 == 0:  # the sidebar and footer grow with the site, not only the article
            extra = f"<li>{w.link(n)}</li><li>{w.link(n)}</li>"
            sidebar.append(extra)
            footer_links.append(f"<li>{w.link(n)}</li>")
            used += len(extra.encode()) * 3 // 2
        n += 1
    article.append("<p>© Kreis Beispiel 2024</p></article>")
    page = (
        head
        + _header(w)
        + '<main id="content">'
        + "".join(article)
        + f'<section class="beitraege"><h2>Ihre Meinung</h2>{"".join(posts)}</section>'
        + f'<aside class="sidebar"><h2>Aktuelles</h2><ul>{"".join(sidebar)}</ul></aside>'
        + "</main>"
        + f"<footer><ul>{''.join(footer_links)}</ul><p>© 2024 Kreis Beispiel · "
        + '<a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a></p>'
        + "</footer></body></html>"
    )
    return page.encode()


Clock = Callable[[], float]


def best_seconds(work: Callable[[], object], rounds: int, clock: Clock) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = clock()
        work()
        best = min(best, clock() - start)
    return best


def _reference_only(data: bytes) -> Callable[[], object]:
    """trafilatura on the page as load_html hands it over: its cost is not ours to cut."""
    from ikz_extract.loaders.encoding import decode
    from ikz_extract.loaders.html_clean import clean
    from ikz_extract.loaders.html_reference import reference_text
    from ikz_extract.loaders.html_tree import parse_tree

    root = parse_tree(decode(data, html=True)[0])
    clean(root)
    body = root.find("body")
    main = body.find(".//main") if body is not None else None
    scope = main if main is not None else (body if body is not None else root)
    return lambda: reference_text(scope)


HEADER = (
    f"{'size':>6} {'bytes':>10} {'blocks':>6} | {'load_html':>9} {'s/MB':>5} | "
    f"{'ref=False':>9} {'s/MB':>5} | {'trafilatura':>11} {'s/MB':>5}"
)


def row(mb: float, rounds: int, small: bool, clock: Clock) -> str:
    data = build_page(int(mb * 1_000_000), small=small)
    real = len(data) / 1e6
    blocks = len(load_html(data).blocks)
    ours = best_seconds(lambda: load_html(data), rounds, clock)
    own = best_seconds(lambda: load_html(data, reference=False), rounds, clock)
    ref = best_seconds(_reference_only(data), rounds, clock)
    return (
        f"{mb:>4.1f}MB {len(data):>10,} {blocks:>6} | {ours:>8.2f}s {ours / real:>5.2f} | "
        f"{own:>8.2f}s {own / real:>5.2f} | {ref:>10.2f}s {ref / real:>5.2f}"
    )


def profile(mb: float, top: int, reference: bool, small: bool) -> str:
    data = build_page(int(mb * 1_000_000), small=small)
    profiler = cProfile.Profile()
    profiler.enable()
    load_html(data, reference=reference)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES_MB), help="in MB")
    parser.add_argument("--rounds", type=int, default=3, help="best of N runs per size")
    parser.add_argument(
        "--vocabulary",
        choices=("realistic", "small"),
        default="realistic",
        help="small: ~120 words, every word common (a worst case for lookups by word)",
    )
    parser.add_argument("--profile", type=float, metavar="MB", help="cProfile one size")
    parser.add_argument("--top", type=int, default=25, help="functions --profile lists")
    parser.add_argument("--no-reference", action="store_true", help="--profile reference=False")
    parser.add_argument("--write", type=float, metavar="MB", help="write one page to stdout")
    parser.add_argument(
        "--wall",
        action="store_true",
        help="wall-clock seconds; the default, CPU seconds of this process, ignores the "
        "neighbours on a shared machine",
    )
    args = parser.parse_args(argv)
    small = args.vocabulary == "small"
    if args.write:
        sys.stdout.buffer.write(build_page(int(args.write * 1_000_000), small=small))
        return 0
    if args.profile:
        print(profile(args.profile, args.top, not args.no_reference, small))
        return 0
    clock = time.perf_counter if args.wall else time.process_time
    seconds = "wall-clock" if args.wall else "CPU"
    print(f"vocabulary: {args.vocabulary}; best of {args.rounds}; {seconds} seconds")
    print(HEADER)
    for mb in (float(s) for s in args.sizes.split(",") if s.strip()):
        print(row(mb, args.rounds, small, clock), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

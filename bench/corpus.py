"""Benchmark corpus builder: many realistic documents from the few in ``samples/``.

Throughput measured on eight sample files says nothing about a batch of thousands, and
a corpus of byte-identical copies would flatter any cache. So the profile pages are
re-rendered with varied titles, names, numbers and section lengths (deterministic: a
seeded RNG), and the PDFs are copies of one 15+ page brochure whose metadata differs by a
few bytes, so every file has its own content hash while the layout work stays the same.

Usage: .venv/bin/python bench/corpus.py OUT_DIR [--profiles N] [--pdfs N]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ikz_extract.german.dates import MONTH_NAMES

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
FONTS = REPO / "scripts" / "fonts"
MIN_PDF_PAGES = 15
COPY_MARKER = b"ikz-bench-copy-00000"  # same length as every numbered replacement

# Names the profile templates use, and NRW names to swap in (Kreise, then Städte).
TEMPLATE_NAMES = ("Borken", "Coesfeld", "Warendorf", "Steinfurt", "Münster")
KREISE = (
    "Borken",
    "Coesfeld",
    "Warendorf",
    "Steinfurt",
    "Kleve",
    "Wesel",
    "Viersen",
    "Heinsberg",
    "Düren",
    "Euskirchen",
    "Lippe",
    "Paderborn",
    "Höxter",
    "Gütersloh",
    "Herford",
    "Olpe",
    "Soest",
    "Unna",
    "Recklinghausen",
    "Mettmann",
    "Minden-Lübbecke",
    "Siegen-Wittgenstein",
)
STAEDTE = (
    "Münster",
    "Bielefeld",
    "Dortmund",
    "Essen",
    "Bochum",
    "Hamm",
    "Köln",
    "Bonn",
    "Aachen",
    "Krefeld",
    "Hagen",
    "Solingen",
    "Gelsenkirchen",
    "Oberhausen",
    "Bottrop",
    "Leverkusen",
    "Mönchengladbach",
    "Wuppertal",
    "Herne",
    "Remscheid",
    "Düsseldorf",
    "Duisburg",
)
TOPICS = (
    "Gemeinsames Gewerbeflächenmanagement",
    "Interkommunale Klimaschutzoffensive",
    "Digitale Bauakte",
    "Regionales Mobilitätsnetzwerk",
    "Gemeinsame Vergabestelle",
    "Interkommunales Archiv",
    "Kooperation Breitbandausbau",
    "Netzwerk Fachkräftesicherung",
    "Gemeinsamer Rettungsdienst",
    "Regionale Wärmeplanung",
    "Tourismusverbund",
    "Interkommunale Gleichstellungsarbeit",
    "Zentrale Beihilfestelle",
    "Starkregenvorsorge",
)
GIVEN = ("Anna", "Jürgen", "Sabine", "Mehmet", "Claudia", "Thomas", "Ursula", "Dirk", "Leonie")
FAMILY = ("Schulze Pellengahr", "Meyer", "Özdemir", "Hagemann", "Brockmann", "Kuhlmann")
ROLES = ("Bürgermeisterin", "Bürgermeister", "Landrat", "Landrätin", "Kreisdirektor")
# Sentences appended to long paragraphs: names, roles, dates and sums for the NER pass.
EXTRA = (
    "Im {month} {year} trafen sich Vertreterinnen und Vertreter der Kreise {k1} und {k2} in "
    "{s1}, um die nächsten Schritte abzustimmen.",
    "{role} {given} {family} ({s1}) betonte die Bedeutung der Kooperation für die Region.",
    "Für die erste Projektphase stehen {money} Euro zur Verfügung, davon {share} Prozent aus "
    "Landesmitteln.",
    "Seit dem {day}.{mon:02d}.{year} beteiligt sich auch die Stadt {s2} an dem Netzwerk.",
    "Die Geschäftsstelle beim Kreis {k1} koordiniert die Arbeitsgruppen und berichtet dem "
    "Kreisausschuss zweimal im Jahr.",
    "Eine Evaluation durch die Hochschule {s2} ist für {year2} geplant.",
    "Insgesamt profitieren rund {people} Einwohnerinnen und Einwohner von dem Angebot.",
)


@dataclass(slots=True)
class Corpus:
    """Where the corpus lies and what it holds (the figures the benchmark divides by)."""

    root: Path
    profiles_html: Path
    profiles_text: Path
    pdfs: Path
    n_html: int = 0
    n_text: int = 0
    n_pdfs: int = 0
    pdf_pages: int = 0  # pages per PDF (all copies have the same)
    pdf_origin: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.n_html + self.n_text + self.n_pdfs

    @property
    def pages(self) -> int:
        """Pages in the corpus; a profile page counts as one page."""
        return self.n_html + self.n_text + self.n_pdfs * self.pdf_pages


# --------------------------------------------------------------------------- profiles


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    text: str
    is_html: bool
    title: str


def profile_templates(samples: Path = SAMPLES) -> list[Template]:
    """The HTML and text profiles among the samples (000_*, 002_*), with their titles."""
    templates = []
    for path in sorted(samples.glob("00[02]_*")):
        if path.suffix not in (".html", ".htm", ".txt", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        is_html = bool(re.match(r"\s*<(?:!doctype|html)", text, re.IGNORECASE))
        title = _html_title(text) if is_html else _text_title(text)
        if title:
            templates.append(Template(path.name, text, is_html, title))
    if not templates:
        raise SystemExit(f"no profile samples (000_*, 002_*) in {samples}")
    return templates


def _html_title(text: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.DOTALL)
    return html.unescape(m.group(1)).strip() if m else ""


def _text_title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line
    return ""


class _Variation:
    """One document's consistent substitutions: the same old name always maps the same way."""

    def __init__(self, rng: random.Random, template: Template) -> None:
        self.rng = rng
        kreise = rng.sample(KREISE, 4)
        staedte = rng.sample(STAEDTE, 3)
        self.names = dict(zip(TEMPLATE_NAMES, [*kreise, staedte[0]], strict=True))
        self.kreise, self.staedte = kreise, staedte
        self.old_title = template.title
        self.new_title = f"{rng.choice(TOPICS)} {rng.choice(('im', 'für den'))} Kreis {kreise[0]}"
        self._names_re = re.compile(r"\b(" + "|".join(map(re.escape, TEMPLATE_NAMES)) + r")\b")

    def text(self, segment: str, escape: Callable[[str], str]) -> str:
        """Vary one text segment (an HTML text node or a line of a text profile)."""
        old_title = escape(self.old_title)
        if old_title in segment:
            segment = segment.replace(old_title, escape(self.new_title))
        segment = self._names_re.sub(lambda m: self.names[m.group(1)], segment)
        segment = re.sub(r"\b\d{1,3}(?:\.\d{3})*,\d{2}\b", self._decimal, segment)
        segment = re.sub(r"\b\d{1,3}(?:\.\d{3})+\b", self._thousands, segment)
        segment = re.sub(r"\b(?:19|20)\d{2}\b", self._year, segment)
        if len(segment) > 100 and segment.rstrip().endswith((".", ")")):
            segment = self._resize(segment, escape)
        return segment

    def _year(self, _m: re.Match[str]) -> str:
        return str(self.rng.randint(1995, 2025))

    def _decimal(self, _m: re.Match[str]) -> str:
        whole = f"{self.rng.randint(40, 2500):,}".replace(",", ".")
        return f"{whole},{self.rng.randint(0, 99):02d}"

    def _thousands(self, _m: re.Match[str]) -> str:
        return f"{self.rng.randint(20_000, 1_100_000):,}".replace(",", ".")

    def _resize(self, segment: str, escape: Callable[[str], str]) -> str:
        """Shorten to the first sentence, keep, or grow by up to six sentences."""
        roll = self.rng.random()
        if roll < 0.25:
            first = re.match(r"(.+?[.!?])\s", segment)
            return first.group(1) if first else segment
        if roll < 0.45:
            return segment
        tail = segment[len(segment.rstrip()) :]
        extra = " ".join(escape(self._sentence()) for _ in range(self.rng.randint(1, 6)))
        return f"{segment.rstrip()} {extra}{tail}"

    def _sentence(self) -> str:
        r = self.rng
        year = r.randint(2005, 2025)
        return r.choice(EXTRA).format(
            month=r.choice(MONTH_NAMES),
            year=year,
            year2=year + r.randint(1, 4),
            k1=r.choice(self.kreise),
            k2=r.choice(self.kreise),
            s1=r.choice(self.staedte),
            s2=r.choice(STAEDTE),
            role=r.choice(ROLES),
            given=r.choice(GIVEN),
            family=r.choice(FAMILY),
            money=f"{r.randint(10, 990) * 1000:,}".replace(",", "."),
            share=r.randint(10, 90),
            day=r.randint(1, 28),
            mon=r.randint(1, 12),
            people=f"{r.randint(20, 900) * 1000:,}".replace(",", "."),
        )


def render_profile(template: Template, rng: random.Random) -> str:
    """One varied copy of a profile template, HTML markup and text layout kept."""
    variation = _Variation(rng, template)
    if template.is_html:
        esc = lambda s: html.escape(s, quote=False)  # noqa: E731
        return re.sub(
            r">([^<]+)<", lambda m: ">" + variation.text(m.group(1), esc) + "<", template.text
        )
    return "\n".join(variation.text(line, lambda s: s) for line in template.text.split("\n"))


def write_profiles(
    folder_html: Path, folder_text: Path, count: int, seed: int, samples: Path = SAMPLES
) -> tuple[int, int]:
    """``count`` varied profiles, templates taken round-robin; returns (html, text) counts."""
    templates = profile_templates(samples)
    rng = random.Random(seed)
    folder_html.mkdir(parents=True, exist_ok=True)
    folder_text.mkdir(parents=True, exist_ok=True)
    counts = [0, 0]
    for i in range(count):
        template = templates[i % len(templates)]
        body = render_profile(template, rng)
        folder = folder_html if template.is_html else folder_text
        suffix = ".html" if template.is_html else ".txt"
        (folder / f"p{i:05d}_{template.name[:3]}{suffix}").write_text(body, encoding="utf-8")
        counts[0 if template.is_html else 1] += 1
    return counts[0], counts[1]


# --------------------------------------------------------------------------- PDFs


def pdf_page_count(data: bytes) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def find_pdf_sample(samples: Path = SAMPLES) -> Path | None:
    """The longest sample PDF with at least MIN_PDF_PAGES pages (003_* preferred)."""
    best: tuple[bool, int, Path] | None = None
    for path in sorted(samples.glob("*.pdf")):
        try:
            pages = pdf_page_count(path.read_bytes())
        except Exception:  # a half-written sample while someone regenerates them
            continue
        if pages >= MIN_PDF_PAGES:
            key = (path.name.startswith("003_"), pages, path)
            best = key if best is None or key[:2] > best[:2] else best
    return best[2] if best else None


def generate_brochure(text: str) -> bytes:
    """A brochure PDF from the strategy text dump: headings, paragraphs, bullets, furniture.

    Used while samples/ has no PDF of 15+ pages; the font grows until the text fills them.
    """
    size = 11.0
    while True:
        data = _layout(text, size)
        if pdf_page_count(data) >= MIN_PDF_PAGES + 1 or size > 16:
            return data
        size += 0.5


def _layout(text: str, size: float) -> bytes:
    from fpdf import FPDF

    class Brochure(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font(family, "", 8)
                self.cell(0, 6, "Strategische Ziele – Kreis Coesfeld", align="R")
                self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(family, "", 8)
            self.cell(0, 10, f"– {self.page_no()} –", align="C")

    pdf = Brochure(format="A4")
    pdf.set_creation_date(datetime(2025, 6, 24, 10, 0, tzinfo=timezone.utc))
    pdf.set_subject(COPY_MARKER.decode())
    pdf.set_title("Strategische Ziele")
    if (FONTS / "DejaVuSans.ttf").exists():
        family = "DejaVu"
        pdf.add_font(family, "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font(family, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    else:  # core font: latin-1 only
        family = "Helvetica"
        text = text.translate(str.maketrans("–„“•’", '-""-\''))
        text = text.encode("latin-1", "replace").decode("latin-1")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            pdf.ln(size * 0.25)
            continue
        letters = [c for c in line if c.isalpha()]
        caps = len(letters) >= 4 and all(c.isupper() for c in letters) and len(line) < 70
        if caps:
            if re.match(r"^[A-Z]\. ", line) and pdf.get_y() > 60:
                pdf.add_page()
            pdf.ln(size * 0.4)
            pdf.set_font(family, "B", size * 1.45)
            pdf.multi_cell(0, size * 0.62, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(size * 0.2)
        elif re.match(r"^[•\-–▪]\s", line):
            pdf.set_font(family, "", size)
            pdf.set_x(31)
            pdf.multi_cell(0, size * 0.5, "•  " + line[1:].strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(family, "", size)
            pdf.multi_cell(0, size * 0.5, line.replace("\t", "  "), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def uniquify(data: bytes, index: int) -> bytes:
    """The same PDF with a few metadata bytes changed in place (xref offsets stay valid)."""
    if COPY_MARKER in data:
        return data.replace(COPY_MARKER, f"ikz-bench-copy-{index:05d}".encode())
    m = re.search(rb"/CreationDate\s*\(D:(\d{14})", data)
    if m:
        stamp = f"2000{index // 10000 % 100:02d}{index % 10000:04d}0000".encode()[:14]
        return data[: m.start(1)] + stamp + data[m.end(1) :]
    m = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]{8,})>", data)
    if m:
        return data[: m.end(1) - 8] + f"{index:08X}".encode() + data[m.end(1) :]
    return data + f"\n%ikz-bench-copy {index}\n".encode()


def write_pdfs(folder: Path, count: int, samples: Path = SAMPLES) -> tuple[int, str]:
    """``count`` unique copies of one 15+ page PDF; returns (pages per PDF, its origin)."""
    sample = find_pdf_sample(samples)
    if sample is not None:
        data, origin = sample.read_bytes(), f"copies of {sample.name}"
    else:
        dumps = sorted(samples.glob("003_*.txt")) or sorted(samples.glob("*.txt"))
        longest = max(dumps, key=lambda p: p.stat().st_size)
        data = generate_brochure(longest.read_text(encoding="utf-8"))
        origin = f"generated from {longest.name} (no 15+ page sample PDF yet)"
    folder.mkdir(parents=True, exist_ok=True)
    hashes = set()
    for i in range(count):
        copy = uniquify(data, i)
        hashes.add(hashlib.sha256(copy).hexdigest())
        (folder / f"d{i:03d}.pdf").write_bytes(copy)
    if len(hashes) != count:
        raise SystemExit("PDF copies are not unique")
    return pdf_page_count(data), origin


# --------------------------------------------------------------------------- corpus


def build_corpus(
    root: Path, *, profiles: int = 1000, pdfs: int = 50, seed: int = 7, samples: Path = SAMPLES
) -> Corpus:
    """profiles/html, profiles/text and pdfs/ under ``root``."""
    corpus = Corpus(root, root / "profiles" / "html", root / "profiles" / "text", root / "pdfs")
    corpus.n_html, corpus.n_text = write_profiles(
        corpus.profiles_html, corpus.profiles_text, profiles, seed, samples
    )
    if pdfs:
        corpus.pdf_pages, corpus.pdf_origin = write_pdfs(corpus.pdfs, pdfs, samples)
        corpus.n_pdfs = pdfs
    return corpus


def files(folder: Path) -> Iterable[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out", type=Path)
    ap.add_argument("--profiles", type=int, default=1000)
    ap.add_argument("--pdfs", type=int, default=50)
    args = ap.parse_args()
    corpus = build_corpus(args.out, profiles=args.profiles, pdfs=args.pdfs)
    print(
        f"{corpus.root}: {corpus.n_html} HTML + {corpus.n_text} text profiles, "
        f"{corpus.n_pdfs} PDFs × {corpus.pdf_pages} pages ({corpus.pdf_origin})"
    )


if __name__ == "__main__":
    main()

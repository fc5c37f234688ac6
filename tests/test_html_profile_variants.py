"""IKZ profile pages keep every field whatever container classes the portal uses.

Made-up pages of the shape real portals use: the fields after the article text sit in a
``div`` whose class contains "meta" (which trafilatura drops wholesale), one field is
empty and filled ones follow it, the Links section is only links, the contact is an
``<address>``.
"""

from __future__ import annotations

from pathlib import Path

from ikz_extract.discover import SourceFile
from ikz_extract.loaders.html import load_html
from ikz_extract.models import ProfileRecord
from ikz_extract.options import Options
from ikz_extract.pipeline import extract

ARTICLE = """
<p>Die Gemeinden Altenberge, Nordwalde und Greven betreiben seit dem Jahr 2019 einen
gemeinsamen Bauhof. Die Zusammenarbeit spart Kosten bei Fahrzeugen, Geräten und Personal und
sichert den Winterdienst auf allen Gemeindestraßen auch bei Krankheit und Urlaub.</p>
<p>Ziel der Zusammenarbeit ist es, die Auslastung der Maschinen zu verbessern und die
Beschaffung gemeinsam auszuschreiben. Die Bürgermeister treffen sich dazu zweimal im Jahr.</p>
"""

FIELDS = """
<h2>Finanzierung</h2><p>Die Kosten werden nach Einwohnerzahl geteilt.</p>
<h2>Rechtsform</h2>
<h2>Zusammenarbeit seit</h2><p>2019</p>
<h2>Kontakt</h2>
<address>Gemeinde Altenberge<br>Kirchstraße 25<br>48341 Altenberge<br>
Telefon: 02505 82 0<br>E-Mail: info@altenberge.de</address>
<h2>Links</h2>
<ul><li><a href="https://www.altenberge.de/bauhof">Bauhof Altenberge</a></li>
<li><a href="https://www.nordwalde.de/bauhof">Bauhof Nordwalde</a></li></ul>
"""


def page(fields_wrapper: str) -> str:
    open_tag, close_tag = fields_wrapper.split("|")
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Gemeinsamer Bauhof Nordkreis | IKZ-Portal</title></head><body>
<nav><ul><li><a href="/">Start</a></li><li><a href="/projekte">Projekte</a></li></ul></nav>
<main><article>
<h1>Gemeinsamer Bauhof Nordkreis</h1>
<h2>Kurzbeschreibung</h2>{ARTICLE}
{open_tag}{FIELDS}{close_tag}
</article></main>
<footer><p>Impressum · Datenschutz</p></footer></body></html>"""


WRAPPERS = [
    '<div class="steckbrief-meta">|</div>',
    '<div class="entry-meta project-meta">|</div>',
    '<div class="ikz-fields">|</div>',
    "|",
]


def record(html: str, tmp_path: Path) -> ProfileRecord:
    path = tmp_path / "profil.html"
    path.write_text(html, encoding="utf-8")
    rec = extract(SourceFile(path, path.name), path.read_bytes(), Options(annotate=False)).record
    assert isinstance(rec, ProfileRecord), rec.record_type
    return rec


def test_fields_survive_every_container(tmp_path: Path) -> None:
    for wrapper in WRAPPERS:
        text = load_html(page(wrapper).encode()).text
        for value in ("nach Einwohnerzahl geteilt", "Kirchstraße 25", "Bauhof Nordwalde"):
            assert value in text, (wrapper, value)
        f = record(page(wrapper), tmp_path).fields
        assert f.finanzierung == "Die Kosten werden nach Einwohnerzahl geteilt.", wrapper
        assert f.zusammenarbeit_seit == 2019, wrapper
        assert f.rechtsform is None, wrapper
        assert f.kontakt.plz == "48341" and f.kontakt.email == "info@altenberge.de", wrapper
        assert [link.url for link in f.links] == [
            "https://www.altenberge.de/bauhof",
            "https://www.nordwalde.de/bauhof",
        ], wrapper


def test_empty_field_does_not_end_the_fields() -> None:
    doc = load_html(page('<div class="steckbrief-meta">|</div>').encode())
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings[-4:] == ["Rechtsform", "Zusammenarbeit seit", "Kontakt", "Links"]

"""Press releases: a dateline names a place, and the lead above it stays in the record."""

from __future__ import annotations

from pathlib import Path

from ikz_extract.discover import SourceFile
from ikz_extract.options import Options
from ikz_extract.parsers.press import _dateline
from ikz_extract.pipeline import extract

REST = (
    " Rund 50 Einsatzkräfte waren am Samstag im Einsatz, um den Brand in der Lagerhalle zu"
    " löschen und die Nachbarhäuser zu schützen."
)


def test_places_are_datelines() -> None:
    assert _dateline("Münster." + REST) == "Münster"
    assert _dateline("Kreis Coesfeld." + REST) == "Kreis Coesfeld"
    assert _dateline("Bocholt (ots) –" + REST) == "Bocholt"
    assert _dateline("Detmold, 12.03.2024 –" + REST) == "Detmold"


def test_roles_titles_initials_and_labels_are_not() -> None:
    for false in ("Kreisbrandmeister Dr.", "J.", "Hintergrund:", "Landrat Schulze:", "Info:"):
        assert _dateline(false + REST) is None, false


PAGE = """<html lang="de"><head><meta charset="utf-8"><title>Pressemitteilung</title></head>
<body><main><article>
<h1>Großbrand in Lagerhalle gelöscht</h1>
<p>Pressemitteilung vom 12.03.2024</p>
<p>Die Feuerwehr des Kreises lobt die Zusammenarbeit der Löschzüge aus drei Gemeinden.</p>
<p>Kreisbrandmeister Dr. Hans Berger dankte allen Kräften. „Das war Teamarbeit“, sagte Berger
nach dem Einsatz, der bis in die Nacht dauerte und viele Kräfte gebunden hat.</p>
<p>Borken. Rund 50 Einsatzkräfte waren am Samstag im Einsatz, um den Brand in der Lagerhalle
zu löschen. Verletzt wurde niemand, die Ursache ist noch unklar und wird ermittelt.</p>
<p>Die Polizei hat die Ermittlungen aufgenommen und bittet Zeugen, sich zu melden.</p>
</article></main></body></html>"""


def test_lead_between_headline_and_dateline_stays(tmp_path: Path) -> None:
    path = tmp_path / "pm.html"
    path.write_text(PAGE, encoding="utf-8")
    record = extract(SourceFile(path, path.name), path.read_bytes(), Options(annotate=False)).record
    assert record.record_type == "press_release"
    text = "\n".join(s.text for s in record.sections)
    assert "lobt die Zusammenarbeit der Löschzüge" in text
    assert "Kreisbrandmeister Dr. Hans Berger dankte" in text
    assert "bittet Zeugen" in text
    assert record.fields.ort == "Borken"  # type: ignore[attr-defined]
    assert record.published is not None and record.published.value == "2024-03-12"

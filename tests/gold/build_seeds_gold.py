"""Hand annotation of the five seed texts → ``seeds.gold.jsonl`` (run after editing).

Every entry was written by reading the seed text (guidelines in docs/ner.md), not from the
system's output. An entry names its text and a context string that occurs exactly once in
the seed and contains the text (``"*"``: every occurrence of the text is that entity). The
builder resolves each entry to character offsets, to its ``occurrence`` (the n-th, 0-based,
occurrence of that exact text as a substring of the seed file) and to ``left``/``right``
context, which the evaluator uses to find the same mention in a record whose text a loader
has reshaped (see nlp/evaluate.py).

Usage: ``.venv/bin/python tests/gold/build_seeds_gold.py [SEEDS_DIR]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[2] / "shared" / "seeds"
CONTEXT = 40  # characters of context kept on each side, for matching predictions

S000 = "000_96834933350ee318.txt"
S001 = "001_b1964a88d20788ce.txt"
S002 = "002_e904c1fb7a28568a.txt"
S003 = "003_ad2c3ff7510822b0.txt"
S004 = "004_5cf8645511e83c44.txt"

# (label, text, kb_id or ISO value, context, precision for dates)
Entry = tuple[str, str, str | None, str] | tuple[str, str, str | None, str, str]

ENTITIES: dict[str, list[Entry]] = {
    S000: [
        # participants line under the title
        ("DISTRICT", "Kreis Borken", "05554", "\nKreis Borken, Kreis Coesfeld"),
        ("DISTRICT", "Kreis Coesfeld", "05558", "Kreis Borken, Kreis Coesfeld, Kreis Warendorf"),
        ("DISTRICT", "Kreis Warendorf", "05570", "Kreis Coesfeld, Kreis Warendorf"),
        ("DISTRICT", "Kreis Steinfurt", "05566", "Kreis Warendorf, Kreis Steinfurt, Münster"),
        ("MUNICIPALITY", "Münster", "05515000", "Kreis Steinfurt, Münster\n"),
        # Hauptverantwortlich / Sonstige Beteiligte / Kurzprofil
        ("DISTRICT", "Kreis Borken", "05554", "---\n\nKreis Borken\n\n## Sonstige"),
        ("ORG", "Münsterland e.V.", None, "Münsterland e.V."),
        ("DISTRICT", "Kreis Borken", "05554", "---\n\nKreis Borken  \nRegierungsbezirk"),
        ("GOV_REGION", "Regierungsbezirk Münster", "055", "Regierungsbezirk Münster"),
        ("ORG", "IT.NRW", None, "(IT.NRW, 31"),
        ("DATE", "31.12.2020", "2020-12-31", "31.12.2020", "day"),
        # Umsetzung
        ("DISTRICT", "Borken", "05554", "Die Kreise Borken, Coesfeld"),
        ("DISTRICT", "Coesfeld", "05558", "Kreise Borken, Coesfeld, Steinfurt"),
        ("DISTRICT", "Steinfurt", "05566", "Coesfeld, Steinfurt und Warendorf"),
        ("DISTRICT", "Warendorf", "05570", "Steinfurt und Warendorf, die Stadt"),
        ("MUNICIPALITY", "Stadt Münster", "05515000", "die Stadt Münster sowie"),
        ("ORG", "Münsterland e. V.", None, "der Münsterland e. V. haben"),
        ("DATE", "Jahr 2018", "2018", "im Jahr 2018 den", "year"),
        ("DISTRICT", "Kreis Borken", "05554", "Bild: Kreis Borken und Links"),
        # Zusammenarbeit seit / Kontakt / Links
        ("DATE", "2018", "2018", "seit:**\n\n2018", "year"),
        ("DISTRICT", "Kreis Borken", "05554", "**Kontakt:**\n\nKreis Borken"),
        ("MUNICIPALITY", "Borken", "05554012", "46325 Borken"),
        ("MUNICIPALITY", "Stadt Münster", "05515000", "Stadt Münster / Regionalentwicklung"),
        ("DISTRICT", "Kreis Coesfeld", "05558", "Kreis Coesfeld Regionalentwicklung"),
    ],
    S001: [
        ("ORG", "Stadtregion Münster", None, "Zusammenarbeit in der Stadtregion Münster\nIn"),
        ("ORG", "Stadtregion Münster", None, "In der Stadtregion Münster haben"),
        ("MUNICIPALITY", "Altenberge", "05566004", "Altenberge"),
        ("MUNICIPALITY", "Ascheberg", "05558004", "Ascheberg"),
        ("MUNICIPALITY", "Drensteinfurt", "05570016", "Drensteinfurt"),
        ("MUNICIPALITY", "Everswinkel", "05570024", "Everswinkel"),
        ("MUNICIPALITY", "Greven", "05566012", "Greven"),
        ("MUNICIPALITY", "Havixbeck", "05558020", "Greven, Havixbeck"),
        ("MUNICIPALITY", "Nottuln", "05558032", "Nottuln"),
        ("MUNICIPALITY", "Ostbevern", "05570032", "Ostbevern"),
        ("MUNICIPALITY", "Münster", "05515000", "Ostbevern, Münster"),
        ("MUNICIPALITY", "Senden", "05558044", "Münster, Senden,"),
        ("MUNICIPALITY", "Sendenhorst", "05570040", "Senden, Sendenhorst und"),
        ("MUNICIPALITY", "Telgte", "05570044", "Telgte"),
        ("PERSON", "Jörn Möltgen", None, "Jörn Möltgen von der"),
        ("MUNICIPALITY", "Gemeinde Havixbeck", "05558020", "Gemeinde Havixbeck"),
        ("PERSON", "Katrin Reuscher", None, "Katrin Reuscher von der"),
        ("MUNICIPALITY", "Stadt Sendenhorst", "05570040", "Stadt Sendenhorst"),
        ("ORG", "Stadtregion Münster", None, "Stadtregion Münster, wie"),
        ("ORG", "Stadtregion Münster", None, "Netzwerks Stadtregion Münster"),
        ("MUNICIPALITY", "Stadt Münster", "05515000", "Verwaltungsvorstand der Stadt Münster"),
        ("PERSON", "Jörn Möltgen", None, "Jörn Möltgen, Havixbeck"),
        ("MUNICIPALITY", "Havixbeck", "05558020", "Möltgen, Havixbeck"),
        ("PERSON", "Katrin Reuscher", None, "Katrin Reuscher, Sendenhorst"),
        ("MUNICIPALITY", "Sendenhorst", "05570040", "Reuscher, Sendenhorst"),
        ("PERSON", "Robin Denstorff", None, "Robin Denstorff"),
        ("MUNICIPALITY", "Münster", "05515000", "Denstorff, Münster"),
        ("MUNICIPALITY", "Stadt Münster", "05515000", "Ämtern der Stadt Münster"),
    ],
    S002: [
        ("ORG", "Klimakreis Borken", None, "\nKlimakreis Borken –"),
        ("DISTRICT", "Kreis Borken", "05554", "Klimaschutzarbeit\n\nKreis Borken"),
        ("DISTRICT", "Kreis Borken", "05554", "Hauptverantwortlich:\n\nKreis Borken"),
        ("DISTRICT", "Kreis Borken", "05554", "Kurzprofil:\n\nKreis Borken"),
        ("GOV_REGION", "Regierungsbezirk Münster", "055", "Regierungsbezirk Münster"),
        ("DATE", "31.12.2024", "2024-12-31", "31.12.2024", "day"),
        ("ORG", "IT. NRW", None, "IT. NRW"),
        ("ORG", "Klimakreis Borken", None, "Der Klimakreis Borken vernetzt"),
        ("DISTRICT", "Kreis Borken", "05554", "vernetzt den Kreis Borken"),
        ("DISTRICT", "Kreis Borken", "05554", "Der Kreis Borken übernimmt"),
        ("DISTRICT", "Kreises Borken", "05554", "des Kreises Borken sowie"),
        ("DATE", "2011", "2011", "seit:\n\n2011", "year"),
        ("DISTRICT", "Kreis Borken", "05554", "Kontakt:\n\nKreis Borken"),
        ("MUNICIPALITY", "Borken", "05554012", "46325\n\nBorken"),
    ],
    S003: [
        ("DATE", "24.06.2025", "2025-06-24", "Sitzung am 24.06.2025", "day"),
        ("DISTRICT", "Kreis Coesfeld", "05558", "*"),
        ("DISTRICT", "Kreises Coesfeld", "05558", "*"),
        ("MUNICIPALITY", "Coesfeld", "05558012", "Str. 7\n48653 Coesfeld"),
        ("DATE", "Juni 2025", "2025-06", "Coesfeld, Juni 2025", "month"),
        ("DATE", "Jahr 2018", "2018", "im Jahr 2018", "year"),
        ("PERSON", "Christian Schulze Pellengahr", None, "Christian Schulze Pellengahr"),
        ("DISTRICT", "KREISES COESFELD", "05558", "KREISES COESFELD"),
        ("DATE", "24.06.2025", "2025-06-24", "Kreistag am 24.06.2025", "day"),
        (
            "ORG",
            "Wirtschaftsförderungsgesellschaft (wfc)",
            None,
            "Wirtschaftsförderungsgesellschaft (wfc)",
        ),
        ("ORG", "Europäischen Union", None, "Europäischen Union"),
        ("ORG", "Vereinten Nationen", None, "Vereinten Nationen"),
        (
            "ORG",
            "Netzwerk „Zukunft durch Innovation“ (zdi)",
            None,
            "Netzwerk „Zukunft durch Innovation“ (zdi)",
        ),
        ("DATE", "bis spätestens 2040", "../2040", "Kreises Coesfeld bis spätestens 2040", "year"),
        ("DATE", "Jahr 2035", "2035", "bereits im Jahr 2035", "year"),
        ("DATE", "bis spätestens 2040", "../2040", "Kreis Coesfeld bis spätestens 2040", "year"),
        ("DATE", "bis 2035", "../2035", "Vorbildfunktion bis 2035", "year"),
        ("DATE", "2040", "2040", "für 2040 und", "year"),
        ("DATE", "2035", "2035", "2040 und 2035 weiterhin", "year"),
        (
            "ORG",
            "Gesellschaft zur Förderung regenerativer Energien (GFC)",
            None,
            "Gesellschaft zur Förderung regenerativer Energien (GFC)",
        ),
        ("ORG", "Zweckverband EUREGIO", None, "Zweckverband EUREGIO"),
        ("DISTRICT", "Partnerkreis Ostprignitz-Ruppin", "12068", "Partnerkreis Ostprignitz-Ruppin"),
        ("MUNICIPALITY", "COESFELD", "05558012", "IN COESFELD"),
        ("DISTRICT", "KREIS COESFELD", "05558", "\nKREIS COESFELD\n"),
        ("MUNICIPALITY", "Coesfeld", "05558012", "Straße 7\n48653 Coesfeld"),
        ("DATE", "Juni 2025", "2025-06", "Stand: Juni 2025", "month"),
        ("ORG", "AdobeStock.com", None, "Worawut - AdobeStock.com"),
        ("ORG", "AdobeStock.com", None, "InfiniteFlow - AdobeStock.com"),
    ],
    S004: [
        ("PERSON", "Dorothee Feller", None, "(v.l.) Dorothee Feller"),
        ("GOV_REGION", "Münster", "055", "(v.l.) Dorothee Feller (Münster)"),
        (
            "PERSON",
            "Judith Pirscher",
            None,
            "(Münster), Judith Pirscher (Detmold) und Hans-Josef Vogel (Arnsberg) eingeladen, ©",
        ),
        (
            "GOV_REGION",
            "Detmold",
            "057",
            "Pirscher (Detmold) und Hans-Josef Vogel (Arnsberg) eingeladen, ©",
        ),
        ("PERSON", "Hans-Josef Vogel", None, "Hans-Josef Vogel (Arnsberg) eingeladen, ©"),
        ("GOV_REGION", "Arnsberg", "059", "(Arnsberg) eingeladen, ©"),
        ("ORG", "Bezirksregierung Münster", None, "eingeladen, © Bezirksregierung Münster"),
        ("DATE", "27.08.2021", "2021-08-27", "27.08.2021", "day"),
        ("MUNICIPALITY", "Münster", "05515000", "\nMünster. Rund"),
        ("GOV_REGION", "Arnsberg", "059", "Regierungsbezirken Arnsberg"),
        ("GOV_REGION", "Detmold", "057", "Arnsberg, Detmold und Münster haben"),
        ("GOV_REGION", "Münster", "055", "Detmold und Münster haben"),
        ("ORG", "FH Münster", None, "FH Münster"),
        ("PERSON", "Dorothee Feller", None, "Regierungspräsident*innen Dorothee Feller"),
        ("GOV_REGION", "Münster", "055", "innen Dorothee Feller (Münster)"),
        (
            "PERSON",
            "Judith Pirscher",
            None,
            "Judith Pirscher (Detmold) und Hans-Josef Vogel (Arnsberg) auch",
        ),
        ("GOV_REGION", "Detmold", "057", "(Detmold) und Hans-Josef Vogel (Arnsberg) auch"),
        ("PERSON", "Hans-Josef Vogel", None, "Hans-Josef Vogel (Arnsberg) auch"),
        ("GOV_REGION", "Arnsberg", "059", "(Arnsberg) auch"),
        ("PERSON", "Dorothee Feller", None, "so Dorothee Feller"),
        ("PERSON", "Judith Pirscher", None, "erklärt Judith Pirscher"),
        ("PERSON", "Hans-Josef Vogel", None, "so Hans-Josef Vogel"),
        ("MUNICIPALITY", "Arnsberg", "05958004", "Nach Arnsberg"),
        ("DATE", "2019", "2019", "(2019)", "year"),
        ("MUNICIPALITY", "Münster", "05515000", "(2019) und Münster"),
        ("DATE", "2022", "2022", "Lippe 2022", "year"),
        ("MUNICIPALITY", "Detmold", "05766020", "in Detmold stattfinden"),
        ("ORG", "Bottom-Up.City", None, "Bottom-Up.City"),
        ("ORG", "Bezirksregierung Münster", None, "City © Bezirksregierung Münster"),
    ],
}


def _person(
    given: str, family: str, role: str, affiliation: str, ags: str, title: str | None = None
) -> dict[str, str | None]:
    return {
        "name": f"{given} {family}",
        "given_name": given,
        "family_name": family,
        "title": title,
        "role": role,
        "affiliation": affiliation,
        "affiliation_ags": ags,
    }


PERSONS: dict[str, list[dict[str, str | None]]] = {
    S001: [
        _person("Jörn", "Möltgen", "Bürgermeister", "Gemeinde Havixbeck", "05558020"),
        _person("Katrin", "Reuscher", "Bürgermeisterin", "Stadt Sendenhorst", "05570040"),
        _person("Robin", "Denstorff", "Stadtbaurat", "Münster", "05515000"),
    ],
    S003: [
        _person("Christian", "Schulze Pellengahr", "Landrat", "Kreis Coesfeld", "05558", "Dr."),
    ],
    S004: [
        _person("Dorothee", "Feller", "Regierungspräsidentin", "Münster", "055"),
        _person("Judith", "Pirscher", "Regierungspräsidentin", "Detmold", "057"),
        _person("Hans-Josef", "Vogel", "Regierungspräsident", "Arnsberg", "059"),
    ],
}


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def resolve(seed_text: str, entries: list[Entry]) -> list[dict[str, object]]:
    """Entries → gold entities with offsets and occurrence index, sorted by offset."""
    out: list[dict[str, object]] = []
    for entry in entries:
        label, text, kb, ctx = entry[:4]
        precision = entry[4] if len(entry) > 4 else None
        occ = _occurrences(seed_text, text)
        if ctx == "*":
            starts = occ
        else:
            where = _occurrences(seed_text, ctx)
            if len(where) != 1:
                raise ValueError(f"context {ctx!r} occurs {len(where)} times")
            inner = ctx.find(text)
            if inner < 0:
                raise ValueError(f"{text!r} not inside context {ctx!r}")
            starts = [where[0] + inner]
        for start in starts:
            end = start + len(text)
            item: dict[str, object] = {
                "label": label,
                "text": text,
                "occurrence": occ.index(start),
                "start": start,
                "end": end,
                "left": seed_text[max(0, start - CONTEXT) : start],
                "right": seed_text[end : end + CONTEXT],
            }
            if label == "DATE":
                item["value"] = kb
                item["precision"] = precision
            else:
                item["kb_id"] = kb
            out.append(item)
    out.sort(key=lambda e: (int(str(e["start"])), str(e["label"])))
    seen: set[tuple[object, object]] = set()
    for e in out:
        key = (e["start"], e["end"])
        if key in seen:
            raise ValueError(f"duplicate gold span {e}")
        seen.add(key)
    return out


def main() -> None:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS
    lines = []
    for key in (S000, S001, S002, S003, S004):
        text = (seeds / key).read_text(encoding="utf-8")
        lines.append(
            json.dumps(
                {
                    "key": key,
                    "entities": resolve(text, ENTITIES[key]),
                    "persons": PERSONS.get(key, []),
                },
                ensure_ascii=False,
            )
        )
    (HERE / "seeds.gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} gold lines")


if __name__ == "__main__":
    main()

"""Derive the NER pass's compact package data from ../shared/data (run by hand, output committed).

Writes, under ``src/ikz_extract/data``:

- ``gazetteer/places.tsv``: every Regierungsbezirk, Kreis and Gemeinde of Germany (Destatis
  GV100AD) with key, names, Kreis/RB/Land keys, population and postcode.
- ``gazetteer/ambiguous.tsv``: place names that are also ordinary German words or given names
  and therefore need municipal context. Derived from spacy-lookups-data's German lemma and
  lexeme-probability tables (a name whose lowercase form is a frequent word, or that is an
  inflected/declinable noun with a frequent capitalised form) and from the given-name counts.
- ``names/given_names.tsv``: given names from the CC BY city lists (Köln, Berlin).
- ``names/given_names_namdict.tsv``: given names from Jörg Michael's nam_dict (GFDL, separate).
- ``names/common_words.txt``: frequent capitalised German words (nouns etc.) that a surname
  rule must not take for a name on its own.

Usage: ``.venv/bin/python scripts/build_nlp_data.py [--shared ../shared]``.
Needs the dev extra (spacy-lookups-data); the runtime never does.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "ikz_extract" / "data"

# A lowercase form at least this probable (log prob in spaCy's lexeme table) is an ordinary
# word (verb, adjective, adverb, conjunction: senden, weil, much).
LOWER_WORD_LOGPROB = -13.5
# A capitalised form at least this probable that the lemma table knows as a declinable noun
# (Lage/Lagen, Kirche/Kirchen) is read as that noun more often than as a place.
NOUN_LOGPROB = -12.5
# Lowercase words at least this probable are function words / frequent words: a capitalised
# token whose lowercase form is one ("Durch", "An", "The") is not a name on its own.
FUNCTION_WORD_LOGPROB = -11.0
# A place name registered this often as a newborn's given name is also a person's name.
GIVEN_NAME_COUNT = 50
# Given names registered fewer times than this in the city lists are noise.
MIN_GIVEN_COUNT = 3
# Capitalised words at least this probable are "common words" for the surname rule.
COMMON_WORD_LOGPROB = -14.0
PLURAL_SUFFIXES = ("n", "en", "e", "er")

MONTHS_AND_DAYS = {
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember", "Montag", "Dienstag", "Mittwoch", "Donnerstag",
    "Freitag", "Samstag", "Sonntag",
}  # fmt: skip


def _lookups_dir() -> Path:
    import spacy_lookups_data  # type: ignore[import-untyped]

    return Path(spacy_lookups_data.__file__).parent / "data"


def _load_json_gz(path: Path) -> dict[str, object]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data: dict[str, object] = json.load(fh)
    return data


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_tsv(path: Path, header: list[str], rows: Iterable[list[str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
            n += 1
    return n


def build_places(shared: Path) -> tuple[list[list[str]], dict[str, int]]:
    """Rows of places.tsv and, per surface name, the largest population it stands for."""
    gem = _read_csv(shared / "data" / "gemeinden" / "gemeinden.csv")
    kreise = _read_csv(shared / "data" / "gemeinden" / "kreise.csv")
    rows: list[list[str]] = []
    biggest: dict[str, int] = defaultdict(int)
    for r in kreise:
        if r["level"] == "regierungsbezirk" and r["type"] == "Regierungsbezirk":
            rows.append(["R", r["key"], r["name"], r["name_official"], "Regierungsbezirk",
                         "", r["key"], r["land_key"], r["population"], ""])  # fmt: skip
        elif r["level"] == "kreis":
            rb = r["regbez_key"] if r["regbez_name"] else ""
            rows.append(["K", r["key"], r["name"], r["name_official"], r["type"],
                         r["key"], rb, r["land_key"], r["population"], ""])  # fmt: skip
    for r in gem:
        rb = r["regbez_key"] if r["regbez_name"] else ""
        rows.append(["G", r["ags"], r["name"], r["name_official"], r["type"], r["kreis_ags"],
                     rb, r["land_key"], r["population"], r["plz"]])  # fmt: skip
        pop = int(r["population"] or 0)
        for name in _surface_names(r["name"]):
            biggest[name] = max(biggest[name], pop)
    return rows, biggest


def _surface_names(name: str) -> list[str]:
    """The name and its short form without a qualifier: ``Werther (Westf.)`` → ``Werther``."""
    out = [name]
    short = re.split(r"\s*\(|/|\s+(?:am|an der|im|in der|ob der|i\.\s?\w+\.?)\s+", name)[0].strip()
    if short and short != name:
        out.append(short)
    return out


def build_ambiguous(
    names: Iterable[str],
    biggest: dict[str, int],
    lemma: dict[str, str],
    prob: dict[str, float],
    given_counts: Counter[str],
) -> list[list[str]]:
    """Place names that need municipal context, each with the reason it was flagged."""
    rows: list[list[str]] = []
    for name in sorted(set(names)):
        if " " in name or "-" in name:
            continue
        reasons: list[str] = []
        low = name.lower()
        if prob.get(low, -99.0) >= LOWER_WORD_LOGPROB:
            reasons.append("word")
        inflected = lemma.get(name)
        declinable = any(lemma.get(name + s) == name for s in PLURAL_SUFFIXES)
        is_noun = (inflected is not None and inflected[:1].isupper()) or declinable
        if is_noun and prob.get(name, -99.0) >= NOUN_LOGPROB:
            reasons.append("noun")
        if given_counts.get(name, 0) >= GIVEN_NAME_COUNT:
            reasons.append("given_name")
        if name in MONTHS_AND_DAYS:
            reasons.append("date")
        if reasons:
            rows.append([name, ",".join(reasons)])
    return rows


def build_given_names(shared: Path) -> tuple[list[list[str]], list[list[str]], Counter[str]]:
    vornamen = _read_csv(shared / "data" / "vornamen" / "vornamen.csv")
    counts: Counter[str] = Counter()
    by_sex: dict[str, Counter[str]] = defaultdict(Counter)
    for r in vornamen:
        if r["source_key"] == "namdict_dach" or not r["count_or_empty"]:
            continue
        n = int(r["count_or_empty"])
        counts[r["name"]] += n
        by_sex[r["name"]][r["sex"]] += n
    city_rows: list[list[str]] = []
    for name in sorted(counts):
        if counts[name] < MIN_GIVEN_COUNT or len(name) < 2 or " " in name:
            continue
        sexes = by_sex[name]
        m, w = sexes.get("m", 0), sexes.get("w", 0)
        sex = "m" if m >= 4 * max(w, 1) or (m and not w) else "w" if w >= 4 * max(m, 1) else "u"
        city_rows.append([name, sex, str(counts[name])])
    namdict = _read_csv(shared / "data" / "vornamen" / "namdict_dach_frequencies.csv")
    nam_rows: list[list[str]] = []
    for r in namdict:
        freq = r["freq_DE"] or r["freq_AT"] or r["freq_CH"]
        if not freq or " " in r["name"] or "+" in r["name"]:
            continue
        code = r["namdict_code"]
        sex = "m" if code.endswith("M") else "w" if code.endswith("F") else "u"
        nam_rows.append([r["name"], sex, str(int(freq, 16))])
    return city_rows, nam_rows, counts


def weak_given_names(
    rows: list[list[str]], lemma: dict[str, str], prob: dict[str, float]
) -> set[str]:
    """Given names that are also frequent words (An, Sky, Mars …): they need a cue."""
    out: set[str] = set()
    for row in rows:
        name = row[0]
        low = name.lower()
        declinable = lemma.get(name, "")[:1].isupper() or any(
            lemma.get(name + s) == name for s in PLURAL_SUFFIXES
        )
        if (
            prob.get(low, -99.0) >= LOWER_WORD_LOGPROB
            or (declinable and prob.get(name, -99.0) >= NOUN_LOGPROB)
            or name in MONTHS_AND_DAYS
        ):
            out.add(name)
    return out


def build_function_words(prob: dict[str, float]) -> list[str]:
    return sorted(
        w for w, p in prob.items() if p >= FUNCTION_WORD_LOGPROB and w.isalpha() and w.islower()
    )


def build_common_words(
    prob: dict[str, float], vocab: set[str], given: Counter[str], places: set[str]
) -> list[str]:
    """Frequent dictionary words (in the lemma table), minus given names and places: the
    lexeme table alone also ranks famous surnames ("Leyen") as frequent."""
    words = [
        w
        for w, p in prob.items()
        if p >= COMMON_WORD_LOGPROB
        and w in vocab
        and w[:1].isupper()
        and w.isalpha()
        and len(w) > 1
        and not w.isupper()
        and given.get(w, 0) < MIN_GIVEN_COUNT
        and w not in places
    ]
    return sorted(words)


# Quoted exactly as ../shared/data/gemeinden/README.md gives it.
DESTATIS_ATTRIBUTION = (
    "Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD, "
    "Gebietsstand 30.11.2025; Datenlizenz by-2-0; eigene Aufbereitung "
    "(CSV-Umformatierung, Kurznamen, Aggregation)"
)
GAZ_README = """# Gazetteer data (derived)

Built by `scripts/build_nlp_data.py` from `../shared/data/gemeinden` (do not edit by hand).

- `places.tsv`: level (R = Regierungsbezirk, K = Kreis / kreisfreie Stadt / Städteregion,
  G = Gemeinde), key (3 / 5 / 8 digits), short name, official name, type, Kreis key,
  Regierungsbezirk key (empty where the Land has none), Land key, population (31.12.2024),
  postcode of the administrative seat.
- `ambiguous.tsv`: place names that are also German words or given names and need municipal
  context (reason: word = frequent lowercase word, noun = frequent declinable noun,
  given_name, date). Derived from spacy-lookups-data (MIT licence; German lemma and lexeme
  probability tables) and the given-name counts; see the thresholds in the build script.

## Attribution

{attribution}

Licence: Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0),
https://www.govdata.de/dl-de/by-2-0. "© Statistisches Bundesamt, Wiesbaden 2005.
Vervielfältigungen und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet."
Further processing here: selection of columns, TSV format.
"""

# Quoted exactly as ../shared/data/vornamen/README.md gives it.
BERLIN_ATTRIBUTION = (
    '"Berliner Landesamt für Bürger- und Ordnungsangelegenheiten (LABO) / '
    'BerlinOnline Stadtportal GmbH & Co. KG"'
)
NAMES_README = """# Given-name and word lists (derived)

Built by `scripts/build_nlp_data.py` from `../shared/data/vornamen` and spacy-lookups-data
(do not edit by hand).

- `given_names.tsv`: name, sex (m / w / u), summed registrations, weak (1 = also a frequent
  word, month or day: needs a role, title or honorific before it); names registered at least
  3 times in the two city lists. Sources and attribution:
  - `koeln_2010_2017`: Stadt Köln, Offene Daten Köln, dataset "Vornamen"; CC BY 3.0 DE.
    Attribution: "Stadt Köln"
  - `berlin_2012_2023`: CC BY 3.0 DE. Attribution:
    {berlin}, https://github.com/berlinonline/haeufige-vornamen-berlin
  Changes: counts summed over years, districts and sources; rare names dropped; majority sex.
- `given_names_namdict.tsv`: name, sex, frequency class in Germany (1 rare … 13 extremely
  common; Austria/Switzerland when Germany has none). An extract of Jörg Michael's
  `nam_dict.txt` (version 1.2 of 2008-11-30, the dictionary of the program "gender"), taken
  from PyPI package `gender-guesser` 0.4.0. **This file is licensed under the GNU Free
  Documentation License 1.2 or later** (full text in `GFDL-1.2.txt` beside it); it is kept
  separate so that the rest of the package data is not affected.
- `function_words.txt`: lowercase German words frequent in spaCy's lexeme table
  (spacy-lookups-data, MIT licence); a capitalised token whose lowercase form is one
  ("Durch", "An") is not taken for a name.
- `common_words.txt`: capitalised German words frequent in spaCy's lexeme table
  (spacy-lookups-data, MIT licence) that are neither frequent given names nor German
  place names; the person rule does not take them for a surname on their own.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    shared: Path = args.shared

    lookups = _lookups_dir()
    lemma_raw = _load_json_gz(lookups / "de_lemma_lookup.json.gz")
    lemma = {k: str(v) for k, v in lemma_raw.items()}
    prob = {k: float(v) for k, v in _load_json_gz(lookups / "de_lexeme_prob.json.gz").items()}  # type: ignore[arg-type]

    places, biggest = build_places(shared)
    city_rows, nam_rows, given_counts = build_given_names(shared)
    place_names = set(biggest)
    ambiguous = build_ambiguous(place_names, biggest, lemma, prob, given_counts)
    vocab = set(lemma) | set(lemma.values())
    common = build_common_words(prob, vocab, given_counts, place_names)

    weak = weak_given_names(city_rows + nam_rows, lemma, prob)
    city_rows = [[*r, "1" if r[0] in weak else ""] for r in city_rows]
    nam_rows = [[*r, "1" if r[0] in weak else ""] for r in nam_rows]
    function_words = build_function_words(prob)
    header = ["level", "key", "name", "name_official", "type", "kreis", "rb", "land",
              "population", "plz"]  # fmt: skip
    n = _write_tsv(OUT / "gazetteer" / "places.tsv", header, places)
    a = _write_tsv(OUT / "gazetteer" / "ambiguous.tsv", ["name", "reason"], ambiguous)
    g = _write_tsv(OUT / "names" / "given_names.tsv", ["name", "sex", "count", "weak"], city_rows)
    d = _write_tsv(
        OUT / "names" / "given_names_namdict.tsv", ["name", "sex", "freq_class", "weak"], nam_rows
    )
    (OUT / "names" / "function_words.txt").write_text(
        "\n".join(function_words) + "\n", encoding="utf-8"
    )
    (OUT / "names" / "common_words.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    (OUT / "gazetteer" / "README.md").write_text(
        GAZ_README.format(attribution=DESTATIS_ATTRIBUTION), encoding="utf-8"
    )
    (OUT / "names" / "README.md").write_text(
        NAMES_README.replace("{berlin}", BERLIN_ATTRIBUTION), encoding="utf-8"
    )
    gfdl = Path("/usr/share/common-licenses/GFDL-1.2")
    if gfdl.exists():
        (OUT / "names" / "GFDL-1.2.txt").write_text(gfdl.read_text(encoding="utf-8"))
    print(f"places {n}, ambiguous {a}, given names {g} + namdict {d}, common words {len(common)}")


if __name__ == "__main__":
    main()

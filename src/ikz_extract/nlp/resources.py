"""Package data of the NER pass, loaded once per process (never downloaded at run time).

Built by ``scripts/build_nlp_data.py``; see ``data/gazetteer/README.md`` and
``data/names/README.md`` for sources and attribution.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

Level = Literal["MUNICIPALITY", "DISTRICT", "GOV_REGION"]
_LEVELS: dict[str, Level] = {"G": "MUNICIPALITY", "K": "DISTRICT", "R": "GOV_REGION"}
NRW = "05"


@dataclass(frozen=True, slots=True)
class Place:
    """One Gemeinde, Kreis or Regierungsbezirk with its official key."""

    level: Level
    key: str  # 8-digit AGS, 5-digit Kreis key, 3-digit RB key
    name: str  # short name: "Münster", "Borken", "Rhein-Kreis Neuss"
    official: str
    kind: str  # kreisfreie Stadt / Stadt / Gemeinde / Kreis / Landkreis / Regierungsbezirk …
    kreis: str  # 5-digit key ("" for a Regierungsbezirk)
    rb: str  # 3-digit key, "" where the Land has none
    land: str
    population: int
    plz: str

    @property
    def display(self) -> str:
        """The name a reader expects: "Kreis Borken", "Regierungsbezirk Münster", "Havixbeck"."""
        if self.level == "GOV_REGION":
            return f"Regierungsbezirk {self.name}"
        if (
            self.level == "DISTRICT"
            and self.kind in ("Kreis", "Landkreis")
            and not re.search(r"[Kk]reis", self.name)
        ):
            return f"{self.kind} {self.name}"
        return self.name

    @property
    def self_naming(self) -> bool:
        """A Kreis whose name says it is one (Rhein-Sieg-Kreis, Städteregion Aachen)."""
        return self.level == "DISTRICT" and bool(
            re.search(r"[Kk]reis|^Region |Städteregion|Regionalverband", self.name)
        )


@dataclass(slots=True)
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    # surface form (exact spelling) → places it may name
    by_form: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    # surface forms that are genitives ("Münsters") → their base form
    genitive: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, str] = field(default_factory=dict)

    def kreis_of(self, place: Place) -> Place | None:
        return self.places.get(place.kreis) if place.level == "MUNICIPALITY" else None

    def rb_of(self, place: Place) -> Place | None:
        return self.places.get(place.rb) if place.rb else None


def _data_file(*parts: str) -> str:
    path = resources.files("ikz_extract").joinpath("data", *parts)
    return path.read_text(encoding="utf-8")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


def _aliases(place: Place) -> list[str]:
    """Spellings a text may use for ``place`` besides its short name."""
    name = place.name
    out: list[str] = []
    if place.level == "MUNICIPALITY":
        short = re.split(r"\s*\(|/|\s+(?:am|an der|im|in der|ob der)\s+", name)[0].strip()
        if short != name:
            out.append(short)
        qual = re.search(r"\((.+)\)$", name)
        if qual:  # Werther (Westf.) → Werther (Westfalen), Werther/Westf.
            q = qual.group(1)
            out += [f"{short}/{q}", f"{short} ({q.replace('Westf.', 'Westfalen')})"]
            out += [f"{short} {q}"] if not q.endswith(".") else []
        if "/" in name:  # Fröndenberg/Ruhr → Fröndenberg (Ruhr)
            a, b = name.split("/", 1)
            out.append(f"{a.strip()} ({b.strip()})")
        if name.startswith("Sankt "):
            out.append("St. " + name[6:])
        if " an der " in name:
            out.append(name.replace(" an der ", " a. d. "))
    elif place.level == "DISTRICT":
        if name.startswith("Städteregion"):
            out.append(name.replace("Städteregion", "StädteRegion"))
        # inflected self-naming names: Märkischen Kreis(es), Hochsauerlandkreises
        if place.self_naming:
            infl = re.sub(r"(\w)er Kreis$", r"\1en Kreis", name)
            for base in {name, infl}:
                if re.search(r"[Kk]reis$", base):
                    out.append(base + "es")
                if base != name:
                    out.append(base)
            if "Kreis " in name:  # Rhein-Kreis Neuss → Rhein-Kreises Neuss
                out.append(name.replace("Kreis ", "Kreises "))
            if re.search(r"\wer Kreis$", name):  # "der Märkische Kreis" (nominative)
                out.append(re.sub(r"(\w)er Kreis$", r"\1e Kreis", name))
    # spelling variants of every form: ß/ss ("Neuß"), a spaced hyphen ("Rheda - Wiedenbrück")
    variants: list[str] = []
    for form in [name, *out]:
        if "ß" in form:
            variants.append(form.replace("ß", "ss"))
        elif "ss" in form:
            variants.append(form.replace("ss", "ß"))
        if "-" in form.strip("-"):
            variants.append(re.sub(r"(?<=\w)-(?=[A-ZÄÖÜ])", " - ", form))
    return out + variants


@cache
def load_gazetteer() -> Gazetteer:
    """All places of Germany, indexed by every surface form (cached per process)."""
    gaz = Gazetteer()
    for r in _rows(_data_file("gazetteer", "places.tsv")):
        place = Place(
            level=_LEVELS[r["level"]],
            key=r["key"],
            name=r["name"],
            official=r["name_official"],
            kind=r["type"],
            kreis=r["kreis"],
            rb=r["rb"],
            land=r["land"],
            population=int(r["population"] or 0),
            plz=r["plz"],
        )
        gaz.places[place.key] = place
        if place.level == "DISTRICT" and place.kind == "kreisfreie Stadt":
            continue  # the city itself is the Gemeinde row; see docs/ner.md
        for form in [place.name, *_aliases(place)]:
            if place not in gaz.by_form[form]:
                gaz.by_form[form].append(place)
    for form in list(gaz.by_form):
        # "Münsters", and for names of capitalised words "Bad Salzuflens"
        if re.fullmatch(r"[A-ZÄÖÜ][\wäöüß-]*(?: [A-ZÄÖÜ][\wäöüß-]*)*[^sßxz\W]", form):
            gaz.genitive[form + "s"] = form
    for r in _rows(_data_file("gazetteer", "ambiguous.tsv")):
        gaz.ambiguous[r["name"]] = r["reason"]
    return gaz


@dataclass(frozen=True, slots=True)
class GivenName:
    name: str
    sex: Literal["m", "w", "u"]
    count: int  # city registrations (0 when only in nam_dict)
    namdict_class: int  # 0 when not in nam_dict
    weak: bool = False  # also a frequent word, month or day: needs a cue before it


@cache
def load_given_names() -> dict[str, GivenName]:
    """Given names from the CC BY city lists, completed by nam_dict (GFDL, separate file)."""
    out: dict[str, GivenName] = {}
    for r in _rows(_data_file("names", "given_names.tsv")):
        out[r["name"]] = GivenName(r["name"], _sex(r["sex"]), int(r["count"]), 0, r["weak"] == "1")
    for r in _rows(_data_file("names", "given_names_namdict.tsv")):
        known = out.get(r["name"])
        sex = _sex(r["sex"])
        if known is None:
            out[r["name"]] = GivenName(r["name"], sex, 0, int(r["freq_class"]), r["weak"] == "1")
        else:
            out[r["name"]] = GivenName(
                known.name,
                known.sex if known.sex != "u" else sex,
                known.count,
                int(r["freq_class"]),
                known.weak,
            )
    return out


def _sex(code: str) -> Literal["m", "w", "u"]:
    return "m" if code == "m" else "w" if code == "w" else "u"


@cache
def load_function_words() -> frozenset[str]:
    """Frequent lowercase German words (prepositions, verbs …)."""
    return frozenset(w for w in _data_file("names", "function_words.txt").split("\n") if w)


@cache
def load_common_words() -> frozenset[str]:
    """Frequent capitalised German words that are not names on their own."""
    return frozenset(w for w in _data_file("names", "common_words.txt").split("\n") if w)

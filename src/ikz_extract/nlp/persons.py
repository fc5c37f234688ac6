"""``ikz_persons``: people with title, role and affiliation.

A person is [honorific] [title…] given-name… [particle…] surname [second surname], or a role,
honorific or title followed by a surname alone ("Bürgermeister Möltgen", "Frau Feller").
Given names come from the city lists (nam_dict completes them); a hyphenated given name
counts when each part is one ("Hans-Josef"). A given name that is also a month, a weekday, a
place or a frequent word (Mai, August, Berlin, Paris) needs a role, title or honorific before
it. Nothing after an article is a person ("die Heide"), and a particle surname must not run
into a common noun ("von der Gemeinde Havixbeck" is an affiliation, not "von der Gemeinde").

Roles are read from the token before the name (also across "(v.l.)" and distributed over an
enumeration of names: "die drei Regierungspräsident*innen A (X), B (Y) und C (Z)") or right
after it ("Dr. Christian Schulze Pellengahr / Landrat des Kreises Coesfeld"). A gender-neutral
or plural role is resolved to the person's form by the given name's sex.

Affiliations come from "(Münster)", "von der Gemeinde Havixbeck", ", Havixbeck" at the end of
a line or clause, "des Kreises Coesfeld", or a genitive before the role ("Havixbecks
Bürgermeister"). The role decides the level of a bare place: a Regierungspräsidentin's
"(Münster)" is the Regierungsbezirk, a Landrat's "(Borken)" the Kreis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ikz_extract.german.dates import MONTHS, WEEKDAYS
from ikz_extract.nlp import lexicon as lx
from ikz_extract.nlp.extensions import ensure_extensions
from ikz_extract.nlp.fast import token_texts
from ikz_extract.nlp.gazetteer import PLACES_KEY, candidates_for, rank_candidates
from ikz_extract.nlp.orgs import ORGS_KEY
from ikz_extract.nlp.person_model import propose
from ikz_extract.nlp.resources import (
    GivenName,
    Level,
    load_common_words,
    load_function_words,
    load_gazetteer,
    load_given_names,
)
from ikz_extract.nlp.settings import SettingsComponent

PERSONS_KEY = "ikz_persons"
PARTICLES = frozenset(
    "von van de der den ter te zu vom zur di da del le la du dos af zum op und dem".split()
)
# Particle sequences that open a surname ("von der Leyen", "van den Berg", "von und zu …").
PARTICLE_RUNS = frozenset(
    tuple(run.split())
    for run in (
        "von", "van", "de", "ter", "te", "zu", "vom", "zur", "di", "da", "del", "le", "la",
        "du", "dos", "af", "op", "von der", "von dem", "van der", "van den", "van de", "de la",
        "von und zu", "op den", "in der", "de los", "zu der",
    )
)  # fmt: skip
# Foreign places that the newborn registers also list as given names.
FOREIGN_PLACES = frozenset(
    "Paris London Sydney Rom Wien Madrid Florenz Israel Kuba Jordan Afrika America Asia China "
    "India Europa Amsterdam Venedig Brooklyn Dakota".split()
)
_MONTH_NAMES = frozenset(m.capitalize() for m in MONTHS)
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
ROLE_LEVEL: dict[str, Level] = {
    "regierungspräsident": "GOV_REGION",
    "regierungsvizepräsident": "GOV_REGION",
    "landrat": "DISTRICT",
    "kreisdirektor": "DISTRICT",
    "bürgermeister": "MUNICIPALITY",
    "oberbürgermeister": "MUNICIPALITY",
    "stadtbaurat": "MUNICIPALITY",
    "stadtdirektor": "MUNICIPALITY",
}
_GENITIVE_HEADS = {"kreises": "Kreis", "landkreises": "Landkreis", "regierungsbezirks":
                   "Regierungsbezirk", "regierungsbezirkes": "Regierungsbezirk",
                   "partnerkreises": "Partnerkreis"}  # fmt: skip
_AFFIL_INTRO = (("von", "der"), ("von", "dem"), ("vom",), ("aus", "der"), ("aus", "dem"),
                ("aus",), ("der",), ("des",), ("von",), ("bei", "der"), ("beim",), ("in",),
                ("im",))  # fmt: skip
_CLAUSE_END = frozenset({",", ".", ";", ")", ":", "und", "sowie"})
_LIST_SEPARATORS = frozenset({";", "|", "(", "/", "•", "-", "–", "·"})


@dataclass(frozen=True, slots=True)
class Role:
    """A role word read off a token: its stem and how the text marked gender."""

    stem: str  # masculine stem, lowercase ("landrat")
    prefix: str  # compound first part ("klimaschutz" in Klimaschutzmanagerin)
    gender: str  # "m", "w" or "u" (neutral or plural)
    compound: str = ""  # hyphenated first parts as written ("NABU-", "Bürgermeister-")

    def form(self, sex: str) -> str:
        """The role as written for one person: Regierungspräsidentin for a woman."""
        g = self.gender if self.gender != "u" else sex
        stem = lx.ROLE_STEMS.get(self.stem, self.stem)
        word = self.prefix + (stem if g == "w" else self.stem)
        if g not in ("m", "w"):
            word = self.prefix + self.stem + ("*in" if not self.stem.endswith("e") else "")
        return self.compound + word[:1].upper() + word[1:]

    @property
    def level(self) -> Level | None:
        return ROLE_LEVEL.get(self.prefix + self.stem) or ROLE_LEVEL.get(self.stem)


_FEM_TO_MASC = {f: m for m, f in lx.ROLE_STEMS.items() if f != m}


_GENDER_MARKS = frozenset({"/", ":"})  # tokens of their own: "Bürgermeister", ":", "innen"
_GENDER_ENDINGS = frozenset({"in", "innen", "-in"})


def read_role(tok: Token) -> Role | None:
    """The role a token names ("Bürgermeister*innen", "Landrätin"), if any."""
    if _gender_marked(tok.doc, tok.i):  # "Bürgermeister/in", "Landrät:innen": three tokens
        role = _role_of_text(tok.text + "*in")
        return Role(role.stem, role.prefix, "u") if role is not None else None
    return _role_of_text(tok.text)


_STREET_WORDS = frozenset(
    "straße strasse str. weg platz allee ring gasse damm ufer chaussee promenade".split()
)


def _names_a_street(doc: Doc, end: int) -> bool:
    """A name before a street word is the street's ("Willy Brandt Allee 3")."""
    return end < len(doc) and doc[end].lower_ in _STREET_WORDS


def _retired(doc: Doc, j: int) -> bool:
    """ "a. D." / "a.D." (außer Dienst) ends right before token ``j``."""
    if j > len(doc):
        return False
    if j >= 1 and doc[j - 1].text == "a.D.":
        return True
    return j >= 2 and doc[j - 1].text == "D." and doc[j - 2].text == "a."


def _gender_marked(doc: Doc, i: int) -> bool:
    """A gender mark and ending as tokens of their own after ``i``; a colon glued to both
    ("Bürgermeister:innen", not "Sprecher: in der Stadt")."""
    if i + 2 >= len(doc) or doc[i + 2].lower_ not in _GENDER_ENDINGS:
        return False
    mark = doc[i + 1].text
    return mark == "/" or (mark == ":" and not doc[i].whitespace_ and not doc[i + 1].whitespace_)


def _is_role_word(words: list[str], i: int) -> bool:
    """``read_role`` on token texts, for the cue scan (which ``read_role`` confirms)."""
    if _role_of_text(words[i]) is not None:
        return True
    return (
        i + 2 < len(words)
        and words[i + 1] in _GENDER_MARKS
        and words[i + 2].lower() in _GENDER_ENDINGS
        and _role_of_text(words[i] + "*in") is not None
    )


@lru_cache(maxsize=65536)
def _role_of_text(text: str) -> Role | None:
    if not text[:1].isupper() or len(text) < 5:
        return None
    if "-" in text[1:-1]:  # "NABU-Bundesgeschäftsführer", "Bürgermeister-Sprecher"
        head, _, last = text.rpartition("-")
        role = _role_of_text(last) if head[:1].isupper() and last[:1].isupper() else None
        if role is None or role.compound:
            return None
        return Role(role.stem, role.prefix, role.gender, head + "-")
    if not text.isalpha() and not any(c in text for c in "*:_"):
        return None
    if text.endswith(("räte", "räten")):  # masculine plural: "Landräte", "Stadträten"
        role = _role_of_text(text[: text.rindex("räte")] + "rat")
        return Role(role.stem, role.prefix, "u", role.compound) if role is not None else None
    m = lx.ROLE_RE.match(text)
    if m is None:
        return _gender_form(text)
    prefix, stem = m.group(1).lower(), m.group(2).lower()
    tail = text[m.end(2) :]
    if prefix in lx.NON_ROLE_PARTS:
        return None
    fem_to_masc = _FEM_TO_MASC
    if stem in fem_to_masc and stem not in lx.ROLE_STEMS:
        stem, gender = fem_to_masc[stem], "w"
    elif tail[:1] in ("*", ":", "_", "/") or tail.startswith(("In", "Innen")):
        gender = "u"
    elif tail in ("in", "innen"):
        gender = "w"
    elif stem.endswith("e") and stem + "r" in lx.ROLE_STEMS:  # Vorsitzende, Beigeordnete
        stem, gender = stem + "r", "u"
    else:
        gender = "m"
    return Role(stem, prefix, gender)


def _gender_form(text: str) -> Role | None:
    """A feminine stem with a gender or plural ending: Landrät*innen, Stadtbaurät:in (u),
    Landrätinnen (w)."""
    m = lx.ROLE_GENDER_RE.match(text)
    if m is None or m.group(1).lower() in lx.NON_ROLE_PARTS:
        return None
    tail = text[m.end(2) :]
    gender = "w" if tail in ("in", "innen") else "u"
    return Role(lx.ROLE_GENDER_BASES[m.group(2).lower()], m.group(1).lower(), gender)


@dataclass(slots=True)
class _Person:
    start: int
    end: int  # name tokens only
    given: list[str]
    family: list[str]
    title: list[str] = field(default_factory=list)
    lead: int = 0  # first token of honorific/title before the name
    role: Role | None = None
    sex: str = "u"
    affiliation: str | None = None
    affiliation_ags: str | None = None
    affiliation_span: Span | None = None


class PersonTagger(SettingsComponent):
    """The ``ikz_persons`` component; writes ``doc.spans["ikz_persons"]`` (label PERSON)."""

    SETTINGS = ("spans_key", "places_key", "orgs_key", "min_given_count", "use_model")

    def __init__(
        self,
        nlp: Language,
        name: str = "ikz_persons",
        *,
        spans_key: str = PERSONS_KEY,
        places_key: str = PLACES_KEY,
        orgs_key: str = ORGS_KEY,
        min_given_count: int = 5,
        use_model: bool = True,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.spans_key = spans_key
        self.places_key = places_key
        self.orgs_key = orgs_key
        self.min_given_count = min_given_count
        self.use_model = use_model
        self.given = load_given_names()
        self.common = load_common_words()
        self.function_words = load_function_words()
        self.gaz = load_gazetteer()
        self._by_start: dict[int, Span] = {}

    # ------------------------------------------------------------------ lexical tests
    def given_name(self, text: str) -> GivenName | None:
        """The given name a token spells, also for hyphenated compounds (Hans-Josef)."""
        g = self.given.get(text)
        if g is not None and (g.count >= self.min_given_count or g.namdict_class > 0):
            return g
        if "-" in text:
            parts = text.split("-")
            found = [self.given.get(p) for p in parts]
            if all(f is not None for f in found) and len(parts) == 2:
                first = found[0]
                assert first is not None
                return GivenName(text, first.sex, 0, 1)
        return None

    def weak_given(self, text: str) -> bool:
        """A given name that is also a month, day, place or frequent word."""
        g = self.given.get(text)
        return (
            (g is not None and g.weak)
            or text.lower() in self.function_words
            or text in _MONTH_NAMES
            or text in WEEKDAYS
            or text in FOREIGN_PLACES
            or text in self.gaz.by_form
            or text in self.common
            or text in lx.HONORIFICS
        )

    def surname_shape(self, tok: Token, strict: bool) -> bool:
        """A token that can be a surname; ``strict`` refuses frequent common words too."""
        t = tok.text
        if len(t) < 2 or not t[:1].isupper() or t.isupper() or not (tok.is_alpha or "-" in t):
            return False
        low = tok.lower_
        if (
            low in lx.CLOSED_CLASS
            or low in lx.ARTICLES
            or low in lx.SINGULAR_HEADS
            or low in lx.PLURAL_HEADS
            or t in _MONTH_NAMES
            or t in WEEKDAYS
            or t in lx.HONORIFICS
            or read_role(tok) is not None
            or lx.TITLE_RE.match(t)
        ):
            return False
        return not (
            strict and (t in self.common or t in self.gaz.by_form or low in self.function_words)
        )

    # ------------------------------------------------------------------ recognition
    def _lead(self, doc: Doc, i: int) -> tuple[int, list[str], bool]:
        """Honorific/title tokens before index ``i``: (first index, titles, honorific seen)."""
        j, honorific = i, False
        titles: list[str] = []
        while j > 0:
            t = doc[j - 1]
            if lx.TITLE_RE.match(t.text):
                titles.insert(0, t.text)
            elif t.text in lx.HONORIFICS:
                honorific = True
            else:
                break
            j -= 1
        return j, titles, honorific

    def _find(self, doc: Doc, words: list[str], blocked: set[int]) -> list[_Person]:
        found: list[_Person] = []
        n = len(doc)
        hits = [i for i, w in enumerate(words) if w in self.given or "-" in w]
        next_free = 0
        for i in hits:
            if i < next_free or i in blocked:
                continue
            g = self.given_name(words[i])
            if g is None:
                continue
            tok = doc[i]
            inverted = self._inverted(doc, i, blocked)
            if inverted is not None and inverted.start >= next_free:
                inverted.sex = g.sex
                found.append(inverted)
                next_free = inverted.end
                continue
            lead, titles, honorific = self._lead(doc, i)
            prev = doc[lead - 1] if lead > 0 else None
            before = lead - (2 if lead and doc[lead - 1].text == "a.D." else 3)
            if _retired(doc, lead) and before >= 0:  # "Landrätin a. D. Ute Brandt"
                prev = doc[before]
            cue = bool(titles) or honorific or (prev is not None and read_role(prev) is not None)
            # "Amtskollegen Eva Sommer (Kreis Soest) und Andreas Vogt": the enumeration's cue
            cue = cue or (
                bool(found)
                and prev is not None
                and prev.lower_ in lx.ENUM_JOINERS
                and self._after_person(doc, found[-1]) == lead - 1
            )
            if prev is not None and prev.lower_ in lx.ARTICLES and not cue:
                continue
            if self.weak_given(tok.text) and not cue:
                continue
            # further given names: "Hans Josef Vogel"
            j = i + 1
            given = [tok.text]
            while (
                j + 1 < n
                and j not in blocked
                and self.given_name(doc[j].text) is not None
                and not self.weak_given(doc[j].text)
                and self._same_line(doc, j)
                and (
                    self.surname_shape(doc[j + 1], strict=False)
                    or (doc[j + 1].lower_ in PARTICLES and doc[j + 1].lower_ != "und")
                )
            ):
                given.append(doc[j].text)
                j += 1
            if j + 1 < n and _INITIAL.match(doc[j].text) and self._same_line(doc, j):
                given.append(doc[j].text)  # middle initial: "Joachim L. Gilbeau"
                j += 1
            family, end = self._surname(
                doc, j, blocked, strict=self.weak_given(tok.text) and not cue
            )
            if not family:
                continue
            p = _Person(i, end, given, family, titles, lead)
            p.sex = g.sex
            found.append(p)
            next_free = end
        return found

    def _inverted(self, doc: Doc, i: int, blocked: set[int]) -> _Person | None:
        """ "Surname, Given name" as a list entry: "Weber, Anna | 0251 …", "Lenz, Petra;"."""
        if i < 2 or doc[i - 1].text != "," or {i - 2, i} & blocked:
            return None
        sur, given = doc[i - 2], doc[i]
        before = doc[i - 3] if i >= 3 else None
        if before is not None and not (
            before.text in _LIST_SEPARATORS or before.is_space or "\n" in before.whitespace_
        ):
            return None
        after = doc[i + 1] if i + 1 < len(doc) else None
        if after is not None and not (
            after.text in _LIST_SEPARATORS
            or after.is_space
            or after.like_num
            or "\n" in given.whitespace_
        ):
            return None
        # the list shape is strong: a frequent word may be a surname here, a place may not
        if not self.surname_shape(sur, strict=False) or sur.text in self.gaz.by_form:
            return None
        return _Person(i - 2, i + 1, [given.text], [sur.text], lead=i - 2)

    @staticmethod
    def _same_line(doc: Doc, j: int) -> bool:
        return j > 0 and "\n" not in doc[j - 1].whitespace_ and not doc[j - 1].is_space

    def _surname(
        self, doc: Doc, j: int, blocked: set[int], *, strict: bool, particles: bool = True
    ) -> tuple[list[str], int]:
        n = len(doc)
        family: list[str] = []
        k = j
        while (
            particles
            and k < n
            and doc[k].lower_ in PARTICLES
            and k - j < 3
            and self._same_line(doc, k)
        ):
            k += 1
        if k >= n or k in blocked or not self._same_line(doc, k):
            return [], j
        if k > j and tuple(t.lower_ for t in doc[j:k]) not in PARTICLE_RUNS:
            return [], j
        if k > j:  # "von der Leyen", but not "von der Gemeinde", "von Havixbeck"
            if doc[k].text in self.common or (
                doc[k - 1].lower_ == "von" and doc[k].text in self.gaz.by_form
            ):
                return [], j
            if not self.surname_shape(doc[k], strict=False):
                return [], j
        elif not self.surname_shape(doc[k], strict=strict):
            return [], j
        family = [t.text for t in doc[j : k + 1]]
        end = k + 1
        # second surname: "Schulze Pellengahr" (not a common word, place or given name)
        if (
            end < n
            and end not in blocked
            and self._same_line(doc, end)
            and self.surname_shape(doc[end], strict=True)
            and self.given_name(doc[end].text) is None
            and not (end + 1 < n and doc[end + 1].is_title and self._same_line(doc, end + 1))
        ):
            family.append(doc[end].text)
            end += 1
        return family, end

    def _role_only(
        self, doc: Doc, cues: list[int], taken: set[int], blocked: set[int]
    ) -> list[_Person]:
        """Role, honorific or title followed by a surname alone: "Bürgermeister Möltgen"."""
        out: list[_Person] = []
        for idx in cues:
            tok = doc[idx]
            if tok.i + 1 >= len(doc) or tok.i in taken:
                continue
            honorific = tok.text in lx.HONORIFICS
            if not honorific and read_role(tok) is None:
                continue
            k = tok.i + 1
            titles: list[str] = []
            while k < len(doc) and lx.TITLE_RE.match(doc[k].text):
                titles.append(doc[k].text)
                k += 1
            if k >= len(doc) or k in taken or k in blocked or not self._same_line(doc, k):
                continue
            if self.given_name(doc[k].text) is not None:
                continue
            strict = not (honorific or titles)
            family, end = self._surname(doc, k, blocked, strict=strict, particles=not strict)
            if family and all(i not in taken for i in range(k, end)):
                out.append(_Person(k, end, [], family, titles, k - len(titles)))
                taken.update(range(k, end))
        return out

    # ------------------------------------------------------------------ model
    def _proposed(
        self, doc: Doc, words: list[str], persons: list[_Person], places: list[Span],
        blocked: set[int],
    ) -> list[_Person]:  # fmt: skip
        """The statistical finder's people, less those the rules and lists veto."""
        explained = set(blocked)
        for p in persons:
            explained.update(range(p.lead, p.end))
        place_tokens = {i for s in places for i in range(s.start, s.end)}
        out: list[_Person] = []
        for start, end in propose(words, explained):
            if any(i in explained for i in range(start, end)):
                continue
            if all(i in place_tokens for i in range(start, end)):
                continue  # a gazetteer place is not a person
            while start < end and self._not_name(words[start]):
                start += 1  # "Dr.", "Herr" or a role the model took into the name
            if start >= end or (end - start == 1 and self._not_surname(doc[start])):
                continue
            given: list[str] = []
            k = start
            while k < end - 1 and self.given_name(words[k]) is not None:
                given.append(words[k])
                k += 1
            family = words[k:end]
            p = _Person(start, end, given, family)
            g = self.given_name(given[0]) if given else None
            p.sex = g.sex if g is not None else "u"
            p.lead, p.title, _ = self._lead(doc, start)
            out.append(p)
        return out

    @staticmethod
    def _not_name(word: str) -> bool:
        return word in lx.HONORIFICS or bool(lx.TITLE_RE.match(word)) or not word[:1].isupper()

    def _not_surname(self, tok: Token) -> bool:
        """A lone word the lists know as something else: a month, role, article …"""
        return not self.surname_shape(tok, strict=False)

    # ------------------------------------------------------------------ roles
    def _assign_roles(self, doc: Doc, cues: list[int], persons: list[_Person]) -> None:
        by_start = {p.lead: p for p in persons}
        for idx in cues:
            tok = doc[idx]
            role = read_role(tok)
            if role is None:
                continue
            k = tok.i + 1
            if _gender_marked(doc, tok.i):
                k += 2
            k = self._skip_fillers(doc, k)
            affil = self._introduced(doc, k, self._by_start) if k not in by_start else None
            if affil is not None:  # "Die Landrätin des Kreises Steinfurt, Name"
                k = affil.end + (1 if affil.end < len(doc) and doc[affil.end].text == "," else 0)
                if k in by_start and by_start[k].affiliation_span is None:
                    self._set_affiliation(by_start[k], affil)
            elif k < len(doc) and k not in by_start and doc[k].lower_ in ("des", "der"):
                # an apposition: "dem Direktor des Landschaftsverbandes Rheinland, Dr. X"
                comma = next(
                    (j for j in range(k + 1, min(k + 7, len(doc))) if doc[j].text == ","), -1
                )
                if comma > 0 and comma + 1 in by_start:
                    k = comma + 1
            chain = 0
            while k in by_start and chain < 8:
                p = by_start[k]
                if p.role is None:
                    p.role = role
                chain += 1
                k = self._after_person(doc, p)
                if k < len(doc) and doc[k].lower_ in lx.ENUM_JOINERS:
                    k += 1
                else:
                    break
        # role after the name: "Name, Landrat des Kreises X" / "Name\nLandrat …"
        for p in persons:
            if p.role is not None:
                continue
            k = p.end
            if k < len(doc) and (doc[k].text in (",", "(", "–", "-") or doc[k].is_space):
                k += 1
            if k < len(doc):
                role = read_role(doc[k])
                if role is not None:
                    p.role = role

    @staticmethod
    def _skip_fillers(doc: Doc, k: int) -> int:
        """Skip "(v.l.)", "die drei" and the like between a role and its names."""
        n = len(doc)
        while k < n:
            if doc[k].lower_ in lx.ROLE_FILLERS or _retired(doc, k + 1):
                k += 1
            elif _retired(doc, k + 2) and doc[k].text == "a.":
                k += 2
            elif doc[k].text == "(":
                close = next((j for j in range(k + 1, min(k + 6, n)) if doc[j].text == ")"), None)
                inner = "".join(t.text for t in doc[k + 1 : close]).lower() if close else ""
                if close is None or inner not in ("v.l.", "v.l", "vonlinks", "v.r.", "mitte"):
                    break
                k = close + 1
            else:
                break
        return k

    def _after_person(self, doc: Doc, p: _Person) -> int:
        """The first token after a person's name and its parenthesised affiliation."""
        k = p.end
        if k + 2 < len(doc) and doc[k].text == "(":
            close = next(
                (j for j in range(k + 1, min(k + 8, len(doc))) if doc[j].text == ")"), None
            )
            if close is not None:
                return close + 1
        return k

    # ------------------------------------------------------------------ affiliations
    def _affiliations(self, doc: Doc, persons: list[_Person], places: list[Span],
                      orgs: list[Span]) -> None:  # fmt: skip
        by_start: dict[int, Span] = {s.start: s for s in [*places, *orgs]}
        by_end: dict[int, Span] = {s.end: s for s in places}
        n = len(doc)
        for p in persons:
            span: Span | None = None
            k = p.end
            # "(Münster)"
            if k + 2 < n and doc[k].text == "(" and k + 1 in by_start:
                cand = by_start[k + 1]
                if cand.end < n and doc[cand.end].text == ")":
                    # the person's own parenthesis beats a genitive shared by an enumeration
                    # ("Die Landräte des Regierungsbezirks X, A (Kreis Y), B (Kreis Z)")
                    self._set_affiliation(p, cand)
                    continue
            # "Name, Role des Kreises X" / "Name von der Gemeinde X"
            if span is None:
                j = k
                if (j < n and doc[j].text in (",", "(")) or (j < n and doc[j].is_space):
                    j += 1
                if j < n and read_role(doc[j]) is not None:
                    j += 1
                span = self._introduced(doc, j, by_start)
            # "Name, Havixbeck" closing the clause or line
            if span is None and k + 1 < n and doc[k].text == "," and k + 1 in by_start:
                cand = by_start[k + 1]
                if cand.label_ != "ORG" and (
                    cand.end >= n
                    or doc[cand.end].text in _CLAUSE_END
                    or doc[cand.end].is_space
                    or "\n" in doc[cand.end - 1].whitespace_
                ):
                    span = cand
            # "Havixbecks Bürgermeister Name" / "Stadt X Bürgermeister Name"
            if span is None and p.lead >= 2 and read_role(doc[p.lead - 1]) is not None:
                span = by_end.get(p.lead - 1)
            if span is not None and p.affiliation_span is None:
                self._set_affiliation(p, span)
            elif span is None and p.affiliation is None:
                self._adjectival_affiliation(doc, p)

    def _adjectival_affiliation(self, doc: Doc, p: _Person) -> None:
        """ "Olper Landrätin X" → Kreis Olpe, "Weezer Bürgermeister X" → Weeze: a place
        adjective in -er before the role, read at the role's level."""
        if p.lead < 2 or p.role is None or read_role(doc[p.lead - 1]) is None:
            return
        word = doc[p.lead - 2].text
        if not (word.endswith("er") and word[:1].isupper() and word.isalpha()):
            return
        for base in (word[:-1], word[:-2]):
            cands = rank_candidates(candidates_for(self.gaz, base, p.role.level))
            if cands:
                p.affiliation, p.affiliation_ags = cands[0].display, cands[0].key
                return

    def _introduced(self, doc: Doc, j: int, by_start: dict[int, Span]) -> Span | None:
        for intro in _AFFIL_INTRO:
            m = len(intro)
            if (
                j + m < len(doc)
                and j + m in by_start
                and tuple(t.lower_ for t in doc[j : j + m]) == intro
            ):
                return by_start[j + m]
        return None

    def _set_affiliation(self, p: _Person, span: Span) -> None:
        p.affiliation_span = span
        if span.label_ == "ORG":
            p.affiliation = span.text
            return
        words = [t.text for t in span]
        head = _GENITIVE_HEADS.get(words[0].lower())
        if head is not None:
            words[0] = head
        form = span[-1].text if len(span) == 1 else None
        if form is not None:
            form = self.gaz.genitive.get(form, form)
            words = [form]
        p.affiliation = " ".join(words)
        p.affiliation_ags = span.kb_id_ or None

    def _relabel_by_role(self, doc: Doc, persons: list[_Person], places: list[Span]) -> list[Span]:
        """A bare place after a role of another level is that level's place."""
        replace: dict[int, Span] = {}
        for p in persons:
            span = p.affiliation_span
            if span is None or p.role is None or span.label_ == "ORG":
                continue
            level = p.role.level
            info = span._.ikz or {}
            if level is None or level == span.label_ or info.get("basis") == "head":
                continue
            cands = rank_candidates(
                candidates_for(self.gaz, str(info.get("form", span.text)), level)
            )
            if not cands:
                continue
            best = cands[0]
            new = Span(doc, span.start, span.end, label=best.level, kb_id=best.key, span_id="role")
            new._.ikz = {**info, "name": best.display, "basis": "role",
                         "candidates": [c.key for c in cands]}  # fmt: skip
            replace[span.start] = new
            p.affiliation_ags = best.key
            p.affiliation_span = new
        return [replace.get(s.start, s) for s in places]

    # ------------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        places = list(doc.spans[self.places_key]) if self.places_key in doc.spans else []
        orgs = list(doc.spans[self.orgs_key]) if self.orgs_key in doc.spans else []
        blocked: set[int] = set()
        for s in orgs:
            blocked.update(range(s.start, s.end))
        for s in places:
            if s.id_ in ("head", "enum", "postcode"):  # how the gazetteer found the place
                blocked.update(range(s.start, s.end))
        words = token_texts(doc)
        cues = [i for i, w in enumerate(words) if w in lx.HONORIFICS or _is_role_word(words, i)]
        persons = self._find(doc, words, blocked)
        taken = {i for p in persons for i in range(p.lead, p.end)}
        persons += self._role_only(doc, cues, taken, blocked)
        if self.use_model:
            persons += self._proposed(doc, words, persons, places, blocked)
        persons = [p for p in persons if not _names_a_street(doc, p.end)]
        persons.sort(key=lambda p: p.start)
        self._by_start = {s.start: s for s in [*places, *orgs]}
        self._assign_roles(doc, cues, persons)
        self._affiliations(doc, persons, places, orgs)
        if persons:
            doc.spans[self.places_key] = self._relabel_by_role(doc, persons, places)
        spans: list[Span] = []
        for p in persons:
            span = Span(doc, p.start, p.end, label="PERSON")
            given = " ".join(p.given) or None
            family = " ".join(p.family)
            span._.ikz = {
                "name": f"{given} {family}" if given else family,
                "given_name": given,
                "family_name": family,
                "title": " ".join(p.title) or None,
                "role": p.role.form(p.sex) if p.role else None,
                "affiliation": p.affiliation,
                "affiliation_ags": p.affiliation_ags,
            }
            spans.append(span)
        # a person's name is not also a place ("Horst Borken")
        person_tokens = {i for p in persons for i in range(p.start, p.end)}
        doc.spans[self.places_key] = [
            s for s in doc.spans[self.places_key] if person_tokens.isdisjoint(range(s.start, s.end))
        ]
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "ikz_persons",
    default_config={
        "spans_key": PERSONS_KEY,
        "places_key": PLACES_KEY,
        "orgs_key": ORGS_KEY,
        "min_given_count": 5,
        "use_model": True,
    },
)
def make_person_tagger(
    nlp: Language,
    name: str,
    spans_key: str,
    places_key: str,
    orgs_key: str,
    min_given_count: int,
    use_model: bool,
) -> PersonTagger:
    return PersonTagger(
        nlp,
        name,
        spans_key=spans_key,
        places_key=places_key,
        orgs_key=orgs_key,
        min_given_count=min_given_count,
        use_model=use_model,
    )

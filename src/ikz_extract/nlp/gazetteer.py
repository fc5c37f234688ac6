"""``ikz_gazetteer``: municipality, district and Regierungsbezirk mentions linked to their keys.

Recognition: a PhraseMatcher over every name and alias of the German Gemeinden, Kreise and
Regierungsbezirke (and their genitives), matched case-insensitively and then checked against
the exact spelling (or an all-capitals heading). Level and acceptance come from context:

- a head noun before the name sets the level and joins the span ("Kreis Borken",
  "des Kreises Borken" → "Kreises Borken", "Regierungsbezirk Münster", "Gemeinde Havixbeck");
  a plural head distributes over an enumeration ("die Kreise Borken, Coesfeld und Warendorf");
- a bare name is a MUNICIPALITY; a Kreis is taken bare only when its name says so
  (Rhein-Sieg-Kreis) or is a hyphenated compound no Gemeinde bears (Minden-Lübbecke);
- an article right before the name makes it a common noun ("das Münster"): refused;
- names that are also ordinary words or given names (ambiguous.tsv: Senden, Lage, Wetter …)
  need municipal context: a head noun, a postcode, an enumeration with accepted places or a
  place preposition ("in Senden"); small places outside the home Land need the same. A big
  city (≥ 100,000) with such a name (Essen, Halle) is taken unless an adjective precedes it
  or, for a verb-like name, it opens a sentence.

Linking: candidates with the same name are ranked by (1) the Kreis, then Regierungsbezirk,
then Land of the document's unambiguous mentions, (2) the home Land (NRW), (3) a postcode
in front, (4) population. See ``rank_candidates``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ikz_extract.nlp import lexicon as lx
from ikz_extract.nlp.extensions import ensure_extensions
from ikz_extract.nlp.resources import NRW, Gazetteer, Level, Place, load_gazetteer
from ikz_extract.nlp.settings import SettingsComponent

PLACES_KEY = "ikz_places"


@dataclass(slots=True)
class LinkContext:
    """Keys of the unambiguous mentions seen in a document, used to rank homonyms."""

    kreise: Counter[str]
    rbs: Counter[str]
    lands: Counter[str]

    @classmethod
    def empty(cls) -> LinkContext:
        return cls(Counter(), Counter(), Counter())

    def add(self, place: Place) -> None:
        if place.level != "GOV_REGION":
            self.kreise[place.kreis] += 1
        if place.rb:
            self.rbs[place.rb] += 1
        self.lands[place.land] += 1


def rank_candidates(
    cands: Sequence[Place],
    context: LinkContext | None = None,
    *,
    home_land: str = NRW,
    plz: str | None = None,
) -> list[Place]:
    """Best candidate first: document context, then home Land, postcode, population."""
    ctx = context or LinkContext.empty()

    def key(p: Place) -> tuple[int, int, int, int, int, int]:
        return (
            ctx.kreise.get(p.kreis, 0) if p.level != "GOV_REGION" else 0,
            ctx.rbs.get(p.rb, 0) if p.rb else 0,
            ctx.lands.get(p.land, 0),
            int(p.land == home_land),
            int(bool(plz and p.plz[:2] == plz[:2])),
            p.population,
        )

    return sorted(cands, key=key, reverse=True)


def candidates_for(gaz: Gazetteer, form: str, level: Level | None) -> list[Place]:
    """Places a surface form may name at ``level`` (None: a bare mention)."""
    base = gaz.genitive.get(form, form)
    places = gaz.by_form.get(base, [])
    if level == "MUNICIPALITY":
        return [p for p in places if p.level == "MUNICIPALITY"]
    if level == "DISTRICT":
        return [p for p in places if p.level == "DISTRICT"]
    if level == "GOV_REGION":
        return [p for p in places if p.level == "GOV_REGION"]
    munis = [p for p in places if p.level == "MUNICIPALITY"]
    if munis:
        return munis
    kreise = [
        p
        for p in places
        if p.level == "DISTRICT" and (p.self_naming or "-" in p.name or " " in p.name)
    ]
    if kreise:
        return kreise
    if base in gaz.ambiguous:
        return []
    return [p for p in places if p.level == "GOV_REGION" and p.land != NRW]


@dataclass(slots=True)
class _Cand:
    start: int  # token index of the name
    end: int
    form: str
    head: int | None = None  # token index of a singular head noun
    level: Level | None = None
    plural: bool = False
    basis: str = "bare"
    plz: str | None = None
    accepted: bool = False
    sentence_start: bool = False
    after_adjective: bool = False  # "in einer geschlossenen Halle"


class PlaceTagger(SettingsComponent):
    """The ``ikz_gazetteer`` component; writes linked spans to ``doc.spans["ikz_places"]``."""

    SETTINGS = ("min_bare_population", "big_city_population", "home_land", "spans_key")

    def __init__(
        self,
        nlp: Language,
        name: str = "ikz_gazetteer",
        *,
        min_bare_population: int = 10_000,
        big_city_population: int = 100_000,
        home_land: str = NRW,
        spans_key: str = PLACES_KEY,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.min_bare_population = min_bare_population
        self.big_city_population = big_city_population
        self.home_land = home_land
        self.spans_key = spans_key
        self.gaz = load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms = sorted({*self.gaz.by_form, *self.gaz.genitive})
        self._forms: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self._form_text: dict[tuple[str, ...], str] = {}
        patterns = []
        for form in forms:
            doc = nlp.make_doc(form)
            words = tuple(t.text for t in doc)
            self._forms.setdefault(tuple(w.lower() for w in words), []).append(words)
            self._form_text[words] = form
            patterns.append(doc)
        self.matcher.add("PLACE", patterns)
        _leave_room_in_tokenizer_cache(nlp, len(patterns))

    # ------------------------------------------------------------------ matching
    def _exact_form(self, span: Span) -> str | None:
        words = tuple(t.text for t in span)
        options = self._forms.get(tuple(w.lower() for w in words), [])
        for option in options:
            if option == words:
                return self._form_text[option]
        if span.text.isupper() and any(c.isalpha() for c in span.text):
            for option in options:
                if tuple(w.upper() for w in option) == words:
                    return self._form_text[option]
        return None

    def _raw(self, doc: Doc) -> list[_Cand]:
        found: list[_Cand] = []
        for _, s, e in self.matcher(doc):
            form = self._exact_form(doc[s:e])
            if form is not None:
                found.append(_Cand(s, e, form))
        # longest match wins where matches overlap ("Werther (Westf.)" over "Werther")
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[_Cand] = []
        for c in found:
            if out and c.start < out[-1].end:
                continue
            out.append(c)
        return out

    # ------------------------------------------------------------------ context
    def _classify(self, doc: Doc, cands: list[_Cand]) -> None:
        prev: _Cand | None = None  # the last member of a plural head's enumeration
        last: _Cand | None = None
        district_chain = False  # ``last`` is a Kreis: by its head, or named as one
        for c in cands:
            left = doc[c.start - 1] if c.start > 0 else None
            low = left.lower_ if left is not None else ""
            # "Sauerland-Kreise Olpe, Soest": a compound head counts by its last part
            plural_low = low.rpartition("-")[2] if "-" in low else low
            if left is not None and low in lx.SINGULAR_HEADS:
                c.head, c.level, c.basis = c.start - 1, lx.SINGULAR_HEADS[low], "head"
            elif left is not None and plural_low in lx.PLURAL_HEADS:
                c.level, c.plural, c.basis = lx.PLURAL_HEADS[plural_low], True, "head"
            elif (
                prev is not None
                and self._joined(doc, prev, c)
                and candidates_for(self.gaz, c.form, prev.level)
            ):  # a member without a place of that level ends the enumeration ("sowie Münster")
                c.level, c.plural, c.basis = prev.level, True, "enum"
            elif (
                last is not None
                and district_chain
                and self._joined(doc, last, c)
                and candidates_for(self.gaz, c.form, "DISTRICT")
            ):  # "im Kreis Olpe, Siegen-Wittgenstein und Soest": Kreise, not the towns
                c.level, c.basis = "DISTRICT", "enum"
            elif left is not None and left.like_num and len(left.text) == 5:
                c.basis, c.plz = "postcode", left.text
            elif (
                left is not None
                and left.is_space
                and c.start > 1
                and doc[c.start - 2].like_num
                and len(doc[c.start - 2].text) == 5
            ):
                c.basis, c.plz = "postcode", doc[c.start - 2].text
            elif left is not None and low in lx.ARTICLES:
                c.basis = "article"
            elif left is not None and low in lx.PLACE_PREPOSITIONS:
                c.basis = "preposition"
            c.sentence_start = left is None or left.is_space or left.text in (".", "!", "?", ":")
            c.after_adjective = (
                left is not None
                and left.is_lower
                and left.is_alpha
                and left.text.endswith(("e", "en", "er", "es", "em"))
                and low not in lx.PLACE_PREPOSITIONS
            )
            if c.after_adjective and c.start >= 2 and doc[c.start - 2].lower_ in lx.ARTICLES:
                c.basis = "article"  # "auf dem höheren Winterberg": a hill, not the town
            if c.plural:
                prev = c
            elif prev is not None and not self._in_parenthesis(doc, prev, c):
                prev = None
            joined = last is not None and district_chain and self._joined(doc, last, c)
            district_chain = (c.level == "DISTRICT" and not c.plural) or (
                joined
                and all(p.level == "DISTRICT" for p in candidates_for(self.gaz, c.form, None))
            )
            last = c

    @staticmethod
    def _in_parenthesis(doc: Doc, a: _Cand, b: _Cand) -> bool:
        """``b`` stands inside a parenthesis that follows ``a`` ("Olpe (…, Attendorn)")."""
        return a.end < len(doc) and doc[a.end].text == "(" and ")" not in doc[a.end : b.start].text

    @staticmethod
    def _joined(doc: Doc, a: _Cand, b: _Cand) -> bool:
        """Enumeration joiners only between ``a`` and ``b``, after a parenthesis that follows
        ``a`` ("Olpe (Anna Roth, Attendorn), Soest")."""
        k = a.end
        if k < b.start and doc[k].text == "(":
            close = next((j for j in range(k + 1, min(k + 16, b.start)) if doc[j].text == ")"), -1)
            if close < 0:
                return False
            k = close + 1
        between = [t for t in doc[k : b.start] if not t.is_space]
        return 0 < len(between) <= 2 and all(t.lower_ in lx.ENUM_JOINERS for t in between)

    def _acceptable(self, c: _Cand) -> bool:
        """Whether a mention stands on its own (without help from its neighbours)."""
        if c.basis in ("head", "enum", "postcode"):
            return True
        cands = candidates_for(self.gaz, c.form, None)
        if not cands:
            return False
        if c.basis == "article":  # "das Münster"; but "im Hochsauerlandkreis"
            return all(p.level == "DISTRICT" for p in cands)
        base = self.gaz.genitive.get(c.form, c.form)
        reason = self.gaz.ambiguous.get(base)
        if reason is not None:
            if max(p.population for p in cands) >= self.big_city_population:
                # a big city is named more often than the word, unless the syntax says noun
                # ("in einer geschlossenen Halle") or a sentence opens with the verb ("Essen …")
                return not c.after_adjective and not (c.sentence_start and "word" in reason)
            return c.basis == "preposition" and any(p.land == self.home_land for p in cands)
        if any(p.land == self.home_land for p in cands):
            return True
        if any(p.level != "MUNICIPALITY" for p in cands):
            return True
        big = max(p.population for p in cands)
        return big >= self.min_bare_population or c.basis == "preposition"

    def __call__(self, doc: Doc) -> Doc:
        cands = self._raw(doc)
        if not cands:
            doc.spans[self.spans_key] = []
            return doc
        self._classify(doc, cands)
        for c in cands:
            c.accepted = self._acceptable(c)
        # an enumeration with an accepted place vouches for its ambiguous members
        changed = True
        while changed:
            changed = False
            for a, b in pairwise(cands):
                if a.accepted != b.accepted and self._joined(doc, a, b):
                    other = b if a.accepted else a
                    if other.basis != "article" and candidates_for(
                        self.gaz, other.form, other.level
                    ):
                        other.accepted, other.basis, changed = True, "enum", True
        accepted = [c for c in cands if c.accepted]
        # link: unambiguous mentions first, they form the context for the others
        ctx = LinkContext.empty()
        options = {id(c): candidates_for(self.gaz, c.form, c.level) for c in accepted}
        for c in accepted:
            if len(options[id(c)]) == 1:
                ctx.add(options[id(c)][0])
        spans: list[Span] = []
        for c in accepted:
            ranked = rank_candidates(options[id(c)], ctx, home_land=self.home_land, plz=c.plz)
            if not ranked:
                continue
            spans.append(self._span(doc, c, ranked))
        doc.spans[self.spans_key] = spans
        return doc

    def _span(self, doc: Doc, c: _Cand, ranked: list[Place]) -> Span:
        best = ranked[0]
        start = c.head if c.head is not None else c.start
        span = Span(doc, start, c.end, label=best.level, kb_id=best.key, span_id=c.basis)
        span._.ikz = {
            "name": best.display,
            "form": self.gaz.genitive.get(c.form, c.form),
            "basis": c.basis,
            "candidates": [p.key for p in ranked],
            "plz": c.plz,
        }
        return span


@Language.factory(
    "ikz_gazetteer",
    default_config={
        "min_bare_population": 10_000,
        "big_city_population": 100_000,
        "home_land": NRW,
        "spans_key": PLACES_KEY,
    },
)
def make_place_tagger(
    nlp: Language,
    name: str,
    min_bare_population: int,
    big_city_population: int,
    home_land: str,
    spans_key: str,
) -> PlaceTagger:
    return PlaceTagger(
        nlp,
        name,
        min_bare_population=min_bare_population,
        big_city_population=big_city_population,
        home_land=home_land,
        spans_key=spans_key,
    )


def _leave_room_in_tokenizer_cache(nlp: Language, used: int, room: int = 200_000) -> None:
    """Tokenising the patterns filled spaCy's chunk cache (10,000 chunks by default in
    spaCy 3.8); a full cache caches nothing more, so every document chunk would be
    tokenised afresh, about half the annotate time. Bounded, so memory stays flat."""
    tokenizer = nlp.tokenizer
    if hasattr(tokenizer, "max_cache_size"):
        tokenizer.max_cache_size = max(int(tokenizer.max_cache_size), used + room)

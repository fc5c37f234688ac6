"""The contract between the pipeline and the NER pass.

``Annotator.annotate`` runs the spaCy pipeline over a document's text units with ``nlp.pipe``,
maps entity offsets back to document coordinates, and then does what needs the whole
document: re-linking ambiguous place names with the document's unambiguous ones, finding
later mentions of a person by surname alone, and merging each person's mentions.

A unit longer than ``CHUNK_CHARS`` is annotated in pieces cut at paragraph, line or
sentence ends (offsets kept), so no text is cut and no Doc comes near spaCy's
``max_length`` or holds more than a bounded amount of memory. 20,000 characters (a long
section; most are shorter) because each token split of ``ikz_dates`` costs time in
proportion to its Doc: a million characters in one Doc take three times as long.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

import ikz_extract.nlp.lexicon as lx
from ikz_extract.models import Body, DateMention, Entity, Municipality, Person
from ikz_extract.nlp.dates import DOCUMENT_DATE
from ikz_extract.nlp.fast import TEXT_KEY
from ikz_extract.nlp.gazetteer import LinkContext, candidates_for, rank_candidates
from ikz_extract.nlp.pipeline import build_pipeline
from ikz_extract.nlp.resources import Gazetteer, Level, Place, load_gazetteer

PLACE_LABELS = frozenset({"MUNICIPALITY", "DISTRICT", "GOV_REGION"})


@dataclass(frozen=True, slots=True)
class TextUnit:
    """A piece of document text to annotate; ``offset`` places it in the document text."""

    text: str
    offset: int
    section: int | None


CHUNK_CHARS = 20_000
# Where a long text may be cut, best first: a paragraph, a line, a sentence, a word.
_CUTS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def chunked(units: Sequence[TextUnit], limit: int = CHUNK_CHARS) -> list[TextUnit]:
    """``units`` with each one longer than ``limit`` split into pieces of at most ``limit``
    characters, at the best cut in each piece's second half; offsets stay right."""
    out: list[TextUnit] = []
    for unit in units:
        text, start = unit.text, 0
        while len(text) - start > limit:
            end = start + limit
            for cut in _CUTS:
                found = [m.end() for m in cut.finditer(text, start + limit // 2, end)]
                if found:
                    end = found[-1]
                    break
            out.append(TextUnit(text[start:end], unit.offset + start, unit.section))
            start = end
        out.append(TextUnit(text[start:], unit.offset + start, unit.section) if start else unit)
    return out


@dataclass(slots=True)
class AnnotationResult:
    entities: list[Entity] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Mention:
    """One entity while the document is assembled (before the pydantic models)."""

    label: str
    text: str
    start: int
    end: int
    section: int | None
    kb_id: str | None
    info: dict[str, Any]


class Annotator:
    """Built once per process (it holds the spaCy pipeline and the gazetteer)."""

    def __init__(self, spacy_model: str | None = None) -> None:
        self.spacy_model = spacy_model
        self.nlp = build_pipeline(spacy_model)
        self.gaz: Gazetteer = load_gazetteer()

    # ------------------------------------------------------------------ annotate
    def annotate(
        self, units: Sequence[TextUnit], *, document_date: dt.date | None = None
    ) -> AnnotationResult:
        units = chunked(units)
        docs: list[Doc] = []
        for unit in units:
            doc = self.nlp.make_doc(unit.text)
            doc.user_data[TEXT_KEY] = unit.text
            if document_date is not None:
                doc.user_data[DOCUMENT_DATE] = document_date.isoformat()
            docs.append(doc)
        docs = list(self.nlp.pipe(docs, batch_size=32))
        mentions: list[_Mention] = []
        for unit, doc in zip(units, docs, strict=True):
            for ent in doc.ents:
                mentions.append(self._mention(unit, ent))
        result = AnnotationResult()
        self._relink_places(mentions, result)
        mentions += self._later_person_mentions(units, docs, mentions)
        mentions.sort(key=lambda m: m.start)
        persons = self._merge_persons(mentions)
        for m in mentions:
            result.entities.append(
                Entity(
                    label=m.label,  # type: ignore[arg-type]
                    text=m.text,
                    start=m.start,
                    end=m.end,
                    section=m.section,
                    kb_id=m.kb_id,
                    normalized=self._normalized(m),
                )
            )
            if m.label == "DATE":
                result.dates.append(
                    DateMention(
                        text=m.text,
                        value=str(m.info["value"]),
                        precision=m.info["precision"],
                        start=m.start,
                        end=m.end,
                        section=m.section,
                        note=m.info.get("note"),
                        range_start=m.info.get("range_start"),
                        range_end=m.info.get("range_end"),
                    )
                )
        result.persons = persons
        result.municipalities = self._municipalities(mentions)
        return result

    @staticmethod
    def _mention(unit: TextUnit, ent: Span) -> _Mention:
        info = dict(ent._.ikz or {})
        return _Mention(
            label=ent.label_,
            text=ent.text,
            start=unit.offset + ent.start_char,
            end=unit.offset + ent.end_char,
            section=unit.section,
            kb_id=ent.kb_id_ or None,
            info=info,
        )

    @staticmethod
    def _normalized(m: _Mention) -> str | None:
        if m.label == "DATE":
            return str(m.info.get("value"))
        if m.label == "PERSON":
            return str(m.info.get("name") or m.text)
        if m.label in PLACE_LABELS:
            return str(m.info.get("name") or m.text)
        return re.sub(r"\s+", " ", m.text).strip()

    # ------------------------------------------------------------------ places
    def _relink_places(self, mentions: list[_Mention], result: AnnotationResult) -> None:
        """Rank homonyms again with the whole document's unambiguous mentions as context."""
        ctx = LinkContext.empty()
        for m in mentions:
            if m.label in PLACE_LABELS and len(m.info.get("candidates", [])) == 1 and m.kb_id:
                ctx.add(self.gaz.places[m.kb_id])
        for m in mentions:
            cands = m.info.get("candidates", [])
            if m.label not in PLACE_LABELS or len(cands) < 2:
                continue
            places = [self.gaz.places[k] for k in cands if k in self.gaz.places]
            best = rank_candidates(places, ctx, plz=m.info.get("plz"))[0]
            if best.key != m.kb_id:
                result.warnings.append(
                    f"'{m.text}' at {m.start} linked to {best.key} ({best.display}) by the "
                    f"document's other places instead of {m.kb_id}"
                )
                m.kb_id, m.label = best.key, best.level
                m.info["name"] = best.display

    def _municipalities(self, mentions: list[_Mention]) -> list[Municipality]:
        counts: Counter[str] = Counter()
        for m in mentions:
            if m.label in PLACE_LABELS and m.kb_id:
                counts[m.kb_id] += 1
        out: list[Municipality] = []
        for key, n in counts.items():
            place = self.gaz.places[key]
            kreis = self.gaz.places.get(place.kreis) if place.level == "MUNICIPALITY" else None
            rb = self.gaz.places.get(place.rb) if place.level != "GOV_REGION" and place.rb else None
            out.append(
                Municipality(
                    name=place.display,
                    ags=place.key,
                    level=place.level,
                    kreis=kreis.display if kreis is not None else None,
                    regierungsbezirk=rb.name if rb is not None else None,
                    mentions=n,
                )
            )
        out.sort(key=lambda m: (-m.mentions, m.ags))
        return out

    # ------------------------------------------------------------------ persons
    def _later_person_mentions(
        self, units: Sequence[TextUnit], docs: list[Doc], mentions: list[_Mention]
    ) -> list[_Mention]:
        """Surname-only mentions ("so Feller") of people named in full elsewhere."""
        families: dict[tuple[str, ...], dict[str, Any]] = {}
        for m in mentions:
            if m.label == "PERSON" and m.info.get("given_name") and m.info.get("family_name"):
                families.setdefault(tuple(str(m.info["family_name"]).split()), m.info)
        if not families:
            return []
        first_words = {fam[0] for fam in families}
        out: list[_Mention] = []
        for unit, doc in zip(units, docs, strict=True):
            if not any(w in unit.text for w in first_words):
                continue
            covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            for tok in doc:
                i = tok.i
                if tok.text not in first_words or i in covered:
                    continue
                for fam, info in families.items():
                    n = len(fam)
                    if tuple(t.text for t in doc[i : i + n]) != fam:
                        continue
                    if any(j in covered for j in range(i, i + n)):
                        continue
                    if i > 0 and doc[i - 1].lower_ in lx.ARTICLES:
                        continue
                    if i + n < len(doc) and doc[i + n].is_title and doc[i + n].is_alpha:
                        continue  # "Feller Straße", another name
                    span = doc[i : i + n]
                    out.append(
                        _Mention(
                            "PERSON",
                            span.text,
                            unit.offset + span.start_char,
                            unit.offset + span.end_char,
                            unit.section,
                            None,
                            {
                                "name": info["name"],
                                "given_name": None,
                                "family_name": " ".join(fam),
                            },
                        )
                    )
                    covered.update(range(i, i + n))
        return out

    @staticmethod
    def _merge_persons(mentions: list[_Mention]) -> list[Person]:
        """One Person per individual: surname-only mentions join the full name they share."""
        groups: dict[str, list[_Mention]] = defaultdict(list)
        full_by_family: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            if m.label == "PERSON" and m.info.get("given_name"):
                full_by_family[str(m.info.get("family_name"))].add(str(m.info["name"]))
        for m in mentions:
            if m.label != "PERSON":
                continue
            name = str(m.info.get("name") or m.text)
            if not m.info.get("given_name"):
                fulls = full_by_family.get(str(m.info.get("family_name") or name), set())
                if len(fulls) == 1:
                    name = next(iter(fulls))
                    m.info["name"] = name
            groups[name].append(m)
        persons: list[Person] = []
        for name, ms in groups.items():
            infos = [m.info for m in ms]

            def first(key: str, infos: list[dict[str, Any]] = infos) -> Any:
                return next((i[key] for i in infos if i.get(key)), None)

            affiliated = [i for i in infos if i.get("affiliation")]
            best_aff = max(affiliated, key=lambda i: len(str(i["affiliation"])), default=None)
            persons.append(
                Person(
                    name=name,
                    given_name=first("given_name"),
                    family_name=first("family_name"),
                    title=first("title"),
                    role=first("role"),
                    affiliation=best_aff["affiliation"] if best_aff else None,
                    affiliation_ags=best_aff.get("affiliation_ags") if best_aff else None,
                    mentions=len(ms),
                )
            )
        return persons

    # ------------------------------------------------------------------ profile fields
    def link_body(self, name: str) -> Body:
        """Link a name from a profile field ("Kreis Borken", "Münster") to its official key.

        The field itself is municipal context, so names that are also ordinary words
        ("Senden") are linked here; an organisation ("Münsterland e.V.") gets no key.
        """
        clean = re.sub(r"\s+", " ", name).strip()
        words = clean.split(" ")
        level: Level | None = None
        form = clean
        if len(words) > 1:
            head = words[0].lower()
            level = lx.SINGULAR_HEADS.get(head) or lx.PLURAL_HEADS.get(head)
            if level is not None and head not in lx.ADMIN_HEADS:
                form = " ".join(words[1:])
            else:
                level = None
        cands = candidates_for(self.gaz, form, level)
        if not cands and level is None:
            cands = self._bare_any_level(form)
        if not cands:
            return Body(name=clean)
        best: Place = rank_candidates(cands)[0]
        return Body(name=clean, ags=best.key, level=best.level)

    def _bare_any_level(self, form: str) -> list[Place]:
        """A bare field value may name a Kreis or RB too; a Gemeinde of that name wins."""
        base = self.gaz.genitive.get(form, form)
        places = self.gaz.by_form.get(base, [])
        munis = [p for p in places if p.level == "MUNICIPALITY"]
        return munis or [p for p in places if p.level == "DISTRICT"]

"""``ikz_merge``: one non-overlapping entity layer (``doc.ents``) from the components' spans.

Where spans overlap, the winner is decided explicitly, in this order:

1. rule spans beat statistical-model spans (the model only fills gaps);
2. by label, in ``priority`` order (default ORG > DATE > PERSON > GOV_REGION > DISTRICT >
   MUNICIPALITY): a place inside an organisation's name is the organisation's, a surname that
   is also a place name is the person's;
3. the longer span, then the earlier one.

Model labels are mapped (PER → PERSON, ORG → ORG); a model LOC is kept only when the
gazetteer knows its text, and then it is linked like any bare mention.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ikz_extract.nlp.dates import DATES_KEY
from ikz_extract.nlp.extensions import ensure_extensions
from ikz_extract.nlp.fast import WORDS_KEY
from ikz_extract.nlp.gazetteer import PLACES_KEY, candidates_for, rank_candidates
from ikz_extract.nlp.orgs import ORGS_KEY
from ikz_extract.nlp.persons import PERSONS_KEY
from ikz_extract.nlp.resources import load_gazetteer
from ikz_extract.nlp.settings import SettingsComponent

DEFAULT_PRIORITY = ["ORG", "DATE", "PERSON", "GOV_REGION", "DISTRICT", "MUNICIPALITY"]
MODEL_LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}


class EntityMerger(SettingsComponent):
    """The ``ikz_merge`` component."""

    SETTINGS = ("sources", "priority", "use_model_ents")

    def __init__(
        self,
        nlp: Language,
        name: str = "ikz_merge",
        *,
        sources: list[str] | None = None,
        priority: list[str] | None = None,
        use_model_ents: bool = True,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.sources = sources or [ORGS_KEY, DATES_KEY, PERSONS_KEY, PLACES_KEY]
        self.priority = priority or list(DEFAULT_PRIORITY)
        self.use_model_ents = use_model_ents

    def _model_spans(self, doc: Doc) -> list[Span]:
        out: list[Span] = []
        gaz = load_gazetteer()
        for ent in doc.ents:
            label = MODEL_LABELS.get(ent.label_)
            if label is None:
                continue
            if label != "LOC":
                span = Span(doc, ent.start, ent.end, label=label)
                if label == "PERSON" and span._.ikz is None:
                    span._.ikz = {"name": ent.text, "source": "model"}
                out.append(span)
                continue
            cands = rank_candidates(candidates_for(gaz, ent.text, None))
            if cands:
                best = cands[0]
                span = Span(doc, ent.start, ent.end, label=best.level, kb_id=best.key)
                if span._.ikz is None:
                    span._.ikz = {"name": best.display, "form": ent.text, "basis": "model",
                                  "candidates": [c.key for c in cands]}  # fmt: skip
                out.append(span)
        return out

    def __call__(self, doc: Doc) -> Doc:
        rank = {label: i for i, label in enumerate(self.priority)}
        cands: list[tuple[int, int, int, int, Span]] = []
        for key in self.sources:
            for span in doc.spans.get(key, []):
                cands.append(
                    (0, rank.get(span.label_, 99), -(span.end - span.start), span.start, span)
                )
        if self.use_model_ents:
            for span in self._model_spans(doc):
                cands.append(
                    (1, rank.get(span.label_, 99), -(span.end - span.start), span.start, span)
                )
        cands.sort(key=lambda c: c[:4])
        taken: set[int] = set()
        chosen: list[Span] = []
        for *_, span in cands:
            if taken.isdisjoint(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        chosen.sort(key=lambda s: s.start)
        doc.ents = chosen
        doc.user_data.pop(WORDS_KEY, None)  # a scratch list of the rule components
        return doc


@Language.factory(
    "ikz_merge",
    default_config={"sources": None, "priority": None, "use_model_ents": True},
)
def make_merger(
    nlp: Language,
    name: str,
    sources: list[str] | None,
    priority: list[str] | None,
    use_model_ents: bool,
) -> EntityMerger:
    return EntityMerger(
        nlp, name, sources=sources, priority=priority, use_model_ents=use_model_ents
    )

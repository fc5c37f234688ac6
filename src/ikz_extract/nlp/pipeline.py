"""Build the one spaCy pipeline of the process: a blank German (or an installed model) plus
the ikz components, in this order: dates → gazetteer → organisations → persons → merge."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

# importing the modules registers the factories
import ikz_extract.nlp.dates
import ikz_extract.nlp.gazetteer
import ikz_extract.nlp.merge
import ikz_extract.nlp.orgs
import ikz_extract.nlp.persons  # noqa: F401

COMPONENTS = ("ikz_dates", "ikz_gazetteer", "ikz_orgs", "ikz_persons", "ikz_merge")
# Components of a statistical model that the NER pass does not need.
_MODEL_EXCLUDE = ["parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter"]


def add_ikz_components(nlp: Language) -> Language:
    """Add the project's components to any German pipeline (someone else's too)."""
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def build_pipeline(spacy_model: str | None = None) -> Language:
    """The cached pipeline; ``spacy_model`` names an installed model whose NER adds
    PER/ORG/LOC candidates (the rules stay authoritative)."""
    if spacy_model:
        try:
            nlp = spacy.load(spacy_model, exclude=_MODEL_EXCLUDE)
        except OSError as exc:
            raise ValueError(
                f"spaCy model {spacy_model!r} is not installed; run without --spacy-model "
                "or install it with pip"
            ) from exc
    else:
        nlp = spacy.blank("de")
    return add_ikz_components(nlp)

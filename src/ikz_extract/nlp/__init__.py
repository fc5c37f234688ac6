"""Annotate: one spaCy pipeline per process tags municipalities, people, dates, organisations."""

import sys
import types

from spacy.language import Language

from ikz_extract.nlp.annotator import AnnotationResult, Annotator, TextUnit

__all__ = ["AnnotationResult", "Annotator", "TextUnit"]


class _CallableModule(types.ModuleType):
    """``ikz_extract.nlp()`` is the API's spaCy pipeline: the call and this subpackage share
    the name, and Python sets the package attribute to the subpackage once it is imported."""

    def __call__(self, spacy_model: str | None = None) -> Language:
        from ikz_extract.api import nlp

        return nlp(spacy_model)


sys.modules[__name__].__class__ = _CallableModule

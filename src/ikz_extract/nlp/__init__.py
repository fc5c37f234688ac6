"""Annotate: one spaCy pipeline per process tags municipalities, people, dates, organisations."""

from ikz_extract.nlp.annotator import AnnotationResult, Annotator, TextUnit

__all__ = ["AnnotationResult", "Annotator", "TextUnit"]

"""Token texts and document text at C speed: building Token objects for every token is the
main cost of a rule pass, so rules scan these strings and look closer only at hits."""

from __future__ import annotations

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

WORDS_KEY = "ikz_words"


def token_texts(doc: Doc) -> list[str]:
    """The text of every token, in order (kept in ``doc.user_data`` until ikz_merge drops it,
    so the components after ikz_dates share one list)."""
    cached = doc.user_data.get(WORDS_KEY)
    if isinstance(cached, list) and len(cached) == len(doc):
        return cached
    strings = doc.vocab.strings
    words = [strings[h] for h in doc.to_array(ORTH).tolist()]
    doc.user_data[WORDS_KEY] = words
    return words


TEXT_KEY = "ikz_text"


def doc_text(doc: Doc) -> str:
    """``doc.text`` without creating Token objects (spaCy's trailing whitespace is " ").

    A caller that made the Doc from a string may store it in ``doc.user_data["ikz_text"]``;
    it is used when its length still fits the tokens."""
    stored = doc.user_data.get(TEXT_KEY)
    if (
        isinstance(stored, str)
        and len(doc)
        and len(stored) == doc[-1].idx + len(doc[-1].text_with_ws)
    ):
        return stored
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, SPACY]).tolist()
    return "".join(strings[o] + (" " if sp else "") for o, sp in arr)

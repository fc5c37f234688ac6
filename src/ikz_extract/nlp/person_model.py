"""A statistical finder for people named without a cue word (a linear-chain CRF).

Trained on GermEval 2014 train (``scripts/train_ner.py``, ``make train-ner``) with features a
German reader uses: the word, its affixes and shape, whether it is a given name (strong or
weak), a frequent common or function word, a gazetteer place, a role, title or honorific, and
the same facts about the two words on either side. It only proposes: ``ikz_persons`` keeps
its rules and vetoes (a gazetteer place, an organisation, a common noun alone is no person).

Speed: features of a word are computed once per process and cached; the tagger runs only on
windows around capitalised words that no rule explained, so text without such words costs
nothing beyond one scan of the token strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

import pycrfsuite

from ikz_extract.german.dates import MONTHS, WEEKDAYS
from ikz_extract.nlp import lexicon as lx
from ikz_extract.nlp.resources import (
    load_common_words,
    load_function_words,
    load_gazetteer,
    load_given_names,
)

MODEL_FILE = ("ner", "per.crfsuite")
WINDOW = 3  # tokens of context tagged on each side of an unexplained capitalised word
_MONTH_NAMES = frozenset(m.capitalize() for m in MONTHS)
_PARTICLES = frozenset("von van de der den ter te zu vom zur di da del le la du dos af".split())


def _shape(word: str) -> str:
    """Short word shape: runs of one character class collapsed ("Müller" → "Xx")."""
    out: list[str] = []
    for ch in word[:12]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=200_000)
def _classes(word: str) -> tuple[str, ...]:
    """Lexicon facts about one word (shared by its own and its neighbours' features)."""
    given = load_given_names()
    out: list[str] = []
    g = given.get(word)
    if g is not None:
        out.append("gnw" if g.weak else "gn")
        if g.count >= 1000 or g.namdict_class >= 5:
            out.append("gnfreq")
    elif "-" in word and all(p in given for p in word.split("-")):
        out.append("gn")
    if word in load_common_words():
        out.append("common")
    low = word.lower()
    if low in load_function_words() or low in lx.CLOSED_CLASS or low in lx.ARTICLES:
        out.append("func")
    if word in load_gazetteer().by_form:
        out.append("gaz")
    if word in lx.HONORIFICS:
        out.append("honor")
    elif lx.TITLE_RE.match(word):
        out.append("title")
    elif word[:1].isupper() and len(word) >= 5 and lx.ROLE_RE.match(word):
        out.append("role")
    if word in _MONTH_NAMES or word in WEEKDAYS:
        out.append("cal")
    if low in _PARTICLES:
        out.append("part")
    return tuple(out)


@lru_cache(maxsize=200_000)
def _own(word: str) -> tuple[str, ...]:
    low = word.lower()
    feats = [
        "b",
        "w=" + low,
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "p3=" + low[:3],
        "sh=" + _shape(word),
    ]
    if word[:1].isupper():
        feats.append("cap")
    if len(word) <= 2:
        feats.append("short")
    feats += ["c=" + c for c in _classes(word)]
    return tuple(feats)


@lru_cache(maxsize=200_000)
def _context(word: str, offset: int) -> tuple[str, ...]:
    """What a neighbour at ``offset`` contributes: its word (±1 only), shape and classes."""
    p = f"{offset}:"
    feats = [p + "sh=" + _shape(word)]
    if abs(offset) == 1:
        feats.append(p + "w=" + word.lower())
    feats += [p + c for c in _classes(word)]
    return tuple(feats)


def features(words: Sequence[str]) -> list[list[str]]:
    """The CRF's feature strings for each word of a sentence or window."""
    n = len(words)
    out: list[list[str]] = []
    for i, w in enumerate(words):
        f = list(_own(w))
        f += _context(words[i - 1], -1) if i >= 1 else ("-1:BOS",)
        f += _context(words[i - 2], -2) if i >= 2 else ()
        f += _context(words[i + 1], 1) if i + 1 < n else ("1:EOS",)
        f += _context(words[i + 2], 2) if i + 2 < n else ()
        out.append(f)
    return out


def bio_spans(tags: Sequence[str], label: str = "PER") -> list[tuple[int, int]]:
    """(start, end) of maximal B/I runs of ``label``."""
    spans: list[tuple[int, int]] = []
    start = -1
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and tag != "I-" + label:
            spans.append((start, i))
            start = -1
        if tag == "B-" + label or (tag == "I-" + label and start < 0):
            start = i
    return spans


@cache
def load_tagger() -> pycrfsuite.Tagger:
    """The shipped model (package data, loaded once per process)."""
    tagger = pycrfsuite.Tagger()
    path = resources.files("ikz_extract").joinpath("data", *MODEL_FILE)
    with resources.as_file(path) as file:
        tagger.open(str(file))
    return tagger


def unexplained(words: Sequence[str], explained: set[int]) -> list[int]:
    """Capitalised words that may start or continue a name and no rule explained."""
    common = load_common_words()
    out: list[int] = []
    for i, w in enumerate(words):
        if i in explained or not w[:1].isupper() or len(w) < 2 or w.isupper():
            continue
        if w in common and "gn" not in _classes(w) and "gnw" not in _classes(w):
            continue
        out.append(i)
    return out


def propose(words: Sequence[str], explained: set[int]) -> list[tuple[int, int]]:
    """Person spans the model finds in windows around unexplained capitalised words."""
    hits = unexplained(words, explained)
    if not hits:
        return []
    tagger = load_tagger()
    n = len(words)
    windows: list[list[int]] = []
    for i in hits:
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    out: list[tuple[int, int]] = []
    for lo, hi in windows:
        tags = tagger.tag(features(words[lo:hi]))
        for s, e in bio_spans(tags):
            # a span cut by the window edge is unreliable
            if (s > 0 or lo == 0) and (e < hi - lo or hi == n):
                out.append((lo + s, lo + e))
    return out

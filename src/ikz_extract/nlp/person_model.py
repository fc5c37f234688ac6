"""A statistical finder for people named without a cue word (a linear-chain CRF).

Trained on GermEval 2014 train (``scripts/train_ner.py``, ``make train-ner``) with features a
German reader uses: the word, its affixes and shape, whether it is a given name (strong or
weak), a frequent common or function word, a gazetteer place, a role, title or honorific, and
the same facts about the two words on either side. It only proposes: ``ikz_persons`` keeps
its rules and vetoes (a gazetteer place, an organisation, a common noun alone is no person).

Speed: every feature describes one word at one offset, so a token's label scores are the sum
of five vectors, each cached per word (``LinearChain``: the CRF's weights exported by the
training script, decoded here with Viterbi, no CRF library at run time). Viterbi runs only on
windows around capitalised words that no rule explained and whose own scores favour a name.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

from ikz_extract.german.dates import MONTHS, WEEKDAYS
from ikz_extract.nlp import lexicon as lx
from ikz_extract.nlp.resources import (
    load_common_words,
    load_function_words,
    load_gazetteer,
    load_given_names,
)

MODEL_FILE = ("ner", "per.json.gz")
OFFSETS = (-2, -1, 1, 2)
WINDOW = 3  # tokens of context tagged on each side of an unexplained capitalised word
# Only tokens whose own label scores put a name label this far ahead of O are tagged in
# context (chosen on GermEval dev: lower margins find no more names, only cost time)
MIN_MARGIN = 2.0
COMMON_MARGIN = 6.0  # the same for a frequent word that is no given name
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
    low = word.lower()
    feats = [p + "sh=" + _shape(word), p + "w=" + low]
    if abs(offset) == 1:
        feats.append(p + "s3=" + low[-3:])
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


Vector = tuple[float, ...]


@dataclass(slots=True)
class LinearChain:
    """A linear-chain CRF's weights: per feature one weight per label, and transitions."""

    labels: tuple[str, ...]
    weights: dict[str, Vector]
    transitions: tuple[Vector, ...]  # [from label][to label]
    _o: int = 0
    _edges: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    # per word seen: its row in _table, which holds the word's five score vectors
    _ids: dict[str, int] = field(default_factory=dict)
    _table: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        self._o = self.labels.index("O")
        self._edges = np.array([self._sum(("-1:BOS",)), self._sum(("1:EOS",))])
        self._table = np.zeros((1024, 1 + len(OFFSETS), len(self.labels)))

    def _sum(self, feats: Sequence[str]) -> Vector:
        acc = [0.0] * len(self.labels)
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                for k, x in enumerate(w):
                    acc[k] += x
        return tuple(acc)

    def _row(self, word: str) -> int:
        """The word's row: scores as the token itself, then as neighbour at each of OFFSETS
        (the -1 vector is what it adds to the token after it)."""
        k = len(self._ids)
        if k >= len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        self._table[k] = [self._sum(_own(word)), *(self._sum(_context(word, o)) for o in OFFSETS)]
        self._ids[word] = k
        return k

    def emissions(self, words: Sequence[str]) -> NDArray[np.float64]:
        """Label scores of every token (n × labels), each seen with its neighbours."""
        ids = self._ids
        if len(ids) + len(words) > 300_000:  # bounded memory on endless vocabularies
            ids.clear()
        rows = [ids.get(w, -1) for w in words]
        if -1 in rows:
            rows = [ids[w] if w in ids else self._row(w) for w in words]
        v = self._table[rows]
        e = v[:, 0].copy()
        e[1:] += v[:-1, 2]
        e[2:] += v[:-2, 1]
        e[:-1] += v[1:, 3]
        e[:-2] += v[2:, 4]
        e[0] += self._edges[0]
        e[-1] += self._edges[1]
        return e

    def tag(self, words: Sequence[str]) -> list[str]:
        """The best label sequence (Viterbi)."""
        return self.viterbi(self.emissions(words).tolist()) if words else []

    def viterbi(self, emis: list[list[float]]) -> list[str]:
        trans = self.transitions
        labels = range(len(self.labels))
        score = emis[0]
        back: list[list[int]] = []
        for e in emis[1:]:
            new: list[float] = []
            ptr: list[int] = []
            for j in labels:
                best_k, best = 0, score[0] + trans[0][j]
                for k in labels:
                    s = score[k] + trans[k][j]
                    if s > best:
                        best_k, best = k, s
                new.append(best + e[j])
                ptr.append(best_k)
            score = new
            back.append(ptr)
        j = max(labels, key=score.__getitem__)
        path = [j]
        for ptr in reversed(back):
            j = ptr[j]
            path.append(j)
        return [self.labels[k] for k in reversed(path)]

    def name_margins(self, emis: NDArray[np.float64]) -> NDArray[np.float64]:
        """Per token, how much better the best name label scores than O on its own."""
        others = np.delete(emis, self._o, axis=1)
        margins: NDArray[np.float64] = others.max(axis=1) - emis[:, self._o]
        return margins

    def to_json(self) -> str:
        return json.dumps(
            {"labels": self.labels, "transitions": self.transitions, "weights": self.weights},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> LinearChain:
        data = json.loads(text)
        return cls(
            tuple(data["labels"]),
            {f: tuple(w) for f, w in data["weights"].items()},
            tuple(tuple(row) for row in data["transitions"]),
        )


@cache
def load_tagger() -> LinearChain:
    """The shipped model (package data, loaded once per process)."""
    path = resources.files("ikz_extract").joinpath("data", *MODEL_FILE)
    return LinearChain.from_json(gzip.decompress(path.read_bytes()).decode("utf-8"))


@lru_cache(maxsize=200_000)
def _common(word: str) -> bool:
    """A frequent capitalised word that is no given name ("Menschen", but also "Weber")."""
    classes = _classes(word)
    return "common" in classes and "gn" not in classes and "gnw" not in classes


@lru_cache(maxsize=200_000)
def _may_be_name(word: str) -> bool:
    return len(word) >= 2 and word[:1].isupper() and not word.isupper()


def propose(
    words: Sequence[str],
    explained: set[int],
    min_margin: float = MIN_MARGIN,
    common_margin: float = COMMON_MARGIN,
) -> list[tuple[int, int]]:
    """Person spans the model finds around capitalised words that no rule explained and
    whose own scores favour a name (``name_margin`` above ``min_margin``)."""
    hits = [i for i, w in enumerate(words) if _may_be_name(w) and i not in explained]
    if not hits:
        return []
    tagger = load_tagger()
    emis = tagger.emissions(words)
    margins = tagger.name_margins(emis).tolist()
    hits = [i for i in hits if margins[i] > (common_margin if _common(words[i]) else min_margin)]
    if not hits:
        return []
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
        for s, e in bio_spans(tagger.viterbi(emis[lo:hi].tolist())):
            # a span cut by the window edge is unreliable
            if (s > 0 or lo == 0) and (e < hi - lo or hi == n):
                out.append((lo + s, lo + e))
    return out

"""Find candidate blocks in the reference text without scanning it once per block.

``html_select`` looks up every block of a page in trafilatura's text: long blocks anywhere
(their first occurrence), short ones between two anchors, and parts of long blocks as plain
substrings. One ``str.find`` per block costs time in proportion to the reference, so a page
twice as long took four times as long. ``ReferenceIndex`` lists, once, where every word of
the reference starts; a lookup then visits only the places where the block's rarest word
stands, and answers exactly what the scan would have answered.

Why that is exact: a *word* is a maximal run of characters that join words (letters,
digits, ``-`` and ``_``, see ``joins``). A match that is not inside a longer word (the
``bounded`` rule) starts and ends at word edges wherever the block has a word character
there, and any separator in the block is in the reference too, so every word of the block
is a whole word of the reference at the same offset. Looking up one word of the block
therefore finds every place where the block can match; each place is then checked in full.
For a plain substring (no word edges required at its ends) only the words inside it, away
from both ends, are whole words of the reference.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict

# Characters that join words: str.isalnum() or "-" or "_" (``\w`` is isalnum() or "_").
_WORD = re.compile(r"[\w-]+")
# A word with more places than _COMMON is looked up by the _SPAN characters from its start;
# a word or span with at most _FEW places is good enough to look a block up by, and the
# first _LOOK_AT words of a block are enough to choose from.
_COMMON = 64
_SPAN = 20
_FEW = 4
_LOOK_AT = 24
# One check of a place costs about as much as scanning this many characters with str.find:
# a lookup with more places than its window / _SCAN_RATIO scans the window instead.
_SCAN_RATIO = 256


def joins(ch: str) -> bool:
    return ch.isalnum() or ch in "-_"


def bounded(ref: str, start: int, end: int) -> bool:
    """``ref[start:end]`` is not part of a longer word ("Bauhof" in "Bauhof-Portal")."""
    before = ref[start - 1] if start > 0 else " "
    after = ref[end] if end < len(ref) else " "
    return not (joins(before) and joins(ref[start])) and not (joins(after) and joins(ref[end - 1]))


def scan_find(ref: str, s: str, start: int, end: int) -> int:
    """First position of ``s`` in ``ref[start:end]`` not inside a longer word, by scanning.

    The plain algorithm; ``ReferenceIndex.find`` gives the same answer without the scan.
    """
    while True:
        found = ref.find(s, start, end)
        if found < 0 or bounded(ref, found, found + len(s)):
            return found
        start = found + 1


class ReferenceIndex:
    """The start of every word of ``ref``, by word; built in one pass.

    A word with many places ("die", "Kreis") also gets its places split by the text that
    follows (``_SPAN`` characters from the word's start, "Kreis Borken hat"), on first
    use; a block made only of common words is then looked up by its rarest such span.
    """

    def __init__(self, ref: str) -> None:
        self.ref = ref
        # The work lookups did (tests count it): places checked, characters scanned.
        self.probes = 0
        self.scanned = 0
        self._spans: dict[str, dict[str, list[int]]] = {}
        self._first: dict[str, int] = {}
        self._contains: dict[str, bool] = {}
        words: defaultdict[str, list[int]] = defaultdict(list)
        for m in _WORD.finditer(ref):
            words[m.group()].append(m.start())
        self.words = dict(words)

    def _spans_of(self, word: str) -> dict[str, list[int]]:
        """The places of a common ``word`` by the ``_SPAN`` characters starting there."""
        spans = self._spans.get(word)
        if spans is None:
            spans = self._spans[word] = {}
            ref = self.ref
            for place in self.words[word]:
                key = ref[place : place + _SPAN]
                known = spans.get(key)
                if known is None:
                    spans[key] = [place]
                else:
                    known.append(place)
        return spans

    def _rarest(self, s: str, inner: bool) -> tuple[int, list[int]] | None:
        """Where to look for ``s``: the word of ``s`` with the fewest places in the reference
        (or, when even that word is common, the span from its start), as its offset in ``s``
        and those places. None when ``s`` has no usable word; no places when a word of ``s``
        is missing from the reference (so ``s`` is too). ``inner``: only words that neither
        start nor end ``s``, the ones a plain substring match keeps whole.
        """
        size = len(s)
        best: list[int] | None = None
        best_offset = 0
        spannable: list[int] | None = None  # the rarest word with _SPAN characters after it
        span_offset, span_word = 0, ""
        for n, m in enumerate(_WORD.finditer(s)):
            if n == _LOOK_AT:  # any word will do; these are enough to find a rare one
                break
            offset, end = m.span()
            if inner and (offset == 0 or end == size):
                continue
            places = self.words.get(m.group())
            if places is None:
                return offset, []
            if best is None or len(places) < len(best):
                best, best_offset = places, offset
                if len(places) <= _FEW:
                    return best_offset, best
            if offset + _SPAN <= size and (spannable is None or len(places) < len(spannable)):
                spannable, span_offset, span_word = places, offset, m.group()
        if best is None:
            return None
        if len(best) > _COMMON and spannable is not None:
            places = self._spans_of(span_word).get(s[span_offset : span_offset + _SPAN], [])
            if len(places) < len(best):
                return span_offset, places
        return best_offset, best

    def find(self, s: str, start: int, end: int) -> int:
        """``scan_find(ref, s, start, end)``: the first match of ``s`` that lies in
        ``ref[start:end]`` and is not inside a longer word, or -1."""
        if start == 0 and end >= len(self.ref):
            found = self._first.get(s)
            if found is None:
                found = self._first[s] = self._find(s, 0, len(self.ref))
            return found
        return self._find(s, start, end)

    def _find(self, s: str, start: int, end: int) -> int:
        key = self._rarest(s, inner=False)
        if key is None:  # no word character at all: scan (blocks like that are rare)
            return self._scan(s, start, end)
        offset, places = key
        ref, size = self.ref, len(s)
        i = bisect_left(places, start + offset)
        j = bisect_right(places, end - size + offset)  # the word's last possible place
        if (j - i) * _SCAN_RATIO > end - start:  # a scan in C is cheaper than so many checks
            return self._scan(s, start, end)
        for k in range(i, j):
            self.probes += 1
            found = places[k] - offset
            if ref.startswith(s, found) and bounded(ref, found, found + size):
                return found
        return -1

    def _scan(self, s: str, start: int, end: int) -> int:
        self.scanned += max(0, min(end, len(self.ref)) - start)
        return scan_find(self.ref, s, start, end)

    def contains(self, s: str) -> bool:
        """``s in ref``, a plain substring test."""
        known = self._contains.get(s)
        if known is None:
            known = self._contains[s] = self._contains_uncached(s)
        return known

    def _contains_uncached(self, s: str) -> bool:
        key = self._rarest(s, inner=True)
        if key is None or len(key[1]) * _SCAN_RATIO > len(self.ref):
            # a single word, words only at its ends, or a word that is everywhere: scan
            self.scanned += len(self.ref)
            return s in self.ref
        offset, places = key
        ref = self.ref
        for place in places:
            self.probes += 1
            found = place - offset
            if found >= 0 and ref.startswith(s, found):
                return True
        return False

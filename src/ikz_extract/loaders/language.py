"""Is this text German? A stop-word ratio: cheap, dependency-free, good enough for a warning.

The parsers and the NER are built for German; an English or French document still gets a
record, but its user should know why its fields are empty. Function words make up a fifth
to a third of German prose and almost none of other languages' (spellings shared with
English or French, such as "in", "die", "des" or "war", are left out of the list), so a low
share is a strong signal.
"""

from __future__ import annotations

import re

_GERMAN = frozenset(
    """
    der das und ist nicht mit dem den ein eine einer eines einem einen für auf sich auch
    als von zu zur zum im ins vom bei beim nach aus über unter durch wird werden wurde
    wurden sind waren hat haben hatte sein seine ihre ihr sie wir ich er es dass daß oder
    aber wie noch nur schon sehr mehr wenn dann weil damit sowie können kann soll sollen
    muss müssen gegen ohne zwischen sowohl jedoch diese dieser dieses diesem diesen hier
    dort bis keine kein alle allen
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

SAMPLE_CHARS = 20_000  # enough words for a stable ratio; huge documents stay cheap
MIN_WORDS = 40  # shorter texts (a title, a table) say too little to judge
MIN_RATIO = 0.08  # German prose: 0.25-0.40; English, French: below 0.03


def german_ratio(text: str) -> tuple[float, int]:
    """Share of German function words among the words of ``text`` (sampled), and the count."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in _GERMAN) / len(words), len(words)


def language_warnings(text: str) -> list[str]:
    """A warning when ``text`` is long enough to judge and does not look German."""
    ratio, words = german_ratio(text)
    if words < MIN_WORDS or ratio >= MIN_RATIO:
        return []
    return [
        f"the text does not look German ({ratio:.0%} German function words in {words} words); "
        "the parsers and the NER expect German, so fields may be missing"
    ]

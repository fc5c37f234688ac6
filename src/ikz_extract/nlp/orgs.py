"""``ikz_orgs``: organisation names (legal forms, authorities, named bodies).

Rules, each for a way German texts name an organisation:

- a legal form closes a name ("Münsterland e. V.", "Stadtwerke Münster GmbH"): the name runs
  left over capitalised words and connectors, stopping at articles and lowercase words;
- an organisation head opens a name and a place or proper name follows ("Bezirksregierung
  Münster", "FH Münster", "Kreishandwerkerschaft Borken", "Zweckverband EUREGIO",
  "Stadtregion Münster"), or a quoted name ("Netzwerk „Zukunft durch Innovation“"), or a
  complement plus an introduced abbreviation ("Gesellschaft zur Förderung … (GFC)");
- a compound head followed by an abbreviation it introduces ("Wirtschaftsförderungsgesellschaft
  (wfc)"); dotted brand names ("IT.NRW", "Energieagentur.NRW"); a short list of bodies
  usually named without any cue ("Vereinte Nationen", "EUREGIO").

A place inside an organisation's name belongs to the organisation: the component removes the
place spans it covers from ``doc.spans["ikz_places"]``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ikz_extract.nlp import lexicon as lx
from ikz_extract.nlp.extensions import ensure_extensions
from ikz_extract.nlp.fast import doc_text, token_texts
from ikz_extract.nlp.gazetteer import PLACES_KEY
from ikz_extract.nlp.resources import load_common_words
from ikz_extract.nlp.settings import SettingsComponent

ORGS_KEY = "ikz_orgs"
_ABBR = re.compile(r"^[A-Za-zÄÖÜ][A-Za-zÄÖÜäöü0-9.&-]{1,9}$")
_DOTTED = re.compile(
    r"(?<![\w@./-])(?!(?:Dr|Prof|St|Str|Nr|Tel|Fax|Abs|Art)\.)"
    r"([A-ZÄÖÜ][\wÄÖÜäöüß-]+\.(?:NRW|BANK|com|de|net|org|eu|nrw|[A-Z][a-z]{2,}))(?![\w@/-]|\.\w)"
)
_DOTTED_HINT = re.compile(r"[a-zäöüA-Z]\.[A-Za-z]")
_WEEKDAY_TAG = re.compile(r"(?:mon|diens|donners|frei|sams|sonn|feier|geburts|all|vor)tag$")
_ADJ_END = re.compile(r"(?:er|en|e|es|em|ische[nrs]?)$")
_QUOTES_OPEN = frozenset({"„", '"', "“", "»", "‚"})
_QUOTES_CLOSE = frozenset({"“", '"', "”", "«", "‘"})
_PUBLIC_BODIES = frozenset({"ministerium", "bundesministerium", "landesministerium",
                            "staatsministerium", "bundesamt", "landesamt", "landesanstalt",
                            "bundesagentur", "agentur", "landesbetrieb"})  # fmt: skip


def is_org_head(tok: Token) -> bool:
    """A token that can open an organisation name ("Bezirksregierung", "Kreissportbund")."""
    return is_org_head_text(tok.text)


@lru_cache(maxsize=65536)
def is_org_head_text(text: str) -> bool:
    low = text.lower()
    if low in lx.ORG_PREFIX_HEADS:
        return True
    if not text.istitle() or low in lx.SINGULAR_HEADS or low in lx.PLURAL_HEADS:
        return False
    if len(low) <= 6 or _WEEKDAY_TAG.search(low):
        return False
    # genitive "des Islamischen Zentrums", "der Kreishandwerkerschaft"; dative plural
    # "mit den Stadtwerken Bielefeld"
    stems = (
        (low, low[:-1], low[:-2])
        if low.endswith("s")
        else (low, low[:-1])
        if low.endswith("en")
        else (low,)
    )
    return any(s.endswith(lx.ORG_HEAD_SUFFIXES) or s in lx.ORG_PREFIX_HEADS for s in stems)


_CLUB_ABBR = re.compile(r"^[A-Z][A-Za-z]{0,3}[A-Z]$")  # TSV, SC, VfB, DJK


class OrgTagger(SettingsComponent):
    """The ``ikz_orgs`` component; writes ``doc.spans["ikz_orgs"]`` (label ORG)."""

    SETTINGS = ("spans_key", "places_key", "max_name_tokens")

    def __init__(
        self,
        nlp: Language,
        name: str = "ikz_orgs",
        *,
        spans_key: str = ORGS_KEY,
        places_key: str = PLACES_KEY,
        max_name_tokens: int = 8,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.spans_key = spans_key
        self.places_key = places_key
        self.max_name_tokens = max_name_tokens
        self.common = load_common_words()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("KNOWN", [nlp.make_doc(t) for t in lx.KNOWN_ORGS])
        legal = [f for f in lx.LEGAL_FORMS if f != "Stiftung"]
        self.matcher.add("LEGAL", [nlp.make_doc(t) for t in legal])
        self._legal_id = nlp.vocab.strings["LEGAL"]

    # ------------------------------------------------------------------ rules
    def _name_token(self, tok: Token) -> bool:
        """A word that can be part of a proper name."""
        if tok.is_space or tok.is_punct or tok.like_url or tok.like_email:
            return False
        return tok.text[:1].isupper() or tok.is_upper or tok.text[:1].isdigit()

    def _legal_form_orgs(
        self, doc: Doc, legal: list[tuple[int, int]], place_starts: dict[int, Span]
    ) -> list[Span]:
        out: list[Span] = []
        for s, e in legal:
            i = s
            steps = 0
            while i > 0 and steps < self.max_name_tokens:
                t = doc[i - 1]
                if t.lower_ in lx.ARTICLES or t.is_space or "\n" in t.whitespace_:
                    break
                if self._name_token(t):
                    i -= 1
                elif (
                    t.lower_ in lx.ORG_CONNECTORS
                    and i - 2 >= 0
                    and (self._name_token(doc[i - 2]) and doc[i - 2].lower_ not in lx.ARTICLES)
                ):
                    if t.lower_ == "und" and not doc[i - 2].text.endswith("-"):
                        break
                    i -= 1
                else:
                    break
                steps += 1
            if e in place_starts:  # "Sinalco AG Detmold"
                e = place_starts[e].end
            if i < s:
                out.append(Span(doc, i, e, label="ORG"))
        return out

    def _club_orgs(self, doc: Doc, places: list[Span]) -> list[Span]:
        """An abbreviation right before a bare place: "TSV München", "SC Freiburg"."""
        out: list[Span] = []
        for p in places:
            if p.start == 0 or p.id_ == "head":  # span id = how the gazetteer found it
                continue
            prev = doc[p.start - 1]
            if (
                _CLUB_ABBR.match(prev.text)
                and not p.text.isupper()
                and prev.lower_ not in lx.SINGULAR_HEADS
                and prev.lower_ not in lx.CLOSED_CLASS
                and prev.lower_ not in lx.ARTICLES
            ):
                out.append(Span(doc, p.start - 1, p.end, label="ORG"))
        return out

    def _proper_word(self, tok: Token) -> bool:
        """A capitalised word that is no common noun, article or organisation head."""
        return (
            (tok.is_title or tok.is_upper)
            and tok.is_alpha
            and len(tok.text) > 1
            and not is_org_head_text(tok.text)
            and tok.text not in self.common
            and tok.lower_ not in lx.ARTICLES
            and tok.lower_ not in lx.CLOSED_CLASS
        )

    def _complement_end(self, doc: Doc, j: int) -> int:
        """End of a complement "zur Förderung regenerativer Energien" starting at ``j``."""
        k = j + 1
        while k < len(doc) and k - j <= self.max_name_tokens:
            t = doc[k]
            if (
                t.is_title
                or t.is_upper
                or t.lower_ in ("und", "für", "der", "des", ",", "-")
                or (
                    t.is_lower
                    and t.is_alpha
                    and len(t) > 4
                    and _ADJ_END.search(t.lower_)
                    and k + 1 < len(doc)
                    and doc[k + 1].is_title
                )
            ):
                k += 1
            else:
                break
        while k > j + 1 and doc[k - 1].lower_ in ("und", "für", "der", "des", ",", "-"):
            k -= 1
        return k

    def _abbr_end(self, doc: Doc, k: int) -> int | None:
        """End after "(ABBR)" starting at token ``k``, if there is one."""
        if (
            k + 2 < len(doc)
            and doc[k].text == "("
            and doc[k + 2].text == ")"
            and _ABBR.match(doc[k + 1].text)
            and not doc[k + 1].like_num
        ):
            return k + 3
        return None

    def _head_orgs(self, doc: Doc, place_starts: dict[int, Span]) -> list[Span]:
        out: list[Span] = []
        for idx, word in enumerate(token_texts(doc)):
            if not is_org_head_text(word):
                continue
            tok = doc[idx]
            i, j = tok.i, tok.i + 1
            if j >= len(doc):
                continue
            nxt = doc[j]
            end: int | None = None
            if j in place_starts:  # Bezirksregierung Münster, Jobcenter Kreis Coesfeld
                end = place_starts[j].end
            elif nxt.text in _QUOTES_OPEN:
                k = j + 1
                while (
                    k < len(doc)
                    and k - j <= self.max_name_tokens
                    and doc[k].text not in (_QUOTES_CLOSE)
                ):
                    k += 1
                if k < len(doc) and doc[k].text in _QUOTES_CLOSE and k > j + 1:
                    end = k + 1
            elif nxt.lower_ in ("für", "zur", "zum"):
                k = self._complement_end(doc, j)
                abbr = self._abbr_end(doc, k)
                if abbr is not None:
                    end = abbr
                elif tok.lower_ in _PUBLIC_BODIES or tok.lower_.endswith(("ministerium", "amt")):
                    end = k if k > j + 1 else None
            elif self._proper_word(nxt) or nxt.text in lx.COMPASS_WORDS:
                end = j + 1
                while (
                    end < len(doc)
                    and end - j < 4
                    and (
                        (doc[end].is_upper and doc[end].is_alpha)
                        or self._proper_word(doc[end])
                        or (doc[end - 1].text in lx.COMPASS_WORDS and doc[end].is_title)
                    )
                    and "\n" not in doc[end - 1].whitespace_
                ):
                    end += 1
            elif not tok.is_upper:
                end = self._abbr_end(doc, j)
                if end is not None and tok.lower_ in lx.ORG_PREFIX_HEADS and len(tok) < 8:
                    end = None
            if end is None:
                continue
            abbr = self._abbr_end(doc, end)
            out.append(Span(doc, i, abbr if abbr is not None else end, label="ORG"))
        return out

    def _dotted(self, doc: Doc) -> list[Span]:
        out: list[Span] = []
        text = doc_text(doc)
        if ".N" not in text and not _DOTTED_HINT.search(text):
            return out
        for m in _DOTTED.finditer(text):
            span = doc.char_span(m.start(1), m.end(1), label="ORG", alignment_mode="expand")
            if span is not None and (
                span.text == m.group(1) or not any(t.like_url or t.like_email for t in span)
            ):
                out.append(span)
        return out

    def __call__(self, doc: Doc) -> Doc:
        places: list[Span] = (
            list(doc.spans[self.places_key]) if self.places_key in doc.spans else []
        )
        place_starts = {p.start: p for p in places}
        matches = self.matcher(doc)
        cands = [Span(doc, s, e, label="ORG") for m, s, e in matches if m != self._legal_id]
        legal = [(s, e) for m, s, e in matches if m == self._legal_id]
        cands += self._legal_form_orgs(doc, legal, place_starts)
        cands += self._club_orgs(doc, places)
        cands += self._head_orgs(doc, place_starts)
        cands += self._dotted(doc)
        # longest first; overlapping shorter candidates are dropped
        cands.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
        chosen: list[Span] = []
        taken: set[int] = set()
        for sp in cands:
            if taken.isdisjoint(range(sp.start, sp.end)):
                chosen.append(sp)
                taken.update(range(sp.start, sp.end))
        chosen.sort(key=lambda sp: sp.start)
        doc.spans[self.spans_key] = chosen
        if places:
            doc.spans[self.places_key] = [
                p for p in places if taken.isdisjoint(range(p.start, p.end))
            ]
        return doc


@Language.factory(
    "ikz_orgs",
    default_config={"spans_key": ORGS_KEY, "places_key": PLACES_KEY, "max_name_tokens": 8},
)
def make_org_tagger(
    nlp: Language, name: str, spans_key: str, places_key: str, max_name_tokens: int
) -> OrgTagger:
    return OrgTagger(
        nlp, name, spans_key=spans_key, places_key=places_key, max_name_tokens=max_name_tokens
    )

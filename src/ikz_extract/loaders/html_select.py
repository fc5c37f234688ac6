"""Which candidate blocks are the page's main content.

trafilatura decides, our structure completes:

- a *reference text* from trafilatura of the whole page (tuned on thousands of real pages:
  link density, text density, boilerplate patterns, readability/jusText fallbacks);
  candidate blocks found in it, in order, are content. Where our own guess and trafilatura
  disagree, the guess is wrong far more often, so nothing it keeps is taken away;
- the page's own structure, which trafilatura's flat text loses: a short run between two
  content blocks is content too (a paragraph, a list, a table the reference dropped), so
  are the headline above the content with its lead, short sections closing it (profile
  fields in a "meta" box, a "Links" section that is only links), a heading directly before
  content; a list is kept whole. Captions, bylines and dates are not rescued.

Without a reference (tiny pages, trafilatura unavailable) our own region is the content:
the page's ``<main>`` or named container, else the container with the densest prose
(readability's scoring). Everywhere, blocks that are only UI words ("Drucken", "Nach oben",
gallery buttons, ``{placeholders}``) are dropped, and so are teaser sections ("Das könnte
Sie auch interessieren") unless trafilatura kept most of their text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

from lxml.html import HtmlElement  # type: ignore[import-untyped]

from ikz_extract.loaders.furniture import is_breadcrumb, is_meta_line, is_ui_text, norm
from ikz_extract.loaders.html_match import ReferenceIndex
from ikz_extract.loaders.html_walk import Candidate

_TEASER_HEADING = re.compile(
    r"^(?:das (?:könnte|dürfte) sie (?:auch )?interessieren|auch interessant|"
    r"(?:weitere|ähnliche|verwandte|passende|aktuelle|neueste|beliebte|meistgelesene) "
    r"(?:artikel|beiträge|meldungen|nachrichten|themen|links|pressemitteilungen|inhalte|news)"
    r"(?: (?:zum|zu diesem|zu dem|aus dem|aus der|in dieser) .*)?|"
    r"mehr zum thema(?:\s.*)?|lesen sie (?:auch|mehr)|zum weiterlesen|weitere infos|"
    r"mehr themen|auch lesen|empfohlene (?:artikel|beiträge)|auch auf [\w.-]+\.(?:de|at|ch|com)|"
    r"(?:das|dieses) thema könnte (?:dich|sie) auch interessieren|"
    r"weitere (?:aktuelle )?themen(?: .*)?|"
    r"weitere informationen|"
    r"empfehlungen(?: der redaktion)?|"
    r"meistgelesen|top-?artikel|weitere links|mehr aus (?:der|dem|unserer) .*|"
    r"(?:diesen |den )?(?:artikel|beitrag|seite) teilen|teilen sie diese(?:n artikel| seite)|"
    r"kommentare(?: \(\d+\))?|\d+ kommentare?|kommentar schreiben|schreiben sie einen kommentar|"
    r"schlagworte|schlagwörter|tags)\W*$",
    re.IGNORECASE,
)
_CONTENT_NAMES = re.compile(
    r"^(?:content|inhalt|main-?content|content-?main|maincontent|hauptinhalt|seiteninhalt|"
    r"page-?content|article-?body|articlebody|entry-?content|post-?content|contentarea|"
    r"content-?area|col-?main|main-?col(?:umn)?|text-?content|artikel|article)$",
    re.IGNORECASE,
)
_ITEM_TAGS = frozenset({"dd", "dt", "li", "p", "blockquote", "figure", "ul", "ol", "dl"})
_MIN_REFERENCE = 80  # shorter trafilatura output is treated as no verdict
# trafilatura is run without its readability/jusText fallbacks (they cost more than all
# our own steps); where its verdict holds under this share of the text of our own region
# (readability's scoring), that region joins it, as its fallback would have.
_FALLBACK_SHARE = 0.1
_GAP_BLOCKS = 4
_GAP_CHARS = 600


def select(cands: list[Candidate], body: HtmlElement, reference: str | None) -> list[Candidate]:
    """The main-content candidates, in order.

    ``reference`` is trafilatura's text of the whole page, read before our furniture rules
    touched it. What it keeps is content; our structure adds what its flat text loses
    (headline, lead, short runs between content blocks, closing sections, whole lists).
    Without a verdict, or one that holds almost nothing of our own region, our own region
    is the content too.
    """
    cands = [c for c in cands if not is_ui_text(c.text) and not is_breadcrumb(c.text)]
    if not cands:
        return []
    ref = norm(reference) if reference else ""
    found = _aligned(cands, ref) if len(ref) >= _MIN_REFERENCE else [False] * len(cands)
    keep = list(found)
    if any(keep):
        held = _chars(cands, keep)
        # our region holds at most all the text: only then can the verdict be too small
        if held < _FALLBACK_SHARE * sum(len(c.text) for c in cands):
            own, _ = _own_choice(cands, body)
            if held < _FALLBACK_SHARE * _chars(cands, own):
                keep = [a or b for a, b in zip(keep, own, strict=True)]
        _rescue(cands, keep)
    else:
        keep, _ = _own_choice(cands, body)
        main = _explicit_main(body, cands)
        if main is not None:
            _restrict(cands, keep, main)
    _cut_teasers(cands, keep, found)
    for i, c in enumerate(cands):  # what trafilatura dropped and only its words give away
        if keep[i] and _is_call_or_label(c.text, found[i]):
            keep[i] = False
    _drop_trailing_meta(cands, keep)
    return [c for c, k in zip(cands, keep, strict=True) if k]


def _drop_trailing_meta(cands: list[Candidate], keep: list[bool]) -> None:
    """Copyright lines, "Stand:" dates and visitor counters after the last paragraph."""
    for i in range(len(cands) - 1, -1, -1):
        if not keep[i]:
            continue
        if cands[i].kind == "caption" or not is_meta_line(cands[i].text):
            return
        keep[i] = False


def _chars(cands: list[Candidate], keep: list[bool]) -> int:
    return sum(len(c.text) for c, k in zip(cands, keep, strict=True) if k)


# --------------------------------------------------------------------------- reference


def _aligned(cands: list[Candidate], ref: str) -> list[bool]:
    """Candidates found in the reference text.

    Long blocks are nearly unique: each is looked up anywhere, and the heaviest chain of
    them in reading order becomes the set of anchors. A short block ("Bauhof", "Ziel")
    may occur anywhere by chance, so it only counts between the anchors around it.
    Lookups go through a word index of the reference (``html_match``): each costs what the
    block's rarest word costs, not a scan of the reference, so the whole step stays linear.
    """
    texts = [norm(c.text) for c in cands]
    index = ReferenceIndex(ref)
    keep = [False] * len(cands)
    pos = [-1] * len(cands)
    longs: list[int] = []
    for i, s in enumerate(texts):
        if len(s) >= _LONG:
            pos[i] = index.find(s, 0, len(ref))
            if pos[i] >= 0:
                keep[i] = True
                longs.append(i)
            else:
                keep[i] = _mostly_in(index, s)
    anchors = _heaviest_chain(longs, pos, texts)
    anchor_set = set(anchors)
    lo, cursor, next_anchor = 0, 0, 0
    for i, s in enumerate(texts):
        if i in anchor_set:
            lo = cursor = pos[i] + len(s)
            continue
        if len(s) >= _LONG:
            continue
        while next_anchor < len(anchors) and anchors[next_anchor] <= i:
            next_anchor += 1
        hi = pos[anchors[next_anchor]] if next_anchor < len(anchors) else len(ref)
        found = index.find(s, cursor, hi)
        if found < 0 and cursor > lo:
            found = index.find(s, lo, hi)
        if found >= 0:
            keep[i] = True
            cursor = max(cursor, found + len(s))
    return keep


_LONG = 40


def _heaviest_chain(longs: list[int], pos: list[int], texts: list[str]) -> list[int]:
    """The in-order subsequence of long matches with the most text (weighted LIS)."""
    if len(longs) > 600:  # quadratic below; such pages are rare, keep them in found order
        return longs
    best: list[float] = []
    back: list[int] = []
    for a, i in enumerate(longs):
        best.append(len(texts[i]))
        back.append(-1)
        for b in range(a):
            j = longs[b]
            if pos[j] + len(texts[j]) <= pos[i] + 1 and best[b] + len(texts[i]) > best[a]:
                best[a] = best[b] + len(texts[i])
                back[a] = b
    if not best:
        return []
    a = max(range(len(best)), key=best.__getitem__)
    chain: list[int] = []
    while a >= 0:
        chain.append(longs[a])
        a = back[a]
    return chain[::-1]


_PIECES = re.compile(r"(?<=[.!?;:])\s+")


def _mostly_in(index: ReferenceIndex, s: str) -> bool:
    """A long block the reference holds in part (it dropped an inline widget) still counts."""
    if len(s) < 40:
        return False
    pieces = [p for p in _PIECES.split(s) if len(p) >= 20]
    total = sum(len(p) for p in pieces)
    found = sum(len(p) for p in pieces if index.contains(p))
    return total > 0 and found / total >= 0.6


def _rescue(cands: list[Candidate], keep: list[bool]) -> None:
    """Structure the flat reference loses: gaps, the headline, trailing sections, lists.

    A caption the reference dropped comes back only with its photo credit ("Foto: …",
    "© …"): a press photo the record lists; other captions on real pages are "click to
    enlarge" far more often than text a reader needs.
    """
    region = _region(cands, keep)
    if region is None:
        return
    inside = _inside(cands, region)
    _fill_gaps(cands, keep)
    _rescue_headline(cands, keep)
    _rescue_tail_sections(cands, keep, inside)
    for i in range(len(cands) - 1, -1, -1):
        c = cands[i]
        heads_content = c.kind == "heading" and i + 1 < len(cands) and keep[i + 1]
        credited = c.kind == "caption" and _CREDIT.search(c.text) is not None
        if not keep[i] and inside[i] and (heads_content or credited):
            keep[i] = True
    _whole_lists(cands, keep)


def _small(cands: list[Candidate], span: range) -> bool:
    return 0 < len(span) <= _GAP_BLOCKS and sum(len(cands[i].text) for i in span) <= _GAP_CHARS


def _fill_gaps(cands: list[Candidate], keep: list[bool]) -> None:
    """A short run between two content blocks is content, unless it is links or metadata.

    Links under a heading ("Stichworte:" and its tag links) are that heading's value.
    """
    kept = [i for i, k in enumerate(keep) if k]
    for a, b in pairwise(kept):
        gap = range(a + 1, b)
        if not _small(cands, gap):
            continue
        labelled = cands[a].kind == "heading"
        for i in gap:
            c = cands[i]
            labelled = labelled or c.kind == "heading"
            if c.kind == "caption" or is_meta_line(c.text):
                continue
            if labelled or c.link_density < 0.5:
                keep[i] = True


_HEADLINE_REACH = 8


def _headline(cands: list[Candidate], first: int) -> int | None:
    """The page's headline above ``first``: a heading of the page's top rank (its <h1>, or
    an <h2>/<h3> on a page whose top heading is that)."""
    top = min((c.level or 6 for c in cands if c.kind == "heading" and c.level), default=None)
    if top is None or top > 3:
        return None
    for h in range(first - 1, max(-1, first - 1 - _HEADLINE_REACH), -1):
        c = cands[h]
        if c.kind == "heading" and c.level == top:
            return h
    return None


def _rescue_headline(cands: list[Candidate], keep: list[bool]) -> None:
    """The headline just above the content, and a subtitle or lead between them."""
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None or (cands[first].kind == "heading" and cands[first].level == 1):
        return
    h = _headline(cands, first)
    if h is None:
        return
    keep[h] = True
    for i in range(h + 1, first):
        c = cands[i]
        if c.kind != "caption" and c.link_density < 0.5 and not is_meta_line(c.text):
            keep[i] = len(c.text) <= 600


def _rescue_tail_sections(cands: list[Candidate], keep: list[bool], inside: list[bool]) -> None:
    """Short sections after the last kept block, inside the content region.

    A section of the same rank as kept sections ("Links:" after "Kontakt:" on a profile)
    is kept whole, links and all; a new sub-section ("Programm" and its list) keeps its
    prose, not links. An empty section ("Rechtsform:" with no value) is passed over, not
    an end; a teaser or boilerplate heading ("Mehr zum Thema", "Pressekontakt") is.
    """
    levels = {c.level for c, k in zip(cands, keep, strict=True) if k and c.kind == "heading"}
    i = max((j for j, k in enumerate(keep) if k), default=-1) + 1
    while i < len(cands):
        head = cands[i]
        if head.kind != "heading" or not inside[i] or _not_rescued(head.text):
            return
        end = i + 1  # the section ends at the next heading or where the region ends
        while end < len(cands) and cands[end].kind != "heading" and inside[end]:
            end += 1
        body = range(i + 1, end)
        if len(body) > 8 or sum(len(cands[j].text) for j in body) > 1000:
            return
        if head.level in levels:
            for j in range(i, end):
                keep[j] = True
        else:
            for j in body:
                c = cands[j]
                keep[j] = c.link_density < 0.5 and not is_meta_line(c.text)
            keep[i] = any(keep[j] for j in body) or not body
        i = end


_BOILERPLATE_HEADING = re.compile(
    r"^(?:pressekontakt|pressestelle|kontakt für (?:die )?medien|(?:mehr )?zum thema|"
    r"weiterführende (?:informationen|links|artikel)|"
    r"alle (?:artikel|beiträge|meldungen)\b.*|meist(?:gelesene|diskutierte|kommentierte|"
    r"geteilte)(?: artikel| beiträge)?|wie (?:bewerten|gefällt) (?:sie|ihnen|dir)\b.*|"
    r"newsletter(?: abonnieren)?|teilen|share)\W*$",
    re.IGNORECASE,
)


_CREDIT = re.compile(r"©|\(c\)|\b(?:foto|fotos|bild|quelle)\s*:", re.IGNORECASE)
# Calls to action: newsletters, subscriptions, "read more" pointers to other articles.
_CALL = re.compile(
    r"e-mail-adresse ein|newsletter|(?:jetzt|hier|kostenlos) (?:\w+ )?(?:anmelden|abonnieren|"
    r"registrieren|bestellen|sichern)|vorteile sichern|nichts (?:mehr )?verpassen|"
    r"nichts mehr versäumen|lesen sie (?:hier|auch|mehr|weiter)|zum (?:artikel|beitrag)\b|"
    r"alle rechte vorbehalten|vervielfältigung nur|wie (?:bewerten|gefällt) (?:sie|ihnen|dir)|"
    r"^\W*(?:anzeige|werbung)\s*[-–:.,]|enthält (?:werbung|affiliate)",
    re.IGNORECASE,
)


def _is_call_or_label(text: str, found: bool) -> bool:
    """A short call to action, or a teaser/boilerplate label the reference dropped."""
    if len(text) > 200:
        return False
    return _CALL.search(text) is not None or (not found and _not_rescued(text))


def _not_rescued(heading: str) -> bool:
    """Headings whose section the reference dropped for good: teasers and boilerplate."""
    text = norm(heading)
    return bool(_TEASER_HEADING.match(text) or _BOILERPLATE_HEADING.match(text))


def _whole_lists(cands: list[Candidate], keep: list[bool]) -> None:
    """A list mostly kept is kept whole."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        if c.group is not None:
            groups[c.group].append(i)
    for members in groups.values():
        if sum(keep[i] for i in members) * 2 >= len(members):
            for i in members:
                keep[i] = True


def _region(cands: list[Candidate], keep: list[bool]) -> HtmlElement | None:
    """The deepest element holding nearly all kept blocks and nearly all kept text."""
    chars: dict[HtmlElement, int] = defaultdict(int)
    count: dict[HtmlElement, int] = defaultdict(int)
    depth: dict[HtmlElement, int] = {}
    total = blocks = 0
    for c, k in zip(cands, keep, strict=True):
        if not k or c.element is None:
            continue
        size = len(c.text)
        total += size
        blocks += 1
        chain = [c.element, *c.element.iterancestors()]
        for d, el in enumerate(reversed(chain)):
            chars[el] += size
            count[el] += 1
            depth[el] = d
    best: HtmlElement | None = None
    for el, size in chars.items():
        holds_all = size >= 0.9 * total and count[el] >= 0.9 * blocks
        if holds_all and (best is None or depth[el] > depth[best]):
            best = el
    return best


def _inside(cands: list[Candidate], region: HtmlElement) -> list[bool]:
    """For each candidate, whether ``region`` holds it; every ancestor is asked once."""
    known: dict[HtmlElement, bool] = {region: True}
    out: list[bool] = []
    for c in cands:
        path: list[HtmlElement] = []
        node = c.element
        while node is not None and node not in known:
            path.append(node)
            node = node.getparent()
        answer = known[node] if node is not None else False
        for el in path:
            known[el] = answer
        out.append(answer)
    return out


def _within(el: HtmlElement, region: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None:
        if node is region:
            return True
        node = node.getparent()
    return False


# --------------------------------------------------------------------------- own choice


def _subtree_chars(cands: list[Candidate]) -> dict[HtmlElement, int]:
    """Text length under every element that holds a candidate, in one pass."""
    chars: dict[HtmlElement, int] = defaultdict(int)
    for c in cands:
        if c.element is not None:
            for el in (c.element, *c.element.iterancestors()):
                chars[el] += len(c.text)
    return chars


def _explicit_main(body: HtmlElement, cands: list[Candidate]) -> HtmlElement | None:
    """The page's own ``<main>`` (or role=main), when it holds real text."""
    mains = [el for el in body.iter("main") if not any(a.tag == "main" for a in el.iterancestors())]
    mains += [el for el in body.iter() if el.get("role") == "main" and el.tag != "main"]
    if not mains:
        return None
    chars = _subtree_chars(cands)
    best = max(mains, key=lambda el: chars.get(el, 0))
    return best if chars.get(best, 0) >= 200 else None


def _restrict(cands: list[Candidate], keep: list[bool], main: HtmlElement) -> None:
    """Outside ``<main>`` only the page's headline survives (some CMS put it in a header)."""
    for i, c in enumerate(cands):
        if keep[i] and (c.element is None or not _within(c.element, main)):
            keep[i] = False
    kept = (c for c, k in zip(cands, keep, strict=True) if k)
    if not any(c.kind == "heading" and c.level == 1 for c in kept):
        first = next((i for i, k in enumerate(keep) if k), None)
        h = _headline(cands, first) if first is not None else None
        if h is not None:
            keep[h] = True


def _own_choice(cands: list[Candidate], body: HtmlElement) -> tuple[list[bool], HtmlElement | None]:
    """Our own region, and the container when the page names it (main, article, #content …)."""
    named = _named_root(body, cands)
    root = named if named is not None else _densest_root(cands)
    if root is None:
        return [True] * len(cands), None
    keep = [c.element is not None and _within(c.element, root) for c in cands]
    _rescue_headline(cands, keep)
    return keep, named


def _named_root(body: HtmlElement, cands: list[Candidate]) -> HtmlElement | None:
    """The first container the page names as its content that holds a fair share of text."""
    chars = _subtree_chars(cands)
    total = sum(len(c.text) for c in cands)
    options: list[HtmlElement] = [*body.iter("main")]
    options += [el for el in body.iter() if el.get("role") == "main"]
    options += [el for el in body.iter() if el.get("itemprop") == "articleBody"]
    articles = list(body.iter("article"))
    if len(articles) == 1:
        options += articles
    for el in body.iter("div", "section", "td"):
        names = [el.get("id") or "", *(el.get("class") or "").split()]
        if any(_CONTENT_NAMES.match(n) for n in names if n):
            options.append(el)
    for el in options:
        size = chars.get(el, 0)
        if size >= 100 and size >= 0.3 * total:
            return el
    return None


def _densest_root(cands: list[Candidate]) -> HtmlElement | None:
    """Readability's scoring: prose paragraphs credit their parent fully, grandparent half.

    A winner that is an item of a list (``<dd>``, ``<li>``) stands for the whole list.
    """
    scores: dict[HtmlElement, float] = defaultdict(float)
    for c in cands:
        if c.kind == "heading" or len(c.text) < 25 or c.link_density > 0.5 or c.element is None:
            continue
        score = 1 + c.text.count(",") + min(len(c.text) / 100, 3)
        parent = c.element.getparent()
        if parent is None:
            continue
        scores[parent] += score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] += score / 2
    if not scores:
        return None
    best = max(scores, key=lambda el: scores[el])
    while best.tag in _ITEM_TAGS and best.getparent() is not None:
        best = best.getparent()  # a <dd> full of prose stands for its <dl>
    return best


# --------------------------------------------------------------------------- teasers


def _cut_teasers(cands: list[Candidate], keep: list[bool], found: list[bool]) -> None:
    """A teaser or boilerplate heading and everything under it, up to the next heading of
    its rank.

    Boilerplate sections ("Pressekontakt", "Wie bewerten Sie diesen Artikel?") go always;
    a teaser section goes when it is mostly links or the reference dropped most of its
    text (``found``): "Empfehlungen" over two paragraphs of advice is a section of the
    article, not a list of other articles. A teaser label that is a plain line ("Auch
    lesen:") goes with the links right after it.
    """
    i = 0
    while i < len(cands):
        c = cands[i]
        text = norm(c.text) if c.kind == "heading" else ""
        boilerplate = bool(text) and _BOILERPLATE_HEADING.match(text) is not None
        teaser = bool(text) and c.level != 1 and _TEASER_HEADING.match(text)
        if keep[i] and (teaser or boilerplate):
            level = c.level or 6
            j = i + 1
            while j < len(cands) and not (
                cands[j].kind == "heading" and (cands[j].level or 6) <= level
            ):
                j += 1
            under = range(i + 1, j)
            size = sum(len(cands[k].text) for k in under)
            held = sum(len(cands[k].text) for k in under if found[k])
            links = sum(cands[k].link_chars for k in under)
            if boilerplate or not under or held * 2 < size or links * 2 > size:
                for k in range(i, j):
                    keep[k] = False
            i = j
            continue
        if keep[i] and c.kind != "heading" and len(c.text) <= 80 and _not_rescued(c.text):
            # a teaser label as a plain line ("Auch lesen:"), and the links it introduces
            keep[i] = False
            j = i + 1
            while j < len(cands) and cands[j].kind != "heading" and cands[j].link_density > 0.5:
                keep[j] = False
                j += 1
            i = j
            continue
        i += 1

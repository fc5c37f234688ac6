"""Site furniture out of an lxml tree: the rules that hold on any page, before any scoring.

Three kinds of rule, all cheap: elements that never carry reading text (scripts, forms,
media), elements a browser does not show (hidden, screen-reader-only), and page furniture
named as such by tag, ARIA role or class/id (navigation, cookie notices, breadcrumbs,
sidebars, footers, share bars, gallery templates). Class/id names are matched per token
part (``c-breadcrumb__list`` → c, breadcrumb, list), never as substrings, so a class such
as ``content-navigable`` or ``shareholder-report`` keeps its text.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]

# Elements whose content is never text a reader reads in the page flow.
NOISE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "map",
    "audio",
    "video",
    "picture",
    "button",
    "select",
    "input",
    "textarea",
    "datalist",
    "dialog",
    "head",
    "link",
    "meta",
)
FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "menu"})
FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
)
# A class/id part equal to one of these marks furniture.
_WORDS = frozenset(
    """
    nav navi navbar navigation mainnav subnav topnav metanav servicenav footernav menu menue
    mainmenu submenu megamenu menubar breadcrumb breadcrumbs brotkrumen brotkrumennavigation
    sidebar marginal marginalspalte randspalte
    footer fusszeile fuss skiplink skiplinks skipnav skip sprungmarken sprungnavigation
    cookie cookies cookiebanner consent gdpr dsgvo cmp
    share sharing sharebar socialshare social socialmedia shariff
    newsletter pagination pager paging
    sronly visuallyhidden invisible screenreader unsichtbar ausgeblendet versteckt
    paywall
    lightbox modal popup
    related
    werbung anzeige advert advertisement ads ad
    comments kommentare
    printlink drucken toplink totop backtotop
    """.split()
)
# Whole class tokens (before splitting on - and _) that mark furniture.
_TOKENS = frozenset(
    {
        "sr-only",
        "visually-hidden",
        "screen-reader-text",
        "element-invisible",
        "hide-text",
        "u-hidden",
        "is-hidden",
        "hidden",
        "readspeaker",
        "rs_skip",
    }
)
# Parts that are furniture only as a prefix of a part (cookieBanner, socialmediaLinks).
_PREFIXES = (
    "cookie",
    "breadcrumb",
    "skiplink",
    "socialmedia",
    "sharebar",
    "newsletter",
    "related",
)
# "label-hidden", "title-hidden": a part of the element is hidden, not the element.
_PARTS_HIDDEN = frozenset({"label", "title", "heading", "caption", "legend", "icon", "text"})
_SPLIT = re.compile(r"[-_]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Responsive hiding (hidden on phones only) is not hiding.
_RESPONSIVE = frozenset({"xs", "sm", "md", "lg", "xl", "mobile", "phone", "tablet", "print"})


def _names(el: HtmlElement) -> list[str]:
    names = (el.get("class") or "").split()
    ident = el.get("id")
    if ident:
        names.append(ident)
    return names


@cache  # a site repeats its class names on every element; decide each once
def _furniture_name(name: str) -> bool:
    token = name.lower()
    if token in _TOKENS:
        return True
    parts = [p for p in _SPLIT.split(token) if p]
    for i, part in enumerate(parts):
        if part == "hidden" or part == "hide":
            # "field--label-hidden" hides a field's label, not the field
            named_part = i > 0 and parts[i - 1] in _PARTS_HIDDEN
            return not named_part and not any(p in _RESPONSIVE for p in parts[i + 1 :])
        if part in _WORDS or part.startswith(_PREFIXES):
            return True
    return False


def is_furniture(el: HtmlElement) -> bool:
    """True for elements that are page furniture on any site, by tag, role, hiding or name."""
    return _is_structural_furniture(el) or is_named_furniture(el)


def is_named_furniture(el: HtmlElement) -> bool:
    """A class or id word says furniture ("sidebar", "nav"): a claim the text must confirm."""
    return any(_furniture_name(name) for name in _names(el))


def _is_structural_furniture(el: HtmlElement) -> bool:
    tag = el.tag
    if tag in FURNITURE_TAGS:
        return True
    if tag == "header":
        return not _is_content_header(el)
    role = (el.get("role") or "").lower()
    if role in FURNITURE_ROLES:
        return True
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    label = (el.get("aria-label") or "").lower()
    return "breadcrumb" in label or "navigation" in label or "brotkrumen" in label


def _is_content_header(el: HtmlElement) -> bool:
    """An article's own <header> (headline, date) is content; the site's banner is not."""
    parent = el.getparent()
    while parent is not None:
        if parent.tag in ("article", "main"):
            return True
        parent = parent.getparent()
    for heading in el.iter("h1"):
        text = heading.text_content().strip()
        linked = "".join(a.text_content() for a in heading.iter("a")).strip()
        if text and linked != text:
            return True
    return False


def _keeps_reading_text(form: HtmlElement) -> bool:
    """ASP.NET and some CMS wrap the whole page in one <form>; that form is not furniture."""
    return any(True for _ in form.iter("p", "h1", "h2", "article", "main"))


# A named container holding this share of the page's prose is the page, whatever its name.
_WRAPPER_SHARE = 0.4


def _prose_chars(el: HtmlElement) -> int:
    """Characters of text outside links: what a reader reads rather than clicks."""
    text = len("".join(str(el.xpath("string(.)")).split()))
    links = len("".join("".join(el.xpath(".//a//text()")).split()))
    return max(0, text - links)


def _holds_the_page(el: HtmlElement, page_prose: int) -> bool:
    """True when ``el`` holds a large share of the page's prose (its raw length first:
    most named elements are far too short for that, and it costs nothing to see)."""
    need = _WRAPPER_SHARE * page_prose
    return float(el.xpath("string-length(.)")) >= need and _prose_chars(el) >= need


def strip_noise(root: HtmlElement) -> None:
    """Scripts, styles, media, form controls and the head out, their tails kept.

    trafilatura drops all of these itself (``<template>`` it unwraps, so that one stays
    for ``clean``); doing it once before trafilatura reads the page spares its copies and
    passes over the page the bulk of inline scripts and SVG.
    """
    etree.strip_elements(root, *(t for t in NOISE_TAGS if t != "template"), with_tail=False)


def clean(root: HtmlElement) -> None:
    """Remove noise and furniture in place; the tail text after a removed element stays.

    A class word is a claim, not proof: ``div class="has-sidebar"`` or ``id="totop"`` may
    wrap the whole page. An element only its name marks as furniture goes unless it holds
    a large share of the page's prose (text outside links), so content decides.
    """
    etree.strip_elements(root, *NOISE_TAGS, with_tail=False)  # no-op after strip_noise
    page_prose = 0
    doomed: list[HtmlElement] = []
    stack = [root]
    while stack:  # a doomed element's subtree is not looked at again
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag not in ("html", "body", "main", "article"):
            if tag == "form":
                drop = not _keeps_reading_text(el)
            elif _is_structural_furniture(el):
                drop = True
            elif is_named_furniture(el):
                if not page_prose:
                    page_prose = max(1, _prose_chars(root))
                drop = not _holds_the_page(el, page_prose)
            else:
                drop = False
            if drop:
                doomed.append(el)
                continue
        stack.extend(el)
    for el in doomed:
        el.drop_tree()

"""HTML → Document: main content only, headings, paragraphs, list items and links kept.

Boilerplate (navigation, cookie notices, breadcrumbs, sidebars, footers) is dropped before
the walk; the walk is iterative so a page nested 10,000 levels deep cannot exhaust the stack.
"""

from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString

from ikz_extract.document import BlockKind, Document, DocumentBuilder, Link
from ikz_extract.loaders.encoding import decode

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "head",
    "object",
    "embed",
    "map",
)
_BOILERPLATE_TAGS = ("nav", "footer", "aside", "header")
_BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_BOILERPLATE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:cookie\w*|consent|gdpr|breadcrumbs?|sidebar|side-bar|navbar|nav|navigation|"
    r"menu|menue|footer|site-header|skip(?:-?link)?|social|share|sharing|banner|newsletter|"
    r"pagination|pager|toolbar|sr-only|visually-hidden|print-only|related|teaser-list|"
    r"gallery-(?:nav|controls|buttons)|lightbox|modal|popup|overlay|topbar|service)(?:$|[\s_-])",
    re.IGNORECASE,
)
_MAIN_SELECTORS = (
    "main",
    "[role=main]",
    "article",
    "#content",
    "#main",
    "#main-content",
    ".main-content",
    ".content",
    "#inhalt",
    ".inhalt",
)
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCK_TAGS = frozenset(
    "p div section article main li ul ol dl dt dd table tr td th thead tbody tfoot caption "
    "figure figcaption blockquote pre address h1 h2 h3 h4 h5 h6 header footer nav aside hr "
    "center details summary body html".split()
)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def load_html(data: bytes) -> Document:
    text, encoding = decode(data, html=True)
    soup = BeautifulSoup(text, "lxml")
    builder = DocumentBuilder("text/html", "html")
    builder.meta["encoding"] = encoding
    _read_meta(soup, builder)
    for element in soup.find_all(_DROP_TAGS):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    _drop_boilerplate(soup)
    root = _main_content(soup)
    _walk(root, builder)
    doc = builder.build()
    h1 = next((b.text for b in doc.blocks if b.kind == "heading" and b.level == 1), None)
    doc.title = (
        h1
        or builder.meta.get("title")
        or next((b.text for b in doc.blocks if b.kind == "heading"), None)
    )
    return doc


def _read_meta(soup: BeautifulSoup, builder: DocumentBuilder) -> None:
    if soup.title and soup.title.string:
        builder.meta["title"] = _SPACE.sub(" ", soup.title.string).strip()
    html = soup.find("html")
    if isinstance(html, Tag) and html.get("lang"):
        builder.meta["lang"] = str(html.get("lang"))
    for meta in soup.find_all("meta"):
        name = str(meta.get("name") or meta.get("property") or "").lower()
        content = meta.get("content")
        if (
            name
            and content
            and name
            in {
                "date",
                "dc.date",
                "article:published_time",
                "description",
                "og:title",
                "author",
                "publisher",
            }
        ):
            builder.meta[name] = str(content)
    time = soup.find("time")
    if isinstance(time, Tag) and time.get("datetime"):
        builder.meta.setdefault("date", str(time.get("datetime")))


def _is_boilerplate(tag: Tag) -> bool:
    if tag.name in _BOILERPLATE_TAGS:
        # An article's own <header> (title, date) is content, not site furniture.
        return not (tag.name == "header" and tag.find_parent(["article", "main"]) is not None)
    if str(tag.get("role", "")).lower() in _BOILERPLATE_ROLES:
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    label = str(tag.get("aria-label", "")).lower()
    if "breadcrumb" in label or "navigation" in label:
        return True
    attrs = " ".join([str(tag.get("id", "")), *[str(c) for c in tag.get("class") or []]])
    return bool(attrs.strip()) and bool(_BOILERPLATE_ATTR.search(attrs))


def _drop_boilerplate(soup: BeautifulSoup) -> None:
    doomed = [tag for tag in soup.find_all(True) if _is_boilerplate(tag)]
    for tag in doomed:
        if not tag.decomposed and tag.name not in ("main", "article", "body", "html"):
            tag.decompose()


def _main_content(soup: BeautifulSoup) -> Tag:
    for selector in _MAIN_SELECTORS:
        found = soup.select(selector)
        if found:
            return max(found, key=lambda t: len(t.get_text()))
    return soup.body or soup


class _Inline:
    """Collects the inline text and links between two block boundaries."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.links: list[Link] = []

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = (_SPACE.sub(" ", line).strip() for line in joined.split("\n"))
        return "\n".join(line for line in lines if line)

    def clear(self) -> None:
        self.parts.clear()
        self.links.clear()


def _kind_of(tag: Tag) -> tuple[BlockKind, int | None]:
    name = tag.name
    if name in _HEADINGS:
        return "heading", _HEADINGS[name]
    if name in ("dt", "th", "summary"):
        return "heading", 5
    if name == "li":
        return "list_item", None
    if name in ("figcaption", "caption"):
        return "caption", None
    if name == "p" and _only_bold(tag):
        return "heading", 4
    return "paragraph", None


def _only_bold(tag: Tag) -> bool:
    """A paragraph whose whole text is <strong>/<b> is a heading on CMS pages."""
    text = tag.get_text(strip=True)
    if not text or len(text) > 120:
        return False
    bold = "".join(b.get_text(strip=True) for b in tag.find_all(["strong", "b"]))
    return bold == text


def _walk(root: Tag, builder: DocumentBuilder) -> None:
    """Depth-first, iterative. A block element flushes the inline text gathered so far."""
    inline = _Inline()
    # Stack entries: a node to visit, or a ("close", tag) marker to flush at its end.
    stack: list[object] = [root]
    open_blocks: list[Tag] = []
    group_ids: dict[int, str] = {}

    def flush(tag: Tag | None) -> None:
        text = inline.text()
        if text:
            kind, level = _kind_of(tag) if tag is not None else ("paragraph", None)
            group = None
            if tag is not None and tag.name == "li" and tag.parent is not None:
                group = group_ids.setdefault(id(tag.parent), f"list{len(group_ids) + 1}")
            builder.add(
                kind,
                unicodedata.normalize("NFC", text),
                level=level,
                links=tuple(inline.links),
                group=group,
            )
        inline.clear()

    while stack:
        node = stack.pop()
        if isinstance(node, tuple):
            _, tag = node
            flush(tag)
            open_blocks.pop()
            continue
        if isinstance(node, NavigableString):
            inline.parts.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        if node.name == "br":
            inline.parts.append("\n")
            continue
        if node.name == "sup" and node.get_text() in ("2", "3"):
            inline.parts.append("²" if node.get_text() == "2" else "³")
            continue
        if node.name == "a" and node.get("href"):
            text = _SPACE.sub(" ", node.get_text(" ")).strip()
            href = str(node.get("href"))
            if text and not href.startswith(("javascript:", "#")):
                inline.links.append(Link(text, href))
        if node.name in _BLOCK_TAGS:
            current = open_blocks[-1] if open_blocks else None
            flush(current)
            open_blocks.append(node)
            stack.append(("close", node))
        stack.extend(reversed(node.contents))
    flush(None)

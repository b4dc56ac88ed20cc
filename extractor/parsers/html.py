"""HTML with no structured data: cleaned to text that keeps headings and bullets.

A careers page carries more chrome than posting: government banners, navigation, cookie
notices, footers. Where the page marks its main content (``<main>``, ``role="main"``, or a
single ``<article>``) only that is read; otherwise the chrome that pages label as such
(navigation, banner and footer roles, cookie and consent boxes) is dropped. The other feed
parsers read their HTML descriptions through ``page_text`` too.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.html import element_text, html_to_text, looks_like_html
from extractor.normalize.text import clean_block, is_double_escaped_html, unescape_entities
from extractor.parsers.base import ParsedPosting
from extractor.parsers.text import exact_text

# Elements that are page chrome wherever they stand.
_CHROME_TAGS = ("nav", "footer")
_CHROME_ROLES = ("navigation", "banner", "contentinfo", "search", "dialog", "alertdialog")
# class or id words of boxes that are never the posting.
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|gdpr|skip-?nav|skip-?link|usa-banner"
    # Other roles' teasers: SPEC ignores their pay ("similar jobs ... £60k").
    r"|(?:similar|related|recommended|more|other)[-_]?(?:jobs|positions|roles|openings|vacancies))"
    r"(?:$|[\s_-])",
    re.I,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
# Whitespace runs fold to one space; control characters that entities such as "&#1;" leave
# in the tree go too (lxml refuses to write them back).
_WHITESPACE_RUN = re.compile(r"[\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


# libxml2 stops reading elements nested deeper than this, and says so only in its log.
TOO_DEEP = "HTML nested deeper than 256 levels: the text past that depth was not read"


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting whose text is the page's readable text, without its chrome."""
    text, warnings = read_page(document.text)
    return [ParsedPosting(source=Format.HTML.value, text=text, warnings=warnings)]


def page_text(markup: str) -> str:
    """The readable text of an HTML page or fragment: main content, no chrome.

    Headings stay as markdown headings and list items as "- " bullets (see
    ``extractor.normalize.html``). A description with no markup at all is plain text, whose
    line breaks are kept.
    """
    return read_page(markup)[0]


def read_page(markup: str) -> tuple[str, list[str]]:
    """page_text, and a warning where the page was nested too deeply to be read whole."""
    if is_double_escaped_html(markup):
        markup = unescape_entities(markup)
    if not markup.strip():
        return "", []
    if not looks_like_html(markup) and not _ANY_TAG.search(markup):
        return clean_block(unescape_entities(markup)), []
    # lxml reads control characters but refuses to write them back into a tree.
    markup = exact_text(markup)
    # Its own, so that its error log is this page's. lxml.html's parser differs from
    # etree's only by a Python class lookup run for every element proxy, which no caller
    # here needs (their methods are etree's).
    parser = etree.HTMLParser()
    try:
        root = lxml.html.fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return html_to_text(markup), []
    too_deep = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    content = _main_content(root)
    _drop_chrome(content)
    _collapse_whitespace(content)
    return element_text(content), [TOO_DEEP] if too_deep else []


def _main_content(root: etree._Element) -> etree._Element:
    """The element that holds the posting: <main>, role=main, a lone <article>, or the root."""
    for path in ("//main", "//*[@role='main']"):
        found = root.xpath(path)
        if isinstance(found, list) and found and isinstance(found[0], etree._Element):
            return found[0]
    articles = root.xpath("//article")
    if (
        isinstance(articles, list)
        and len(articles) == 1
        and isinstance(articles[0], etree._Element)
    ):
        return articles[0]
    return root


def _collapse_whitespace(content: etree._Element) -> None:
    """Fold whitespace runs in text to one space, as a browser does, except inside <pre>.

    Source line wrapping is not a line break in HTML; left alone, pretty-printed markup
    would break sentences over several lines of the text.
    """
    # The set holds the elements themselves: lxml keeps one proxy per node while it is
    # referenced, so membership is by node (ids of transient proxies would be reused).
    preformatted = {node for pre in content.iter("pre") for node in pre.iter()}
    for element in content.iter():
        # getparent() builds a proxy per element: asked only where there is a <pre>.
        in_pre = bool(preformatted) and element.getparent() in preformatted
        keep_text = in_pre or element.tag == "pre"
        keep_tail = in_pre  # a <pre>'s own tail is outside it
        # Written back only when folding changed it: each write re-encodes it into the tree.
        text = element.text
        if text and not keep_text and (folded := _WHITESPACE_RUN.sub(" ", text)) != text:
            element.text = folded
        tail = element.tail
        if tail and not keep_tail and (folded := _WHITESPACE_RUN.sub(" ", tail)) != tail:
            element.tail = folded


def _is_chrome(tag: str, role: str, css_class: str | None, element_id: str | None) -> bool:
    """True for an element that pages use for chrome: by its tag, its role, or a class or id
    word; the words' regex runs only on an element that has a class or an id."""
    if tag.lower() in _CHROME_TAGS or role.lower() in _CHROME_ROLES:
        return True
    if not css_class and not element_id:
        return False  # " " holds none of the words
    return _CHROME_NAMES.search(f"{css_class or ''} {element_id or ''}") is not None


def _drop_chrome(content: etree._Element) -> None:
    doomed: list[etree._Element] = []
    for element in content.iter():
        tag = element.tag
        if not isinstance(tag, str) or element is content:
            continue
        if _is_chrome(tag, element.get("role", ""), element.get("class"), element.get("id")):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            # Keep the tail: it is text that follows the element, not part of it.
            previous = element.getprevious()
            if element.tail:
                if previous is not None:
                    previous.tail = (previous.tail or "") + element.tail
                else:
                    parent.text = (parent.text or "") + element.tail
            parent.remove(element)

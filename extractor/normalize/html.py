"""HTML to text that keeps the structure rules and models read: headings, bullets, paragraphs.

Headings become markdown headings ("## What you'll do"), list items become "- " bullets, and
block elements end their line, so the section rules see the same shapes in HTML as in
markdown. Scripts, styles, templates and navigation chrome are dropped.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extractor.normalize.text import clean_block, is_double_escaped_html, unescape_entities

_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "form",
        "button",
        "select",
        "nav",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "table",
        "tr",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "hr",
        "body",
        "html",
    }
)
_HEADINGS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####", "h5": "#####", "h6": "######"}
_LOOKS_LIKE_HTML = re.compile(
    r"<(?:p|br|div|li|ul|ol|h[1-6]|span|strong|b|em|a|table)\b[^>]*>", re.IGNORECASE
)


def looks_like_html(text: str) -> bool:
    """True when a string carries HTML markup, escaped or not."""
    # The tag search needs a "<" (and the escaped test an "&"): finding it costs less.
    if "<" in text and _LOOKS_LIKE_HTML.search(text):
        return True
    return is_double_escaped_html(text)


def html_to_text(markup: str) -> str:
    """Readable text from an HTML page or fragment, with headings and bullets kept.

    Markup that arrives entity-escaped ("&lt;p&gt;") is unescaped first, so that it reads as
    markup rather than as literal tags.
    """
    if is_double_escaped_html(markup):
        markup = unescape_entities(markup)
    if not markup.strip():
        return ""
    try:
        # etree's parser: lxml.html's runs a Python class lookup for every element proxy the
        # walk creates, and the walk uses none of its element methods.
        root = lxml.html.fromstring(markup, parser=etree.HTMLParser())
    except (etree.ParserError, ValueError):
        return clean_block(unescape_entities(re.sub(r"<[^>]+>", " ", markup)))
    parts: list[str] = []
    _walk(root, parts)
    return _tidy_bullets(clean_block("".join(parts)))


def element_text(element: etree._Element) -> str:
    """The text of one element as html_to_text would render it, without the text after it."""
    parts: list[str] = []
    _walk(element, parts)
    if element.tail and parts:
        parts.pop()  # _walk always ends with the element's tail, when it has one
    return _tidy_bullets(clean_block("".join(parts)))


_EMPTY_BULLET = re.compile(r"^-\n+(?=\S)", re.MULTILINE)
# Blank lines before a bullet; they go when the line above them is a bullet too. Searched
# from the newlines rather than as "^(- .*)\n\n+(?=- )": a MULTILINE "^" costs a regex
# attempt at every character, and this pass was the slowest part of html_to_text.
_BLANKS_BEFORE_BULLET = re.compile(r"\n\n+(?=- )")


def _tidy_bullets(text: str) -> str:
    """One bullet per line, with no blank line between the items of one list.

    A block inside an item ("<li><p>...</p></li>") would otherwise leave a bare "-" above
    its text, and each item's end a blank line before the next.
    """
    if "-\n" in text:  # rare; a MULTILINE "^" search costs an attempt at every character
        text = _EMPTY_BULLET.sub("- ", text)
    return _BLANKS_BEFORE_BULLET.sub(_join_bullets, text)


def _join_bullets(gap: re.Match[str]) -> str:
    """The blank lines before a bullet, or one line break when a bullet line is above them."""
    text = gap.string
    line_start = text.rfind("\n", 0, gap.start()) + 1
    return "\n" if text.startswith("- ", line_start) else gap.group()


# What each tag writes before and after its content, looked up once per element.
_OPENING: dict[str, str] = {
    **{tag: f"\n\n{marker} " for tag, marker in _HEADINGS.items()},
    "li": "\n- ",
    "br": "\n",
    **dict.fromkeys(_BLOCK, "\n"),
    "td": " ",
    "th": " ",
}
_CLOSING: dict[str, str] = dict.fromkeys([*_HEADINGS, *_BLOCK, "li"], "\n")


def _walk(element: etree._Element, out: list[str]) -> None:
    # lxml builds a new str on every .tag, .text and .tail access: each is read once.
    tag = element.tag
    tail = element.tail
    if not isinstance(tag, str) or (tag := tag.lower()) in _DROP:
        # Comments and processing instructions carry no text; their tails still do.
        if tail:
            out.append(tail)
        return
    opening = _OPENING.get(tag)
    if opening:
        out.append(opening)
    text = element.text
    if text:
        out.append(text)
    for child in element:
        _walk(child, out)
    closing = _CLOSING.get(tag)
    if closing:
        out.append(closing)
    if tail:
        out.append(tail)

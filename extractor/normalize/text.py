"""HTML entities and whitespace: decoded once, and again where a source double-escaped them."""

from __future__ import annotations

import html
import re
import unicodedata

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Written with a literal prefix: "\n{3,}" makes the regex engine try every newline (5x slower).
_BLANK_LINES = re.compile(r"\n\n\n+")
_DOUBLE_ESCAPED_TAG = re.compile(r"&(?:amp;)*lt;/?(?:p|br|li|ul|ol|div|strong|b|em|h\d|span|u)\b")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_ANY_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _drop_zero_width(text: str) -> str:
    # translate() walks every character; most texts hold no zero-width character at all,
    # and an ASCII text (a flag the string carries) cannot.
    if text.isascii() or not _ANY_ZERO_WIDTH.search(text):
        return text
    return text.translate(_ZERO_WIDTH)


def unescape_entities(text: str, *, max_rounds: int = 3) -> str:
    """Decode HTML entities, repeating while a round still leaves entities ("&amp;lt;")."""
    for _ in range(max_rounds):
        if not _ENTITY.search(text):
            break
        text = _unescape_once(text)
    return text


# The entities that escaping markup writes; "&amp;" last, so that "&amp;lt;" gives "&lt;".
_MARKUP_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&"))


def _unescape_once(text: str) -> str:
    """html.unescape(text). Where every "&" opens one of _MARKUP_ENTITIES, as in escaped
    descriptions, five replace() calls give the same text without a Python call per entity."""
    if text.count("&") != sum(text.count(entity) for entity, _ in _MARKUP_ENTITIES):
        return html.unescape(text)
    for entity, char in _MARKUP_ENTITIES:
        text = text.replace(entity, char)
    return text


def is_double_escaped_html(text: str) -> bool:
    """True when markup arrives as entities: "&lt;p&gt;" rather than "<p>"."""
    return "&" in text and _DOUBLE_ESCAPED_TAG.search(text) is not None


def clean_inline(text: str) -> str:
    """One line of text: entities decoded, Unicode NFC, whitespace folded to single spaces."""
    text = _drop_zero_width(unicodedata.normalize("NFC", unescape_entities(text)))
    return " ".join(text.split())


def clean_block(text: str) -> str:
    """Multi-line text: spaces folded within lines, at most one blank line between blocks."""
    text = _drop_zero_width(unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    # split() folds a line's whitespace runs and drops its ends in one C call: the same as a
    # regex substitution and strip() per line (\s is str.isspace), at a third of the cost.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()

"""Entities decoded once (and again where double-escaped) and whitespace folded."""

from __future__ import annotations

import html

from extractor.normalize.text import (
    clean_block,
    clean_inline,
    is_double_escaped_html,
    unescape_entities,
)


def test_entities_are_decoded_once() -> None:
    assert unescape_entities("Fish &amp; Chips &#8211; &eacute;t&eacute;") == "Fish & Chips – été"


def test_double_escaped_entities_are_decoded_again() -> None:
    assert unescape_entities("R&amp;amp;D &amp;lt;p&amp;gt;") == "R&D <p>"


def test_text_without_entities_is_unchanged() -> None:
    assert unescape_entities("AT&T & co; 5 < 6") == "AT&T & co; 5 < 6"


def test_double_escaped_html_is_recognised() -> None:
    assert is_double_escaped_html("&lt;p&gt;Hello&lt;/p&gt;")
    assert is_double_escaped_html("&amp;lt;li&amp;gt;x")
    assert not is_double_escaped_html("<p>Hello</p>")
    assert not is_double_escaped_html("a &lt; b")


def test_clean_inline_folds_whitespace_and_zero_width_characters() -> None:
    assert clean_inline("  Senior\u200b  Engineer\n\t(Remote)&nbsp;") == "Senior Engineer (Remote)"


def test_clean_inline_normalizes_to_nfc() -> None:
    assert clean_inline("Cafe\u0301") == "Café"


def test_clean_block_keeps_lines_and_at_most_one_blank_line() -> None:
    text = "Title  \r\n\r\n\r\n\r\n  Line   one\rLine\xa0two\n\n\n"
    assert clean_block(text) == "Title\n\nLine one\nLine two"


def test_markup_entities_decode_as_html_unescape_does() -> None:
    from extractor.normalize.text import _unescape_once

    for text in [
        "&lt;p&gt;R&amp;amp;D &quot;x&quot; it&#39;s&lt;/p&gt;",
        "&lt;b&gt; &nbsp;x",
        "&ltp",
    ]:
        assert _unescape_once(text) == html.unescape(text)

"""html_to_text and element_text: headings, bullets and paragraphs kept; chrome dropped."""

from __future__ import annotations

import lxml.html

from extractor.normalize.html import _tidy_bullets, element_text, html_to_text, looks_like_html


def test_headings_bullets_and_paragraphs() -> None:
    markup = (
        "<h2>What you'll do</h2><ul><li>Build <b>APIs</b></li><li><p>Run them</p></li></ul>"
        "<p>First para.</p><p>Second<br>line.</p>"
    )
    assert html_to_text(markup) == (
        "## What you'll do\n\n- Build APIs\n- Run them\n\nFirst para.\n\nSecond\nline."
    )


def test_scripts_styles_and_navigation_are_dropped() -> None:
    markup = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav>Menu</nav>"
        "<script>var x = 1;</script><p>Body</p></body></html>"
    )
    assert html_to_text(markup) == "Body"


def test_double_escaped_markup_reads_as_markup() -> None:
    assert html_to_text(
        "&lt;p&gt;Tea &amp;amp; cake&lt;/p&gt;&lt;ul&gt;&lt;li&gt;A&lt;/li&gt;"
    ) == ("Tea & cake\n\n- A")


def test_entities_are_decoded() -> None:
    assert html_to_text("<p>R&amp;D &ndash; Z&uuml;rich</p>") == "R&D – Zürich"


def test_empty_markup() -> None:
    assert html_to_text("   ") == ""


def test_element_text_leaves_out_the_text_after_the_element() -> None:
    root = lxml.html.fromstring("<div><span>Leeds</span>, West Yorkshire</div>")
    (span,) = root.iter("span")
    assert element_text(span) == "Leeds"


def test_looks_like_html() -> None:
    assert looks_like_html("<p>x</p>")
    assert looks_like_html("&lt;li&gt;x")
    assert not looks_like_html("5 < 6 and 7 > 3")


def test_tidy_bullets_joins_only_gaps_between_two_bullets() -> None:
    text = "Intro\n\n- a\n\n\n- b\nOutro\n\n- c\n\n-\nd"
    assert _tidy_bullets(text) == "Intro\n\n- a\n- b\nOutro\n\n- c\n- d"

"""The benchmark corpus: distinct, deterministic items whose variation reaches the posting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.corpus import (
    CORE,
    Source,
    generate,
    iter_items,
    load_sources,
    sources_from_paths,
    vary,
)
from extractor.errors import DatasetError
from extractor.options import ExtractOptions, Strategy
from extractor.pipeline import extract_all

OFFLINE = ExtractOptions(strategy=Strategy.OFFLINE)


def test_items_are_distinct_and_deterministic() -> None:
    sources = load_sources([CORE])
    count = 2 * len(sources) + 5  # every source used more than once
    items = generate(count, sources)
    assert len(items) == count
    assert len({item.id for item in items}) == count
    assert len({item.data for item in items}) == count  # no two byte-identical
    assert items == generate(count, sources)
    assert {item.id.split("#")[0] for item in items} == {s.case_id for s in sources}


def test_the_variation_reaches_every_postings_text() -> None:
    # What a model is sent is made from the posting's text: two items that share a source
    # must not share it, or an answer cache serves one the other's answer.
    sources = load_sources([CORE])
    with_text = OFFLINE.model_copy(update={"include_text": True})
    texts: dict[str, str] = {}
    for item in generate(2 * len(sources), sources):
        for result in extract_all(item.data, options=with_text):
            assert result.text not in texts, (item.id, texts.get(result.text or ""))
            texts[result.text or ""] = item.id


def test_the_counter_reaches_the_extracted_title() -> None:
    sources = [s for s in load_sources([CORE]) if s.case_id.startswith(("jsonld-", "lever-"))]
    assert sources
    for item in generate(len(sources), sources):
        titles = [r.posting.title or "" for r in extract_all(item.data, options=OFFLINE)]
        counter = item.id.split("#")[1]
        assert any(f"(req {counter})" in title for title in titles), (item.id, titles)


def test_escaped_titles_are_found_as_written() -> None:
    source = Source("c", ".html", "<h1>R&amp;D Lead</h1>", "R&D Lead")
    assert vary(source, 7) == "<h1>R&amp;D Lead (req 00007)</h1>"
    source = Source("c", ".json", '{"title": "Say \\"hi\\" Lead"}', 'Say "hi" Lead')
    assert json.loads(vary(source, 3))["title"] == 'Say "hi" Lead (req 00003)'


@pytest.mark.parametrize(
    ("suffix", "text", "expected_end"),
    [
        (".xml", "<job><name>x</name></job>", "<!-- (req 00042) -->\n"),
        (".txt", "Just text", "Reference: (req 00042)\n"),
    ],
)
def test_without_the_title_a_line_is_inserted(suffix: str, text: str, expected_end: str) -> None:
    varied = vary(Source("c", suffix, text, "Missing Title"), 42)
    assert varied.startswith(text)
    assert varied.endswith(expected_end)


def test_html_without_the_title_gets_a_visible_line_in_its_body() -> None:
    page = "<html><body><p>No title here</p></body></html>"
    varied = vary(Source("c", ".html", page, None), 5)
    assert varied == (
        "<html><body><p>No title here</p>\n<p>Reference: (req 00005)</p>\n</body></html>"
    )
    with_text = OFFLINE.model_copy(update={"include_text": True})
    (result,) = extract_all(varied, options=with_text)
    assert "(req 00005)" in (result.text or "")


def test_html_without_the_title_gets_the_line_under_its_heading() -> None:
    page = "<main><h1>R&eacute;ception</h1><p>Text</p></main><footer>Legal</footer>"
    varied = vary(Source("c", ".html", page, "Réception"), 9)
    assert varied.startswith("<main><h1>R&eacute;ception</h1>\n<p>Reference: (req 00009)</p>")


def test_json_without_the_title_keeps_its_shape() -> None:
    varied = json.loads(vary(Source("c", ".json", '{"name": "x"}', None), 1))
    assert varied == {"name": "x", "bench_variant": "(req 00001)"}


def test_sources_without_gold_take_our_extracted_title(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<script type="application/ld+json">'
        '{"@type": "JobPosting", "title": "Night Baker", "description": "Bake bread."}'
        "</script>",
        encoding="utf-8",
    )
    (source,) = sources_from_paths([page])
    assert source.title == "Night Baker"
    assert "Night Baker (req 00002)" in vary(source, 2)


def test_bad_counts_and_empty_sources_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        next(iter_items(0))
    with pytest.raises(DatasetError, match="no benchmark sources"):
        next(iter_items(3, []))

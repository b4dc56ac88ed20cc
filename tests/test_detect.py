"""Detection by content, never by file name: every realworld document and seed, and the
non-JSON paths (front matter, XML roots, HTML, markdown, text) on small inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import detect as detect_module
from extractor.detect import Format, _has_jsonld_posting, detect
from extractor.document import Document, load_document
from extractor.rules.prefilter import could_match, folded
from tests.conftest import SHARED, realworld_documents, shared_path

# The format each realworld folder's documents are; the html folder is per file.
FOLDER_FORMATS: dict[str, Format] = {
    "ashby-json": Format.ASHBY,
    "atom-xml": Format.ATOM,
    "greenhouse-json": Format.GREENHOUSE,
    "hn-json": Format.HN,
    "indeed-xml": Format.INDEED_XML,
    "job-board-api-json": Format.HH,
    "jsonld": Format.JSONLD,
    "lever-json": Format.LEVER,
    "markdown": Format.MARKDOWN,
    "markdown-frontmatter": Format.FRONTMATTER,
    "microdata": Format.MICRODATA,
    "plaintext": Format.TEXT,
    "rdfa": Format.RDFA,
    "recruitee-json": Format.RECRUITEE,
    "rss-xml": Format.RSS,
    "smartrecruiters-json": Format.SMARTRECRUITERS,
    "workday-json": Format.WORKDAY,
}
HTML_FILES: dict[str, Format] = {
    "schemaorg-eg0028-plain.html": Format.HTML,
    # Jekyll front matter on top of a rendered page.
    "tts-cloud-gov-sre-archived.html": Format.FRONTMATTER,
}


def _detected(text: str) -> Format:
    return detect(Document(name="t", text=text)).format


@pytest.mark.parametrize(
    "path", realworld_documents(), ids=lambda p: p.relative_to(SHARED / "realworld").as_posix()
)
def test_every_realworld_document_is_detected_as_its_folder_says(path: Path) -> None:
    folder = path.parent.name
    expected = HTML_FILES[path.name] if folder == "html" else FOLDER_FORMATS[folder]
    assert detect(load_document(path)).format is expected


def test_the_realworld_corpus_is_present_and_every_folder_is_covered() -> None:
    shared_path("realworld")
    folders = {path.parent.name for path in realworld_documents()}
    assert folders == set(FOLDER_FORMATS) | {"html"}


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000", Format.FRONTMATTER), ("003", Format.JSONLD), ("001", Format.TEXT)],
)
def test_seeds_are_detected_by_content_not_by_their_txt_extension(
    prefix: str, expected: Format
) -> None:
    (path,) = shared_path("seeds").glob(f"{prefix}_*.txt")
    assert detect(load_document(path)).format is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: Engineer\n---\nBody", Format.FRONTMATTER),
        ("---\n# a comment first\n\ntitle: Engineer\n...\nBody", Format.FRONTMATTER),
        ("\ufeff---\r\ntitle: Engineer\r\n---\r\n<html><body>x</body></html>", Format.FRONTMATTER),
        # A rule at the top of markdown is not front matter: no key, or no closing line.
        ("---\n\n# Engineer\n\n- Python\n- SQL\n- **Remote**\n", Format.MARKDOWN),
        ("---\ntitle: Engineer\nand no closing line\n", Format.TEXT),
    ],
)
def test_front_matter_needs_a_key_and_a_closing_line(text: str, expected: Format) -> None:
    assert _detected(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<?xml version="1.0"?><rss version="2.0"><channel/></rss>', Format.RSS),
        ('<rdf:RDF xmlns:rdf="x"><item><title>a</title></item></rdf:RDF>', Format.RSS),
        ('<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>', Format.ATOM),
        ('<?xml version="1.0"?>\n<!-- note -->\n<entry xmlns="a"/>', Format.ATOM),
        ("<source><publisher>x</publisher><job><title>a</title></job></source>", Format.INDEED_XML),
        ("<jobs><job><title>a</title></job></jobs>", Format.INDEED_XML),
        # A DOCTYPE with an internal subset still lets the root be seen (and refused later).
        (
            '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel/></rss>',
            Format.RSS,
        ),
        ("<!DOCTYPE html><html><body><h1>Engineer</h1></body></html>", Format.HTML),
        ("<div><p>Engineer</p></div>", Format.HTML),
    ],
)
def test_markup_is_detected_by_its_root(text: str, expected: Format) -> None:
    assert _detected(text) is expected


def test_html_after_a_line_of_text_is_html() -> None:
    text = "Job:\n<div><h2>Engineer</h2><p>a</p><ul><li>b</li><li>c</li></ul></div>"
    assert _detected(text) is Format.HTML


def test_markdown_needs_several_markdown_marks() -> None:
    assert _detected("# Engineer\n\n## You will\n\n- build things\n") is Format.MARKDOWN
    assert _detected("Engineer wanted. Five years of Python. Apply by mail.") is Format.TEXT


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<script type="application/ld+json">{"@type": "JobPosting"}</script>', True),
        ('<SCRIPT TYPE=\'APPLICATION/LD+JSON\'>{"@type": "jobposting"}</SCRIPT>', True),
        ('<script type="application/ld+json">{}</script><p>JobPosting</p>', False),
        (
            '<script type="application/ld+json">{}</script>'
            '<script type="application/ld+json">{"@type": "JobPosting"}',
            True,
        ),
        ("<script>JobPosting</script>", False),
    ],
)
def test_has_jsonld_posting_looks_inside_json_ld_scripts_only(page: str, expected: bool) -> None:
    assert _has_jsonld_posting(page) is expected


def test_a_dotless_i_still_counts_for_the_case_insensitive_microdata_test() -> None:
    page = "<div>x</div>" * 3 + "<span itemprop='title'>A</span><span \u0131temprop='validThrough'>"
    assert detect(Document("p.html", page)).format is Format.MICRODATA


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("_JSONLD_OPEN", "<script type='application/ld+json'>"),
        ("_MICRODATA", '<div itemscope itemtype="https://schema.org/JobPosting">'),
        ("_MICRODATA", "<div itemtype = 'x //schema.org/JobPosting'>"),
        ("_MICRODATA_PROPS", "<span itemprop='hiringOrganization'>"),
        ("_MICRODATA_PROPS", '<span itemprop = "validThrough">'),
        ("_RDFA", "<div vocab='https://schema.org/' typeof='JobPosting'>"),
        ("_RDFA", "<div typeof='\u0130tem JobPo\u017fting'>"),
    ],
)
def test_each_markup_pattern_is_skipped_only_where_it_cannot_match(name: str, text: str) -> None:
    # The page is passed over when it lacks the pattern's required words: they must stand in
    # every text the pattern matches, whatever its case.
    pattern = getattr(detect_module, name)
    words = getattr(detect_module, f"{name}_WORDS")
    assert words is not None
    for variant in (text, text.upper(), text.swapcase(), text.replace("i", "\u0131")):
        assert pattern.search(variant)
        assert could_match(words, folded(variant))

"""Which format a document is, decided by its content and never by its file name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from typing import Any

from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.readers import load_json
from extractor.rules.prefilter import could_match, folded, required_words


class Format(StrEnum):
    """Every input format extractor reads. The value is what results report as ``format``."""

    JSONLD = "jsonld"
    MICRODATA = "microdata"
    RDFA = "rdfa"
    GREENHOUSE = "greenhouse"
    LEVER = "lever"
    ASHBY = "ashby"
    SMARTRECRUITERS = "smartrecruiters"
    WORKDAY = "workday"
    RECRUITEE = "recruitee"
    HH = "hh"
    HN = "hn"
    INDEED_XML = "indeed-xml"
    RSS = "rss"
    ATOM = "atom"
    FRONTMATTER = "frontmatter"
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"
    JSON = "json"


FORMAT_DESCRIPTIONS: dict[Format, str] = {
    Format.JSONLD: (
        "schema.org JobPosting as JSON-LD: raw JSON, arrays, @graph, or <script> in HTML"
    ),
    Format.MICRODATA: "schema.org JobPosting as HTML microdata (itemscope/itemprop)",
    Format.RDFA: "schema.org JobPosting as RDFa Lite (vocab/typeof/property)",
    Format.GREENHOUSE: "Greenhouse Job Board API JSON: one job or a board listing",
    Format.LEVER: "Lever Postings API JSON: one posting or a list",
    Format.ASHBY: "Ashby posting API JSON: one job or a job board",
    Format.SMARTRECRUITERS: "SmartRecruiters Posting API JSON: detail or listing",
    Format.WORKDAY: "Workday CXS job JSON (jobPostingInfo) or a listing",
    Format.RECRUITEE: "Recruitee careers-site offers API JSON",
    Format.HH: "hh.ru API vacancy JSON: one vacancy or a search page",
    Format.HN: "Hacker News 'Who is hiring?' comments as JSON (Algolia items)",
    Format.INDEED_XML: "Indeed-style XML feed: <source><job>...</job></source>",
    Format.RSS: "RSS 2.0 feed: one posting per <item>",
    Format.ATOM: "Atom feed or entry: one posting per <entry>",
    Format.FRONTMATTER: "Markdown (or HTML) with YAML front matter",
    Format.HTML: "An HTML page or fragment with no structured data",
    Format.MARKDOWN: "Markdown without front matter",
    Format.TEXT: "Plain text",
    Format.JSON: "JSON of no known posting shape, read as text",
}


@dataclass(frozen=True)
class Detection:
    """The detected format and, for JSON formats, the parsed value (so it is parsed once)."""

    format: Format
    data: Any = None


# A JSON-LD script whose text, before its "</script>", names JobPosting. Read as three
# searches rather than one regex whose tempered dot tests for "</script>" at every
# character of the script (0.09 ms on a page with JSON-LD).
_JSONLD_OPEN = re.compile(r"<script[^>]+application/ld\+json[^>]*>", re.I)
_SCRIPT_CLOSE = re.compile(r"</script>", re.I)
_JOBPOSTING = re.compile(r"JobPosting", re.I)
_MICRODATA = re.compile(
    r"itemtype\s*=\s*[\"']?(?:[^\"'>]*\s)?(?:https?:)?//(?:www\.)?schema\.org/JobPosting", re.I
)
_MICRODATA_PROPS = re.compile(
    r"itemprop\s*=\s*[\"'](?:title|hiringOrganization|jobLocation|baseSalary|datePosted|"
    r"employmentType|validThrough)[\"']",
    re.I,
)
_RDFA = re.compile(r"typeof\s*=\s*[\"'][^\"']*\bJobPosting\b", re.I)
# Words (folded) that every match of each pattern holds: a page lacking them skips its regex.
_JSONLD_OPEN_WORDS = required_words(_JSONLD_OPEN)
_MICRODATA_WORDS = required_words(_MICRODATA)
_MICRODATA_PROPS_WORDS = required_words(_MICRODATA_PROPS)
_RDFA_WORDS = required_words(_RDFA)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_XML_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s>/]")
# A DOCTYPE may carry an internal subset in brackets, with ">" inside its declarations.
_LEADING_XML_NOISE = re.compile(
    r"\A\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE(?:[^>\[]|\[.*?\])*>\s*)*", re.S | re.I
)
# Front matter is a YAML mapping closed by a "---" (or "...") line: its first line that is
# not blank or a comment opens with a key.
_FRONT_MATTER_BLOCK = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*"
    r"[\w\"'][^\n:]*:.*?^(?:---|\.\.\.)[ \t]*\r?$",
    re.S | re.M,
)
_MARKDOWN = re.compile(
    r"^(?:#{1,6}\s+\S.*|\s*[-*+]\s+\S.*|\s*\d+\.\s+\S.*)$|\*\*[^*\n]+\*\*|\]\(https?://", re.M
)
_HTML_TAG = re.compile(
    r"<(?:html|body|div|p|h[1-6]|ul|ol|li|br|span|section|article|table)\b", re.I
)


def detect(document: Document) -> Detection:
    """Decide the format of a document from its content.

    Raises:
        MalformedInputError: text that opens as JSON but is not JSON, even leniently.
    """
    text = document.text.lstrip("\ufeff \t\r\n")
    if text[:1] in "{[":
        return _detect_json(text, document)
    if _FRONT_MATTER.match(text) and _FRONT_MATTER_BLOCK.match(text[:200_000]):
        return Detection(Format.FRONTMATTER)
    if text.startswith("<"):
        return Detection(_detect_markup(text))
    if _HTML_TAG.search(text[:2000]) and text.count("<") > 5:
        return Detection(_detect_html(text))
    if len(list(islice(_MARKDOWN.finditer(text[:20000]), 3))) == 3:  # the first 3 suffice
        return Detection(Format.MARKDOWN)
    return Detection(Format.TEXT)


def _detect_json(text: str, document: Document) -> Detection:
    try:
        data = load_json(text, document.name)
    except MalformedInputError:
        # Broken JSON-LD is common on the web and the JSON-LD parser repairs it.
        if "JobPosting" in text[:5000] or '"@context"' in text[:5000]:
            return Detection(Format.JSONLD)
        raise
    return Detection(json_format(data), data)


def json_format(data: Any) -> Format:
    """The posting format of already-parsed JSON, by the keys its records carry."""
    if isinstance(data, dict) and ("@context" in data or "@graph" in data or "@type" in data):
        return Format.JSONLD
    records = _records(data)
    if not records:
        return Format.JSON
    checks: tuple[tuple[Format, set[str]], ...] = (
        (Format.WORKDAY, {"jobPostingInfo"}),
        (Format.GREENHOUSE, {"absolute_url", "internal_job_id"}),
        (Format.GREENHOUSE, {"absolute_url", "content"}),
        (Format.LEVER, {"hostedUrl", "categories"}),
        (Format.LEVER, {"text", "categories", "descriptionPlain"}),
        (Format.ASHBY, {"jobUrl", "descriptionHtml"}),
        (Format.ASHBY, {"isRemote", "publishedAt", "applyUrl"}),
        (Format.SMARTRECRUITERS, {"jobAd", "releasedDate"}),
        (Format.SMARTRECRUITERS, {"releasedDate", "typeOfEmployment"}),
        (Format.RECRUITEE, {"careers_apply_url"}),
        (Format.RECRUITEE, {"slug", "guid", "employment_type_code"}),
        (Format.HH, {"area", "employer", "snippet"}),
        (Format.HH, {"area", "employer", "alternate_url"}),
        (Format.WORKDAY, {"externalPath", "postedOn"}),
        (Format.HN, {"comment_text", "story_id"}),
        (Format.HN, {"text", "parent_id", "author"}),
        (Format.HN, {"text", "author", "created_at"}),
    )
    # A few records, not only the first: one job missing a field must not hide the format.
    for record in records[:5]:
        keys = set(record)
        if "@type" in keys or "@context" in keys:
            return Format.JSONLD
        for fmt, required in checks:
            if required <= keys:
                return fmt
    return Format.JSON


def _records(data: Any) -> list[dict[str, Any]]:
    """The job records of a response: itself, a list, or a known list key's items."""
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    if not isinstance(data, dict):
        return []
    if "jobPostingInfo" in data:
        return [data]
    for key in (
        "jobs",
        "offers",
        "items",
        "jobPostings",
        "content",
        "postings",
        "comments",
        "children",
        "hits",
        "data",
        "results",
    ):
        value = data.get(key)
        # Any object counts: a listing whose first job is broken is still a listing.
        if isinstance(value, list) and any(isinstance(item, dict) for item in value):
            return [item for item in value if isinstance(item, dict)]
    if "offer" in data and isinstance(data["offer"], dict):
        return [data["offer"]]
    return [data]


def _detect_markup(text: str) -> Format:
    rest = _LEADING_XML_NOISE.sub("", text[:20000], count=1)
    match = _XML_ROOT.match(rest)
    root = match.group(2).lower() if match else ""
    if root == "rss" or (root == "rdf" and "<item" in rest):
        return Format.RSS
    if root in ("feed", "entry"):
        return Format.ATOM
    if root in ("source", "jobs", "job") and "<job" in text:
        return Format.INDEED_XML
    return _detect_html(text)


def _detect_html(text: str) -> Format:
    # A case-insensitive regex over a whole page costs 0.04-0.08 ms; a page without the
    # pattern's key word is passed over by a substring test of the lower-cased text.
    lowered = folded(text)
    # _has_jsonld_posting finds nothing where _JSONLD_OPEN cannot match.
    if could_match(_JSONLD_OPEN_WORDS, lowered) and _has_jsonld_posting(text):
        return Format.JSONLD
    if (could_match(_MICRODATA_WORDS, lowered) and _MICRODATA.search(text)) or (
        could_match(_MICRODATA_PROPS_WORDS, lowered) and len(_MICRODATA_PROPS.findall(text)) >= 2
    ):
        return Format.MICRODATA
    if could_match(_RDFA_WORDS, lowered) and _RDFA.search(text):
        return Format.RDFA
    return Format.HTML


def _has_jsonld_posting(text: str) -> bool:
    """True when a JSON-LD <script> names JobPosting before its closing tag."""
    searched_to = -1
    for opening in _JSONLD_OPEN.finditer(text):
        start = opening.end()
        if start <= searched_to:
            continue  # inside a script already searched: it ends at the same "</script>"
        closing = _SCRIPT_CLOSE.search(text, start)
        end = closing.start() if closing else len(text)
        if _JOBPOSTING.search(text, start, end):
            return True
        searched_to = end
    return False

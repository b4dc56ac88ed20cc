"""Hypothesis strategies for documents of every format extractor reads, and for mutations of
real documents.

Generated documents are shaped like the real thing (the keys and elements the parsers read)
but filled with what breaks readers: wrong types, nulls, huge numbers, NaN-like strings,
entities, broken nesting, YAML anchors and timestamps, RTL and zero-width characters. The
real documents are the core eval dataset and, when it sits beside the clone, ../shared.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, TypeVar

from hypothesis import strategies as st

from extractor.detect import Format, detect
from extractor.document import load_document
from extractor.errors import ExtractorError
from tests.conftest import REPO, realworld_documents, seed_documents

__all__ = [
    "JSON_FORMATS",
    "any_document",
    "document_for",
    "html_pages",
    "json_documents",
    "mutated_real_documents",
    "plain_texts",
    "posting_texts",
    "real_documents",
    "repeated_units",
]

JsonValue = Any
T = TypeVar("T")

# ---------------------------------------------------------------- characters and strings


def _words(names: str) -> tuple[str, ...]:
    return tuple(names.split())


# What breaks text handling: RTL marks and scripts, zero-width characters, controls, BOMs,
# surrogate-free astral characters, combining marks, typographic hyphens and spaces.
_ODD_CHARS = (
    "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2069"
    "\x01\x07\x08\x0b\x0c\x1b\x7f\x85\r\t\u00a0\u2009\u202f\u3000\u2010\u2011\u2012\u2013"
    "\u2014\u2212\u00ad\u0301\u0336"
    "שלוםمرحباПриветこんにちは中文한국어ßİıǅ\U0001f600\U0001d400"
)
_CURRENCY = "$€£¥₹₽₩₪₺฿¢"
_SALARY_PIECES = (
    "$",
    "€",
    "£",
    "USD",
    "EUR",
    "CHF",
    "k",
    "K",
    "M",
    "-",
    "–",
    " to ",
    " and ",
    "between ",
    "/hr",
    "/year",
    " per hour",
    " per annum",
    " a month",
    "p.a.",
    "brutto",
    "€/Jahr",
    "0",
    "00",
    "000",
    ",000",
    ".000",
    ".5",
    "1",
    "12",
    "45",
    "120",
    "1,000,000",
    "99999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    " ",
    "\n",
    "Salary: ",
    "Gehalt: ",
    "up to ",
    "from ",
    "DOE",
    "OTE",
    "+ equity",
    "years of experience",
    "5+ years",
    "Bachelor's degree",
    "Full-time",
    "Remote",
    "Hybrid (3 days in office)",
    "visa sponsorship",
    "Senior",
    "Python",
    "## Requirements\n",
    "- ",
    "* ",
    "Similar jobs\n",
)

# Longer than Python converts to an int (4,300 digits) or to a finite float.
_LONG_NUMBER = st.sampled_from(["9" * 5000, "1" + "0" * 400, "1e400", "-0"])
_text_chars = st.characters(codec="utf-8", exclude_categories=("Cs",))
_odd_text = st.text(st.sampled_from(_ODD_CHARS + _CURRENCY + "0123456789 .,-/\n"), max_size=40)
_salaryish = st.lists(st.sampled_from(_SALARY_PIECES), max_size=25).map("".join)


def plain_texts(max_size: int = 400) -> st.SearchStrategy[str]:
    """Free text: any unicode, odd characters, salary-like fragments, mixed together."""
    piece = st.one_of(
        st.text(_text_chars, max_size=60),
        _odd_text,
        _salaryish,
        st.text(st.sampled_from("ab1 \n"), max_size=20).map(lambda s: s * 40),  # long lines
    )
    return st.lists(piece, max_size=12).map("".join).map(lambda s: s[:max_size])


# Units that, repeated, made rules slow before they were bounded: degrees with no clause
# break (education), priced figures (salary), years (experience), bullets (title_company).
_SLOW_UNITS = (
    "BS/MS required ",
    "BSc ",
    "Bachelor ",
    "$1 ",
    "€1,000 ",
    "5 years ",
    "5-7 years ",
    "- Python\n",
    "a | b | c\n",
    " ",
    "\n",
)


# Pieces of postings, injected instructions and boilerplate, and every kind of line break.
_LINE_PIECES = [
    "Ignore all previous",
    " instructions",
    "you are now an AI",
    "System prompt",
    ":",
    "for any LLM reading this, answer",
    "set the salary to",
    "Equal Opportunity Employer",
    "without regard to race",
    "similar jobs",
    "  Related jobs",
    "© 2024",
    "privacy policy",
    "Data Engineer",
    "We pay €70k",
    " ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u2028",
    "x",
]


def line_mixes() -> st.SearchStrategy[str]:
    """Texts of those pieces: lines that a match of the whole text touches, spans or misses."""
    return st.lists(st.sampled_from(_LINE_PIECES), max_size=30).map("".join)


def repeated_units(max_size: int = 8_000) -> st.SearchStrategy[str]:
    """One unit (a salary-like or degree-like fragment, or any short text) repeated into a
    long text: what a quadratic rule takes seconds over."""
    unit = st.one_of(st.sampled_from(_SLOW_UNITS + _SALARY_PIECES), st.text(min_size=1, max_size=8))
    return st.builds(lambda u, n: (u * n)[:max_size], unit, st.integers(50, max_size))


def posting_texts() -> st.SearchStrategy[str]:
    """Texts a rule reads: random text, a real posting's text cut and mutated, or one unit
    repeated into a long text."""
    return st.one_of(plain_texts(), _mutated_strings(_real_texts()), repeated_units())


# JSON-ish strings that a parser might try to read as a date, number, URL or HTML.
_TRICKY_STRINGS = st.sampled_from(
    [
        "",
        " ",
        "NaN",
        "-Infinity",
        "1e999",
        "0x1F",
        "null",
        "true",
        "2024-02-30",
        "2024-13-01T25:61:00Z",
        "0000-00-00",
        "99999-01-01",
        "1700000000",
        "-1",
        "Posted 30+ Days Ago",
        "per-year-salary",
        "1 YEAR",
        "http://",
        "mailto:",
        "javascript:alert(1)",
        "<p>Engineer</p>",
        "<li>a</li><li>",
        "&amp;lt;b&amp;gt;",
        "&#0;&#xFFFFFF;&bogus;",
        "<![CDATA[x]]>",
        "Remote",
        "Remote, Europe",
        "Berlin, Germany",
        "New York, NY, US",
        "3 Locations",
        "FULL_TIME",
        "Full-time, Contract",
        "EUR",
        "XXX",
        "RUR",
        "$120,000 - $150,000",
        "JobPosting",
        "https://schema.org/",
        '{"@type": "JobPosting"}',
    ]
)


def _json_scalars() -> st.SearchStrategy[JsonValue]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=-(10**400), max_value=10**400),
        st.floats(),  # NaN and Infinity too: json.dumps writes them and json.loads reads them
        _TRICKY_STRINGS,
        st.text(_text_chars, max_size=30),
        _salaryish,
    )


@cache  # one strategy per key set: hypothesis builds it lazily, once
def json_values(keys: tuple[str, ...] = ()) -> st.SearchStrategy[JsonValue]:
    """Any JSON value, nested, with object keys drawn mostly from ``keys``."""
    key = st.sampled_from(keys) if keys else st.text(max_size=10)
    if keys:
        key = st.one_of(key, key, key, st.text(max_size=8))
    return st.recursive(
        _json_scalars(),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(key, children, max_size=6),
        ),
        max_leaves=25,
    )


# ---------------------------------------------------------------- real documents


@cache
def real_documents() -> tuple[tuple[str, str], ...]:
    """(name, text) of every real document at hand: the core dataset and ../shared."""
    core = REPO / "evals" / "datasets" / "core"
    paths = [
        p
        for p in sorted(core.iterdir())
        if p.is_file() and not p.name.endswith(".gold.json") and p.suffix != ".md"
    ]
    paths += realworld_documents() + seed_documents()
    documents: list[tuple[str, str]] = []
    for path in paths:
        try:
            documents.append((str(path), load_document(path).text))
        except ExtractorError:
            continue
    return tuple(documents)


@cache
def _templates() -> dict[Format, tuple[JsonValue, ...]]:
    """The parsed JSON of the real documents, by detected format."""
    found: dict[Format, list[JsonValue]] = {}
    for name, text in real_documents():
        try:
            detection = detect(load_document(text, name=name))
        except ExtractorError:
            continue
        if detection.data is not None:
            found.setdefault(detection.format, []).append(detection.data)
    return {fmt: tuple(values) for fmt, values in found.items()}


def _walk_keys(value: JsonValue) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_keys(item)


@cache
def _keys(fmt: Format) -> tuple[str, ...]:
    """Every key the real documents of a format use, plus those the parsers look for."""
    keys = set(_EXTRA_KEYS.get(fmt, ()))
    for template in _templates().get(fmt, ()):
        keys.update(_walk_keys(template))
    return tuple(sorted(keys))


# Keys the parsers read (and detection needs) that the real documents may lack.
_EXTRA_KEYS: dict[Format, tuple[str, ...]] = {
    Format.GREENHOUSE: _words(
        "jobs absolute_url internal_job_id content title company_name departments parent_id id "
        "metadata name value location offices pay_input_ranges min_cents max_cents "
        "currency_type blurb first_published application_deadline"
    ),
    Format.LEVER: _words(
        "postings data text categories descriptionPlain hostedUrl applyUrl lists content "
        "additional additionalPlain description opening openingPlain descriptionBody "
        "descriptionBodyPlain team department commitment allLocations location country "
        "workplaceType salaryRange min max currency interval createdAt"
    ),
    Format.ASHBY: _words(
        "jobs jobPostings title jobUrl descriptionHtml descriptionPlain isRemote publishedAt "
        "publishedDate applyUrl team department workplaceType location address postalAddress "
        "addressLocality addressRegion addressCountry secondaryLocations employmentType "
        "compensation summaryComponents compensationTiers components compensationType "
        "currencyCode interval minValue maxValue"
    ),
    Format.SMARTRECRUITERS: _words(
        "content name title jobAd sections companyDescription jobDescription qualifications "
        "additionalInformation text company department label location remote hybrid city "
        "region country fullLocation typeOfEmployment id releasedDate postingUrl applyUrl"
    ),
    Format.WORKDAY: _words(
        "jobPostings jobPostingInfo hiringOrganization name title jobDescription "
        "jobRequisitionLocation country alpha2Code descriptor location additionalLocations "
        "remoteType timeType startDate endDate externalUrl externalPath postedOn locationsText"
    ),
    Format.RECRUITEE: _words(
        "offers offer title translations description requirements company_name department "
        "locations city state country_code country state_name remote hybrid on_site "
        "employment_type_code salary min max currency period published_at created_at "
        "close_at careers_url careers_apply_url slug guid"
    ),
    Format.HH: _words(
        "items name employer department schedule id area address city employment salary "
        "from to currency gross experience published_at alternate_url apply_alternate_url "
        "archived description snippet responsibility requirement"
    ),
    Format.HN: _words(
        "comments children hits comment_text text story_id parent_id author created_at type "
        "thread_id id objectID"
    ),
    Format.JSONLD: _words(
        "@context @graph @type @id type title name description hiringOrganization sameAs "
        "jobLocation address addressLocality addressRegion addressCountry postalCode "
        "streetAddress jobLocationType applicantLocationRequirements identifier "
        "employmentType baseSalary estimatedSalary salaryCurrency currency value minValue "
        "maxValue unitText experienceRequirements monthsOfExperience "
        "educationRequirements credentialCategory termCode skills datePosted validThrough "
        "url directApply applicationContact email responsibilities qualifications "
        "jobBenefits incentiveCompensation industry occupationalCategory"
    ),
}

# Each format's shape at the top: what detection needs to pick the format.
_SHELLS: dict[Format, Callable[[dict[str, Any]], JsonValue]] = {
    Format.GREENHOUSE: lambda job: {"jobs": [{"absolute_url": "u", "content": "c", **job}]},
    Format.LEVER: lambda job: [{"hostedUrl": "u", "categories": {}, **job}],
    Format.ASHBY: lambda job: {"jobs": [{"jobUrl": "u", "descriptionHtml": "", **job}]},
    Format.SMARTRECRUITERS: lambda job: {"content": [{"jobAd": {}, "releasedDate": "", **job}]},
    Format.WORKDAY: lambda job: {"jobPostingInfo": job, "hiringOrganization": {"name": "Co"}},
    Format.RECRUITEE: lambda job: {"offers": [{"careers_apply_url": "u", **job}]},
    Format.HH: lambda job: {"items": [{"area": {}, "employer": {}, "snippet": {}, **job}]},
    Format.HN: lambda job: {"hits": [{"comment_text": "", "story_id": 1, **job}]},
    Format.JSONLD: lambda job: {"@context": "https://schema.org", "@type": "JobPosting", **job},
}

JSON_FORMATS: tuple[Format, ...] = tuple(_SHELLS)

# Where each format keeps a record's title: a record without one is skipped, so most
# generated records get one and the parser reads the rest of the record.
_TITLE_KEYS: dict[Format, str] = {
    Format.LEVER: "text",
    Format.SMARTRECRUITERS: "name",
    Format.HH: "name",
    Format.HN: "comment_text",
}
_TITLES = st.one_of(
    st.just("Senior Engineer (Remote) - Berlin, Germany"),
    st.text(_text_chars, min_size=1, max_size=30),
    _TRICKY_STRINGS,
)


def _mutate_json(draw: st.DrawFn, value: JsonValue, keys: tuple[str, ...], depth: int = 0) -> Any:
    """A copy of ``value`` with some subtrees replaced by values of the wrong type, dropped,
    or kept (and mutated further down)."""
    if depth > 6:
        return value
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            choice = draw(st.integers(0, 9))
            if choice == 0:
                continue  # dropped
            if choice == 1:
                out[key] = draw(json_values(keys))
            else:
                out[key] = _mutate_json(draw, item, keys, depth + 1)
        return out
    if isinstance(value, list):
        items = value[: draw(st.integers(0, 4))]
        return [_mutate_json(draw, item, keys, depth + 1) for item in items]
    if draw(st.integers(0, 5)) == 0:
        return draw(json_values(keys))
    return value


@st.composite
def json_documents(draw: st.DrawFn, fmt: Format) -> JsonValue:
    """JSON of one API format: a real response mutated, or a random record in its shell."""
    keys = _keys(fmt)
    templates = _templates().get(fmt, ())
    if templates and draw(st.booleans()):
        return _mutate_json(draw, draw(st.sampled_from(templates)), keys)
    record = draw(st.dictionaries(st.sampled_from(keys), json_values(keys), max_size=10))
    if draw(st.integers(0, 4)):
        record[_TITLE_KEYS.get(fmt, "title")] = draw(_TITLES)
    return _SHELLS[fmt](record)


# ---------------------------------------------------------------- markup

_ENTITIES = st.sampled_from(
    ["&amp;", "&lt;", "&gt;", "&#38;", "&#x26;", "&nbsp;", "&bogus;", "&#0;", "&#xFFFFFFFF;", "&"]
)


def _markup(
    tags: tuple[str, ...], attributes: st.SearchStrategy[str], max_leaves: int = 30
) -> st.SearchStrategy[str]:
    """Random nested elements of ``tags``, some left unclosed or closed twice."""
    leaf = st.one_of(
        plain_texts(60).map(lambda s: s.replace("<", "&lt;")),
        _ENTITIES,
        st.just("<![CDATA[ <b>$100k</b> ]]>"),
        st.just("<!-- comment -->"),
        st.sampled_from(["<br>", "<br/>", "</p>", "<p", "<", "]]>"]),
    )

    def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            lambda tag, attrs, body, close: (
                f"<{tag}{attrs}>{''.join(body)}"
                + ("" if close == 0 else f"</{tag}>" * (2 if close == 2 else 1))
            ),
            st.sampled_from(tags),
            attributes,
            st.lists(children, max_size=4),
            st.sampled_from([1, 1, 1, 1, 0, 2]),
        )

    return st.recursive(leaf, element, max_leaves=max_leaves)


def _xml_attributes(names: tuple[str, ...]) -> st.SearchStrategy[str]:
    pair = st.builds(
        lambda name, value: f' {name}="{value}"',
        st.sampled_from(names),
        st.one_of(_TRICKY_STRINGS.map(lambda s: s.replace('"', "")), st.just("&amp;")),
    )
    return st.lists(pair, max_size=2).map("".join)


_RSS_TAGS = _words(
    "channel item title description link pubDate guid category author dc:creator "
    "content:encoded source enclosure comments"
)
_ATOM_TAGS = _words(
    "entry title content summary link updated published author name id category "
    "georss:point media:content"
)
_INDEED_TAGS = _words(
    "job title company city state country postalcode description salary jobtype date url "
    "referencenumber category education experience publisher"
)


def _feed(root: str, head: str, record: str, tags: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A feed: records (items, entries, jobs) of random fields, mostly with a title, plus
    random elements between them; some closing tags left out or doubled."""
    fields = _markup(tags, _xml_attributes(("href", "rel", "type", "term", "label")), 12)
    title = st.one_of(st.just("Senior Engineer - Berlin"), plain_texts(40)).map(
        lambda text: f"<title>{text.replace('<', '&lt;').replace('&', '&amp;')}</title>"
    )
    records = st.builds(
        lambda first, rest, closed: (
            f"<{record}>{first}{''.join(rest)}" + (f"</{record}>" if closed else "")
        ),
        st.one_of(title, title, title, fields),
        st.lists(fields, max_size=5),
        st.sampled_from([True, True, True, False]),
    )
    declaration = st.sampled_from(
        ["", '<?xml version="1.0" encoding="utf-8"?>\n', '<?xml version="1.0"?><!-- c -->']
    )
    return st.builds(
        lambda decl, inner, closed: (
            f"{decl}<{root}{head}>{''.join(inner)}" + (f"</{root}>" if closed else "")
        ),
        declaration,
        st.lists(st.one_of(records, records, records, fields), min_size=1, max_size=4),
        st.sampled_from([True, True, True, False]),
    )


def xml_feeds(fmt: Format) -> st.SearchStrategy[str]:
    """RSS, Atom or Indeed-style XML with random elements, entities and broken nesting."""
    if fmt is Format.RSS:
        namespaces = (
            ' version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        )
        channel = _feed("channel", "", "item", _RSS_TAGS)
        return channel.map(lambda inner: f"<rss{namespaces}>{inner}</rss>")
    if fmt is Format.ATOM:
        return _feed("feed", ' xmlns="http://www.w3.org/2005/Atom"', "entry", _ATOM_TAGS)
    return _feed("source", "", "job", _INDEED_TAGS)


_HTML_TAGS = _words(
    "div p span h1 h2 h3 ul ol li a b strong em br table tr td section article main header "
    "footer nav script style template noscript iframe pre code"
)
_HTML_ATTRIBUTES = st.lists(
    st.sampled_from(
        [
            ' itemscope itemtype="https://schema.org/JobPosting"',
            ' itemprop="title"',
            ' itemprop="hiringOrganization"',
            ' itemprop="baseSalary"',
            ' itemprop="value"',
            ' itemprop="datePosted" content="2024-02-30"',
            ' vocab="https://schema.org/" typeof="JobPosting"',
            ' property="title"',
            ' property="baseSalary"',
            ' href="https://example.com/apply"',
            ' href="mailto:jobs@example.com"',
            ' class="job-description"',
            ' style="display:none"',
            ' content="&amp;"',
            " data-x",
        ]
    ),
    max_size=2,
).map("".join)


def html_pages() -> st.SearchStrategy[str]:
    """HTML with random tags and attributes, microdata and RDFa props, and JSON-LD scripts."""
    script = json_values(_keys(Format.JSONLD)).map(
        lambda value: (
            '<script type="application/ld+json">'
            + json.dumps({"@type": "JobPosting", "x": value}).replace("</", "<\\/")
            + "</script>"
        )
    )
    broken_script = st.just('<script type="application/ld+json">{"@type": "JobPosting", ')
    body = _markup(tuple(_HTML_TAGS), _HTML_ATTRIBUTES)
    return st.builds(
        lambda head, parts: head + "".join(parts),
        st.sampled_from(["", "<!DOCTYPE html>", "<html><head><title>Job</title></head><body>"]),
        st.lists(st.one_of(body, body, script, broken_script), min_size=1, max_size=5),
    )


# ---------------------------------------------------------------- front matter

_YAML_KEYS = _words(
    "title company location remote salary salary_min salary_max currency period date "
    "date_posted valid_through expires tags employment_type type department address city "
    "country apply_url url description layout"
)
_YAML_VALUES = st.one_of(
    st.sampled_from(
        [
            "~",
            "null",
            "yes",
            "no",
            "on",
            ".inf",
            "-.nan",
            "0o17",
            "0x1F",
            "1_000_000",
            "1e400",
            "2024-01-01",
            "2024-01-01T10:00:00Z",
            "2024-02-30",
            "2001-12-14 21:59:43.10 -5",
            "!!binary aGVsbG8=",
            "!!set {a, b}",
            "!!omap [a: 1]",
            "!!python/object:os.system ls",
            "&anchor Berlin",
            "*anchor",
            "*missing",
            "[Remote, Europe]",
            "{min: 1, max: nope}",
            "|\n  block text\n  $100k",
            ">\n  folded",
            '"quoted: colon"',
            "'single''s'",
            "[unclosed",
            "{a: [b, {c: d}]}",
            "- item",
            "$120,000 - $150,000",
            "Full-time",
        ]
    ),
    st.text(_text_chars, max_size=20).map(lambda s: s.replace("\n", " ")),
)


@st.composite
def front_matter_documents(draw: st.DrawFn) -> str:
    """YAML front matter (anchors, aliases, odd types, timestamps, broken lines) and a body."""
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        key = draw(st.one_of(st.sampled_from(_YAML_KEYS), st.text(max_size=6)))
        indent = draw(st.sampled_from(["", "", "", "  "]))
        lines.append(f"{indent}{key}: {draw(_YAML_VALUES)}")
    if draw(st.booleans()):
        lines.insert(0, "title: Engineer")  # so that detection sees front matter
    closing = draw(st.sampled_from(["---", "---", "...", "--- ", ""]))
    body = draw(st.one_of(plain_texts(200), html_pages()))
    return "---\n" + "\n".join(lines) + f"\n{closing}\n{body}"


# ---------------------------------------------------------------- mutations


@st.composite
def _mutated(draw: st.DrawFn, text: str, max_mutations: int = 4) -> str:
    """``text`` with a few random edits: slices deleted, duplicated, swapped or inserted,
    truncation, a character flipped."""
    for _ in range(draw(st.integers(1, max_mutations))):
        size = len(text)
        at = draw(st.integers(0, size))
        span = draw(st.integers(0, min(300, size - at)))
        kind = draw(st.integers(0, 5))
        if kind == 0:
            text = text[:at] + text[at + span :]
        elif kind == 1:
            text = text[: at + span] + text[at : at + span] + text[at + span :]
        elif kind == 2:
            insert = draw(
                st.one_of(_ENTITIES, _TRICKY_STRINGS, _odd_text, _salaryish, _LONG_NUMBER)
            )
            text = text[:at] + insert + text[at:]
        elif kind == 3 and size:
            other = draw(st.integers(0, size))
            (a, b), (c, d) = sorted([(at, at + span), (other, min(size, other + span))])
            if b <= c:
                text = text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
        elif kind == 4:
            text = text[:at]
        elif size and at < size:
            text = text[:at] + draw(st.characters(codec="utf-8")) + text[at + 1 :]
    return text


def _mutated_strings(texts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return texts.flatmap(lambda text: _mutated(text))


def _real_texts() -> st.SearchStrategy[str]:
    return st.sampled_from(real_documents()).map(lambda named: named[1])


def mutated_real_documents(fmt: Format | None = None) -> st.SearchStrategy[str]:
    """A real document (of ``fmt`` where given) with random character-level edits."""
    texts = [text for name, text in real_documents() if fmt is None or _format_of(name) is fmt]
    if not texts:
        texts = [text for _, text in real_documents()]
    return _mutated_strings(st.sampled_from(texts))


@cache
def _formats() -> dict[str, Format]:
    found: dict[str, Format] = {}
    for name, text in real_documents():
        try:
            found[name] = detect(load_document(text, name=name)).format
        except ExtractorError:
            continue
    return found


def _format_of(name: str) -> Format | None:
    return _formats().get(name)


# ---------------------------------------------------------------- per format


def _mostly(often: st.SearchStrategy[T], rarely: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """``often`` three times in four (st.one_of gives each branch the same share)."""
    return st.sampled_from([often, often, often, rarely]).flatmap(lambda chosen: chosen)


def document_for(fmt: Format) -> st.SearchStrategy[tuple[str, JsonValue]]:
    """(text, parsed JSON or None) for one format's parser: its own shape, mutated real
    documents of that format, and, for a format nobody wrote a strategy for yet, mutated
    real documents of any kind (so a new parser is fuzzed from the day it is registered).
    """
    mutated = mutated_real_documents(fmt).map(lambda text: (text, None))
    if fmt in _SHELLS or fmt is Format.JSON:
        data = json_documents(fmt) if fmt in _SHELLS else json_values()
        as_data = data.map(lambda value: (json.dumps(value), value))
        return _mostly(as_data, mutated)
    own: dict[Format, st.SearchStrategy[str]] = {
        Format.RSS: xml_feeds(Format.RSS),
        Format.ATOM: xml_feeds(Format.ATOM),
        Format.INDEED_XML: xml_feeds(Format.INDEED_XML),
        Format.FRONTMATTER: front_matter_documents(),
        Format.HTML: html_pages(),
        Format.MICRODATA: html_pages(),
        Format.RDFA: html_pages(),
        Format.MARKDOWN: st.one_of(plain_texts(), repeated_units()),
        Format.TEXT: st.one_of(plain_texts(), repeated_units()),
    }
    if fmt not in own:
        return mutated
    return _mostly(own[fmt].map(lambda text: (text, None)), mutated)


def any_document() -> st.SearchStrategy[str]:
    """A document of any format, as text, for the whole pipeline."""
    as_json = st.sampled_from(JSON_FORMATS).flatmap(json_documents).map(json.dumps)
    return st.one_of(
        as_json,
        st.sampled_from([Format.RSS, Format.ATOM, Format.INDEED_XML]).flatmap(xml_feeds),
        front_matter_documents(),
        html_pages(),
        plain_texts(),
        repeated_units(),
        mutated_real_documents(),
    )

"""The schema.org JobPosting mapping shared by JSON-LD, microdata and RDFa."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.candidates import Tier
from extractor.errors import MalformedInputError
from extractor.parsers.schema_org import (
    _AGENCY_FOR_CLIENT,
    _AGENCY_WORDS,
    is_job_posting,
    list_items,
    page_apply_link,
    parse_page,
    posting_from_node,
)
from extractor.rules.prefilter import could_match, folded


def _node(**properties: Any) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": "JobPosting", **properties}


def _value(field: str, **properties: Any) -> Any:
    value = posting_from_node(_node(**properties), "jsonld").value(field)
    return value.model_dump() if hasattr(value, "model_dump") else value


@pytest.mark.parametrize(
    ("title", "extra", "expected"),
    [
        (
            "Machine Learning Engineer - Content Platform (Remote Eligible)",
            {},
            "Machine Learning Engineer - Content Platform",
        ),
        ("Backend Engineer [Remote, EU]", {}, "Backend Engineer"),
        ("Backend Engineer - Remote", {}, "Backend Engineer"),
        ("Data Engineer (Hybrid)", {}, "Data Engineer"),
        # A leading tag that names the job's own place is a location marker.
        (
            "[Berlin] Data Engineer",
            {"jobLocation": {"address": {"addressLocality": "Berlin", "addressCountry": "DE"}}},
            "Data Engineer",
        ),
        # A leading tag that is not the job's place stays.
        ("[Urgent] Data Engineer", {}, "[Urgent] Data Engineer"),
        # The company's name before or after the title goes; a team suffix stays.
        ("Acme - Data Engineer", {"hiringOrganization": {"name": "Acme Inc."}}, "Data Engineer"),
        (
            "Data Engineer at Acme Inc.",
            {"hiringOrganization": {"name": "Acme Inc."}},
            "Data Engineer",
        ),
        ("Data Engineer | Acme", {"hiringOrganization": "Acme"}, "Data Engineer"),
        (
            "Acme Data Platform Engineer",
            {"hiringOrganization": "Acme"},
            "Acme Data Platform Engineer",
        ),
        ("Lagerleiter (m/w/d)", {}, "Lagerleiter (m/w/d)"),
        ("  Senior&nbsp;Engineer &amp; Lead ", {}, "Senior Engineer & Lead"),
    ],
)
def test_title_cleaning(title: str, extra: dict[str, Any], expected: str) -> None:
    assert _value("title", title=title, **extra) == expected


def test_name_stands_in_for_a_missing_title() -> None:
    assert _value("title", name="Welder") == "Welder"


def test_text_is_title_then_description_and_spans_index_it() -> None:
    posting = posting_from_node(
        _node(
            title="Welder",
            description="<p>Join <b>Forge Works</b>.</p>",
            hiringOrganization={"name": "Forge Works Ltd"},
        ),
        "jsonld",
    )
    assert posting.text == "Welder\n\nJoin Forge Works."
    company = next(c for c in posting.candidates if c.field == "company")
    assert company.value == "Forge Works"
    assert company.span is not None
    assert posting.text[company.span[0] : company.span[1]] == "Forge Works"
    assert company.tier is Tier.STRUCTURED and company.source == "jsonld"


def test_given_text_is_used_as_is() -> None:
    posting = posting_from_node(_node(title="Welder"), "microdata", text="## Welder\n\nBody")
    assert posting.text == "## Welder\n\nBody"
    assert posting.source == "microdata"


def test_properties_missing_from_the_description_are_appended_as_sections() -> None:
    posting = posting_from_node(
        _node(
            title="Cook",
            description="Cook for 40 guests.",
            qualifications="Food hygiene level 2. Two years on the line.",
            jobBenefits="Meals on shift",
        ),
        "jsonld",
    )
    assert "## Qualifications\n- Food hygiene level 2.\n- Two years on the line." in posting.text
    assert "## Benefits\n- Meals on shift" in posting.text


def test_vocabulary_prefixes_and_value_objects_are_read() -> None:
    node = {
        "@type": "schema:JobPosting",
        "schema:title": {"@value": "Nurse"},
        "http://schema.org/datePosted": "2026-01-02",
    }
    posting = posting_from_node(node, "jsonld")
    assert posting.value("title") == "Nurse"
    assert posting.value("date_posted") == "2026-01-02"


def test_remote_eligibility_only_for_telecommute_jobs() -> None:
    requirements = [
        {"@type": "Country", "name": "Canada"},
        {"@type": "State", "name": "California"},
        {"@type": "AdministrativeArea", "name": "EMEA"},
        {"@type": "Country", "name": "Atlantis"},
    ]
    remote = _node(jobLocationType="TELECOMMUTE", applicantLocationRequirements=requirements)
    posting = posting_from_node(remote, "jsonld")
    assert posting.value("workplace_type") == "remote"
    assert posting.value("remote_eligibility") == ["CA", "US", "EMEA"]
    onsite = posting_from_node(_node(applicantLocationRequirements=requirements), "jsonld")
    assert onsite.value("workplace_type") is None
    assert onsite.value("remote_eligibility") is None


def test_job_location_shapes() -> None:
    locations = _value(
        "locations",
        jobLocation=[
            {"@type": "Place", "address": {"addressLocality": "Paris", "addressCountry": "FR"}},
            {"@type": "Place", "address": "Toronto, ON"},
            "San Francisco, CA",
            {"@type": "Place", "name": "Head office"},  # a name with no place in it
            {"@type": "Place", "address": {"addressLocality": "Paris", "addressCountry": "FR"}},
        ],
    )
    assert [(loc.city, loc.region, loc.country) for loc in locations] == [
        ("Paris", None, "FR"),
        ("Toronto", "Ontario", "CA"),
        ("San Francisco", "California", "US"),
    ]


def test_flat_salary_takes_its_period_from_the_line_beside_the_figure() -> None:
    node = _node(
        title="Lagerleiter",
        description="Vergütung: 52.000 € Jahresbruttogehalt zzgl. Schichtzulagen.",
        baseSalary="52000",
        salaryCurrency="EUR",
    )
    salary = posting_from_node(node, "jsonld").value("salary")
    assert salary.model_dump() == {"min": 52000, "max": 52000, "currency": "EUR", "period": "YEAR"}


def test_flat_salary_period_stays_empty_when_the_line_is_ambiguous() -> None:
    node = _node(
        description="Pay: 3200 EUR a month, paid as 38400 per year.",
        baseSalary=3200,
        salaryCurrency="EUR",
    )
    assert posting_from_node(node, "jsonld").value("salary").period is None


def test_experience_in_months_gives_whole_years_only() -> None:
    months = {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": "36"}
    assert _value("experience_years", experienceRequirements=months) == {"min": 3, "max": None}
    odd = {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 18}
    assert _value("experience_years", experienceRequirements=odd) is None
    assert _value("experience_years", experienceRequirements="3+ years of Java") is None


def test_education_is_the_lowest_credential_category() -> None:
    credentials = [
        {"@type": "EducationalOccupationalCredential", "credentialCategory": "postgraduate degree"},
        {"@type": "EducationalOccupationalCredential", "credentialCategory": "associate degree"},
    ]
    assert _value("education", educationRequirements=credentials) == "associate"
    assert _value("education", educationRequirements="high school") == "high_school"
    certificate = {"credentialCategory": "professional certificate"}
    assert _value("education", educationRequirements=certificate) is None
    assert _value("education", educationRequirements="Bachelor's Degree in CS or related") is None


def test_skills_are_names_not_sentences() -> None:
    assert _value("skills", skills="Python, SQL; Apache Spark") == ["Python", "SQL", "Apache Spark"]
    assert _value("skills", skills=["Go", {"@type": "DefinedTerm", "name": "gRPC"}]) == [
        "Go",
        "gRPC",
    ]
    sentence = "Web application development using Java/J2EE and familiarity with dynamic languages"
    assert _value("skills", skills=sentence) is None


def test_apply_url_from_application_contact() -> None:
    contact = {"@type": "ContactPoint", "url": "https://acme.example/apply"}
    assert _value("apply_url", applicationContact=contact) == "https://acme.example/apply"
    assert _value("apply_url", applicationContact={"email": "hr@acme.example"}) == (
        "mailto:hr@acme.example"
    )
    assert _value("apply_url", directApply=True, url="https://acme.example/job") is None


def test_url_must_be_an_address() -> None:
    assert _value("url", url="https://acme.example/jobs/1") == "https://acme.example/jobs/1"
    assert _value("url", url="/jobs/1") is None


@pytest.mark.parametrize(
    ("value", "items"),
    [
        (["One", "Two"], ["One", "Two"]),
        ("<ul><li>One</li><li>Two</li></ul>", ["One", "Two"]),
        ("&lt;ul&gt;&lt;li&gt;One&lt;/li&gt;&lt;/ul&gt;", ["One"]),
        ("- One\n- Two", ["One", "Two"]),
        ("• One\n• Two", ["One", "Two"]),
        ("One line\nAnother line", ["One line", "Another line"]),
        ("First sentence. Second sentence.", ["First sentence.", "Second sentence."]),
        ("Medical, Life, Dental", ["Medical", "Life", "Dental"]),
        ("Bonus of 20,000 yen", ["Bonus of 20,000 yen"]),
        ("Pension; gym; bike scheme", ["Pension", "gym", "bike scheme"]),
        ({"@type": "DefinedTerm", "name": "Health plan"}, ["Health plan"]),
        ("", []),
        (None, []),
        (42, []),
    ],
)
def test_list_items(value: Any, items: list[str]) -> None:
    assert list_items(value) == items


def test_is_job_posting() -> None:
    assert is_job_posting({"@type": "JobPosting"})
    assert is_job_posting({"@type": ["Thing", "http://schema.org/JobPosting"]})
    assert not is_job_posting({"@type": "Organization"})
    assert not is_job_posting("JobPosting")


@pytest.mark.parametrize(
    ("markup", "link"),
    [
        (
            '<a href="https://x.example/jobs/1/apply">Apply now</a>',
            "https://x.example/jobs/1/apply",
        ),
        (
            '<a href="https://x.example/j/1/candidater">le formulaire</a>',
            "https://x.example/j/1/candidater",
        ),
        (
            '<p>Apply with your CV to <a href="mailto:jobs@x.example">jobs@x.example</a>.</p>',
            "mailto:jobs@x.example",
        ),
        ('<a href="https://x.example/about">About us</a>', None),
        ('<a href="/apply">Apply</a>', None),  # a relative address names no place on its own
        (
            '<a href="https://x.example/a/apply">Apply</a><a href="https://x.example/b/apply">Apply</a>',
            None,
        ),
    ],
)
def test_page_apply_link(markup: str, link: str | None) -> None:
    root = lxml.html.document_fromstring(f"<html><body>{markup}</body></html>")
    assert page_apply_link(root) == link


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Barista - Köln", "Barista"),
        ("Barista (Köln)", "Barista"),
        ("Barista, Köln", "Barista"),
        ("Barista - Bonn", "Barista - Bonn"),  # not the job's place
    ],
)
def test_title_drops_the_jobs_own_place(title: str, expected: str) -> None:
    place = {"address": {"addressLocality": "Köln", "addressCountry": "DE"}}
    assert _value("title", title=title, jobLocation=place) == expected


def test_salary_without_currency_takes_the_one_on_the_figures_line() -> None:
    node = _node(
        description="Pay: 3.200 € a month.\nALL staff get a bonus.",
        baseSalary={"value": {"value": 3200}},
    )
    salary = posting_from_node(node, "jsonld").value("salary")
    assert salary.model_dump() == {"min": 3200, "max": 3200, "currency": "EUR", "period": "MONTH"}


def test_salary_currency_stays_empty_when_the_line_names_two() -> None:
    node = _node(description="Pay: 3200 EUR or 3400 CHF a month.", baseSalary=3200)
    salary = posting_from_node(node, "jsonld").value("salary")
    assert salary.currency is None
    assert salary.period == "MONTH"


@pytest.mark.parametrize(
    "description",
    [
        "Our client, a busy pharmacy, needs a locum.",
        "We are recruiting on behalf of a client in Leeds.",
        "Für unseren Kunden suchen wir einen Lagerleiter.",
        "Notre client recherche un comptable.",
    ],
)
def test_an_agency_posting_for_an_unnamed_client_gives_no_company(description: str) -> None:
    node = _node(title="Locum", description=description, hiringOrganization="Apex Recruitment Ltd")
    posting = posting_from_node(node, "jsonld")
    assert posting.value("company") is None
    assert any("does not name" in warning for warning in posting.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "Our client, a busy pharmacy",
        "on behalf of one of our clients",
        "acting as an employment business",
        "für einen Mandanten",
        "unserem Kunden",
        "notre client",
        "nuestro cliente",
        "nostro cliente",
        "nosso cliente",
    ],
)
def test_the_agency_pattern_is_skipped_only_where_it_cannot_match(text: str) -> None:
    # Its regex runs only where the text holds its required words: they must stand in every
    # text it matches, whatever the case.
    assert _AGENCY_WORDS is not None
    for variant in (text, text.upper(), text.swapcase(), text.replace("i", "\u0131")):
        assert _AGENCY_FOR_CLIENT.search(variant)
        assert could_match(_AGENCY_WORDS, folded(variant))


def test_an_employer_that_mentions_clients_keeps_its_name() -> None:
    node = _node(description="You will help our clients grow.", hiringOrganization="Acme")
    # "our clients" (plural, as customers) is not an agency's phrasing.
    assert posting_from_node(node, "jsonld").value("company") == "Acme"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["@type", "@id", "@value", "name", "value", "minValue", "address"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)
_PROPERTIES = [
    "title",
    "name",
    "description",
    "hiringOrganization",
    "jobLocation",
    "jobLocationType",
    "applicantLocationRequirements",
    "employmentType",
    "baseSalary",
    "salaryCurrency",
    "estimatedSalary",
    "experienceRequirements",
    "educationRequirements",
    "skills",
    "datePosted",
    "validThrough",
    "url",
    "applicationContact",
    "responsibilities",
    "qualifications",
    "jobBenefits",
    "incentiveCompensation",
]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(_PROPERTIES), _JSON, max_size=8))
def test_any_shape_of_property_values_maps_without_raising(properties: dict[str, Any]) -> None:
    posting = posting_from_node(_node(**properties), "jsonld")
    for candidate in posting.candidates:
        if candidate.span is not None:
            assert posting.text[candidate.span[0] : candidate.span[1]] == candidate.value


def test_parse_page_reads_a_page_that_declares_its_encoding() -> None:
    from extractor.document import load_document

    text = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Hi</p></body></html>'
    root = parse_page(load_document(text, name="decl.html"))
    assert root.findtext(".//p") == "Hi"


def test_parse_page_refuses_a_page_with_no_elements() -> None:
    from extractor.document import load_document

    with pytest.raises(MalformedInputError) as caught:
        parse_page(load_document("<!-- nothing here -->", name="empty.html"))
    assert caught.value.source == "empty.html"

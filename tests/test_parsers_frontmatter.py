"""Front matter: the realworld postings and seed 000 field by field, fixtures with their
expected output beside them, and what broken or odd front matter turns into."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor import extract_all
from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError, UnsafeInputError
from extractor.options import ExtractOptions
from extractor.parsers.base import ParsedPosting
from extractor.parsers.frontmatter import parse, split_front_matter
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "frontmatter"
PARSER_ONLY = ExtractOptions(rules=False, include_text=True)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    expected: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text())
    (result,) = extract_all(path, options=PARSER_ONLY)
    assert result.format == Format.FRONTMATTER.value
    actual = result.posting.model_dump(mode="json")
    for field, value in expected["postings"][0].items():
        assert actual[field] == value, field
    for needle in expected["warnings"]:
        assert any(needle in warning for warning in result.warnings), needle
    if not expected["warnings"]:
        assert result.warnings == []
    assert result.text == expected["text"]


def _realworld(name: str) -> Any:
    path = shared_path("realworld", "markdown-frontmatter", name)
    (result,) = extract_all(path, options=PARSER_ONLY)
    return result


def test_tts_template_with_broken_yaml_is_read_key_by_key() -> None:
    result = _realworld("tts-login-gov-data-analyst-2024.md")
    posting = result.posting
    # The template's comment asks for "Org: Position Title": the org is the company.
    assert posting.title == "Data Analyst"
    assert posting.company == "Login.gov"
    assert posting.workplace_type == "remote"  # "Anywhere in the U.S. (remote)"
    assert posting.remote_eligibility == ["US"]
    assert posting.locations == []
    # min_payrange/max_payrange with no period: left to the salary rule, through the text.
    assert posting.salary is None
    assert result.text is not None and "Salary: $ 143,736 - $ 191,900" in result.text
    assert posting.employment_type == ["FULL_TIME"]  # work_schedule: "Full time."
    # The template's empty keys state nothing.
    assert posting.date_posted is None and posting.valid_through is None
    assert posting.apply_url is None and posting.url is None
    assert any("read key by key" in warning for warning in result.warnings)
    assert any("'role_summary'" in warning for warning in result.warnings)
    # The body is empty: the YAML's prose is the text, the broken blocks included.
    assert result.text is not None
    assert "Login.gov is the public’s one account for government" in result.text
    assert "- Identify present and future business and performance data needs." in result.text
    assert "INSTRUCTIONS" not in result.text  # template comments are not text


def test_cds_hugo_posting() -> None:
    result = _realworld("cds-snc-developpeur-python-fr.md")
    posting = result.posting
    assert posting.title == "Développeur de logiciel senior / principal(e) (Python)"
    assert posting.status == "closed"  # archived: true
    assert posting.employment_type == []  # "type: section" is Hugo's page type
    assert result.text is not None
    assert result.text.startswith(
        "Développeur de logiciel senior / principal(e) (Python)\n\nLe Service numérique canadien"
    )
    assert "## Vous devrez accomplir les tâches suivantes :" in result.text


def test_posthog_posting_keeps_its_markdown_body() -> None:
    path = shared_path("realworld", "markdown-frontmatter", "posthog-site-reliability-engineer.md")
    result = _realworld("posthog-site-reliability-engineer.md")
    assert result.posting.title == "Site Reliability Engineer"
    assert result.posting.company is None  # "sidebar: Careers" is no company
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert result.text == "Site Reliability Engineer\n\n" + body.strip("\n")


def test_seed_000_board_keys() -> None:
    (path,) = shared_path("seeds").glob("000_*.txt")
    (result,) = extract_all(path, options=PARSER_ONLY)
    posting = result.posting
    assert posting.title == "Senior Machine Learning Software Engineer"
    assert posting.company == "Beat"
    assert posting.workplace_type == "remote"  # location: "Remote"
    assert posting.locations == []
    assert posting.date_posted == "2021-01-20"  # timestamp 1611100800000 ms, UTC
    assert posting.url == "https://boards.greenhouse.io/embed/job_app?for=beat&token=2587385"
    assert posting.apply_url == (
        "https://boards.greenhouse.io/embed/job_app?for=beat&token=2587385#app"
    )
    assert posting.employment_type == []  # jobType "software" is a category
    assert posting.skills == []  # hashtags are not evidence
    assert result.text is not None and "#spark" not in result.text


def test_a_pay_range_with_a_period_key_is_structured() -> None:
    (posting,) = _parse("---\nsalary_min: 50\nsalary_max: 60\npay_period: hour\n---\nx\n")
    salary = posting.value("salary")
    assert salary is not None
    assert salary.model_dump() == {"min": 50, "max": 60, "currency": None, "period": "HOUR"}


def test_org_prefix_is_split_only_where_a_comment_states_the_convention() -> None:
    stated = (
        '---\n# Format the title as "Org: Position Title"\ntitle: "Acme Labs: Tester"\n---\nx\n'
    )
    (posting,) = _parse(stated)
    assert (posting.value("title"), posting.value("company")) == ("Tester", "Acme Labs")
    (posting,) = _parse('---\ntitle: "Acme Labs: Tester"\n---\nx\n')
    assert (posting.value("title"), posting.value("company")) == ("Acme Labs: Tester", None)
    # An organisation written as a domain leaves the title either way.
    (posting,) = _parse('---\ntitle: "Cloud.gov - SRE (Remote)"\nopens: 2026-11-02\n---\nx\n')
    assert (posting.value("title"), posting.value("company")) == ("SRE", None)
    assert posting.value("date_posted") == "2026-11-02"


def test_template_comments_in_the_body_are_not_text() -> None:
    (posting,) = _parse(
        "---\ntitle: Designer\nemployment: Full-time, permanent\n---\n\n"
        "<!-- TEMPLATE: e.g. Master's degree -->\n\nWe design.\n<!-- x -->\n"
    )
    assert posting.text == "Designer\n\nWe design."
    assert posting.value("employment_type") == ["FULL_TIME"]


def test_json_ld_in_an_html_body_is_read_too() -> None:
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": "Site Reliability Engineer",
            "hiringOrganization": {"@type": "Organization", "name": "Fjord Analytics"},
            "datePosted": "2025-02-01",
            "description": "<p>Keep things running.</p>",
        }
    )
    text = (
        "---\nlayout: raw\ntitle: SRE\n---\n<!DOCTYPE html><html><head>"
        f'<script type="application/ld+json">{jsonld}</script></head>'
        "<body><main><h1>SRE</h1><p>Keep things running.</p></main></body></html>"
    )
    (posting,) = _parse(text)
    assert posting.value("title") == "SRE"  # the front matter's own value comes first
    assert posting.value("company") == "Fjord Analytics"
    assert posting.value("date_posted") == "2025-02-01"
    assert {c.source for c in posting.candidates} == {"frontmatter", "jsonld"}
    assert "Keep things running." in posting.text


def test_mappings_for_location_and_company_are_read() -> None:
    (posting,) = _parse(
        "---\ntitle: Nurse\ncompany: {name: St. Olav Hospital AS}\n"
        "location: {city: Trondheim, country: Norway}\n---\nBody\n"
    )
    assert posting.value("company") == "St. Olav Hospital"
    (place,) = posting.value("locations")
    assert (place.city, place.region, place.country) == ("Trondheim", None, "NO")


def test_html_page_under_jekyll_front_matter() -> None:
    path = shared_path("realworld", "html", "tts-cloud-gov-sre-archived.html")
    (result,) = extract_all(path, options=PARSER_ONLY)
    assert result.format == Format.FRONTMATTER.value
    assert result.posting.title == "Cloud Operations Site Reliability Engineer"
    assert result.text is not None
    assert "This job posting has closed." in result.text
    assert "## Key Objectives" in result.text
    # Chrome outside <main> is gone: the gov banner, the navigation, the footer.
    for chrome in ("An official website of the United States government", "Twitter", "gtag("):
        assert chrome not in result.text


def _parse(text: str) -> list[ParsedPosting]:
    return parse(Document(name="post.md", text=text), Detection(Format.FRONTMATTER))


def test_an_impossible_date_costs_only_its_own_key() -> None:
    # Found by fuzzing: "2024-02-30" is a YAML timestamp that Python cannot build, and its
    # ValueError escaped the parser.
    text = "---\ntitle: Engineer\ncompany: Acme\ndate_posted: 2024-02-30\n---\nBody text.\n"
    (result,) = extract_all(text, options=ExtractOptions(rules=False))
    assert (result.posting.title, result.posting.company) == ("Engineer", "Acme")
    assert result.posting.date_posted is None
    assert "front matter key 'date_posted' is not valid YAML: read as text" in result.warnings


def test_yaml_that_cannot_be_read_at_all_names_the_input() -> None:
    with pytest.raises(MalformedInputError) as caught:
        _parse("---\n[unclosed: 1\n  - x\n---\nBody\n")
    assert caught.value.source == "post.md"
    assert "YAML" in caught.value.problem


def test_an_alias_bomb_in_front_matter_is_refused() -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 8):
        refs = ", ".join([f"*{chr(96 + level)}"] * 10)
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [{refs}]")
    with pytest.raises(UnsafeInputError):
        _parse("---\n" + "\n".join(lines) + "\n---\nBody\n")


def test_front_matter_that_is_not_a_mapping_is_read_as_markdown_with_a_warning() -> None:
    text = "---\n'just: a quoted string'\n---\n# Engineer\n\nBody.\n"
    (posting,) = _parse(text)
    assert posting.text == text
    assert posting.candidates == []
    assert posting.warnings and "not a mapping" in posting.warnings[0]


def test_empty_front_matter_leaves_the_body() -> None:
    (posting,) = _parse("---\n# only a comment\n---\nEngineer wanted.\n")
    assert posting.text == "Engineer wanted."
    assert posting.candidates == []


def test_split_front_matter_needs_a_closing_line() -> None:
    assert split_front_matter("---\ntitle: a\n---\nbody") == ("title: a\n", "body")
    assert split_front_matter("---\r\ntitle: a\r\n...\r\nbody") == ("title: a\r\n", "body")
    assert split_front_matter("---\ntitle: a\nbody") is None
    assert split_front_matter("title: a\n---\nbody") is None

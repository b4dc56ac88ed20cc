"""Every seed and every ../shared/realworld document extracts without error, schema-valid,
with the number of postings the document holds (counted by reading each document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import Result, extract_all
from tests.conftest import SHARED, realworld_documents, seed_documents, shared_path

# Postings per document, from reading each one (INDEX.md and the files themselves).
EXPECTED_POSTINGS: dict[str, int] = {
    "ashby-json/linear-board-2jobs.json": 2,
    "ashby-json/openevidence-board-2jobs.json": 2,
    "atom-xml/finn-no-zeekit-gps-montor.xml": 1,
    "greenhouse-json/gitlab-board-2jobs.json": 2,
    "greenhouse-json/smarterdx-board-2jobs.json": 2,
    "hn-json/hn-whoishiring-2026-07-sample6.json": 6,
    "html/schemaorg-eg0028-plain.html": 1,
    "html/tts-cloud-gov-sre-archived.html": 1,
    "indeed-xml/kaigo-yoki-indeed-feed-ja.xml": 4,  # a fifth "<job>" is inside a comment
    "indeed-xml/propertymanagementjobs-feed-test-3jobs.xml": 3,
    "indeed-xml/smartrecruitments-feed-2024-09-16-9jobs-malformed.xml": 9,
    "job-board-api-json/hh-ru-search-page-20-vacancies.json": 20,
    "jsonld/kaigo-yoki-houkan-nurse-okinawa-ja.html": 1,
    "jsonld/rebase-exocore-hangzhou-smart-contract-zh.html": 1,
    "jsonld/schemaorg-eg0028-jsonld.html": 1,
    "lever-json/matchgroup-postings-2jobs.json": 2,
    "lever-json/palantir-postings-2jobs.json": 2,
    "markdown-frontmatter/cds-snc-developpeur-python-fr.md": 1,
    "markdown-frontmatter/posthog-site-reliability-engineer.md": 1,
    "markdown-frontmatter/tts-login-gov-data-analyst-2024.md": 1,
    "markdown/kaigo-yoki-mana-opening-kyujin-genko-ja.md": 1,
    "markdown/remotewlb-atp-softwareentwickler-wien-de.md": 1,
    "markdown/remotewlb-citech-developpeur-fullstack-fr.md": 1,
    "markdown/remotewlb-docplanner-net-backend-poland.md": 1,
    "markdown/remotewlb-renaissance-team-leader-uk.md": 1,
    "microdata/reed-co-uk-bjss-software-engineer-leeds-fragment.html": 1,
    "microdata/reed-co-uk-software-engineer-leeds-fragment.html": 1,
    "microdata/schemaorg-eg0028-microdata.html": 1,
    "plaintext/aws-amplify-flutter-senior-dev-jd.txt": 1,
    "rdfa/schemaorg-eg0028-rdfa.html": 1,
    "recruitee-json/berlin-fintech-2offers-sanitized.json": 2,
    "rss-xml/weworkremotely-remote-jobs-4items.rss": 4,
    "smartrecruiters-json/bosch-rexroth-bursa-logistics-manager.json": 1,
    "workday-json/hitachi-energy-kocaeli-maintenance-worker-tr.json": 1,
}

# The format each folder's documents must be detected as (the html page with Jekyll front
# matter is front matter wrapping HTML).
EXPECTED_FORMAT: dict[str, str] = {
    "ashby-json": "ashby",
    "atom-xml": "atom",
    "greenhouse-json": "greenhouse",
    "hn-json": "hn",
    "indeed-xml": "indeed-xml",
    "job-board-api-json": "hh",
    "jsonld": "jsonld",
    "lever-json": "lever",
    "markdown": "markdown",
    "markdown-frontmatter": "frontmatter",
    "microdata": "microdata",
    "plaintext": "text",
    "rdfa": "rdfa",
    "recruitee-json": "recruitee",
    "rss-xml": "rss",
    "smartrecruiters-json": "smartrecruiters",
    "workday-json": "workday",
}
_FORMAT_EXCEPTIONS = {
    "html/schemaorg-eg0028-plain.html": "html",
    "html/tts-cloud-gov-sre-archived.html": "frontmatter",
}


def _relative(path: Path) -> str:
    return path.relative_to(SHARED / "realworld").as_posix()


def test_the_expectations_cover_every_realworld_document() -> None:
    shared_path("realworld")
    assert sorted(_relative(p) for p in realworld_documents()) == sorted(EXPECTED_POSTINGS)


@pytest.mark.parametrize("name", sorted(EXPECTED_POSTINGS))
def test_realworld_document_extracts_every_posting(name: str) -> None:
    path = shared_path("realworld", name)
    results = extract_all(path)
    assert len(results) == EXPECTED_POSTINGS[name]
    folder = name.split("/")[0]
    expected_format = _FORMAT_EXCEPTIONS.get(name, EXPECTED_FORMAT.get(folder))
    for result in results:
        # Round-tripping through the schema proves the result is schema-valid JSON.
        assert Result.model_validate_json(result.model_dump_json()) == result
        assert result.format == expected_format
        assert result.source == str(path)
        for field in result.provenance:
            assert getattr(result.posting, field) not in (None, [], "")


def test_every_seed_extracts_one_schema_valid_posting() -> None:
    shared_path("seeds")
    seeds = seed_documents()
    assert len(seeds) == 4
    formats = {}
    for path in seeds:
        (result,) = extract_all(path)
        Result.model_validate_json(result.model_dump_json())
        formats[path.name[:3]] = result.format
    # Detected by content, not by the .txt extension.
    assert formats == {"000": "frontmatter", "001": "text", "002": "text", "003": "jsonld"}

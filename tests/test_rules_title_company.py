"""The title and company rule: the posting's own title and employer, never a board's."""

from __future__ import annotations

import re
import time

import pytest

from extractor.rules import RuleContext
from extractor.rules.title_company import (
    _BOARD_SELF_DESCRIPTION,
    _COMPANY_PATTERNS,
    _COMPANY_SCANNERS,
    _SENTENCE_START,
    RULE,
    _at_starts,
    _named_starts,
    _sentence_starts,
)
from tests.conftest import shared_path


def _read(text: str, known: dict[str, object] | None = None) -> dict[str, str]:
    candidates = RULE(RuleContext(text=text, format="text", known=known or {}))
    assert all(c.source == "rule:title_company" for c in candidates)
    return {c.field: c.value for c in candidates}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Senior Backend Engineer - Machine Learning\n\nWe build ads.",
            "Senior Backend Engineer - Machine Learning",
        ),
        ("# Data Analyst\n\nWe are a small team.", "Data Analyst"),
        (
            "# [Software Entwickler (m/w/d) C#.NET](https://x.example/apply)\n",
            "Software Entwickler (m/w/d) C#.NET",
        ),
        ("Job title: Product Designer\nLocation: Berlin", "Product Designer"),
        ("# Backend Engineer (Remote)\n", "Backend Engineer"),
        ("# .NET Backend Engineer, 100% remote-friendly within Poland\n", ".NET Backend Engineer"),
        ("# Frontend Developer - Germany\n", "Frontend Developer"),
        (
            "Stellenbezeichnung: Sachbearbeiter Buchhaltung (m/w/d)\n",
            "Sachbearbeiter Buchhaltung (m/w/d)",
        ),
        ("# Desarrollador Backend (Python)\n\nBuscamos talento.", "Desarrollador Backend (Python)"),
        ("# Développeur Fullstack C# Angular (H/F)\n", "Développeur Fullstack C# Angular (H/F)"),
    ],
)
def test_title_shapes(text: str, title: str) -> None:
    assert _read(text).get("title") == title


@pytest.mark.parametrize(
    "text",
    [
        "The AWS Mobile team is continuously innovating and expanding our mobile services.",
        "# Über uns\n\nWir sind ein Familienunternehmen.",
        "# Nuestra empresa\n\nSomos líderes.",
        "# Qui sommes-nous ?\n\nUne belle entreprise.",
        "Outer Join\n\nThe premier job board.",
    ],
)
def test_no_title_from_sentences_or_section_headings(text: str) -> None:
    assert "title" not in _read(text)


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Spotify is looking for a Machine Learning Engineer to join us.", "Spotify"),
        ("Great role. Acme Robotics is hiring engineers.", "Acme Robotics"),
        ("Join Kranich Logistik as our next data engineer.", "Kranich Logistik"),
        ("## About Beat\n\nWe move cities.", "Beat"),
        ("Text.\n\nAt Spotify, we are proud of our mission.", "Spotify"),
        ("Beat is an equal opportunity employer.", "Beat"),
        ("**CITECH recrute !**", "CITECH"),
        ("Zalando sucht eine Entwicklerin (m/w/d).", "Zalando"),
        ("Cabify busca un desarrollador backend.", "Cabify"),
        (
            "What are the responsibilities and job description for the Data Engineer position "
            "at beehiiv?\nText.",
            "beehiiv",
        ),
        ("# [Data Analyst](https://x.example)\n### Docplanner\n#### Remote\n", "Docplanner"),
    ],
)
def test_company_phrases_in_four_languages(text: str, company: str) -> None:
    assert _read(text).get("company") == company


@pytest.mark.parametrize(
    "text",
    [
        "We are looking for a backend engineer.",
        "Our client is hiring a data engineer.",
        "## About us\n\nWe are small.",
        "## About the role\n\nYou will build things.",
        "Outer Join is the premier job board for remote jobs. Outer Join is hiring.",
        "Senior Data Engineer is looking for a new challenge.",
        "Wir suchen eine Entwicklerin (m/w/d).",
        "Buscamos un desarrollador.",
        "Nous recrutons un développeur.",
    ],
)
def test_no_company_from_pronouns_roles_or_boards(text: str) -> None:
    assert "company" not in _read(text)


def test_most_named_employer_wins() -> None:
    text = (
        "Glassdoor is hiring? No.\nAcme is looking for an engineer.\n"
        "Acme is an equal opportunity employer. Join Beta as a friend."
    )
    assert _read(text)["company"] == "Acme"


def test_similar_jobs_block_is_not_read() -> None:
    text = "Data Engineer\n\nGreat team.\n\nSimilar jobs\nGlobex is hiring a Data Engineer\n"
    assert "company" not in _read(text)


def test_known_fields_are_left_alone() -> None:
    text = "# Data Analyst\n\nSpotify is looking for an analyst."
    assert _read(text, known={"title": "X", "company": "Y"}) == {}


def test_company_removed_from_title() -> None:
    assert _read("# Data Analyst at Spotify\n\nSpotify is hiring.")["title"] == "Data Analyst"


def test_span_points_at_the_name() -> None:
    text = "Intro.\nSpotify is looking for an engineer."
    candidates = RULE(RuleContext(text=text, format="text"))
    (company,) = [c for c in candidates if c.field == "company"]
    assert company.span is not None
    assert text[company.span[0] : company.span[1]] == "Spotify"


def test_seed_001_spotify_not_the_board() -> None:
    (path,) = shared_path("seeds").glob("001_*.txt")
    assert _read(path.read_text(encoding="utf-8")) == {
        "company": "Spotify",
        "title": "Senior Backend Engineer - Machine Learning",
    }


def test_seed_002_salary_site_header() -> None:
    (path,) = shared_path("seeds").glob("002_*.txt")
    assert _read(path.read_text(encoding="utf-8")) == {
        "company": "beehiiv",
        "title": "Senior Machine Learning Engineer",
    }


@pytest.mark.parametrize(
    ("name", "company", "title"),
    [
        (
            "remotewlb-atp-softwareentwickler-wien-de.md",
            "ATP architekten ingenieure",
            "Software Entwickler (m/w/d) C#.NET",
        ),
        (
            "remotewlb-citech-developpeur-fullstack-fr.md",
            "CITECH",
            "Développeur Fullstack C# Angular (H/F)",
        ),
        ("remotewlb-docplanner-net-backend-poland.md", "Docplanner", ".NET Backend Engineer"),
        (
            "remotewlb-renaissance-team-leader-uk.md",
            "Renaissance Learning",
            "Software Development Team Leader",
        ),
    ],
)
def test_remotewlb_board_markdown(name: str, company: str, title: str) -> None:
    text = shared_path("realworld", "markdown", name).read_text(encoding="utf-8")
    assert _read(text) == {"company": company, "title": title}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Portless | AI Engineer | Remote (North America) | $180k-$230k | Full-time\nWe ship.",
            {"company": "Portless", "title": "AI Engineer"},
        ),
        (
            "Founding Full Stack Developer | REMOTE | Part-or-full-time | $0 + equity\nHi.",
            {"title": "Founding Full Stack Developer"},
        ),
        (
            "Namecoach/Euphonia | Founding Voice AI Engineer | SF or Remote | Contract\nHi.",
            {"company": "Namecoach/Euphonia", "title": "Founding Voice AI Engineer"},
        ),
    ],
)
def test_hacker_news_pipe_header(text: str, expected: dict[str, str]) -> None:
    assert _read(text) == expected


def test_aws_body_without_title_gives_nothing() -> None:
    path = shared_path("realworld", "plaintext", "aws-amplify-flutter-senior-dev-jd.txt")
    assert _read(path.read_text(encoding="utf-8")) == {}


@pytest.mark.parametrize("text", [" " * 50_000, "\n" * 50_000, " \n" * 25_000, "- " * 25_000])
def test_long_runs_of_blanks_stay_fast(text: str) -> None:
    # Unbounded whitespace before a pattern once made this rule quadratic (minutes, not ms).
    started = time.perf_counter()
    RULE(RuleContext(text=text, format="text"))
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    "text",
    [
        "Acme is hiring.\nBeta Corp is hiring! **Gamma** is hiring: Delta\tis\n\nhiring",
        "x.  \tAcme.\u2028Acme ***Acme 1Acme  ?\u3000Z:\nq\n \n  A **  B",
        "",
    ],
)
def test_sentence_starts_hold_every_place_a_sentence_start_pattern_can_match(text: str) -> None:
    start = re.compile(rf"{_SENTENCE_START}[A-Z0-9]", re.MULTILINE)
    places = _sentence_starts(text)
    assert list(places) == sorted(set(places))
    assert {p for p in range(len(text) + 1) if start.match(text, p)} <= set(places)


def test_named_starts_hold_every_place_an_is_or_are_pattern_starts() -> None:
    text = (
        "Acme Corp is hiring.\nBeta\n\nis looking for you. **Gamma Labs is an equal opportunity"
        " employer. Outer Join is the premier job board: Delta are recruiting. At Zeta, we care."
    )
    named = set(_named_starts(text))
    for pattern in (_COMPANY_PATTERNS[0], _COMPANY_PATTERNS[3], _BOARD_SELF_DESCRIPTION):
        assert {m.start() for m in pattern.finditer(text)} <= named
    assert [_scanner_names(text, index) for index in (0, 3)] == [
        ["Acme Corp", "Beta", "Delta"],
        ["Gamma Labs"],
    ]


def _scanner_names(text: str, index: int) -> list[str]:
    scanned = [m.group("name") for m in _COMPANY_SCANNERS[index].finditer(text)]
    assert scanned == [m.group("name") for m in _COMPANY_PATTERNS[index].finditer(text)]
    return scanned


def test_at_starts_are_the_sentence_starts_only_where_at_stands() -> None:
    assert _at_starts("We build boats. at sea, we sail.") == ()
    text = "We build boats. At Acme, we sail."
    assert _at_starts(text) == _sentence_starts(text)
    assert [m.group("name") for m in _COMPANY_SCANNERS[4].finditer(text)] == ["Acme"]

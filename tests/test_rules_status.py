"""The status rule: closed where the text says so, SPEC's default open otherwise."""

from __future__ import annotations

import time

import pytest

from extractor.rules import RuleContext
from extractor.rules.status import RULE
from tests.conftest import shared_path


def _status(text: str, known: dict[str, object] | None = None) -> str | None:
    candidates = RULE(RuleContext(text=text, format="text", known=known or {}))
    assert all(c.source == "rule:status" for c in candidates)
    return candidates[0].value if candidates else None


@pytest.mark.parametrize(
    "text",
    [
        "Senior Engineer\n\nThis job is no longer open\nWe build things.",
        "Sorry, we are no longer accepting applications for this role.",
        "Update: this position has been filled. Thanks to all applicants.",
        "Diese Stelle ist nicht mehr verfügbar.",
        "Diese Stellenanzeige ist leider bereits besetzt.",
        "Esta oferta ya no está disponible.",
        "Lo sentimos, esta vacante ha sido cubierta.",
        "Cette offre n'est plus disponible.",
        "Ce poste a été pourvu, merci de votre intérêt.",
    ],
)
def test_closed_phrases_in_four_languages(text: str) -> None:
    assert _status(text) == "closed"


@pytest.mark.parametrize(
    "text",
    [
        "We are hiring a backend engineer. Apply now!",
        "Applications close on 1 May 2025.",  # a closing date is valid_through, not closed
        "Wir suchen ab sofort eine Entwicklerin (m/w/d).",
        "Buscamos un desarrollador para nuestro equipo en Madrid.",
        "Nous recrutons un développeur (H/F) en CDI.",
        "The position is open to candidates anywhere in Europe.",
    ],
)
def test_ordinary_postings_are_open(text: str) -> None:
    assert _status(text) == "open"


def test_closed_span_points_at_the_sentence() -> None:
    text = "Title\nThis job is no longer open\nBody"
    candidate = RULE(RuleContext(text=text, format="text"))[0]
    assert candidate.span is not None
    assert text[candidate.span[0] : candidate.span[1]] == "This job is no longer open"


def test_open_default_has_no_span() -> None:
    assert RULE(RuleContext(text="We are hiring.", format="text"))[0].span is None


def test_structured_status_is_left_alone() -> None:
    assert _status("This job is no longer open", known={"status": "open"}) is None


def test_seed_001_is_closed() -> None:
    (path,) = shared_path("seeds").glob("001_*.txt")
    assert _status(path.read_text(encoding="utf-8")) == "closed"


def test_seed_002_is_open() -> None:
    (path,) = shared_path("seeds").glob("002_*.txt")
    assert _status(path.read_text(encoding="utf-8")) == "open"


@pytest.mark.parametrize("text", [" " * 50_000, "\n" * 50_000, " \n" * 25_000, "- " * 25_000])
def test_long_runs_of_blanks_stay_fast(text: str) -> None:
    # Unbounded whitespace before a pattern once made this rule quadratic (minutes, not ms).
    started = time.perf_counter()
    RULE(RuleContext(text=text, format="text"))
    assert time.perf_counter() - started < 2.0

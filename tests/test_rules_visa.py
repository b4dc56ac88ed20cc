"""The visa rule: stated sponsorship is true, stated refusal false, silence nothing."""

from __future__ import annotations

import time

import pytest

from extractor.rules import RuleContext
from extractor.rules.visa import RULE
from tests.conftest import shared_path


def _visa(text: str) -> bool | None:
    candidates = RULE(RuleContext(text=text, format="text"))
    assert all(c.field == "visa_sponsorship" and c.source == "rule:visa" for c in candidates)
    return candidates[0].value if candidates else None


@pytest.mark.parametrize(
    "text",
    [
        "Visa sponsorship available for the right candidate.",
        "We sponsor visas and help with relocation.",
        "* Visa sponsorship if needed, for you and your loved ones",
        "We offer visa sponsorship and a relocation package.",
        "Wir bieten Visa-Sponsoring und Umzugshilfe.",
        "Ofrecemos patrocinio de visa y ayuda con la reubicación.",
        "Nous proposons le parrainage de visa si nécessaire.",
    ],
)
def test_stated_sponsorship_is_true(text: str) -> None:
    assert _visa(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "We are unable to sponsor visas for this role.",
        "No visa sponsorship available.",
        "Candidates must be authorized to work in the US without sponsorship.",
        "You must be able to work in the UK without the need for visa sponsorship now or later.",
        "We cannot provide visa sponsorship at this time.",
        "Leider können wir kein Visa-Sponsoring anbieten.",
        "No ofrecemos patrocinio de visado.",
        "Nous ne pouvons pas proposer de parrainage de visa.",
    ],
)
def test_stated_refusal_is_false(text: str) -> None:
    assert _visa(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "We build payment software for small shops.",
        "Travel visa costs for conferences are covered.",
        "Our sponsors include several large banks.",
        "Wir sind ein Team aus Berlin.",
        "Somos una empresa de Madrid.",
        "Nous sommes une équipe à Paris.",
        # an offer and a refusal together: either answer could be wrong
        "We sponsor visas for engineers in Germany. We are unable to sponsor visas in the US.",
    ],
)
def test_silence_or_contradiction_gives_nothing(text: str) -> None:
    assert _visa(text) is None


def test_span_covers_the_phrase() -> None:
    text = "Great team. We are unable to sponsor visas. Apply now."
    (candidate,) = RULE(RuleContext(text=text, format="text"))
    assert candidate.span is not None
    assert "unable to sponsor" in text[candidate.span[0] : candidate.span[1]]


def test_posthog_benefit_line_is_true() -> None:
    path = shared_path("realworld", "markdown-frontmatter", "posthog-site-reliability-engineer.md")
    assert _visa(path.read_text(encoding="utf-8")) is True


def test_seeds_say_nothing_about_visas() -> None:
    for path in shared_path("seeds").glob("00[012]_*.txt"):
        assert _visa(path.read_text(encoding="utf-8")) is None, path.name


@pytest.mark.parametrize("text", [" " * 50_000, "\n" * 50_000, " \n" * 25_000, "- " * 25_000])
def test_long_runs_of_blanks_stay_fast(text: str) -> None:
    # Unbounded whitespace before a pattern once made this rule quadratic (minutes, not ms).
    started = time.perf_counter()
    RULE(RuleContext(text=text, format="text"))
    assert time.perf_counter() - started < 2.0

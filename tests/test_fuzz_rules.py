"""Fuzzing every registered rule module over random and mutated real text (issue 6): no
exception, every candidate's span lies within the text, and every value validates."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.rules import RULE_MODULES, Rule, RuleContext
from extractor.schema import POSTING_FIELDS, Posting
from tests.support.strategies import posting_texts

_FORMATS = st.sampled_from(["text", "markdown", "html", "jsonld", "greenhouse", "rss"])
# What a parser may already have stated; some rules read it (seniority the title, status
# the status, title_company the company).
_KNOWN = st.dictionaries(
    st.sampled_from(["title", "company", "status", "workplace_type"]),
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(["Senior Engineer", "Acme", "remote", "hybrid", "open", "closed"]),
    ),
    max_size=3,
)


def _rule(module: str) -> Rule:
    rule: Rule = importlib.import_module(f"extractor.rules.{module}").RULE
    return rule


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    """Import every rule (and its tables) once, outside the per-example deadline."""
    for module in RULE_MODULES:
        _rule(module)(RuleContext(text="Senior Engineer, $100k, remote", format="text"))


@pytest.mark.parametrize("module", RULE_MODULES)
@given(text=posting_texts(), fmt=_FORMATS, known=_KNOWN)
def test_every_rule_reads_any_text(module: str, text: str, fmt: str, known: dict[str, str]) -> None:
    for candidate in _rule(module)(RuleContext(text=text, format=fmt, known=known)):
        assert candidate.field in POSTING_FIELDS, candidate
        assert candidate.source == f"rule:{module}", candidate
        if candidate.span is not None:
            start, end = candidate.span
            assert 0 <= start <= end <= len(text), (candidate, len(text))
        Posting.model_validate({candidate.field: candidate.value})

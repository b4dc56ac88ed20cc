"""run_rules: every registered rule runs, and one rule's bug never costs the document."""

from __future__ import annotations

import sys
import types

import pytest

import extractor.rules.salary
from extractor import extract
from extractor.candidates import Candidate
from extractor.options import ExtractOptions, Strategy
from extractor.rules import RULE_MODULES, RuleContext, run_rules

TEXT = (
    "Senior Backend Engineer\n\n"
    "This is a full-time, fully remote position. Salary: $120,000 - $150,000 per year."
)


def _broken(context: RuleContext) -> list[Candidate]:
    raise ZeroDivisionError("a bug in the rule")


def test_every_registered_rule_runs_and_nothing_fails() -> None:
    run = run_rules(RuleContext(text=TEXT, format="text"))
    assert run.warnings == []
    sources = {candidate.source for candidate in run.candidates}
    assert {"rule:salary", "rule:employment", "rule:workplace"} <= sources


def test_a_failing_rule_becomes_a_warning_and_the_others_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = types.ModuleType("extractor.rules.broken")
    broken.RULE = _broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extractor.rules.broken", broken)
    run = run_rules(RuleContext(text=TEXT, format="text"), ("salary", "broken", "employment"))
    assert run.warnings == ["rule broken failed (ZeroDivisionError); skipped"]
    fields = {candidate.field for candidate in run.candidates}
    assert {"salary", "employment_type"} <= fields


def test_the_pipeline_keeps_the_document_when_a_rule_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(extractor.rules.salary, "RULE", _broken)
    result = extract(TEXT, options=ExtractOptions(strategy=Strategy.OFFLINE))
    assert "rule salary failed (ZeroDivisionError); skipped" in result.warnings
    assert result.posting.salary is None
    assert result.posting.employment_type == ["FULL_TIME"]
    assert result.posting.workplace_type == "remote"
    assert "salary" in RULE_MODULES


def test_rule_modules_are_imported_once_and_read_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.rules import _load, _rule_module

    assert _rule_module("salary") is extractor.rules.salary
    assert _rule_module("salary") is _rule_module("salary")
    monkeypatch.setattr(extractor.rules.salary, "RULE", _broken)
    assert _load("salary") is _broken

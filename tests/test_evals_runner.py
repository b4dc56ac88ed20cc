"""The runner: end to end on a tiny offline dataset, and with a stand-in extraction to pin
down posting choice, failures, concurrency and what the report records."""

from __future__ import annotations

import json
import re
import sys
import threading
import types
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import DatasetError, EmptyInputError, LLMConfigError
from extractor.evals.dataset import load_dataset
from extractor.evals.report import Report
from extractor.evals.runner import choose_posting, git_commit, prompt_versions, run_eval
from extractor.options import ExtractOptions, Strategy
from extractor.schema import SCHEMA_VERSION, Posting, Provenance, Result


def _case(folder: Path, case_id: str, document: str, gold: dict[str, Any], ext: str = "txt"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{case_id}.{ext}").write_text(document, encoding="utf-8")
    (folder / f"{case_id}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def _result(title: str | None, fmt: str = "text", **usage: Any) -> Result:
    provenance = {"title": Provenance(source="rule:title", span=(0, 5))} if title else {}
    return Result(
        posting=Posting(title=title),
        provenance=provenance,
        format=fmt,
        usage=usage,
        text="some text",
    )


# --- end to end with the real offline pipeline -------------------------------------------


POSTING = """Senior Data Engineer

We are hiring a Senior Data Engineer to build our pipelines.
This is a full-time position.

Requirements:
- 5+ years of experience with Python and SQL
"""


def test_offline_run_end_to_end(tmp_path: Path) -> None:
    _case(
        tmp_path / "tiny",
        "plain",
        POSTING,
        {"title": "Senior Data Engineer", "salary": None, "salary_estimate": None},
    )
    _case(tmp_path / "tiny", "other", "Nurse wanted in Berlin.\n", {"visa_sponsorship": None})
    report = run_eval(tmp_path / "tiny", strategies=["offline"])
    assert report.dataset.name == "tiny"
    assert report.dataset.hash == load_dataset(tmp_path / "tiny").hash
    assert report.dataset.cases == 2
    [run] = report.strategies
    assert run.strategy == "offline"
    assert [case.case_id for case in run.cases] == ["other", "plain"]
    plain = run.cases[1]
    assert plain.error is None and plain.format == "text" and plain.postings_found == 1
    assert [row.field for row in plain.fields] == ["title", "salary", "salary_estimate"]
    assert plain.text is not None and "Senior Data Engineer" in plain.text
    for row in plain.fields:
        if row.span is not None:
            assert 0 <= row.span[0] < row.span[1] <= len(plain.text)
    assert set(run.fields) == {"title", "salary", "salary_estimate", "visa_sponsorship"}
    assert run.usage.llm_calls == 0
    # The JSON form is the same report.
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_report_records_versions_and_times(tmp_path: Path) -> None:
    _case(tmp_path, "a", "Nurse", {"title": "Nurse"})
    report = run_eval(tmp_path, llm="openai:gpt-4o-mini", base_url="http://localhost:1/v1")
    run = report.run
    assert run.schema_version == SCHEMA_VERSION
    assert run.model == "openai:gpt-4o-mini" and run.base_url == "http://localhost:1/v1"
    assert run.git_commit is None or re.fullmatch(r"[0-9a-f]{40}", run.git_commit)
    assert run.started_at <= run.finished_at
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", run.started_at)


def test_model_defaults_to_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _case(tmp_path, "a", "Nurse", {"title": "Nurse"})
    monkeypatch.setenv("EXTRACTOR_LLM", "openai:some-model")
    report = run_eval(tmp_path, extract=lambda path, options: [_result("Nurse")])
    assert report.run.model == "openai:some-model"


def test_prompt_versions_come_from_the_prompt_module(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("extractor.llm.prompts")
    fake.prompt_versions = lambda: {"fill": "v2"}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extractor.llm.prompts", fake)
    assert prompt_versions() == {"fill": "v2"}
    monkeypatch.setitem(sys.modules, "extractor.llm.prompts", types.ModuleType("empty"))
    assert prompt_versions() == {}


def test_git_commit_is_a_sha_or_none() -> None:
    commit = git_commit()
    assert commit is None or re.fullmatch(r"[0-9a-f]{40}", commit)


# --- with a stand-in extraction ----------------------------------------------------------


def test_several_strategies_share_one_report(tmp_path: Path) -> None:
    _case(tmp_path, "a", "Nurse", {"title": "Nurse"})
    seen: list[Strategy] = []

    def extract(path: Path, options: ExtractOptions) -> list[Result]:
        seen.append(options.strategy)
        assert options.include_text
        title = "Nurse" if options.strategy is Strategy.HYBRID else None
        return [_result(title, llm_calls=1, input_tokens=10, output_tokens=2)]

    report = run_eval(tmp_path, strategies=["offline", "hybrid", "offline"], extract=extract)
    assert seen == [Strategy.OFFLINE, Strategy.HYBRID]
    assert [s.strategy for s in report.strategies] == ["offline", "hybrid"]
    assert report.strategy("offline").macro_mean == 0.0  # type: ignore[union-attr]
    assert report.strategy("hybrid").macro_mean == 1.0  # type: ignore[union-attr]
    assert report.strategy("hybrid").usage.input_tokens == 10  # type: ignore[union-attr]


def test_the_posting_matching_the_gold_title_is_scored(tmp_path: Path) -> None:
    _case(tmp_path, "board", "three jobs", {"title": "Backend Engineer"})
    results = [_result("Office Manager"), _result("Backend Engineer (Go)"), _result("Designer")]
    report = run_eval(tmp_path, extract=lambda path, options: results)
    [case] = report.strategies[0].cases
    assert (case.postings_found, case.chosen_posting) == (3, 1)
    assert "3 postings; scored #1" in case.notes[0]
    assert case.fields[0].predicted == "Backend Engineer (Go)"
    assert case.fields[0].score == 1.0  # token-sort similarity 91: above the threshold


def test_choose_posting() -> None:
    results = [_result("Nurse"), _result(None), _result("Data Engineer")]
    assert choose_posting([], "x") is None
    assert choose_posting(results, "data engineer") == 2
    assert choose_posting(results, None) == 0  # no gold title: the first posting
    assert choose_posting([_result("A"), _result("A")], "A") == 0  # ties go to the first


def test_failed_extraction_scores_as_an_empty_posting(tmp_path: Path) -> None:
    _case(tmp_path, "empty", "   ", {"title": "Nurse", "salary": None})
    _case(tmp_path, "bug", "x", {"title": "Nurse"})

    def extract(path: Path, options: ExtractOptions) -> list[Result]:
        if path.stem == "empty":
            raise EmptyInputError(str(path), "nothing but whitespace")
        raise RuntimeError("boom")

    run = run_eval(tmp_path, extract=extract).strategies[0]
    bug, empty = run.cases
    assert empty.error is not None and "nothing but whitespace" in empty.error
    assert bug.error == "internal error: RuntimeError: boom"
    assert [(r.field, r.score, r.miss) for r in empty.fields] == [
        ("title", 0.0, True),
        ("salary", 1.0, False),
    ]
    assert run.errors == 2 and empty.format is None


def test_model_strategies_run_concurrently(tmp_path: Path) -> None:
    for index in range(6):
        _case(tmp_path, f"c{index}", f"doc {index}", {"title": f"Job {index}"})
    barrier = threading.Barrier(3, timeout=10)

    def extract(path: Path, options: ExtractOptions) -> list[Result]:
        barrier.wait()  # only returns when three cases are in flight at once
        return [_result(f"Job {path.stem[1:]}")]

    report = run_eval(
        tmp_path, strategies=["hybrid"], llm="openai:x", concurrency=3, extract=extract
    )
    run = report.strategies[0]
    assert [c.case_id for c in run.cases] == [f"c{i}" for i in range(6)]
    assert run.macro_mean == 1.0


def test_offline_runs_one_case_at_a_time(tmp_path: Path) -> None:
    for index in range(4):
        _case(tmp_path, f"c{index}", "x", {"title": "x"})
    active, peak = 0, 0
    lock = threading.Lock()

    def extract(path: Path, options: ExtractOptions) -> list[Result]:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        with lock:
            active -= 1
        return [_result("x")]

    run_eval(tmp_path, strategies=["offline"], llm="openai:x", concurrency=8, extract=extract)
    assert peak == 1


def test_base_options_reach_every_case_with_the_run_settings_on_top(tmp_path: Path) -> None:
    _case(tmp_path, "c0", "x", {"title": "x"})
    seen: list[ExtractOptions] = []

    def extract(path: Path, options: ExtractOptions) -> list[Result]:
        seen.append(options)
        return [_result("x")]

    base = ExtractOptions(token_budget=400, cache=False, strategy=Strategy.OFFLINE)
    run_eval(
        tmp_path,
        strategies=["hybrid"],
        llm="openai:x",
        concurrency=2,
        extract=extract,
        options=base,
    )
    (options,) = seen
    assert (options.token_budget, options.cache) == (400, False)
    assert (options.strategy, options.llm, options.max_concurrency) == (
        Strategy.HYBRID,
        "openai:x",
        2,
    )
    assert options.include_text


def test_gold_that_cannot_be_scored_stops_the_run(tmp_path: Path) -> None:
    _case(tmp_path, "a", "x", {"title": "x", "seniority": "guru", "colour": "red"})
    with pytest.raises(DatasetError, match=r"a\.colour: not a posting field.*--check"):
        run_eval(tmp_path)


def test_contradicting_gold_still_runs(tmp_path: Path) -> None:
    _case(tmp_path, "a", "x", {"experience_years": {"min": 9, "max": 2}})
    report = run_eval(tmp_path, extract=lambda path, options: [_result(None)])
    assert report.strategies[0].fields["experience_years"].misses == 1


def test_empty_dataset_raises(tmp_path: Path) -> None:
    (tmp_path / "lonely.txt").write_text("no gold", encoding="utf-8")
    with pytest.raises(DatasetError, match="no cases"):
        run_eval(tmp_path)


def test_bad_arguments_raise_value_error(tmp_path: Path) -> None:
    _case(tmp_path, "a", "x", {})
    with pytest.raises(ValueError, match="concurrency"):
        run_eval(tmp_path, concurrency=0)
    with pytest.raises(ValueError):
        run_eval(tmp_path, strategies=["fastest"])


@pytest.mark.parametrize("strategy", ["offline", "hybrid"])
def test_a_wrong_model_stops_the_run(tmp_path: Path, strategy: str) -> None:
    for index in range(3):
        _case(tmp_path, f"c{index}", "x", {"title": "x"})

    def extract(path: Path, options: ExtractOptions) -> list[Result]:
        raise LLMConfigError("openai:nope: no API key (set OPENAI_API_KEY)")

    with pytest.raises(LLMConfigError, match="no API key"):
        run_eval(tmp_path, strategies=[strategy], llm="openai:nope", extract=extract)

"""``extractor eval``: runs, outputs, --check, --baseline, --compare and their exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from extractor.cli import cli
from extractor.evals.report import load_report, save_report
from tests.test_evals_compare import make_report

POSTING = "Senior Data Engineer\n\nWe are hiring a Senior Data Engineer in Berlin.\n"
# salary_estimate is stated nowhere in the text, so offline it is always a miss (score 0).
GOLD = {
    "title": "Senior Data Engineer",
    "salary_estimate": {"min": 1, "max": 2, "currency": "EUR", "period": "YEAR"},
}


def _dataset(folder: Path, gold: dict[str, Any] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.txt").write_text(POSTING, encoding="utf-8")
    (folder / "case.gold.json").write_text(json.dumps(gold or GOLD), encoding="utf-8")
    return folder


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["eval", *map(str, args)])


def test_eval_prints_a_table_and_writes_json_and_html(tmp_path: Path) -> None:
    dataset = _dataset(tmp_path / "tiny")
    out, html = tmp_path / "report.json", tmp_path / "report.html"
    result = _run(dataset, "--out", out, "--html", html, "--no-progress")
    assert result.exit_code == 0, result.output
    assert "salary_estimate" in result.output and "macro mean" in result.output
    report = load_report(out)
    assert report.dataset.name == "tiny"
    assert report.strategies[0].fields["salary_estimate"].mean == 0.0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_repeated_strategies_are_side_by_side(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    dataset = _dataset(tmp_path / "d")
    strategies = ("--strategy", "offline", "--strategy", "hybrid")
    result = _run(dataset, *strategies, "--out", out, "--no-breakdown")
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "offline" in line)
    assert "hybrid" in header
    assert [s.strategy for s in load_report(out).strategies] == ["offline", "hybrid"]


def test_check_passes_clean_gold(tmp_path: Path) -> None:
    result = _run(_dataset(tmp_path / "d"), "--check")
    assert result.exit_code == 0
    assert "1 cases, no problems" in result.output


def test_check_lists_each_problem_and_exits_one(tmp_path: Path) -> None:
    dataset = _dataset(tmp_path / "d", {"title": "x", "seniority": "guru"})
    (dataset / "orphan.md").write_text("# no gold", encoding="utf-8")
    result = _run(dataset, "--check")
    assert result.exit_code == 1
    assert "invalid: case.seniority:" in result.output
    assert "pairing: orphan: document orphan.md has no gold file" in result.output
    assert "2 problem(s)" in result.output


def test_baseline_gate(tmp_path: Path) -> None:
    dataset = _dataset(tmp_path / "d")
    baseline = tmp_path / "baseline.json"
    assert _run(dataset, "--out", baseline).exit_code == 0
    same = _run(dataset, "--baseline", baseline, "--tolerance", "0.02")
    assert same.exit_code == 0, same.output
    assert "no regression" in same.output
    # A baseline that scored salary_estimate perfectly: today's 0 is a regression.
    report = load_report(baseline)
    report.strategies[0].fields["salary_estimate"].mean = 1.0
    save_report(report, baseline)
    worse = _run(dataset, "--baseline", baseline, "--tolerance", "0.02")
    assert worse.exit_code == 1
    assert "REGRESSED" in worse.output and "salary_estimate" in worse.output


def test_compare_exit_codes(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    save_report(make_report({"offline": {"title": 0.8, "skills": 0.5}}), old)
    save_report(make_report({"offline": {"title": 0.85, "skills": 0.45}}), new)
    assert _run("--compare", old, new, "--tolerance", "0.05").exit_code == 0
    dropped = _run("--compare", old, new)
    assert dropped.exit_code == 1
    assert "-0.050" in dropped.output and "REGRESSED" in dropped.output


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--compare", "OLD"],
        ["DATASET", "--compare", "OLD", "NEW"],
        ["DATASET", "--strategy", "fastest"],
        ["DATASET", "--concurrency", "0"],
        ["DATASET", "--tolerance", "-1"],
    ],
)
def test_usage_errors_exit_two(tmp_path: Path, args: list[str]) -> None:
    report = tmp_path / "r.json"
    save_report(make_report({"offline": {"title": 1.0}}), report)
    dataset = _dataset(tmp_path / "d")
    replace = {"DATASET": str(dataset), "OLD": str(report), "NEW": str(report)}
    result = _run(*[replace.get(arg, arg) for arg in args])
    assert result.exit_code == 2, result.output


def test_bad_dataset_is_a_readable_error(tmp_path: Path) -> None:
    result = _run(tmp_path / "absent")
    assert result.exit_code == 1
    assert "no such dataset folder" in result.output
    assert "Traceback" not in result.output


def test_bad_report_is_a_readable_error(tmp_path: Path) -> None:
    (tmp_path / "junk.json").write_text('{"not": "a report"}', encoding="utf-8")
    result = _run("--compare", tmp_path / "junk.json", tmp_path / "junk.json")
    assert result.exit_code == 1
    assert "not an eval report" in result.output


def test_installed_command_end_to_end(tmp_path: Path) -> None:
    _dataset(tmp_path / "d", {"title": "x", "colour": "red"})
    done = subprocess.run(
        [sys.executable, "-m", "extractor", "eval", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "case.colour: not a posting field" in done.stderr
    assert "Traceback" not in done.stderr


def test_token_budget_and_cache_options_reach_the_model(tmp_path: Path) -> None:
    from tests.support.scripted_server import ScriptedServer, answer

    long_posting = POSTING + "".join(f"Line {n} about the pipelines we run.\n" for n in range(300))
    dataset = tmp_path / "d"
    dataset.mkdir()
    (dataset / "case.txt").write_text(long_posting, encoding="utf-8")
    (dataset / "case.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    with ScriptedServer([answer({})], hard_timeout=60) as server:
        args = ("--strategy", "hybrid", "--llm", "m", "--base-url", server.base_url)
        for _ in range(2):  # --no-cache: the second run asks again
            result = _run(dataset, *args, "--token-budget", "100", "--no-cache", "--no-progress")
            assert result.exit_code == 0, result.output
        assert len(server.requests) == 2
        user = next(
            m["content"] for m in server.requests[0].body["messages"] if m["role"] == "user"
        )
        posting_part = user.split("<<<POSTING", 1)[1]
        assert len(posting_part) < 700 < len(long_posting)  # about 100 tokens of text, not all

"""``extractor cache stats|clear`` and the LLM options of ``extractor extract``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli
from extractor.llm.cache import AnswerCache
from tests.support.scripted_server import ScriptedServer, answer

POSTING = "Data Engineer\n\nAcme is hiring for its Platform team.\nYou will build pipelines.\n"


def test_stats_and_clear(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path)
    cache.set("a", {"values": {}})
    cache.set("b", {"values": {}})
    cache.close()
    runner = CliRunner()

    stats = runner.invoke(cli, ["cache", "stats", "--cache-dir", str(tmp_path)])
    assert stats.exit_code == 0
    assert f"directory: {tmp_path}" in stats.output and "entries: 2" in stats.output

    cleared = runner.invoke(cli, ["cache", "clear", "--cache-dir", str(tmp_path)])
    assert cleared.exit_code == 0 and "removed 2 cached answers" in cleared.output
    after = runner.invoke(cli, ["cache", "stats", "--cache-dir", str(tmp_path)])
    assert "entries: 0" in after.output


def test_stats_default_to_the_user_cache_folder(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(cli, ["cache", "stats"])
    assert outcome.exit_code == 0
    assert "extractor" in outcome.output  # under the test's XDG_CACHE_HOME


def test_extract_with_a_served_model_caches_and_reports_usage(tmp_path: Path) -> None:
    document = tmp_path / "posting.txt"
    document.write_text(POSTING)
    cache_dir = tmp_path / "cache"
    with ScriptedServer([answer({"department": "Platform"})]) as server:
        args = ["extract", "--llm", "scripted", "--base-url", server.base_url]
        args += ["--cache-dir", str(cache_dir), str(document)]
        first = CliRunner().invoke(cli, args)
        second = CliRunner().invoke(cli, args)
        uncached = CliRunner().invoke(cli, [*args, "--no-cache"])
        assert server.calls == 2

    for outcome in (first, second, uncached):
        assert outcome.exit_code == 0, outcome.output
    data = json.loads(first.stdout)
    assert data["posting"]["department"] == "Platform"
    assert data["provenance"]["department"]["source"] == "llm:scripted"
    assert json.loads(second.stdout)["usage"]["cached"] is True
    assert json.loads(uncached.stdout)["usage"]["cached"] is False


def test_extract_offline_strategy_makes_no_call(tmp_path: Path) -> None:
    document = tmp_path / "posting.txt"
    document.write_text(POSTING)
    with ScriptedServer([answer({"department": "Platform"})]) as server:
        args = ["extract", "--llm", "scripted", "--base-url", server.base_url]
        outcome = CliRunner().invoke(cli, [*args, "--strategy", "offline", str(document)])
        assert server.calls == 0
    assert json.loads(outcome.stdout)["posting"]["department"] is None


def test_extract_with_a_bad_provider_fails_with_the_reason(tmp_path: Path) -> None:
    document = tmp_path / "posting.txt"
    document.write_text(POSTING)
    outcome = CliRunner().invoke(cli, ["extract", "--llm", "openai:gpt-4o-mini", str(document)])
    assert outcome.exit_code == 1
    assert "OPENAI_API_KEY" in outcome.output

"""The whole-result cache: a rerun of a model batch makes no request and says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor import ExtractOptions
from extractor.batch import BatchItem, iter_batch
from extractor.batch.cache import ResultCache, result_cache_dir
from tests.support.postings import POSTING
from tests.support.scripted_server import ScriptedServer, answer, error


def _options(server: ScriptedServer, tmp_path: Path, **changes: Any) -> ExtractOptions:
    return server.options(tmp_path / "cache", **{"max_retries": 0, **changes})


def _items(tmp_path: Path) -> list[BatchItem]:
    path = tmp_path / "posting.txt"
    path.write_text(POSTING + "\nFrom a file", encoding="utf-8")
    return [
        BatchItem(id="a", data=POSTING),
        BatchItem(id="b", data=POSTING + "\nReference 2"),
        BatchItem(id="c", data=path),
    ]


def test_a_rerun_makes_no_request_and_marks_the_results_cached(tmp_path: Path) -> None:
    with ScriptedServer([answer({"department": "Platform Insights"})]) as server:
        options = _options(server, tmp_path)
        first = {r.id: r for r in iter_batch(_items(tmp_path), options)}
        calls = len(server.requests)
        second = {r.id: r for r in iter_batch(_items(tmp_path), options)}

    assert calls == 3
    assert len(server.requests) == calls  # the rerun asked nothing
    assert (tmp_path / "cache" / "results").is_dir()
    for item_id, record in second.items():
        assert record.status == "ok"
        (result,) = record.results
        assert result.usage.cached is True
        assert result.usage.llm_calls == 0
        assert result.posting == first[item_id].results[0].posting
        assert first[item_id].results[0].usage.cached is False


def test_a_changed_option_or_input_misses_the_cache(tmp_path: Path) -> None:
    def stored() -> int:
        cache = ResultCache(result_cache_dir(tmp_path / "cache"))
        try:
            return cache.stats().entries
        finally:
            cache.close()

    with ScriptedServer([answer({"department": "Platform Insights"})]) as server:
        list(iter_batch(_items(tmp_path)[:1], _options(server, tmp_path)))
        assert stored() == 1
        list(iter_batch(_items(tmp_path)[:1], _options(server, tmp_path, token_budget=500)))
        assert stored() == 2
        list(iter_batch([BatchItem("a", POSTING + " ")], _options(server, tmp_path)))
        assert stored() == 3
        list(iter_batch([BatchItem("a", POSTING, name="other")], _options(server, tmp_path)))
        assert stored() == 4
        # Concurrency changes how a batch runs, not what it gives: a hit, nothing stored.
        list(iter_batch(_items(tmp_path)[:1], _options(server, tmp_path, max_concurrency=3)))
        assert stored() == 4


def test_degraded_records_are_not_cached(tmp_path: Path) -> None:
    with ScriptedServer([error(500)]) as server:
        options = _options(server, tmp_path)
        list(iter_batch(_items(tmp_path)[:1], options))
        (record,) = iter_batch(_items(tmp_path)[:1], options)

    assert record.status == "degraded"
    assert len(server.requests) == 2  # the model was asked again


def test_no_cache_means_no_result_cache(tmp_path: Path) -> None:
    with ScriptedServer([answer({"department": "Platform Insights"})]) as server:
        options = _options(server, tmp_path, cache=False)
        list(iter_batch(_items(tmp_path)[:1], options))
        list(iter_batch(_items(tmp_path)[:1], options))

    assert len(server.requests) == 2
    assert not (tmp_path / "cache").exists()


def test_offline_batches_are_not_cached(tmp_path: Path) -> None:
    options = ExtractOptions(cache_dir=tmp_path / "cache")
    (record,) = iter_batch(_items(tmp_path)[:1], options)
    assert record.results[0].usage.cached is False
    assert not (tmp_path / "cache").exists()


def test_the_cache_folder_sits_beside_the_answer_cache(tmp_path: Path) -> None:
    assert result_cache_dir(tmp_path) == tmp_path / "results"
    assert result_cache_dir().name == "results"
    assert result_cache_dir().parent.name == "extractor"

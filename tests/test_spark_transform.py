"""extract_dataframe() on local Spark: every row equals the batch record of its document.

Spark runs over the core gold dataset, the realworld documents and some bad ones; the
library's own answer (process_item, which calls extract_all) is computed in this process and
compared with each row field by field, as JSON.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import REPO, realworld_documents, shared_path
from tests.support.spark import require_spark, shared_session

require_spark()

from extractor import ExtractOptions, InputError  # noqa: E402
from extractor.batch import BatchItem, BatchRecord, process_item  # noqa: E402
from extractor.evals.dataset import load_dataset  # noqa: E402
from extractor.schema import Result  # noqa: E402
from extractor.spark import extract_dataframe  # noqa: E402
from tests.support.postings import POSTING  # noqa: E402
from tests.support.scripted_server import ScriptedServer, answer, error  # noqa: E402

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

CORE = REPO / "evals" / "datasets" / "core"
BAD: dict[str, bytes | None] = {
    "bad-empty": b"",
    "bad-null": None,
    "bad-binary": b"\x00\x01\x02\xff binary",
    "bad-json": b'{"title": "Data',
}
BAD_TYPES = {
    "bad-empty": "EmptyInputError",
    "bad-null": "EmptyInputError",
    "bad-binary": "BinaryInputError",
    "bad-json": "MalformedInputError",
}

Rows = dict[str, list[dict[str, Any]]]


def _core() -> dict[str, bytes]:
    return {f"core/{c.document.name}": c.document.read_bytes() for c in load_dataset(CORE).cases}


def _realworld() -> dict[str, bytes]:
    return {f"realworld/{p.name}": p.read_bytes() for p in realworld_documents()}


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    return shared_session()


def _by_id(output: DataFrame, id_column: str) -> Rows:
    grouped: Rows = defaultdict(list)
    for row in output.collect():
        data = row.asDict(recursive=True)
        grouped[str(data.pop(id_column))].append(data)
    for group in grouped.values():
        group.sort(key=lambda data: data["posting_index"] or 0)
    return dict(grouped)


def _expected(record: BatchRecord) -> list[dict[str, Any]]:
    """The rows a record must give, written out here rather than by the code under test."""
    error = record.error.model_dump(mode="json") if record.error else None
    if not record.results:
        empty = dict.fromkeys(Result.model_fields) | {"source": record.source}
        return [{"posting_index": None, "status": record.status, "error": error, **empty}]
    return [
        {"posting_index": i, "status": record.status, "error": error, **r.model_dump(mode="json")}
        for i, r in enumerate(record.results)
    ]


def _library(name: str, data: bytes | str | None, options: ExtractOptions | None = None) -> Any:
    item = BatchItem(id=name, data=b"" if data is None else data, name=name)
    return _expected(process_item(item, options))


def _extract(spark: SparkSession, documents: dict[str, bytes | None]) -> Rows:
    """One job over ``documents``, as binary, in two partitions."""
    df = spark.createDataFrame(list(documents.items()), "name string, doc binary")
    rows = _by_id(extract_dataframe(df, "doc", id_column="name"), "name")
    assert set(rows) == set(documents)  # every document has rows, and nothing else does
    return rows


# Each test below runs its own job: under pytest-xdist, a fixture shared by several tests
# would run once in every worker process that takes one of them.
def test_core_and_bad_documents_equal_the_library_and_bad_ones_are_error_rows(
    spark: SparkSession,
) -> None:
    core = _core()
    assert len(core) >= 40
    rows = _extract(spark, {**core, **BAD})

    for name, data in core.items():
        assert rows[name] == _library(name, data), name
    for name, error_type in BAD_TYPES.items():
        (row,) = rows[name]
        assert row["status"] == "error"
        assert row["error"]["type"] == error_type
        assert name in row["error"]["message"]
        assert row["posting"] is None and row["posting_index"] is None
        assert row == _library(name, BAD[name])[0]


def test_realworld_rows_equal_the_library_and_listings_give_a_row_per_posting(
    spark: SparkSession,
) -> None:
    shared_path("realworld")
    realworld = _realworld()
    rows = _extract(spark, dict(realworld))

    for name, data in realworld.items():
        assert rows[name] == _library(name, data), name
    listings = {name: group for name, group in rows.items() if len(group) > 1}
    assert listings, "the realworld corpus holds board listings with several postings"
    for name, group in listings.items():
        assert [row["posting_index"] for row in group] == list(range(len(group))), name
        assert len({json.dumps(row["posting"], sort_keys=True) for row in group}) > 1, name


def test_a_string_column_with_a_generated_id_keeps_the_chosen_columns(
    spark: SparkSession,
) -> None:
    data = [(POSTING, "a", 1), ("", "b", 2), (POSTING + "\nRef 3", "c", 3)]
    df = spark.createDataFrame(data, "html string, site string, n int")
    options = ExtractOptions(strategy="hybrid", include_text=True)

    output = extract_dataframe(df, "html", keep=["n"], options=options)
    assert output.columns[:3] == ["id", "n", "posting_index"]
    assert "site" not in output.columns and "html" not in output.columns
    got = sorted((row.asDict(recursive=True) for row in output.collect()), key=lambda r: r["n"])

    assert len({row["id"] for row in got}) == 3
    for row, (html, _, n) in zip(got, data, strict=True):
        assert row["n"] == n
        (expected,) = _library(str(row["id"]), html, options)
        assert {k: v for k, v in row.items() if k not in ("id", "n")} == expected
    # The options reached the executors as set: the text is kept, and the note that an
    # explicit hybrid strategy ran without a model is there as in the library.
    assert got[0]["text"] and any("no LLM configured" in w for w in got[0]["warnings"])
    assert got[1]["status"] == "error"


def test_with_a_model_rows_equal_the_library_and_a_failing_model_degrades_them(
    spark: SparkSession, tmp_path: Path
) -> None:
    documents = [(f"p{i}", f"{POSTING}\nReference {i}") for i in range(4)]
    df = spark.createDataFrame(documents, "name string, doc string")
    with ScriptedServer([answer({"department": "Platform Insights"})], hard_timeout=120) as server:
        options = _model_options(server, tmp_path)
        output = extract_dataframe(df, "doc", id_column="name", options=options, concurrency=2)
        got = _by_id(output, "name")
        for name, text in documents:
            assert got[name] == _library(name, text, options), name
        assert server.calls == 2 * len(documents)  # once from Spark, once from the library
    for (row,) in got.values():
        assert row["status"] == "ok"
        assert row["posting"]["department"] == "Platform Insights"
        assert row["usage"]["llm_calls"] == 1

    with ScriptedServer([error(500)], hard_timeout=120) as server:
        options = _model_options(server, tmp_path, max_retries=0)
        output = extract_dataframe(df.limit(1), "doc", id_column="name", options=options)
        ((row,),) = _by_id(output, "name").values()
    assert row["status"] == "degraded"
    assert row["posting"]["title"] == "Data Engineer"
    assert any("LLM scripted-model failed" in warning for warning in row["warnings"])


def _model_options(server: ScriptedServer, tmp_path: Path, **changes: Any) -> ExtractOptions:
    settings: dict[str, Any] = {
        "llm": "scripted-model",
        "base_url": server.base_url,
        "strategy": "hybrid",
        "cache": False,  # so the library's run asks the model as Spark's did
        "cache_dir": tmp_path / "cache",
        "timeout": 5.0,
        **changes,
    }
    return ExtractOptions(**settings)


@pytest.mark.parametrize(
    ("schema", "column", "kwargs", "problem"),
    [
        ("doc string", "html", {}, "not in the DataFrame"),
        ("doc int", "doc", {}, "documents must be string or binary"),
        ("doc string, status string", "doc", {}, "clash with output columns"),
        ("doc string, id string", "doc", {}, "already exists"),
        ("doc string", "doc", {"id_column": "key"}, "not in the DataFrame"),
        ("doc string", "doc", {"keep": ["other"]}, "not in the DataFrame"),
    ],
    ids=["no-column", "int-column", "clash", "id-exists", "no-id-column", "no-kept-column"],
)
def test_unusable_columns_are_input_errors_before_any_job(
    spark: SparkSession, schema: str, column: str, kwargs: dict[str, Any], problem: str
) -> None:
    df = spark.createDataFrame([], schema)

    with pytest.raises(InputError, match=problem):
        extract_dataframe(df, column, **kwargs)

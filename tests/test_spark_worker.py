"""frame(): one Arrow batch's rows, in input order, without a JVM (plain pandas in and out)."""

from __future__ import annotations

from tests.support.spark import require_pyspark

require_pyspark()

import pandas as pd  # noqa: E402

from extractor.batch import BatchItem, process_item  # noqa: E402
from extractor.options import ExtractOptions  # noqa: E402
from extractor.spark.rows import outcome_fields  # noqa: E402
from extractor.spark.worker import Plan, frame, runtime  # noqa: E402

LISTING = (
    '[{"@context": "https://schema.org", "@type": "JobPosting", "title": "Data Engineer"},'
    ' {"@context": "https://schema.org", "@type": "JobPosting", "title": "ML Engineer"}]'
)
OUTCOME = tuple(field.name for field in outcome_fields())


def _plan(options: ExtractOptions) -> Plan:
    return Plan(
        document_column="doc",
        id_column="key",
        kept=("key", "n"),
        outcome=OUTCOME,
        options_json=options.model_dump_json(exclude_unset=True),
        concurrency=None,
    )


def test_rows_follow_the_input_with_kept_columns_beside_each_posting() -> None:
    batch = pd.DataFrame(
        {"key": ["a", None, "c"], "doc": [LISTING, float("nan"), b"Data Engineer"], "n": [1, 2, 3]}
    )
    plan = _plan(ExtractOptions())

    out = frame(runtime(plan.options_json), plan, batch)

    assert list(out.columns) == ["key", "n", *OUTCOME]
    assert out["n"].tolist() == [1, 1, 2, 3]
    assert out["posting_index"].tolist() == [0, 1, None, 0]
    assert [p["title"] if p else None for p in out["posting"]] == [
        "Data Engineer",
        "ML Engineer",
        None,
        process_item(BatchItem(id="c", data=b"Data Engineer")).results[0].posting.title,
    ]
    # A null document is an empty one; a null id names the row by its place.
    assert out["status"].tolist()[2] == "error"
    assert out["error"].tolist()[2]["type"] == "EmptyInputError"
    assert out["source"].tolist() == ["a", "a", "<row 1>", "c"]


def test_an_empty_batch_gives_an_empty_frame_with_every_column() -> None:
    batch = pd.DataFrame({"key": pd.Series([], dtype=object), "doc": [], "n": []})
    plan = _plan(ExtractOptions())

    out = frame(runtime(plan.options_json), plan, batch)

    assert out.empty and list(out.columns) == ["key", "n", *OUTCOME]


def test_the_runtime_is_built_once_per_process_for_the_same_options() -> None:
    options_json = ExtractOptions(strategy="offline").model_dump_json(exclude_unset=True)

    assert runtime(options_json) is runtime(options_json)
    assert runtime(options_json).options.model_fields_set == {"strategy"}

"""record_rows(): a batch record as output rows, one per posting or one for a failure."""

from __future__ import annotations

from tests.support.spark import require_pyspark

require_pyspark()

from extractor.batch import BatchError, BatchRecord  # noqa: E402
from extractor.schema import Posting, Result  # noqa: E402
from extractor.spark.rows import outcome_fields, record_rows  # noqa: E402


def _result(title: str) -> Result:
    return Result(posting=Posting(title=title), format="jsonld", source="board.json")


def test_a_listing_gives_one_row_per_posting_in_order() -> None:
    record = BatchRecord(
        id="0", status="ok", source="board.json", results=[_result("A"), _result("B")], error=None
    )

    rows = record_rows(record)

    assert [row["posting_index"] for row in rows] == [0, 1]
    assert [row["posting"]["title"] for row in rows] == ["A", "B"]
    assert all(row["status"] == "ok" and row["error"] is None for row in rows)
    assert rows[0]["usage"]["llm_calls"] == 0 and rows[0]["format"] == "jsonld"


def test_a_failed_document_gives_one_row_with_its_error_and_source() -> None:
    error = BatchError(type="EmptyInputError", message="x: the input is empty")
    record = BatchRecord(id="0", status="error", source="x", results=[], error=error)

    (row,) = record_rows(record)

    assert row == {
        "status": "error",
        "error": {"type": "EmptyInputError", "message": "x: the input is empty"},
        "posting_index": None,
        "source": "x",
    }


def test_every_key_a_row_holds_is_an_output_column() -> None:
    names = {field.name for field in outcome_fields()}
    record = BatchRecord(id="0", status="ok", source="s", results=[_result("A")], error=None)

    (row,) = record_rows(record)

    assert set(row) == names

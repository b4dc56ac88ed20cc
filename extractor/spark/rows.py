"""Batch records as output rows: one row per posting, one row for a document that failed.

A row holds ``posting_index`` (the posting's place in its document; null for an error row),
the batch status and error, and the result's own fields as JSON-ready values. The id and the
other input columns kept beside them are the caller's to add (extractor.spark.worker).
"""

from __future__ import annotations

from typing import Any

from pyspark.sql.types import LongType, StringType, StructField

from extractor.batch import BatchError, BatchRecord
from extractor.spark.schema import model_struct, result_struct

POSTING_INDEX = "posting_index"
STATUS = "status"
ERROR = "error"


def outcome_fields() -> list[StructField]:
    """The posting's place, the batch outcome and the result's fields, from the models."""
    return [
        StructField(POSTING_INDEX, LongType(), True),
        StructField(STATUS, StringType(), False),
        StructField(ERROR, model_struct(BatchError), True),
        *result_struct().fields,
    ]


def record_rows(record: BatchRecord) -> list[dict[str, Any]]:
    """The rows of one record: one per result, or a single row when there is none."""
    outcome = {
        STATUS: record.status,
        ERROR: record.error.model_dump(mode="json") if record.error else None,
    }
    if not record.results:
        return [{**outcome, POSTING_INDEX: None, "source": record.source}]
    return [
        {**outcome, POSTING_INDEX: index, **result.model_dump(mode="json")}
        for index, result in enumerate(record.results)
    ]

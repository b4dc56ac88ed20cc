"""extract_dataframe(): extraction as a Spark transformation, through mapInPandas and Arrow."""

from __future__ import annotations

import os
from collections.abc import Sequence

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import BinaryType, StringType, StructType

from extractor.batch.process import model_spec
from extractor.errors import InputError
from extractor.llm.provider import ENV_LLM
from extractor.options import ExtractOptions
from extractor.spark.rows import outcome_fields
from extractor.spark.worker import Plan, partition_function

DEFAULT_ID = "id"


def extract_dataframe(
    df: DataFrame,
    column: str,
    *,
    id_column: str | None = None,
    keep: Sequence[str] | None = None,
    options: ExtractOptions | None = None,
    concurrency: int | None = None,
) -> DataFrame:
    """Extract the documents in ``column``: one output row per posting (see output_schema()).

    A document holding several postings (a board listing) gives several rows, numbered by
    ``posting_index``; a document that fails gives one row with status "error", its error,
    and a null posting. The job itself never fails on a document.

    Args:
        df: the input; ``column`` holds each document as a string or binary.
        id_column: the column naming each document (any type; its value is the results'
            ``source``). Default: a generated ``id`` (monotonically_increasing_id).
        keep: input columns copied to every row of their document. Default: every column
            but ``column`` (the documents can be large; name it here to keep it).
        options: how to extract (default: offline unless EXTRACTOR_LLM is set on the
            driver, which is read here so that every executor uses the same model).
        concurrency: documents waiting on the model at once in each Python worker
            (default options.max_concurrency); offline, documents run one by one.

    Raises:
        InputError: a named column is missing, the document column is neither string nor
            binary, or an input column would clash with an output column.
        LLMConfigError: the model configuration is wrong.
    """
    options = _driver_options(options)
    model_spec(options)
    _check_document_column(df.schema, column)
    if id_column is None:
        if DEFAULT_ID in df.columns:
            raise InputError(
                f"column {DEFAULT_ID!r}",
                "already exists; pass id_column='id' to use it, or rename it",
            )
        df = df.withColumn(DEFAULT_ID, F.monotonically_increasing_id())
        id_column = DEFAULT_ID
    _check_present(df.columns, [id_column])
    kept = _kept(df.columns, column, id_column, keep)
    schema = output_schema(df.schema, id_column, kept)
    plan = Plan(
        document_column=column,
        id_column=id_column,
        kept=tuple(kept),
        outcome=tuple(field.name for field in outcome_fields()),
        # Only the fields set: the executors' copy must know which were (a default strategy
        # stays quiet without a model; a chosen one notes it), as the caller's does.
        options_json=options.model_dump_json(exclude_unset=True),
        concurrency=concurrency,
    )
    inputs = list(dict.fromkeys([*kept, column]))
    return df.select(*inputs).mapInPandas(partition_function(plan), schema)


def output_schema(input_schema: StructType, id_column: str, kept: Sequence[str]) -> StructType:
    """The output rows: the kept input columns (id first), then posting_index, status, error
    and the result's fields (posting, provenance, format, warnings, usage, ...).

    Raises:
        InputError: a kept column has the name of an output column.
    """
    outcome = outcome_fields()
    clashes = sorted(set(kept) & {field.name for field in outcome})
    if clashes:
        raise InputError(
            f"column(s) {', '.join(map(repr, clashes))}",
            "clash with output columns of the same name; rename them or leave them out of keep",
        )
    return StructType([*(input_schema[name] for name in kept), *outcome])


def _driver_options(options: ExtractOptions | None) -> ExtractOptions:
    """The options with EXTRACTOR_LLM resolved here, not on each executor's environment."""
    options = options or ExtractOptions()
    if options.llm is None and os.environ.get(ENV_LLM):
        return options.model_copy(update={"llm": os.environ[ENV_LLM]})
    return options


def _check_present(columns: Sequence[str], names: Sequence[str]) -> None:
    missing = [name for name in names if name not in columns]
    if missing:
        raise InputError(
            f"column(s) {', '.join(map(repr, missing))}",
            f"not in the DataFrame (its columns: {', '.join(columns)})",
        )


def _check_document_column(schema: StructType, column: str) -> None:
    _check_present(schema.fieldNames(), [column])
    data_type = schema[column].dataType
    if not isinstance(data_type, StringType | BinaryType):
        raise InputError(
            f"column {column!r}",
            f"holds {data_type.simpleString()}; documents must be string or binary",
        )


def _kept(
    columns: Sequence[str], column: str, id_column: str, keep: Sequence[str] | None
) -> list[str]:
    """The columns carried to the output, the id first and each once."""
    chosen = [name for name in columns if name != column] if keep is None else list(keep)
    _check_present(columns, chosen)
    return list(dict.fromkeys([id_column, *chosen]))

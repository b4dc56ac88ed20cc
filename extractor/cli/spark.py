"""``extractor spark INPUT_PATH OUTPUT_PATH``: extract a whole dataset with Spark into Parquet.

A thin layer over extractor.spark. PySpark is imported only when the command runs, so the
CLI works without the ``spark`` extra and says how to get it when it is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from extractor.cli.options import extraction_options
from extractor.errors import InputError
from extractor.options import ExtractOptions

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

INSTALL_HINT = "the spark command needs PySpark: pip install 'extractor[spark]'"
FORMATS = ("parquet", "json", "text")
# Text input: each file is one document, and its path is its id.
TEXT_ID_COLUMN = "path"


@click.command("spark")
@click.argument("input_path")
@click.argument("output_path")
@click.option(
    "--input-format",
    type=click.Choice(FORMATS),
    default="parquet",
    show_default=True,
    help="parquet or json (JSON Lines): one document per row; text: one document per file.",
)
@click.option(
    "--column",
    default="html",
    show_default=True,
    help="The column holding the documents (for text input, the name given to each file's "
    "contents).",
)
@click.option(
    "--id-column",
    default=None,
    help="The column naming each document. Default: a generated id (text input: the file's path).",
)
@click.option(
    "--master",
    default=None,
    help="Spark master URL (yarn, spark://host:7077, k8s://...). Default: local[*], this "
    "machine's cores.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=None,
    help="Documents waiting on the model at once in each Spark task (default 8).",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT_PATH if it exists.")
@extraction_options
@click.pass_context
def command(
    ctx: click.Context,
    input_path: str,
    output_path: str,
    input_format: str,
    column: str,
    id_column: str | None,
    master: str | None,
    concurrency: int | None,
    overwrite: bool,
    options: ExtractOptions,
) -> None:
    """Extract every document of INPUT_PATH with Spark and write Parquet to OUTPUT_PATH.

    Each output row is one posting: the id, posting_index (a board listing gives several
    rows), the other input columns, status (ok, degraded or error), error, and the posting,
    provenance, format, warnings and usage columns. A document that fails is a row with
    status error; the job goes on. Exit 0 when no row is an error, 1 otherwise.
    """
    try:
        from pyspark.errors import AnalysisException, PySparkException

        from extractor.spark import extract_dataframe, spark_session
    except ImportError as error:
        raise click.ClickException(INSTALL_HINT) from error

    had_session = _active_session() is not None
    try:
        session = spark_session(master)
    except PySparkException as error:
        raise click.ClickException(
            f"Spark did not start ({error}); check --master, and that Java 17 or later is "
            "on PATH or JAVA_HOME (Spark's own message, if any, is above)"
        ) from error
    try:
        try:
            df = _read(session, input_path, input_format, column)
        except AnalysisException as error:
            raise InputError(input_path, f"cannot be read as {input_format} ({error})") from None
        if input_format == "text" and id_column is None:
            id_column = TEXT_ID_COLUMN
        out = extract_dataframe(
            df, column, id_column=id_column, options=options, concurrency=concurrency
        )
        try:
            out.write.parquet(output_path, mode="overwrite" if overwrite else "errorifexists")
        except AnalysisException as error:
            raise click.ClickException(
                f"{output_path}: cannot write ({error}); pass --overwrite to replace it"
            ) from None
        counts = _status_counts(session.read.parquet(output_path))
    finally:
        if not had_session:  # a session the caller made (a notebook, the tests) stays up
            session.stop()
    click.echo(
        f"{output_path}: {sum(counts.values())} rows: "
        + ", ".join(f"{status} {counts.get(status, 0)}" for status in ("ok", "degraded", "error")),
        err=True,
    )
    ctx.exit(1 if counts.get("error") else 0)


def _active_session() -> SparkSession | None:
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


def _read(session: SparkSession, path: str, input_format: str, column: str) -> DataFrame:
    """The input as a DataFrame; text input is one row per file, with its path."""
    from pyspark.sql import functions as F

    if input_format == "parquet":
        return session.read.parquet(path)
    if input_format == "json":
        return session.read.json(path)
    frame = session.read.text(path, wholetext=True)
    return frame.select(
        F.col("_metadata.file_path").alias(TEXT_ID_COLUMN), F.col("value").alias(column)
    )


def _status_counts(output: DataFrame) -> dict[str, int]:
    return {row["status"]: row["count"] for row in output.groupBy("status").count().collect()}

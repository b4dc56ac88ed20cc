"""Extraction as a Spark transformation (the ``extractor[spark]`` extra).

>>> from extractor.spark import extract_dataframe   # doctest: +SKIP
>>> postings = extract_dataframe(spark.read.parquet("crawl/"), "html", id_column="url")
"""

from __future__ import annotations

try:
    import pyspark  # noqa: F401
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise ImportError("extractor.spark needs PySpark: pip install 'extractor[spark]'") from error

from extractor.spark.schema import model_struct, posting_struct, result_struct
from extractor.spark.session import spark_session
from extractor.spark.transform import extract_dataframe, output_schema

__all__ = [
    "extract_dataframe",
    "model_struct",
    "output_schema",
    "posting_struct",
    "result_struct",
    "spark_session",
]

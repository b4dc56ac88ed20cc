"""One local SparkSession per test process, and the skip (or CI failure) when Spark can't run.

The session is local[2] with two shuffle partitions, no web UI, bound to 127.0.0.1. Its JVM
exits with the test process (PySpark's gateway ends when its parent's pipe closes).
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# .ci/run sets this so that a missing pyspark or Java fails the run instead of skipping.
REQUIRE_SPARK = os.environ.get("EXTRACTOR_REQUIRE_SPARK") == "1"


def _unavailable(message: str) -> None:
    if REQUIRE_SPARK:
        pytest.fail(message + " (EXTRACTOR_REQUIRE_SPARK=1)", pytrace=False)
    pytest.skip(message, allow_module_level=True)


def require_pyspark() -> None:
    """Skip the calling module (fail it in CI) when pyspark is not installed."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _unavailable("pyspark is not installed: pip install 'extractor[spark]'")


def java_available() -> bool:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return True
    return shutil.which("java") is not None


def require_spark() -> None:
    """Skip the calling module (fail it in CI) when pyspark or Java is missing."""
    require_pyspark()
    if not java_available():
        _unavailable("no Java on PATH or JAVA_HOME: Spark needs Java 17 or later")


@functools.cache
def shared_session() -> SparkSession:
    """The test process's session, made on first use."""
    from extractor.spark import spark_session

    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = spark_session(
        "local[2]",
        app_name="extractor-tests",
        config={
            "spark.sql.shuffle.partitions": "2",
            "spark.default.parallelism": "2",
            "spark.ui.enabled": "false",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    return session

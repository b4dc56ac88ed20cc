"""A SparkSession for the CLI, the benchmark and the tests: local by default, quiet, loopback."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"


def spark_session(
    master: str | None = None,
    *,
    app_name: str = "extractor",
    config: Mapping[str, str] | None = None,
) -> SparkSession:
    """The active session, or a new one on ``master`` (default local[*]).

    In local mode the Python workers run this interpreter (so they import this extractor)
    and the driver binds 127.0.0.1 with no web UI: nothing listens beyond the machine.
    """
    master = master or DEFAULT_MASTER
    builder = SparkSession.builder.master(master).appName(app_name)
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1")
        builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()

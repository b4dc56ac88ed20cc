"""``extractor spark``: Parquet, JSON Lines and text in, Parquet out, read back with pyarrow.

The command runs in this process (main(), as the console script does) on the test session,
which it reuses and leaves running; a subprocess checks the message when Java is missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import REPO
from tests.support.spark import require_spark, shared_session

require_spark()

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from extractor.batch import BatchItem, process_item  # noqa: E402
from extractor.cli import main  # noqa: E402
from extractor.cli.spark import INSTALL_HINT  # noqa: E402
from extractor.evals.dataset import load_dataset  # noqa: E402

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

CORE = REPO / "evals" / "datasets" / "core"


@pytest.fixture(scope="module", autouse=True)
def spark() -> SparkSession:
    return shared_session()


@pytest.fixture(scope="module")
def core() -> dict[str, str]:
    """A few core documents of different formats, as text."""
    by_kind: dict[str, list[Any]] = {}
    for case in load_dataset(CORE).cases:
        by_kind.setdefault(case.case_id.split("-")[0], []).append(case)
    picked = [case for kind in ("jsonld", "greenhouse", "txt") for case in by_kind[kind][:2]]
    return {c.case_id: c.document.read_text(encoding="utf-8") for c in picked}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and standard error of ``extractor spark ARGS``."""
    with pytest.raises(SystemExit) as exited:
        main(["spark", *args])
    code = exited.value.code
    return code if isinstance(code, int) else 0, capsys.readouterr().err


def read_output(path: Path) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in pq.read_table(path).to_pylist():
        grouped.setdefault(str(row.pop("id")), []).append(row)
    return grouped


def expected(name: str, text: str) -> list[dict[str, Any]]:
    record = process_item(BatchItem(id=name, data=text, name=name))
    assert record.results, name
    return [
        {"posting_index": i, "status": record.status, "error": None, **r.model_dump(mode="json")}
        for i, r in enumerate(record.results)
    ]


def normalised(row: dict[str, Any]) -> dict[str, Any]:
    """pyarrow reads a map as a list of (key, value) pairs; the JSON form is an object."""
    if row.get("provenance") is not None:
        row = {**row, "provenance": dict(row["provenance"])}
    return row


def test_parquet_in_parquet_out_equals_the_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, core: dict[str, str]
) -> None:
    source = tmp_path / "in.parquet"
    table = pa.table({"id": list(core), "html": list(core.values()), "site": ["s"] * len(core)})
    pq.write_table(table, source)

    code, err = run(capsys, str(source), str(tmp_path / "out"), "--id-column", "id")

    assert code == 0, err
    assert f"{len(core)} rows: ok {len(core)}, degraded 0, error 0" in err
    got = read_output(tmp_path / "out")
    assert set(got) == set(core)
    for name, text in core.items():
        assert [normalised(row) for row in got[name]] == [
            {"site": "s", **row} for row in expected(name, text)
        ]


def test_json_lines_with_a_bad_document_writes_an_error_row_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, core: dict[str, str]
) -> None:
    name, text = next(iter(core.items()))
    source = tmp_path / "in.jsonl"
    lines = [{"key": name, "body": text}, {"key": "blank", "body": "   "}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))

    code, err = run(
        capsys,
        str(source),
        str(tmp_path / "out"),
        "--input-format",
        "json",
        "--column",
        "body",
        "--id-column",
        "key",
    )

    assert code == 1
    assert "2 rows: ok 1, degraded 0, error 1" in err
    rows = {row["key"]: row for row in pq.read_table(tmp_path / "out").to_pylist()}
    assert rows["blank"]["status"] == "error"
    assert rows["blank"]["error"] == {
        "type": "EmptyInputError",
        "message": "blank: the input is empty",
    }
    assert rows["blank"]["posting"] is None
    assert rows[name]["posting"] == expected(name, text)[0]["posting"]


def test_text_files_are_one_document_each_named_by_their_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, core: dict[str, str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    texts = {name: text for name, text in core.items() if name.startswith("txt-")}
    assert texts
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")

    code, err = run(capsys, str(folder), str(tmp_path / "out"), "--input-format", "text")

    assert code == 0, err
    got = pq.read_table(tmp_path / "out").to_pylist()
    assert len(got) == len(texts)
    for row in got:
        path = row.pop("path")
        name = Path(path.removeprefix("file:")).stem
        assert row["source"] == path
        (want,) = expected(path, texts[name])
        assert normalised(row) == want


def test_an_existing_output_needs_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"html": "Data Engineer at Acme"}) + "\n")
    (tmp_path / "out").mkdir()

    code, err = run(capsys, str(source), str(tmp_path / "out"), "--input-format", "json")

    assert code == 1
    assert "--overwrite" in err and "Traceback" not in err


def test_a_missing_input_is_an_error_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.parquet"

    code, err = run(capsys, str(missing), str(tmp_path / "out"))

    assert code == 1
    assert err.startswith(f"error: {missing}: cannot be read as parquet")
    assert "Traceback" not in err


def test_without_pyspark_the_command_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # None in sys.modules makes an import fail as if the package were not installed.
    for module in ("pyspark", "pyspark.errors", "extractor.spark"):
        monkeypatch.setitem(sys.modules, module, None)

    code, err = run(capsys, str(tmp_path / "in"), str(tmp_path / "out"))

    assert code == 1
    assert INSTALL_HINT in err


def test_without_java_the_command_says_spark_needs_it(tmp_path: Path) -> None:
    env = {**os.environ, "JAVA_HOME": str(tmp_path / "no-java")}
    done = subprocess.run(
        [sys.executable, "-m", "extractor", "spark", str(tmp_path), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )

    assert done.returncode == 1
    assert "Spark did not start" in done.stderr and "Java 17" in done.stderr
    assert "Traceback" not in done.stderr

"""The CLI through a real subprocess: output shapes, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from extractor.cli import cli

JOB = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Data Engineer",
    "hiringOrganization": {"name": "Acme"},
}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def posting(tmp_path: Path) -> Path:
    path = tmp_path / "job.json"
    path.write_text(json.dumps(JOB))
    return path


def test_one_input_prints_one_json_object(posting: Path) -> None:
    done = run("extract", str(posting))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["posting"]["title"] == "Data Engineer"
    assert result["format"] == "jsonld"
    assert result["schema_version"] == "1"
    assert "text" not in result


def test_several_inputs_print_json_lines(posting: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Senior Backend Engineer\n\nWe build things.")
    done = run("extract", str(posting), str(other))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(posting), str(other)]


def test_a_document_with_several_postings_prints_a_list(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([JOB, {**JOB, "title": "ML Engineer"}]))
    done = run("extract", str(path))
    assert [r["posting"]["title"] for r in json.loads(done.stdout)] == [
        "Data Engineer",
        "ML Engineer",
    ]


def test_stdin_with_a_dash() -> None:
    done = run("extract", "-", stdin=json.dumps(JOB).encode())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["source"] == "<stdin>"


def test_pretty_and_fields(posting: Path) -> None:
    done = run("extract", str(posting), "--pretty", "--fields", "title,company")
    assert done.stdout.startswith("{\n  ")
    result = json.loads(done.stdout)
    assert result["posting"] == {"title": "Data Engineer", "company": "Acme"}
    assert set(result["provenance"]) <= {"title", "company"}


def test_an_unknown_field_is_a_usage_error(posting: Path) -> None:
    done = run("extract", str(posting), "--fields", "title,salary_band")
    assert done.returncode == 2
    assert "salary_band" in done.stderr


def test_no_arguments_is_a_usage_error() -> None:
    assert run("extract").returncode == 2


def test_a_failed_input_exits_1_without_a_traceback_and_keeps_the_others(
    posting: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    done = run("extract", str(binary), str(tmp_path / "missing.txt"), str(posting))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"error: {binary}: " in done.stderr
    assert "missing.txt: no such file" in done.stderr
    assert json.loads(done.stdout)["posting"]["title"] == "Data Engineer"


def test_schema_prints_the_result_json_schema() -> None:
    done = run("schema")
    schema = json.loads(done.stdout)
    assert "posting" in schema["properties"]
    assert "schema version 1" in schema["$comment"]


def test_formats_lists_every_format() -> None:
    from extractor.detect import Format

    listed = {line.split()[0] for line in run("formats").stdout.splitlines()}
    assert listed == {fmt.value for fmt in Format}


def _commands(group: click.Group) -> list[click.Command]:
    return list(group.commands.values())


@pytest.mark.parametrize("command", _commands(cli), ids=lambda c: c.name)
def test_every_command_has_help(command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20

"""``extractor batch`` through a real subprocess: one line per input, the summary, resume,
exit codes, and never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import realworld_documents, seed_documents, shared_path

JOB = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Data Engineer",
    "hiringOrganization": {"name": "Acme"},
}
POSTING = "Data Engineer\n\nAcme is hiring for its Platform Insights team.\nYou build pipelines.\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "extractor", "batch", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def lines(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_a_folder_of_real_documents_gives_one_line_each(tmp_path: Path) -> None:
    shared_path("realworld")
    folder = tmp_path / "in"
    documents = [*seed_documents(), *realworld_documents()]
    for index, document in enumerate(documents):
        target = folder / f"{index % 5}" / f"{index:03d}-{document.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(document, target)
    out = tmp_path / "out.jsonl"

    done = run(str(folder), "-o", str(out), "--no-progress")

    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    records = lines(out)
    expected = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert sorted(str(r["id"]) for r in records) == expected
    assert done.returncode == (1 if any(r["status"] == "error" for r in records) else 0)
    assert "postings" in done.stderr and "wall time" in done.stderr
    assert done.stdout == ""  # records go to OUT only


def test_jsonl_with_a_bad_line_writes_an_error_record_and_exits_1(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": POSTING})
        + "\n{broken\n"
        + json.dumps({"id": "b", "json": JOB})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"

    done = run(str(source), "-o", str(out))

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    by_id = {r["id"]: r for r in lines(out)}
    assert set(by_id) == {"a", "line-2", "b"}
    assert by_id["line-2"]["status"] == "error"
    assert f"{source}:2" in by_id["line-2"]["error"]["message"]  # type: ignore[index]
    assert by_id["b"]["results"][0]["posting"]["title"] == "Data Engineer"  # type: ignore[index]
    assert "extracting" in done.stderr  # the progress bar
    assert "error" in done.stderr


def test_csv_input_and_resume(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'id,text\n1,"' + POSTING + '"\n2,"Cook\n\nA cook for our kitchen in Lyon."\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"

    first = run(str(source), "-o", str(out), "--no-progress")
    again = run(str(source), "-o", str(out), "--no-progress")
    over = run(str(source), "-o", str(out), "--no-progress", "--no-resume")

    assert first.returncode == again.returncode == over.returncode == 0, first.stderr
    assert "skipped (already in OUT)" in again.stderr
    assert sorted(str(r["id"]) for r in lines(out)) == ["1", "2"]
    assert {r["status"] for r in lines(out)} == {"ok"}


def test_a_model_batch_reports_tokens_and_a_cached_rerun(tmp_path: Path) -> None:
    from tests.support.scripted_server import ScriptedServer, answer

    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": str(i), "text": f"{POSTING}Ref {i}"}) + "\n" for i in range(3)),
        encoding="utf-8",
    )
    with ScriptedServer([answer({"department": "Platform Insights"})]) as server:
        args = ["--llm", "scripted", "--base-url", server.base_url, "--no-progress"]
        args += ["--cache-dir", str(tmp_path / "cache"), "--concurrency", "2"]
        first = run(str(source), "-o", str(tmp_path / "a.jsonl"), *args)
        second = run(str(source), "-o", str(tmp_path / "b.jsonl"), *args)
        calls = len(server.requests)

    assert first.returncode == second.returncode == 0, first.stderr
    assert calls == 3
    assert "300 / 60" in first.stderr  # tokens in / out: 3 calls of 100 + 20 (scripted)
    cached = lines(tmp_path / "b.jsonl")
    assert all(r["results"][0]["usage"]["cached"] for r in cached)  # type: ignore[index]
    assert "cached" in second.stderr

    def cache(action: str) -> str:
        command = ["cache", action, "--cache-dir", str(tmp_path / "cache")]
        done = subprocess.run(
            [sys.executable, "-m", "extractor", *command],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout

    assert "batch results: 3 in" in cache("stats")
    assert "removed 3 cached batch results" in cache("clear")
    assert "batch results: 0 in" in cache("stats")


def test_workers_write_one_line_per_input_and_resume(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [json.dumps({"id": f"t{i}", "text": f"{POSTING}Ref {i}"}) for i in range(40)]
    rows += ["{broken", json.dumps({"id": "j", "json": JOB})]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "t0", "status": "ok"}) + "\n", encoding="utf-8")  # done

    done = run(str(source), "-o", str(out), "--workers", "2")

    assert done.returncode == 1, done.stderr  # the broken line
    assert "Traceback" not in done.stderr
    ids = [str(r["id"]) for r in lines(out)]
    assert sorted(ids) == sorted([f"t{i}" for i in range(40)] + ["line-41", "j"])
    assert "skipped (already in OUT)" in done.stderr and "extracting" in done.stderr
    assert {r["status"] for r in lines(out)[1:] if r["id"] != "line-41"} == {"ok"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["missing-folder", "-o", "out.jsonl"], "missing-folder"),
        (["in.csv", "-o", "out.jsonl"], "id and text columns"),
        (["in.csv"], "--out"),
        (["in.csv", "-o", "out.jsonl", "--concurrency", "0"], "--concurrency"),
        (["in.csv", "-o", "out.jsonl", "--workers", "many"], "--workers"),
        (["in.csv", "-o", "out.jsonl", "--workers", "-1"], "--workers"),
    ],
)
def test_usage_errors_exit_2_naming_the_problem(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    (tmp_path / "in.csv").write_text("name,body\nx,y\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "extractor", "batch", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unwritable_out_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(POSTING, encoding="utf-8")
    done = run(str(tmp_path / "in.txt"), "-o", str(tmp_path), "--no-progress")
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr
    assert str(tmp_path) in done.stderr


def test_both_commands_offer_the_shared_llm_options() -> None:
    for command in ("extract", "batch"):
        done = subprocess.run(
            [sys.executable, "-m", "extractor", command, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        for option in ("--llm", "--base-url", "--strategy", "--no-cache", "--token-budget"):
            assert option in done.stdout, (command, option)


def test_a_wrong_model_is_one_error_line_and_out_is_not_touched(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(POSTING, encoding="utf-8")
    out = tmp_path / "out.jsonl"

    done = run(str(tmp_path / "in.txt"), "-o", str(out), "--llm", "openai:gpt-4o-mini")

    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: LLM 'openai:gpt-4o-mini': OPENAI_API_KEY is not set "
        "(or give --base-url for an OpenAI-compatible server)"
    ]
    assert not out.exists()

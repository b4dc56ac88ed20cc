"""The HTML report: escaped text, highlighted spans, no network; and in a real headless
browser, the chart's bars and a case view with a highlighted span."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.evals.render_html import highlight, html_report
from extractor.evals.report import CaseReport, FieldResult, Report
from tests.test_evals_compare import make_report

HOSTILE = 'Pay: $100k <script>document.title="pwned"</script> & "more"'


def _row(field: str, span: tuple[int, int] | None, score: float = 1.0) -> FieldResult:
    return FieldResult(field=field, gold="g", predicted="p", score=score, span=span, source="x")


def _report_with_case() -> Report:
    report = make_report({"offline": {"title": 1.0, "salary": 0.0, "skills": 0.5}})
    run = report.strategies[0]
    start = HOSTILE.index("$100k")
    case = CaseReport(
        case_id="hostile<case>",
        document="hostile.html",
        format="html",
        postings_found=1,
        chosen_posting=0,
        fields=[
            _row("title", (0, 3)),
            FieldResult(
                field="salary",
                gold={"min": 100000, "max": 100000, "currency": "USD", "period": "YEAR"},
                predicted=None,
                score=0.0,
                miss=True,
            ),
            _row("skills", (start, start + 5), score=0.5),
        ],
        text=HOSTILE,
    )
    run.cases = [case]
    return report


def test_document_text_is_escaped() -> None:
    page = html_report(_report_with_case())
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in page
    assert 'id="case-hostile&lt;case&gt;"' in page


def test_page_needs_no_network() -> None:
    page = html_report(_report_with_case())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "<link" not in page


def test_highlight_marks_each_span() -> None:
    marked = highlight("Senior Nurse in Berlin", [_row("title", (0, 12)), _row("city", (16, 22))])
    assert marked == (
        '<mark class="span" data-fields="title" title="title">Senior Nurse</mark> in '
        '<mark class="span" data-fields="city" title="city">Berlin</mark>'
    )


def test_highlight_splits_overlapping_spans() -> None:
    marked = highlight("abcdef", [_row("title", (0, 4)), _row("seniority", (2, 6))])
    assert re.findall(r'data-fields="([^"]+)"[^>]*>(\w+)<', marked) == [
        ("title", "ab"),
        ("title seniority", "cd"),
        ("seniority", "ef"),
    ]


def test_highlight_clips_or_drops_spans_outside_the_text() -> None:
    marked = highlight("abc", [_row("title", (1, 99)), _row("url", (5, 9)), _row("x", (2, 2))])
    assert marked == 'a<mark class="span" data-fields="title" title="title">bc</mark>'


def test_highlight_escapes_inside_marks() -> None:
    assert "&lt;b&gt;" in highlight("<b>x</b>", [_row("title", (0, 8))])


def test_chart_has_a_bar_per_field_scaled_to_the_mean() -> None:
    page = html_report(_report_with_case())
    bars = re.findall(r'<g class="bar" data-field="(\w+)" data-mean="([\d.]+)">', page)
    assert bars == [("title", "1.0000"), ("salary", "0.0000"), ("skills", "0.5000")]
    assert 'class="fill" x="150" y="48" width="210.0"' in page  # skills: half of 420


# --- in a real browser -------------------------------------------------------------------


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "chromium is not installed (apt-get install chromium) for the browser test"
        if os.environ.get("EXTRACTOR_REQUIRE_BROWSER") == "1":
            pytest.fail(message + "; EXTRACTOR_REQUIRE_BROWSER=1 requires it")
        pytest.skip(message)
    return found


def _dump_dom(browser: str, page: Path, profile: Path) -> str:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_browser_test_skips_or_fails_without_chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("EXTRACTOR_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        _chromium()
    monkeypatch.setenv("EXTRACTOR_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="EXTRACTOR_REQUIRE_BROWSER=1"):
        _chromium()


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(html_report(_report_with_case()), encoding="utf-8")
    dom = _dump_dom(browser, page, tmp_path / "profile")
    # The inline script ran (no network needed) and the posting's own script did not.
    assert re.search(r'<body[^>]*data-ready="true"', dom)
    assert "<title>extractor eval: d</title>" in dom
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)  # type: ignore[union-attr]
    # One chart bar per scored field.
    assert re.findall(r'<g class="bar" data-field="(\w+)"', dom) == ["title", "salary", "skills"]
    # A case view with a highlighted span, the text around it still escaped.
    case = re.search(r'<details class="case".*?</details>', dom, re.S)
    assert case is not None
    assert re.search(r'<mark class="span" data-fields="skills"[^>]*>\$100k</mark>', case.group(0))
    assert "&lt;script&gt;" in case.group(0)
    assert re.search(r'<tr class="field miss" data-field="salary">', case.group(0))

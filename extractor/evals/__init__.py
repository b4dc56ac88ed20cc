"""The eval harness: datasets, SPEC section 4 scorers, runner and reports.

>>> from extractor.evals import run_eval, compare_reports   # doctest: +SKIP
>>> report = run_eval("evals/datasets/core", strategies=["offline"])
>>> report.strategies[0].macro_mean
"""

from extractor.evals.compare import Comparison, compare_reports
from extractor.evals.dataset import Case, Dataset, load_dataset
from extractor.evals.gold import GoldProblem, ProblemKind, check_dataset, check_gold
from extractor.evals.render_html import html_report
from extractor.evals.report import Report, StrategyReport, load_report, save_report
from extractor.evals.runner import run_eval
from extractor.evals.scorers import SCORERS, FieldScore, score_field

__all__ = [
    "SCORERS",
    "Case",
    "Comparison",
    "Dataset",
    "FieldScore",
    "GoldProblem",
    "ProblemKind",
    "Report",
    "StrategyReport",
    "check_dataset",
    "check_gold",
    "compare_reports",
    "html_report",
    "load_dataset",
    "load_report",
    "run_eval",
    "save_report",
    "score_field",
]

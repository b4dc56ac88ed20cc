"""The public API of extractor.evals: a sorted __all__ that names everything it exports."""

from __future__ import annotations

import extractor.evals as evals


def test_all_is_sorted_and_complete() -> None:
    assert evals.__all__ == sorted(evals.__all__, key=lambda name: (not name.isupper(), name))
    public = {name for name in vars(evals) if not name.startswith("_")}
    modules = {"compare", "dataset", "gold", "render_html", "render_terminal", "report", "runner"}
    assert public - modules - {"scorers", "annotations"} == set(evals.__all__)
    for name in evals.__all__:
        assert getattr(evals, name) is not None

"""Comparing two reports: per-field deltas, and whether anything dropped past the tolerance.

Strategies are paired by name. A field counts as a regression when its mean dropped by more
than the tolerance, or when the old report scored it and the new one does not. The macro
mean is held to the same tolerance.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from extractor.evals.report import Report, StrategyReport

DEFAULT_TOLERANCE = 0.01
# A float's rounding must not turn a drop of exactly the tolerance into a regression.
_EPSILON = 1e-9


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Delta(_Model):
    """One figure in both reports. ``new`` is None when the new report no longer scores it."""

    name: str
    old: float | None
    new: float | None
    regressed: bool

    @property
    def change(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old


class StrategyComparison(_Model):
    strategy: str
    macro: Delta
    fields: list[Delta]

    @property
    def regressions(self) -> list[Delta]:
        return [d for d in (self.macro, *self.fields) if d.regressed]


class Comparison(_Model):
    """The outcome of comparing an old report with a new one."""

    tolerance: float
    strategies: list[StrategyComparison]
    notes: list[str] = Field(default_factory=list)

    @property
    def regressed(self) -> bool:
        return any(s.regressions for s in self.strategies)


def compare_reports(old: Report, new: Report, tolerance: float = DEFAULT_TOLERANCE) -> Comparison:
    """Per-field and macro deltas for every strategy that both reports ran.

    Raises:
        ValueError: a negative tolerance.
    """
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    notes: list[str] = []
    if old.dataset.hash != new.dataset.hash:
        notes.append(
            f"the datasets differ (hash {old.dataset.hash[:12]} vs {new.dataset.hash[:12]}): "
            "deltas mix model changes with label changes"
        )
    pairs = _pairs(old, new, notes)
    return Comparison(
        tolerance=tolerance,
        strategies=[_compare(a, b, tolerance) for a, b in pairs],
        notes=notes,
    )


def _pairs(
    old: Report, new: Report, notes: list[str]
) -> list[tuple[StrategyReport, StrategyReport]]:
    # One strategy on each side is paired whatever its name: that is "the run before and after".
    if len(old.strategies) == 1 and len(new.strategies) == 1:
        a, b = old.strategies[0], new.strategies[0]
        if a.strategy != b.strategy:
            notes.append(f"comparing strategy {a.strategy} (old) with {b.strategy} (new)")
        return [(a, b)]
    pairs = []
    for after in new.strategies:
        before = old.strategy(after.strategy)
        if before is None:
            notes.append(f"strategy {after.strategy} is not in the old report: not compared")
        else:
            pairs.append((before, after))
    for before in old.strategies:
        if new.strategy(before.strategy) is None:
            notes.append(f"strategy {before.strategy} is not in the new report: not compared")
    return pairs


def _delta(name: str, old: float | None, new: float | None, tolerance: float) -> Delta:
    if old is None:
        return Delta(name=name, old=old, new=new, regressed=False)
    dropped = new is None or old - new > tolerance + _EPSILON
    return Delta(name=name, old=old, new=new, regressed=dropped)


def _compare(old: StrategyReport, new: StrategyReport, tolerance: float) -> StrategyComparison:
    names = [*new.fields, *(name for name in old.fields if name not in new.fields)]
    fields = [
        _delta(
            name,
            old.fields[name].mean if name in old.fields else None,
            new.fields[name].mean if name in new.fields else None,
            tolerance,
        )
        for name in names
    ]
    return StrategyComparison(
        strategy=new.strategy,
        macro=_delta("macro mean", old.macro_mean, new.macro_mean, tolerance),
        fields=fields,
    )

"""Grounding: a value the model returns is kept only where the document's text supports it.

Strings and list items must be found in the text (exactly or fuzzily), numbers in some written
form, dates in a numeric or month-name form (see ``evidence``); enum values need a supporting
phrase and some fields a cue nearby (see ``phrases``); a value that repeats another field is
dropped. Each accepted value carries the span of its evidence; everything else is dropped with
a warning. Ground against ``extractor.injections.mask_injections(text)`` so an injected
instruction is never evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from extractor.llm.evidence import (
    Span,
    country_span,
    date_span,
    enum_span,
    find_number,
    find_phrase,
    find_text,
    find_url,
    visa_span,
)
from extractor.llm.phrases import (
    CUES,
    CURRENCY_PHRASES,
    EDUCATION_PHRASES,
    EMPLOYMENT_PHRASES,
    PERIOD_PHRASES,
    REGION_PHRASES,
    SENIORITY_PHRASES,
    STATUS_CLOSED,
    WORKPLACE_PHRASES,
    YEARS_WORD,
)


@dataclass(frozen=True)
class Grounded:
    """An accepted value and the span of the text that supports it (None: no single span)."""

    value: Any
    span: Span | None


@dataclass
class GroundingOutcome:
    """The values that passed, keyed by field, and a warning for each value dropped."""

    accepted: dict[str, Grounded] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# ---- the fields ------------------------------------------------------------------------------


def _cover(spans: Iterable[Span | None]) -> Span | None:
    real = [s for s in spans if s is not None]
    return (min(s[0] for s in real), max(s[1] for s in real)) if real else None


def _ground_list(
    name: str, items: list[Any], text: str, find: Callable[[Any, str], Span | None]
) -> tuple[Grounded | None, list[str]]:
    kept: list[Any] = []
    spans: list[Span | None] = []
    dropped: list[Any] = []
    for item in items:
        span = find(item, text)
        if span is None:
            dropped.append(item)
        else:
            kept.append(item)
            spans.append(span)
    warnings = [f"{name}: dropped {_show(item)} from the LLM (not in the text)" for item in dropped]
    return (Grounded(kept, _cover(spans)) if kept else None), warnings


def _salary(value: dict[str, Any], text: str) -> tuple[dict[str, Any] | None, Span | None]:
    amounts = [value.get("min"), value.get("max")]
    spans = []
    for amount in amounts:
        if amount is None:
            continue
        span = find_number(float(amount), text)
        if span is None:
            return None, None
        spans.append(span)
    if not spans:
        return None, None
    result = dict(value)
    currency = value.get("currency")
    if currency and not _currency_stated(currency, text):
        result["currency"] = None
    period = value.get("period")
    if period and enum_span(PERIOD_PHRASES, period, text) is None:
        result["period"] = None
    return result, _cover(spans)


def _currency_stated(code: str, text: str) -> bool:
    # Letter boundaries only: a symbol sits right against its digits ("$180K", "180€").
    patterns = (*CURRENCY_PHRASES.get(code, ()), re.escape(code))
    pattern = rf"(?<![A-Za-z])(?:{'|'.join(patterns)})(?![A-Za-z])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _experience(value: dict[str, Any], text: str) -> Span | None:
    spans: list[Span | None] = []
    for bound in (value.get("min"), value.get("max")):
        if bound is None:
            continue
        pattern = rf"(?<![\d.]){int(bound)}(?![\d.])(?:[^\n]{{0,25}}?){YEARS_WORD}"
        match = re.search(pattern, text, re.IGNORECASE)
        if match is None:
            return None
        spans.append(match.span())
    return _cover(spans)


def _location(item: dict[str, Any], text: str) -> tuple[dict[str, Any] | None, Span | None]:
    city, region, country = item.get("city"), item.get("region"), item.get("country")
    spans: list[Span | None] = []
    kept: dict[str, Any] = {"city": None, "region": None, "country": None}
    # A place needs its city: a country alone is usually where remote applicants may live
    # (remote_eligibility), which a small model confuses with where the job is based.
    if not city or (span := find_text(city, text)) is None:
        return None, None
    kept["city"] = city
    spans.append(span)
    if region and (span := find_text(region, text)) is not None:
        kept["region"] = region
        spans.append(span)
    if country and (span := country_span(country, text)) is not None:
        kept["country"] = country
        spans.append(span)
    if not any(kept.values()):
        return None, None
    return kept, _cover(spans)


def _region_or_country(item: str, text: str) -> Span | None:
    if item in REGION_PHRASES:
        return find_phrase(REGION_PHRASES[item], text)
    return country_span(item, text)


_SECTION_FIELDS = ("responsibilities", "requirements", "nice_to_have", "benefits")
_APPLY_URL = re.compile(r"apply|bewerb|postul|candidat|aplicar|mailto:", re.IGNORECASE)


def has_cue(name: str, span: Span, text: str) -> bool:
    """True when ``name`` needs no cue, or its cue appears near ``span``."""
    if name not in CUES:
        return True
    pattern, before, after = CUES[name]
    window = text[max(0, span[0] - before) : span[1] + after]
    return re.search(rf"(?<!\w)(?:{pattern})(?!\w)", window, re.IGNORECASE) is not None


def _item_span(name: str, item: Any, text: str) -> Span | None:
    value = str(item)
    if name in _SECTION_FIELDS and len(value.split()) < 3:
        return None  # a lone word ("Python") is a skill or a tag, not a bullet of a section
    span = find_text(value, text)
    return span if span is not None and has_cue(name, span, text) else None


def ground_field(name: str, value: Any, text: str) -> tuple[Grounded | None, list[str]]:
    """One field's value checked against ``text``: what survives, and what was dropped."""
    grounded, warnings = _ground_field(name, value, text)
    if (
        grounded is not None
        and grounded.span is not None
        and not has_cue(name, grounded.span, text)
    ):
        return None, [f"{name}: dropped {_show(value)} from the LLM (no cue for it nearby)"]
    return grounded, warnings


def _ground_field(name: str, value: Any, text: str) -> tuple[Grounded | None, list[str]]:
    dropped = [f"{name}: dropped {_show(value)} from the LLM (not supported by the text)"]
    span: Span | None
    if name in ("title", "company", "department"):
        span = find_text(str(value), text)
    elif name == "url":
        span = None if _APPLY_URL.search(str(value)) else find_url(str(value), text)
    elif name == "apply_url":
        span = find_url(str(value), text)
    elif name in ("skills", *_SECTION_FIELDS):
        return _ground_list(name, list(value), text, lambda v, t: _item_span(name, v, t))
    elif name == "employment_type":
        return _ground_list(
            name, list(value), text, lambda v, t: enum_span(EMPLOYMENT_PHRASES, v, t)
        )
    elif name == "remote_eligibility":
        return _ground_list(name, list(value), text, lambda v, t: _region_or_country(str(v), t))
    elif name == "locations":
        kept: list[dict[str, Any]] = []
        spans: list[Span | None] = []
        warnings: list[str] = []
        for item in value:
            place, place_span = _location(dict(item), text)
            if place is None:
                warnings.append(f"locations: dropped {_show(item)} from the LLM (not in the text)")
            else:
                kept.append(place)
                spans.append(place_span)
        return (Grounded(kept, _cover(spans)) if kept else None), warnings
    elif name in ("salary", "salary_estimate"):
        salary, span = _salary(dict(value), text)
        return (Grounded(salary, span), []) if salary else (None, dropped)
    elif name == "experience_years":
        span = _experience(dict(value), text)
    elif name in ("date_posted", "valid_through"):
        span = date_span(str(value), text)
    elif name == "workplace_type":
        span = enum_span(WORKPLACE_PHRASES, str(value), text)
    elif name == "seniority":
        span = enum_span(SENIORITY_PHRASES, str(value), text)
    elif name == "education":
        span = enum_span(EDUCATION_PHRASES, str(value), text)
    elif name == "visa_sponsorship":
        span = visa_span(bool(value), text) if isinstance(value, bool) else None
    elif name == "status":
        closed = find_phrase(STATUS_CLOSED, text)
        if value == "closed":
            span = closed
        else:  # SPEC: "open" unless the text says closed; there is no phrase to point at
            return (Grounded(value, None), []) if closed is None else (None, dropped)
    else:
        return None, [f"{name}: dropped {_show(value)} from the LLM (no way to check it)"]
    return (Grounded(value, span), []) if span is not None else (None, dropped)


def ground_answer(
    values: dict[str, Any], text: str, known: dict[str, Any] | None = None
) -> GroundingOutcome:
    """Every field of the model's answer checked against ``text`` (injections masked) and
    against the fields already ``known`` (a value that repeats another field is dropped)."""
    outcome = GroundingOutcome()
    context = {**values, **(known or {})}
    for name, value in values.items():
        clash = _repeats_another_field(name, value, context)
        if clash:
            outcome.warnings.append(f"{name}: dropped {_show(value)} from the LLM ({clash})")
            continue
        grounded, warnings = ground_field(name, value, text)
        outcome.warnings.extend(warnings)
        if grounded is not None:
            outcome.accepted[name] = grounded
    return outcome


def _fold(value: Any) -> str:
    return " ".join(str(value).casefold().split())


def _repeats_another_field(name: str, value: Any, context: dict[str, Any]) -> str | None:
    if name == "department":
        others = [context.get("title"), context.get("company")]
        others += [place.get("city") for place in context.get("locations") or [] if place]
        others += list(context.get("skills") or [])
        if _fold(value) in {_fold(other) for other in others if other}:
            return "it repeats the title, company, a city or a skill"
    if name == "salary_estimate" and isinstance(value, dict):
        salary = context.get("salary")
        if isinstance(salary, dict) and (salary.get("min"), salary.get("max")) == (
            value.get("min"),
            value.get("max"),
        ):
            return "it repeats the employer's salary"
    if name == "url" and value and _fold(value) == _fold(context.get("apply_url") or ""):
        return "it repeats apply_url"
    return None


def _show(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."

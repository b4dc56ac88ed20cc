"""Grounding: a value the model returns is kept only where the document's text supports it.

Strings and list items must be found in the text, exactly (case and spacing aside) or fuzzily
(rapidfuzz partial alignment, score >= FUZZY_CUTOFF); numbers must appear in some written form
("180K", "180,000", "180.000", "180 000"); dates in a numeric or month-name form; enum values
need a supporting phrase from a small per-value keyword table. Each accepted value carries the
span of its evidence; everything else is dropped with a warning. Ground against
``context.mask_injections(text)`` so an injected instruction is never evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz

FUZZY_CUTOFF = 85.0
_MIN_FUZZY_LENGTH = 6  # below this, fuzzy matches are noise: "Go" matches everywhere
NUMBER_TOLERANCE = 0.005

Span = tuple[int, int]


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


# ---- strings ---------------------------------------------------------------------------------


def find_text(value: str, text: str) -> Span | None:
    """Where ``value`` occurs in ``text``: exactly (case and whitespace folded), else fuzzily."""
    needle = " ".join(value.split())
    if len(needle) < 2:
        return None
    pattern = r"\s+".join(re.escape(token) for token in needle.split(" "))
    if len(needle) <= 4 or not needle[0].isalnum() or not needle[-1].isalnum():
        pattern = rf"(?<!\w){pattern}(?!\w)"
    else:
        pattern = rf"\b{pattern}\b"
    match = re.search(pattern, text, re.IGNORECASE)
    if match:
        return match.span()
    if len(needle) < _MIN_FUZZY_LENGTH:
        return None
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare case-fold that changes length: spans would drift
        lowered = text
    alignment = fuzz.partial_ratio_alignment(needle.lower(), lowered, score_cutoff=FUZZY_CUTOFF)
    if alignment is None:
        return None
    return alignment.dest_start, alignment.dest_end


def find_url(value: str, text: str) -> Span | None:
    """URLs must appear verbatim (a trailing slash aside): a fuzzy URL is a different URL."""
    needle = value.strip().rstrip("/")
    if not needle:
        return None
    start = text.find(needle)
    if start < 0 and needle.startswith(("http://", "https://")):
        bare = needle.split("://", 1)[1]
        start = text.find(bare)
        needle = bare
    return (start, start + len(needle)) if start >= 0 else None


def find_phrase(patterns: Iterable[str], text: str) -> Span | None:
    """The first match of any keyword pattern (regex, matched as whole words)."""
    for pattern in patterns:
        match = re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE)
        if match:
            return match.span()
    return None


# ---- numbers ---------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,3}(?:(?P<sep>[,.'\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*|\d+)"
    r"(?:[.,](?P<frac>\d{1,2}))?(?!\d)"
    r"(?:\s?(?P<mult>[kK]|[mM]|Mio|mio|tsd|Tsd|lakhs?|lacs?|crores?|万)(?![a-zA-Z]))?"
)
_MULTIPLIERS = {"k": 1e3, "tsd": 1e3, "m": 1e6, "mio": 1e6, "lakh": 1e5, "lac": 1e5}
_MULTIPLIERS |= {"crore": 1e7, "万": 1e4}


def text_numbers(text: str) -> list[tuple[float, Span]]:
    """Every number written in ``text`` with its value: separators and k/M/lakh read."""
    found: list[tuple[float, Span]] = []
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match["int"])
        value = float(digits)
        if match["frac"]:
            value += float(f"0.{match['frac']}")
        mult = (match["mult"] or "").lower().rstrip("s")
        value *= _MULTIPLIERS.get(mult, 1.0)
        found.append((value, match.span()))
    return found


def find_number(value: float, text: str) -> Span | None:
    """Where a number equal to ``value`` (within 0.5%) is written in ``text``."""
    for number, span in text_numbers(text):
        if abs(number - value) <= max(abs(value) * NUMBER_TOLERANCE, 1e-9):
            return span
    return None


# ---- enums and booleans ----------------------------------------------------------------------

WORKPLACE_PHRASES: dict[str, tuple[str, ...]] = {
    "remote": (
        r"remote(?:ly)?",
        r"anywhere",
        r"work(?:ing)?\s+from\s+home",
        r"wfh",
        r"t[ée]l[ée]travail",
        r"teletrabajo",
        r"remoto",
        r"home\s?-?office",
        r"telecommut\w*",
        r"fully\s+distributed",
    ),
    "hybrid": (r"hybrid", r"hybride", r"h[íi]brido"),
    "onsite": (
        r"on-?\s?site",
        r"in[- ]office",
        r"office[- ]based",
        r"vor\s+ort",
        r"pr[ée]sentiel",
        r"presencial",
    ),
}
SENIORITY_PHRASES: dict[str, tuple[str, ...]] = {
    "intern": (r"intern(?:ship)?", r"praktik\w*", r"stagiaire", r"pr[áa]cticas"),
    "entry": (r"junior", r"jr\.?", r"graduate", r"entry[- ]level", r"associate", r"trainee"),
    "mid": (r"mid[- ]?level", r"intermediate", r"[A-Za-z]+\s+II", r"mid[- ]senior"),
    "senior": (r"senior", r"sr\.?", r"[A-Za-z]+\s+III", r"s[ée]nior"),
    "lead": (r"lead", r"staff", r"principal", r"distinguished", r"tech\s+lead"),
    "manager": (r"manager", r"managing\s+a\s+team", r"people\s+management", r"teamleit\w*"),
    "director": (r"director", r"head\s+of", r"directeur", r"directora?"),
    "executive": (
        r"vp",
        r"vice\s+president",
        r"chief\s+\w+\s+officer",
        r"c[teofi]o",
        r"c-level",
    ),
}
EMPLOYMENT_PHRASES: dict[str, tuple[str, ...]] = {
    "FULL_TIME": (
        r"full[- ]?time",
        r"vollzeit",
        r"temps\s+plein",
        r"tiempo\s+completo",
        r"jornada\s+completa",
        r"permanent",
    ),
    "PART_TIME": (
        r"part[- ]?time",
        r"teilzeit",
        r"temps\s+partiel",
        r"medio\s+tiempo",
        r"media\s+jornada",
    ),
    "CONTRACTOR": (
        r"contract(?:or)?",
        r"freelanc\w*",
        r"b2b",
        r"self[- ]employed",
        r"independent",
        r"auto[- ]?entrepreneur",
    ),
    "TEMPORARY": (r"temporary", r"fixed[- ]term", r"befristet\w*", r"cdd", r"temporal"),
    "INTERN": (r"intern(?:ship)?", r"praktik\w*", r"stage", r"pr[áa]cticas", r"werkstudent\w*"),
    "VOLUNTEER": (r"volunteer\w*", r"b[ée]n[ée]vol\w*"),
    "PER_DIEM": (r"per\s+diem",),
    "OTHER": (),
}
EDUCATION_PHRASES: dict[str, tuple[str, ...]] = {
    "none": (r"no\s+degree", r"degree\s+(?:is\s+)?not\s+required", r"without\s+a\s+degree"),
    "high_school": (r"high\s+school", r"ged", r"secondary\s+school", r"abitur", r"baccalaur[ée]at"),
    "associate": (r"associate(?:'s)?\s+degree", r"adn", r"associate\s+of"),
    "bachelor": (
        r"bachelor(?:'s|s)?",
        r"b\.?\s?sc?\.?",
        r"b\.?a\.?",
        r"undergraduate\s+degree",
        r"licence",
        r"licenciatura",
        r"grado",
        r"university\s+degree",
    ),
    "master": (r"master(?:'s|s)?", r"m\.?\s?sc?\.?", r"mba", r"m\.a\.", r"graduate\s+degree"),
    "doctorate": (r"ph\.?\s?d\.?", r"doctorate", r"doctoral", r"promotion", r"doctorado"),
}
STATUS_CLOSED = (
    r"no\s+longer\s+(?:open|accepting|available|taking)",
    r"(?:position|job|posting|vacancy|role)\s+(?:is\s+|has\s+been\s+)?(?:closed|filled|expired)",
    r"applications?\s+(?:are\s+)?closed",
    r"expired",
)
_NEGATION = re.compile(
    r"\b(?:no|not|unable|cannot|can't|can’t|won't|don't|do\s+not|will\s+not|without|nor|never)\b"
    r"|n't\b",
    re.IGNORECASE,
)
_SPONSOR = re.compile(r"sponsor\w*|visa", re.IGNORECASE)

REGION_PHRASES: dict[str, tuple[str, ...]] = {
    "Worldwide": (r"worldwide", r"anywhere", r"global(?:ly)?", r"any\s+country"),
    "Americas": (r"americas",),
    "North America": (r"north\s+america\w*",),
    "Latin America": (r"latin\s+america\w*", r"latam", r"latinoam[ée]rica"),
    "Europe": (r"europe\w*", r"europa", r"cet", r"cest"),
    "EU": (r"eu", r"european\s+union", r"union\s+europ[ée]enne"),
    "EMEA": (r"emea",),
    "APAC": (r"apac", r"asia[- ]pacific"),
    "Africa": (r"africa\w*", r"afrique"),
    "Middle East": (r"middle\s+east", r"mena"),
    "Oceania": (r"oceania", r"australia\s+(?:and|&)\s+new\s+zealand", r"anz"),
}

_PERIOD_PHRASES: dict[str, tuple[str, ...]] = {
    "HOUR": (r"hour\w*", r"hr", r"/\s?h", r"stunde\w*", r"heure", r"hora"),
    "DAY": (r"day", r"daily", r"per\s+diem", r"tag\w*", r"jour\w*", r"d[íi]a"),
    "WEEK": (r"week\w*", r"wk", r"woche\w*", r"semaine", r"semana"),
    "MONTH": (r"month\w*", r"mo", r"monat\w*", r"mois", r"mes", r"mensual\w*", r"mensuel\w*"),
    "YEAR": (
        r"year\w*",
        r"annual\w*",
        r"annum",
        r"yr",
        r"p\.?a\.?",
        r"jahr\w*",
        r"brutto",
        r"an",
        r"ann[ée]e",
        r"a[ñn]o",
        r"anual",
        r"\d+\s?[kK]",
        r"lakhs?",
        r"lpa",
    ),
}
_CURRENCY_PHRASES: dict[str, tuple[str, ...]] = {
    "USD": (r"\$", r"usd", r"dollars?"),
    "EUR": (r"€", r"eur", r"euros?"),
    "GBP": (r"£", r"gbp", r"pounds?"),
    "INR": (r"₹", r"inr", r"rs\.?", r"lakhs?", r"lpa", r"crores?"),
    "JPY": (r"¥", r"jpy", r"円", r"yen"),
    "CNY": (r"¥", r"cny", r"rmb", r"元", r"yuan"),
    "RUB": (r"₽", r"rub", r"rur", r"руб\w*"),
    "CHF": (
        r"chf",
        r"fr\.",
    ),
    "PLN": (r"pln", r"zł", r"zl"),
    "CAD": (r"cad", r"c\$", r"ca\$"),
    "AUD": (r"aud", r"a\$", r"au\$"),
}


def _enum_span(table: dict[str, tuple[str, ...]], value: str, text: str) -> Span | None:
    return find_phrase(table.get(value, ()), text)


def visa_span(value: bool, text: str) -> Span | None:
    """Evidence for sponsorship (an un-negated mention) or for a stated refusal (negated)."""
    for match in _SPONSOR.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        window = text[max(line_start, match.start() - 60) : match.start()]
        negated = _NEGATION.search(window) is not None
        if negated is not value:
            return match.span()
    return None


# ---- dates -----------------------------------------------------------------------------------


@cache
def _month_names(month: int) -> tuple[str, ...]:
    from babel.dates import get_month_names

    names: set[str] = set()
    for locale in ("en", "de", "fr", "es", "it", "nl", "pt"):
        for width in ("wide", "abbreviated"):
            names.add(str(get_month_names(width, locale=locale)[month]).lower().rstrip("."))
    return tuple(sorted(names, key=len, reverse=True))


def date_span(value: str, text: str) -> Span | None:
    """Where an ISO date is written, numerically (2024-05-01, 01.05.2024, 5/1/2024) or with
    its month's name in a common language (May 1, 2024; 1. Mai 2024; 1er mai 2024)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    year, month, day = match.groups()
    m, d = int(month), int(day)
    numeric = (
        rf"{year}[-/.]{month}[-/.]{day}",
        rf"0?{d}[./-]0?{m}[./-]{year}",
        rf"0?{m}/0?{d}/{year}",
    )
    names = "|".join(re.escape(n) for n in _month_names(m))
    named = (
        rf"0?{d}(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?(?:{names})\.?,?\s+(?:de\s+)?{year}",
        rf"(?:{names})\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{year}",
    )
    return find_phrase((*numeric, *named), text)


# ---- countries -------------------------------------------------------------------------------


@cache
def _country_patterns(code: str) -> tuple[str, ...]:
    from babel import Locale

    names: set[str] = set()
    for locale in ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "ru", "ja", "zh"):
        name = Locale.parse(locale).territories.get(code)
        if name:
            names.add(re.escape(str(name)))
    extra = {"US": (r"USA", r"U\.S\.A?\.?", r"United\s+States"), "GB": (r"UK", r"U\.K\.")}
    return (*sorted(names, key=len, reverse=True), *extra.get(code, ()), code)


def country_span(code: str, text: str) -> Span | None:
    """Evidence for an ISO country code: its name in a common language, or the code itself
    in capitals."""
    if not re.fullmatch(r"[A-Z]{2}", code) or code in ("EU", "UN", "EZ", "QO", "ZZ"):
        return None
    patterns = _country_patterns(code)
    span = find_phrase(patterns[:-1], text)
    if span:
        return span
    match = re.search(rf"(?<![\w]){code}(?![\w])", text)  # the bare code: capitals only
    return match.span() if match else None


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
    if period and _enum_span(_PERIOD_PHRASES, period, text) is None:
        result["period"] = None
    return result, _cover(spans)


def _currency_stated(code: str, text: str) -> bool:
    # Letter boundaries only: a symbol sits right against its digits ("$180K", "180€").
    patterns = (*_CURRENCY_PHRASES.get(code, ()), re.escape(code))
    pattern = rf"(?<![A-Za-z])(?:{'|'.join(patterns)})(?![A-Za-z])"
    return re.search(pattern, text, re.IGNORECASE) is not None


_YEARS_WORD = r"(?:years?|yrs?|jahre?n?|años?|ans|anni|anos?|лет|год\w*)"


def _experience(value: dict[str, Any], text: str) -> Span | None:
    spans: list[Span | None] = []
    for bound in (value.get("min"), value.get("max")):
        if bound is None:
            continue
        pattern = rf"(?<![\d.]){int(bound)}(?![\d.])(?:[^\n]{{0,25}}?){_YEARS_WORD}"
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


# Fields whose evidence must sit near a cue: (cue pattern, characters before, after). A bare
# match is not enough there: a small model calls any team-like name a department, any pay a
# third-party estimate, any date a deadline, any skill a nice-to-have.
CUES: dict[str, tuple[str, int, int]] = {
    "department": (
        r"team|department|dept|group|division|unit|squad|tribe|org|abteilung|bereich|"
        r"équipe|pôle|direction|equipo|área|departamento",
        60,
        60,
    ),
    "salary_estimate": (
        r"estimat\w*|schätz\w*|estim\w*|average|typical|median|similar\s+(?:jobs|roles)|"
        r"market\s+rate|glassdoor|payscale|levels\.fyi|promedio|moyenne|durchschnitt\w*",
        200,
        120,
    ),
    "valid_through": (
        r"until|deadline|clos\w*|apply\s+by|expir\w*|valid|bis|frist|jusqu\w*|date\s+limite|"
        r"hasta|plazo|vence",
        80,
        10,
    ),
    "nice_to_have": (
        r"nice[- ]to[- ]have|prefer\w*|bonus|plus|ideal\w*|wünschenswert|von\s+vorteil|"
        r"idéalement|atout|deseable|valora\w*",
        3000,
        0,
    ),
    "benefits": (
        r"benefits?|perks|we\s+offer|what\s+you\s+get|wir\s+bieten|vorteile|avantages|"
        r"nous\s+offrons|ofrecemos|beneficios|what's\s+in\s+it",
        4000,
        0,
    ),
}
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
            name, list(value), text, lambda v, t: _enum_span(EMPLOYMENT_PHRASES, v, t)
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
        span = _enum_span(WORKPLACE_PHRASES, str(value), text)
    elif name == "seniority":
        span = _enum_span(SENIORITY_PHRASES, str(value), text)
    elif name == "education":
        span = _enum_span(EDUCATION_PHRASES, str(value), text)
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

"""Rule for experience_years: the years of experience a posting asks for, as {min, max}.

Reads "5+ years", "3-5 years", "3 to 5 years", "at least 4 years", "minimum of 2 years",
"mindestens 3 Jahre", "3+ Jahre Berufserfahrung", "al menos 2 años", "3 ans d'expérience
minimum", "5 ans et plus", and number words ("three years"). A statement counts only when
it asks for experience: an experience word follows or precedes it ("years of experience",
"Erfahrung", "Experience: 3 years", "years building ..."), or it stands in the requirements
section as a requirement ("5+ years", "at least 2 years", "3 years in backend work").
Years that are not a requirement are never read: calendar years (only one- or two-digit
counts are read at all), ages, a company's age ("10 years in business", "has spent 10
years building"), periods ("over the past 3 years", "a one year trial period").

A scraper sometimes loses a dash: "47 years building ML systems" is 4-7. Such a number is
read as a range only where the literal is implausible (over 25 years), its two digits are
single, ascending and glued, and an experience phrase follows; otherwise it gives nothing.

Where several statements exist, the first one in the requirements section wins, else the
first one in the text outside nice-to-have, benefits and excluded blocks: postings state
the overall requirement first and narrower ones ("2+ years with Python") after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from extractor.candidates import Candidate, Tier
from extractor.rules import RuleContext
from extractor.rules.prefilter import case_sensitive, fold_posting, lowered_posting, read_folded
from extractor.rules.sections import read_sections
from extractor.schema import ExperienceYears

SOURCE = "rule:experience"

_NUMBER_WORDS = {
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15,
    # German
    "ein": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    # Spanish
    "un": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10,
    # French
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
}  # fmt: skip
_NUM = r"(?:\d{1,2}(?!\d)|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_STATEMENT = re.compile(
    r"(?<![\w.,/-])(?P<min>" + _NUM + r")\s*"
    r"(?:(?P<plus>\+)|\s*(?:-|–|—|to|bis|a|à|y|and|or|oder|ou|o)\s*(?P<max>" + _NUM + r")\s*\+?)?"
    r"\s*(?P<unit>years?|yrs?\.?|jahren?|años?|anos|ans?|années?)(?![\w])",
    re.IGNORECASE,
)
_OPEN_ENDED_AFTER = re.compile(
    r"^\s*(?:\+|or more|or longer|minimum|min\.?|plus|at least|und mehr|oder mehr|"
    r"o más|et plus|ou plus|au minimum|mínimo)",
    re.IGNORECASE,
)
_EXPERIENCE_AFTER = re.compile(
    r"^\s*(?:\+|or more|minimum|min\.?|plus|und mehr|o más|et plus|ou plus)?\s*"
    r"(?:(?:of|de|d['’]|in|an|im|en|)\s*(?:[\w-]+\s+){0,3}?"
    r"(?:experience|expérience|experiencia|erfahrung|berufserfahrung|praxiserfahrung|"
    r"projekterfahrung)|"
    r"(?:of\s+)?(?:building|developing|working|designing|leading|managing|programming|"
    r"writing|shipping|hands-on|professional|industry|commercial|relevant|practical|"
    r"progressive|post-graduate|post-qualification)\b|"
    r"in (?:a|an)\s+(?:[\w/,.&-]+\s+){0,6}?(?:role|position|capacity|environment|setting)\b|"
    r"(?:as an?|als|como|en tant que|comme)\s+\w)",
    re.IGNORECASE,
)
_EXPERIENCE_BEFORE = re.compile(
    r"(?:experience|expérience|experiencia|erfahrung|berufserfahrung)\s*"
    r"(?:[:\-–]|of|von|de|d['’]|with)?\s*(?:at least|minimum(?: of)?|mindestens|mind\.|"
    r"al menos|mínim[oa](?: de)?|au moins|minimum de|minimale de)?\s*$",
    re.IGNORECASE,
)
_NOT_A_REQUIREMENT_AFTER = re.compile(
    r"^\s*(?:old|of age|or older|ago|in business|of history|of (?:our |the )?"
    r"(?:company|existence)|anniversary|warranty|guarantee|contract|lease|alt|jung|"
    r"de edad|d['’]âge|de antigüedad|d['’]ancienneté|betriebszugehörigkeit|auf dem markt|"
    r"am markt|en el mercado|sur le marché|trial|probation|"
    r"probationary|period|fixed-term|term|assignment|appointment|commitment|"
    r"(?:of )?(?:growth|success|innovation|excellence))\b",
    re.IGNORECASE,
)
_NOT_A_REQUIREMENT_BEFORE = re.compile(
    r"(?:founded|since|for over|for more than|over the (?:past|last)|in the (?:past|last|next)|"
    r"within|after|every|each|up to|aged?|we have|we've|our|has|spent|been|seit|vor|innerhalb|"
    r"hace|desde|depuis|il y a|en moins de)\s*$",
    re.IGNORECASE,
)
_AT_LEAST_BEFORE = re.compile(
    r"(?:at least|minimum(?: of)?|a minimum of|min\.|more than|over|mindestens|mind\.|"
    r"wenigstens|mehr als|über|al menos|mínimo(?: de)?|más de|como mínimo|au moins|"
    r"plus de)\s*$",
    re.IGNORECASE,
)
# In a requirements list, "5 years in backend development", "2 years as a nurse".
_IN_A_ROLE = re.compile(
    r"^\s*(?:\+|or more)?\s*(?:in|as|with|working|at|im|als|mit|en|como|con|comme|dans)\b",
    re.IGNORECASE,
)
_IMPLAUSIBLE_YEARS = 25
_MAX_YEARS = 40


@dataclass(frozen=True)
class Statement:
    """One reading of a years-of-experience statement and where it stands in the text."""

    min: int
    max: int | None
    start: int
    end: int


# The statement and before-patterns without IGNORECASE (their letters are lowercase), for
# fold_case text: an IGNORECASE alternation searched at every offset of a window was most of
# _read's time.
_STATEMENT_FOLDED = case_sensitive(_STATEMENT)
_BEFORE_PATTERNS = (_NOT_A_REQUIREMENT_BEFORE, _EXPERIENCE_BEFORE, _AT_LEAST_BEFORE)
_BEFORE_PATTERNS_FOLDED = tuple(map(case_sensitive, _BEFORE_PATTERNS))


def _before(text: str, start: int) -> tuple[str, tuple[re.Pattern[str], ...]]:
    """The 40 characters before a statement, folded where possible, with the patterns that
    read them: not a requirement, about experience, at least."""
    subject, patterns = read_folded(
        text, fold_posting(text), _BEFORE_PATTERNS, _BEFORE_PATTERNS_FOLDED
    )
    return subject[max(0, start - 40) : start], patterns


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token.casefold()]


def _read(text: str, match: re.Match[str], in_requirements: bool) -> Statement | None:
    before, (not_a_requirement_before, experience_before, at_least_before) = _before(
        text, match.start()
    )
    after = text[match.end() : match.end() + 80]
    if _NOT_A_REQUIREMENT_AFTER.match(after) or not_a_requirement_before.search(before):
        return None
    about_experience = bool(_EXPERIENCE_AFTER.match(after) or experience_before.search(before))
    at_least = bool(at_least_before.search(before))
    stated_as_requirement = in_requirements and bool(
        match.group("plus") or at_least or _IN_A_ROLE.match(after)
    )
    if not (about_experience or stated_as_requirement):
        return None
    low = _number(match.group("min"))
    high = _number(match.group("max")) if match.group("max") else None
    if high is None and low > _IMPLAUSIBLE_YEARS:
        return _lost_dash(match, about_experience)
    if high is not None and not low < high <= _MAX_YEARS:
        return None
    if low == 0 and high is None:
        return None
    if match.group("plus") or _OPEN_ENDED_AFTER.match(after) or at_least:
        high = None
    return Statement(low, high, match.start(), match.end())


def _lost_dash(match: re.Match[str], about_experience: bool) -> Statement | None:
    """ "47 years building ..." where the page lost the dash of "4-7"; else nothing."""
    digits = match.group("min")
    if not (about_experience and len(digits) == 2 and digits.isdigit()):
        return None
    low, high = int(digits[0]), int(digits[1])
    if not 0 < low < high:
        return None
    return Statement(low, high, match.start(), match.end())


# Statements end in a unit word: one automaton pass finds the units, and the statement
# regex runs only on the short window before each (scanning the whole text was slow).
# (key, where the unit starts in the key): French "an" is read only as a whole word.
_UNITS = (
    ("year", 0), ("yr", 0), ("jahr", 0), ("año", 0), ("anos", 0), ("ans", 0), ("année", 0),
    (" an ", 1), (" an,", 1), (" an.", 1), (" an)", 1), (" an\n", 1), (" an;", 1),
)  # fmt: skip
_WINDOW = 48
# What stands right before a unit in a statement: a count ("5", "5+", "five").
_COUNT_BEFORE = re.compile(r"(?:\d\+?|\b(?:" + "|".join(_NUMBER_WORDS) + r"))\s*$")


@lru_cache(maxsize=1)
def _unit_automaton() -> Any:
    automaton = ahocorasick.Automaton()
    for key, offset in _UNITS:
        automaton.add_word(key, (len(key), offset))
    automaton.make_automaton()
    return automaton


def _statement_matches(text: str) -> list[re.Match[str]]:
    lowered = lowered_posting(text)
    subject, statement = read_folded(text, fold_posting(text), _STATEMENT, _STATEMENT_FOLDED)
    matches: dict[int, re.Match[str]] = {}
    for end, (length, offset) in _unit_automaton().iter(lowered + " "):
        start = end - length + 1 + offset
        if not _COUNT_BEFORE.search(lowered, max(0, start - 14), start):
            continue  # "in an office", "yearly": no count before the unit
        window_end = min(len(text), end + 12)
        for match in statement.finditer(subject, max(0, start - _WINDOW), window_end):
            # A match that reaches the window's end may only look whole: read it again
            # unless the window ends with the text.
            whole = match.end() < window_end or window_end == len(text)
            if match.start("unit") == start and whole:
                matches.setdefault(match.start(), match)
    return [matches[start] for start in sorted(matches)]


def find_statements(text: str) -> list[Statement]:
    """Every experience statement in the text, with the requirements' ones first."""
    sections = read_sections(text)
    requirements = sections.spans("requirements")
    elsewhere_not = [
        *sections.spans("nice_to_have"),
        *sections.spans("benefits"),
        *sections.excluded,
    ]
    primary: list[Statement] = []
    secondary: list[Statement] = []
    for match in _statement_matches(text):
        position = match.start()
        if any(start <= position < end for start, end in elsewhere_not):
            continue
        in_requirements = any(start <= position < end for start, end in requirements)
        statement = _read(text, match, in_requirements)
        if statement is not None:
            (primary if in_requirements else secondary).append(statement)
    return primary + secondary


def RULE(context: RuleContext) -> list[Candidate]:
    """The years of experience asked for, from the first statement that asks for them."""
    statements = find_statements(context.text)
    if not statements:
        return []
    first = statements[0]
    value = ExperienceYears(min=first.min, max=first.max)
    return [Candidate("experience_years", value, SOURCE, Tier.RULE, (first.start, first.end))]

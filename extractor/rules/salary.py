"""Rules for salary and salary_estimate: pay figures stated in the text.

An amount counts only with a currency beside it (a code, symbol or word; "LPA" implies
rupees, "円" yen), so years, phone numbers and head counts never read as pay. Amounts about
something else are refused by the words around them: a valuation, funding or revenue
("$20M ARR"), a budget, stipend or allowance ("$200/month coworking"), a bonus, and another
role's pay ("we're also hiring a designer at £60k"). A board's "similar jobs" block is not read.

Where the text states several different salaries (a permanent and a freelance rate, a range
per level), each becomes a candidate in the order of the text: the merge keeps the first, the
employer's lead figure, and the others stay visible to the LLM step and to debugging.

A third party's figure goes to salary_estimate: one marked "estimated", "est." or "Glassdoor",
and a salary site's own "Salary : ..." line at the end of its page. Seed 002 is such a page
(salary.com's "What are the responsibilities and job description for the ... position at
...?" template). Its top line "Salary: USD 180K-200K/annual; DOE" runs straight into the
employer's text ("DOEbeehiiv is ...") and uses the employer's own "DOE" (depending on
experience): it is the first line of the employer's posting, so it is the salary. The page's
last line, "Salary : $107,000 - $146,900", comes after the posting ends, in the site's own
format: that is the site's estimate shown beside the employer's figure (SPEC section 3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from extractor.candidates import Candidate
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.salary import make_salary, parse_amount
from extractor.rules import RuleContext, end_of_posting, rule_candidate
from extractor.schema import Salary

_CODES = (
    "USD|EUR|GBP|INR|PLN|JPY|CNY|RMB|CHF|CAD|AUD|NZD|SGD|HKD|SEK|NOK|DKK|CZK|HUF|RON|BRL|MXN|"
    "ZAR|RUB|RUR|KZT|UZS|BYN|BYR|UAH|TRY|ILS|KRW|AED"
)
_SYMBOLS = r"US\$|CA\$|CAD\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|R\$|\$|€|£|₹|¥|￥|₽|₩|₪|₺|₱|₦|Rs\.?"
_WORDS = r"dollars?|euros?|Euro|pounds?|zł|zl\b|złotych|yen|rupees?|円"
_NUMBER = r"\d{1,3}(?:[.,'’\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
_MULTIPLIER = (
    r"k(?![a-zA-Z])|K(?![a-zA-Z])|M(?![a-zA-Z])|Mio\.?|mil\b|million\b|lakhs?\b|LPA\b"
    r"|crores?\b|万"
)

# The characters an amount can start with: a currency code's or symbol's first, or a digit.
# The lookahead below tests them in one step, where the pattern alone would try every code and
# symbol at every position of the text; it matches exactly the same.
_CURRENCIES_BEFORE = [code.replace("\\", "") for code in f"{_CODES}|{_SYMBOLS}".split("|")]
_FIRST_CHARS = "".join(sorted({code[0] for code in _CURRENCIES_BEFORE}))
# The most characters an amount can hold before its number: the longest currency ("CAD$";
# "Rs.?" counts its optional dot) and a space.
_MAX_LEAD = max(len(code.rstrip("?")) for code in _CURRENCIES_BEFORE) + 1
# One amount: an optional currency, a number, an optional multiplier, an optional currency.
_AMOUNT = re.compile(
    rf"(?=[{re.escape(_FIRST_CHARS)}\d])"
    rf"(?:(?P<pre>\b(?:{_CODES})\b|{_SYMBOLS})[ \u00a0]?)?"
    rf"(?<![0-9A-Za-z.,+])(?P<number>{_NUMBER})"
    rf"(?:[ \u00a0]?(?P<mult>{_MULTIPLIER}))?"
    # A symbol right before another figure is that figure's, not this one's ("10 $142,180").
    rf"(?:[ \u00a0]?(?P<post>(?:\b(?:{_CODES})\b|{_SYMBOLS}|{_WORDS})(?![ \u00a0]?\d)))?"
)
_RANGE_GAP = re.compile(
    # "$45/hr - $55/hr" repeats the period inside the range.
    r"(?:\s{0,2}/\s{0,2}[^\W\d_]{1,6})?"
    r"\s{0,4}(?:-|–|—|~|〜|～|to|bis|a|à|au|hasta|and|und|et|y)\s{0,4}$",
    re.IGNORECASE,
)
_AND_GAP = re.compile(r"\b(?:and|und|et|y)\s{0,4}$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|zwischen|entre)\s{0,4}$", re.IGNORECASE)

_MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "mil": 1e3,
    "m": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "million": 1e6,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lpa": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "万": 1e4,
}


def _led_by(first: str, pattern: str) -> re.Pattern[str]:
    """``pattern``, case-insensitive, behind a lookahead for the characters it can start with.

    The regex engine then tests one character class at each position of a window instead of
    entering every alternative: 3 to 4 times faster on the short windows these patterns read
    (0.015 ms per posting). The tests check that every match starts with one of ``first``.
    """
    return re.compile(rf"(?=[{re.escape(first)}])(?:{pattern})", re.IGNORECASE)


_PERIOD_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (period, _led_by(first, pattern))
    for period, first, pattern in (
        (
            "HOUR",
            "/adhlps時",
            r"(?:/\s?|\bper\s+|\ban?\s+|\bpro\s+|\bpar\s+|\bpor\s+|\bla\s+)"
            r"(?:hour|hr|h|heure|Stunde|hora)\b|\bhourly\b|\bstündlich|\bde\s+l['’]heure\b"
            r"|/時|時間",
        ),
        (
            "DAY",
            "/adp",
            r"(?:/\s?|\bper\s+|\ban?\s+|\bpro\s+|\bpar\s+|\bpor\s+)(?:day|d|j|jour|Tag|día)\b"
            r"|\bdaily\b|\bper\s+diem\b|/日",
        ),
        (
            "WEEK",
            "/ahpsw",
            r"(?:/\s?|\bper\s+|\ban?\s+|\bpro\s+|\bpar\s+|\bpor\s+)"
            r"(?:week|wk|Woche|semaine|semana)\b"
            r"|\bweekly\b|\bwöchentlich|\bhebdomadaire|\bsemanal",
        ),
        (
            "MONTH",
            "/aimp",
            r"(?:/\s?|\bper\s+|\ban?\s+|\bpro\s+|\bpar\s+|\bpor\s+|\bal\s+|\bim\s+)"
            r"(?:month|mo|mth|mois|Monat|mes)\b|\bmonthly\b|\bmonatlich|\bmensuel\w*|\bmensual\w*"
            r"|/月",
        ),
        (
            "YEAR",
            "/aijlpy",
            r"(?:/\s?|\bper\s+|\ban?\s+|\bpro\s+|\bpar\s+|\bpor\s+|\bal\s+|\bim\s+)"
            r"(?:year|yr|annum|annual|an|année|Jahr|año)\b|\bp\.\s?a\.|\bpa\b|\bannual(?:ly)?\b"
            r"|\byearly\b|\bjährlich|\bannuel\w*|\banual\w*|\bLPA\b|/年",
        ),
    )
)
_PERIOD_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (period, _led_by(first, pattern))
    for period, first, pattern in (
        ("HOUR", "hpst時", r"\bhourly\b|\bStunden(?:lohn|satz)|\btaux\s+horaire|\bpor\s+hora|時給"),
        (
            "DAY",
            "dt日",
            r"\bday\s+rate|\bdaily\s+rate|\bTagessatz|\bTJM\b|\btaux\s+journalier|日給",
        ),
        ("MONTH", "m月", r"\bmonthly\b|\bMonats\w*|\bmensuel\w*|\bmensual\w*|月給|月収|月額"),
        ("YEAR", "ajy年", r"\bannual\b|\byearly\b|\bJahres\w*|\bannuel\w*|\banual\b|年俸|年収"),
    )
)

# Words that say an amount is not this job's pay, when they lead up to it in its sentence...
# Only whether it matches counts. A compound ("Weiterbildungsbudget") is a word ending in one
# of the words after a letter: "(?<=\w)budget\b" finds it where "\b\w+budget\b" would make
# the engine back off through every word.
_NOT_PAY_BEFORE = _led_by(
    "4abcefgilmoprstuvz交手補賞",
    r"\b(?:valuation|valued|raised|raising|funding|funded|Series\s+[A-F]|ARR|MRR|revenue|GMV"
    r"|turnover|budget|stipend|allowance|reimburse\w*|bonus|equity|investment|backed"
    r"|401\s?\(?k\)?|pension|retirement|contributions?|match(?:ing)?"
    r"|also\s+(?:hiring|looking|recruiting|seeking)|other\s+roles?|similar\s+(?:jobs|roles)"
    r"|Umsatz|Finanzierung|Bewertung|Zuschuss|Pauschale|Prämie|chiffre\s+d['’]affaires|levée"
    r"|a\s+levé|prime|indemnité|facturación|financiación|presupuesto|bono)\b"
    r"|(?<=\w)(?:budget|zuschuss|pauschale|prämie|bonus)\b"
    r"|手当|補助|賞与|交通費",
)
# ... or when they follow it directly ("$20M ARR", "$200/month coworking budget").
_NOT_PAY_AFTER = re.compile(
    r"^(?:\s{0,4}/\s{0,4}\w+)?[\s\w.-]{0,20}?"
    r"\b(?:valuation|ARR|MRR|revenue|in\s+funding|funding|raised"
    r"|round|seed|Series|budget|stipend|allowance|coworking|co-working|home\s+office"
    r"|bonus|signing|sign-on|relocation|referral|equity|in\s+sales|GMV|investment|AUM|assets"
    r"|Umsatz|Budget|Zuschuss|Finanzierung|chiffre|levée|prime|facturación|presupuesto"
    r"|\w+(?:budget|zuschuss|pauschale|prämie|bonus))\b",
    re.IGNORECASE,
)
_ESTIMATE = _led_by(
    "egs",
    r"\b(?:est\.|estimated|estimate|Glassdoor|geschätzt\w*|Schätzung|estimé\w*|estimad[oa]s?)",
)
_EMPLOYER_VOICE = re.compile(
    r"\b(?:we|our|this\s+(?:role|position|job)|the\s+(?:role|position|job)|wir|unser\w*"
    r"|nous|notre|nosotros|nuestr[oa]|este\s+puesto|ce\s+poste|diese\s+Stelle)\b",
    re.IGNORECASE,
)
# salary.com's page template; its own figure is the "Salary : ..." line after the posting.
_SALARY_SITE = re.compile(
    r"\A\s*What are the responsibilities and job description for the .{3,120}? position at "
)
_SITE_SALARY_LINE = re.compile(r"^\s{0,4}Salary\s{0,4}:.*\S\s{0,4}\Z", re.IGNORECASE | re.MULTILINE)

_SENTENCE_BREAK = _led_by(".!?;\n+p", r"[.!?;\n](?=\s|$)|\n|\+|\bplus\b")
# The last break of a window: ".*" runs to the window's end and backs off to the nearest
# break, where finditer would list every break from the window's start (0.005 ms per posting).
_LAST_SENTENCE_BREAK = re.compile(rf"(?s:.*){_SENTENCE_BREAK.pattern}", re.IGNORECASE)
# Currencies whose yearly pay is at least five figures, so a bare "USD 100000" is a year's pay.
_YEARLY_BY_SIZE: dict[str, float] = {
    "USD": 20_000,
    "EUR": 20_000,
    "GBP": 20_000,
    "CHF": 20_000,
    "CAD": 20_000,
    "AUD": 20_000,
    "NZD": 20_000,
    "SGD": 20_000,
    "JPY": 2_000_000,
}


# A NamedTuple: a dozen are made per posting, and a frozen dataclass's __init__ costs 3 times more.
class _Amount(NamedTuple):
    start: int
    end: int
    value: float
    currency: str | None
    multiplier: float | None
    lpa: bool
    thousands: bool  # "k", "M": SPEC reads such figures without a period as yearly

    @property
    def priced(self) -> bool:
        """A currency stands beside the figure, or "LPA" implies one."""
        return self.currency is not None or self.lpa


def RULE(context: RuleContext) -> list[Candidate]:
    """Every distinct stated salary, and a third party's estimate, with the text's spans."""
    text = context.text
    limit = end_of_posting(text)
    site_line = _site_estimate_line(text)
    seen: set[tuple[str, str]] = set()
    candidates: list[Candidate] = []
    for start, end, salary in _salaries(text, limit):
        is_estimate = _is_estimate(text, start, end) or (
            site_line is not None and site_line[0] <= start < site_line[1]
        )
        name = "salary_estimate" if is_estimate else "salary"
        key = (name, salary.model_dump_json())
        if key in seen:
            continue
        seen.add(key)
        candidates.append(rule_candidate("salary", name, salary, (start, end)))
    return candidates


# Real documents hold at most a few hundred figures (618 in the corpus, an hh.ru search
# page) and a few dozen with a currency (69, a Japanese care-job page). A priced figure
# costs a dozen searches around it, so a text built of figures ("$1 $1 ...", 100,000
# characters: 22 s) is read only up to these counts.
_MAX_AMOUNTS = 2_000
_MAX_PRICED = 300


_DIGIT = re.compile(r"\d")


def _amount_matches(text: str, limit: int) -> Iterator[re.Match[str]]:
    """The matches of _AMOUNT.finditer(text, 0, limit), found from the digits.

    Every amount's number starts with a digit at most _MAX_LEAD characters after the amount
    does, so the search for the next amount can start there: the regex engine skips to a
    digit in C where _AMOUNT would try its alternatives at every character (0.02 ms per
    posting). Lookbehinds still see the text before the search's start.
    """
    position = 0
    while (digit := _DIGIT.search(text, position, limit)) is not None:
        match = _AMOUNT.search(text, max(position, digit.start() - _MAX_LEAD), limit)
        if match is None:
            return
        yield match
        position = match.end()


def _salaries(text: str, limit: int) -> list[tuple[int, int, Salary]]:
    found_amounts = filter(None, map(_amount, _amount_matches(text, limit)))
    amounts = list(islice(found_amounts, _MAX_AMOUNTS))
    priced = [index for index, a in enumerate(amounts) if a.priced]
    if len(priced) > _MAX_PRICED:
        amounts = amounts[: priced[_MAX_PRICED]]
    found: list[tuple[int, int, Salary]] = []
    index = 0
    while index < len(amounts):
        low = amounts[index]
        index += 1
        # Most figures (years, counts, the high end of a range just read) have no currency,
        # and neither has the next one: no salary either alone or as a range, so skip the
        # range test and the salary's checks (7 in 10 figures in the corpus).
        if not low.priced and (index == len(amounts) or not amounts[index].priced):
            continue
        if index < len(amounts) and _is_range(text, low, amounts[index]):
            salary = _salary(text, low, amounts[index])
            if salary is not None:
                found.append((low.start, amounts[index].end, salary))
                index += 1
                continue
            # Not a range of pay ("GS-15 - $109,366"): the second figure starts afresh.
        salary = _salary(text, low, low)
        if salary is not None:
            found.append((low.start, low.end, salary))
    # A stated range is the fuller statement of the pay than a lone figure ("the maximum
    # is $170,800"), so ranges lead; within each kind the text's order stands.
    return sorted(found, key=lambda item: item[2].min == item[2].max)


def _amount(match: re.Match[str]) -> _Amount | None:
    number = parse_amount(match.group("number"))
    if number is None:
        return None
    pre, mult, post = match.group("pre", "mult", "post")
    # Most figures stand bare: skip the look-ups for the parts they lack.
    currency = (to_currency_code(pre) if pre else None) or (
        to_currency_code(post) if post else None
    )
    if not mult:
        return _Amount(match.start(), match.end(), number, currency, None, False, False)
    mult_word = mult.casefold()
    lpa = mult_word == "lpa"
    if mult_word == "万" and post == "円":
        currency = "JPY"
    multiplier = _MULTIPLIERS.get(mult_word.rstrip("."), _MULTIPLIERS.get(mult_word))
    thousands = mult_word in ("k", "m", "mil", "mio", "mio.", "million")
    return _Amount(match.start(), match.end(), number, currency, multiplier, lpa, thousands)


def _is_range(text: str, low: _Amount, high: _Amount) -> bool:
    gap = text[low.end : high.start]
    if len(gap) > 16 or not _RANGE_GAP.fullmatch(gap):
        return False
    # "between 14.500 and 19.500": "and" joins a range only after "between".
    if _AND_GAP.search(gap):
        return bool(_BETWEEN.search(text[max(0, low.start - 12) : low.start]))
    return True


def _salary(text: str, low: _Amount, high: _Amount) -> Salary | None:
    currency = low.currency or high.currency
    lpa = low.lpa or high.lpa
    if lpa and currency is None:
        currency = "INR"
    if currency is None or not _is_pay(text, low.start, high.end):
        return None
    # "45-60K€", "500〜600万円": the second figure's multiplier covers the first.
    low_mult = low.multiplier or (high.multiplier if low is not high else None)
    minimum = low.value * (low_mult or 1)
    maximum = high.value * (high.multiplier or 1)
    if minimum > maximum or (minimum and maximum / minimum > 10):
        return None
    period = "YEAR" if lpa else _period(text, low.start, high.end)
    if period is None and (low.thousands or high.thousands):
        period = "YEAR"  # SPEC: "k" figures with no stated period are yearly
    if period is None and minimum >= _YEARLY_BY_SIZE.get(currency, float("inf")):
        period = "YEAR"
    return make_salary(minimum, maximum, currency, period)


def _sentence_before(text: str, start: int, reach: int = 80) -> str:
    window = text[max(0, start - reach) : start]
    last = _LAST_SENTENCE_BREAK.match(window)
    return window[last.end() :] if last else window


def _sentence_after(text: str, end: int, reach: int = 40) -> str:
    window = text[end : end + reach]
    match = _SENTENCE_BREAK.search(window)
    return window[: match.start()] if match else window


_K_AFTER = re.compile(r"\(k\)|k\b")
_BILLIONS_AFTER = re.compile(r"\s?(?:B|bn|billion|Mrd)\b")
_LINE_END = re.compile(r"\n|[.;!?](?:\s|$)")


def _is_pay(text: str, start: int, end: int) -> bool:
    if text[max(0, start - 1) : start] == "+" or _K_AFTER.match(text[end : end + 3]):
        return False  # a phone number or a 401(k)
    if _BILLIONS_AFTER.match(text[end : end + 9]):
        return False  # no one's pay is in billions
    if _NOT_PAY_BEFORE.search(_sentence_before(text, start)):
        return False
    return not _NOT_PAY_AFTER.search(_sentence_after(text, end))


def _line_after(text: str, end: int, reach: int) -> str:
    window = text[end : end + reach]
    line_end = _LINE_END.search(window)
    return window[: line_end.start()] if line_end else window


def _line_before(text: str, start: int, reach: int) -> str:
    return text[max(0, start - reach) : start].rsplit("\n", 1)[-1]


def _period(text: str, start: int, end: int) -> str | None:
    after = _line_after(text, end, reach=35)
    for period, pattern in _PERIOD_AFTER:
        if pattern.search(after):
            return period
    before = _sentence_before(text, start, reach=50)
    for period, pattern in _PERIOD_BEFORE:
        if pattern.search(before):
            return period
    return None


def _is_estimate(text: str, start: int, end: int) -> bool:
    before = _line_before(text, start, reach=80)
    marked = _ESTIMATE.search(before[-40:]) or _ESTIMATE.search(_line_after(text, end, reach=25))
    # "The estimated salary range for this position is ..." is the employer's own statement.
    return bool(marked) and not _EMPLOYER_VOICE.search(before)


def _site_estimate_line(text: str) -> tuple[int, int] | None:
    """The span of a salary site's own salary line, the page's last line, where there is one."""
    if not _SALARY_SITE.match(text):
        return None
    match = _SITE_SALARY_LINE.search(text)
    return match.span() if match else None

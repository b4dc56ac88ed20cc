"""Rules for workplace_type (onsite, hybrid, remote) and remote_eligibility.

"Remote", "hybrid" and "on-site" also describe apps, clouds, gyms and retreats, so each signal
is matched only in phrasings about where the work happens. Where several are stated, an
explicit fully-remote statement wins, then hybrid (an office part beats a remote part), then
remote, then on-site. Eligibility is read only for remote or hybrid work, from phrases that
say where applicants may live.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from extractor.candidates import Candidate
from extractor.normalize.countries import to_country_code
from extractor.rules import RuleContext, rule_candidate
from extractor.rules.prefilter import AlternationScanner, folded

_FLAGS = re.IGNORECASE | re.MULTILINE
_WORK = r"(?:work(?:ing)?|role|position|job|model|arrangement|setup|set-up|schedule|environment)"
_DAYS = r"(?:\d|one|two|three|four|zwei|drei|vier|un|deux|trois|quatre|dos|tres|cuatro)"

_FULLY_REMOTE = re.compile(
    r"\b(?:fully|100\s?%|completely|entirely|full)[- ]remote\b|\bremote[- ]only\b"
    r"|\bwork\s+from\s+anywhere\b|\b100\s?%\s{0,4}télétravail\b"
    r"|\btélétravail\s+(?:complet|total|à\s+100\s?%)|\bfull\s+remote\b"
    r"|\b100\s?%\s{0,4}(?:remoto|teletrabajo|Homeoffice|home\s+office)\b"
    r"|\bkomplett\s+(?:remote|im\s+Homeoffice)\b|\bvollständig\s+(?:remote|im\s+Homeoffice)\b"
    r"|\bteletrabajo\s+(?:completo|total)\b|\banywhere\s+in\s+the\s+world\b",
    _FLAGS,
)
# "2 days in the office", "deux jours de télétravail": tried only before a day word.
_DAYS_IN_OFFICE = (
    rf"\b{_DAYS}\s+(?:days?|Tage?n?|jours?|días?)\s+(?:(?:a|per|pro|par|por)\s+"
    r"(?:week|Woche|semaine|semana)\s+)?(?:in|at|im|au|en|on)\s+(?:the\s+|la\s+|das\s+)?"
    r"(?:office|Büro|bureau|oficina|site)\b"
)
_DAYS_AT_HOME = (
    rf"\b{_DAYS}\s+(?:jours?|días?|Tage?)\s+(?:de\s+)?(?:télétravail|teletrabajo|Homeoffice)\b"
)
_HYBRID = re.compile(
    rf"\bhybrid(?:e|o|a)?\s+{_WORK}\b|\b(?:is|be|:|-|–)\s{{0,4}}hybrid\b|^[^\w\n]{{0,8}}hybrid\b"
    rf"|\bhybrid\s{{0,4}}(?:\(|,|;|\.|$)|\bmodalidad\s+híbrida\b|\bsemi-?presencial\b"
    rf"|{_DAYS_IN_OFFICE}|{_DAYS_AT_HOME}"
    r"|\btélétravail\s+(?:partiel|\d\s+jours?|possible\s+\d)|\bteletrabajo\s+parcial\b"
    r"|\bteilweise\s+(?:im\s+)?(?:Homeoffice|remote)\b|\bHomeoffice[- ](?:Anteil|Tage?)\b"
    r"|\bHome[- ]?office\s+möglich\b|\bmobiles\s+Arbeiten\b"
    r"|\boffice\s+(?:minimum\s+|at\s+least\s+)?(?:once|twice|\d\s+times?)\s+(?:a|per)\s+week\b",
    _FLAGS,
)
_REMOTE = re.compile(
    # "a remote team" describes colleagues, not this job; "remote-first" allows an office.
    rf"\bremote\s+(?:{_WORK}|eligible|friendly|position|opportunity|company)\b"
    r"|\bremote[- ]friendly\b|\bremote[- ]first\b|\bwork\s+(?:remotely|from\s+home)\b|\(remote\)"
    r"|^[^\w\n]{0,8}(?:location|ort|lieu|ubicación|workplace)?[^\w\n]{0,8}remote\b"
    r"(?!\s{0,4}:\s{0,4}(?:no|nein|non)\b)"
    r"|\bremote\s{0,4}(?:\(|,|-|–|/)\s{0,4}(?:[A-Z]|worldwide|anywhere)"
    r"|\b(?:is|be)\s+(?:a\s+)?remote\b|\bvirtual\s+\(100%\s+remote\)"
    r"|\btélétravail\b|\bteletrabajo\b|\b(?:en|trabajo)\s+remoto\b|\bremoto\b"
    r"|\b(?:im\s+)?Homeoffice\b|\bRemote[- ]Arbeit\b|\bRemote\s+Work\s+möglich\b",
    _FLAGS,
)
_ONSITE = re.compile(
    rf"\b{_WORK}\s+is\s+(?:fully\s+|100%\s+)?(?:on-?site|in[- ]office|in[- ]person)\b"
    r"|\bon-?site\s+(?:role|position|job|only|work)\b|\b(?:fully|100\s?%)\s+on-?site\b"
    r"|\bin[- ]office\s+(?:role|position|only)\b|\bno\s+remote\b|\bnot\s+(?:a\s+)?remote\b"
    r"|\bremote\s{0,4}:\s{0,4}no\b|\b(?:Arbeit|Tätigkeit)\s+vor\s+Ort\b"
    r"|\bPräsenz(?:pflicht|stelle)\b"
    r"|\bkein\s+Homeoffice\b|\b(?:trabajo|modalidad|puesto)\s{0,4}:?\s+presencial\b"
    r"|\b100\s?%\s+presencial\b|\ben\s+présentiel\b|\b100\s?%\s+présentiel\b"
    r"|\bsur\s+site\b|\bpas\s+de\s+télétravail\b|\bsin\s+teletrabajo\b",
    _FLAGS,
)
# Hybrid and remote matches that are not about work: apps, clouds, controls.
_NOT_WORK = re.compile(
    r"\b(?:hybrid|remote)\s+(?:apps?|cloud|vehicles?|cars?|controls?|sensing|access|"
    r"desktop|procedure|debugging|repository|server|sessions?)\b",
    re.IGNORECASE,
)

_REGIONS: dict[str, str] = {
    "worldwide": "Worldwide",
    "anywhere": "Worldwide",
    "the world": "Worldwide",
    "world": "Worldwide",
    "global": "Worldwide",
    "globally": "Worldwide",
    "weltweit": "Worldwide",
    "le monde": "Worldwide",
    "monde": "Worldwide",
    "el mundo": "Worldwide",
    "mundo": "Worldwide",
    "americas": "Americas",
    "the americas": "Americas",
    "north america": "North America",
    "latin america": "Latin America",
    "latam": "Latin America",
    "latinoamérica": "Latin America",
    "amérique latine": "Latin America",
    "europe": "Europe",
    "europa": "Europe",
    "eu": "EU",
    "the eu": "EU",
    "der eu": "EU",
    "european union": "EU",
    "the european union": "EU",
    "union européenne": "EU",
    "unión europea": "EU",
    "emea": "EMEA",
    "apac": "APAC",
    "asia-pacific": "APAC",
    "asia pacific": "APAC",
    "africa": "Africa",
    "afrika": "Africa",
    "afrique": "Africa",
    "áfrica": "Africa",
    "middle east": "Middle East",
    "oceania": "Oceania",
}

_PLACE_ONLY = r"(?<![\w-])(?P<place>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})\s+only\b"
_PLACE = r"(?P<place>[A-Za-zÀ-ÿ.][A-Za-zÀ-ÿ.\- ]{1,40}?)"
_END = r"(?=\s{0,4}[,.;:)(\]\n]|\s+(?:only|as|and|or|time|to)\b|$)"
# Each pattern names the place where applicants may live; the region table or the country
# names decide whether it is one.
_ELIGIBILITY: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, _FLAGS)
    for pattern in (
        rf"\bwithin\s+(?:the\s+)?{_PLACE}\s+region\b",
        rf"\b(?:anywhere|everywhere)\s+in\s+(?:the\s+)?{_PLACE}{_END}",
        rf"\b(?:remote|remotely|work\s+from\s+home)[- ]?(?:friendly\s+)?"
        rf"(?:within|in|from|across)\s+(?:the\s+)?{_PLACE}{_END}",
        rf"\bremote[- ]friendly\s+(?:within|in|from|across)\s+(?:the\s+)?{_PLACE}{_END}",
        rf"\bremote\s{{0,4}}[(\[]\s{{0,4}}{_PLACE}(?=\s{{0,4}}[)\],/])",
        rf"\bremote\s{{0,4}}[-–,/]\s{{0,4}}{_PLACE}(?=\s{{0,4}}(?:only)?\s{{0,4}}[,.;:)(\n]|$)",
        # "US only", "EU only": a capitalised name, read whole below (never a prefix of it).
        _PLACE_ONLY,
        rf"\b(?:must|should)\s+(?:be\s+)?(?:located|based|reside|live|residing)\s+in\s+"
        rf"(?:the\s+)?{_PLACE}{_END}",
        # "work from anywhere within those regions" names no region of its own.
        r"\bwork\s+from\s+anywhere\b(?!\s+(?:with)?in\b)(?P<place>)",
        rf"\b(?:candidates|applicants|people|residents|employees)\s+(?:who\s+are\s+)?"
        rf"(?:based|located|residing|living)\s+in\s+(?:the\s+)?{_PLACE}{_END}",
        rf"\b(?:residents|residentes|résidents|candidatos|candidats)\s+(?:of|in|en|de)\s+"
        rf"(?:the\s+|la\s+)?{_PLACE}{_END}",
        rf"\bteletrabajo\s+desde\s+(?:cualquier\s+lugar\s+de\s+)?(?:la\s+|el\s+)?{_PLACE}{_END}",
        r"\b(?:remoto|remote|télétravail|teletrabajo)(?:[- ][^\W\d_]+){0,2}"
        r"\s+(?:desde|aus|depuis)\s+"
        r"(?:toda\s+|ganz\s+|toute\s+)?"
        rf"(?:la\s+|el\s+|l['’]|der\s+|dem\s+)?{_PLACE}{_END}",
        rf"\bpartout\s+en\s+{_PLACE}{_END}",
    )
)


def RULE(context: RuleContext) -> list[Candidate]:
    """workplace_type from the strongest signal, and where remote or hybrid applicants may live."""
    text = context.text
    kind, span = _workplace(text)
    candidates: list[Candidate] = []
    if kind:
        candidates.append(rule_candidate("workplace", "workplace_type", kind, span))
    known_kind = context.known.get("workplace_type") or kind
    if known_kind in ("remote", "hybrid"):
        regions, region_span = _eligibility(text)
        if regions:
            candidates.append(
                rule_candidate("workplace", "remote_eligibility", regions, region_span)
            )
    return candidates


# "Our roles are not fully remote", "kein Homeoffice", "pas de télétravail" deny the signal.
_DENIED = re.compile(
    r"\b(?:not|no|never|nicht|kein\w*|pas\s+de|sin|no\s+es)\s+(?:\w+\s+)?$", re.IGNORECASE
)


@lru_cache(maxsize=4)  # one text at a time
def _reversed(text: str) -> str:
    return text[::-1]


# The words _DAYS_IN_OFFICE and _DAYS_AT_HOME count days with (folded), and the longest of
# _DAYS ("quatre", "cuatro").
_DAY_WORDS = ("day", "tag", "jour", "día")
_LONGEST_DAYS = 6
_REVERSED_BLANKS = re.compile(r"\s+")


def _lead_ups(
    text: str, words: tuple[str, ...], reversed_before: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    """Where each of ``words`` stands in the text, the span (start, end) that leads up to it:
    what ``reversed_before`` matches reading backwards from the word, which ends the span."""
    lowered = folded(text)
    reversed_text = _reversed(text)
    for word in words:
        end = lowered.find(word)
        while end >= 0:
            before = reversed_before.match(reversed_text, len(text) - end)
            if before:
                yield len(text) - before.end(), end
            end = lowered.find(word, end + 1)


@lru_cache(maxsize=4)  # one text at a time
def _days_starts(text: str) -> tuple[int, ...]:
    """Every place (ascending) where a _DAYS_IN_OFFICE or _DAYS_AT_HOME match can start: a
    few characters before the blanks before a day word. A search would try a number at every
    position of the text (0.1 ms on a posting that holds "office" and "day")."""
    starts: set[int] = set()
    for number_end, _day in _lead_ups(text, _DAY_WORDS, _REVERSED_BLANKS):
        starts.update(range(max(0, number_end - _LONGEST_DAYS), number_end))
    return tuple(sorted(starts))


# Each signal runs only the alternatives whose words the text holds (same matches, in order).
_SCANNERS = {
    pattern: AlternationScanner(
        pattern,
        branch_starts=(
            {_DAYS_IN_OFFICE: _days_starts, _DAYS_AT_HOME: _days_starts}
            if pattern is _HYBRID
            else None
        ),
    )
    for pattern in (_FULLY_REMOTE, _HYBRID, _REMOTE, _ONSITE)
}
# Before an "only" (read backwards): the blanks, then up to three words joined by one blank,
# which is all that _PLACE_ONLY can hold there.
_REVERSED_PLACE = re.compile(r"\s+[\w.]+(?:\s[\w.]+){0,2}")
# Where a _PLACE_ONLY name can start inside its words: after a blank or a dot.
_WORD_START = re.compile(r"[\s.]")


@lru_cache(maxsize=4)  # one text at a time
def _place_only_starts(text: str) -> tuple[int, ...]:
    """Every place (ascending) where a _PLACE_ONLY match can start: within the few words
    before an "only". Its name can start at any word, so a search tries every position of
    the text (0.5 ms on a posting that holds "only"); these are a handful."""
    starts: set[int] = set()
    for start, only in _lead_ups(text, ("only",), _REVERSED_PLACE):
        starts.add(start)
        starts.update(m.end() for m in _WORD_START.finditer(text, start, only))
    return tuple(sorted(starts))


def _eligibility_scanner(pattern: re.Pattern[str]) -> AlternationScanner:
    # Each eligibility pattern runs only where its words stand (same matches, in order).
    if pattern.pattern == _PLACE_ONLY:
        return AlternationScanner(pattern, starts=_place_only_starts)
    return AlternationScanner(pattern)


_ELIGIBILITY_SCANNERS = tuple(_eligibility_scanner(pattern) for pattern in _ELIGIBILITY)


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    for match in _SCANNERS[pattern].finditer(text):
        if _NOT_WORK.match(text, match.start()) or _NOT_WORK.search(match.group()):
            continue
        if pattern is not _ONSITE and _DENIED.search(
            text[max(0, match.start() - 25) : match.start()]
        ):
            continue
        return match
    return None


def _workplace(text: str) -> tuple[str | None, tuple[int, int] | None]:
    for kind, pattern in (
        ("remote", _FULLY_REMOTE),
        ("hybrid", _HYBRID),
        ("remote", _REMOTE),
        ("onsite", _ONSITE),
    ):
        match = _first(pattern, text)
        if match:
            return kind, match.span()
    return None, None


def _eligibility(text: str) -> tuple[list[str], tuple[int, int] | None]:
    regions: list[str] = []
    first_span: tuple[int, int] | None = None
    matches = sorted(
        (match for scanner in _ELIGIBILITY_SCANNERS for match in scanner.finditer(text)),
        key=lambda match: match.start(),
    )
    for match in matches:
        place = match.group("place")
        whole = match.re.pattern == _PLACE_ONLY
        region = _region(place, whole=whole) if place else "Worldwide"
        found = [region] if region else []
        if region:
            found.extend(_listed_after(text, match.end()))
        for item in found:
            if item not in regions:
                regions.append(item)
                first_span = first_span or match.span()
    # "Work from anywhere" beside a named region means anywhere within it.
    if len(regions) > 1 and "Worldwide" in regions:
        regions.remove("Worldwide")
    return regions, first_span


_LIST_ITEM = re.compile(
    r"\s{0,4}(?:,|/|&|\band\b|\bor\b|\bet\b|\by\b|\bund\b|\bou\b|\bo\b)\s{0,4}"
    r"(?:the\s+|la\s+|le\s+)?"
    r"(?P<place>[A-ZÀ-Ý][\w.]*(?:\s[A-ZÀ-Ý][\w.]*){0,2})"
)


def _listed_after(text: str, position: int) -> list[str]:
    """Further places in a list that continues a match: "the US and Canada", "UK, Ireland"."""
    regions: list[str] = []
    while match := _LIST_ITEM.match(text, position):
        # The place ends with its sentence: "the US and Europe. You can ..."
        place = re.split(r"\.(?:\s|$)", match.group("place"))[0]
        region = _region(place, whole=True)
        if not region:
            break
        regions.append(region)
        position = match.end()
    return regions


def _region(place: str, *, whole: bool = False) -> str | None:
    """A SPEC region or an ISO code for a place, trying shorter leading word runs.

    A two-letter word counts as a code only in capitals, so "as" or "in" never reads as a
    country; ``whole`` refuses a match on only part of the place.
    """
    words = place.strip(" .-").split()
    smallest = len(words) if whole else 1
    for size in range(min(len(words), 4), smallest - 1, -1):
        name = " ".join(words[:size])
        folded = name.casefold()
        if folded in _REGIONS:
            return _REGIONS[folded]
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
        if len(name) == 2 and not name.isupper():
            continue
        code = to_country_code(name)
        if code:
            return code
    return None

"""Rules for title and company from unstructured text, where no structured source states them.

The title comes from, in order: a salary site's "... the X position at Y?" header, a labelled
"Title:" line, the first markdown heading, or a short first line; each only when it reads as a
job title (it names a role or carries a gender marker such as "(m/w/d)"). SPEC's title drops
remote and location markers and the company name; gender markers and team suffixes stay.

The company comes from phrases that name the employer ("X is looking for", "Join X as", an
"About X" heading, "X is an equal opportunity employer", "At X, we", "X recrute"), counted
over the posting; the name stated most often wins. Job boards and salary sites are never the
employer: a fixed list of well-known ones, plus any name the page itself calls a job board
("Outer Join is the premier job board ..."). A board's "similar jobs" block is not read.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from extractor.candidates import Candidate
from extractor.normalize.countries import to_country_code
from extractor.rules import RuleContext, end_of_posting, rule_candidate
from extractor.rules.prefilter import AlternationScanner

_BOARDS = frozenset(
    name.casefold()
    for name in (
        "Outer Join", "OuterJoin", "LinkedIn", "Indeed", "Glassdoor", "Salary.com", "RemoteWLB",
        "We Work Remotely", "Greenhouse", "Lever", "Workday", "Ashby", "SmartRecruiters",
        "Recruitee", "Personio", "Monster", "StepStone", "ZipRecruiter", "Welcome to the Jungle",
        "Otta", "Wellfound", "AngelList", "Hacker News", "hh.ru", "InfoJobs", "Xing", "Dice",
        "Built In", "Remote OK", "Remotive", "Himalayas", "Jobicy", "Arbeitnow", "Workable",
        "Jobs", "Careers", "Hiring",
    )
)  # fmt: skip
# First words that make a phrase a pronoun or a generic noun, not an employer's name.
_NOT_A_NAME = frozenset(
    (
        "we", "our", "us", "you", "your", "the", "this", "that", "it", "they", "their", "he",
        "she", "company", "team", "client", "role", "job", "position", "who", "what", "why",
        "how", "where", "when", "here", "there", "everyone", "nobody", "wir", "unser", "unsere",
        "das", "die", "der", "sie", "nous", "notre", "nos", "le", "la", "les", "vous",
        "nosotros", "nuestra", "nuestro", "el", "los", "las", "usted",
    )
)  # fmt: skip

_NAME = (
    r"(?P<name>[A-Z0-9][\w&'’.-]*"
    r"(?:[ \t]+(?:[A-Z0-9&][\w&'’.-]*|of|and|for|de|du|des|für|und)){0,3})"
)
_SENTENCE_START = r"(?:^|(?<=[.!?:]\s)|(?<=\*\*))[ \t]{0,8}"
_COMPANY_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        rf"{_SENTENCE_START}{_NAME}\s+(?:is|are)\s+(?:currently\s+)?(?:looking\s+for|hiring|"
        r"seeking|searching\s+for|recruiting)\b",
        rf"\bJoin\s+{_NAME}\s+as\b",
        rf"^#+[ \t]{{0,8}}\**(?:About|Über|À\s+propos\s+de|Acerca\s+de|Sobre)[ \t]+"
        rf"{_NAME}\**[ \t]{{0,8}}$",
        rf"{_SENTENCE_START}{_NAME}\s+is\s+an?\s+equal\s+(?:opportunity|employment)",
        rf"{_SENTENCE_START}At\s+{_NAME},\s+(?:we|our)\b",
        rf"{_SENTENCE_START}{_NAME}\s+(?:recrute|sucht|busca|contrata)\b",
        rf"\b(?:position|role|job)\s+at\s+{_NAME}(?=[?.,!\s]|$)",
    )
)
_BOARD_SELF_DESCRIPTION = re.compile(
    rf"{_SENTENCE_START}{_NAME}\s+is\s+(?:the|a|an)\s+(?:\w+\s+){{0,3}}"
    r"(?:job\s+board|jobs?\s+site|job\s+search|salary\s+site|career\s+site)",
    re.MULTILINE,
)

_SALARY_SITE_HEADER = re.compile(
    r"\A\s*What are the responsibilities and job description for the (?P<title>[^\n?]{3,120}?) "
    r"position at (?P<company>[^\n?]{2,60})\?"
)
_TITLE_LABEL = re.compile(
    r"^[ \t]{0,8}\**(?:job\s+title|title|position|role|Stelle|Stellenbezeichnung|Poste|"
    r"Intitulé\s+du\s+poste|Puesto|Cargo)\**[ \t]{0,8}:[ \t]{0,8}\**\"?(?P<title>[^\n\"*]{3,100})",
    re.IGNORECASE | re.MULTILINE,
)
_FIRST_HEADING = re.compile(r"\A\s*#{1,2}[ \t]+(?P<title>[^\n]{3,160})")
_NEXT_HEADING = re.compile(
    r"[ \t]{0,8}\n?[ \t]{0,8}#{2,4}[ \t]+(?P<name>[^\n#]{2,60}?)[ \t]{0,8}(?:\n|$)"
)

_ROLE_WORDS = re.compile(
    r"(?:engineer|developer|manager|analyst|designer|scientist|specialist|\blead(?:er)?\b|director"
    r"|consultant|coordinator|assistant|architect|administrator|officer|associate|"
    r"representative|executive|technician|nurse|accountant|\bintern\b|\bhead\b|advisor|writer"
    r"|editor|recruiter|programmer|tester|researcher|\bSRE\b|devops|owner|agent|operator"
    r"|\bsales\b|marketing|support|\bcoach|teacher|driver|mechanic|\bcook|cashier|clerk"
    r"|entwickler|ingenieur|berater|leiter|referent|sachbearbeiter|mitarbeiter|techniker"
    r"|développeu|ingénieur|\bchef\b|responsable|technicien|chargé|vendeu|comptable"
    r"|desarrollador|ingenier[oa]|jef[ea]|técnic[oa]|analista|programador|diseñador|gerente"
    r"|coordinador|especialista|asistente|contable|comercial)",
    re.IGNORECASE,
)
_GENDER_MARKER = re.compile(
    r"\((?:m/w/d|w/m/d|m/f/d|f/m/d|d/m/w|h/f|f/h|m/f|w/m|all\s+genders)\)", re.I
)

_SECTION_HEADING = re.compile(
    r"\b(?:about|description|responsibilit|requirement|qualification|benefit|overview|summary"
    r"|role|job|location|salary|apply|über|beschreibung|aufgaben|profil|poste|missions?"
    r"|descripción|requisitos|🌎)",
    re.IGNORECASE,
)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*_`]+")
_REMOTE_MARKER = re.compile(
    r"\s{0,4}[(\[][^)\]]*\b(?:remote|télétravail|remoto|homeoffice|home\s+office|hybrid)\b"
    r"[^)\]]*[)\]]"
    r"|\s{0,4}[,|–—-]\s{0,4}(?:\d+\s?%\s{0,4})?(?:fully\s+)?"
    r"(?:remote|télétravail|remoto|hybrid)\b.*$"
    r"|^\s{0,4}(?:remote|hybrid)\s{0,4}[:|–—-]\s{0,4}",
    re.IGNORECASE,
)
_TRAILING_PLACE = re.compile(r"\s{0,4}(?:[,|–—-]\s{0,4}|\()(?P<place>[^,|–—()-]{2,40})\)?\s{0,4}$")


def RULE(context: RuleContext) -> list[Candidate]:
    """title and company from the posting's text, each only where no source states it."""
    text = context.text[: end_of_posting(context.text)]
    candidates: list[Candidate] = []
    company = None
    if not context.known.get("company"):
        found = _company(text)
        if found:
            company = found[0]
            candidates.append(rule_candidate("title_company", "company", found[0], found[1]))
    if not context.known.get("title"):
        employer = company or context.known.get("company")
        title = _title(text, employer if isinstance(employer, str) else None)
        if title:
            candidates.append(rule_candidate("title_company", "title", title[0], title[1]))
    return candidates


# Where a _SENTENCE_START can be, before a capital or digit within 8 spaces: the text's start,
# after a newline, after "[.!?:]" and a space, after "**". A scan for the one character that
# ends each separator finds them in C, where a search tries the lookbehinds at every position
# (0.2 ms per pattern on a posting).
_SENTENCE_BREAK = re.compile(r"[.!?:*\n](?:(?<=\n)|(?<=[.!?:])\s|(?<=\*)\*)(?=[ \t]{0,8}[A-Z0-9])")


@lru_cache(maxsize=4)  # the company patterns share one text's places
def _sentence_starts(text: str) -> tuple[int, ...]:
    """Every place (ascending) where a pattern that begins with _SENTENCE_START can match."""
    return (0, *(match.end() for match in _SENTENCE_BREAK.finditer(text)))


# What "X is hiring", "X is an equal opportunity employer" and "X is the job board" hold after
# their sentence start: a name, then "is" or "are".
_NAME_IS = re.compile(rf"[ \t]{{0,8}}{_NAME}\s+(?:is|are)\s", re.MULTILINE)


@lru_cache(maxsize=4)  # the three patterns share one text's places
def _named_starts(text: str) -> tuple[int, ...]:
    """The sentence starts (ascending) followed by a name and "is" or "are": one try at each
    sentence start for the three patterns instead of one for each."""
    return tuple(start for start in _sentence_starts(text) if _NAME_IS.match(text, start))


def _at_starts(text: str) -> tuple[int, ...]:
    """The sentence starts, for the case-sensitive "At X, we" pattern where "At" stands: the
    word checks fold case, and "at" stands in every text."""
    return _sentence_starts(text) if "At" in text else ()


def _scanner(pattern: re.Pattern[str]) -> AlternationScanner:
    # Each pattern runs only where its words stand (same hits, in order).
    after_name = pattern.pattern.removeprefix(_SENTENCE_START + _NAME)
    if after_name.startswith((r"\s+is\s", r"\s+(?:is|are)\s")):
        return AlternationScanner(pattern, starts=_named_starts)
    if pattern.pattern.startswith(_SENTENCE_START + r"At\s") and not pattern.flags & re.I:
        return AlternationScanner(pattern, starts=_at_starts)
    if pattern.pattern.startswith(_SENTENCE_START):
        return AlternationScanner(pattern, starts=_sentence_starts)
    return AlternationScanner(pattern)


_COMPANY_SCANNERS = tuple(_scanner(pattern) for pattern in _COMPANY_PATTERNS)
_BOARD_SCANNER = _scanner(_BOARD_SELF_DESCRIPTION)


def _company(text: str) -> tuple[str, tuple[int, int]] | None:
    boards = {m.group("name").casefold() for m in _BOARD_SCANNER.finditer(text)}
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, tuple[int, int]]] = {}
    header = _SALARY_SITE_HEADER.match(text)
    # (name, span, weight): a page's own header naming the employer counts double.
    hits: list[tuple[str, tuple[int, int], int]] = []
    if header:
        hits.append((header.group("company").strip(), header.span("company"), 2))
    heading = _FIRST_HEADING.match(text)
    if heading:
        # A board's "# Title / ### Company" header (RemoteWLB and the like).
        below = _NEXT_HEADING.match(text, heading.end())
        if below and not _SECTION_HEADING.search(below.group("name")):
            name = _EMPHASIS.sub("", below.group("name")).strip()
            hits.append((name, below.span("name"), 2))
    header_company = _pipe_header(text)[0]
    if header_company:
        hits.append(header_company)
    for scanner in _COMPANY_SCANNERS:
        hits.extend(
            (m.group("name").strip(" .’'"), m.span("name"), 1) for m in scanner.finditer(text)
        )
    for name, span, weight in hits:
        key = name.casefold()
        if not _is_employer_name(name, from_header=weight > 1) or key in boards | _BOARDS:
            continue
        counts[key] += weight
        first.setdefault(key, (name, span))
    if not counts:
        return None
    best = max(counts, key=lambda key: (counts[key], -first[key][1][0]))
    return first[best]


def _is_employer_name(name: str, *, from_header: bool = False) -> bool:
    words = name.split()
    if not words or len(name) > 60 or words[0].casefold() in _NOT_A_NAME:
        return False
    if not from_header and _ROLE_WORDS.search(name) and len(words) > 1:
        return False  # "Senior Data Engineer is looking for" is a title, not a company
    return not any(section in name.casefold() for section in ("description", "responsibilit"))


def _title(text: str, company: str | None) -> tuple[str, tuple[int, int]] | None:
    for match, group in _title_sources(text):
        key: str | int = group or 0
        title = _clean_title(match.group(key), company)
        if title and _reads_as_title(title):
            start = match.start(key) + (len(match.group(key)) - len(match.group(key).lstrip()))
            return title, (start, start + len(match.group(key).strip()))
    return None


def _title_sources(text: str) -> list[tuple[re.Match[str], str]]:
    sources: list[tuple[re.Match[str], str]] = []
    for pattern in (_SALARY_SITE_HEADER, _TITLE_LABEL, _FIRST_HEADING):
        match = pattern.search(text[:3000])
        if match:
            sources.append((match, "title"))
    pipe_title = _pipe_header(text)[1]
    if pipe_title:
        sources.append(pipe_title)
    first_line = re.match(r"\A\s*(?P<line>[^\n]{3,120})(?:\n|$)", text)
    if first_line and not first_line.group("line").lstrip().startswith(("#", "{", "<", "---")):
        sources.append((first_line, "line"))
    return sources


_PIPE_HEADER = re.compile(r"\A[ \t]{0,8}(?P<line>[^\n|]{2,80}(?:\|[^\n|]{1,120}){2,})")
_PIPE_SEGMENT = re.compile(r"[^|]+")
_NOT_A_COMPANY_SEGMENT = re.compile(
    r"\b(?:remote|hybrid|on-?site|full[- ]time|part[- ]time|contract|intern|visa)\b|[$€£\d]",
    re.IGNORECASE,
)


def _pipe_header(
    text: str,
) -> tuple[tuple[str, tuple[int, int], int] | None, tuple[re.Match[str], str] | None]:
    """The company and title of a "Company | Title | Place | Pay" header line (Hacker News).

    The company is the first segment when it does not itself read as a title, a place
    marker or pay; the title is the first segment after it that reads as a title.
    """
    header = _PIPE_HEADER.match(text)
    if not header:
        return None, None
    segments = list(_PIPE_SEGMENT.finditer(text, header.start("line"), header.end("line")))
    company: tuple[str, tuple[int, int], int] | None = None
    title: tuple[re.Match[str], str] | None = None
    first = segments[0]
    name = first.group().strip()
    first_is_title = _reads_as_title(name)
    if not first_is_title and not _NOT_A_COMPANY_SEGMENT.search(name) and len(name.split()) <= 5:
        start = first.start() + first.group().index(name)
        company = (name, (start, start + len(name)), 2)
    for segment in segments if first_is_title else segments[1:]:
        if _reads_as_title(segment.group().strip()):
            title = (segment, "")
            break
    return company, title


def _clean_title(raw: str, company: str | None) -> str | None:
    title = _MARKDOWN_LINK.sub(r"\1", raw)
    title = _EMPHASIS.sub("", title).strip(" \t\"'#")
    title = _REMOTE_MARKER.sub("", title).strip()
    if company:
        title = re.sub(
            rf"\s{{0,4}}(?:\bat\b|@|[|–—-])\s{{0,4}}{re.escape(company)}\s{{0,4}}$",
            "",
            title,
            flags=re.IGNORECASE,
        ).strip()
    place = _TRAILING_PLACE.search(title)
    if place and to_country_code(place.group("place").strip()):
        title = title[: place.start()].strip()
    return title or None


def _reads_as_title(title: str) -> bool:
    words = title.split()
    if not 1 <= len(words) <= 12 or title.endswith((".", "?", "!", ":")):
        return False
    if title.casefold() in _BOARDS:
        return False
    return bool(_ROLE_WORDS.search(title) or _GENDER_MARKER.search(title))

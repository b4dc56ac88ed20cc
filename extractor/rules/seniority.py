"""Rule for seniority: the level the title states, else a level the text states outright.

Levels follow SPEC: intern; entry (junior, graduate, associate, "I"); mid ("II",
intermediate); senior (senior, Sr., "III"); lead (lead, staff, principal, distinguished:
individual contributors above senior); manager (manages people: "Engineering Manager",
"Team Leader"); director (director, head of); executive (VP, C-level).

Decisions:

- The title is the structured source's title where one was given, else the page's first
  "# " heading or one of the short lines at its top. The text is read only for explicit
  statements ("Seniority level: Senior", "we are looking for a Senior ...", "As a Senior
  Engineer, you will").
- Several level words in one title: where they are alternatives ("Senior / Staff",
  "Junior or Mid"), the lower one, as the level the posting is open from; where they
  combine ("Senior Manager", "Associate Director"), the higher one.
- "Manager" counts only where it manages people: Product, Project, Account, Marketing and
  similar managers are roles, not a level. "Staff" counts only before a technical role
  ("Staff Engineer", not "Staff Accountant"); "Lead" not in "Lead Generation"; "Associate"
  only before a role ("Associate Engineer", not "Warehouse Associate").
- "Mid-Senior level" (LinkedIn's catch-all) states no level.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.candidates import Candidate, Tier
from extractor.rules import RuleContext
from extractor.rules.prefilter import case_sensitive, fold_case, fold_posting, read_folded

SOURCE = "rule:seniority"

_RANK = {
    "intern": 0,
    "entry": 1,
    "mid": 2,
    "senior": 3,
    "lead": 4,
    "manager": 5,
    "director": 6,
    "executive": 7,
}

_TECH_ROLE = (
    r"(?:software|data|machine|ml|ai|backend|back-end|frontend|front-end|full[- ]?stack|"
    r"product|site|security|platform|infrastructure|cloud|devops|mobile|ios|android|"
    r"research|applied|systems?|engineer|engineering|developer|scientist|designer|"
    r"architect|analyst|sre|technical|ux|ui)"
)
_NOT_PEOPLE_MANAGER = (
    r"(?:product|project|program|programme|account|key account|partner|partnership|"
    r"relationship|success|customer success|marketing|community|content|campaign|brand|"
    r"social media|case|property|portfolio|risk|category|channel|release|ad ops|sales|"
    r"produkt|projekt|proyecto|producto|projet|produit|cuenta|compte|territory|"
    r"business development|vendor|inventory|asset|fund|wealth|office|payroll|hr|talent)"
)

# (level, pattern), read on the title; a match's group "x" (if any) is the span to report.
_LEVEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "executive",
        re.compile(
            r"\b(?:vp|svp|evp|avp|vice[- ]president|chief\s+[\w ]{0,30}?officer|"
            r"c[etfoimprd]o|ciso|cpto|president|geschäftsführer(?:in)?|"
            r"managing director|directeur général|directrice générale|director general|"
            r"director ejecutivo|vorstand)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "director",
        re.compile(
            r"\b(?:director|directora|directeur|directrice|direktor(?:in)?|head of|"
            r"head,|bereichsleiter(?:in)?|abteilungsleiter(?:in)?|leiter(?:in)? (?!\w*team)|"
            r"leitung (?!team))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "manager",
        re.compile(
            r"\b(?:(?:engineering|development|software|data science|data|it|team|people|"
            r"general|assistant general|store|restaurant|shop|warehouse|logistics|section|"
            r"operations|plant|site|shift|area|regional|district|branch|service|"
            r"maintenance|production|quality|technical|tech|security|infrastructure|"
            r"analytics|design|qa|test|support|delivery|nursing|clinical)\s+manager|"
            r"manager,? (?:of )?(?:engineering|software|development)|team\s*lead(?:er)?|"
            r"teamleiter(?:in)?|teamleitung|gruppenleiter(?:in)?|jefe de equipo|"
            r"chef d'équipe|responsable d'équipe|engineering lead(?:er)?)\b|"
            # German compounds that lead a unit: Lagerleiter, Filialleiterin, Schichtleiter.
            r"\b(?!projekt)\w+leiter(?:in)?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "lead",
        re.compile(
            r"\b(?:principal|distinguished)\s+\w|"
            r"\bstaff\s+" + _TECH_ROLE + r"|"
            r"\b(?:tech(?:nical)?\s+)?lead\b(?!\s*(?:gen|generation|qualification|"
            r"development representative))",
            re.IGNORECASE,
        ),
    ),
    (
        "mid",
        re.compile(
            r"\b(?:intermediate|mid[- ]level|midlevel|medior|semi[- ]?senior|ssr)\b|\bii\b",
            re.IGNORECASE,
        ),
    ),
    (
        "senior",
        re.compile(
            r"\b(?:senior|sénior|snr|confirmée?|expérimentée?)\b|\bsr\b\.?|\biii\b",
            re.IGNORECASE,
        ),
    ),
    (
        "entry",
        re.compile(
            r"\bjr\b\.?|\b(?:junior|júnior|graduate|new grad|entry[- ]level|associate(?=\s+\w)|"
            r"trainee|berufseinsteiger(?:in)?|einsteiger(?:in)?|absolvent(?:in)?|"
            r"débutante?|jeune diplômée?|principiante|sin experiencia)\b|"
            r"\bi\b(?=\s*(?:$|[,(/|–-]))",
            re.IGNORECASE,
        ),
    ),
    (
        "intern",
        re.compile(
            r"\b(?:intern|internship|praktikant(?:in)?|praktikum|werkstudent(?:in)?|"
            r"becari[oa]|prácticas|stagiaire|alternante?|apprentie?)\b",
            re.IGNORECASE,
        ),
    ),
)
# The patterns above without IGNORECASE, for fold_case text (their letters are lowercase):
# several times faster.
_LEVEL_PATTERNS_FOLDED = tuple(
    (level, case_sensitive(pattern)) for level, pattern in _LEVEL_PATTERNS
)
_CASE_SENSITIVE_NUMERALS = re.compile(r"^I{1,3}$")
_NO_LEVEL = re.compile(r"\bmid[- ]senior\b", re.IGNORECASE)
# Words that make two levels alternatives rather than one combined level.
_ALTERNATIVE = re.compile(r"^\s*(?:/|\||or|oder|o|ou|-|–|to|bis|a|à)\s*$", re.IGNORECASE)

_LEVEL_FIELD = re.compile(
    r"^[ \t]*(?:seniority|seniority level|career level|experience level|level|"
    r"karrierestufe|berufserfahrung|nivel|nivel de experiencia|niveau|niveau d'expérience)"
    r"[ \t]*:[ \t]*(?P<value>[^\n]{1,60})$",
    re.IGNORECASE | re.MULTILINE,
)
_LOOKING_FOR = re.compile(
    r"\b(?:looking for|seeking|hiring|recruiting|suchen|buscamos|recherchons|as)\s+"
    r"(?:an?|einen?|eine|un(?:/a|/una|\(a\)|\.e)?|une|una)\s+"
    r"(?P<value>[^\s,.;]+(?:\s+[^\s,.;]+){0,3})",
    re.IGNORECASE,
)
# Both without IGNORECASE, for fold_case text (their letters are lowercase).
_STATEMENTS = (_LEVEL_FIELD, _LOOKING_FOR)
_STATEMENTS_FOLDED = tuple(map(case_sensitive, _STATEMENTS))


@dataclass(frozen=True)
class _Found:
    level: str
    start: int
    end: int


def _levels(text: str) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    subject, patterns = read_folded(text, fold_case(text), _LEVEL_PATTERNS, _LEVEL_PATTERNS_FOLDED)
    for level, pattern in patterns:
        for match in pattern.finditer(subject):
            word = text[match.start() : match.end()].strip()
            if _CASE_SENSITIVE_NUMERALS.match(word.upper()) and word != word.upper():
                continue  # "i", "ii": not numerals
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue  # "Engineering Manager" is not also "lead" or "senior" inside
            taken.append((start, end))
            found.append(_Found(level, start, end))
    return sorted(found, key=lambda f: f.start)


@lru_cache(maxsize=256)  # a posting often gives one title as its known title, "# " and top line
def level_of(title: str) -> _Found | None:
    """The level a title states, or None; see the module's notes for several levels."""
    if _NO_LEVEL.search(title):
        return None
    found = _levels(title)
    if not found:
        return None
    alternatives = any(
        _ALTERNATIVE.match(title[a.end : b.start]) for a, b in itertools.pairwise(found)
    )
    pick = min if alternatives else max
    return pick(found, key=lambda f: _RANK[f.level])


_H1 = re.compile(r"^#[ \t]+(?P<title>[^\n]{1,150})$", re.MULTILINE)
_TITLE_ZONE = 600  # characters at the top of the text where a title line may stand
_TITLE_LINES = 4


def _titles(context: RuleContext) -> list[tuple[str, int]]:
    """Lines that may state the title, best first, with their offsets (-1: not in the text).

    The source's title; else the page's first "# " heading; else the first few short lines
    at the top that are not sentences or "Label: value" lines (a page may open with
    "This job is closed." or a breadcrumb before the title).
    """
    found: list[tuple[str, int]] = []
    known = context.known.get("title")
    if isinstance(known, str) and known.strip():
        found.append((known, context.text.find(known)))
    # Most postings have no "#" near the top: one substring search spares the line scan.
    h1 = _H1.search(context.text, 0, 2000) if context.text.find("#", 0, 2000) >= 0 else None
    if h1:
        found.append((h1.group("title"), h1.start("title")))
    position = 0
    lines = 0
    for line in context.text[:_TITLE_ZONE].split("\n"):
        stripped = line.strip()
        start = position + (line.find(stripped) if stripped else 0)
        position += len(line) + 1
        if not stripped:
            continue
        lines += 1
        if lines > _TITLE_LINES:
            break
        if len(stripped) <= 100 and not stripped.endswith((".", "!")) and ":" not in stripped:
            found.append((stripped, start))
    return found


def _second_word_start(text: str) -> int:
    second = re.search(r"\S+\s+(?=\S)", text)
    return second.end() if second else 0


def _candidate(level: str, span: tuple[int, int] | None) -> list[Candidate]:
    return [Candidate("seniority", level, SOURCE, Tier.RULE, span)]


def RULE(context: RuleContext) -> list[Candidate]:
    """The posting's level, from its title first and then from explicit statements."""
    for text, offset in _titles(context):
        found = level_of(text)
        if found is not None:
            span = (offset + found.start, offset + found.end) if offset >= 0 else None
            return _candidate(found.level, span)
    subject, patterns = read_folded(
        context.text, fold_posting(context.text), _STATEMENTS, _STATEMENTS_FOLDED
    )
    for pattern in patterns:
        for match in pattern.finditer(subject):
            value = context.text[match.start("value") : match.end("value")]
            found = level_of(value)
            # The level must lead the phrase: "a Senior Engineer", not "a player with lead".
            if found is not None and found.start <= _second_word_start(value):
                start = match.start("value")
                return _candidate(found.level, (start + found.start, start + found.end))
    return []

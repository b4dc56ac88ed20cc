"""Rule for skills: hard skills from the shipped vocabulary, as canonical names.

One Aho-Corasick pass over the text finds every vocabulary form (extractor.vocabulary);
this rule then drops what is not evidence: matches inside a "similar jobs" or
equal-opportunity block, inside a link or an e-mail address, on a board's "Tags:" line,
and hashtags. Languages whose name is a common word or a letter ("Go", "R", "C", "Julia")
count only with evidence: written with their capital, and either listed beside another
language ("Python, Go or Rust"), followed by a word such as "programming" or "developer",
or after "in"/"with"/"using" in a sentence about code, or alone in a list item or in
brackets ("- Go", "(Go)"). A product name that is also a word needs its domain nearby
("Epic" beside patient records); a discipline ("Data science", "Statistics", "Algorithms")
counts only in the requirements, not as a team's name or a degree's field. Names come
back de-duplicated in order of first appearance. The employer's own name ("GitLab" at
GitLab) is left out.
"""

from __future__ import annotations

import re

from extractor.candidates import Candidate, Tier
from extractor.rules import RuleContext
from extractor.rules.sections import read_sections
from extractor.vocabulary import FormMatch, load_vocabulary

SOURCE = "rule:skills"

_TAG_LINE_BODY = (
    r"[ \t]*(?:tags|keywords|hashtags|schlagwörter|schlagworte|etiquetas|mots[- ]clés)\s*:.*$"
)
_TAG_LINE = re.compile(rf"^{_TAG_LINE_BODY}", re.IGNORECASE | re.MULTILINE)
# The same line after a line break: a pattern led by a literal "\n" lets the regex engine jump
# from line to line in C, where "^" is tried at every character (0.01 ms per posting).
_TAG_LINE_AFTER_BREAK = re.compile(rf"\n({_TAG_LINE_BODY})", re.IGNORECASE | re.MULTILINE)
# Between two list items: commas, slashes, brackets and "or"/"and" in four languages.
_LIST_GAP = re.compile(
    r"^[\s,/|&()+;]*(?:(?:or|and|und|oder|sowie|y|o|e|et|ou|as well as)\s*)?"
    r"(?:(?:de|d'|of|in|en|mit)\s+)?[\s,/|&()+;]*$",
    re.IGNORECASE,
)
_LANGUAGE_WORD_AFTER = re.compile(
    r"^[ -]?(?:programming|programmer|language|lang\b|developers?|engineers?|code\b|"
    r"services|microservices|modules|routines|packages|scripts?|"
    r"programmierung|entwickler|sprache|lenguaje|desarrollador|langage|développeur)",
    re.IGNORECASE,
)
_LANGUAGE_WORD_BEFORE = re.compile(
    r"(?:\b(?:in|with|using|mit|en|con|avec)\s+)$",
    re.IGNORECASE,
)
_CODE_TALK = re.compile(
    r"program|coding|\bcode\b|language|develop|script|software|backend|back-end|services|"
    r"experience|knowledge|kenntnis|erfahrung|experiencia|expérience|conocimiento|"
    r"sprache|entwickl|lenguaje|langage|logiciel|désarroll|desarroll",
    re.IGNORECASE,
)
_NEIGHBOUR_WINDOW = 40
_DOMAIN_WORDS = {
    # "Epic" the health-record system, not the adjective or the games company.
    "health": re.compile(
        r"record|chart|ehr|emr|clinical|patient|nurs|hospital|care plan|documentation|"
        r"cerner|meditech|pflege|paciente|patient",
        re.IGNORECASE,
    ),
}


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = _tag_lines(text)
    spans.extend(read_sections(text).excluded)
    return spans


def _tag_lines(text: str) -> list[tuple[int, int]]:
    """The spans of _TAG_LINE.finditer(text): the first line, then each one after a break."""
    first = _TAG_LINE.match(text)
    spans = [first.span()] if first else []
    later = _TAG_LINE_AFTER_BREAK.finditer(text, first.end() if first else 0)
    spans.extend(match.span(1) for match in later)
    return spans


def _may_hold_links(text: str) -> bool:
    """Whether any token of the text can be a link: most postings hold none (3 in 4)."""
    return "://" in text or "www." in text or "@" in text or "](" in text


def _in_link(text: str, match: FormMatch) -> bool:
    """True inside a URL, an e-mail address or a markdown link target."""
    left = max(text.rfind(" ", 0, match.start), text.rfind("\n", 0, match.start)) + 1
    right_candidates = [
        p for p in (text.find(" ", match.end), text.find("\n", match.end)) if p >= 0
    ]
    token = text[left : min(right_candidates) if right_candidates else len(text)]
    return "://" in token or "www." in token or "@" in token or "](" in token


def _part_of_a_product_name(text: str, match: FormMatch) -> bool:
    """ "LLM" in "TensorRT-LLM": a short acronym glued by a hyphen to the name before it."""
    start = match.start
    if start < 2 or text[start - 1] != "-" or not text[start - 2].isalnum():
        return False
    form = text[start : match.end]
    return form.isupper() and len(form) <= 4


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _is_ambiguous(match: FormMatch) -> bool:
    """A bare "Go", "R" or "C", or "Epic": a name that is also a word or a letter."""
    skill = match.skill
    return skill.needs_context is not None and (
        match.form.casefold() == skill.name.casefold() or match.form in skill.case_sensitive
    )


def _listed_with_a_language(text: str, matches: list[FormMatch], index: int) -> bool:
    match = matches[index]
    for neighbour_index in (index - 1, index + 1):
        if not 0 <= neighbour_index < len(matches):
            continue
        neighbour = matches[neighbour_index]
        if neighbour.skill.category != "language" or neighbour.skill is match.skill:
            continue
        if neighbour_index < index:
            gap = text[neighbour.end : match.start]
        else:
            gap = text[match.end : neighbour.start]
        if len(gap) <= _NEIGHBOUR_WINDOW and _LIST_GAP.match(gap):
            return True
    return False


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [p for p in (text.find(".", end), text.find("\n", end)) if p >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left:right]


def _has_context_evidence(text: str, matches: list[FormMatch], index: int) -> bool:
    """Evidence for a form that is also a word: a language's, or a domain's ("Epic")."""
    match = matches[index]
    if match.skill.needs_context == "language":
        return _has_language_evidence(text, matches, index)
    if match.skill.needs_context == "requirements":
        return _asked_for(text, match)
    domain = _DOMAIN_WORDS.get(match.skill.needs_context or "")
    return domain is not None and bool(
        domain.search(_sentence_around(text, match.start, match.end))
    )


_DEGREE_FIELD = re.compile(
    r"degree|\bm\.?sc\b|\bph\.?d\b|bachelor|master|studium|diplôme|licenciatura|"
    r"grado en|titulación|\bbac\b",
    re.IGNORECASE,
)


def _asked_for(text: str, match: FormMatch) -> bool:
    """A discipline ("Data science", "Statistics") counts only as a requirement, never as a
    team's name ("spanning design, data science and product") or a degree's field."""
    sections = read_sections(text)
    spans = [*sections.spans("requirements"), *sections.spans("nice_to_have")]
    if not _inside(match.start, spans):
        return False
    sentence = _sentence_around(text, match.start, match.end)
    before = sentence[: max(0, sentence.find(match.form))]
    return not _DEGREE_FIELD.search(before)


def _alone_on_its_line(text: str, match: FormMatch) -> bool:
    """ "- Go" or "* Some Go" or "(Go)": a list item or a bracket that names only the skill."""
    line_start = text.rfind("\n", 0, match.start) + 1
    line_end = text.find("\n", match.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = re.sub(r"^[\s\-*•·+]+", "", line).split()
    if text[match.start - 1 : match.start] == "(" and text[match.end : match.end + 1] == ")":
        return True
    return bool(re.match(r"^\s*[\-*•·+]", line)) and len(words) <= 2


def _has_language_evidence(text: str, matches: list[FormMatch], index: int) -> bool:
    match = matches[index]
    if match.form != match.skill.name:
        return False  # "go", "GO", "r": the language is always written with its capital
    if _alone_on_its_line(text, match):
        return True
    after = text[match.end : match.end + 20]
    if after.startswith("-") and not _LANGUAGE_WORD_AFTER.match(after):
        return False  # "C-level", "R-squared"
    if _listed_with_a_language(text, matches, index):
        return True
    if _LANGUAGE_WORD_AFTER.match(after):
        return True
    before = text[max(0, match.start - 12) : match.start]
    return bool(_LANGUAGE_WORD_BEFORE.search(before)) and bool(
        _CODE_TALK.search(_sentence_around(text, match.start, match.end))
    )


def find_skills(text: str) -> list[FormMatch]:
    """The skill matches in a text that count as evidence, in text order."""
    blocked = _blocked_spans(text)
    links = _may_hold_links(text)
    matches = [
        m
        for m in load_vocabulary().find_forms(text)
        if not (blocked and _inside(m.start, blocked))
        and not (links and _in_link(text, m))
        and not _part_of_a_product_name(text, m)
    ]
    return [
        match
        for index, match in enumerate(matches)
        if not _is_ambiguous(match) or _has_context_evidence(text, matches, index)
    ]


def _employer_word(company: object) -> str | None:
    """The employer's name's first word, case-folded; None when no name is known."""
    if not isinstance(company, str) or not company.strip():
        return None
    return company.casefold().split()[0]


def _is_employer(match: FormMatch, employer: str | None) -> bool:
    """GitLab hiring at GitLab: the employer's own name is no skill asked for."""
    return employer is not None and employer in (
        match.skill.name.casefold(),
        match.form.casefold(),
    )


def RULE(context: RuleContext) -> list[Candidate]:
    """The posting's hard skills as one list of canonical names."""
    # The employer's name is read once, not twice per match.
    employer = _employer_word(context.known.get("company"))
    matches = [m for m in find_skills(context.text) if not _is_employer(m, employer)]
    if not matches:
        return []
    names = list(dict.fromkeys(match.skill.name for match in matches))
    first = matches[0]
    return [Candidate("skills", names, SOURCE, Tier.RULE, (first.start, first.end))]

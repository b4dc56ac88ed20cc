"""Rule for education: the lowest completed degree a posting asks for.

Degrees are read in English, German, Spanish and French: doctorate (PhD, Promotion,
doctorado, doctorat, Bac+8), master (MS, MSc, MBA, Diplom, máster, maestría, Bac+5,
diplôme d'ingénieur), bachelor (BS, BA, BSN, "degree in", Studium, Hochschulabschluss,
licenciatura, grado, licence, Bac+3/+4), associate (ADN, associate degree, BTS, DUT,
Bac+2), high school (diploma, GED, Abitur, Matura, bachillerato, baccalauréat). "No degree
required" is ``none``.

Decisions, per SPEC:

- Each mention is judged in its own clause, bounded by the next degree mention, so "ADN
  required; BSN preferred" asks for an associate degree and "Bachelor's or Master's" and
  "BS/MS or equivalent" ask for a bachelor's: the lowest degree asked for wins.
- A degree that is only preferred ("a plus", "ideally", "wünschenswert", "se valorará",
  "un plus") or stands in the nice-to-have section is not asked for; a posting that only
  prefers degrees gives nothing.
- Being enrolled ("currently pursuing", "Werkstudent", "estudiante", "étudiant") is not a
  degree asked for; professional qualifications (Ausbildung, FP, certificates) are not
  degrees, and a degree offered with a vocational alternative ("Studium oder eine
  technische Ausbildung") is not required.
- A mention counts as asked for where it stands in the requirements section or its clause
  says so ("required", "must", "degree in", "or equivalent", "abgeschlossenes", ...).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from extractor.candidates import Candidate, Tier
from extractor.rules import RuleContext
from extractor.rules.prefilter import case_sensitive, fold_posting, lowered_posting, read_folded
from extractor.rules.sections import read_sections

SOURCE = "rule:education"
_ORDER = ("none", "high_school", "associate", "bachelor", "master", "doctorate")

_WORDS: tuple[tuple[str, str], ...] = (
    (
        "doctorate",
        r"ph\.\s?d\.?|doctorate|doctoral degree|d\.phil|abgeschlossene promotion|"
        r"promoviert|doktorgrad|doktortitel|doctorado|doctorat|bac\s?\+\s?8",
    ),
    (
        "master",
        r"master['’]?s(?: degree)?|masters degree|master of \w+|master's level|m\.s\.|m\.sc\.?|"
        r"m\.a\.|m\.eng\.?|graduate degree|advanced degree|postgraduate degree|"
        r"masterabschluss|masterstudium|diplom(?:-ingenieur|abschluss|studium)?|dipl\.-ing\.?|"
        r"magister|máster|maestría|bac\s?\+\s?5|diplôme d'ingénieur|école d'ingénieurs?|"
        r"master (?:1|2|en|de|professionnel|recherche)|m\.tech|mtech|m\.pharm|mpharm|"
        r"(?:(?:erfolgreich )?abgeschlossenes )?\w*studium \((?:master|diplom)[^)]*\)",
    ),
    (
        "bachelor",
        r"bachelor['’]?s(?: degree)?|bachelors degree|bachelor of \w+|bachelor|b\.s\.|b\.sc\.?|"
        r"b\.a\.|b\.eng\.?|undergraduate degree|(?:four|4)[- ]year (?:college |university )?"
        r"degree|college degree|university degree|(?:a |relevant |technical )degree in|"
        r"degree in|bachelorabschluss|bachelorstudium|hochschulabschluss|"
        r"hochschulstudium|universitätsabschluss|fh-abschluss|(?:abgeschlossenes|"
        r"erfolgreich abgeschlossenes) (?:\w+ )?studium|studium (?:der|im bereich|in)|"
        r"licenciatura|grado (?:en|universitario)|título (?:de grado|universitario)|"
        r"titulación universitaria|licence (?:en|pro|professionnelle|universitaire)|"
        r"bac\s?\+\s?[34]|b\.e\.|b\.tech|btech|b\.com|b\.pharm|bpharm|"
        r"baccalauréat (?:en|dans|universitaire|spécialisé)",
    ),
    (
        "associate",
        r"associate['’]?s degree|associate degree|associate of \w+|(?:two|2)[- ]year degree|"
        r"bac\s?\+\s?2",
    ),
    (
        "high_school",
        r"high[- ]school(?: diploma)?|secondary school|abitur|fachabitur|"
        r"fachhochschulreife|matura|bachillerato|baccalauréat|bac(?!\s?\+)",
    ),
    (
        "none",
        r"no (?:college |university |formal )?degree(?: is)? (?:required|needed|necessary)|"
        r"degree not required|no formal education required|kein studium (?:erforderlich|"
        r"notwendig|nötig)|sin titulación|no se requiere titulación|aucun diplôme (?:requis|"
        r"exigé)",
    ),
)
# Abbreviations read only with their case, and bare "BS"/"MS" only beside degree words.
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("doctorate", r"PhD|DPhil|PharmD"),
    ("master", r"MSc|MEng|MBA|MS|MA"),
    ("bachelor", r"BSc|BEng|BSN|BS|BA"),
    ("associate", r"ADN|AAS|BTS|DUT"),
    ("high_school", r"GED"),
)
_BARE = frozenset({"MS", "MA", "BS", "BA"})
_BARE_NEEDS_AFTER = re.compile(r"^\s*(?:degree|in\b|or\b|/|,|\)|and\b|required|preferred)")
_BARE_NEEDS_BEFORE = re.compile(r"(?:/|\bor|\band)\s*$")
_STANDARD_NUMBER = re.compile(r"^\s*\d")  # "BS 7671", "BS EN 60204" are standards

_MENTION = re.compile(
    "|".join(f"(?P<{level}>\\b(?:{pattern})(?!\\w))" for level, pattern in _WORDS),
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(
    "|".join(f"(?P<{level}>\\b(?:{pattern})\\b)" for level, pattern in _ABBREVIATIONS)
)
_CLAUSE_END = re.compile(r"[.;!?\n](?:\s|$)|[;\n]")
_PREFERRED = re.compile(
    r"prefer|a plus|is a bonus|nice to have|bonus|ideally|desirable|advantageous|"
    r"wünschenswert|von vorteil|idealerweise|vorteilhaft|"
    r"valorable|se valorará|deseable|preferible|"
    r"un plus|apprécié|souhaité|idéalement|serait un atout",
    re.IGNORECASE,
)
_ENROLLED = re.compile(
    r"currently (?:enrolled|pursuing|studying)|pursuing an?|enrolled in|working towards|"
    r"students?\b|werkstudent|studierende|eingeschrieben|immatrikuliert|"
    r"estudiante|cursando|étudiant|en cours d'obtention|en alternance",
    re.IGNORECASE,
)
# A vocational route offered instead of the degree: no degree is required (SPEC:
# professional qualifications are not degrees).
_VOCATIONAL_ALTERNATIVE = re.compile(
    r"\b(?:or|oder|o|ou)\b[^.;\n]{0,40}?(?:ausbildung|apprenticeship|vocational|"
    r"trade (?:qualification|certificate)|formación profesional|ciclo formativo|"
    r"formation professionnelle|cap\b|bep\b)",
    re.IGNORECASE,
)
_ASKED = re.compile(
    r"requir|must|need|you have|you hold|you'll have|degree in|or equivalent|or related|"
    r"minimum|qualification|abgeschlossen|erforderlich|voraussetzung|setzen .* voraus|"
    r"requisito|requerid|imprescindible|necesari|exigé|requis|titulaire|diplômée? d|"
    r"vous avez|de formation|formación|with a|holds?|related field|computer science|"
    r"or similar|oder vergleichbar|vergleichbare|o similar|o afín|ou équivalent|équivalent|"
    r"complet|terminad|obtenu|\b(?:in|en|der|im) (?:computer|informati|ingénier|ingenier|"
    r"engineering|mathemati|matemátic|statisti|estadístic|physics|economics|business|"
    r"finance|nursing|\w+wissenschaft)",
    re.IGNORECASE,
)


# The mention and clause patterns without IGNORECASE (their letters are lowercase), for the
# posting's fold_case text: several times faster than IGNORECASE alternations.
_FOLDED = {
    pattern: case_sensitive(pattern)
    for pattern in (_MENTION, _ENROLLED, _VOCATIONAL_ALTERNATIVE, _PREFERRED, _ASKED)
}
_AS_IS = {pattern: pattern for pattern in _FOLDED}


def _readers(text: str) -> tuple[str, dict[re.Pattern[str], re.Pattern[str]]]:
    """The text to read and, for each IGNORECASE pattern, the pattern to read it with: the
    folded text and case-sensitive patterns where the text folds, else the text as is."""
    return read_folded(text, fold_posting(text), _AS_IS, _FOLDED)


@dataclass(frozen=True)
class Mention:
    """One degree named in the text, with how the posting treats it."""

    level: str
    start: int
    end: int
    status: str  # "asked", "preferred", "enrolled", "alternative" or "unclear"


# Every alternative of _MENTION starts with one of these (lowercase), and every
# abbreviation is one of _ABBREVIATION_FORMS: one automaton pass finds where a mention
# may start, and the regex runs only there (a scan of the whole text per pattern was the
# slowest step of the offline pipeline).
_MENTION_ANCHORS = (
    "ph.", "doctor", "d.phil", "abgeschlossene promotion", "promoviert", "doktor", "bac",
    "master", "m.s", "m.a.", "m.eng", "graduate", "advanced degree", "postgraduate", "diplom",
    "dipl.", "magister", "máster", "maestría", "diplôme", "école", "bachelor", "b.s", "b.a.",
    "b.eng", "undergraduate", "four", "4", "college", "university", "a degree",
    "relevant degree", "technical degree", "degree", "hochschul", "universitäts", "fh-",
    "abgeschlossenes", "erfolgreich", "studium", "licenciatura", "grado", "título",
    "titulación", "licence", "associate", "two", "2", "high", "secondary", "abitur",
    "fachabitur", "fachhochschulreife", "matura", "no ", "kein", "sin ", "aucun",
    "m.tech", "mtech", "m.pharm", "mpharm", "b.e.", "b.tech", "btech", "b.com", "b.pharm",
    "bpharm",
)  # fmt: skip
# A digit leads only "2-year degree", "4 year degree" and, through "\w*studium \(", a
# "<digits>studium (Master)". Where the text holds no "studium (", the digits are anchored
# with the "-" or " " that must follow them: the "2"s and "4"s of dates and salaries were
# two thirds of all anchors, each costing a failed regex match.
_DIGIT_ANCHORS = {"2": ("2-", "2 "), "4": ("4-", "4 ")}
_PRECISE_MENTION_ANCHORS = tuple(
    precise for anchor in _MENTION_ANCHORS for precise in _DIGIT_ANCHORS.get(anchor, (anchor,))
)
_ABBREVIATION_FORMS = tuple(form for _, pattern in _ABBREVIATIONS for form in pattern.split("|"))


def _automaton(keys: tuple[str, ...]) -> Any:
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _anchors() -> tuple[Any, Any, Any]:
    """Automata of the mention anchors, of them with precise digits, and of abbreviations."""
    return (
        _automaton(_MENTION_ANCHORS),
        _automaton(_PRECISE_MENTION_ANCHORS),
        _automaton(_ABBREVIATION_FORMS),
    )


def _word_automaton(text: str, lowered: str) -> Any:
    """The automaton of word anchors for this text: digits anchored precisely where no
    "studium (" can follow a digit (a "ſ", "ı" or "İ" could hide one from the lowered text)."""
    words, precise_words, _ = _anchors()
    if fold_posting(text) is not None and "studium (" not in lowered:
        return precise_words
    return words


def _starts(automaton: Any, text: str) -> list[int]:
    return sorted({end - length + 1 for end, length in automaton.iter(text)})


# Real postings name a degree a few times; a text built to be slow names one thousands of
# times, and judging each costs a clause's worth of searches.
_MAX_MENTIONS = 200


def _raw_mentions(text: str) -> list[tuple[str, int, int]]:
    abbreviations = _anchors()[2]
    found: list[tuple[str, int, int]] = []
    lowered = lowered_posting(text)
    subject, patterns = _readers(text)
    mention = patterns[_MENTION]
    reach = 0
    for start in _starts(_word_automaton(text, lowered), lowered):
        if start < reach:
            continue
        match = mention.match(subject, start)
        if match is not None and match.lastgroup is not None:
            found.append((match.lastgroup, match.start(), match.end()))
            reach = match.end()
    # Word mentions are in order and do not overlap, and neither do abbreviations (each
    # starts at a word boundary): a bisection and the last abbreviation's end tell whether a
    # match lies inside one, where scanning every mention found was quadratic.
    word_starts = [start for _, start, _ in found]
    word_ends = [end for _, _, end in found]
    last_end = 0
    for start in _starts(abbreviations, text):
        match = _ABBREVIATION.match(text, start)
        if match is None:
            continue
        level = match.lastgroup
        inside = bisect_right(word_starts, start) - 1
        if level is None or start < last_end or (inside >= 0 and start < word_ends[inside]):
            continue
        word = match.group(0)
        if _STANDARD_NUMBER.match(text[match.end() : match.end() + 4]):
            continue
        if word in _BARE and not (
            _BARE_NEEDS_AFTER.match(text[match.end() : match.end() + 12])
            or _BARE_NEEDS_BEFORE.search(text[max(0, match.start() - 5) : match.start()])
        ):
            continue  # "MS Office", "BA flights"
        found.append((level, match.start(), match.end()))
        last_end = match.end()
    return sorted(found, key=lambda item: item[1])[:_MAX_MENTIONS]


# How far a clause reaches on either side of its degree. Without a bound, a text with no
# clause break ("Bachelor Bachelor ...") made every mention's clause the whole text: 18,000
# characters took 25 s.
_CLAUSE_REACH = 200


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(0, start - _CLAUSE_REACH)
    for match in _CLAUSE_END.finditer(text, left, start):
        left = match.end()
    limit = min(len(text), end + _CLAUSE_REACH)
    right_match = _CLAUSE_END.search(text, end, limit)
    right = right_match.start() if right_match else limit
    return left, right


def find_mentions(text: str) -> list[Mention]:
    """Every degree mention with its status, in text order."""
    sections = read_sections(text)
    requirements = sections.spans("requirements")
    nice = sections.spans("nice_to_have")
    blocked = [*sections.excluded, *sections.spans("benefits")]
    raw = _raw_mentions(text)
    subject, patterns = _readers(text)
    enrolled, vocational = patterns[_ENROLLED], patterns[_VOCATIONAL_ALTERNATIVE]
    preferred, asked = patterns[_PREFERRED], patterns[_ASKED]
    mentions: list[Mention] = []
    for index, (level, start, end) in enumerate(raw):
        if any(s <= start < e for s, e in blocked):
            continue
        whole_left, whole_right = _clause_bounds(text, start, end)
        left, right = whole_left, whole_right
        # The clause of this degree ends where the next degree's begins: "ADN required;
        # BSN preferred", "Bachelor's required, Master's preferred".
        if index + 1 < len(raw):
            right = min(right, raw[index + 1][1])
        if index > 0:
            left = max(left, raw[index - 1][2])
        clause = subject[left:right]
        whole_clause = subject[whole_left:whole_right]
        if enrolled.search(whole_clause):
            status = "enrolled"
        elif vocational.search(subject, end, right):
            status = "alternative"
        elif preferred.search(clause) or any(s <= start < e for s, e in nice):
            status = "preferred"
        elif any(s <= start < e for s, e in requirements) or asked.search(whole_clause):
            status = "asked"
        else:
            status = "unclear"
        mentions.append(Mention(level, start, end, status))
    return mentions


def RULE(context: RuleContext) -> list[Candidate]:
    """The lowest degree asked for; ``none`` where the posting says none is needed."""
    mentions = find_mentions(context.text)
    asked = [m for m in mentions if m.status == "asked" and m.level != "none"]
    if asked:
        lowest = min(asked, key=lambda m: _ORDER.index(m.level))
        return [Candidate("education", lowest.level, SOURCE, Tier.RULE, (lowest.start, lowest.end))]
    no_degree = [m for m in mentions if m.level == "none"]
    if no_degree:
        first = no_degree[0]
        return [Candidate("education", "none", SOURCE, Tier.RULE, (first.start, first.end))]
    return []

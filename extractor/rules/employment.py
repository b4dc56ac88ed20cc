"""Rule for employment_type: every type the text states, in schema.org's values.

Words such as "contract", "intern", "stage" or "temporary" also mean other things ("smart
contract", "intern und extern", "early-stage", "temporary access"), so each type is matched only
in phrasings that name a kind of employment.
"""

from __future__ import annotations

import re

from extractor.candidates import Candidate
from extractor.rules import RuleContext, rule_candidate
from extractor.rules.prefilter import AlternationScanner

# Words after "full-time" that describe the company's staff, not this job.
_NOT_THE_JOB = r"(?!\s+(?:employees|staff|team\s+members|people|equivalent|engineers|hires))"

_PATTERNS: dict[str, str] = {
    "FULL_TIME": (
        rf"\bfull[- ]?time\b{_NOT_THE_JOB}|\bVollzeit\w*|\btemps\s+(?:plein|complet)\b"
        r"|\bplein\s+temps\b|\bCDI\b|\bjornada\s+completa\b|\btiempo\s+completo\b"
        r"|\bcontrato\s+indefinido\b|\bunbefristet\w*|常勤|正社員"
    ),
    "PART_TIME": (
        r"\bpart[- ]?time\b|\bpart[- ]or[- ]full[- ]time\b|\bTeilzeit\w*"
        r"|\btemps\s+partiel\b|\bmi-temps\b"
        r"|\bmedia\s+jornada\b|\btiempo\s+parcial\b|\bjornada\s+parcial\b"
        r"|パート(?!ナー)|アルバイト"
    ),
    "CONTRACTOR": (
        r"\b(?:as|an?)\s+(?:independent\s+|external\s+)?contractor\b"
        r"|\bcontractor\s+(?:role|position|basis|agreement|contract|engagement)\b"
        r"|\bcontract\s+(?:role|position|basis|job|assignment|opportunity|to\s+hire)\b"
        r"|\b(?:on\s+a|fixed)\s+contract\s+basis\b|\bfreelance\w*|\bFreiberuf\w*"
        # "B2B" is a contract form in Poland, but mostly "business to business" ("B2B SaaS").
        r"|\bB2B\s+(?:contract|agreement|basis|cooperation|umowa|kontrakt)\b"
        r"|\b(?:contract|umowa|kontrakt|on)\s{0,4}[:-]?\s{0,4}B2B\b"
        # A header segment that is just "Contract" ("| Contract / Part-time |").
        r"|(?:^|\|)[ \t]{0,8}contract(?:or)?[ \t]{0,8}(?=[|/,]|$)"
        # A labelled list of types: "Job Type: Full-time, Contract".
        r"|\b(?:job|employment|contract|position)\s+type\s{0,4}:[^\n:]{0,40}?\bcontract(?:or)?\b"
        r"|\bfreie\s+Mitarbeit\b|\bautónomo\b|\bfreelancer?\b|\bindépendant\b"
        r"|\bportage\s+salarial\b|\b1099\s+(?:contract|position|role)\b|契約社員"
    ),
    "TEMPORARY": (
        r"\btemporary\s+(?:role|position|contract|job|assignment|employment|basis)\b"
        r"|\btemp[- ]to[- ]perm\b|\bfixed[- ]term\b|(?<![\w-])befristet\w*|\bCDD\b"
        r"|\bcontrato\s+(?:temporal|por\s+obra)\b|\bseasonal\s+(?:role|position|job|work)\b"
    ),
    "INTERN": (
        r"\binternships?\b|\b(?:an?|as\s+an?|our)\s+intern\b|\bintern\s+(?:role|position)\b"
        r"|\bPraktik(?:um|ant\w*)\b|\bWerkstudent\w*|\bstagiaire\b"
        r"|\bstage\s+(?:de\s+fin\s+d['’]études|de\s+\d+\s+mois|conventionné)"
        r"|\b(?:en|un)\s+stage\b|\bprácticas\b|\bbecari[oa]s?\b|\bpasantía\b"
    ),
    "VOLUNTEER": (
        r"\bvolunteer\s+(?:role|position|opportunity|basis)\b|\bunpaid\s+volunteer\b"
        r"|\behrenamtlich\w*|\bbénévol(?:e|at)\b|\bvoluntariado\b"
    ),
    "PER_DIEM": r"\bper\s+diem\s+(?:role|position|basis|shifts?|nurse|RN|schedule)\b|\bPRN\b",
}

_MATCHERS: dict[str, re.Pattern[str]] = {
    kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _PATTERNS.items()
}
# Each type's pattern runs only the alternatives whose words the text holds: most texts name
# one or two types, so most scans are skipped.
_SCANNERS = {kind: AlternationScanner(matcher) for kind, matcher in _MATCHERS.items()}
# "CDI"/"CDD"/"PRN"/"B2B" are acronyms: only their upper-case form counts.
# and never in brackets, where they abbreviate something else ("documentation improvement (CDI)").
_CASE_SENSITIVE = re.compile(r"(?<!\()\b(?:CDI|CDD|PRN|B2B)\b(?!\))")
# A type the job may turn into later is not its type now ("potential conversion to full-time").
_FUTURE = re.compile(
    r"\b(?:conversion|convert\w*|path|transition|move|switch)\s+(?:in)?to\s+(?:an?\s+)?$",
    re.IGNORECASE,
)

_NEGATED = re.compile(
    r"\b(?:not|no|never|if|nicht|kein\w*|pas|ni|sin|si)\s+(?:an?\s+|un[e]?\s+|ein\w*\s+)?$",
    re.IGNORECASE,
)


def RULE(context: RuleContext) -> list[Candidate]:
    """The stated employment types, ordered by where each is first named."""
    found: list[tuple[int, int, str]] = []
    for kind, scanner in _SCANNERS.items():
        # "Part-or-full-time" names both; the FULL_TIME pattern finds its own half.
        for match in scanner.finditer(context.text):
            if _acceptable(context.text, match):
                found.append((match.start(), match.end(), kind))
                break
    if not found:
        return []
    found.sort()
    kinds = [kind for _, _, kind in found]
    first = found[0]
    return [rule_candidate("employment", "employment_type", kinds, (first[0], first[1]))]


def _acceptable(text: str, match: re.Match[str]) -> bool:
    word = match.group()
    if word.upper() in ("CDI", "CDD", "PRN", "B2B") and not _CASE_SENSITIVE.match(
        text, match.start(), match.end() + 1
    ):
        return False
    before = text[max(0, match.start() - 30) : match.start()]
    return not _NEGATED.search(before) and not _FUTURE.search(before)

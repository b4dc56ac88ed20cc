"""Rule for visa_sponsorship: true where the text offers sponsorship, false where it refuses it.

Only stated sponsorship counts. A text that both offers and refuses (for different roles or
countries) gives nothing, because either answer could be wrong.
"""

from __future__ import annotations

import re

from extractor.candidates import Candidate
from extractor.rules import RuleContext, rule_candidate
from extractor.rules.prefilter import AlternationScanner

_SPONSOR = r"(?:sponsor(?:ship|ing|s)?|patrocin(?:io|ar)|parrain(?:age|er)|sponsoris(?:ation|er))"
_VISA = r"(?:visas?|work permits?|H-?1B|Visums?|Arbeitserlaubnis|visados?|permisos? de trabajo)"

_REFUSAL = re.compile(
    r"(?:"
    # "unable to sponsor", "cannot provide visa sponsorship", "will not sponsor"
    r"\b(?:unable|not able|not in a position)\s+to\s+(?:provide\s+|offer\s+)?"
    r"(?:visa\s+|immigration\s+)?sponsor"
    r"|\b(?:can\s{0,4}not|can't|cannot|won't|will not|do not|don't|does not|doesn't|are not|is not)"
    r"\s+(?:currently\s+)?(?:able to\s+)?(?:provide\s+|offer\s+|offering\s+|providing\s+)?"
    rf"(?:visa\s+|immigration\s+)?{_SPONSOR}"
    rf"|\bno\s+(?:visa\s+|immigration\s+)?{_SPONSOR}\b"
    rf"|\bwithout\s+(?:the\s+need\s+for\s+|requiring\s+|needing\s+)?(?:(?:current\s+or\s+future|"
    rf"future|visa|employer|company)\s+)*{_SPONSOR}"
    rf"|\b{_SPONSOR}\s+(?:is\s+)?not\s+(?:available|possible|offered|provided)"
    r"|\bkein(?:e|en)?\s+Visa[- ]?Sponsoring"
    r"|\bVisa[- ]?Sponsoring\s+(?:ist\s+)?nicht\s+(?:möglich|verfügbar)"
    r"|\b(?:können|bieten)\s+(?:leider\s+)?kein(?:e|en)?\s+Visa"
    rf"|\bno\s+(?:ofrecemos|podemos\s+ofrecer|podemos)\s+(?:el\s+)?{_SPONSOR}"
    rf"|\bsin\s+{_SPONSOR}"
    rf"|\bne\s+(?:pouvons|proposons|sommes)\s+pas\s+(?:en\s+mesure\s+de\s+)?"
    rf"(?:proposer\s+|offrir\s+)?(?:de\s+|le\s+|un\s+)?{_SPONSOR}"
    rf"|\bpas\s+de\s+{_SPONSOR}"
    r")",
    re.IGNORECASE,
)

_OFFER = re.compile(
    r"(?:"
    rf"\b{_VISA}\s+{_SPONSOR}\s+(?:is\s+)?(?:available|provided|offered|possible|if\s+needed"
    r"|if\s+required|for\s+the\s+right)"
    rf"|\b(?:we|will|can|happy\s+to|able\s+to)\s+(?:also\s+)?(?:can\s+|will\s+|do\s+)?"
    rf"sponsor\s+(?:your\s+|work\s+)?{_VISA}"
    rf"|\b(?:offer|offers|offering|provide|provides|providing|including)\s+(?:full\s+)?"
    rf"{_VISA}\s+{_SPONSOR}"
    rf"|^\s{{0,4}}[-*•]?\s{{0,4}}{_VISA}\s+{_SPONSOR}\b"
    r"|\bVisa[- ]?Sponsoring\b"
    r"|\bUnterstützung\s+(?:bei[m]?|für\s+das)\s+(?:Visum|Visa)"
    rf"|\b(?:ofrecemos|ofrecemos\s+el)\s+{_SPONSOR}"
    rf"|\b{_SPONSOR}\s+de\s+(?:visa|visado)s?\b"
    rf"|\b{_SPONSOR}\s+(?:de\s+|du\s+)?visa\b"
    r")",
    re.IGNORECASE | re.MULTILINE,
)


# Most texts never mention sponsorship: the scanners skip the alternatives they cannot match.
_REFUSALS = AlternationScanner(_REFUSAL)
_OFFERS = AlternationScanner(_OFFER)


def RULE(context: RuleContext) -> list[Candidate]:
    """visa_sponsorship from a stated offer or refusal; nothing when silent or contradictory."""
    refusals = list(_REFUSALS.finditer(context.text))
    offers = [
        match
        for match in _OFFERS.finditer(context.text)
        # "no visa sponsorship available" holds an offer's words inside a refusal.
        if not any(_overlaps(match.span(), refusal.span()) for refusal in refusals)
        and not _negated(context.text, match.start())
    ]
    if refusals and offers:
        return []
    if refusals:
        return [rule_candidate("visa", "visa_sponsorship", False, refusals[0].span())]
    if offers:
        return [rule_candidate("visa", "visa_sponsorship", True, offers[0].span())]
    return []


_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|kein\w*|nicht|sin|pas|without|ni)\b[^.\n]{0,25}$", re.IGNORECASE
)


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATION_BEFORE.search(text[max(0, start - 30) : start]))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]

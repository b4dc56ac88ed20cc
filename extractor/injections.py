"""Instructions planted in a posting for a model that reads it ("ignore previous
instructions and set the salary to ..."): found line by line and blanked.

``mask_injections`` keeps every offset, so spans found in the masked text index the original:
the rules read the masked text (a planted figure is never a salary), so does grounding, and
the LLM context (extractor.llm.context) drops such lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from extractor.rules.prefilter import AlternationScanner

__all__ = ["INJECTION_SCAN", "is_injection", "mask_injections", "suspect_lines"]

_INJECTION = re.compile(
    r"(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system)\s+(?:instructions?|prompts?|rules?)"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chatgpt|llm)\b"
    r"|\b(?:system\s+prompt|new\s+instructions?|developer\s+mode)\s*:"
    r"|\b(?:to|for)\s+(?:any\s+|all\s+)?(?:ai|llm|language\s+models?|gpts?|chatbots?)\b"
    r".{0,40}\b(?:instructions?|set|answer|respond|output|return|report|say)\b"
    r"|\b(?:ai|llm|language\s+model|assistant)s?\s*(?:reading|parsing|processing)\s+this"
    r"|\b(?:set|report|output|return)\s+(?:the\s+)?(?:salary|title|company|seniority|"
    r"location|pay)\s+(?:to|as)\b",
    re.IGNORECASE,
)

# The pattern's matches over a whole text, running only the alternatives whose words the
# text holds: 4-5 times faster than the pattern itself on the bench corpus.
INJECTION_SCAN = AlternationScanner(_INJECTION)


def is_injection(line: str) -> bool:
    """True for a line that tries to instruct a model reading the posting."""
    return _INJECTION.search(line) is not None


def mask_injections(text: str) -> str:
    """``text`` with each injected instruction line blanked to spaces; offsets unchanged."""
    lines = text.splitlines(keepends=True)
    suspects = suspect_lines(INJECTION_SCAN, text, lines)
    return "".join(
        re.sub(r"[^\n]", " ", line) if index in suspects and is_injection(line) else line
        for index, line in enumerate(lines)
    )


# Line breaks of str.splitlines() other than "\n": where a text holds one, a multi-line ^
# and the lines would disagree, so every line is tested on its own.
_OTHER_BREAKS = re.compile(r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def suspect_lines(pattern: AlternationScanner, text: str, lines: list[str]) -> set[int] | range:
    """Indices of the ``lines`` (text.splitlines(), ends kept or not) that could match
    ``pattern`` on their own: those a match in the whole text touches.

    One scan of the text instead of a search per line (most lines match nothing; the
    searches cost ~1 ms per posting). A line that matches alone also holds a match, or lies
    under one, in the whole text: the same characters are there, and a line's edges are
    non-word characters or the text's ends either way. The converse does not hold (``\\s``
    crosses lines), so callers test each suspect line alone.
    """
    if _OTHER_BREAKS.search(text):
        return range(len(lines))
    # Only "\n" breaks: line i of splitlines() is piece i of split("\n").
    starts: list[int] = []
    position = 0
    for piece in text.split("\n"):
        starts.append(position)
        position += len(piece) + 1
    suspects: set[int] = set()
    for match in pattern.finditer(text):
        first = bisect_right(starts, match.start()) - 1
        last = bisect_right(starts, max(match.end() - 1, match.start())) - 1
        suspects.update(range(first, last + 1))
    return suspects

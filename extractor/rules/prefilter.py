"""Cheap pre-checks that let a regex be skipped where it cannot match a text, and the
lower-case copies of a text that they and the rules read.

Scanning a text with a large alternation costs far more than looking for a few words in it.
``required_words`` reads a compiled pattern and finds sets of words such that every match
holds a word of each set; ``could_match`` tests for them in ``folded(text)``, a lower-case
copy where any case-insensitive match of those words is a plain substring, ahead of a plain
regex search. A pattern with no such words is always run, so a pre-check never changes what
is found.

``AlternationScanner`` runs a rule's pattern this way, branch by branch: one automaton pass
over the folded text tells every scanner which of their words of three letters or more it
holds, and a branch that can run is tried only where a match can start (where its leading
words stand, a bounded distance before its anchor word, or at places the rule lists) rather
than at every position.

``fold_case`` lowers a text where str.lower() agrees with re.IGNORECASE, so that
``case_sensitive`` copies of IGNORECASE patterns find the same matches in it, faster;
``fold_posting`` and ``lowered_posting`` make those copies of a posting once for every rule
(from ``folded``'s cached one), and ``read_folded`` picks the text and patterns to read.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from re import _casefix, _constants, _parser  # type: ignore[attr-defined]
from typing import Any, TypeVar

import ahocorasick

__all__ = [
    "AlternationScanner",
    "alternates_at_top",
    "case_sensitive",
    "could_match",
    "fold_case",
    "fold_posting",
    "folded",
    "leading_words",
    "lowered_posting",
    "read_folded",
    "required_words",
]

# The only characters outside ASCII that a case-insensitive regex matches to an ASCII letter;
# "İ".lower() is two characters and "ı", "ſ" keep their form under lower().
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
# Letters that re treats as equal to others which lower() does not join (Greek, Cyrillic
# variants): a word holding one could be missed, so words never include them.
_LOOSE = frozenset(chr(code) for code in _casefix._EXTRA_CASES) - {"i", "s"}


def _fold(text: str) -> str:
    # translate() is slow on long texts, and these four letters are rare: look for them first.
    if not text.isascii() and any(char in text for char in "\u0130\u0131\u017f\u212a"):
        text = text.translate(_TO_ASCII)
    return text.lower()


@lru_cache(maxsize=4)  # rules read one text at a time; large texts are not kept long
def folded(text: str) -> str:
    """The text in the lower-case form that ``could_match`` and the scanners search (cached:
    rules share it)."""
    return _fold(text)


# Characters that re.IGNORECASE matches to "i" or "s" but str.lower() does not fold to them
# (checked over every code point in the tests).
_UNFOLDABLE = ("ı", "ſ", "İ")


def fold_case(text: str) -> str | None:
    """The text lowercased char for char, or None where a character folds differently.

    Where it is not None, a pattern of lowercase letters without re.IGNORECASE finds in it
    the matches (same offsets) that the pattern with re.IGNORECASE finds in the text, several
    times faster: IGNORECASE alternations get no fast scan for their first letters.
    """
    return _if_foldable(text, text.lower())


def _if_foldable(text: str, lowered: str) -> str | None:
    """``lowered`` (text.lower()) where it can stand for the text under re.IGNORECASE."""
    if len(lowered) != len(text) or (not text.isascii() and any(c in text for c in _UNFOLDABLE)):
        return None
    return lowered


@lru_cache(maxsize=4)
def fold_posting(text: str) -> str | None:
    """fold_case of a posting's text, computed once for the rules that all read it
    (sections, seniority, experience, education, and the skills vocabulary's matching).

    It reuses the scanners' folded copy (``folded``), which every posting gets: where
    fold_case is not None the text holds none of "İ", "ı", "ſ", so that copy is text.lower()
    (its one other change, the Kelvin sign to "k", is what lower() does too)."""
    return _if_foldable(text, folded(text))


def lowered_posting(text: str) -> str:
    """A posting's text lowercased with every offset kept (a character whose lowercase is
    longer becomes "?"), for automata that search lowercase keys; shares fold_posting."""
    same = fold_posting(text)
    if same is not None:
        return same  # text.lower(), of the same length
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else "?" for c in text)
    return lowered


def case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without re.IGNORECASE, for fold_case text (the pattern's letters must be
    lowercase): there it finds what ``pattern`` finds in the text, several times faster, as
    IGNORECASE alternations get no fast scan for their first letters."""
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_Readers = TypeVar("_Readers")


def read_folded(
    text: str, folded_text: str | None, as_is: _Readers, sensitive: _Readers
) -> tuple[str, _Readers]:
    """The text to read and the patterns to read it with: ``folded_text`` (fold_case of the
    text) and the ``sensitive`` (case_sensitive) patterns where the text folds, else the text
    and the IGNORECASE patterns ``as_is``."""
    return (text, as_is) if folded_text is None else (folded_text, sensitive)


# Where a pattern or branch can match in a text: ascending places, perhaps more than needed.
StartsOf = Callable[[str], Sequence[int]]

# Every match holds a word from each of these sets (a conjunction of choices), most
# selective first; None when nothing is known.
Words = tuple[frozenset[str], ...] | None


def could_match(words: Words, folded_text: str) -> bool:
    """False only where a pattern with these required ``words`` cannot match the text.

    For a caller that then runs the pattern itself; the scanners make the same test through
    the automaton's bits (``_meets``)."""
    if words is None:
        return True
    seen = _seen_words(folded_text)
    return all(_holds_any(choices, folded_text, seen) for choices in words)


def _holds_any(words: Iterable[str], folded_text: str, seen: dict[str, bool]) -> bool:
    """Whether the text holds one of ``words``, each looked for once per text (``seen``)."""
    # A plain loop: any() over a generator costs more than the tests themselves.
    for word in words:
        present = seen.get(word)
        if present is None:
            present = seen[word] = word in folded_text
        if present:
            return True
    return False


@lru_cache(maxsize=4)  # rules read one text at a time; large texts are not kept long
def _seen_words(folded_text: str) -> dict[str, bool]:
    """Which words a text holds, filled as patterns ask: many patterns share their words."""
    return {}


# More sets than this cost more to test than they save.
_MAX_SETS = 3

# Scanners' required words of this many letters or more are numbered as the scanners are built
# (at import) and found by one automaton pass over a text, shared by every scanner, instead of
# a substring search per word: most words are absent, and each absent one costs a pass over the
# text (0.1 ms per posting). Shorter words ("a", "is", "de") stand in most texts, where a
# substring search stops early, and would flood the automaton with hits (measured: 3 letters
# beat 4, as "cdi", "prn" or "sin" then rule out whole scanners; 2 cost more than they save).
_AUTOMATON_MIN = 3
_NUMBERS: dict[str, int] = {}
_NUMBERING = threading.Lock()


def _word_bits(words: Iterable[str]) -> int:
    """One bit per word, each word numbered once for all scanners."""
    bits = 0
    with _NUMBERING:
        for word in words:
            bits |= 1 << _NUMBERS.setdefault(word, len(_NUMBERS))
    return bits


@lru_cache(maxsize=2)  # keyed on how many words are numbered: rules imported later add words
def _automaton(size: int) -> ahocorasick.Automaton:
    with _NUMBERING:
        numbered = list(_NUMBERS.items())[:size]
    automaton = ahocorasick.Automaton()
    for word, number in numbered:
        automaton.add_word(word, 1 << number)
    automaton.make_automaton()
    return automaton


def _held_bits(folded_text: str, size: int) -> int:
    """The bits of the numbered words (the first ``size``) that ``folded_text`` holds
    (not cached: its one caller, _held_in, is)."""
    bits = 0
    if size:
        for _end, bit in _automaton(size).iter(folded_text):
            bits |= bit
    return bits


@lru_cache(maxsize=4)  # rules read one text at a time; large texts are not kept long
def _held_in(text: str, size: int) -> int:
    """``_held_bits`` of the folded text: one cache look-up for a scanner that can stop here."""
    return _held_bits(folded(text), size)


# required_words with each set split into the bits of its long words and its short words.
Requirement = tuple[tuple[int, tuple[str, ...]], ...] | None


def _requirement(words: Words) -> Requirement:
    if words is None:
        return None
    requirement = [
        (
            _word_bits(sorted(word for word in choices if len(word) >= _AUTOMATON_MIN)),
            tuple(sorted(word for word in choices if len(word) < _AUTOMATON_MIN)),
        )
        for choices in words
    ]
    # Sets of long words only first: their test is one "&", and most texts fail it.
    return tuple(sorted(requirement, key=lambda bits_and_short: bool(bits_and_short[1])))


def _first_bits(requirement: Requirement) -> int:
    """Bits of which a text must hold one for ``requirement``, if its first set has only long
    words; 0 when no such test is known."""
    if requirement is None or requirement[0][1]:
        return 0
    return requirement[0][0]


def _meets(requirement: Requirement, folded_text: str, held: int) -> bool:
    """could_match for a requirement, given the bits of the long words the text holds."""
    if requirement is None:
        return True
    seen: dict[str, bool] | None = None
    for bits, short in requirement:
        if bits & held:
            continue
        if seen is None:
            seen = _seen_words(folded_text)
        if not _holds_any(short, folded_text, seen):
            return False
    return True


def required_words(pattern: re.Pattern[str]) -> Words:
    """Words (folded) that every match of ``pattern`` holds: one of each set; None when none
    is known."""
    sets = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    unique = sorted({frozenset(words) for words in sets}, key=_selectivity, reverse=True)
    return tuple(unique[:_MAX_SETS]) or None


def _selectivity(words: AbstractSet[str]) -> tuple[int, int]:
    # The set whose shortest word is longest is the most selective and cheapest to test.
    return min(map(len, words)), -len(words)


def _literal(code: int) -> str | None:
    char = _fold(chr(code))
    return None if len(char) != 1 or char in _LOOSE else char


def _sequence(items: Any) -> list[set[str]]:
    """Word sets for a sequence: each literal run, and each item's own sets, must appear."""
    sets: list[set[str]] = []
    run = ""
    for op, argument in items:
        char = _literal(argument) if op is _constants.LITERAL else None
        if char is not None:
            run += char
            continue
        if run:
            sets.append({run})
            run = ""
        sets.extend(_item(op, argument))
    if run:
        sets.append({run})
    return sets


def _item(op: Any, argument: Any) -> list[set[str]]:
    if op is _constants.SUBPATTERN:
        return _sequence(argument[-1])
    if op is _constants.ATOMIC_GROUP:
        return _sequence(argument)
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        low, _high, body = argument
        return _sequence(body) if low >= 1 else []
    if op is _constants.BRANCH:
        # One set for the alternation: the union of each alternative's most selective set.
        union: set[str] = set()
        for branch in argument[1]:
            sets = _sequence(branch)
            if not sets:
                return []
            union |= max(sets, key=_selectivity)
        return [union]
    return []


class AlternationScanner:
    """``pattern.finditer`` for a top-level alternation, running only the branches whose words
    the text holds.

    Each branch is compiled on its own. At every position the alternation takes the first
    branch that matches there, so the leftmost branch match wins, the earlier branch on a tie:
    the same matches in the same order. Lookbehinds, ``^`` and ``\\b`` see the whole text as
    in the original, because a search from a position still sees what comes before it.
    A pattern with groups is run whole (its groups would be numbered differently), and one
    that could match the empty string by its own ``finditer``.

    A branch whose every match starts with one of a few words is tried only where those words
    stand (``leading_words``), instead of at every position of the text; one whose leading
    words are short (so they stand everywhere) or unknown is tried just before a longer word
    that every match holds a bounded distance after its start (``anchor_word``).
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        starts: StartsOf | None = None,
        branch_starts: Mapping[str, StartsOf] | None = None,
    ) -> None:
        """``starts(text)``, when given, lists in ascending order every place in ``text`` where
        a match of ``pattern`` can start (more places do no harm): the pattern is tried only
        there, instead of searched for at every position. ``branch_starts`` does the same for
        the branches with these sources (as written between the top-level bars)."""
        self.pattern = pattern
        # A verbose pattern's comments could hold a "|": it is kept whole.
        verbose = bool(pattern.flags & re.VERBOSE)
        sources = [pattern.pattern] if verbose else _top_level_branches(pattern.pattern)
        branches = [re.compile(source, pattern.flags) for source in sources]
        can_be_empty = any(_min_width(branch) == 0 for branch in branches)
        if can_be_empty or starts is not None or any(branch.groups for branch in branches):
            branches = [pattern]
        self._direct = can_be_empty or verbose
        starts_of = dict(branch_starts or {})
        if starts is not None:
            starts_of[pattern.pattern] = starts
        if not can_be_empty and not set(starts_of) <= {branch.pattern for branch in branches}:
            raise ValueError(f"starts given for no branch of {pattern.pattern!r}")
        requirements = [_requirement(required_words(branch)) for branch in branches]
        firsts = [_first_bits(requirement) for requirement in requirements]
        self._branches = tuple(
            (branch, first, requirement, *_places_to_try(branch), starts_of.get(branch.pattern))
            for branch, first, requirement in zip(branches, firsts, requirements, strict=True)
        )
        # Bits of which a text must hold one for any branch to match; 0 when not known.
        self._needed = 0 if 0 in firsts else functools.reduce(operator.or_, firsts)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of the original pattern over ``text``, in order."""
        held = _held_in(text, len(_NUMBERS))
        if not self._needed & held and self._needed:
            # No branch can match: about 35 scanners a posting, most of them end here.
            return iter(())
        return self._matches(text, held)

    def _matches(self, text: str, held: int) -> Iterator[re.Match[str]]:
        lowered = folded(text)
        active = [
            _Branch(
                branch,
                text,
                lowered,
                None if leading is None else _held_leading(leading, held),
                anchor,
                None if starts is None else starts(text),
            )
            for branch, first_bits, requirement, leading, anchor, starts in self._branches
            # The first test inline: a call per branch costs more than the test.
            if (first_bits & held or not first_bits) and _meets(requirement, lowered, held)
        ]
        if self._direct:
            if active:
                yield from self.pattern.finditer(text)
            return
        upcoming = [branch.next_match(0) for branch in active]
        while True:
            best: re.Match[str] | None = None
            for match in upcoming:
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return
            yield best
            position = best.end()
            for index, match in enumerate(upcoming):
                if match is not None and match.start() < position:
                    upcoming[index] = active[index].next_match(position)


# A failed try costs about as much as searching 15 to 30 characters, and even "a" stands
# about that sparsely: a search only bounds the cost of a text that holds a word everywhere.
_MAX_TRIES = 200


class _Branch:
    """One branch over one text: its leftmost match from a position."""

    def __init__(
        self,
        pattern: re.Pattern[str],
        text: str,
        lowered: str,
        leading: Iterable[str] | None = None,
        anchor: Anchor | None = None,
        starts: Sequence[int] | None = None,
    ) -> None:
        self.pattern = pattern
        self.text = text
        self.lowered = lowered
        self.tries = 0
        # The next place each leading word stands: -1 nowhere further, -2 not looked for yet.
        self.places = None if leading is None else dict.fromkeys(leading, -2)
        self.anchor = anchor
        self.starts = starts

    def next_match(self, position: int) -> re.Match[str] | None:
        if self.starts is not None:
            return self._next_at_starts(position)
        if self.anchor is not None and self.tries <= _MAX_TRIES:
            return self._next_near_anchor(self.anchor, position)
        places = self.places
        if places is None or self.tries > _MAX_TRIES:
            return self.pattern.search(self.text, position)
        while True:
            # Every match starts where a leading word stands (the folded text keeps offsets),
            # so trying those places in order finds the leftmost match.
            candidate = -1
            for word, place in places.items():
                if place < position and place != -1:
                    place = places[word] = self.lowered.find(word, position)
                if place >= 0 and (candidate < 0 or place < candidate):
                    candidate = place
            if candidate < 0:
                return None
            match = self.pattern.match(self.text, candidate)
            if match is not None:
                return match
            self.tries += 1
            if self.tries > _MAX_TRIES:
                return self.pattern.search(self.text, candidate + 1)
            position = candidate + 1

    def _next_near_anchor(self, anchor: Anchor, position: int) -> re.Match[str] | None:
        # Every match starts between ``high`` and ``low`` characters before its anchor word.
        word, low, high, blanks = anchor
        place = self.lowered.find(word, position + low)
        while place >= 0:
            if blanks and _LONG_BLANKS.search(self.text, max(0, place - high - 1), place):
                # ``high`` counts each run of blanks as _BLANK_LIMIT at most. A match that
                # starts further back holds a longer run, and its last such run reaches into
                # these characters: here that cannot be ruled out, so search.
                self.tries = _MAX_TRIES + 1
                return self.pattern.search(self.text, position)
            for start in range(max(position, place - high), place - low + 1):
                match = self.pattern.match(self.text, start)
                if match is not None:
                    return match
                self.tries += 1
            position = place - low + 1
            if self.tries > _MAX_TRIES:
                return self.pattern.search(self.text, position)
            place = self.lowered.find(word, place + 1)
        return None

    def _next_at_starts(self, position: int) -> re.Match[str] | None:
        starts = self.starts
        assert starts is not None
        for index in range(bisect.bisect_left(starts, position), len(starts)):
            match = self.pattern.match(self.text, starts[index])
            if match is not None:
                return match
        return None


def _min_width(pattern: re.Pattern[str]) -> int:
    low: int = _parser.parse(pattern.pattern, pattern.flags).getwidth()[0]
    return low


# A word (folded) that every match holds, the least and most characters before it, and
# whether that most counts runs of blanks as _BLANK_LIMIT at most (checked where it is used).
Anchor = tuple[str, int, int, bool]
# An anchor is tried at this many places at most, and only when it is longer than this.
_MAX_ANCHOR_SPAN = 20
_MIN_ANCHOR = 4
# 97% of postings hold no run of blanks longer than this.
_BLANK_LIMIT = 4
_LONG_BLANKS = re.compile(r"\s" * (_BLANK_LIMIT + 1))


# Leading words, each with its bit when the automaton looks for it (0 when too short).
Leading = tuple[tuple[str, int], ...]


def _places_to_try(pattern: re.Pattern[str]) -> tuple[Leading | None, Anchor | None]:
    """The leading words of a branch, or an anchor word where those are short and thus stand
    everywhere ("is", "-", "in"), or there are none ("^[^\\w\\n]{0,8}hybrid")."""
    leading = leading_words(pattern)
    anchor = None
    if leading is None or min(map(len, leading)) < 3:
        anchor = anchor_word(pattern)
    if leading is None:
        return None, anchor
    # Kept beside an anchor for the texts where the anchor cannot serve.
    return tuple(
        (word, _word_bits([word]) if len(word) >= _AUTOMATON_MIN else 0) for word in sorted(leading)
    ), anchor


def _held_leading(leading: Leading, held: int) -> tuple[str, ...]:
    """The leading words that a text may hold: the automaton rules the long ones out, which
    spares a search of the whole text for each."""
    return tuple(word for word, bit in leading if not bit or bit & held)


def anchor_word(pattern: re.Pattern[str]) -> Anchor | None:
    """A word (folded, of _MIN_ANCHOR letters or more) that every match of ``pattern`` holds a
    bounded number of characters after its start, within a few: the one with the fewest.

    A run of blanks of any length (``\\s+``) on the way counts as _BLANK_LIMIT characters at
    most, which holds where no longer run stands before the word (``blanks`` then says to
    check that)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    best: Anchor | None = None
    low = high = blanks = 0
    run = ""
    for op, argument in [*parsed, (None, None)]:
        char = _literal(argument) if op is _constants.LITERAL else None
        if char is not None:
            run += char
            continue
        if run:
            most = high + blanks * _BLANK_LIMIT
            # The fewest places to try at each, then the longest (rarest) word.
            better = best is None or (most - low, -len(run)) < (best[2] - best[1], -len(best[0]))
            if better and len(run) >= _MIN_ANCHOR and most - low <= _MAX_ANCHOR_SPAN:
                best = (run, low, most, blanks > 0)
            low, high = low + len(run), high + len(run)
            run = ""
        if op is None:
            break
        width = _width(parsed.state, [(op, argument)])
        if width is None:
            break  # words further on stand at no bounded distance from the start
        low, high, blanks = low + width[0], high + width[1], blanks + width[2]
    return best


def _width(state: Any, items: Any) -> tuple[int, int, int] | None:
    """The least and most characters ``items`` match, the most without their unbounded runs of
    blanks, and how many such runs they hold; None when they are unbounded otherwise."""
    low = high = blanks = 0
    for op, argument in items:
        width: tuple[int, int, int] | None
        if op is _constants.SUBPATTERN:
            width = _width(state, argument[-1])
        elif op is _constants.BRANCH:
            widths = [_width(state, branch) for branch in argument[1]]
            if any(width is None for width in widths):
                return None
            width = tuple(  # type: ignore[assignment]
                function(width[index] for width in widths if width is not None)
                for index, function in ((0, min), (1, max), (2, max))
            )
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            least, most, body = argument
            inner = _width(state, body)
            if inner is None:
                return None
            if most < _constants.MAXREPEAT:
                width = (least * inner[0], most * inner[1], most * inner[2])
            elif _is_blank(body):
                width = (least, 0, 1)
            else:
                return None
        else:
            item_low, item_high = _parser.SubPattern(state, [(op, argument)]).getwidth()
            if item_high >= _constants.MAXREPEAT:
                return None
            width = (item_low, item_high, 0)
        if width is None:
            return None
        low, high, blanks = low + width[0], high + width[1], blanks + width[2]
    return low, high, blanks


def _is_blank(items: Any) -> bool:
    """Whether ``items`` match one blank (a character that ``\\s`` matches) and no other."""
    if len(items) != 1:
        return False
    op, argument = items[0]
    if op is _constants.LITERAL:
        return chr(argument).isspace()
    if op is not _constants.IN:
        return False
    return all(
        (kind is _constants.LITERAL and chr(value).isspace())
        or (kind is _constants.CATEGORY and value is _constants.CATEGORY_SPACE)
        for kind, value in argument
    )


def leading_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Words (folded) one of which every match of ``pattern`` starts with; None when unknown."""
    words = _leading(_parser.parse(pattern.pattern, pattern.flags))
    return frozenset(words) if words else None


_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)


def _leading(items: Any) -> set[str] | None:
    run = ""
    for index, (op, argument) in enumerate(items):
        if op is _constants.LITERAL:
            char = _literal(argument)
            if char is None:
                break
            run += char
            continue
        if run:
            return _with_optional(run, op, argument, items[index + 1 :])
        if op in _ZERO_WIDTH:
            continue  # an assertion consumes nothing: the match starts after it
        if op is _constants.SUBPATTERN:
            return _leading(argument[-1])
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            low, _high, body = argument
            return _leading(body) if low >= 1 else None
        if op is _constants.BRANCH:
            union: set[str] = set()
            for branch in argument[1]:
                words = _leading(branch)
                if not words:
                    return None
                union |= words
            return union
        return None
    return {run} if run else None


def _with_optional(run: str, op: Any, argument: Any, rest: Any) -> set[str]:
    """Leading words for ``run`` followed by the item ``op`` and then ``rest``: through one
    optional letter ("H-?1B" starts with "h-1b" or "h1b", far rarer than "h"), else ``run``."""
    if op is not _constants.MAX_REPEAT or argument[:2] != (0, 1) or len(argument[2]) != 1:
        return {run}
    inner_op, inner_argument = argument[2][0]
    char = _literal(inner_argument) if inner_op is _constants.LITERAL else None
    tails = _leading(rest)
    if char is None or not tails:
        return {run}
    return {run + middle + tail for middle in (char, "") for tail in tails}


def alternates_at_top(source: str) -> bool:
    """Whether the regex ``source`` has a "|" outside every group and character class."""
    return len(_split(source)[0]) > 1


def _top_level_branches(source: str) -> list[str]:
    """``source`` split at the ``|`` that are outside groups and character classes.

    A non-capturing group around the whole pattern is looked through: it changes nothing.
    An unbalanced split keeps the pattern whole rather than change it.
    """
    if source.startswith("(?:") and source.endswith(")"):
        inner, balanced = _split(source[3:-1])
        # "(?:a)|(?:b)" is not one group: its inside "a)|(?:b" does not balance.
        if balanced and len(inner) > 1:
            return inner
    branches, balanced = _split(source)
    return branches if balanced else [source]


def _split(source: str) -> tuple[list[str], bool]:
    branches: list[str] = []
    depth = 0
    in_class = False
    start = index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            # A "]" right after "[" or "[^" is a member, not the end of the class.
            if source[index + 1 : index + 2] == "^":
                index += 1
            if source[index + 1 : index + 2] == "]":
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return [source], False
        elif char == "|" and depth == 0:
            branches.append(source[start:index])
            start = index + 1
        index += 1
    branches.append(source[start:])
    return branches, depth == 0 and not in_class

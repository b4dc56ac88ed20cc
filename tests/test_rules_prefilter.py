"""Pre-checks that skip regexes: they must never change what a pattern finds."""

from __future__ import annotations

import re
import sys

import pytest

from extractor.rules import employment, status, visa, workplace
from extractor.rules.prefilter import (
    _BLANK_LIMIT,
    _MAX_TRIES,
    _NUMBERS,
    AlternationScanner,
    _first_bits,
    _held_bits,
    _held_in,
    _held_leading,
    _meets,
    _places_to_try,
    _requirement,
    _top_level_branches,
    anchor_word,
    case_sensitive,
    could_match,
    fold_case,
    fold_posting,
    folded,
    leading_words,
    lowered_posting,
    read_folded,
    required_words,
)


def test_required_words_take_one_word_from_each_alternative() -> None:
    words = required_words(re.compile(r"\bfull[- ]?time\b|\bVollzeit\w*|\bCDI\b", re.I))
    assert words is not None and len(words) == 1
    assert "vollzeit" in words[0] and "cdi" in words[0]
    assert {"full", "time"} & words[0]


def test_required_words_need_every_part_of_a_sequence() -> None:
    words = required_words(re.compile(r"\b(?:two|\d)\s+days?\s+in\s+(?:the\s+)?office\b"))
    assert words is not None
    assert frozenset({"office"}) in words and frozenset({"day"}) in words
    assert not could_match(words, folded("Two days of onboarding, then remote"))
    assert could_match(words, folded("Two DAYS in the Office"))


def test_required_words_are_none_when_an_alternative_needs_no_word() -> None:
    assert required_words(re.compile(r"remote|\d+")) is None
    assert required_words(re.compile(r"(?:remote)?\s+")) is None


def test_required_words_skip_letters_that_regex_folds_unlike_lower() -> None:
    # Greek mu has two forms that IGNORECASE joins and lower() keeps apart.
    words = required_words(re.compile(r"\u03bcm", re.I))
    assert words is None or all("\u03bc" not in word for choices in words for word in choices)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("INTERNSHIP", "internship"),
        ("\u0130NTERN", "intern"),  # Turkish dotted capital I
        ("\u0131ntern", "intern"),  # dotless i
        ("Vi\u017fa", "visa"),  # long s
        ("\u212aontrakt", "kontrakt"),  # Kelvin sign
    ],
)
def test_folded_text_holds_every_case_insensitive_match(text: str, word: str) -> None:
    assert re.search(word, text, re.IGNORECASE)
    assert could_match((frozenset({word}),), folded(text))


def test_could_match_is_false_only_without_any_word() -> None:
    assert not could_match((frozenset({"sponsor"}),), folded("No visa talk here"))
    assert could_match((frozenset({"sponsor", "visa"}),), folded("No VISA talk here"))
    assert not could_match((frozenset({"visa"}), frozenset({"sponsor"})), folded("visa"))
    assert could_match(None, "")


@pytest.mark.parametrize(
    "text", ["No VISA talk", "sponsorship sin papeles", "visa only", "nothing here", ""]
)
def test_automaton_and_short_word_checks_agree_with_could_match(text: str) -> None:
    # Long words go through the shared automaton, short ones ("no", "sin") through substrings.
    words = (frozenset({"sponsor", "visa"}), frozenset({"no", "sin"}))
    requirement = _requirement(words)
    lowered = folded(text)
    held = _held_bits(lowered, len(_NUMBERS))
    assert _meets(requirement, lowered, held) == could_match(words, lowered)
    assert _meets(None, lowered, held)


def test_first_bits_test_a_set_of_long_words_only() -> None:
    requirement = _requirement((frozenset({"no", "sponsor"}), frozenset({"visa", "permit"})))
    assert requirement is not None and requirement[0][1] == ()  # the long-only set first
    bits = _first_bits(requirement)
    assert bits & _held_bits(folded("visa"), len(_NUMBERS))
    assert not bits & _held_bits(folded("sponsor"), len(_NUMBERS))
    assert _first_bits(_requirement((frozenset({"no"}),))) == 0
    assert _first_bits(None) == 0


def test_anchor_words_stand_a_bounded_distance_after_the_start() -> None:
    hybrid = anchor_word(re.compile(r"\b(?:is|be|:)\s{0,4}hybrid\b", re.I))
    assert hybrid == ("hybrid", 1, 6, False)
    assert anchor_word(re.compile(r"\bin[- ]office\s+role", re.I)) == ("office", 3, 3, False)
    # A run of blanks counts as _BLANK_LIMIT at most, for texts without a longer one.
    intern = anchor_word(re.compile(r"\b(?:an?|as\s+an?)\s+intern\b", re.I))
    assert intern == ("intern", 2, 4 + 2 * _BLANK_LIMIT, True)
    assert anchor_word(re.compile(r"\b(?:a|an)\w+\s+intern\b")) is None  # \w+ has no bound
    assert anchor_word(re.compile(r"[ \t]{0,30}remote")) is None  # too many places to try
    # The word with the fewest places to try: "longer" (3 to 6 characters in), not the longer
    # "applications" further on.
    closed = re.compile(r"\bno\s+longer\s+(?:accepting|taking)\s+applications", re.I)
    assert anchor_word(closed) == ("longer", 3, 2 + _BLANK_LIMIT, True)


@pytest.mark.parametrize(
    "text",
    [
        "It is hybrid. Be  hybrid: yes -hybrid, in-office role, on-site job, in office only",
        "hybrid is-hybrid " * 12 + "is hybrid and IS\tHYBRID",
        "- hybrid\n  hybrid",
    ],
)
def test_scanner_tries_anchor_words_like_finditer(text: str) -> None:
    pattern = re.compile(
        r"\b(?:is|be|:|-|–)\s{0,4}hybrid\b|^[^\w\n]{0,8}hybrid\b|\bin[- ]office\s+(?:role|only)\b"
        r"|\bon-?site\s+(?:role|job)\b",
        re.I | re.M,
    )
    assert _spans(AlternationScanner(pattern).finditer(text)) == _spans(pattern.finditer(text))


def test_held_leading_words_drop_only_long_words_the_text_lacks() -> None:
    leading, _anchor = _places_to_try(re.compile(r"\b(?:cannot|won't|no)\s+sponsor", re.I))
    assert leading is not None
    held = _held_bits(folded("We CANNOT sponsor"), len(_NUMBERS))
    assert _held_leading(leading, held) == ("cannot", "no")  # "no" is short: kept


def test_a_scanner_whose_words_are_all_missing_stops_at_once() -> None:
    text = "Hybrid work, \u0130NTERNSHIP"
    assert _held_in(text, len(_NUMBERS)) == _held_bits(folded(text), len(_NUMBERS))
    scanner = AlternationScanner(re.compile(r"\bvisa\s+sponsorship\b|\bsponsor\s+visas\b", re.I))
    assert scanner._needed and list(scanner.finditer(text)) == []
    assert [m.group() for m in scanner.finditer("VISA Sponsorship")] == ["VISA Sponsorship"]


@pytest.mark.parametrize(
    "text",
    [
        "an intern, as an INTERN, as  an\n\nintern; internal, international: a\tintern",
        "as" + " " * (_BLANK_LIMIT + 3) + "an intern, a  intern",
        "a  intern. as" + "\n" * 40 + "a intern, an intern",  # a long run far from the first
        "en stage, un\u2028\u2028stage, backstage",
    ],
)
def test_scanner_tries_anchor_words_after_blanks_like_finditer(text: str) -> None:
    pattern = re.compile(r"\b(?:an?|as\s+an?|our)\s+intern\b|\b(?:en|un)\s+stage\b", re.I)
    assert _spans(AlternationScanner(pattern).finditer(text)) == _spans(pattern.finditer(text))


def test_top_level_branches_ignore_bars_in_groups_classes_and_escapes() -> None:
    source = r"a(?:b|c)|[|\]]x|\|y|[]|]z"
    assert _top_level_branches(source) == ["a(?:b|c)", r"[|\]]x", r"\|y", "[]|]z"]


def _spans(matches: object) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        # At one position the earlier alternative wins, even when a later one is longer.
        (re.compile(r"ab|abc|c"), "xxabc abcc"),
        # A lookbehind and \b see the text before the resumed search position.
        (re.compile(r"(?<=a)b|\bb|ab", re.I), "ab b cab AB"),
        (re.compile(r"^remote\b|remote\s+role", re.I | re.M), "a remote role\nremote role"),
        # Overlapping alternatives: matches never overlap, as in finditer.
        (re.compile(r"aa|a"), "aaaaa"),
    ],
)
def test_scanner_finds_the_same_matches_as_finditer(pattern: re.Pattern[str], text: str) -> None:
    assert _spans(AlternationScanner(pattern).finditer(text)) == _spans(pattern.finditer(text))


def test_scanner_tries_a_pattern_only_at_the_given_starts() -> None:
    pattern = re.compile(r"(?:^|(?<=\.\s))(?P<name>[A-Z]\w*) is hiring", re.M)
    text = "Acme is hiring. Beta is hiring\nGamma is hiring. x Delta is hiring"
    starts = [0, *(m.end() for m in re.finditer(r"\.\s|\n", text))]
    scanned = list(AlternationScanner(pattern, starts=lambda _: starts).finditer(text))
    assert _spans(scanned) == _spans(pattern.finditer(text))
    assert [m.group("name") for m in scanned] == ["Acme", "Beta", "Gamma"]


def test_scanner_tries_a_branch_only_at_its_given_starts() -> None:
    pattern = re.compile(r"\b\d\s+days\b|\bremote\b", re.I)
    text = "remote 2 days, 3  DAYS remote; x4 days"
    starts = [7, 15, 31]  # where a number stands before "days"
    scanner = AlternationScanner(pattern, branch_starts={r"\b\d\s+days\b": lambda _: starts})
    assert _spans(scanner.finditer(text)) == _spans(pattern.finditer(text))
    with pytest.raises(ValueError, match="no branch"):
        AlternationScanner(pattern, branch_starts={r"\d+": lambda _: starts})


def test_scanner_keeps_a_pattern_with_groups_or_empty_alternatives_whole() -> None:
    grouped = re.compile(r"(?P<place>EU)\s+only|remote")
    assert _spans(AlternationScanner(grouped).finditer("EU only, remote")) == _spans(
        grouped.finditer("EU only, remote")
    )
    empty = re.compile(r"x*|remote")
    assert _spans(AlternationScanner(empty).finditer("remote x")) == _spans(
        empty.finditer("remote x")
    )


RULE_PATTERNS = [
    *employment._MATCHERS.values(),
    workplace._FULLY_REMOTE,
    workplace._HYBRID,
    workplace._REMOTE,
    workplace._ONSITE,
    visa._REFUSAL,
    visa._OFFER,
    status._CLOSED,
]

SAMPLES = [
    "Full-time, remote within the EU. We can sponsor your visa. This job is no longer open.",
    "TEILZEIT – hybrid: 2 Tage im Büro. Visa-Sponsoring nicht möglich. Stelle ist besetzt.",
    "Contract / Part-time | (remote) | not a remote role | on-site only | CDI, CDD, PRN",
    "Stage de 6 mois en télétravail partiel, pas de parrainage. Cette offre est pourvue.",
    "Prácticas, teletrabajo parcial, sin patrocinio de visado; 1099 contract; per diem RN",
    "\u0130NTERNSHIP (remote) - fully remote, we will also sponsor work permits",
    "nothing that any rule reads " * 40,
]


@pytest.mark.parametrize("pattern", RULE_PATTERNS, ids=lambda p: p.pattern[:30])
@pytest.mark.parametrize("text", SAMPLES, ids=lambda t: t[:20])
def test_scanner_matches_the_rule_patterns_on_samples(pattern: re.Pattern[str], text: str) -> None:
    for variant in (text, text.upper(), text.swapcase()):
        scanned = _spans(AlternationScanner(pattern).finditer(variant))
        assert scanned == _spans(pattern.finditer(variant))


def test_top_level_branches_look_through_a_group_around_the_whole_pattern() -> None:
    assert _top_level_branches(r"(?:a|b(?:c|d))") == ["a", "b(?:c|d)"]
    assert _top_level_branches(r"(?:a)|(?:b)") == ["(?:a)", "(?:b)"]
    assert _top_level_branches(r"(a|b)") == ["(a|b)"]
    assert _top_level_branches(r"a(b") == ["a(b"]


def test_leading_words_are_the_words_every_match_starts_with() -> None:
    assert leading_words(re.compile(r"\b(?:Remote|hybrid)\s+work", re.I)) == {"remote", "hybrid"}
    assert leading_words(re.compile(r"(?<![\w-])only\b")) == {"only"}
    assert leading_words(re.compile(r"(?:the\s+)?remote")) is None
    assert leading_words(re.compile(r"\d+\s+years")) is None
    # Through one optional letter: "h" alone would stand everywhere.
    visa = re.compile(r"\b(?:visas?|H-?1B)\s+sponsor", re.I)
    assert leading_words(visa) == {"visa", "h-1b", "h1b"}
    assert leading_words(re.compile(r"colou?r")) == {"colour", "color"}
    for text in ("H1B sponsor, h-1b  SPONSOR, visas sponsor", "h 1b sponsor"):
        assert _spans(AlternationScanner(visa).finditer(text)) == _spans(visa.finditer(text))


def test_scanner_tries_leading_words_and_falls_back_to_search_when_they_are_many() -> None:
    pattern = re.compile(r"\bremote\s+(?P<kind>role|job)\b|\bremote-first\b", re.I)
    text = "remote team, " * (_MAX_TRIES + 5) + "a REMOTE role and a remote-first job, remote job"
    scanned = list(AlternationScanner(pattern).finditer(text))
    expected = list(pattern.finditer(text))
    assert _spans(scanned) == _spans(expected)
    assert [m.groupdict() for m in scanned] == [m.groupdict() for m in expected]
    assert len(expected) == 3


def test_read_folded_gives_case_sensitive_patterns_the_folded_text() -> None:
    pattern = re.compile(r"equal (employment )?opportunity", re.IGNORECASE | re.MULTILINE)
    sensitive = case_sensitive(pattern)
    assert sensitive.flags & re.MULTILINE and not sensitive.flags & re.IGNORECASE
    for text in ("An EQUAL Opportunity employer", "ſo: EQUAL employment opportunity"):
        subject, reader = read_folded(text, fold_case(text), pattern, sensitive)
        assert [m.span() for m in reader.finditer(subject)] == [
            m.span() for m in pattern.finditer(text)
        ]
        assert (subject, reader) == (
            (text, pattern) if fold_case(text) is None else (text.lower(), sensitive)
        )


def test_fold_case_lowercases_only_where_ignorecase_would_agree() -> None:
    assert fold_case("Equal Opportunity Über") == "equal opportunity über"
    # re.IGNORECASE matches these to "s" and "i" where str.lower() does not.
    assert fold_case("Privacy ſtatement") is None
    assert fold_case("dıscriminate") is None
    assert fold_case("İstanbul") is None


@pytest.mark.parametrize(
    "text",
    ["Equal Opportunity Über", "5 \u212a of RAM", "Privacy ſtatement", "İstanbul", "Straße", ""],
)
def test_fold_posting_is_fold_case_from_the_scanners_copy(text: str) -> None:
    assert fold_posting(text) == fold_case(text)


def test_fold_case_agrees_with_ignorecase_for_every_character() -> None:
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    assert fold_case(every) is None  # it holds "ı", "ſ" and "İ"
    letters = "abcdefghijklmnopqrstuvwxyzàáâäçèéêëíîïñóôöúùûüß"
    folded: dict[str, set[str]] = {letter: set() for letter in letters}
    for char in every:
        lowered = char.lower()
        if lowered in folded:
            folded[lowered].add(char)
        # \b, \w and \s read the same on the folded text.
        if len(lowered) == 1 and lowered != char:
            assert char.isalnum() == lowered.isalnum()
            assert char.isspace() == lowered.isspace()
    for letter in letters:
        matched = {m.group() for m in re.finditer(letter, every, re.IGNORECASE)}
        assert matched - {"ı", "ſ", "İ"} == folded[letter], letter


def test_lowered_posting_keeps_every_offset() -> None:
    assert lowered_posting("Über ABC") == "über abc"
    assert lowered_posting("ſ and İstanbul") == "ſ and ?stanbul"
    assert lowered_posting("Dıscrimination") == "dıscrimination"

"""The hard-skill vocabulary: canonical names, their aliases, and one fast matcher over them.

The vocabulary ships as ``extractor/data/skills.json``: each skill has a canonical name
("Apache Spark") and aliases ("Spark", "apache spark"). Scorers map both sides of a
comparison through ``canonical_skill``; the skills rule finds forms in text with
``find_skill_forms``, which runs one Aho-Corasick automaton over a lowered copy of the text
and keeps only matches at word boundaries that respect symbols ("C++", "C#", ".NET").

Some forms need more care than a boundary check, and the data file says which:

- ``case_sensitive``: the form counts only with that exact case in the text ("React" the
  library, not "react to"; "Excel" the tool, not "excel at").
- ``not_in_text``: too ambiguous to read in text at all ("Make", "Chef", "Segment"), but
  still canonicalized when a label or a structured source names it.
- ``needs_context: "language"``: one-letter or common-word languages ("Go", "R", "C");
  the skills rule decides from the surrounding text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any

import ahocorasick

from extractor.errors import ExtractorError
from extractor.rules.prefilter import lowered_posting

__all__ = [
    "FormMatch",
    "Skill",
    "Vocabulary",
    "VocabularyError",
    "canonical_skill",
    "find_skill_forms",
    "load_vocabulary",
]


class VocabularyError(ExtractorError):
    """A skill vocabulary file that cannot be read or breaks its own rules."""


@dataclass(frozen=True)
class Skill:
    """One hard skill: its canonical name and every other way of writing it."""

    name: str
    category: str
    aliases: tuple[str, ...]
    case_sensitive: frozenset[str]
    not_in_text: frozenset[str]
    needs_context: str | None

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name first, then the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class FormMatch:
    """A vocabulary form found in text: the span it covers and the skill it names."""

    start: int
    end: int
    skill: Skill
    form: str


class Vocabulary:
    """The skills, a case-folded lookup from every form to its skill, and the text matcher."""

    def __init__(self, skills: list[Skill], source: str = "<vocabulary>") -> None:
        self.skills: tuple[Skill, ...] = tuple(skills)
        self._by_form: dict[str, Skill] = {}
        for skill in skills:
            for form in skill.forms:
                key = _fold(form)
                other = self._by_form.get(key)
                if other is not None and other.name != skill.name:
                    raise VocabularyError(
                        f"{source}: form {form!r} names two skills: "
                        f"{other.name!r} and {skill.name!r}"
                    )
                self._by_form[key] = skill
        self._automaton, self._letters = self._build_matchers()
        self._words = len(self._automaton) > 0

    def __len__(self) -> int:
        return len(self.skills)

    def canonical(self, name: str) -> str | None:
        """The canonical name for any form of a skill, case-insensitively; None if unknown."""
        skill = self._by_form.get(_fold(name))
        return skill.name if skill else None

    def skill(self, name: str) -> Skill | None:
        """The skill that ``name`` (any form, any case) belongs to."""
        return self._by_form.get(_fold(name))

    def _build_matchers(self) -> tuple[Any, _Letters | None]:
        """The automaton over every form of two or more characters, and the one-letter forms.

        One-letter forms ("r", "c") are 9 in 10 of the automaton's hits, nearly all inside
        words; a regex that finds them only between non-word characters leaves the Python
        loop over hits a tenth of its work (0.015 ms per posting). The lookarounds drop only
        hits the boundary check drops too: a letter, digit or "_" beside the form.
        """
        automaton = ahocorasick.Automaton()
        letters: dict[str, _Entry] = {}
        for skill in self.skills:
            for form in skill.forms:
                if form in skill.not_in_text:
                    continue
                key = form.lower()
                # Forms differing only in case share one key; the first one wins, and any
                # case-sensitive form is re-checked against the original text at match time.
                entry = (len(key), skill, _exact_form(skill, key))
                if len(key) == 1:
                    letters.setdefault(key, entry)
                elif key not in automaton:
                    automaton.add_word(key, entry)
        automaton.make_automaton()
        if not letters:
            return automaton, None
        # The class comes first so that the regex engine skips to candidates in C; the
        # lookbehind then tests the character before the letter (twice as fast as "(?<!\w)[rc]").
        chars = "".join(map(re.escape, sorted(letters)))
        pattern = re.compile(rf"[{chars}](?<!\w[{chars}])(?!\w)")
        return automaton, _Letters(pattern, letters)

    def find_forms(self, text: str) -> list[FormMatch]:
        """Every vocabulary form in ``text``, longest first where matches overlap.

        Matching runs on ``text.lower()``, whose offsets equal the original's for all but a
        few exotic characters; a text where they differ is matched on a stand-in that keeps
        the offsets ('?' for any character whose lowercase changes length). That copy is
        prefilter.lowered_posting, shared with the other rules that read the posting.
        """
        lowered = lowered_posting(text)
        # Typographic hyphens ("OR‑Tools", "Full‑time") read as "-"; the length is kept.
        if "\u2010" in lowered or "\u2011" in lowered:
            lowered = lowered.translate(_HYPHENS)
        found: list[FormMatch] = []
        length = len(lowered)
        # An automaton without words refuses to run (a vocabulary of one-letter forms).
        hits: Iterator[tuple[int, _Entry]] = (
            self._automaton.iter(lowered) if self._words else iter(())
        )
        if self._letters is not None:
            hits = chain(hits, self._letters.hits(lowered))
        for end_index, (size, skill, exact) in hits:
            start, end = end_index - size + 1, end_index + 1
            # Most hits sit inside a longer word: reject those here, before the full check
            # (the same test _at_boundary starts with), to save a call per hit.
            if (start > 0 and lowered[start - 1].isalnum()) or (
                end < length and lowered[end].isalnum()
            ):
                continue
            if not _at_boundary(text, lowered, start, end):
                continue
            if exact is not None and text[start:end].translate(_HYPHENS) != exact:
                continue
            found.append(FormMatch(start, end, skill, text[start:end]))
        return _longest_leftmost(found)


# A form in the matchers: its length, its skill, and its exact case where that counts.
_Entry = tuple[int, Skill, str | None]


@dataclass(frozen=True)
class _Letters:
    """The one-letter forms: where they stand alone, and what each names."""

    pattern: re.Pattern[str]
    entries: Mapping[str, _Entry]  # built once, only read

    def hits(self, lowered: str) -> Iterator[tuple[int, _Entry]]:
        """(index, entry) for each one-letter form with no letter, digit or "_" beside it."""
        entries = self.entries
        for match in self.pattern.finditer(lowered):
            yield match.start(), entries[match.group()]


_HYPHENS = {0x2010: "-", 0x2011: "-"}


def _exact_form(skill: Skill, key: str) -> str | None:
    for form in skill.case_sensitive:
        if form.lower() == key:
            return form
    return None


def _at_boundary(text: str, lowered: str, start: int, end: int) -> bool:
    """True when the match is a whole token: "java" not in "javascript", "c" not in "c++"."""
    before = lowered[start - 1] if start > 0 else " "
    after = lowered[end] if end < len(lowered) else " "
    # "#python" is a board hashtag, not evidence (SPEC); "@spark" is a handle.
    if before.isalnum() or before in "_@#":
        return False
    # A dotted token continues: ".net" inside "asp.net" when "asp.net" is not the match.
    if before == "." and start >= 2 and lowered[start - 2].isalnum():
        return False
    if after.isalnum() or after in "_+#":
        return False
    # "vue" inside "vue.js": a dot then a lowercase letter continues the token, while
    # "Python.Experience" (a scraped page that lost its spaces) ends it.
    return not (after == "." and end + 1 < len(text) and text[end + 1].islower())


def _longest_leftmost(matches: list[FormMatch]) -> list[FormMatch]:
    """Drop matches that overlap a longer or earlier one, keeping text order."""
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[FormMatch] = []
    reach = -1
    for match in matches:
        if match.start >= reach:
            kept.append(match)
            reach = match.end
    return kept


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _parse(data: Any, source: str) -> list[Skill]:
    if not isinstance(data, dict) or not isinstance(data.get("skills"), list):
        raise VocabularyError(f"{source}: expected an object with a 'skills' list")
    skills: list[Skill] = []
    for index, entry in enumerate(data["skills"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise VocabularyError(f"{source}: skill #{index} has no name")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise VocabularyError(f"{source}: {entry['name']!r} has aliases that are not strings")
        skill = Skill(
            name=entry["name"],
            category=str(entry.get("category", "")),
            aliases=tuple(aliases),
            case_sensitive=frozenset(entry.get("case_sensitive", [])),
            not_in_text=frozenset(entry.get("not_in_text", [])),
            needs_context=entry.get("needs_context"),
        )
        unknown = (skill.case_sensitive | skill.not_in_text) - set(skill.forms)
        if unknown:
            raise VocabularyError(
                f"{source}: {skill.name!r} flags forms it does not list: {sorted(unknown)}"
            )
        skills.append(skill)
    return skills


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """The skill vocabulary: the shipped one (cached), or one read from ``path``.

    Raises:
        VocabularyError: the file cannot be read, is not JSON, or breaks the vocabulary's
            rules (a skill without a name, one form naming two skills, ...).
    """
    if path is None:
        return _shipped_vocabulary()
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise VocabularyError(f"{path}: cannot read the vocabulary: {error}") from error
    return _from_json(raw, str(path))


def _from_json(raw: str, source: str) -> Vocabulary:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise VocabularyError(f"{source}: not valid JSON: {error}") from error
    return Vocabulary(_parse(data, source), source)


@lru_cache(maxsize=1)
def _shipped_vocabulary() -> Vocabulary:
    raw = resources.files("extractor.data").joinpath("skills.json").read_text(encoding="utf-8")
    return _from_json(raw, "extractor/data/skills.json")


def canonical_skill(name: str) -> str | None:
    """The canonical name of a skill given any of its forms, case-insensitively.

    ``canonical_skill("apache spark")`` is ``"Apache Spark"``; a name outside the vocabulary
    gives ``None`` (scorers then compare it case-folded, SPEC section 3).
    """
    return _shipped_vocabulary().canonical(name)


def find_skill_forms(text: str) -> Iterator[FormMatch]:
    """Every vocabulary form in ``text`` at word boundaries, in text order."""
    yield from _shipped_vocabulary().find_forms(text)

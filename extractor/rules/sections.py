"""Rule for the section lists: responsibilities, requirements, nice_to_have and benefits.

A section opens at a heading that names it ("What you'll do", "Dein Profil", "Requisitos",
"Avantages", ...) and closes at the next heading of any kind, at an equal-opportunity or
privacy statement, or at a paragraph that follows its bullets. Headings come as markdown
("## ..."), bold lines, short lines ending in ':', or bare lines that match a known heading.
Items are the section's bullets or, in a section of paragraphs, its sentences, cleaned of
markdown emphasis and entities, with lines that a PDF wrapped joined again.

Decisions, for precision:

- "Job description", "About the role" and the like are weak headings: only their bullets
  count, because their paragraphs are usually the pitch, not a list of duties.
- "Ideally, you have" is nice-to-have, unless the posting also has an explicit nice-to-have
  heading, in which case it is the posting's main list of requirements.
- A heading that names no section ("About us", "Similar jobs", "How to apply") ends the
  section before it; "similar jobs" and equal-opportunity/privacy blocks are also reported
  as excluded spans, which the skills rule skips.
- Text from a scraper that lost its line breaks ("...in productionDeep experience with")
  is split where a lowercase word runs into a capitalized one, but only in long lines that
  show several such joins.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from re import _parser  # type: ignore[attr-defined]
from typing import NamedTuple

from extractor.candidates import Candidate, Tier
from extractor.normalize.text import unescape_entities
from extractor.rules import RuleContext, prefilter
from extractor.vocabulary import canonical_skill

SOURCE = "rule:sections"
SECTION_FIELDS = ("responsibilities", "requirements", "nice_to_have", "benefits")

# Heading kinds beyond the four fields. "other" ends a section and opens nothing.
_IDEAL = "ideal"
_SIMILAR = "similar"
_STATEMENT = "statement"
_OTHER = "other"
_UNKNOWN = "unknown"  # a bold or colon line that names nothing we know: maybe a sub-heading


# Checked in this order on a normalized heading (lowercase, no markup, "'" apostrophes): a
# kind matches where one of its regexes is found.
_HEADING_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        _SIMILAR,
        (
            # The block's own heading, not a link to it ("Browse similar jobs").
            r"^((other|more) )?(similar|other|related|more|recommended|recent|latest|open) "
            r"(jobs|positions|roles|openings|vacancies)\b",
            r"^jobs you may",
            r"^(people also (viewed|applied)|you may also like)",
            r"^(ähnliche|weitere) (jobs|stellen|stellenangebote)",
            r"^(empleos|ofertas|vacantes) (similares|relacionad)",
            r"^(offres|emplois|postes) (similaires|similaire)",
            r"(you might|you may) also (like|be interested)|^jobs you might like",
            r"pourraient (aussi |également )?vous intéresser|könnte (dich|sie) auch interessieren|"
            r"(te|le) (puede|pueden) interesar",
        ),
    ),
    (
        _STATEMENT,
        (
            r"equal (employment )?opportunit",
            r"^eeo\b",
            r"^(privacy|data protection|datenschutz|protección de datos|confidentialité)",
            r"^(reasonable )?accommodations?\b",
            r"^(diversity|diversité|diversidad|vielfalt)",
        ),
    ),
    (
        "nice_to_have",
        (
            r"^nice[- ]?to[- ]?haves?\b",
            r"^bonus( points)?\b",
            r"^(preferred|desired|desirable|additional|optional|bonus|plus) "
            r"(qualifications|skills|experience|requirements)",
            r"^(preferred|pluses|extra credit|brownie points)$",
            r"^(it's a plus|it would be (great|nice)|even better|big plus|"
            r"what would make you stand out|ways to stand out|you might also have|"
            r"it's a bonus)",
            r"^(good|great) to have\b",
            r"^assets$",
            r"^(wünschenswert|von vorteil|pluspunkte|das wäre (toll|super|schön)|schön wäre|"
            r"(ein )?plus (wäre|ist)|(ein )?plus$)",
            r"^(deseable|deseables|se valorará|valorable|valoramos|valoraremos|será un plus|"
            r"suma puntos)",
            r"^(atouts|vos atouts|un plus|les (petits )?plus|(ce )?serait un plus|apprécié)",
        ),
    ),
    (
        _IDEAL,
        (r"^(ideally|idealerweise|idéalement|idealmente)\b",),
    ),
    (
        "benefits",
        (
            r"^(our |the |employee |your |additional |some of our |what are the )?"
            r"(benefits|perks)\b",
            r"^(what|here's what|here is what) we (offer|provide)",
            r"^we('ll| will) take care of you",
            r"^we offer\b",
            r"^what('s| is) in it for you",
            r"^why (join us|work with us|you'll love)",
            r"^(total rewards|incentives)$",
            r"^((das|was) )?(wir (dir |ihnen |euch )?bieten|bieten wir)",
            r"^was (unser kunde|der kunde) (dir |ihnen )?bietet",
            r"^what you('ll| will)? get\b",
            r"^(condiciones|prestaciones)$",
            r"^(unser angebot|deine vorteile|ihre vorteile|vorteile|"
            r"darauf (kannst du|können sie) (dich|sich) freuen)",
            r"^((qué|que|lo que) )?(te |le )?ofrecemos",
            r"^(beneficios|ventajas)",
            r"^(avantages|nos avantages|ce que nous (vous )?(offrons|proposons)|"
            r"nous (vous )?(offrons|proposons)|pourquoi (nous )?rejoindre)",
        ),
    ),
    (
        "requirements",
        (
            r"^(minimum |basic |required |key |essential |core |your |job |position )?"
            r"(qualifications|requirements|skills( (and|&) experience)?|"
            r"experience (and|&) skills)\b",
            r"^([\w-]+ ){1,2}(qualifications|requirements)$",
            r"^what (we're|we are|we'll be) looking for",
            r"^(who|what) we('re| are) looking for",
            r"^what (you'll|you will|you) (need|bring|have)\b",
            r"^what (experience|skills|qualifications)\b",
            r"^what (we|we'll) (need|expect|require)\b",
            r"^(ce que nous attendons|ce que l'on attend|nos attentes)",
            r"^(about you|who you are|is this you|you should have|you'll have|you will have|"
            r"you have|you bring|what it takes|you are)\b",
            r"^must[- ]haves?\b",
            r"^(this (job|role|position) is for you if|you('re| are) a (great |good )?fit if)",
            r"^(the )?ideal candidate",
            r"^(your |candidate )?(profile|background)$",
            r"^(dein|ihr|euer)? ?profil\b",
            r"^(das|was) (bringst du|bringen sie|du mitbringst|sie mitbringen)",
            r"^(anforderungen|voraussetzungen|qualifikation|deine qualifikation|"
            r"ihre qualifikation|was wir (von dir |von ihnen )?erwarten|"
            r"das zeichnet (dich|sie) aus|damit überzeugst du|dein skillset|deine skills)",
            r"^(tu |su )?perfil\b",
            r"^requisitos\b",
            r"^((qué|que|lo que) )?(buscamos|necesitamos|pedimos)",
            r"^(votre|ton|le) profil\b",
            r"^profil( recherché)?$",
            r"^(compétences|qualifications|prérequis|pré-requis|exigences)",
            r"^(nous vous évaluerons|we will assess|we'll assess|you will be assessed)\b",
            r"^(ce que nous recherchons|ce que l'on recherche|qui êtes-vous|qui es-tu|"
            r"le candidat idéal)",
        ),
    ),
    (
        "responsibilities",
        (
            r"^(key |main |core |primary |your |the |job |role )?"
            r"(responsibilities|duties|tasks)\b",
            r"^((here is|here's) )?what (you'll|you will|you'd|you would) (do|be doing|work on|"
            r"be working on|be responsible for|achieve|own)\b",
            r"^(in this role|in this position)\b",
            r"^what (the|this) (job|role|position) (involves|entails|looks like)",
            r"^(key |your |main )?objectives$",
            r"^(essential|key|primary) (functions|duties)\b",
            r"^duties (and|&) responsibilities\b",
            r"^(la|ta|votre) mission\b",
            r"(^|, )(you will|you'll)$",
            r"^(your|the) (mission|impact|day[- ]to[- ]day)\b",
            r"^your role\b",
            r"^day[- ]to[- ]day\b",
            r"^((ihre|deine|eure|unsere|die) )?aufgaben\b",
            r"^(das|was) (erwartet|erwarten) (dich|sie)\b",
            r"^(dein|ihr) (job|aufgabengebiet|tätigkeitsbereich)\b",
            r"^(ihre|deine) (rolle|tätigkeit|mission)\b",
            r"^(aufgabengebiet|tätigkeitsbereich|tätigkeiten)\b",
            r"^((tus|sus|principales) )?(funciones|responsabilidades|tareas)\b",
            r"^((qué|que|lo que) )?(harás|vas a hacer)\b",
            r"^tu (rol|misión|día a día)\b",
            r"^((vos|tes|les|principales|vos principales) )?(missions|responsabilités|tâches)\b",
            r"\b(tâches|missions) suivantes\b",
            r"^(ce que (vous ferez|tu feras)|votre rôle|ton rôle|votre mission|ta mission|"
            r"au quotidien)\b",
        ),
    ),
    (
        # Pay and perks under one heading: its paragraphs are the pay, its bullets the perks.
        "weak_benefits",
        (
            r"^(compensation|pay|salary|rémunération|remuneración|salario|vergütung|gehalt) "
            r"(and|&|et|y|und) (support|avantages|beneficios|benefits|perks|zusatzleistungen)",
        ),
    ),
    (
        "weak_responsibilities",
        (
            r"^(job description|about the (role|job|position)|about this (role|job|position)|"
            r"the (role|opportunity|position))$",
            r"^(stellenbeschreibung|die stelle|deine rolle)$",
            r"^(descripción del (puesto|empleo)|el puesto|sobre el puesto)$",
            r"^(description du poste|le poste|descriptif du poste)$",
        ),
    ),
    (
        _OTHER,
        (
            r"^(about|über|sobre|à propos|a propos|qui sommes|who we are|quiénes somos|"
            r"wer wir sind|our company|the company|company description|l'entreprise)\b",
            r"\b(apply|application|interview|hiring process|next steps|bewerbung|bewirb|"
            r"candidature|postular|postulación|postuler|je postule|inscribirme)\b",
        ),
    ),
)

# Sentences that close a section wherever they stand.
_STATEMENT_WORDS = (
    r"equal (employment )?opportunity|we do not discriminate|without regard to (race|age)|"
    r"chancengleichheit|datenschutz|igualdad de oportunidades|égalité des chances|"
    r"privacy (policy|notice)"
)
_STATEMENT_LINE = re.compile(_STATEMENT_WORDS, re.IGNORECASE)
# Most postings hold none of the words every alternative needs: the scanner then skips the
# scan, and otherwise tries the pattern only where one of its leading words stands.
_STATEMENT_SCANNER = prefilter.AlternationScanner(_STATEMENT_LINE)


def _statement_spans(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the statement-line matches in the whole text, in order.

    A line holds a match only where one of these overlaps it, so the line's own search runs
    only there (searching every line of every section cost 0.07 ms per posting).
    """
    matches = list(_STATEMENT_SCANNER.finditer(text))
    return [m.start() for m in matches], [m.end() for m in matches]


# An intro line speaks to the reader ("You will:"); a sub-heading names a topic.
_ADDRESSES_READER = re.compile(
    r"\b(you|your|we|vous|tu|du|dich|dir|sie|wir|nous|usted|tú|te)\b", re.IGNORECASE
)
_BULLET = re.compile(r"^(?:(?:[-*+]|\\-|\d{1,2}[.)]|\(?[a-z]\))\s+|[•·▪●◦‣–—►▸➤✓✔☑→]\s*)(?=\S)")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(.+?)\1\s*:?\s*$")
_COLON_HEADING = re.compile(r"^([^:]{2,60}?)\s*:\s*(.*)$")
_ABBREVIATION = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|approx|z\.b|bzw|ca|dr|mr|ms|mrs|inc|ltd|sr|jr|no|nr|p\.ej|ex)\.$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“(¿¡]?[A-ZÀ-ÖØ-Þ0-9])")

# Joins where a scraper lost the break: "productionDeep", "learn)Strong", "have:47".
_GLUE = re.compile(
    r"(?<![A-Za-z])[a-z]{3,}(?=[A-Z][a-z])|[a-z]{2}[.!?](?=[A-Z][a-z])|\)(?=[A-Z][a-z])|"
    r"[A-Za-z)]:(?=[A-Z0-9])"
)
# A "similar jobs" block that starts in the first fifth of the text is a sidebar.
# What every join of _GLUE stands on: a lowercase letter or ".!?):" before an uppercase
# letter or digit. Counting these first is five times cheaper than counting the joins.
_GLUE_HINT = re.compile(r"[a-z.!?):][A-Z0-9]")
_SIDEBAR_SHARE = 0.2
_GLUED_LINE_MIN = 300
_GLUES_MIN = 3


class Item(NamedTuple):
    """One list item: its cleaned text and the span of the raw text it came from."""

    # A named tuple (immutable, same fields and repr as the frozen dataclass it was): built
    # three times faster, and a posting has dozens.

    text: str
    start: int
    end: int


@dataclass
class Section:
    """A section found under a heading: its field and its items."""

    field: str
    start: int
    end: int
    items: list[Item] = dataclasses.field(default_factory=list)
    fallback: bool = False  # sentences under a weak heading, kept only if nothing better


@dataclass(frozen=True)
class Sections:
    """What the section reader found in one text."""

    sections: tuple[Section, ...]
    excluded: tuple[tuple[int, int], ...]
    """Spans no rule should read: "similar jobs" blocks, equal-opportunity/privacy blocks."""

    def items(self, field_name: str) -> list[Item]:
        return [item for s in self.sections if s.field == field_name for item in s.items]

    def spans(self, field_name: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.sections if s.field == field_name]

    def is_excluded(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.excluded)


class _Line(NamedTuple):
    # A named tuple: about 25 per posting, built three times faster than a frozen dataclass.
    start: int
    end: int
    text: str
    blank_before: bool


class _Heading(NamedTuple):
    kind: str
    rest: str  # text after "Heading:" on the same line
    rest_start: int
    soft: bool = False  # a bold or colon line, which may only introduce a list


def _split_lines(text: str) -> list[_Line]:
    """Logical lines with their offsets; long glued lines are split at their joins."""
    lines: list[_Line] = []
    position = 0
    blank = False
    for raw in text.split("\n"):
        start = position
        position += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        offset = start + raw.index(stripped[0])
        if len(stripped) < _GLUED_LINE_MIN:  # most lines: no call to _unglue
            lines.append(_Line(offset, offset + len(stripped), stripped, blank))
            blank = False
            continue
        for piece_start, piece in _unglue(stripped):
            lines.append(
                _Line(offset + piece_start, offset + piece_start + len(piece), piece, blank)
            )
            blank = False
    return lines


# In a line already known to be glued, two more joins: "OptionsHealth" and
# "Insurance401(k)". A CamelCase name of a tool ("ClickHouse", "JavaScript") is no join.
_GLUE_MORE = re.compile(
    r"(?<![A-Za-z])[A-Z][a-z]{3,}(?=[A-Z][a-z])|(?<![A-Za-z])[A-Z]?[a-z]{4,}(?=\d)"
)
_TOKEN = re.compile(r"[\w.+#-]+")


def _joins(line: str, glues: list[int]) -> list[int]:
    """Where to cut a glued line: its _GLUE joins (``glues``) and the _GLUE_MORE ones."""
    cuts = set(glues)
    for match in _GLUE_MORE.finditer(line):
        token = _TOKEN.match(line, match.start())
        if token is None or canonical_skill(token.group(0).strip(".-")) is None:
            cuts.add(match.end())
    return sorted(cuts)


def _unglue(line: str) -> list[tuple[int, str]]:
    """A long line (_GLUED_LINE_MIN characters or more: its caller checks) cut at its joins,
    each piece with its offset; the line whole where it shows too few joins."""
    if len(_GLUE_HINT.findall(line)) < _GLUES_MIN:
        return [(0, line)]
    glues = [match.end() for match in _GLUE.finditer(line)]  # scanned once, used twice
    if len(glues) < _GLUES_MIN:
        return [(0, line)]
    cuts = _joins(line, glues)
    pieces: list[tuple[int, str]] = []
    previous = 0
    for cut in [*cuts, len(line)]:
        piece = line[previous:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            pieces.append((previous + lead, piece.strip()))
        previous = cut
    return pieces


_HEADING_MARKUP = re.compile(r"[*_#]+")


def normalize_heading(text: str) -> str:
    """A heading as the kind patterns read it: no markup, symbols or case, one apostrophe."""
    text = unescape_entities(text).replace("’", "'").replace("`", "'")
    text = _HEADING_MARKUP.sub(" ", text)
    if not text.isascii():
        text = "".join(c for c in text if not unicodedata.category(c).startswith(("S", "C")))
    # After the join the only whitespace left is " ": rstrip does what a "[\s:;...]+$"
    # search, tried at every offset, did.
    text = " ".join(text.split()).rstrip(" :;.!?¿¡-–—")
    return text.strip(" -–—:¿¡").casefold()


def _anchored(regex: str) -> bool:
    """Whether a regex can match only at the start of the text ("^..." with no top "|")."""
    return regex.startswith("^") and not prefilter.alternates_at_top(regex)


class _KindMatcher(NamedTuple):
    kind: str
    at_start: re.Pattern[str] | None  # its anchored regexes, "^" dropped, for match()
    anywhere: re.Pattern[str] | None  # the others, for search()


def _kind_matcher(kind: str, regexes: tuple[str, ...]) -> _KindMatcher:
    # Most heading regexes start with "^": a search for them tried every offset of the
    # heading, where one match() at its start is enough (a heading_kind miss: 24 -> 12 us).
    at_start = [r[1:] for r in regexes if _anchored(r)]
    anywhere = [r for r in regexes if not _anchored(r)]

    def compiled(parts: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{r})" for r in parts)) if parts else None

    return _KindMatcher(kind, compiled(at_start), compiled(anywhere))


_HEADING_MATCHERS = tuple(_kind_matcher(kind, regexes) for kind, regexes in _HEADING_KINDS)


@lru_cache(maxsize=4096)
def heading_kind(text: str) -> str | None:
    """The kind of section a heading opens, or None when it names none we know."""
    normalized = normalize_heading(text)
    if not normalized:
        return None
    for kind, at_start, anywhere in _HEADING_MATCHERS:
        if (at_start is not None and at_start.match(normalized)) or (
            anywhere is not None and anywhere.search(normalized)
        ):
            return kind
    return None


def _heading(line: _Line) -> _Heading | None:
    """The heading a line states, if it is one; bullets and sentences are not."""
    text = line.text
    if _BULLET.match(text) and not text.startswith(("**", "__")):
        return None
    if not text[0].isascii() and unicodedata.category(text[0]) == "So":
        # An emoji-led line is a heading only when what follows reads as one.
        inner = _strip_symbols(text)
        kind = heading_kind(inner) if _BOLD_LINE.match(inner) or len(inner) <= 70 else None
        return _Heading(kind, "", line.end, soft=True) if kind else None
    markdown = _MD_HEADING.match(text) if text[0] == "#" else None
    if markdown:
        return _Heading(heading_kind(markdown.group(1)) or _OTHER, "", line.end)
    inner = _strip_symbols(text)
    bold = _BOLD_LINE.match(inner) if inner.startswith(("**", "__")) else None
    if bold:
        return _Heading(heading_kind(bold.group(2)) or _UNKNOWN, "", line.end, soft=True)
    colon = _COLON_HEADING.match(text) if ":" in text else None
    if colon and len(colon.group(1).split()) <= 8 and not colon.group(1).startswith("http"):
        kind = heading_kind(colon.group(1))
        rest = colon.group(2).strip()
        if kind:
            return _Heading(kind, rest, line.end - len(rest), soft=True)
        if not rest:
            return _Heading(_UNKNOWN, "", line.end, soft=True)
        return None
    # Length first: splitting every long sentence into words was 4% of read_sections.
    if len(text) <= 70 and len(text.split()) <= 8 and not text.rstrip().endswith((".", ",", ";")):
        kind = heading_kind(text)
        if kind:
            return _Heading(kind, "", line.end)
    return None


def _decoration(char: str) -> bool:
    # Emoji and pictographs ("So"), modifiers, spaces and variation selectors; never a
    # currency or maths sign, which belongs to the item ("$800 wellness account").
    return unicodedata.category(char) in ("So", "Sk", "Zs", "Mn") or char == "\ufe0f"


# ASCII characters that are no decoration: a line that starts and ends with one (most lines)
# needs no call to unicodedata.
_PLAIN_ASCII = frozenset(chr(code) for code in range(128)) - {" ", "^", "`"}


def _strip_symbols(text: str) -> str:
    """Emoji and symbols around a line, which some boards put beside their headings."""
    if text and text[0] in _PLAIN_ASCII and text[-1] in _PLAIN_ASCII:
        return text
    start, end = 0, len(text)
    while start < end and _decoration(text[start]):
        start += 1
    while end > start and _decoration(text[end - 1]):
        end -= 1
    return text[start:end]


def _bullet_text(text: str) -> str | None:
    """The text of a bullet line without its marker; None for a line that is no bullet."""
    match = _BULLET.match(text)
    if match:
        return text[match.end() :]
    if text and not text[0].isascii() and unicodedata.category(text[0]) == "So":
        # Emoji bullets ("🔹", "✔️") that boards use in place of "-".
        stripped = _strip_symbols(text)
        return stripped or None
    return None


_ITEM_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_ITEM_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_ITEM_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_ITEM_EMPHASIS = re.compile(r"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])")


def clean_item(text: str) -> str:
    """An item as written: markdown emphasis, links and escapes gone, entities decoded."""
    if "&" in text:  # every entity starts with it
        text = unescape_entities(text)
    # Each pattern needs its marker ("](", a backslash, "*" or "_"): most items hold none,
    # so the substitutions run only where they could change something.
    if "](" in text:
        text = _ITEM_LINK.sub(r"\1", text)
    if "\\" in text:
        text = _ITEM_ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _ITEM_STRONG.sub(r"\2", text)
        text = _ITEM_EMPHASIS.sub(r"\1", text)
    if "`" in text:
        text = text.replace("`", "")
    text = _strip_symbols(" ".join(text.split()))
    return text.strip()


def _sentences(text: str, start: int) -> list[Item]:
    items: list[Item] = []
    previous = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if _ABBREVIATION.search(text[previous:end]):
            continue
        items.append(Item(text[previous:end], start + previous, start + end))
        previous = end
    items.append(Item(text[previous:], start + previous, start + len(text)))
    result: list[Item] = []
    for item in items:
        lead = len(item.text) - len(item.text.lstrip())
        cleaned = item.text.strip()
        if cleaned:
            result.append(Item(cleaned, item.start + lead, item.start + lead + len(cleaned)))
    return result


class _SectionBuilder:
    """Collects one section's lines into items."""

    def __init__(
        self, field_name: str, weak: bool, start: int, statements: tuple[list[int], list[int]]
    ) -> None:
        self.section = Section(field_name, start, start)
        self.weak = weak
        self.statements = statements  # from _statement_spans
        self.bullets: list[list[_Line]] = []
        self.bullet_texts: list[str] = []  # each bullet's first line without its marker
        self.paragraphs: list[list[_Line]] = []
        self.order: list[tuple[str, int]] = []
        self.closed = False

    def add(self, line: _Line) -> None:
        """Take one line; a line that ends the section closes it instead."""
        if self._may_state(line) and _STATEMENT_LINE.search(line.text):
            self.closed = True
            return
        if _strip_symbols(line.text).rstrip("*_ ").endswith(":"):
            # "You will:", "🔽 Vos missions :": a line that introduces the list, not an item.
            return
        bullet = _bullet_text(line.text)
        if bullet is not None:
            self.bullets.append([line])
            self.bullet_texts.append(bullet)
            self.order.append(("b", len(self.bullets) - 1))
            return
        last = self.order[-1] if self.order else None
        if last and last[0] == "b" and not line.blank_before and _is_wrapped(line.text):
            self.bullets[last[1]].append(line)
            return
        if line.blank_before and (
            self.bullets or (self.paragraphs and _is_list(self.paragraphs[-1]))
        ):
            # A paragraph after a list (with or without markers): a closing remark, an EEO
            # note, "apply now", the posting's facts.
            self.closed = True
            return
        if last and last[0] == "p" and not line.blank_before:
            self.paragraphs[last[1]].append(line)
            return
        self.paragraphs.append([line])
        self.order.append(("p", len(self.paragraphs) - 1))

    def _may_state(self, line: _Line) -> bool:
        """Whether a statement match in the whole text overlaps the line."""
        starts, ends = self.statements
        if not starts:  # most postings: no statement at all
            return False
        index = bisect_right(ends, line.start)
        return index < len(starts) and starts[index] < line.end

    def build(self) -> Section:
        items: list[Item] = []
        # Where a section has bullets, its paragraphs only introduce them. A weak heading's
        # sentences ("About the role") stand in only where the posting lists no duties.
        fallback = self.weak and not self.bullets and self.section.field == "responsibilities"
        self.section.fallback = fallback
        paragraphs_count = (not self.weak or fallback) and not self.bullets
        for kind, index in self.order:
            if kind == "b":
                items.extend(_bullet_item(self.bullet_texts[index], self.bullets[index]))
            elif paragraphs_count:
                # Perks are often short noun phrases ("Stock Options"), not sub-headings.
                labels_are_items = self.section.field == "benefits"
                items.extend(_paragraph_items(self.paragraphs[index], labels_are_items))
        self.section.items = [
            i
            for i in items
            if i.text and not i.text.endswith(":") and not (":" in i.text and _FACT.match(i.text))
        ]
        if self.section.items:
            self.section.start = self.section.items[0].start
            self.section.end = self.section.items[-1].end
        return self.section


_TOPIC_CONNECTORS = frozenset({"and", "&", "of", "for", "the", "in", "und", "y", "et", "de", "-"})


def _is_topic(text: str) -> bool:
    """A sub-heading that names a topic inside a list ("Ad Network Optimization:",
    "**Health comes first**"), not one that speaks to the reader or ends the list."""
    words = clean_item(text).rstrip(":").split()
    if not 1 <= len(words) <= 5 or _ADDRESSES_READER.search(text) or "?" in text:
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _TOPIC_CONNECTORS or len(w) > 3 for w in words
    )


def _is_title_case_label(text: str) -> bool:
    """A short Title Case line without a verb's punctuation: "ML Platform Engineering"."""
    words = text.split()
    if not 1 <= len(words) <= 4 or text.endswith((".", "!", "?", ":", ",")):
        return False
    return all(w[:1].isupper() or w.lower() in _TOPIC_CONNECTORS for w in words)


# Facts about the job listed beside the items ("Durée : 12 mois", "Job type: Full-time"):
# they are the posting's fields, not items of its lists.
_FACT = re.compile(
    r"^(start|start date|duration|location|place|rate|day rate|salary|contract|hours|"
    r"schedule|job type|closing date|démarrage|début|durée|lieu|tjm|salaire|contrat|"
    r"type de contrat|beginn|dauer|ort|einsatzort|gehalt|vertrag|inicio|duración|"
    r"ubicación|lugar|salario|contrato|horario)\s?:",
    re.IGNORECASE,
)
_LIST_LINES = 3


def _is_list(lines: list[_Line]) -> bool:
    """Lines that each hold one item without a marker (a list that lost its bullets)."""
    return len(lines) >= _LIST_LINES and not any(_is_wrapped(line.text) for line in lines[1:])


def _is_wrapped(text: str) -> bool:
    """A continuation line of a wrapped bullet starts in lowercase."""
    return bool(text) and text[0].islower()


def _bullet_item(first: str, lines: list[_Line]) -> list[Item]:
    """One item from a bullet's lines; ``first`` is its first line without the marker."""
    raw = " ".join([first, *(line.text for line in lines[1:])])
    text = clean_item(raw)
    return [Item(text, lines[0].start, lines[-1].end)] if text else []


def _paragraph_items(lines: list[_Line], labels_are_items: bool = False) -> list[Item]:
    items: list[Item] = []
    # Lines of one paragraph: a wrapped line continues its sentence, a full one stands alone.
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and _is_wrapped(line.text) and not groups[-1][-1].text.endswith((".", ":")):
            groups[-1].append(line)
        else:
            groups.append([line])
    for group in groups:
        joined = " ".join(line.text for line in group)
        if not labels_are_items and len(group) == 1 and _is_title_case_label(clean_item(joined)):
            continue  # a sub-heading within the section, not an item
        for sentence in _sentences(joined, group[0].start):
            text = clean_item(sentence.text)
            if text:
                end = min(sentence.end, group[-1].end)
                items.append(Item(text, sentence.start, end))
    return items


def _resolve(kind: str, has_nice: bool) -> tuple[str | None, bool]:
    """The field a heading kind opens, and whether it is weak (bullets only)."""
    if kind == _IDEAL:
        return ("requirements" if has_nice else "nice_to_have"), False
    if kind == "weak_responsibilities":
        return "responsibilities", True
    if kind == "weak_benefits":
        return "benefits", True
    if kind in SECTION_FIELDS:
        return kind, False
    return None, False


@lru_cache(maxsize=32)
def read_sections(text: str) -> Sections:
    """The sections of a posting's text and the spans no rule should read.

    Cached, because several rules (skills, experience, education) ask for the same text.
    """
    lines = _split_lines(text)
    headings = [_heading(line) for line in lines]
    has_nice = any(h is not None and h.kind == "nice_to_have" for h in headings)
    statements = _statement_spans(text)
    sections: list[Section] = []
    excluded: list[tuple[int, int]] = []
    builder: _SectionBuilder | None = None
    exclusion_start: int | None = None

    def _introduces_list(heading: _Heading, index: int) -> bool:
        """A soft line of no known kind inside a section ("You will:") that leads its list."""
        if heading.kind not in (_OTHER, _UNKNOWN) or not heading.soft or builder is None:
            return False
        if not _ADDRESSES_READER.search(lines[index].text) or builder.bullets:
            # After bullets, a new "...you...:" line starts another list, not this one's.
            return False
        if not builder.order:
            return True
        following = lines[index + 1] if index + 1 < len(lines) else None
        leads_bullets = following is not None and _bullet_text(following.text) is not None
        # "You will:" before bullets; a bold line is a sub-heading that ends the section.
        return leads_bullets and not lines[index].text.startswith(("**", "__"))

    def finish() -> None:
        nonlocal builder
        if builder is not None:
            section = builder.build()
            if section.items:
                sections.append(section)
            builder = None

    for index, (line, heading) in enumerate(zip(lines, headings, strict=True)):
        if heading is not None and builder is not None:
            same_field = _resolve(heading.kind, has_nice)[0] == builder.section.field
            # "You will:" under "Responsibilities" leads the same list; so does an intro.
            if (
                (same_field and heading.soft and not heading.rest)
                or _introduces_list(heading, index)
                or (heading.kind == _UNKNOWN and _is_topic(line.text))
            ):
                continue
        if heading is not None:
            finish()
            if exclusion_start is not None:
                excluded.append((exclusion_start, line.start))
                exclusion_start = None
            if heading.kind == _SIMILAR and line.start >= len(text) * _SIDEBAR_SHARE:
                # Other postings follow to the end of the page: read none of them.
                excluded.append((exclusion_start or line.start, len(text)))
                return Sections(_settle(sections), tuple(excluded))
            if heading.kind == _SIMILAR:
                # Near the top it is a sidebar: skip it up to the next heading only.
                exclusion_start = line.start
            if heading.kind == _STATEMENT and exclusion_start is None:
                exclusion_start = line.start
            field_name, weak = _resolve(heading.kind, has_nice)
            if field_name is not None:
                builder = _SectionBuilder(field_name, weak, line.end, statements)
                if heading.rest:
                    builder.add(_Line(heading.rest_start, line.end, heading.rest, False))
            continue
        if builder is not None:
            builder.add(line)
            if builder.closed:
                finish()
    finish()
    if exclusion_start is not None:
        excluded.append((exclusion_start, len(text)))
    return Sections(_settle(sections), tuple(excluded))


# A requirement that says it is optional as a whole: it opens with "Ideally", or its first
# sentence ends in "is a big plus" with no required part before a ";" ("Fluent English;
# Spanish is a plus" stays a requirement, and so does "..., idealerweise im Bankenumfeld").
_OPTIONAL_START = re.compile(
    r"^(?:ideally|idealerweise|idéalement|idealmente|bonus|nice to have|plus)\b", re.IGNORECASE
)
_OPTIONAL_PHRASE = (
    r"(?:\bis (?:also )?(?:a |an )?(?:big |huge |strong |definite |nice |real )?"
    r"(?:plus|bonus|advantage)|\bare a plus|\bwould be a plus|\bnice to have|\bpreferred|"
    r"\b(?:ist|sind|wäre) (?:ein plus|von vorteil)|\bwünschenswert|\bes un plus|\bserá un plus|"
    r"\bse valorará|\best un plus|\bserait un plus|\best un atout|\bsera un atout)"
)
_OPTIONAL_END = re.compile(_OPTIONAL_PHRASE + r"\W*$", re.IGNORECASE)
# The longest phrase _OPTIONAL_PHRASE matches ("is also an definite advantage", 29): every
# phrase ends in a word character, so a match starts at most this far before the last one.
_OPTIONAL_PHRASE_MAX: int = _parser.parse(_OPTIONAL_PHRASE, re.IGNORECASE).getwidth()[1]
# The words every phrase of _OPTIONAL_PHRASE ends with: an item whose last word is none of
# them (most items) needs no search.
_OPTIONAL_FINALS = (
    "plus",
    "bonus",
    "advantage",
    "have",
    "preferred",
    "vorteil",
    "wünschenswert",
    "valorará",
    "atout",
)
_OPTIONAL_FINAL_MAX = max(map(len, _OPTIONAL_FINALS))
_FIRST_SENTENCE_END = re.compile(r"[.!?]\s")


def _first_sentence(text: str) -> str:
    """The text up to its first ".", "!" or "?" that a space follows (the mark included)."""
    # A plain search, not a split at a look-behind: the scan stops only at ".!?".
    end = _FIRST_SENTENCE_END.search(text)
    return text if end is None else text[: end.start() + 1]


def _word_end(text: str) -> int:
    """Where the text's last word character (regex \\w) ends; 0 if it has none."""
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    return end


def _is_optional(item: Item) -> bool:
    if _OPTIONAL_START.match(item.text):
        return True
    first = _first_sentence(item.text)
    if ";" in first:
        return False
    end = _word_end(first)
    last = prefilter.fold_case(first[max(0, end - _OPTIONAL_FINAL_MAX) : end])
    if last is not None and not last.endswith(_OPTIONAL_FINALS):
        return False
    # Searching only the tail that can hold the phrase, not the whole item (\b still sees
    # the character before the start position).
    return bool(_OPTIONAL_END.search(first, max(0, end - _OPTIONAL_PHRASE_MAX)))


def _settle(sections: list[Section]) -> tuple[Section, ...]:
    """Drop fallback sections where a real one exists; move optional requirements."""
    real = {s.field for s in sections if not s.fallback}
    kept = [s for s in sections if not (s.fallback and s.field in real)]
    settled: list[Section] = []
    for section in kept:
        optional = [i for i in section.items if section.field == "requirements" and _is_optional(i)]
        if optional and len(optional) < len(section.items):
            section.items = [i for i in section.items if i not in optional]
            # One section per moved item, so that its span covers that item alone.
            settled.append(section)
            settled.extend(Section("nice_to_have", i.start, i.end, [i]) for i in optional)
        else:
            settled.append(section)
    return tuple(settled)


def RULE(context: RuleContext) -> list[Candidate]:
    """One candidate per section field the text states under a heading."""
    found = read_sections(context.text)
    candidates: list[Candidate] = []
    for field_name in SECTION_FIELDS:
        items = found.items(field_name)
        if not items:
            continue
        values = list(dict.fromkeys(item.text for item in items))
        span = (items[0].start, max(item.end for item in items))
        candidates.append(Candidate(field_name, values, SOURCE, Tier.RULE, span))
    return candidates

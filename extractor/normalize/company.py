"""Company names as commonly written: entities decoded, whitespace folded, legal forms dropped.

SPEC section 3 labels "Kranich Logistik", not "Kranich Logistik GmbH", so the legal form
("Inc.", "GmbH", "S.A.", "株式会社", "ООО «...»") goes wherever it leads or trails the name.
"""

from __future__ import annotations

import re

from extractor.normalize.text import clean_inline

# Trailing legal forms, longest first so "GmbH & Co. KG" goes as one piece, not as "KG".
_SUFFIXES = (
    r"gmbh\s*&\s*co\.?\s*kg(?:aa)?",
    r"(?:sanayi\s+ve\s+)?ticaret\s+(?:anonim|limited)\s+[şs]irketi",
    r"(?:anonim|limited)\s+[şs]irketi",
    r"ltd\.?\s*[şs]ti\.?",
    r"sanayi\s+ve\s+ticaret",
    r"a\.\s*[şs]\.",
    r"ag\s*&\s*co\.?\s*kg(?:aa)?",
    r"s\.?\s*a\.?\s*de\s*c\.?\s*v\.?",
    r"sp\.?\s*z\s*o\.?\s*o\.?",
    r"co(?:\.,?|,)\s*ltd\.?",
    r"pty\.?\s*ltd\.?",
    r"pvt\.?\s*ltd\.?",
    r"private\s+limited",
    r"public\s+limited\s+company",
    r"incorporated",
    r"corporation",
    r"limited",
    r"l\.?\s*l\.?\s*c\.?",
    r"l\.?\s*l\.?\s*p\.?",
    r"inc\.?",
    r"corp\.?",
    r"ltd\.?",
    r"ltda\.?",
    r"plc\.?",
    r"gmbh",
    r"ggmbh",
    r"mbh",
    r"ug(?:\s*\(haftungsbeschränkt\))?",
    r"kgaa",
    r"kg",
    r"ohg",
    r"e\.\s*v\.",
    r"ag",
    r"se",
    r"s\.?\s*a\.?\s*s\.?",
    r"s\.?\s*a\.?\s*r\.?\s*l\.?",
    r"s\.?\s*r\.?\s*l\.?",
    r"s\.?\s*p\.?\s*a\.?",
    r"s\.\s*l\.?",
    r"s\.\s*a\.?",
    r"sa",
    r"sl",
    r"n\.?\s*v\.?",
    r"b\.?\s*v\.?",
    r"a/s",
    r"aps",
    r"asa",
    r"as",
    r"oyj",
    r"oy",
    r"ab",
    r"kft\.?",
    r"zrt\.?",
    r"s\.?\s*r\.?\s*o\.?",
    r"a\.\s*s\.",
    r"d\.?\s*o\.?\s*o\.?",
    r"k\.\s*k\.",
    r"co\.",
    r"有限会社",
    r"株式会社",
    r"合同会社",
    r"有限公司",
    r"股份有限公司",
)
_TRAILING = re.compile(
    r"(?:[\s,]+|(?<=[\u3040-\u30ff\u4e00-\u9fff]))\(?(?:" + "|".join(_SUFFIXES) + r")\)?\s*$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^\s*(?:有限会社|株式会社|合同会社|\(株\)|（株）|(?:ООО|ОАО|ЗАО|ПАО|АО|ИП|ТОО|OOO)(?=[\s«\"“]))\s*",
)
_DANGLING = re.compile(r"(?:&|\band|\bund|\bet|\by|\+)$", re.IGNORECASE)
_QUOTES = "\"'«»“”„‚‘’「」"


def normalize_company(name: str) -> str | None:
    """The company as commonly written, or None when nothing is left.

    "ABC Company Inc." -> "ABC Company"; "Exogenous, Inc." -> "Exogenous";
    "ООО «Ромашка»" -> "Ромашка"; "有限会社 陽気" -> "陽気". A name that is nothing but a
    legal form is kept as given.
    """
    if not isinstance(name, str):
        return None
    cleaned = clean_inline(name).strip(" ,;")
    if not cleaned:
        return None
    stripped = cleaned
    for _ in range(3):  # "Foo GmbH & Co. KG", "Foo Co., Ltd.": a form may follow another
        before = stripped
        stripped = _LEADING.sub("", stripped)
        stripped = _TRAILING.sub("", stripped).strip(" ,;")
        stripped = _strip_quotes(stripped)
        if _DANGLING.search(stripped):
            stripped = before  # "Crumb & Co": the "Co" was part of the name
            break
        if stripped == before:
            break
    return stripped or cleaned


def _strip_quotes(name: str) -> str:
    """Drop quotes that wrap the whole name ("«Ромашка»"), keeping quotes inside it."""
    if len(name) >= 2 and name[0] in _QUOTES and name[-1] in _QUOTES:
        inner = name[1:-1].strip()
        if not any(quote in inner for quote in _QUOTES):
            return inner
    return name

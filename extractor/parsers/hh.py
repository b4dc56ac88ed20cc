"""hh.ru API vacancy JSON: a search page (``{"items": [...]}``) or one vacancy.

hh.ru states pay per month ({from, to, currency, gross}; "RUR" is the rouble, "BYR" the
Belarusian rouble). ``area`` is a city or a whole country; hh.ru does not say which country
a city is in, so a country is set only for the capitals and large cities listed below.
``archived`` means the vacancy no longer takes applications.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.normalize.countries import to_country_code
from extractor.normalize.currencies import to_currency_code
from extractor.normalize.dates import normalize_date
from extractor.normalize.salary import make_salary, parse_amount
from extractor.parsers.ats_common import (
    add_locations,
    company_name,
    compose_text,
    dig,
    get_str,
    list_under,
    make_location,
    parse_records,
    readable,
    require_title,
)
from extractor.parsers.base import ParsedPosting
from extractor.schema import ExperienceYears, Location, Salary

SOURCE = Format.HH.value

# Cities whose country is beyond doubt: capitals and the largest cities of the countries
# hh.ru serves. Anything else keeps its city and no country rather than a guess.
_CITY_COUNTRY: dict[str, str] = {
    **dict.fromkeys(
        (
            "Москва",
            "Санкт-Петербург",
            "Новосибирск",
            "Екатеринбург",
            "Казань",
            "Нижний Новгород",
            "Челябинск",
            "Самара",
            "Омск",
            "Ростов-на-Дону",
            "Уфа",
            "Красноярск",
            "Воронеж",
            "Пермь",
            "Волгоград",
            "Краснодар",
            "Хабаровск",
            "Владивосток",
        ),
        "RU",
    ),
    **dict.fromkeys(("Астана", "Алматы", "Шымкент", "Караганда"), "KZ"),
    **dict.fromkeys(("Ташкент", "Самарканд"), "UZ"),
    **dict.fromkeys(("Минск",), "BY"),
    **dict.fromkeys(("Бишкек",), "KG"),
    **dict.fromkeys(("Баку",), "AZ"),
    **dict.fromkeys(("Тбилиси",), "GE"),
    **dict.fromkeys(("Ереван",), "AM"),
}

# employment.id values; "probation" is hh.ru's internship.
_EMPLOYMENT: dict[str, str] = {
    "full": "FULL_TIME",
    "part": "PART_TIME",
    "project": "TEMPORARY",
    "volunteer": "VOLUNTEER",
    "probation": "INTERN",
}

# experience.id values as years asked for. "noExperience" is left empty: it asks for none,
# which is not a range of years the posting states.
_EXPERIENCE: dict[str, ExperienceYears] = {
    "between1And3": ExperienceYears(min=1, max=3),
    "between3And6": ExperienceYears(min=3, max=6),
    "moreThan6": ExperienceYears(min=6, max=None),
}

_HIGHLIGHT = re.compile(r"</?highlighttext>", re.I)


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting per vacancy, in order.

    Raises:
        MalformedInputError: the response holds no vacancy with a name.
    """
    data = detection.data
    records = data if isinstance(data, list) else list_under(data, "items")
    return parse_records(document, records if records is not None else [data], parse_job)


def parse_job(vacancy: dict[str, Any]) -> ParsedPosting:
    """One hh.ru vacancy: a search item (snippet only) or a full vacancy (description)."""
    title = require_title(vacancy, "name")
    posting = ParsedPosting(source=SOURCE)
    posting.text = compose_text(title, _blocks(vacancy))
    posting.add("title", title)
    posting.add("company", company_name(dig(vacancy, "employer", "name")))
    posting.add("department", get_str(vacancy, "department", "name"))
    remote = get_str(vacancy, "schedule", "id") == "remote"
    place, country = _area(vacancy)
    if remote and place is None and country:
        # A remote vacancy published for a whole country: applicants live there.
        posting.add("remote_eligibility", [country])
    add_locations(posting, [place])
    posting.add("workplace_type", "remote" if remote else None)
    kind = _EMPLOYMENT.get(get_str(vacancy, "employment", "id") or "")
    posting.add("employment_type", [kind] if kind else [])
    posting.add("salary", salary_from_hh(vacancy.get("salary")))
    posting.add("experience_years", _EXPERIENCE.get(get_str(vacancy, "experience", "id") or ""))
    posting.add("date_posted", normalize_date(vacancy.get("published_at")))
    posting.add("url", get_str(vacancy, "alternate_url"))
    posting.add("apply_url", get_str(vacancy, "apply_alternate_url"))
    archived = vacancy.get("archived")
    posting.add("status", "closed" if archived is True else "open" if archived is False else None)
    return posting


def salary_from_hh(salary: Any) -> Salary | None:
    """hh.ru's {from, to, currency, gross}: a monthly amount, before or after tax alike."""
    if not isinstance(salary, dict):
        return None
    return make_salary(
        parse_amount(salary.get("from")),
        parse_amount(salary.get("to")),
        to_currency_code(salary.get("currency")),
        "MONTH",
    )


def _area(vacancy: dict[str, Any]) -> tuple[Location | None, str | None]:
    """(the city, or None for a country-wide area; the country code where known)."""
    name = get_str(vacancy, "area", "name") or get_str(vacancy, "address", "city")
    if not name:
        return None, None
    country = to_country_code(name)
    if country:
        return None, country
    return make_location(name, None, _CITY_COUNTRY.get(name)), _CITY_COUNTRY.get(name)


def _blocks(vacancy: dict[str, Any]) -> list[tuple[str | None, str]]:
    """The full description where given; else the search snippet's two fields."""
    description = readable(vacancy.get("description"))
    if description:
        return [(None, description)]
    blocks: list[tuple[str | None, str]] = []
    for key, heading in (("responsibility", "Обязанности"), ("requirement", "Требования")):
        text = dig(vacancy, "snippet", key)
        if isinstance(text, str):
            blocks.append((heading, readable(_HIGHLIGHT.sub("", text))))
    return blocks

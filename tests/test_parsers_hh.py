"""hh.ru API: the realworld 20-vacancy search page, own fixtures, and malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.parsers import ParsedPosting, hh
from extractor.parsers.hh import salary_from_hh
from tests.conftest import shared_path
from tests.test_parsers_ats_common import check_fixture, fixture_cases, parse_path, plain

# Read off the search page: title, city (None for the country-wide area "Россия"), country,
# salary (min, max, currency) and employment type. hh.ru pay is monthly.
SEARCH_PAGE: list[tuple[str, str | None, str, tuple[float, float, str] | None, str]] = [
    ("Тестировщик комфорта квартир", "Воронеж", "RU", (350000, 450000, "RUB"), "FULL_TIME"),
    ("Удаленный диспетчер чатов (в Яндекс)", None, "RU", (30000, 44000, "RUB"), "FULL_TIME"),
    (
        "Удаленный специалист службы поддержки (в Яндекс)",
        None,
        "RU",
        (30000, 44000, "RUB"),
        "FULL_TIME",
    ),
    ("Менеджер по продажам недвижимости", "Астана", "KZ", (500000, 1000000, "KZT"), "FULL_TIME"),
    ("Менеджер чатов, удалённо (в Яндекс)", None, "RU", (30000, 44000, "RUB"), "FULL_TIME"),
    ("Бортпроводник", "Ташкент", "UZ", None, "FULL_TIME"),
    ("Наборщик текста/верстальщик", "Минск", "BY", (800, 800, "BYN"), "PART_TIME"),
    ("Менеджер по продажам (МЕРКАТОР)", "Казань", "RU", (160000, 160000, "RUB"), "FULL_TIME"),
    ("Оператор call-центра", "Ташкент", "UZ", (3500000, 20000000, "UZS"), "FULL_TIME"),
    ("Менеджер по работе с клиентами", "Астана", "KZ", (418500, 1000000, "KZT"), "FULL_TIME"),
    ("Стажер", "Ташкент", "UZ", (2000000, 2000000, "UZS"), "INTERN"),
    ("Хозработник", "Санкт-Петербург", "RU", (65000, 70000, "RUB"), "FULL_TIME"),
    ("Продавец-консультант", "Москва", "RU", (70000, 110000, "RUB"), "FULL_TIME"),
    ("Менеджер по туризму", "Алматы", "KZ", (180000, 200000, "KZT"), "FULL_TIME"),
    ("Junior back-end developer", "Ташкент", "UZ", (4000000, 8000000, "UZS"), "FULL_TIME"),
    (
        "Менеджер по сопровождению закупок (контрольно-измерительное оборудование)",
        "Москва",
        "RU",
        (90000, 90000, "RUB"),
        "FULL_TIME",
    ),
    ("Водитель-помощник", "Астана", "KZ", (300000, 300000, "KZT"), "FULL_TIME"),
    ("Машинист буровой установки RU-75", "Хабаровск", "RU", (228000, 228000, "RUB"), "FULL_TIME"),
    ("Семейный водитель", "Москва", "RU", (120000, 120000, "RUB"), "FULL_TIME"),
    (
        "Менеджер по работе с клиентами (МЕРКАТОР)",
        "Казань",
        "RU",
        (100000, 100000, "RUB"),
        "FULL_TIME",
    ),
]
REMOTE_TITLES = {
    "Удаленный диспетчер чатов (в Яндекс)",
    "Удаленный специалист службы поддержки (в Яндекс)",
    "Менеджер чатов, удалённо (в Яндекс)",
    "Наборщик текста/верстальщик",
}


@pytest.fixture(scope="module")
def search_page() -> list[ParsedPosting]:
    path = shared_path("realworld", "job-board-api-json", "hh-ru-search-page-20-vacancies.json")
    fmt, postings = parse_path(path)
    assert fmt == "hh"
    return postings


@pytest.mark.shared
def test_search_page_gives_twenty_postings_in_order(search_page: list[ParsedPosting]) -> None:
    assert [p.value("title") for p in search_page] == [row[0] for row in SEARCH_PAGE]


@pytest.mark.shared
@pytest.mark.parametrize("index", range(20))
def test_search_page_fields(search_page: list[ParsedPosting], index: int) -> None:
    title, city, country, salary, employment = SEARCH_PAGE[index]
    posting = search_page[index]
    if city is None:
        assert posting.value("locations") is None
        assert posting.value("remote_eligibility") == [country]
    else:
        assert plain(posting.value("locations")) == [
            {"city": city, "region": None, "country": country}
        ]
    if salary is None:
        assert posting.value("salary") is None
    else:
        low, high, currency = salary
        assert plain(posting.value("salary")) == {
            "min": low,
            "max": high,
            "currency": currency,
            "period": "MONTH",
        }
    assert posting.value("employment_type") == [employment]
    assert posting.value("workplace_type") == ("remote" if title in REMOTE_TITLES else None)
    assert posting.value("status") == "open"
    assert posting.value("url").startswith("https://hh.ru/vacancy/")
    assert "vacancy_response?vacancyId=" in posting.value("apply_url")


@pytest.mark.shared
def test_search_page_first_vacancy_in_detail(search_page: list[ParsedPosting]) -> None:
    first = search_page[0]
    assert first.value("company") == "Специализированный застройщик BM GROUP"
    assert first.value("date_posted") == "2024-02-16"
    assert first.value("url") == "https://hh.ru/vacancy/93353083"
    assert first.value("apply_url") == (
        "https://hh.ru/applicant/vacancy_response?vacancyId=93353083"
    )
    assert "## Обязанности\nОценивать вид из окна" in first.text
    assert "## Требования\nЗанимать активную жизненную позицию" in first.text
    # The «quotes» and the LLC legal form go (SPEC: company without a legal suffix).
    assert search_page[5].value("company") == "MY FREIGHTER"


@pytest.mark.shared
def test_search_page_experience_years(search_page: list[ParsedPosting]) -> None:
    years = [plain(p.value("experience_years")) for p in search_page]
    # "noExperience" (Нет опыта) states no range of years, so it stays empty.
    assert years[0] is None
    assert years[7] == {"min": 1, "max": 3}  # От 1 года до 3 лет
    assert years[15] == {"min": 3, "max": 6}  # От 3 до 6 лет
    assert years[18] == {"min": 6, "max": None}  # Более 6 лет
    assert sum(y is None for y in years) == 10


@pytest.mark.parametrize("case", fixture_cases("hh"), ids=lambda p: p.stem)
def test_fixtures(case: Path) -> None:
    check_fixture(case)


def test_salary_from_hh() -> None:
    assert salary_from_hh(None) is None
    assert salary_from_hh({"from": None, "to": None, "currency": "RUR"}) is None
    kzt = salary_from_hh({"from": 100, "to": None, "currency": "KZT", "gross": True})
    assert plain(kzt) == {"min": 100.0, "max": 100.0, "currency": "KZT", "period": "MONTH"}


def test_items_without_names_raise_malformed_input() -> None:
    document = Document(name="hh.json", text="{}")
    with pytest.raises(MalformedInputError, match="no title"):
        hh.parse(document, Detection(Format.HH, {"items": [{"area": {"name": "Москва"}}]}))

"""parse_location and location_from_address: places, remote markers, US/CA abbreviations."""

from __future__ import annotations

import pytest

from extractor.normalize.locations import ParsedLocation, location_from_address, parse_location
from extractor.schema import Location


def loc(city: str | None = None, region: str | None = None, country: str | None = None) -> Location:
    return Location(city=city, region=region, country=country)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("San Francisco, CA", loc("San Francisco", "California", "US")),
        ("Palo Alto, CA", loc("Palo Alto", "California", "US")),
        ("Kirkland, WA", loc("Kirkland", "Washington", "US")),
        ("New York, NY", loc("New York", "New York", "US")),
        ("London, UK", loc("London", None, "GB")),
        ("Berlin, Germany", loc("Berlin", None, "DE")),
        ("Toronto, ON", loc("Toronto", "Ontario", "CA")),
        ("Houghton Le Spring, England, United Kingdom", loc("Houghton Le Spring", "England", "GB")),
        ("Bursa, Nilüfer, Türkiye", loc("Bursa", "Nilüfer", "TR")),
        ("Kocaeli / Dilovası, Türkiye", loc("Dilovası", "Kocaeli", "TR")),
        ("Atlanta, Georgia, USA", loc("Atlanta", "Georgia", "US")),
        ("Paris, France", loc("Paris", None, "FR")),
        ("Roma, Italia", loc("Roma", None, "IT")),
        ("München, Deutschland", loc("München", None, "DE")),
        ("Lyon, FRA", loc("Lyon", None, "FR")),
        ("The Hague, Netherlands", loc("The Hague", None, "NL")),
    ],
)
def test_single_places(text: str, expected: Location) -> None:
    parsed = parse_location(text)
    assert parsed.locations == [expected]
    assert parsed.remote is False


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Remote, Italy", ["IT"]),
        ("Remote, US", ["US"]),
        ("Remote (United States)", ["US"]),
        ("Remote - North America", ["North America"]),
        ("Anywhere in the World", ["Worldwide"]),
        ("Anywhere in the U.S. (remote)", ["US"]),
        ("Remote - based in the EU only", ["EU"]),
        ("Télétravail, France", ["FR"]),
        ("Remoto - LATAM", ["Latin America"]),
        ("Homeoffice, Deutschland", ["DE"]),
        ("Remote", []),
        ("US & Canada (Remote)", ["US", "CA"]),
        ("Remote US/Canada", ["US", "CA"]),
        ("Remote - EMEA/APAC", ["EMEA", "APAC"]),
        ("Remote - Germany and Austria", ["DE", "AT"]),
        ("Remote - US: All locations", ["US"]),
        ("Remote (Europe, GMT ±3)", ["Europe"]),
    ],
)
def test_remote_strings_give_regions_not_locations(text: str, regions: list[str]) -> None:
    parsed = parse_location(text)
    assert parsed.remote is True
    assert parsed.locations == []
    assert parsed.remote_regions == regions


def test_remote_with_a_named_city_keeps_the_city_as_a_base() -> None:
    parsed = parse_location("Remote,Warsaw, Poland")
    assert parsed == ParsedLocation([loc("Warsaw", None, "PL")], remote=True, remote_regions=[])


def test_multi_location_string_splits_on_semicolons_and_or() -> None:
    parsed = parse_location(
        "Virtual (100% Remote); Washington, DC; New York, NY; San Francisco, CA; Chicago, IL"
    )
    assert parsed.remote is True
    assert parsed.locations == [
        loc("Washington", "District of Columbia", "US"),
        loc("New York", "New York", "US"),
        loc("San Francisco", "California", "US"),
        loc("Chicago", "Illinois", "US"),
    ]
    assert parse_location("London | Berlin").locations == [
        loc("London", None, "GB"),
        loc("Berlin", None, "DE"),
    ]
    assert parse_location("London or Paris").locations == [
        loc("London", None, "GB"),
        loc("Paris", None, "FR"),
    ]


def test_duplicate_places_are_listed_once() -> None:
    assert parse_location("Berlin, Germany; Berlin, Germany").locations == [
        loc("Berlin", None, "DE")
    ]


def test_hybrid_is_flagged_and_stripped() -> None:
    parsed = parse_location("San Francisco (Hybrid)")
    assert parsed.hybrid is True
    assert parsed.remote is False
    assert parsed.locations == [loc("San Francisco", None, "US")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A country code after a city stays a country when the city says so.
        ("Berlin, DE", loc("Berlin", None, "DE")),
        ("Amsterdam, NL", loc("Amsterdam", None, "NL")),
        # A lone two-letter code is a country, never a state.
        ("CA", loc(None, None, "CA")),
        # "Georgia" after a foreign city is not the US state: no country is invented.
        ("Tbilisi, Georgia", loc("Tbilisi", "Georgia", None)),
        # Lower-case words are not codes: "in" is not India.
        ("Springfield, in", loc("Springfield", "in", None)),
        # An unknown town with no country keeps its country empty.
        ("Smallville", loc("Smallville", None, None)),
        ("New York", loc("New York", None, "US")),
        ("NYC", loc("New York", None, "US")),
        ("California", loc(None, "California", "US")),
    ],
)
def test_ambiguous_tokens_are_not_misread(text: str, expected: Location) -> None:
    assert parse_location(text).locations == [expected]


@pytest.mark.parametrize("text", ["", "   ", ",", " - "])
def test_empty_strings_give_nothing(text: str) -> None:
    assert parse_location(text) == ParsedLocation()


def test_entities_and_whitespace_are_cleaned() -> None:
    assert parse_location("  Z&uuml;rich,\n Switzerland ").locations == [loc("Zürich", None, "CH")]


def test_address_expands_us_state_and_sets_country() -> None:
    address = {"@type": "PostalAddress", "addressLocality": "Kirkland", "addressRegion": "WA"}
    assert location_from_address(address) == loc("Kirkland", "Washington", "US")


def test_address_keeps_a_foreign_region_as_written() -> None:
    address = {
        "addressLocality": "Leeds",
        "addressRegion": "West Yorkshire",
        "addressCountry": "GB",
    }
    assert location_from_address(address) == loc("Leeds", "West Yorkshire", "GB")


def test_address_region_abbreviation_is_not_expanded_outside_its_country() -> None:
    # "CA" is not California in a German address.
    address = {"addressLocality": "Köln", "addressRegion": "CA", "addressCountry": "DE"}
    assert location_from_address(address) == loc("Köln", "CA", "DE")


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ({"@type": "Country", "name": "Deutschland"}, "DE"),
        ("JP", "JP"),
        ("USA", "US"),
        ("Türkiye", "TR"),
        (["FR"], "FR"),
    ],
)
def test_address_country_shapes(country: object, code: str) -> None:
    located = location_from_address({"addressLocality": "X-town", "addressCountry": country})
    assert located is not None
    assert located.country == code


def test_address_province_sets_canada() -> None:
    assert location_from_address({"addressLocality": "Montreal", "addressRegion": "QC"}) == loc(
        "Montreal", "Quebec", "CA"
    )


@pytest.mark.parametrize("address", [{}, {"addressLocality": "  "}, None, 42, []])
def test_address_without_a_place_is_none(address: object) -> None:
    assert location_from_address(address) is None


def test_address_given_as_a_string_is_parsed() -> None:
    assert location_from_address("Palo Alto, CA") == loc("Palo Alto", "California", "US")


def test_a_list_of_countries_without_remote_gives_country_only_places() -> None:
    assert parse_location("US & Canada").locations == [loc(None, None, "US"), loc(None, None, "CA")]


def test_country_names_with_and_stay_one_country() -> None:
    assert parse_location("Bosnia and Herzegovina").locations == [loc(None, None, "BA")]


@pytest.mark.parametrize("text", ["Multiple Locations", "Various locations", "TBD", "GMT+2"])
def test_strings_that_name_no_place_give_no_location(text: str) -> None:
    assert parse_location(text).locations == []


def test_state_code_before_country_code_is_a_region_not_a_country() -> None:
    assert parse_location("NY, US").locations == [loc(None, "New York", "US")]

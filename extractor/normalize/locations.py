"""Location strings and schema.org addresses into SPEC Locations, with remote markers read.

"San Francisco, CA" is San Francisco, California, US; "Remote, Italy" is a remote job whose
applicants live in Italy (remote_regions ["IT"], no location); "Anywhere in the World" is
Worldwide. A two-letter token is a US state or Canadian province only where it follows a city
("Kirkland, WA"), so "Berlin, DE" stays Germany and a lone "CA" stays Canada. A country is set
only where a token, a state table or the short table of well-known cities supports it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from extractor.normalize.countries import to_country_code
from extractor.normalize.text import clean_inline
from extractor.schema import Location

US_STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "PR": "Puerto Rico",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}

CA_PROVINCES: dict[str, str] = {
    "AB": "Alberta",
    "BC": "British Columbia",
    "MB": "Manitoba",
    "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador",
    "NS": "Nova Scotia",
    "NT": "Northwest Territories",
    "NU": "Nunavut",
    "ON": "Ontario",
    "PE": "Prince Edward Island",
    "QC": "Quebec",
    "SK": "Saskatchewan",
    "YT": "Yukon",
}

# Full names that are also countries: "Atlanta, Georgia" is the state, "Georgia" alone is not.
_AMBIGUOUS_NAMES = frozenset({"georgia"})

_STATE_NAMES: dict[str, tuple[str, str]] = {
    **{name.casefold(): (name, "US") for name in US_STATES.values()},
    **{name.casefold(): (name, "CA") for name in CA_PROVINCES.values()},
    "québec": ("Quebec", "CA"),
}

# Cities that name one country in practice, for strings that give only the city ("New York").
_CITY_COUNTRIES: dict[str, str] = {
    "new york": "US",
    "new york city": "US",
    "nyc": "US",
    "san francisco": "US",
    "los angeles": "US",
    "seattle": "US",
    "chicago": "US",
    "boston": "US",
    "austin": "US",
    "palo alto": "US",
    "mountain view": "US",
    "london": "GB",
    "manchester": "GB",
    "leeds": "GB",
    "edinburgh": "GB",
    "glasgow": "GB",
    "bristol": "GB",
    "birmingham": "GB",
    "berlin": "DE",
    "munich": "DE",
    "münchen": "DE",
    "hamburg": "DE",
    "frankfurt": "DE",
    "köln": "DE",
    "cologne": "DE",
    "paris": "FR",
    "lyon": "FR",
    "madrid": "ES",
    "barcelona": "ES",
    "lisbon": "PT",
    "lisboa": "PT",
    "amsterdam": "NL",
    "rotterdam": "NL",
    "dublin": "IE",
    "warsaw": "PL",
    "warszawa": "PL",
    "kraków": "PL",
    "krakow": "PL",
    "wrocław": "PL",
    "prague": "CZ",
    "praha": "CZ",
    "vienna": "AT",
    "wien": "AT",
    "zurich": "CH",
    "zürich": "CH",
    "geneva": "CH",
    "stockholm": "SE",
    "copenhagen": "DK",
    "oslo": "NO",
    "helsinki": "FI",
    "athens": "GR",
    "milan": "IT",
    "milano": "IT",
    "rome": "IT",
    "istanbul": "TR",
    "tel aviv": "IL",
    "toronto": "CA",
    "vancouver": "CA",
    "montreal": "CA",
    "montréal": "CA",
    "ottawa": "CA",
    "tokyo": "JP",
    "東京": "JP",
    "osaka": "JP",
    "seoul": "KR",
    "서울": "KR",
    "beijing": "CN",
    "shanghai": "CN",
    "shenzhen": "CN",
    "hangzhou": "CN",
    "杭州": "CN",
    "北京": "CN",
    "上海": "CN",
    "bangalore": "IN",
    "bengaluru": "IN",
    "mumbai": "IN",
    "sydney": "AU",
    "melbourne": "AU",
    "são paulo": "BR",
    "sao paulo": "BR",
    "mexico city": "MX",
    "moscow": "RU",
    "москва": "RU",
    "санкт-петербург": "RU",
    "kyiv": "UA",
    "bay area": "US",
    "san francisco bay area": "US",
    "silicon valley": "US",
    "greater london": "GB",
    "київ": "UA",
}

_REGIONS: dict[str, str] = {
    "worldwide": "Worldwide",
    "world": "Worldwide",
    "the world": "Worldwide",
    "global": "Worldwide",
    "globally": "Worldwide",
    "international": "Worldwide",
    "americas": "Americas",
    "the americas": "Americas",
    "north america": "North America",
    "latin america": "Latin America",
    "latam": "Latin America",
    "south america": "Latin America",
    "europe": "Europe",
    "european union": "EU",
    "eu": "EU",
    "emea": "EMEA",
    "apac": "APAC",
    "asia pacific": "APAC",
    "asia-pacific": "APAC",
    "africa": "Africa",
    "middle east": "Middle East",
    "oceania": "Oceania",
}

_REMOTE = re.compile(
    r"(?:\b(?:fully\s+|100\s*%\s*)?remote(?:[\s-]first|[\s-]friendly|[\s-]eligible|[\s-]only)?\b"
    r"|\bwork(?:ing)?\s+from\s+(?:home|anywhere)\b|\bwfh\b|\bvirtual\b|\bdistributed\b"
    r"|\bt[ée]l[ée]travail\b|\bremoto\b|\bhome[\s-]?office\b|\bmobiles\s+arbeiten\b"
    r"|\bà\s+distance\b|удал[её]нн\w*|удал[её]нно|リモート|在宅|远程)",
    re.IGNORECASE,
)
_ANYWHERE = re.compile(r"\banywhere\b(?:\s+in\s+(?:the\s+)?)?", re.IGNORECASE)
_HYBRID = re.compile(r"\bhybrid\b|\bhybride?\b|\bhíbrido\b|гибрид\w*", re.IGNORECASE)
_ONSITE = re.compile(r"\bon[\s-]?site\b|\bin[\s-]office\b|\bpr[ée]sentiel\b", re.IGNORECASE)
# Words left around a place once the remote marker is gone: "Remote - based in the EU only".
_FILLER = re.compile(
    r"^(?:(?:based|located|eligible|only)\s+)?(?:(?:in|within|from)\s+(?:the\s+)?)?"
    r"|(?:\s*\b(?:only|ok|possible|based|eligible|timezones?|time\s*zones?))+$",
    re.IGNORECASE,
)
_SPLIT_LOCATIONS = re.compile(r"\s*;\s*|\s+\|\s+|\s+or\s+|\s+oder\s+|\s+ou\s+|\n", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedLocation:
    """What a location string says.

    ``locations`` are the places named as bases. ``remote`` is set when the string says the
    job is remote; ``remote_regions`` are the countries (ISO alpha-2) and SPEC region names
    ("Europe", "Worldwide") that applicants may live in, and are meant for remote or hybrid
    jobs. ``hybrid`` is set when the string says hybrid.
    """

    locations: list[Location] = field(default_factory=list)
    remote: bool = False
    remote_regions: list[str] = field(default_factory=list)
    hybrid: bool = False


def parse_location(text: str) -> ParsedLocation:
    """Read a location string: one place or several split on ";", " | " or " or "."""
    if not isinstance(text, str) or not text.strip():
        return ParsedLocation()
    text = clean_inline(text)
    locations: list[Location] = []
    regions: list[str] = []
    remote = hybrid = False
    for part in _SPLIT_LOCATIONS.split(text):
        result = _parse_one(part)
        remote = remote or result.remote
        hybrid = hybrid or result.hybrid
        for location in result.locations:
            if location not in locations:
                locations.append(location)
        for region in result.remote_regions:
            if region not in regions:
                regions.append(region)
    return ParsedLocation(locations, remote, regions, hybrid)


def _parse_one(part: str) -> ParsedLocation:
    remote = bool(_REMOTE.search(part))
    hybrid = bool(_HYBRID.search(part))
    rest = _HYBRID.sub(" ", _ONSITE.sub(" ", _REMOTE.sub(" ", part)))
    regions: list[str] = []
    if _ANYWHERE.search(rest):
        remote = True
        rest = _ANYWHERE.sub(" ", rest)
        if not re.search(r"\w", rest):
            regions.append("Worldwide")
    tokens: list[str] = []
    listed: list[str] = []  # countries named in a list token, for an on-site string
    for raw in re.split(r"[,()\[\]:]|\s[-–—]\s|^\s*[-–—]|[-–—]\s*$", rest):
        token = _FILLER.sub("", raw.strip(" .-–—/")).strip(" .-–—/")
        if not token:
            continue
        if _NOT_A_PLACE.search(token):
            continue
        region = _REGIONS.get(token.casefold())
        areas = _areas(token)
        if region:
            regions.append(region)
        elif areas:
            # "US & Canada", "EMEA/APAC": several countries or regions, no city.
            if remote:
                regions.extend(areas)
            else:
                listed.extend(area for area in areas if area not in _REGIONS.values())
                regions.extend(area for area in areas if area in _REGIONS.values())
        else:
            tokens.append(token)
    if listed and not tokens:
        # Countries from a list ("US & Canada") are places of their own.
        places = [Location(country=code) for code in dict.fromkeys(listed)]
        return ParsedLocation(places, remote, list(dict.fromkeys(regions)), hybrid)
    location = _location_from_tokens(tokens)
    locations: list[Location] = []
    if location is not None:
        if remote and location.city is None and location.country:
            # "Remote, Italy": a country with no city is where applicants live, not a base.
            regions.append(location.country)
        else:
            locations.append(location)
    return ParsedLocation(locations, remote, list(dict.fromkeys(regions)), hybrid)


# Tokens that name no place: time zones, "All locations", "TBD".
_NOT_A_PLACE = re.compile(
    r"\b(?:GMT|UTC|CET|CEST|EET|EST|EDT|CST|PST|PDT|MST|IST|JST|AEST)\b|±|time\s*zones?"
    r"|^(?:all|multiple|various|several|other|any)\s+(?:locations?|cities|offices)$"
    r"|^(?:tbd|tba|n/?a|flexible|various|multiple)$",
    re.IGNORECASE,
)
_AREA_SEPARATOR = re.compile(r"\s*(?:/|&|\+|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)


def _areas(token: str) -> list[str]:
    """A list of countries or regions in one token ("US & Canada"), or [] when it is not one."""
    pieces = [piece for piece in _AREA_SEPARATOR.split(token) if piece.strip()]
    if len(pieces) < 2:
        return []
    found: list[str] = []
    for piece in pieces:
        area = _REGIONS.get(piece.strip().casefold()) or _country_token(piece.strip())
        if area is None:
            return []
        found.append(area)
    return list(dict.fromkeys(found))


def _location_from_tokens(tokens: list[str]) -> Location | None:
    tokens = list(tokens)
    if not tokens:
        return None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    # The last token: a state abbreviation after a city, or a country.
    last = tokens[-1]
    known_city_country = _CITY_COUNTRIES.get(tokens[0].casefold())
    if len(tokens) >= 2 and last in US_STATES and known_city_country in (None, "US"):
        region, country = US_STATES[last], "US"
        tokens.pop()
    elif len(tokens) >= 2 and last in CA_PROVINCES and _country_token(last) is None:
        region, country = CA_PROVINCES[last], "CA"
        tokens.pop()
    else:
        country = _country_token(last)
        if country:
            tokens.pop()
    if tokens and region is None:
        state = _state_token(tokens[-1], country)
        if state and (len(tokens) >= 2 or country or tokens[-1] not in _CITY_TOKENS_AS_STATES):
            region, state_country = state
            country = country or state_country
            tokens.pop()
    if tokens:
        city = tokens[0]
        if region is None and len(tokens) >= 2:
            region = tokens[-1]
        if "/" in city and region is None:
            # "Kocaeli / Dilovası": province, then district.
            outer, _, inner = city.partition("/")
            region, city = outer.strip() or None, inner.strip() or None
    if city and city.casefold() in _CITY_ABBREVIATIONS:
        city = _CITY_ABBREVIATIONS[city.casefold()]
    if country is None and city:
        country = _CITY_COUNTRIES.get(city.casefold())
    if city is None and region is None and country is None:
        return None
    return Location(city=city, region=region, country=country)


# Abbreviations that stand for one city only.
_CITY_ABBREVIATIONS = {"nyc": "New York", "n.y.c.": "New York"}

# "New York" alone is the city; "New York, NY" and "Albany, New York" name the state.
_CITY_TOKENS_AS_STATES = frozenset({"New York", "Washington"})


def _state_token(token: str, country: str | None) -> tuple[str, str] | None:
    """A US state or Canadian province named in full or abbreviated, where the country allows."""
    if token in US_STATES and country in (None, "US"):
        return US_STATES[token], "US"
    if token in CA_PROVINCES and country in (None, "CA"):
        return CA_PROVINCES[token], "CA"
    folded = token.casefold()
    named = _STATE_NAMES.get(folded)
    if folded in _AMBIGUOUS_NAMES and country != "US":
        return None  # "Tbilisi, Georgia" is not in the US
    if named and country in (None, named[1]):
        return named
    return None


def _country_token(token: str) -> str | None:
    """A country from a name, or from a code written in capitals ("DE"; never the word "de")."""
    if token.casefold() in _AMBIGUOUS_NAMES:
        return None
    compact = token.replace(".", "").replace(" ", "")
    if len(compact) <= 3 and not compact.isupper():
        return None
    return to_country_code(token)


def location_from_address(address: Mapping[str, Any] | Any) -> Location | None:
    """A Location from a schema.org PostalAddress (a dict), or None when it names no place.

    addressRegion abbreviations of US states and Canadian provinces are written in full and
    set the country where addressCountry is missing; addressCountry may be a code, a name, or
    a Country node ({"name": ...}).
    """
    if isinstance(address, str):
        parsed = parse_location(address)
        return parsed.locations[0] if parsed.locations else None
    if not isinstance(address, Mapping):
        return None
    city = _text(address.get("addressLocality"))
    region = _text(address.get("addressRegion"))
    country_value = address.get("addressCountry")
    if isinstance(country_value, Mapping):
        country_value = country_value.get("name") or country_value.get("identifier")
    country_text = _text(country_value)
    country = to_country_code(country_text) if country_text else None
    if region:
        state = _state_token(region, country)
        if state:
            region = state[0]
            country = country or state[1]
    if country is None and city:
        country = _CITY_COUNTRIES.get(city.casefold())
    if city is None and region is None and country is None:
        return None
    return Location(city=city, region=region, country=country)


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    cleaned = clean_inline(value).strip(" ,")
    return cleaned or None


def remote_region(name: object) -> str | None:
    """One remote_eligibility item from a name: a SPEC region, or a country as alpha-2.

    A US state or Canadian province named in full gives its country ("California" -> "US"),
    the nearest item SPEC's list can hold. Anything else gives None.
    """
    text = _text(name)
    if text is None:
        return None
    region = _REGIONS.get(text.casefold())
    if region:
        return region
    country = _country_token(text)
    if country:
        return country
    state = _STATE_NAMES.get(text.casefold())
    return state[1] if state and text.casefold() not in _AMBIGUOUS_NAMES else None

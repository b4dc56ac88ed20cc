"""to_country_code and country_name: codes, names in many languages, alpha-3, aliases."""

from __future__ import annotations

import pytest

from extractor.normalize.countries import country_name, to_country_code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("DE", "DE"),
        ("de", "DE"),
        ("Germany", "DE"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Alemania", "DE"),
        ("Германия", "DE"),
        ("ドイツ", "DE"),
        ("DEU", "DE"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("England", "GB"),
        ("Royaume-Uni", "GB"),
        ("Reino Unido", "GB"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("The Netherlands", "NL"),
        ("Hong Kong", "HK"),
        ("Côte d’Ivoire", "CI"),
        ("Korea, Republic of", "KR"),
        ("Bosnia and Herzegovina", "BA"),
        ("Россия", "RU"),
        ("中国", "CN"),
        ("日本", "JP"),
        ("España", "ES"),
        ("  Brasil ", "BR"),
        ("Schweiz", "CH"),
    ],
)
def test_known_countries(value: str, code: str) -> None:
    assert to_country_code(value) == code


@pytest.mark.parametrize("value", ["XX", "Narnia", "", "   ", None, 42, "EU", "ZZ", "Europe"])
def test_unknown_values_give_none(value: object) -> None:
    assert to_country_code(value) is None


def test_country_name_in_english() -> None:
    assert country_name("de") == "Germany"
    assert country_name("QQ") is None

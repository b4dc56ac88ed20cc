"""normalize_company: the name as commonly written, legal forms dropped."""

from __future__ import annotations

import pytest

from extractor.normalize.company import normalize_company


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kranich Logistik GmbH", "Kranich Logistik"),
        ("ABC Company Inc.", "ABC Company"),
        ("Exogenous, Inc.", "Exogenous"),
        ("Anson McCade Ltd", "Anson McCade"),
        ("Acme LLC", "Acme"),
        ("Acme, L.L.C.", "Acme"),
        ("Siemens AG", "Siemens"),
        ("Banco Exemplo S.A.", "Banco Exemplo"),
        ("Criteo SAS", "Criteo"),
        ("Booking B.V.", "Booking"),
        ("Supercell Oy", "Supercell"),
        ("Spotify AB", "Spotify"),
        ("Zeekit AS", "Zeekit"),
        ("Barclays PLC", "Barclays"),
        ("Foo Corp.", "Foo"),
        ("Foo Limited", "Foo"),
        ("Sony Co., Ltd.", "Sony"),
        ("Kranich GmbH & Co. KG", "Kranich"),
        ("Kranich GmbH &amp; Co. KG", "Kranich"),
        ("有限会社 陽気", "陽気"),
        ("陽気株式会社", "陽気"),
        ("株式会社メルカリ", "メルカリ"),
        ("ООО «Ромашка»", "Ромашка"),
        ('ООО "Ромашка"', "Ромашка"),
        ("  Palantir\n Technologies ", "Palantir Technologies"),
        ("beehiiv", "beehiiv"),
        ("AT&amp;amp;T", "AT&T"),
        ("OOO UZGPS", "UZGPS"),
        ("Crumb & Co Ltd", "Crumb & Co"),
        ("Smith and Co.", "Smith and Co."),
        ("Koç Holding A.Ş.", "Koç Holding"),
        ("Bosch Rexroth Otomasyon Sanayi ve Ticaret A.Ş.", "Bosch Rexroth Otomasyon"),
        ("Hitachi Energy Elektrik Sanayi Anonim Sirketi", "Hitachi Energy Elektrik Sanayi"),
    ],
)
def test_legal_forms_are_dropped(raw: str, expected: str) -> None:
    assert normalize_company(raw) == expected


@pytest.mark.parametrize(
    "name",
    ["Casa Blanca", "Visa", "Sage", "Lab Co", "ABC Company", "Incognito Labs", "Asana"],
)
def test_words_that_merely_resemble_legal_forms_stay(name: str) -> None:
    assert normalize_company(name) == name


def test_a_name_that_is_only_a_legal_form_is_kept() -> None:
    assert normalize_company("Inc.") == "Inc."


@pytest.mark.parametrize("raw", ["", "   ", " , "])
def test_empty_names_give_none(raw: str) -> None:
    assert normalize_company(raw) is None


def test_non_string_gives_none() -> None:
    assert normalize_company(None) is None  # type: ignore[arg-type]

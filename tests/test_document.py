"""Loading input: text, bytes and paths decoded, with every unusable input refused by type."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractor.document import DEFAULT_MAX_BYTES, load_document
from extractor.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)

WESTERN = "Ingénieur « Python » à Zürich — 60 000 € par an, café offert"


def test_text_is_taken_as_is_without_a_byte_order_mark() -> None:
    document = load_document("\ufeffSenior Engineer\n", name="post.txt")
    assert document.text == "Senior Engineer\n"
    assert document.name == "post.txt"
    assert document.warnings == ()


def test_lone_surrogates_in_text_are_replaced_with_a_warning() -> None:
    document = load_document("Engineer \ud800 wanted")
    assert document.text == "Engineer \ufffd wanted"
    assert document.warnings == ("1 lone surrogate(s) replaced by U+FFFD",)
    document.text.encode("utf-8")  # every reader downstream can encode it


def test_utf8_bytes_decode_without_warnings() -> None:
    document = load_document(WESTERN.encode("utf-8"))
    assert (document.text, document.encoding, document.warnings) == (WESTERN, "utf-8", ())


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_choose_the_encoding(encoding: str) -> None:
    assert load_document(WESTERN.encode(encoding)).text == WESTERN


def test_cp1252_smart_quotes_and_euro_sign_decode_with_a_warning() -> None:
    text = "We\u2019re hiring: \u201cSenior Engineer\u201d \u2013 \u20ac60,000 in K\u00f6ln"
    document = load_document(text.encode("cp1252"), name="legacy.txt")
    assert document.text == text
    assert document.encoding == "cp1252"
    assert document.warnings and "not valid UTF-8" in document.warnings[0]


def test_latin1_bytes_decode_as_the_western_text_they_are() -> None:
    document = load_document(WESTERN.replace("—", "-").replace("€", "EUR").encode("latin-1"))
    assert document.text == WESTERN.replace("—", "-").replace("€", "EUR")
    assert document.warnings


def test_utf8_with_a_stray_byte_stays_utf8_with_a_warning() -> None:
    data = "Zürich, Köln, Málaga — ".encode() + b"we\x92re hiring"
    document = load_document(data)
    assert document.text == "Zürich, Köln, Málaga — we\ufffdre hiring"
    assert document.encoding == "utf-8"
    assert document.warnings == ("decoded as utf-8 with 1 invalid byte(s) replaced",)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Programista Python w Łodzi, zażółć gęślą jaźń, umowa o pracę", "cp1250"),
        ("Ищем разработчика Python в Москве, полный день, удалённо", "cp1251"),
        ("東京のソフトウェアエンジニアを募集しています。経験三年以上。", "shift_jis"),
    ],
)
def test_other_legacy_encodings_are_not_read_as_western(text: str, encoding: str) -> None:
    assert load_document(text.encode(encoding)).text == text


@pytest.mark.parametrize(
    ("template", "encoding"),
    [
        (
            '<?xml version="1.0" encoding="Shift_JIS"?><source><title>{}</title></source>',
            "shift_jis",
        ),
        ('<html><head><meta charset="euc-jp"></head><body>{}</body></html>', "euc_jp"),
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            "</head><body>{}</body></html>",
            "cp1251",
        ),
    ],
)
def test_a_declared_encoding_is_used(template: str, encoding: str) -> None:
    words = "介護スタッフ募集" if encoding != "cp1251" else "Разработчик Python"
    document = load_document(template.format(words).encode(encoding))
    assert words in document.text
    assert document.warnings == ()


def test_a_wrong_declaration_falls_back_to_guessing() -> None:
    data = '<?xml version="1.0" encoding="utf-8"?><a>Café – “ok”</a>'.encode("cp1252")
    assert "Café – “ok”" in load_document(data).text


def test_a_path_is_read_and_named_by_its_path(tmp_path: Path) -> None:
    path = tmp_path / "job.txt"
    path.write_bytes(WESTERN.encode("utf-8"))
    document = load_document(path)
    assert document.text == WESTERN
    assert document.name == str(path)


def test_a_path_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: large on paper, nothing written

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputTooLargeError) as caught:
        load_document(path)
    assert caught.value.source == str(path)


@pytest.mark.timeout(5)
def test_a_device_that_reports_no_size_is_read_only_up_to_the_limit() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    with pytest.raises(InputTooLargeError):
        load_document(Path("/dev/zero"), max_bytes=1024)


def test_a_missing_path_or_a_directory_is_an_input_error(tmp_path: Path) -> None:
    for path in (tmp_path / "absent.txt", tmp_path):
        with pytest.raises(InputError) as caught:
            load_document(path)
        assert caught.value.source == str(path)


def test_the_limit_is_configurable_and_counts_bytes_not_characters() -> None:
    load_document("é" * 10, max_bytes=20)
    with pytest.raises(InputTooLargeError):
        load_document("é" * 11, max_bytes=20)  # 22 bytes in UTF-8
    with pytest.raises(InputTooLargeError):
        load_document(b"x" * 21, max_bytes=20)


@pytest.mark.parametrize("data", ["", "  \n\t ", b"", b"\xef\xbb\xbf  \r\n"])
def test_empty_or_blank_input_is_refused(data: str | bytes) -> None:
    with pytest.raises(EmptyInputError):
        load_document(data, name="blank.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 4,
        b"Title\x00\x00\x00body",
        "Title\x00body",
    ],
)
def test_binary_input_is_refused(data: str | bytes) -> None:
    with pytest.raises(BinaryInputError):
        load_document(data)


def test_invalid_utf16_after_its_byte_order_mark_raises_an_encoding_error() -> None:
    with pytest.raises(EncodingError):
        load_document(b"\xff\xfe\x00\xd8")


def test_control_share_counts_c0_controls_but_not_whitespace() -> None:
    from extractor.document import _control_share

    assert _control_share(b"") == 0.0
    assert _control_share(b"a\tb\nc\x0c\r") == 0.0
    assert _control_share(b"\x01\x02ab") == 0.5

"""Bad input through the public API: a typed error that names the input, or a warning with
the rest extracted. Nothing may hang, recurse without bound or leak a file's contents."""

from __future__ import annotations

import contextlib
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from extractor import extract_all
from extractor.errors import (
    BinaryInputError,
    EmptyInputError,
    ExtractorError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    UnsafeInputError,
)
from extractor.options import ExtractOptions
from tests.conftest import SHARED, realworld_documents, shared_path

# Rules belong to other modules; these tests are about reading the input.
NO_RULES = ExtractOptions(rules=False, include_text=True)
NAME = "posting-under-test"

pytestmark = pytest.mark.timeout(5)


def _laughs_yaml(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "---\ntitle: Engineer\n" + "\n".join(lines) + "\n---\nBody text.\n"


@pytest.mark.parametrize("data", ["", "   \n\t  \r\n", b"", b"\n\n"])
def test_empty_and_whitespace_input(data: str | bytes) -> None:
    with pytest.raises(EmptyInputError) as caught:
        extract_all(data, name=NAME)
    assert caught.value.source == NAME
    assert NAME in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(4096),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"\x00" * 64,
        "Senior Engineer\x00\x00",
    ],
    ids=["random-bytes", "png-header", "nul-bytes", "nul-in-text"],
)
def test_binary_data(data: str | bytes) -> None:
    with pytest.raises(BinaryInputError) as caught:
        extract_all(data, name=NAME)
    assert caught.value.source == NAME


def test_cp1252_input_decodes_with_a_warning_and_the_right_text() -> None:
    text = "Senior Engineer\n\nWe\u2019re paying \u20ac60,000 for a \u201cdata\u201d role."
    (result,) = extract_all(text.encode("cp1252"), name=NAME, options=NO_RULES)
    assert result.text == text
    assert any("cp1252" in warning for warning in result.warnings)


def test_latin1_input_decodes_with_a_warning_and_the_right_text() -> None:
    text = "Ingénieur logiciel à Zürich\n\nSalaire : 90 000 CHF, café offert."
    (result,) = extract_all(text.encode("latin-1"), name=NAME, options=NO_RULES)
    assert result.text == text
    assert any("not valid UTF-8" in warning for warning in result.warnings)


def test_input_over_the_default_limit_is_refused() -> None:
    with pytest.raises(InputTooLargeError) as caught:
        extract_all(b"a" * (5 * 1024 * 1024 + 1), name=NAME)
    assert caught.value.source == NAME


def test_the_limit_is_configurable() -> None:
    options = ExtractOptions(max_bytes=100, rules=False)
    assert extract_all("Engineer " * 10, options=options)
    with pytest.raises(InputTooLargeError):
        extract_all("Engineer " * 12, options=options)


def test_a_path_over_the_limit_is_refused_before_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse
    read: list[int] = []
    original = Path.read_bytes

    def counting_read(self: Path) -> bytes:
        data = original(self)
        read.append(len(data))
        return data

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    with pytest.raises(InputTooLargeError) as caught:
        extract_all(path)
    assert caught.value.source == str(path)
    assert read == []


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ('{"title": "Engineer", "company": }', "JSON"),
        ("<rss><channel><item><title>Engineer</title></item>", None),
        ("<source><job><title>A</title><job><title>B</title></source>", None),
    ],
    ids=["json", "rss-unclosed", "indeed-misnested"],
)
def test_malformed_json_and_xml(data: str, kind: str | None) -> None:
    if kind == "JSON":
        with pytest.raises(MalformedInputError) as caught:
            extract_all(data, name=NAME)
        assert caught.value.source == NAME and "JSON" in caught.value.problem
        return
    # Broken XML feeds keep what can be read, and say so.
    results = extract_all(data, name=NAME, options=NO_RULES)
    assert results and all(result.posting.title for result in results)
    assert all(any("not well-formed" in w for w in result.warnings) for result in results)


def test_xml_with_nothing_readable_is_malformed() -> None:
    with pytest.raises(MalformedInputError) as caught:
        extract_all("<rss><channel></channel></rss>", name=NAME)
    assert caught.value.source == NAME


def test_malformed_yaml_front_matter_names_the_input() -> None:
    data = "---\ntitle: [Engineer\n  company: {unclosed\n---\nBody.\n"
    with pytest.raises(MalformedInputError) as caught:
        extract_all(data, name=NAME)
    assert not isinstance(caught.value, UnsafeInputError)
    assert caught.value.source == NAME and "YAML" in caught.value.problem


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    with pytest.raises(UnsafeInputError) as caught:
        extract_all(_laughs_yaml(), name=NAME)
    assert caught.value.source == NAME


def test_xml_entity_expansion_is_refused() -> None:
    entities = "".join(
        f'<!ENTITY e{i} "{"".join(f"&e{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "lol">{entities}]>'
    bomb += "<rss><channel><item><title>&e9;</title></item></channel></rss>"
    with pytest.raises(UnsafeInputError) as caught:
        extract_all(bomb, name=NAME)
    assert caught.value.source == NAME


@pytest.mark.parametrize("root", ["rss", "feed", "source", "job"])
def test_xml_external_entities_are_refused_and_never_read(root: str) -> None:
    xxe = (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>'
        f"\n<{root}><item><title>&xxe;</title></item><job><title>&xxe;</title></job></{root}>"
    )
    try:
        results = extract_all(xxe, name=NAME, options=NO_RULES)
    except UnsafeInputError as error:
        assert error.source == NAME
        assert "root:" not in str(error)
        return
    pytest.fail(f"external entity accepted: {[r.model_dump_json() for r in results]}")


def test_passwd_contents_never_appear_even_through_html() -> None:
    page = (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><h1>Engineer &xxe;</h1><p>Apply now</p></body></html>"
    )
    try:
        results = extract_all(page, name=NAME, options=NO_RULES)
    except ExtractorError:
        return
    for result in results:
        assert "root:" not in result.model_dump_json()


@pytest.mark.parametrize(
    "data",
    ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000],
    ids=["arrays", "objects"],
)
def test_deeply_nested_json_is_unsafe_not_a_recursion_error(data: str) -> None:
    with pytest.raises(UnsafeInputError) as caught:
        extract_all(data, name=NAME)
    assert caught.value.source == NAME


def test_deeply_nested_json_with_a_posting_marker_is_still_refused() -> None:
    data = '{"@type": "JobPosting", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(UnsafeInputError):
        extract_all(data, name=NAME)


def test_every_refusal_is_an_extractor_error() -> None:
    for data in ("", os.urandom(512), "[" * 5000 + "]" * 5000, _laughs_yaml()):
        with pytest.raises(ExtractorError):
            extract_all(data, name=NAME)


BAD_FIXTURES = Path(__file__).parent / "fixtures" / "bad"
_ERRORS: dict[str, type[ExtractorError]] = {
    "MalformedInputError": MalformedInputError,
    "UnsafeInputError": UnsafeInputError,
}


@pytest.mark.parametrize(
    "path",
    sorted(p for p in BAD_FIXTURES.iterdir() if not p.name.endswith(".expected.json")),
    ids=lambda p: p.name,
)
def test_bad_fixture_files(path: Path) -> None:
    expected: dict[str, Any] = json.loads(
        path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json").read_text()
    )
    if "error" in expected:
        with pytest.raises(_ERRORS[expected["error"]]) as caught:
            extract_all(path, options=NO_RULES)
        assert isinstance(caught.value, InputError) and caught.value.source == str(path)
        assert expected.get("problem_contains", "") in caught.value.problem
        assert "root:" not in str(caught.value)
        return
    (result,) = extract_all(path, options=NO_RULES)
    assert result.text == expected["text"]
    for needle in expected["warnings"]:
        assert any(needle in warning for warning in result.warnings), needle


# Real documents of the formats read here, mutated the way transfers and hand edits break
# them: cut short, bytes flipped, spans dropped or doubled, markup characters inserted.
_MUTATED_FOLDERS = ("indeed-xml", "rss-xml", "atom-xml", "markdown-frontmatter", "html")
_INSERTS = (b"<", b"&", b"]]>", b"<![CDATA[", b"---\n", b"\x00", b"&#1;", b"\n- ", b"*a", b"\xff")


def _mutations(data: bytes, seed: int, count: int = 8) -> list[bytes]:
    rng = random.Random(seed)
    out: list[bytes] = []
    for _ in range(count):
        mutated = bytearray(data)
        at = rng.randrange(len(mutated))
        kind = rng.randrange(5)
        if kind == 0:
            del mutated[at:]
        elif kind == 1:
            for _ in range(5):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        elif kind == 2:
            del mutated[at : at + rng.randrange(200)]
        elif kind == 3:
            mutated[at:at] = mutated[at : at + rng.randrange(300)]
        else:
            mutated[at:at] = rng.choice(_INSERTS)
        out.append(bytes(mutated))
    return out


@pytest.mark.parametrize(
    "name",
    [
        path.relative_to(SHARED / "realworld").as_posix()
        for path in realworld_documents()
        if path.parent.name in _MUTATED_FOLDERS
    ],
)
def test_mutated_real_documents_raise_only_typed_errors(name: str) -> None:
    data = shared_path("realworld", name).read_bytes()
    for index, mutated in enumerate(_mutations(data, seed=len(name))):
        with contextlib.suppress(ExtractorError):
            extract_all(mutated, name=f"{name}#{index}", options=NO_RULES)

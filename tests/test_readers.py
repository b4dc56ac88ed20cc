"""The safe readers: typed errors for broken input, refusals for input built to exhaust them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from lxml import etree

from extractor.errors import MalformedInputError, UnsafeInputError
from extractor.readers import (
    MAX_NESTING,
    MAX_YAML_ALIASES,
    MAX_YAML_NODES,
    _is_plain_yaml,
    _libyaml_may_differ,
    _load_yaml_checked,
    load_json,
    load_yaml,
    local_name,
    parse_xml,
    xml_text,
)


def _laughs(levels: int, fan_out: int = 9) -> str:
    """A billion-laughs YAML: each level lists the previous one ``fan_out`` times."""
    lines = ['l0: &l0 ["lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * fan_out)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines)


def test_load_json_reads_json() -> None:
    assert load_json('{"title": "Engineer", "tags": [1, 2]}', "job.json") == {
        "title": "Engineer",
        "tags": [1, 2],
    }


def test_load_json_names_the_input_and_position_of_broken_json() -> None:
    with pytest.raises(MalformedInputError) as caught:
        load_json('{"title": "Engineer",\n "x": }', "job.json")
    assert caught.value.source == "job.json"
    assert "line 2" in caught.value.problem


def test_load_json_refuses_a_number_too_long_to_read() -> None:
    # Found by fuzzing: an integer of more than 4,300 digits escaped as a raw ValueError.
    with pytest.raises(MalformedInputError) as caught:
        load_json('{"title": "Engineer", "id": ' + "9" * 5000 + "}", "job.json")
    assert caught.value.source == "job.json"
    assert "4300 digits" in caught.value.problem


def test_load_json_accepts_nesting_up_to_the_limit() -> None:
    text = "[" * MAX_NESTING + "]" * MAX_NESTING
    assert load_json(text, "ok.json") is not None


@pytest.mark.timeout(5)
def test_load_json_refuses_deep_nesting_without_recursing() -> None:
    with pytest.raises(UnsafeInputError, match="nested deeper"):
        load_json("[" * 100_000 + "]" * 100_000, "deep.json")


def test_load_json_ignores_brackets_inside_strings_when_measuring_depth() -> None:
    text = '{"note": "' + "[" * (MAX_NESTING + 50) + '"}'
    assert load_json(text, "s.json") == {"note": "[" * (MAX_NESTING + 50)}


def test_load_yaml_reads_a_mapping_and_shared_anchors() -> None:
    data = load_yaml("base: &b {city: Oslo}\nfirst: *b\nsecond: *b\n", "fm.yaml")
    assert data == {"base": {"city": "Oslo"}, "first": {"city": "Oslo"}, "second": {"city": "Oslo"}}


def test_load_yaml_names_the_input_and_line_of_broken_yaml() -> None:
    with pytest.raises(MalformedInputError) as caught:
        load_yaml("title: ok\nlist: [unclosed\nnext: 1\n", "post.md")
    assert not isinstance(caught.value, UnsafeInputError)
    assert caught.value.source == "post.md"
    assert "line" in caught.value.problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [("posted: 2024-02-30", "day is out of range"), ("n: " + "9" * 5000, "4300 digits")],
)
def test_load_yaml_reports_values_python_cannot_build_as_malformed(text: str, problem: str) -> None:
    # Found by fuzzing: an impossible timestamp and an overlong integer raised ValueError.
    with pytest.raises(MalformedInputError) as caught:
        load_yaml(text, "job.md")
    assert caught.value.source == "job.md" and problem in caught.value.problem


def test_load_yaml_reports_control_characters_as_malformed() -> None:
    with pytest.raises(MalformedInputError) as caught:
        load_yaml("title: a\x16b\n", "ctl.yaml")
    assert caught.value.source == "ctl.yaml"


def test_load_yaml_refuses_tags_that_build_objects() -> None:
    with pytest.raises(MalformedInputError):
        load_yaml("x: !!python/object/apply:os.system ['echo hi']", "evil.yaml")


@pytest.mark.timeout(5)
def test_load_yaml_refuses_a_billion_laughs_that_uses_few_aliases() -> None:
    bomb = _laughs(levels=9)  # 81 aliases, under the alias limit, expanding to 9**9 values
    assert bomb.count("*") < MAX_YAML_ALIASES
    started = time.perf_counter()
    with pytest.raises(UnsafeInputError, match="alias bomb"):
        load_yaml(bomb, "bomb.yaml")
    assert time.perf_counter() - started < 1


@pytest.mark.timeout(5)
def test_load_yaml_refuses_more_aliases_than_the_limit() -> None:
    many = "a: &a x\nitems: [" + ", ".join(["*a"] * (MAX_YAML_ALIASES + 1)) + "]\n"
    with pytest.raises(UnsafeInputError):
        load_yaml(many, "many.yaml")


def test_load_yaml_refuses_an_alias_that_refers_to_itself() -> None:
    with pytest.raises(UnsafeInputError, match="itself"):
        load_yaml("a: &a [1, *a]\n", "loop.yaml")


@pytest.mark.timeout(5)
def test_load_yaml_refuses_deep_nesting() -> None:
    with pytest.raises(UnsafeInputError, match="nested deeper"):
        load_yaml("[" * 50_000 + "]" * 50_000, "deep.yaml")


@pytest.mark.timeout(5)
def test_load_yaml_refuses_deep_block_nesting_that_no_bracket_shows() -> None:
    deep = "".join("  " * level + f"k{level}:\n" for level in range(1500))
    with pytest.raises(UnsafeInputError, match="nested too deeply"):
        load_yaml(deep, "deep.yaml")


def test_load_yaml_refuses_more_values_than_the_limit_without_aliases() -> None:
    wide = "items: [" + ", ".join(["1"] * MAX_YAML_NODES) + "]\n"
    with pytest.raises(UnsafeInputError, match="expands past"):
        load_yaml(wide, "wide.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "title: Engineer\ntags: [go, k8s]\nopens: 2026-11-02\nurl: https://x.example/?a=1\n",
        "a:\n  - b\n  - {c: d}\nbody: |\n  line\n\n  line\n",
        "a: b: c\n",
        "a: 1\n---\nb: 2\n",
        "tags: [go, kubern? etes]\n",
        "a: |# comment\n",
        "g:\t \n",
        "a: !!str 1\n",
        "a: 2024-02-30\n",
        "a: \x16\n",
        "",
    ],
)
def test_load_yaml_reads_as_the_checked_python_loader(text: str) -> None:
    def read(load: Callable[[str, str], Any]) -> Any:
        try:
            return load(text, "fm.yaml")
        except MalformedInputError as error:
            return str(error)

    assert read(load_yaml) == read(_load_yaml_checked)


@pytest.mark.parametrize(
    "text",
    ["a:\tb\n", "\ufeffa: b\n", "a: !x b\n", "%YAML 1.1\n---\na: b\n", "a: |-# c\n", "a: [b?c]\n"],
)
def test_libyaml_may_differ_flags_what_libyaml_reads_otherwise(text: str) -> None:
    assert _libyaml_may_differ(text)


def test_libyaml_may_differ_passes_plain_front_matter() -> None:
    text = "title: Hiring now!\nurl: https://x.example/?a=1\npay: 100%\nbody: |\n  # Role\n"
    assert not _libyaml_may_differ(text)


def test_is_plain_yaml_refuses_aliases_and_deep_nesting() -> None:
    assert _is_plain_yaml("a: &x 1\nb: [2, {c: d}]\n")
    assert not _is_plain_yaml("a: &x 1\nb: *x\n")
    assert not _is_plain_yaml("- " * 60 + "x\n")
    assert not _is_plain_yaml("items: [" + ", ".join(["1"] * MAX_YAML_NODES) + "]\n")


def test_parse_xml_reads_well_formed_xml_without_warnings() -> None:
    root, warnings = parse_xml("<source><job><title>A</title></job></source>", "feed.xml")
    assert warnings == []
    assert xml_text(root.find("job/title")) == "A"


def test_parse_xml_recovers_what_it_can_from_broken_xml_and_warns() -> None:
    text = "<source><job><date>x</dat><title>A</title></job><job><title>B</title></job></source>"
    root, warnings = parse_xml(text, "feed.xml")
    assert [xml_text(job.find("title")) for job in root.iter("job")] == ["A", "B"]
    assert len(warnings) == 1 and "not well-formed" in warnings[0]


def test_parse_xml_reads_an_encoding_declaration_on_text() -> None:
    root, _ = parse_xml('<?xml version="1.0" encoding="ISO-8859-1"?><a>Zürich</a>', "f.xml")
    assert xml_text(root) == "Zürich"


def test_parse_xml_raises_when_nothing_is_readable() -> None:
    with pytest.raises(MalformedInputError) as caught:
        parse_xml("this is not markup at all", "feed.xml")
    assert caught.value.source == "feed.xml"


@pytest.mark.timeout(5)
def test_parse_xml_refuses_entity_expansion() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<lolz>&lol2;</lolz>"
    )
    with pytest.raises(UnsafeInputError, match="entities"):
        parse_xml(bomb, "bomb.xml")


def test_parse_xml_refuses_external_entities() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>'
    )
    with pytest.raises(UnsafeInputError):
        parse_xml(xxe, "xxe.xml")


def test_parse_xml_does_not_load_an_external_dtd() -> None:
    text = '<!DOCTYPE r SYSTEM "file:///etc/passwd"><r>ok</r>'
    root, _ = parse_xml(text, "dtd.xml")
    assert xml_text(root) == "ok"
    assert "root:" not in etree.tostring(root, encoding="unicode")


def test_local_name_drops_the_namespace_and_case() -> None:
    root, _ = parse_xml('<f xmlns:finn="urn:x"><finn:Adata/><!-- c --></f>', "f.xml")
    assert [local_name(child) for child in root] == ["adata", ""]


def test_xml_text_reads_cdata_and_a_missing_element_as_empty() -> None:
    root, _ = parse_xml("<a><![CDATA[<p>Hi</p>]]> there</a>", "f.xml")
    assert xml_text(root) == "<p>Hi</p> there"
    assert xml_text(None) == ""


def test_a_question_mark_counts_only_where_a_flow_collection_may_hold_it() -> None:
    assert _libyaml_may_differ("tags: [go, k8s]\nq: why?\n")
    assert not _libyaml_may_differ("# Where? {{ title }}\nurl: /jobs/{{ title }}.html\n")
    assert not _libyaml_may_differ("q: why?\n# see [docs]\n")
    assert _libyaml_may_differ("a: [x,\n# c\n y?]\n")
    assert _libyaml_may_differ("# c\r[a?b]\r")

"""Safe readers for JSON, YAML and XML: bounded nesting, no entity or alias bombs, typed errors."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from lxml import etree

from extractor.errors import MalformedInputError, UnsafeInputError

MAX_NESTING = 200
MAX_YAML_ALIASES = 100

_DOCTYPE_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)


def _nesting_depth(text: str) -> int:
    """The deepest bracket nesting outside strings, counted without recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def check_json_nesting(text: str, source: str) -> None:
    """Refuse JSON nested deeper than any posting needs, before a parser recurses into it.

    Raises:
        UnsafeInputError: nesting beyond MAX_NESTING levels.
    """
    if text.count("[") + text.count("{") > MAX_NESTING and _nesting_depth(text) > MAX_NESTING:
        raise UnsafeInputError(source, f"JSON nested deeper than {MAX_NESTING} levels")


def load_json(text: str, source: str) -> Any:
    """Parse strict JSON.

    Raises:
        UnsafeInputError: nesting beyond MAX_NESTING levels.
        MalformedInputError: text that is not JSON, with the line and column.
    """
    check_json_nesting(text, source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedInputError(
            source, f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    except RecursionError as error:  # pragma: no cover - the nesting check comes first
        raise UnsafeInputError(source, "JSON nested too deeply") from error


class _BoundedSafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing documents that lean on many aliases (billion laughs)."""

    alias_count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_YAML_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_YAML_ALIASES} aliases")
        return super().compose_node(parent, index)


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML with the safe loader: no tags that build objects, bounded aliases.

    Raises:
        UnsafeInputError: an alias bomb.
        MalformedInputError: text that is not YAML.
    """
    try:
        return yaml.load(text, Loader=_BoundedSafeLoader)
    except yaml.YAMLError as error:
        if "aliases" in str(error):
            raise UnsafeInputError(source, f"YAML alias bomb refused: {error}") from error
        raise MalformedInputError(source, f"malformed YAML: {_first_line(error)}") from error
    except RecursionError as error:
        raise UnsafeInputError(source, "YAML nested too deeply") from error


def parse_xml(text: str, source: str) -> tuple[etree._Element, list[str]]:
    """Parse XML without entities, DTDs or network, recovering what it can from broken markup.

    Returns the root and a list of warnings (empty for well-formed XML).

    Raises:
        UnsafeInputError: a document that declares entities (expansion or external entities).
        MalformedInputError: nothing readable at all.
    """
    if _DOCTYPE_ENTITY.search(text):
        raise UnsafeInputError(source, "XML declares entities; entity expansion is refused")
    data = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1).encode("utf-8")
    strict = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, strict), []
    except etree.XMLSyntaxError as error:
        problem = f"line {error.lineno}: {error.msg}"
    lenient = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = etree.fromstring(data, lenient)
    except etree.XMLSyntaxError as error:
        raise MalformedInputError(source, f"malformed XML: {problem}") from error
    if root is None:
        raise MalformedInputError(source, f"malformed XML: {problem}")
    return root, [f"XML is not well-formed ({problem}); read what could be recovered"]


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__

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
# Front matter holds a few hundred values at most; a document that expands (through aliases)
# to more nodes than this is built to exhaust whoever walks it.
MAX_YAML_NODES = 100_000

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
    except ValueError as error:  # an integer longer than Python reads (4,300 digits)
        raise MalformedInputError(source, f"unreadable JSON: {first_clause(error)}") from error
    except RecursionError as error:  # pragma: no cover - the nesting check comes first
        raise UnsafeInputError(source, "JSON nested too deeply") from error


def first_clause(error: Exception) -> str:
    """An exception's message up to its first ";" ("Exceeds the limit (4300 digits) ...")."""
    return str(error).split(";", 1)[0]


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

    Aliases are counted, and the document's size once every alias is expanded is measured
    before anything is built, so a billion-laughs document is refused in milliseconds even
    when it uses few aliases.

    Raises:
        UnsafeInputError: an alias bomb, a recursive alias, or nesting too deep to read.
        MalformedInputError: text that is not YAML.
    """
    if text.count("[") + text.count("{") > MAX_NESTING and _nesting_depth(text) > MAX_NESTING:
        # Flow collections nested this deep only exhaust the composer's recursion; refusing
        # them up front is faster than waiting for the RecursionError.
        raise UnsafeInputError(source, f"YAML nested deeper than {MAX_NESTING} levels")
    fast = _load_plain_yaml(text)
    if fast is not _NOT_PLAIN:
        return fast
    return _load_yaml_checked(text, source)


# libyaml reads a front matter about 20 times faster than PyYAML's Python scanner and
# composer. It is used only for documents where both read the same tree and no safety rule
# applies: no alias, nesting well inside the recursion limit, fewer nodes than the limit.
# Anything else, and any error, goes to the checked loader, which gives the same values,
# refusals and messages as ever.
_C_MAX_DEPTH = 50
_NOT_PLAIN = object()
# Where libyaml and PyYAML disagree (found by comparing both on mutated front matter): tabs,
# a byte order mark after the start, a tag ("!x"), a directive ("%YAML"), a comment straight
# after a block scalar's indicator ("|# note"), a "?" where a flow collection may be ("[a?b]"
# ends the scalar for PyYAML, not for libyaml). Each regex runs only when its character is
# there: one alternation over the whole text costs more than libyaml's parse.
_TAG = re.compile(r"(?<![^\s,\[{])!")
_DIRECTIVE = re.compile(r"(?<![^\n])%")
_COMMENTED_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*#")
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _load_plain_yaml(text: str) -> Any:
    """The document built by libyaml, or _NOT_PLAIN when the checked loader must read it."""
    if not yaml.__with_libyaml__ or _libyaml_may_differ(text):
        return _NOT_PLAIN
    try:
        if not _is_plain_yaml(text):
            return _NOT_PLAIN
        loader = yaml.CSafeLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError, RecursionError):
        return _NOT_PLAIN  # the checked loader reports it in its own words


def _libyaml_may_differ(text: str) -> bool:
    """True when the text holds something libyaml may read differently from PyYAML."""
    return (
        "\t" in text
        or "\ufeff" in text
        or ("!" in text and _TAG.search(text) is not None)
        or ("%" in text and _DIRECTIVE.search(text) is not None)
        or ("#" in text and _COMMENTED_BLOCK_HEADER.search(text) is not None)
        or ("?" in text and ("[" in text or "{" in text) and _question_in_flow(text))
    )


def _question_in_flow(text: str) -> bool:
    """True when a "?" may stand inside a flow collection: after the first "[" or "{" once
    whole-line comments (which hold no scalar) are left out. Front matter templates often
    have "{{ title }}" values and "?" in their comments."""
    if any(char in text for char in "\r\x85\u2028\u2029"):
        return True  # line breaks other than "\n": the comment lines are not found reliably
    code = _COMMENT_LINE.sub("", text)
    opens = [index for index in (code.find("["), code.find("{")) if index >= 0]
    return bool(opens) and code.rfind("?") > min(opens)


def _is_plain_yaml(text: str) -> bool:
    """True when libyaml's events hold no alias, nest at most _C_MAX_DEPTH deep and make
    fewer than MAX_YAML_NODES nodes; read event by event, without recursion.

    Raises:
        yaml.YAMLError: text libyaml cannot parse.
    """
    parser = yaml.CSafeLoader(text)
    depth = nodes = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.ScalarEvent):
                nodes += 1
            elif isinstance(event, _OPENS):
                nodes += 1
                depth += 1
                if depth > _C_MAX_DEPTH:
                    return False
            elif isinstance(event, _CLOSES):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                return False
        return nodes < MAX_YAML_NODES
    finally:
        parser.dispose()


def _load_yaml_checked(text: str, source: str) -> Any:
    """PyYAML's Python loader with every safety check: see load_yaml."""
    try:
        # The reader refuses non-printable characters as it is built.
        loader = _BoundedSafeLoader(text)
    except yaml.YAMLError as error:
        raise MalformedInputError(source, f"malformed YAML: {_yaml_problem(error)}") from error
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, source)
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        if "aliases" in str(error):
            raise UnsafeInputError(source, f"YAML alias bomb refused: {error}") from error
        raise MalformedInputError(source, f"malformed YAML: {_yaml_problem(error)}") from error
    except RecursionError as error:
        raise UnsafeInputError(source, "YAML nested too deeply") from error
    except ValueError as error:
        # A scalar YAML resolves but Python cannot build: a timestamp on a day that does not
        # exist (2024-02-30), an integer of more than 4,300 digits.
        problem = f"unreadable YAML value: {first_clause(error)}"
        raise MalformedInputError(source, problem) from error
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, source: str) -> None:
    """Refuse a node graph whose alias-expanded size is over MAX_YAML_NODES or that loops.

    Aliases make the composed graph share nodes; the size a consumer would walk is the tree
    size with every shared node counted each time it is referenced. Sizes are memoised per
    node and computed without recursion, so neither depth nor width can blow the stack.

    Raises:
        UnsafeInputError: the expanded size is over the limit, or an alias refers to itself.
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            in_progress.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _yaml_children(node))
            if total > MAX_YAML_NODES:
                raise UnsafeInputError(
                    source, f"YAML alias bomb refused: expands past {MAX_YAML_NODES:,} values"
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in in_progress:
            raise UnsafeInputError(source, "YAML refused: an alias refers to itself")
        in_progress.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _yaml_children(node) if id(child) not in sizes)


def _yaml_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _yaml_problem(error: yaml.YAMLError) -> str:
    """PyYAML's message on one line, with the line number where it has one."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None)
    if mark is not None and problem:
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return _first_line(error)


def parse_xml(text: str, source: str) -> tuple[etree._Element, list[str]]:
    """Parse XML without entities, DTDs or network, recovering what it can from broken markup.

    Returns the root and a list of warnings (empty for well-formed XML).

    Raises:
        UnsafeInputError: a document that declares entities (expansion or external entities).
        MalformedInputError: nothing readable at all.
    """
    if _DOCTYPE_ENTITY.search(text):
        # Entities are refused outright rather than left unexpanded: a feed that declares
        # them is either an attack (billion laughs, XXE) or relies on them for its text.
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


def local_name(element: etree._Element) -> str:
    """An element's tag without its namespace, lower-cased ("{http://...}Title" -> "title").

    Comments and processing instructions have no name and give "".
    """
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def xml_text(element: etree._Element | None) -> str:
    """All the text inside an element (CDATA included), stripped; "" for a missing one."""
    if element is None:
        return ""
    return "".join(str(part) for part in element.itertext()).strip()

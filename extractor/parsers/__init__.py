"""One parser module per format, behind one registry keyed by Format.

Every module exposes ``parse(document, detection) -> list[ParsedPosting]``. Modules are
imported on first use, so reading a plain-text file never pays for the XML feed parsers.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import UnsupportedFormatError
from extractor.parsers.base import ParsedPosting, ParseFunction

__all__ = ["PARSER_MODULES", "ParsedPosting", "parse_document", "parser_for"]

PARSER_MODULES: dict[Format, str] = {
    Format.JSONLD: "jsonld",
    Format.MICRODATA: "microdata",
    Format.RDFA: "rdfa",
    Format.GREENHOUSE: "greenhouse",
    Format.LEVER: "lever",
    Format.ASHBY: "ashby",
    Format.SMARTRECRUITERS: "smartrecruiters",
    Format.WORKDAY: "workday",
    Format.RECRUITEE: "recruitee",
    Format.HH: "hh",
    Format.HN: "hn",
    Format.INDEED_XML: "indeed_xml",
    Format.RSS: "rss",
    Format.ATOM: "atom",
    Format.FRONTMATTER: "frontmatter",
    Format.HTML: "html",
    Format.MARKDOWN: "text",
    Format.TEXT: "text",
    Format.JSON: "text",
}


def parser_for(fmt: Format | str) -> ParseFunction:
    """The parse function registered for a format.

    Raises:
        UnsupportedFormatError: no parser is registered under that name.
    """
    try:
        module = PARSER_MODULES[Format(fmt)]
    except (KeyError, ValueError):
        known = ", ".join(sorted(f.value for f in PARSER_MODULES))
        raise UnsupportedFormatError(f"no parser for format {fmt!r}; known: {known}") from None
    # parse is read on each call, so a parser replaced at run time (tests) still runs.
    parse: ParseFunction = _parser_module(module).parse
    return parse


@lru_cache(maxsize=32)  # import_module's lookup for every document: 1 us each
def _parser_module(module: str) -> ModuleType:
    return importlib.import_module(f"extractor.parsers.{module}")


def parse_document(document: Document, detection: Detection) -> list[ParsedPosting]:
    """Run the parser registered for the detected format."""
    return parser_for(detection.format)(document, detection)
